/**
 * The dense notebook in a real JupyterLab, driven by headless chromium: pick the TypeScript kernel,
 * edit the parameters cell (label in another column), Run All, then check what a user sees — no
 * errors, an interactive vega chart for the new column, code completion, and a clean re-run of
 * the training cell. JupyterLab serves a temp copy (startJupyterLab below), so the
 * committed notebooks never get outputs. Screenshots go to dist/screenshots/.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { jupyterPython, projectRoot } from '../../runner/paths';
import { launchChromium } from '../helpers/chromium';

// ---- A throw-away JupyterLab: the project's Jupyter on 127.0.0.1, a free port, a random token, serving a
// temp copy of the project's layout (autosave never touches notebooks/), all Jupyter state in the temp folder.

interface JupyterLab {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  token: string;
  /** The served folder: notebooks/ (copies), build and node_modules (symlinks to the project's). */
  root: string;
  /** Stops the server (SIGTERM to its process group, SIGKILL after a grace period) and removes the temp folder. */
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

/** Settings that keep pop-ups out of the way and put every cell in the DOM. */
const labSettings: Record<string, unknown> = {
  // No news/update toasts over the notebook (they would also need the internet).
  '@jupyterlab/apputils-extension/notification': { fetchNews: 'false', checkForUpdates: false },
  // "none" keeps every cell rendered, so off-screen cells can be inspected.
  '@jupyterlab/notebook-extension/tracker': { windowingMode: 'none' },
};

async function startJupyterLab(notebooks: string[]): Promise<JupyterLab> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-jupyterlab-'));
  const root = path.join(temp, 'root');
  const state = path.join(temp, 'jupyter');
  fs.mkdirSync(path.join(root, 'notebooks'), { recursive: true });
  for (const notebook of notebooks) fs.copyFileSync(notebook, path.join(root, 'notebooks', path.basename(notebook)));
  // The notebooks import '../../build/src', 'tslab' and 'danfojs-node' relative to their folder.
  fs.symlinkSync(path.join(projectRoot, 'build'), path.join(root, 'build'));
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'));
  const settingsDir = path.join(state, 'user-settings');
  for (const [name, value] of Object.entries(labSettings)) {
    const file = path.join(settingsDir, `${name}.jupyterlab-settings`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(value));
  }

  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const args = ['-m', 'jupyter', 'lab', `--ServerApp.root_dir=${root}`, '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${port}`, '--ServerApp.port_retries=0', `--IdentityProvider.token=${token}`,
    '--no-browser', '--allow-root', `--LabApp.user_settings_dir=${settingsDir}`,
    `--LabApp.workspaces_dir=${path.join(state, 'workspaces')}`];
  // Config, data and runtime dirs in the temp folder: nothing read from or written to ~/.jupyter.
  // The tslab kernelspec lives in the Python environment (sys-prefix), which Jupyter always searches.
  const env = { ...process.env, JUPYTER_CONFIG_DIR: path.join(state, 'config'), JUPYTER_DATA_DIR: path.join(state, 'data'),
    JUPYTER_RUNTIME_DIR: path.join(state, 'runtime'), JUPYTER_PLATFORM_DIRS: '1' };
  // detached: its own process group, so one signal reaches the server and its kernels.
  const child = spawn(jupyterPython(), args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  const url = `http://127.0.0.1:${port}`;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const signal = (name: NodeJS.Signals) => { try { process.kill(-child.pid!, name); } catch { /* already gone */ } };
    signal('SIGTERM');
    // Jupyter shuts its kernels down on SIGTERM; that takes a few seconds at most.
    if (!(await exited(child, 15_000))) { signal('SIGKILL'); await exited(child, 5_000); }
    fs.rmSync(temp, { recursive: true, force: true });
  };

  try {
    // Cold start of the Jupyter server takes 2–10 s here; 60 s allows for a loaded machine.
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`JupyterLab exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`JupyterLab did not answer within 60 s:\n${output}`);
      const ok = await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } })
        .then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, token, root, stop };
}

// ---- The test

const notebookName = 'attention_dense.ipynb';
const screenshots = path.join(projectRoot, 'dist', 'screenshots');
// Small settings (a few seconds of training) and the label in column 2 rather than the default 1.
const parameters = ['const attention_column = 2;', 'const input_dim = 4;', 'const hidden = 16;', 'const n = 3000;',
  'const validation_split = 0.2;', 'const epochs = 6;', 'const batch_size = 64;', 'const seed = 42;', 'const test_size = 2000;',
  'const sweep_seeds = 1;', 'const sweep_test_size = 1000;'];

const stderrOutputs = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';
const idle = '.jp-Notebook-ExecutionIndicator[data-status="idle"]';

/** Code cells still without an execution count ("[ ]:" or "[*]:"). */
async function unnumberedCells(page: Page): Promise<number> {
  return page.locator('.jp-Notebook .jp-CodeCell .jp-InputPrompt').evaluateAll(
    (prompts) => prompts.filter((p) => !/^\[\d+\]:$/.test(p.textContent?.trim() ?? '')).length);
}

async function stderrText(scope: Page | Locator): Promise<string[]> {
  return scope.locator(stderrOutputs).allInnerTexts();
}

/** Polls `check` until it returns true; `what` names the condition in the timeout error. */
async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The kernel from the notebook's metadata normally starts by itself; a selection dialog is answered with tslab. */
async function ensureTypeScriptKernel(page: Page): Promise<void> {
  // Kernel start-up (node + tslab) takes a few seconds; 60 s covers a loaded 2-core machine.
  await until('the TypeScript kernel to be idle', 60_000, async () => {
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.isVisible()) {
      const select = dialog.locator('select');
      if (await select.count()) await select.selectOption({ label: 'TypeScript' });
      await dialog.locator('.jp-mod-accept').click();
    }
    const kernel = (await page.locator('.jp-Toolbar-kernelName').first().textContent())?.trim();
    return kernel === 'TypeScript' && (await page.locator(idle).count()) > 0;
  });
}

describe(`notebooks/${notebookName} in JupyterLab (chromium)`, () => {
  let lab: JupyterLab | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const cell = (text: string) => page.locator('.jp-Notebook .jp-CodeCell').filter({ hasText: text });

  before(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    lab = await startJupyterLab([path.join(projectRoot, 'notebooks', notebookName)]);
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
