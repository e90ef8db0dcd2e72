/** All-or-nothing output: files are written to a temporary folder and moved into place only on success. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Runs `produce` in a fresh staging folder; if it succeeds, moves every file it wrote into outDir
 * (created if need be) and returns their new paths. The staging folder is removed either way.
 */
export async function publishStaged(outDir: string, produce: (stagingDir: string) => Promise<void>): Promise<string[]> {
  const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-export-'));
  try {
    await produce(stagingDir);
    fs.mkdirSync(outDir, { recursive: true });
    return fs.readdirSync(stagingDir).sort().map((file) => {
      const target = path.join(outDir, file);
      moveFile(path.join(stagingDir, file), target);
      return target;
    });
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
  }
}

/** Moves a file or a folder (a Markdown page's <name>_files/); a folder replaces the one an earlier export left. */
function moveFile(from: string, to: string): void {
  const isFolder = fs.statSync(from).isDirectory();
  if (isFolder) fs.rmSync(to, { recursive: true, force: true });
  try {
    fs.renameSync(from, to);
  } catch (error) {
    // The temporary folder may be on another file system than outDir.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(from, to, { recursive: true });
  }
}
