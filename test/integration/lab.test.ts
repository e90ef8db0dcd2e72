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
import { descendants, killGroups, livingMembers, processGroupOf, waitUntil } from '../helpers/processes';

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

const runtimeDir = (): string => env.JUPYTER_RUNTIME_DIR as string;

function serverFiles(): ServerFile[] {
  const dir = runtimeDir();
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

function commandLine(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return []; // gone meanwhile
  }
}

/** The process of the kernel started with this id (its command line names its connection file). */
function kernelProcess(id: string): number | undefined {
  return fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number)
    .find((pid) => commandLine(pid).some((arg) => arg.includes(`kernel-${id}.json`)));
}

/**
 * How the wrapper gets started: by `npm run lab`, or by a program that runs it through `sh -c` (as
 * make or another script runner would), whose shell lives on as the wrapper's parent if the program is killed.
 */
function launch(how: 'npm' | 'shell'): ChildProcess {
  const command = how === 'npm' ? ['npm', 'run', '--silent', 'lab', '--', ...labArgs] : [process.execPath, '-e',
    `require('child_process').spawn('sh', ['-c', ${JSON.stringify(`node bin/attention-lab.js lab ${labArgs.join(' ')}`)}], { stdio: 'ignore' });
     setInterval(() => {}, 60_000);`];
  // Its own process group, as a terminal would give it, so that a signal reaches the launcher alone.
  return spawn(command[0], command.slice(1), { cwd: projectRoot, env, stdio: 'ignore', detached: true });
}

/**
 * The wrapper started with a running kernel; then `signal` to the launcher alone, to its process
 * group, or to the wrapper (attention-lab.js) alone: every process group below the launcher, its own included, must end,
 * and the server remove its file.
 */
async function stopsEverything(how: 'npm' | 'shell', target: 'launcher' | 'group' | 'wrapper', signal: NodeJS.Signals): Promise<void> {
  const launcher = launch(how);
  const groups = new Set<number>([launcher.pid as number]);
  const ours = processGroupOf();
  const record = (): void => {
    for (const p of descendants(launcher.pid as number)) if (p.pgid !== ours) groups.add(p.pgid);
  };
  try {
    const server = await serverUp();
    const kernel = await fetch(new URL('api/kernels', server.url), {
      method: 'POST', headers: { Authorization: `token ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'tslab' }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const kernelPid = await until('the kernel process', 30_000, () => kernelProcess(kernel.id));
    record();
    assert.ok(groups.has(processGroupOf(kernelPid) as number), 'the kernel\'s group is not below the launcher');
    assert.ok(groups.has(processGroupOf(server.pid) as number), 'the server\'s group is not below the launcher');
    const wrapper = descendants(launcher.pid as number).find((p) => /attention-lab\.js$/.test(commandLine(p.pid)[1] ?? ''));
    assert.ok(wrapper, 'the launcher runs the wrapper');

    // 'group': the launcher's whole process group, as a terminal's Ctrl-C signals it.
    process.kill({ launcher: launcher.pid as number, group: -(launcher.pid as number), wrapper: wrapper.pid }[target], signal);
    // Jupyter shuts its kernels down and exits within seconds; 30 s bounds a loaded machine.
    await waitUntil(() => livingMembers(groups).length === 0, 30_000, 'every process below the launcher has ended')
      .catch((error: Error) => assert.fail(`${error.message}: still running ${livingMembers(groups).map((p) => p.pid).join(', ')}`));
    assert.deepEqual(serverFiles(), [], 'the server removed its runtime file');
  } finally {
    record();
    killGroups(groups);
    // A server killed outright leaves its file, which the next test would take for its own server.
    fs.rmSync(runtimeDir(), { recursive: true, force: true });
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

  test('SIGTERM to npm stops the wrapper, the server and its kernels', () => stopsEverything('npm', 'launcher', 'SIGTERM'));
  test('Ctrl-C (SIGINT to npm\'s whole group) stops them', () => stopsEverything('npm', 'group', 'SIGINT'));
  test('SIGKILL to npm alone stops them', () => stopsEverything('npm', 'launcher', 'SIGKILL'));
  test('SIGHUP to npm alone stops them', () => stopsEverything('npm', 'launcher', 'SIGHUP'));
  test('SIGINT to npm\'s PID alone stops them (not only Ctrl-C to the whole group)', () => stopsEverything('npm', 'launcher', 'SIGINT'));
  test('SIGKILL to the wrapper stops the server and its kernels', () => stopsEverything('npm', 'wrapper', 'SIGKILL'));
  test('SIGKILL to a program that ran the wrapper through `sh -c` stops them (the shell lives on)',
    () => stopsEverything('shell', 'launcher', 'SIGKILL'));
});
