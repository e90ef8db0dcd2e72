/**
 * A JupyterLab server already serving this project's notebooks, found through the files Jupyter
 * servers leave in Jupyter's runtime folder. A second server on the same notebooks would autosave
 * over the first one's edits, so `attention-lab lab` points at the running one instead.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface RunningLab {
  /** Where to open it, token included. */
  address: string;
  pid: number;
}

interface ServerFile { url?: string; token?: string; pid?: number; root_dir?: string }

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function answers(url: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('api/status', url), {
      headers: token ? { Authorization: `token ${token}` } : {}, signal: AbortSignal.timeout(3000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export async function findRunningLab(python: string, rootDir: string): Promise<RunningLab | undefined> {
  const runtime = spawnSync(python, ['-m', 'jupyter', '--runtime-dir'], { encoding: 'utf8' });
  const runtimeDir = runtime.status === 0 ? runtime.stdout.trim() : '';
  if (!runtimeDir || !fs.existsSync(runtimeDir)) return undefined;
  for (const name of fs.readdirSync(runtimeDir).filter((file) => /^jpserver-\d+\.json$/.test(file))) {
    let server: ServerFile;
    try {
      server = JSON.parse(fs.readFileSync(path.join(runtimeDir, name), 'utf8')) as ServerFile;
    } catch {
      continue; // being written, or left half-written by a killed server
    }
    const { url, token = '', pid, root_dir: serverRoot } = server;
    if (url === undefined || pid === undefined || serverRoot === undefined) continue;
    if (path.resolve(serverRoot) !== path.resolve(rootDir) || !isAlive(pid) || !(await answers(url, token))) continue;
    return { address: `${new URL('lab', url).href}${token ? `?token=${token}` : ''}`, pid };
  }
  return undefined;
}
