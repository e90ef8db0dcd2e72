/** What the export that last wrote --out tells about a notebook: how long its cells ran. */
import * as fs from 'fs';
import * as path from 'path';
import { readNotebook } from '../translator/ipynb';

/**
 * Seconds from the first cell's start to the last cell's end in <outDir>/<name>.ipynb, from the
 * timestamps nbclient records in each cell's metadata.execution; undefined without a readable copy.
 */
export function earlierSeconds(outDir: string, name: string): number | undefined {
  const file = path.join(outDir, `${name}.ipynb`);
  if (!fs.existsSync(file)) return undefined;
  try {
    const times = readNotebook(file).cells.flatMap((cell) => Object.values(asRecord(cell.metadata.execution)))
      .map((time) => (typeof time === 'string' ? Date.parse(time) : NaN)).filter(Number.isFinite);
    return times.length === 0 ? undefined : (Math.max(...times) - Math.min(...times)) / 1000;
  } catch {
    // Not a notebook after all: the guess falls back on the file's size, the export goes on.
    return undefined;
  }
}

const asRecord = (value: unknown): Record<string, unknown> =>
  (typeof value === 'object' && value !== null ? value as Record<string, unknown> : {});
