/**
 * A grid's plan: the notebook, and one run per combination of the -p values, each checked as
 * `export -p` checks its overrides, before anything starts.
 */
import { createHash } from 'crypto';
import { UsageError } from '../cli/errors';
import { cellSource, Notebook, notebookName, readNotebook } from '../translator/ipynb';
import { parameterDeclarations, ParameterValue, resolveParameters } from '../translator/parameters';
import { checkRunCount, combinations, expandValues } from './values';

export interface GridRun {
  /** Its folder under --out, named by its -p values: `seed=3,width=8`. */
  folder: string;
  /** The run's -p overrides as raw text, for the export's command line. */
  overrides: Map<string, string>;
  /** Every parameter the run uses (defaults included), as results.json records them. */
  parameters: Record<string, ParameterValue>;
  /** The values of the -p parameters alone, the table's parameter columns. */
  values: Record<string, ParameterValue>;
}

export interface GridPlan {
  /** The notebook's absolute path. */
  file: string;
  name: string;
  /** What the notebook runs (cells, tags, sources; not outputs): --resume re-runs a changed notebook. */
  digest: string;
  /** The -p names in the order given. */
  parameterNames: string[];
  runs: GridRun[];
}

export function planGrid(file: string, label: string, rawParameters: Map<string, string>): GridPlan {
  const notebook = readNotebook(file, label);
  const name = notebookName(file);
  const declarations = parameterDeclarations(notebook);
  const lists = new Map([...rawParameters].map(([parameter, raw]) => [parameter, expandValues(parameter, raw)]));
  checkRunCount(lists);
  const seen = new Map<string, Map<string, string>>();
  const runs = combinations(lists).map((overrides) => {
    const resolved = resolveParameters(name, declarations, overrides);
    const parameters = Object.fromEntries(resolved.map((p) => [p.name, p.value]));
    const values = Object.fromEntries([...overrides.keys()].map((parameter) => [parameter, parameters[parameter]]));
    const folder = folderName(values);
    const twin = seen.get(folder);
    if (twin) throw new UsageError(`-p values ${describe(twin)} and ${describe(overrides)} are the same run; list each value once`);
    seen.set(folder, overrides);
    return { folder, overrides, parameters, values };
  });
  return { file, name, digest: notebookDigest(notebook), parameterNames: [...lists.keys()], runs };
}

const describe = (overrides: Map<string, string>): string =>
  [...overrides].map(([parameter, value]) => `${parameter}=${value}`).join(',');

/** The longest folder name most file systems take. */
const maxFolderName = 255;

/**
 * `seed=3,width=8`. A value with characters a file name should not hold is written with `_` and
 * the name gets a short hash of the exact values, so that two values never share a folder.
 */
export function folderName(values: Record<string, ParameterValue>): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return 'defaults';
  const exact = entries.map(([parameter, value]) => `${parameter}=${String(value)}`).join(',');
  const safe = exact.replace(/[^\w.,=+-]/g, '_');
  if (safe === exact && safe.length <= maxFolderName) return safe;
  const hash = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 8);
  return `${safe.slice(0, maxFolderName - hash.length - 1)}~${hash}`;
}

export function notebookDigest(notebook: Notebook): string {
  const cells = notebook.cells.map((cell) => [cell.cell_type, cell.metadata.tags ?? [], cellSource(cell)]);
  return createHash('sha256').update(JSON.stringify(cells)).digest('hex').slice(0, 16);
}
