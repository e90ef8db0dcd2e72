/**
 * The export's output folder, checked before any cell runs: a run of minutes must not be thrown
 * away because --out names a file, sits under one, or cannot be written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CommandError, UsageError } from '../cli/errors';

/**
 * Throws a one-line error if `outDir` cannot receive `fileNames` and `folderNames`: an empty name, a
 * file where a folder must be, a folder where a file must go, or no permission to write. Creates nothing.
 */
export function checkOutDir(outDir: string, fileNames: string[], folderNames: string[] = []): void {
  if (outDir.trim() === '') throw new UsageError('--out needs a folder name, got an empty one');
  const target = path.resolve(outDir);
  const existing = nearestExisting(target);
  const advice = 'choose another --out or move it away';
  if (!fs.statSync(existing).isDirectory()) {
    throw new CommandError(`--out ${outDir}: ${existing} is a file, not a folder; ${advice}`);
  }
  if (existing === target) {
    for (const name of fileNames) {
      const file = path.join(target, name);
      if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
        throw new CommandError(`--out ${outDir}: ${file} is in the way (not a file), so ${name} cannot be written; ${advice}`);
      }
    }
    for (const name of folderNames) {
      const folder = path.join(target, name);
      if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) {
        throw new CommandError(`--out ${outDir}: ${folder} is in the way (not a folder), so ${name}/ cannot be written; ${advice}`);
      }
    }
  }
  try {
    // A real probe rather than access(2), which says yes to root on read-only mounts and in /proc.
    fs.rmdirSync(fs.mkdtempSync(path.join(existing, '.attention-lab-probe-')));
  } catch (error) {
    throw new CommandError(`--out ${outDir}: cannot write in ${existing} (${reason(error)}); choose another --out`);
  }
}

/**
 * Creates `dir` and its missing parents one by one: fs.mkdirSync(…, {recursive: true}) spins
 * forever on some paths (under /proc, Node 20).
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !fs.existsSync(at); at = path.dirname(at)) missing.unshift(at);
  for (const folder of missing) fs.mkdirSync(folder);
}

/** `target` or its closest ancestor that exists (possibly a file). */
function nearestExisting(target: string): string {
  let at = target;
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  // A path under a file does not exist; its file is the ancestor we stop at.
  return at;
}

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'not permitted', EROFS: 'read-only file system',
    ENOENT: 'no files can be created there', ENOSPC: 'no space left',
  };
  return (code && known[code]) ?? message;
}
