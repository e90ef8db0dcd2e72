/**
 * Issue 22's "done when": the dense notebook exported with `--live` (the article as HTML and as
 * Markdown rendered beside it, and the whole notebook), opened from file:// in chromium with every
 * request off the machine blocked, at 1280 and 400 px. A link's hash sets up a run and starts it;
 * the attention peaks on the label's column; moved in the control, the column is followed; no
 * request leaves the machine, no console error is logged, and the playground's chart text is at
 * least 9 px (its charts scroll in their box rather than shrink). Without JavaScript the static charts
 * still show. The trained playground's screenshot goes to dist/screenshots/playground.png.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../runner/paths';
import { argmax } from '../../src/core/statistics';
import { launchChromium } from '../helpers/chromium';
import { renderMarkdown } from '../helpers/markdown-page';
import { exportNotebook, svgImages } from '../helpers/notebook-export';
import { openOffline, waitForState } from '../helpers/offline-page';

const notebook = 'notebooks/attention_dense.ipynb';
const parameters = ['n=2000', 'epochs=2', 'sweep_seeds=1', 'test_size=500', 'sweep_test_size=200'];
const link = '#attention_column=3&input_dim=6&n=4000&epochs=8&seed=7&run';
const viewports = [{ width: 1280, height: 900 }, { width: 400, height: 800 }];
const selector = '.attention-playground';
const screenshots = path.join(projectRoot, 'dist', 'screenshots');

/**
 * The smallest chart text in the playground as rendered, in CSS pixels: each SVG text's font size
 * scaled by how much its chart is shrunk to fit (the charts keep their size and scroll in their box).
 */
const smallestChartText = `Math.min(...[...document.querySelectorAll('.attention-playground .ap-chart svg')].flatMap((svg) => {
  const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
  return [...svg.querySelectorAll('text')].filter((text) => text.textContent.trim() !== '')
    .map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
}))`;

async function trainedAttention(page: Page): Promise<number[]> {
  const state = await waitForState(page, selector, ['done', 'error']);
  assert.equal(state, 'done', await page.locator(`${selector} .ap-status`).innerText());
  return JSON.parse(await page.locator(selector).getAttribute('data-attention') ?? 'null') as number[];
}

describe('the exported article\'s playground, offline in chromium', () => {
  let browser: Browser;
  let articleDir: string;
  let notebookDir: string;
  const pages: Record<string, string> = {};
  before(async () => {
    articleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-live-article-'));
    notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-live-notebook-'));
    exportNotebook(articleDir, notebook, parameters, ['--article', '--live', '--to', 'html,markdown']);
    exportNotebook(notebookDir, notebook, parameters, ['--live']);
    pages['article html'] = path.join(articleDir, 'attention_dense.html');
    pages['article markdown'] = renderMarkdown(path.join(articleDir, 'attention_dense.md'));
    pages['notebook html'] = path.join(notebookDir, 'attention_dense.html');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const dir of [articleDir, notebookDir]) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the Markdown links its script in <name>_files/ from a raw HTML block', () => {
    const markdown = fs.readFileSync(path.join(articleDir, 'attention_dense.md'), 'utf8');
    assert.match(markdown, /\n<div class="attention-playground" [^\n]*<\/div>\n<script src="attention_dense_files\/attention-playground\.js"><\/script>\n/);
    assert.ok(fs.existsSync(path.join(articleDir, 'attention_dense_files', 'attention-playground.js')));
  });

  for (const [form, viewport] of [['article html', viewports[0]], ['article html', viewports[1]], ['article markdown', viewports[0]],
    ['article markdown', viewports[1]], ['notebook html', viewports[1]]] as const) {
    test(`${form} at ${viewport.width} px: the link trains on column 3 of 6, the control moves it, nothing leaves the machine`, async () => {
      const { page, offMachine, consoleErrors } = await openOffline(browser, `file://${pages[form]}${link}`, viewport);
      try {
        const first = await trainedAttention(page);
        assert.equal(first.length, 6);
        assert.equal(argmax(first), 3, `attention ${JSON.stringify(first)}`);
        const valAcc = Number(await page.locator(selector).getAttribute('data-val-acc') ?? Number.NaN);
        assert.ok(valAcc >= 0 && valAcc <= 1, `data-val-acc ${valAcc}`);
        if (form === 'article html' && viewport === viewports[0]) {
          fs.mkdirSync(screenshots, { recursive: true });
          await page.locator(selector).screenshot({ path: path.join(screenshots, 'playground.png') });
        }

        await page.locator(`${selector} input[name="attention_column"]`).fill('1');
        await page.locator(`${selector} .ap-train`).click();
        assert.equal(await page.locator(selector).getAttribute('data-state'), 'training');
        const second = await trainedAttention(page);
        assert.equal(argmax(second), 1, `attention ${JSON.stringify(second)}`);
        assert.equal(new URL(page.url()).hash, '#attention_column=1&input_dim=6&n=4000&epochs=8&seed=7', 'the setup is in the link');

        const smallest = await page.evaluate(smallestChartText) as number;
        assert.ok(smallest >= 9, `the playground's smallest chart text is ${smallest.toFixed(1)} px`);
        const widths = await page.evaluate('[window.innerWidth, document.documentElement.scrollWidth]') as [number, number];
        assert.ok(widths[1] <= widths[0], `the page is ${widths[1]} px wide in a ${widths[0]} px window`);
        assert.deepEqual(offMachine, [], 'requests that would leave the machine');
        assert.deepEqual(consoleErrors, [], 'console errors');
      } finally {
        await page.close();
      }
    });
  }

  test('without JavaScript the static charts still show, and the playground says what it needs', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`file://${pages['article html']}`);
      const shown = await page.evaluate('[...document.images].filter((img) => img.complete && img.naturalWidth > 0).length') as number;
      assert.equal(shown, svgImages(fs.readFileSync(pages['article html'], 'utf8')));
      assert.equal(shown, 4);
      assert.match(await page.locator(selector).innerText(), /needs JavaScript/);
    } finally {
      await context.close();
    }
  });
});
