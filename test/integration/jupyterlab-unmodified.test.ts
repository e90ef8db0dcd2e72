/**
 * Opening a notebook in JupyterLab (chromium) and saving it leaves git clean: the notebooks are
 * committed in the form JupyterLab writes (the language_info the kernel reports, with the
 * codemirror_mode JupyterLab adds to it, in nbformat's key order), and the outputs filter
 * normalises the rest. JupyterLab serves a clone of this commit,
 * with the outputs filter installed, so the worktree's own state does not count.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { installOutputsFilter } from '../../runner/lab/notebook-outputs-filter';
import { notebooksDir, projectRoot } from '../../runner/paths';
import { launchChromium } from '../helpers/chromium';
import { ensureTypeScriptKernel, linkProjectBuild, startJupyterLab, until, type JupyterLab } from '../helpers/jupyterlab';

const notebooks = fs.readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort();
const autosaveSeconds = 1;

describe('opening each notebook in JupyterLab leaves git clean', () => {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-clone-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: clone, encoding: 'utf8' });
  let lab: JupyterLab | undefined;
  let browser: Browser | undefined;

  before(async () => {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    git('clone', '--quiet', '--no-checkout', projectRoot, '.');
    assert.equal(installOutputsFilter(clone), true);
    git('checkout', '--quiet', commit);
    linkProjectBuild(clone);
    // .gitignore's `build/` and `node_modules/` match folders, not these links to them.
    fs.appendFileSync(path.join(clone, '.git', 'info', 'exclude'), '/build\n/node_modules\n');
    assert.equal(git('status', '--porcelain'), '');
    lab = await startJupyterLab(clone, { '@jupyterlab/docmanager-extension/plugin': { autosaveInterval: autosaveSeconds } });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await lab?.stop();
    fs.rmSync(clone, { recursive: true, force: true });
  });

  for (const name of notebooks) {
    test(`notebooks/${name}: opened, past an autosave, then saved`, async () => {
      const file = path.join(clone, 'notebooks', name);
      const opened = fs.statSync(file).mtimeMs;
      const page: Page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
      // Page load and each UI step take seconds at most; 60 s is a generous bound for every wait.
      page.setDefaultTimeout(60_000);
      // ?reset: a workspace with this notebook only, not the earlier tests' tabs.
      await page.goto(`${lab!.url}/lab/tree/notebooks/${name}?reset&token=${lab!.token}`);
      await page.locator('.jp-Notebook .jp-Cell').first().waitFor();
      await ensureTypeScriptKernel(page);
      await page.waitForTimeout(3 * autosaveSeconds * 1000); // the kernel's metadata has arrived; an autosave would have run
      // Save as a user would; JupyterLab writes the whole notebook in its own form.
      await page.locator('.jp-Notebook').first().click();
      await page.keyboard.press('Control+s');
      await until(`${name} to be saved`, 30_000, async () => fs.statSync(file).mtimeMs > opened);
      await page.close();
      assert.equal(git('status', '--porcelain', '--untracked-files=no'), '', git('diff'));
    });
  }
});
