/**
 * An export never writes over a source notebook. Its executed copy, <name>.ipynb, carries the
 * injected parameters and outputs: written into a folder of source notebooks it would replace the
 * notebook it ran (which JupyterLab would then open with the -p values as its own), or sit among
 * them as one more. Checked before any cell runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CommandError } from '../cli/errors';
import { shownPath } from '../cli/shown';

export interface SourceRun {
  /** The notebook run, an absolute path. */
  file: string;
  /** The name its outputs are written under. */
  name: string;
}

/**
 * Throws a one-line error naming --out and the source notebook if `outDir` is the folder of a
 * notebook of this run or `sourceFolder` (the project's notebooks/), links resolved, and holds notebooks.
 */
export function refuseSourceFolder(outDir: string, runs: SourceRun[], sourceFolder: string): void {
  const out = realFolder(outDir);
  if (out === undefined) return; // a folder to be created holds no sources
  const folders = new Set([...runs.map((run) => path.dirname(run.file)), sourceFolder].map(realFolder));
  if (!folders.has(out)) return;
  const sources = fs.readdirSync(out).filter((file) => file.endsWith('.ipynb')).sort()
    .map((file) => path.join(out, file));
  if (sources.length === 0) return;
  const advice = 'choose another --out';
  const ownSources = runs.filter((run) => sources.includes(fs.realpathSync(run.file)));
  for (const run of runs) {
    const copy = path.join(out, `${run.name}.ipynb`);
    if (!sources.includes(copy)) continue;
    const overwritten = fs.realpathSync(run.file) === copy ? run.file : path.join(outDir, `${run.name}.ipynb`);
    const whose = overwritten === run.file ? 'the executed copy' : `the executed copy of ${shownPath(run.file)}`;
    throw new CommandError(`--out ${outDir}: ${whose} would overwrite the source notebook ${shownPath(overwritten)}; ${advice}`);
  }
  const [first] = runs;
  throw new CommandError(`--out ${outDir}: the executed copy of ${shownPath(first.file)} would be written as `
    + `${shownPath(path.join(outDir, `${first.name}.ipynb`))}, among the source notebooks `
    + `(${shownPath(ownSources[0]?.file ?? sources[0])}); ${advice}`);
}

function realFolder(folder: string): string | undefined {
  try {
    return fs.statSync(folder).isDirectory() ? fs.realpathSync(folder) : undefined;
  } catch {
    return undefined;
  }
}
