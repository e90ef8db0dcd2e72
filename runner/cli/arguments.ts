/** The command line, parsed by hand: four commands and a handful of options need no library. */
import { UsageError } from './errors';
import { shownValue } from './shown';
import { ExportForm, ExportFormat, parseFormats } from '../publisher/export-forms';

export interface ExportOptions {
  notebooks: string[];
  /** -p overrides in the order given, raw text; a later NAME wins. */
  parameters: Map<string, string>;
  outDir?: string;
  /** Default ['html']. */
  formats: ExportFormat[];
  form: ExportForm;
  /** --live: the notebook's live elements (runner/protocol.ts) run in the page; otherwise they are left out. */
  live: boolean;
  /** --with-article: also <name>.article.html, the article form of the same run (HTML only). */
  withArticle: boolean;
  /** -j/--jobs N as given (runner/cli/jobs.ts checks it); undefined: the command's default. */
  jobs?: string;
}

/** `grid`: one notebook, -p NAME=VALUES expanded into runs (runner/grid/values.ts), export's other options. */
export interface GridOptions extends ExportOptions {
  /** Required for a grid: the table and the run folders go there. */
  outDir: string;
  /** tcp://HOST:PORT of a Dask scheduler: the runs go to its workers instead of the local pool. */
  scheduler?: string;
  resume: boolean;
}

export type Command =
  | { kind: 'help'; topic: 'general' | 'export' | 'lab' | 'grid' }
  | { kind: 'export'; options: ExportOptions }
  | { kind: 'grid'; options: GridOptions }
  | { kind: 'lab'; jupyterArgs: string[] };

const isHelp = (arg: string): boolean => arg === '-h' || arg === '--help';

export function parseCommandLine(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('missing command');
  if (isHelp(command) || command === 'help') return { kind: 'help', topic: 'general' };
  if (command === 'export') return parseExport(rest);
  if (command === 'grid') return parseGrid(rest);
  if (command === 'lab') {
    return isHelp(rest[0] ?? '') ? { kind: 'help', topic: 'lab' } : { kind: 'lab', jupyterArgs: rest };
  }
  throw new UsageError(command.startsWith('-') ? `unknown option "${command}"` : `unknown command "${command}"`);
}

function parseExport(args: string[]): Command {
  const options = parseExportOptions(args, 'export', () => false);
  return options === 'help' ? { kind: 'help', topic: 'export' } : { kind: 'export', options };
}

function parseGrid(args: string[]): Command {
  const grid: Partial<GridOptions> = { resume: false };
  const options = parseExportOptions(args, 'grid', (flag, value) => {
    if (flag === '--scheduler') grid.scheduler = value();
    else if (flag === '--resume') grid.resume = true;
    else return false;
    return true;
  });
  if (options === 'help') return { kind: 'help', topic: 'grid' };
  if (options.notebooks.length !== 1) {
    throw new UsageError(`grid runs one notebook, ${options.notebooks.length === 0 ? 'none was named' : `got ${options.notebooks.length}`}`);
  }
  if (options.outDir === undefined) throw new UsageError('grid needs --out DIR for its runs and their table');
  return { kind: 'grid', options: { ...options, ...grid, outDir: options.outDir, resume: grid.resume ?? false } };
}

/**
 * The options `export` takes; `other` may claim further flags (returns true if it did, taking its
 * value with `value()`).
 */
function parseExportOptions(args: string[], command: 'export' | 'grid',
  other: (flag: string, value: () => string) => boolean): ExportOptions | 'help' {
  const options: ExportOptions = { notebooks: [], parameters: new Map(), formats: [], form: 'notebook', live: false, withArticle: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    // --out=DIR and -pNAME=VALUE carry their value; otherwise it is the next argument.
    const [flag, attached] = splitAttachedValue(arg);
    const value = (): string => {
      if (attached !== undefined) return attached;
      i += 1;
      if (i >= args.length) throw new UsageError(`option ${flag} needs a value`);
      return args[i];
    };
    if (isHelp(arg)) return 'help';
    if (arg === '--') {
      options.notebooks.push(...args.slice(i + 1));
      break;
    }
    if (flag === '-p' || flag === '--parameter') addParameter(options.parameters, value());
    else if (flag === '-o' || flag === '--out') options.outDir = value();
    else if (flag === '--to') parseFormats(value(), options.formats);
    // --article includes --no-input, whichever comes first.
    else if (arg === '--no-input') options.form = options.form === 'article' ? 'article' : 'no-input';
    else if (arg === '--article') options.form = 'article';
    else if (arg === '--live') options.live = true;
    else if (arg === '--with-article') options.withArticle = true;
    else if (flag === '-j' || flag === '--jobs') options.jobs = value();
    else if (other(flag, value)) continue;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}" for ${command}`);
    else options.notebooks.push(arg);
  }
  if (options.formats.length === 0) options.formats.push('html');
  return options;
}

function splitAttachedValue(arg: string): [string, string | undefined] {
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    return equals < 0 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
  }
  if (/^-[poj]./.test(arg)) return [arg.slice(0, 2), arg.slice(2)];
  return [arg, undefined];
}

function addParameter(parameters: Map<string, string>, assignment: string): void {
  const match = /^([A-Za-z_$][\w$]*)=(.*)$/s.exec(assignment);
  if (!match) throw new UsageError(`-p expects NAME=VALUE, got "${shownValue(assignment)}"`);
  parameters.set(match[1], match[2]);
}
