/**
 * The dense notebook in a real JupyterLab, driven by headless chromium: pick the TypeScript kernel,
 * edit the parameters cell (label in another column), Run All, then check what a user sees — no
 * errors, an interactive vega chart for the new column, code completion, and a clean re-run of
 * the training cell. JupyterLab serves a temp copy, so the committed notebooks never get outputs. Screenshots go to dist/screenshots/.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { projectRoot } from '../../runner/paths';
import { launchChromium } from '../helpers/chromium';
import { ensureTypeScriptKernel, idleKernel as idle, linkProjectBuild, startJupyterLab, until, type JupyterLab } from '../helpers/jupyterlab';


const notebookName = 'attention_dense.ipynb';
const screenshots = path.join(projectRoot, 'dist', 'screenshots');
// Small settings (a few seconds of training) and the label in column 2 rather than the default 1.
const parameters = ['const attention_column = 2;', 'const input_dim = 4;', 'const hidden = 16;', 'const n = 3000;',
  'const validation_split = 0.2;', 'const epochs = 6;', 'const batch_size = 64;', 'const seed = 42;', 'const test_size = 2000;',
  'const sweep_seeds = 1;', 'const sweep_test_size = 1000;'];

const stderrOutputs = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';

/** Code cells still without an execution count ("[ ]:" or "[*]:"). */
async function unnumberedCells(page: Page): Promise<number> {
  return page.locator('.jp-Notebook .jp-CodeCell .jp-InputPrompt').evaluateAll(
    (prompts) => prompts.filter((p) => !/^\[\d+\]:$/.test(p.textContent?.trim() ?? '')).length);
}

async function stderrText(scope: Page | Locator): Promise<string[]> {
  return scope.locator(stderrOutputs).allInnerTexts();
}

describe(`notebooks/${notebookName} in JupyterLab (chromium)`, () => {
  let lab: JupyterLab | undefined;
  // JupyterLab serves a temp copy: notebooks/ never gets outputs.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-jupyterlab-'));
  let browser: Browser | undefined;
  let page: Page;
  const cell = (text: string) => page.locator('.jp-Notebook .jp-CodeCell').filter({ hasText: text });

  before(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    fs.mkdirSync(path.join(root, 'notebooks'));
    fs.copyFileSync(path.join(projectRoot, 'notebooks', notebookName), path.join(root, 'notebooks', notebookName));
    linkProjectBuild(root);
    lab = await startJupyterLab(root);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Page load and each UI step take seconds at most; 60 s is a generous bound for every wait.
    page.setDefaultTimeout(60_000);
    await page.goto(`${lab.url}/lab/tree/notebooks/${notebookName}?token=${lab.token}`);
    await page.locator('.jp-Notebook .jp-CodeCell').first().waitFor();
    await ensureTypeScriptKernel(page);

    // Replace the parameters cell (the first code cell) as a user would: select all, type.
    const editor = page.locator('.jp-Notebook .jp-CodeCell').first().locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(parameters.join('\n'));
    assert.equal((await editor.innerText()).trim(), parameters.join('\n'));
    await page.keyboard.press('Escape');

    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
    // Imports plus training plus a 4-run sweep take ~30 s here; 150 s bounds a slow machine. A cell
    // error stops Run All, so stop waiting as soon as one shows up.
    await until('every code cell to run', 150_000, async () =>
      (await page.locator(stderrOutputs).count()) > 0
      || ((await unnumberedCells(page)) === 0 && (await page.locator(idle).count()) > 0));
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await lab?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('runs every cell on the TypeScript kernel without errors', async () => {
    assert.equal((await page.locator('.jp-Toolbar-kernelName').first().textContent())?.trim(), 'TypeScript');
    assert.deepEqual(await stderrText(page), [], 'a cell wrote to stderr');
    assert.equal(await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]').count(), 0);
    assert.equal(await unnumberedCells(page), 0, 'a code cell has no execution count');
  });

  test('draws the attention chart as interactive vega for the label in column 2', async () => {
    const attentionCell = cell('lab.attentionChart(attention)');
    await attentionCell.locator('.vega-embed :is(canvas, svg)').first().waitFor();
    // JupyterLab's vega-embed draws on a canvas, so the chart's own text is not in the DOM: check the
    // sentence generated under it, and the saved spec's subtitle below.
    assert.match(await attentionCell.locator('.jp-OutputArea').innerText(),
      /Column 2 — the label's column —|column 2 \(the label's\)/);
    await attentionCell.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(500); // let the scroll settle before the screenshots
    await attentionCell.locator('.jp-OutputArea').screenshot({ path: path.join(screenshots, 'jupyterlab-attention-chart.png') });
    await page.screenshot({ path: path.join(screenshots, 'jupyterlab.png') });

    // Save and read the served copy: the chart's vega-lite spec names the new column.
    await page.keyboard.press('Control+s');
    const saved = path.join(lab!.root, 'notebooks', notebookName);
    await until('the notebook to be saved with outputs', 30_000, async () =>
      fs.readFileSync(saved, 'utf8').includes('the label is copied into column 2'));
  });

  test('completes lab.get… with getData', async () => {
    // A scratch cell below the last one. `lab.getD` alone would be completed in place (one match),
    // so type `lab.get` to see the completer's list.
    await page.locator('.jp-Notebook .jp-Cell').last().locator('.jp-InputPrompt').click();
    await page.keyboard.press('b');
    await page.keyboard.press('Enter');
    await page.keyboard.type('lab.get');
    await page.keyboard.press('Tab');
    // tslab answers completions in well under a second; 30 s bounds a busy kernel.
    await page.locator('.jp-Completer .jp-Completer-item', { hasText: 'getData' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  test('re-runs the training cell cleanly', async () => {
    const training = cell('lab.train(trained');
    const prompt = training.locator('.jp-InputPrompt');
    const before = (await prompt.textContent())?.trim();
    await training.locator('.cm-content').click();
    await page.keyboard.press('Control+Enter');
    // One small training run: a few seconds; 60 s bounds it.
    await until('the training cell to run again', 60_000, async () => {
      const now = (await prompt.textContent())?.trim() ?? '';
      return /^\[\d+\]:$/.test(now) && now !== before && (await page.locator(idle).count()) > 0;
    });
    const outputs = await training.locator('.jp-OutputArea').innerText();
    assert.deepEqual(await stderrText(training), [], 'the re-run wrote to stderr');
    assert.doesNotMatch(outputs, /already (been )?declared|leak/i);
    assert.match(outputs, /Epoch 6\/6 /, 'the epoch log did not show again');
  });
});
