/**
 * A throw-away JupyterLab for the browser tests: the project's Jupyter on 127.0.0.1, a free port, a
 * random token, serving a folder the test made (never notebooks/ itself, which autosave would
 * change), all Jupyter state in a temp folder of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { jupyterPython, projectRoot } from '../../runner/paths';

export interface JupyterLab {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  token: string;
  /** The served folder. */
  root: string;
  /** Stops the server (SIGTERM to its process group, SIGKILL after a grace period) and removes its state. */
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

/** The notebooks import '../build/src', 'tslab' and 'danfojs-node' relative to their folder: link the project's beside them. */
export function linkProjectBuild(root: string): void {
  fs.symlinkSync(path.join(projectRoot, 'build'), path.join(root, 'build'));
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'));
}

/** JupyterLab serving `root`; `settings` (plugin id → values) are added to the defaults above. */
export async function startJupyterLab(root: string, settings: Record<string, unknown> = {}): Promise<JupyterLab> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-jupyter-'));
  const settingsDir = path.join(state, 'user-settings');
  for (const [name, value] of Object.entries({ ...labSettings, ...settings })) {
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
    fs.rmSync(state, { recursive: true, force: true });
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

/** Polls `check` until it returns true; `what` names the condition in the timeout error. */
export async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const idleKernel = '.jp-Notebook-ExecutionIndicator[data-status="idle"]';

/** The kernel from the notebook's metadata normally starts by itself; a selection dialog is answered with tslab. */
export async function ensureTypeScriptKernel(page: Page): Promise<void> {
  // Kernel start-up (node + tslab) takes a few seconds; 60 s covers a loaded 2-core machine.
  await until('the TypeScript kernel to be idle', 60_000, async () => {
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.isVisible()) {
      const select = dialog.locator('select');
      if (await select.count()) await select.selectOption({ label: 'TypeScript' });
      await dialog.locator('.jp-mod-accept').click();
    }
    const kernel = (await page.locator('.jp-Toolbar-kernelName').first().textContent())?.trim();
    return kernel === 'TypeScript' && (await page.locator(idleKernel).count()) > 0;
  });
}
