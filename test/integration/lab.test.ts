/**
 * `attention-lab lab` as a good citizen: one server per notebooks folder, and no server or kernel
 * left behind however the wrapper is stopped. Real JupyterLab, real tslab kernel, real signals;
 * Jupyter's runtime and settings folders are temporary so that a developer's own server is left alone.
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../../runner/paths';

const token = 'attention-lab-test-token';
let temp: string;
let env: NodeJS.ProcessEnv;

before(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-lab-'));
  env = {
    ...process.env,
    JUPYTER_RUNTIME_DIR: path.join(temp, 'runtime'),
    JUPYTER_CONFIG_DIR: path.join(temp, 'config'),
    JUPYTERLAB_SETTINGS_DIR: path.join(temp, 'settings'),
    JUPYTERLAB_WORKSPACES_DIR: path.join(temp, 'workspaces'),
  };
});
after(() => fs.rmSync(temp, { recursive: true, force: true }));

const labArgs = ['--ServerApp.port=0', `--ServerApp.token=${token}`];

interface ServerFile { url: string; pid: number }

async function until<T>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function serverFiles(): ServerFile[] {
  const dir = env.JUPYTER_RUNTIME_DIR as string;
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^jpserver-\d+\.json$/.test(f)).flatMap((f) => {
    try {
      return [JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ServerFile];
    } catch {
      return [];
    }
  });
}

async function serverUp(): Promise<ServerFile> {
  // A cold JupyterLab start takes 2–10 s here; 90 s covers a loaded 2-core machine.
  return until('the JupyterLab server', 90_000, async () => {
    const [server] = serverFiles();
    if (server === undefined) return undefined;
    const ok = await fetch(new URL('api/status', server.url), { headers: { Authorization: `token ${token}` } }).then((r) => r.ok, () => false);
    return ok ? server : undefined;
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Processes whose parent is `pid` (read from /proc). */
function childrenOf(pid: number): number[] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((name) => {
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === pid ? [Number(name)] : [];
    } catch {
      return [];
    }
  });
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch { /* already gone */ }
  }
}

describe('npm run lab', () => {
  test('a second "attention-lab lab" points at the running server instead of starting another', async () => {
    const first: ChildProcess = spawn(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'lab', ...labArgs],
      { cwd: projectRoot, env, stdio: 'ignore' });
    try {
      const server = await serverUp();
      const second = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'lab', ...labArgs],
        { cwd: projectRoot, env, encoding: 'utf8', timeout: 60_000 });
      assert.equal(second.status, 0, second.stderr);
      assert.ok(second.stdout.includes(`${new URL('lab', server.url).href}?token=${token}`), second.stdout);
      assert.match(second.stdout, /already running on notebooks\//);
      assert.equal(serverFiles().length, 1, 'one server');
    } finally {
      first.kill('SIGTERM');
      await until('the first server to stop', 30_000, () => (first.exitCode !== null || first.signalCode !== null ? true : undefined));
    }
  });

  test('SIGTERM to npm stops the wrapper, the server and its kernels', async () => {
    const npm = spawn('npm', ['run', '--silent', 'lab', '--', ...labArgs], { cwd: projectRoot, env, stdio: 'ignore', detached: true });
    const leftovers: number[] = [];
    try {
      const server = await serverUp();
      const kernel = await fetch(new URL('api/kernels', server.url), {
        method: 'POST', headers: { Authorization: `token ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'tslab' }),
      }).then((r) => r.json() as Promise<{ id: string }>);
      // The kernel's process is the one started with its connection file.
      const kernelPid = await until('the kernel process', 30_000, () => fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).find((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`kernel-${kernel.id}.json`);
        } catch {
          return false;
        }
      }));
      const wrapper = childrenOf(npm.pid as number);
      leftovers.push(server.pid, kernelPid, ...wrapper);
      assert.ok(wrapper.length > 0, 'npm runs the wrapper');

      process.kill(npm.pid as number, 'SIGTERM');
      // Jupyter shuts its kernels down and exits within seconds; 30 s bounds a loaded machine.
      await until('every process to end', 30_000, () => (leftovers.every((pid) => !alive(pid)) ? true : undefined))
        .catch((error: Error) => assert.fail(`${error.message}: still running ${leftovers.filter(alive).join(', ')}`));
      assert.deepEqual(serverFiles(), [], 'the server removed its runtime file');
    } finally {
      killAll([...leftovers, npm.pid as number].filter(alive));
    }
  });
});
