/**
 * What a blog author publishes, opened as a reader would, with the network cut off: the notebooks
 * exported through the CLI with small settings, as the whole notebook and as the article (HTML and
 * Markdown each), then loaded from file:// in Debian's headless chromium with every non-file request
 * blocked. Each page must make no request off the machine, log no console error, fit the page width
 * (desktop and phone), and show every chart, with meaningful alt text. The Markdown is rendered to
 * HTML beside it (as a static-site generator would) so that its relative chart links are checked
 * too. Screenshots go to dist/screenshots/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../runner/paths';
import { type ChartText, chartTextSizes } from '../helpers/chart-text';
import { launchChromium } from '../helpers/chromium';
import { renderMarkdown } from '../helpers/markdown-page';

const screenshots = path.join(projectRoot, 'dist', 'screenshots');
const notebooks = {
  attention_dense: ['n=2000', 'epochs=2', 'sweep_seeds=1', 'test_size=500', 'sweep_test_size=200'],
  attention_lstm: ['n=1000', 'epochs=1', 'test_size=200', 'time_steps=8', 'attention_column=3'],
  attention_faithfulness: ['n=1500', 'epochs=3', 'test_size=200', 'ig_steps=8', 'permutation_repeats=1', 'learning_seeds=1'],
  attention_sequence: ['time_steps=6', 'n=800', 'epochs=3', 'test_size=100', 'map_rows=6', 'comparison_seeds=1', 'comparison_n=300',
    'comparison_epochs=1', 'ig_steps=10'],
  attention_transformer: ['length=16', 'shortest_segment=5', 'train_sequences=200', 'steps=50', 'test_size=30'],
};
type Name = keyof typeof notebooks;
const names = Object.keys(notebooks) as Name[];
const forms = ['notebook', 'article'] as const;
type Form = (typeof forms)[number];
const viewports = [{ width: 1280, height: 900 }, { width: 400, height: 800 }];
const phone = viewports[1];
/** The smallest chart text a reader can read, in CSS pixels. */
const readableText = 9;
/** nbconvert's stand-in when an image has no alt text of its own. */
const placeholderAlt = 'No description has been provided for this image';

function exportAll(outDir: string, form: Form): void {
  for (const name of names) {
    const args = [path.join(projectRoot, 'bin', 'attention-lab.js'), 'export', `notebooks/${name}.ipynb`, '--out', outDir,
      '--to', 'html,markdown', ...(form === 'article' ? ['--article'] : []), ...notebooks[name].flatMap((p) => ['-p', p])];
    const run = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8', timeout: 600_000 });
    assert.equal(run.status, 0, `export of ${name} (${form}) failed:\n${run.stdout}\n${run.stderr}`);
  }
}

/**
 * Run in the page (a string: this project compiles without the DOM's types). Code, tables and
 * charts must fit the window: wide content may scroll inside its own box, but may neither run past
 * the window's right edge nor be cut off by a box that hides its overflow (nbconvert's lab template
 * clips long code lines that way).
 */
const overflowProblems = `(() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
  const overflowOf = (el) => getComputedStyle(el).overflowX;
  for (const el of document.querySelectorAll('pre, table, img, .jp-InputArea-editor, .jp-OutputArea-output')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;
    const own = overflowOf(el);
    const right = own === 'visible' ? box.left + Math.max(box.width, el.scrollWidth) : box.right;
    if ((own === 'hidden' || own === 'clip') && el.scrollWidth > el.clientWidth + 1) {
      problems.push(name(el) + ' cuts off ' + (el.scrollWidth - el.clientWidth) + ' px');
      continue;
    }
    let holder = el.parentElement;
    while (holder && overflowOf(holder) === 'visible') holder = holder.parentElement;
    if (holder === null || holder === document.documentElement || holder === document.body) {
      if (right > width + 1) problems.push(name(el) + ' runs ' + Math.round(right - width) + ' px past the window');
    } else if (['auto', 'scroll'].includes(overflowOf(holder))) {
      if (holder.getBoundingClientRect().right > width + 1) problems.push(name(holder) + ' (scrolling) runs past the window');
    } else if (right > holder.getBoundingClientRect().right + 1) {
      problems.push(name(el) + ' is cut off by ' + name(holder) + ' by ' + Math.round(right - holder.getBoundingClientRect().right) + ' px');
    }
  }
  return [...new Set(problems)];
})()`;

/** Tables wider than the window must scroll in a box of their own (one that fits the window), not drag the page along. */
const tablesNotScrolling = `(() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('table')].filter((table) => table.getBoundingClientRect().width > width).flatMap((table) => {
    let box = table;
    while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    const fits = box && box !== document.documentElement && box !== document.body && box.getBoundingClientRect().right <= width + 1;
    return fits ? [] : ['a ' + Math.round(table.getBoundingClientRect().width) + ' px table: ' + table.innerText.slice(0, 40)];
  });
})()`;

/** Text blocks (logs, progress lines) that a narrow window would split in the middle of a word. */
const breaksMidWord = `[...document.querySelectorAll('pre')].filter((pre) => {
  const style = getComputedStyle(pre);
  return style.whiteSpace !== 'pre' && (style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere');
}).map((pre) => pre.innerText.slice(0, 40))`;

interface PageReport {
  offMachine: string[];
  consoleErrors: string[];
  overflow: string[];
  images: Array<{ alt: string; loaded: boolean; width: number; height: number }>;
  /** Each chart's smallest text at the phone's width. */
  phoneChartText: ChartText[];
  tablesNotScrolling: string[];
  breaksMidWord: string[];
  text: string;
  codeCells: number;
  emptyCodeCells: number;
}

/** Opens a file with every request that is not file:// or data: blocked and recorded. */
async function inspect(browser: Browser, file: string, screenshot?: string): Promise<PageReport> {
  const report: PageReport = {
    offMachine: [], consoleErrors: [], overflow: [], images: [], phoneChartText: [], tablesNotScrolling: [], breaksMidWord: [], text: '', codeCells: 0, emptyCodeCells: 0,
  };
  for (const viewport of viewports) {
    const page: Page = await browser.newPage({ viewport });
    try {
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
        report.offMachine.push(url);
        return route.abort();
      });
      page.on('console', (message) => { if (message.type() === 'error') report.consoleErrors.push(message.text()); });
      page.on('pageerror', (error) => report.consoleErrors.push(error.message));
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const widths = await page.evaluate('({ width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth })') as
        { width: number; scrollWidth: number };
      if (widths.scrollWidth > widths.width) report.overflow.push(`the page is ${widths.scrollWidth} px wide in a ${widths.width} px window`);
      for (const problem of await page.evaluate(overflowProblems) as string[]) report.overflow.push(`${viewport.width} px: ${problem}`);
      if (viewport === phone) {
        report.phoneChartText = await chartTextSizes(page);
        report.tablesNotScrolling = await page.evaluate(tablesNotScrolling) as string[];
        report.breaksMidWord = await page.evaluate(breaksMidWord) as string[];
      }
      if (viewport === viewports[0]) {
        report.images = await page.evaluate(`[...document.images].map((img) => {
          img.scrollIntoView();
          const box = img.getBoundingClientRect();
          return { alt: img.getAttribute('alt') ?? '', loaded: img.complete && img.naturalWidth > 0, width: box.width, height: box.height };
        })`) as PageReport['images'];
        report.text = await page.locator('body').innerText();
        report.codeCells = await page.locator('.jp-InputArea-editor').count();
        report.emptyCodeCells = await page.evaluate(
          `[...document.querySelectorAll('.jp-CodeCell')].filter((cell) => cell.innerText.trim() === '').length`) as number;
        if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
      }
    } finally {
      await page.close();
    }
  }
  return report;
}

function assertReadable(report: PageReport, label: string, charts: number): void {
  assert.deepEqual(report.offMachine, [], `${label}: requests that would leave the machine`);
  assert.deepEqual(report.consoleErrors, [], `${label}: console errors`);
  assert.deepEqual(report.overflow, [], `${label}: content wider than the window`);
  assert.equal(report.images.length, charts, `${label}: charts`);
  assert.equal(report.phoneChartText.length, charts, `${label}: charts measured at ${phone.width} px`);
  const unreadable = report.phoneChartText.filter((chart) => chart.smallest < readableText)
    .map((chart) => `${chart.smallest.toFixed(1)} px in "${chart.alt}"`);
  assert.deepEqual(unreadable, [], `${label}: chart text under ${readableText} px at ${phone.width} px`);
  assert.deepEqual(report.tablesNotScrolling, [], `${label}: tables that do not scroll in their own box at ${phone.width} px`);
  assert.deepEqual(report.breaksMidWord, [], `${label}: text that would break mid-word`);
  for (const image of report.images) {
    assert.ok(image.loaded && image.width > 100 && image.height > 50, `${label}: a chart is not shown: ${JSON.stringify(image)}`);
    assert.ok(image.alt.length >= 30 && !image.alt.includes(placeholderAlt), `${label}: alt text "${image.alt}"`);
  }
}

// How each article states its training (the Transformer's counts steps, the others epochs).
const trainingSentence = (name: Name) => (name === 'attention_transformer' ? /\d+ steps of batch \d+ in [\d.]+ s/ : /Trained \d+ epochs? in/);
const chartCounts: Record<Name, number> = { attention_dense: 4, attention_lstm: 1, attention_faithfulness: 6, attention_sequence: 8, attention_transformer: 4 };

test('without Debian\'s chromium the browser tests fail with the command that installs it', async () => {
  await assert.rejects(launchChromium('/nonexistent/chromium'),
    /Debian's chromium is missing \(\/nonexistent\/chromium\).*Install it with: sudo apt-get install chromium$/);
});

describe('exports opened offline in chromium', () => {
  const outDirs = {} as Record<Form, string>;
  let browser: Browser | undefined;
  const reports = new Map<string, PageReport>();

  before(async () => {
    browser = await launchChromium();
    fs.mkdirSync(screenshots, { recursive: true });
    for (const form of forms) {
      outDirs[form] = fs.mkdtempSync(path.join(os.tmpdir(), `attention-lab-offline-${form}-`));
      exportAll(outDirs[form], form);
      for (const name of names) {
        const base = path.join(outDirs[form], name);
        reports.set(`${name} ${form} html`, await inspect(browser, `${base}.html`, path.join(screenshots, `${name}-${form}.png`)));
        reports.set(`${name} ${form} markdown`, await inspect(browser, renderMarkdown(`${base}.md`)));
      }
    }
  });
  after(async () => {
    await browser?.close();
    for (const dir of Object.values(outDirs)) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const name of names) {
    for (const form of forms) {
      for (const format of ['html', 'markdown']) {
        test(`${name}: the ${form} as ${format} loads nothing from the network, fits the page and shows every chart with alt text`, () => {
          const label = `${name} ${form} ${format}`;
          assertReadable(reports.get(label)!, label, chartCounts[name]);
        });
      }
    }

    test(`${name}: the page's title is the notebook's first heading`, () => {
      const html = fs.readFileSync(path.join(outDirs.article, `${name}.html`), 'utf8');
      const notebook = JSON.parse(fs.readFileSync(path.join(projectRoot, 'notebooks', `${name}.ipynb`), 'utf8')) as
        { cells: Array<{ source: string[] }> };
      const heading = /^# (.+)$/m.exec(notebook.cells[0].source.join(''))![1];
      assert.ok(html.includes(`<title>${heading}</title>`), heading);
      assert.doesNotMatch(html, /<script|<link|@import|https?:\/\/[^"'\s]*\.(?:js|css|mjs)\b/, 'a script or stylesheet reference');
    });

    test(`${name}: the article has prose, charts and tables, and none of the notebook's plumbing`, () => {
      const article = reports.get(`${name} article html`)!;
      const whole = reports.get(`${name} notebook html`)!;
      assert.equal(article.codeCells, 0, 'code in the article');
      assert.equal(article.emptyCodeCells, 0, 'blank gaps where code cells were');
      assert.ok(whole.codeCells > 0, 'the whole notebook shows its code');
      assert.match(whole.text, /Epoch 1\//, 'the whole notebook keeps the training log');
      for (const plumbing of [/Epoch \d+\//, /run \d+\/\d+:/, /Change the settings/, /publishResults|Results: modelParameters/, /\$h\$/]) {
        assert.doesNotMatch(article.text, plumbing);
      }
      assert.match(article.text, trainingSentence(name));
    });

    test(`${name}: the Markdown has front matter, relative chart files and Markdown tables`, () => {
      const markdown = fs.readFileSync(path.join(outDirs.article, `${name}.md`), 'utf8');
      assert.match(markdown, /^---\ntitle: "[^"\n]+"\ndate: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n---\n/);
      const links = [...markdown.matchAll(/!\[([^\]]+)\]\(([^)]+)\)/g)].map((m) => m[2]);
      assert.equal(links.length, chartCounts[name]);
      for (const link of links) {
        assert.match(link, new RegExp(`^${name}_files/[\\w.-]+\\.svg$`));
        assert.ok(fs.existsSync(path.join(outDirs.article, link)), link);
      }
      assert.doesNotMatch(markdown, /<table|<img|```typescript/);
      if (name === 'attention_dense') assert.match(markdown, /^\| x1 \| 1\.000 \|/m);
    });
  }
});
