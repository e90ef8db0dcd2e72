/**
 * All-or-nothing output: files are written to a temporary folder and moved into place only on
 * success, one export at a time per folder (publish-lock.ts), under temporary names of their own.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CommandError } from '../cli/errors';
import { makeFolders } from './out-dir';
import { whilePublishing } from './publish-lock';

/**
 * Runs `produce` in a fresh staging folder; if it succeeds, publishes every file it wrote into
 * outDir (created if need be), all of them or none, and returns their new paths. The staging folder
 * is removed, unless the run succeeded but could not be published: then it is kept, and the error
 * says where.
 */
export async function publishStaged(outDir: string, produce: (stagingDir: string) => Promise<void>): Promise<string[]> {
  const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-export-'));
  let keep = false;
  try {
    await produce(stagingDir);
    try {
      makeFolders(outDir);
      return await whilePublishing(outDir, () => publish(stagingDir, outDir));
    } catch (error) {
      keep = true;
      throw new CommandError(`could not publish to ${outDir}: ${(error as Error).message}; `
        + `the run's outputs are kept in ${stagingDir}`);
    }
  } finally {
    if (!keep) fs.rmSync(stagingDir, { recursive: true, force: true });
  }
}

/**
 * Copies the entries in beside their targets under temporary names first (the staging folder may be
 * on another file system), then renames them over the targets; if any step fails, the targets
 * already replaced get their previous versions back and the copies are removed. An entry is a file,
 * or a folder (a Markdown page's <name>_files/) that replaces the folder an earlier export left.
 * The temporary names carry this run's own id, so that no other run can take or remove them.
 */
export function publish(stagingDir: string, outDir: string): string[] {
  const files = fs.readdirSync(stagingDir).sort();
  const run = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const incoming = (file: string): string => path.join(outDir, `.${file}.attention-lab-new-${run}`);
  const previous = (file: string): string => path.join(outDir, `.${file}.attention-lab-old-${run}`);
  const target = (file: string): string => path.join(outDir, file);
  const isFolder = (file: string): boolean => fs.statSync(path.join(stagingDir, file)).isDirectory();
  const remove = (entry: string): void => fs.rmSync(entry, { recursive: true, force: true });
  const replaced: string[] = [];
  const placed: string[] = [];
  try {
    for (const file of files) fs.cpSync(path.join(stagingDir, file), incoming(file), { recursive: true });
    for (const file of files) {
      if (fs.existsSync(target(file))) {
        const existing = fs.lstatSync(target(file));
        if (isFolder(file) ? !existing.isDirectory() : !existing.isFile()) {
          throw new Error(`${target(file)} is in the way (not a ${isFolder(file) ? 'folder' : 'file'})`);
        }
        fs.renameSync(target(file), previous(file));
        replaced.push(file);
      }
      fs.renameSync(incoming(file), target(file));
      placed.push(file);
    }
  } catch (error) {
    for (const file of placed) remove(target(file));
    for (const file of replaced) fs.renameSync(previous(file), target(file));
    for (const file of files) remove(incoming(file));
    throw error;
  }
  for (const file of replaced) remove(previous(file));
  return files.map(target);
}
