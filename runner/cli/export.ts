/** `attention-lab export`: validate every notebook's parameters, execute them all, then publish. */
import * as fs from 'fs';
import * as path from 'path';
import { defaultExportDir, notebooksDir } from '../paths';
import { ExportOptions } from './arguments';
import { CommandError, UsageError } from './errors';
import { executeNotebook } from '../engine/execute-notebook';
import { inLanesUntilFailure } from '../engine/lanes';
import { ProgressOutput, progressOutputs } from '../engine/progress-output';
import { parseJobs } from './jobs';
import { Notebook, notebookName, readNotebook } from '../translator/ipynb';
import { checkOutDir } from '../publisher/out-dir';
import { injectParameters, ParameterDeclaration, parameterDeclarations, resolveParameters } from '../translator/parameters';
import { earlierSeconds } from '../publisher/earlier-run';
import { resultsDocument } from '../publisher/results';
import { refuseUnpublishable } from '../publisher/publishable';
import { publishStaged } from '../publisher/staging';
import { refuseSourceFolder } from '../publisher/source-guard';
import { requireTslabKernel } from '../translator/kernelspec';
import { checkAllowedValues } from '../translator/parameter-ranges';
import { shownPath as shown, shownValue } from './shown';

interface NotebookRun {
  file: string;
  name: string;
  parameters: ParameterDeclaration[];
  overridden: ParameterDeclaration[];
  injected: Notebook;
}

export async function runExport(options: ExportOptions): Promise<void> {
  // One at a time unless asked: each notebook at once holds a kernel and a TensorFlow of its own.
  const jobs = options.jobs === undefined ? 1 : parseJobs(options.jobs);
  const named = [...new Set(options.notebooks.map((f) => path.resolve(f)))];
  const files = named.length > 0 ? named : defaultNotebooks();
  // Everything is read and checked before the first kernel starts.
  const runs = files.map((file) => planRun(file, options.parameters));
  rejectDuplicateNames(runs);
  const outDir = options.outDir ?? defaultExportDir;
  refuseSourceFolder(outDir, runs, notebooksDir);
  checkOutDir(outDir, runs.flatMap((run) => outputFiles(run.name, options)), runs.flatMap((run) => outputFolders(run.name, options.formats)));
  refuseUnpublishable(runs.map((run) => ({ label: shown(run.file), notebook: run.injected })), options.form);
  const lanes = Math.min(jobs, runs.length);
  // Notebooks running at once would mix their lines: each line then names its notebook.
  const outputs = progressOutputs(lanes > 1);
  const written = await publishStaged(path.resolve(outDir), (stagingDir) => inLanesUntilFailure(longestFirst(runs, lanes, outDir), lanes,
    (run, stop) => exportNotebook(run, stagingDir, options, outputs(run.name), stop)));
  console.log(`Wrote ${written.length} files:`);
  for (const file of written) console.log(`  ${shown(file)}`);
}

function defaultNotebooks(): string[] {
  const files = fs.existsSync(notebooksDir)
    ? fs.readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort() : [];
  if (files.length === 0) throw new CommandError(`no notebooks to export in ${shown(notebooksDir)}`);
  return files.map((f) => path.join(notebooksDir, f));
}

/**
 * On several lanes, the longest notebooks first, so that no lane is left running a long one alone at
 * the end. How long: as in the export that last wrote --out; notebooks it did not run go first, in
 * the order given (nothing about a notebook's file tells how long it runs: the LSTM notebook is the
 * smallest and among the longest). On one lane, the order given.
 */
function longestFirst(runs: NotebookRun[], lanes: number, outDir: string): NotebookRun[] {
  if (lanes === 1) return runs;
  const seconds = new Map(runs.map((run) => [run, earlierSeconds(outDir, run.name) ?? Infinity]));
  // A stable sort; Infinity - Infinity is NaN, which || turns into "keep the order given".
  return [...runs].sort((a, b) => (seconds.get(b)! - seconds.get(a)!) || 0);
}

function planRun(file: string, overrides: Map<string, string>): NotebookRun {
  const notebook = readNotebook(file, shown(file));
  requireTslabKernel(notebook, shown(file));
  const name = notebookName(file);
  const parameters = resolveParameters(name, parameterDeclarations(notebook), overrides);
  const overridden = parameters.filter((p) => overrides.has(p.name));
  checkAllowedValues(name, parameters, new Set(overrides.keys()));
  return { file, name, parameters, overridden, injected: injectParameters(notebook, overridden) };
}

/** What an export writes per notebook, so that --out is checked for all of it before any cell runs. */
function outputFiles(name: string, { formats, withArticle }: ExportOptions): string[] {
  return [`${name}.ipynb`, `${name}.results.json`, ...(formats.includes('html') ? [`${name}.html`] : []),
    ...(formats.includes('html') && withArticle ? [articlePage(name)] : []),
    ...(formats.includes('markdown') ? [`${name}.md`] : [])];
}

/** The article form beside the page of an export --with-article. */
const articlePage = (name: string): string => `${name}.article.html`;

function outputFolders(name: string, formats: ExportOptions['formats']): string[] {
  return formats.includes('markdown') ? [`${name}_files`] : [];
}

function rejectDuplicateNames(runs: NotebookRun[]): void {
  const seen = new Map<string, string>();
  for (const { name, file } of runs) {
    const other = seen.get(name);
    if (other !== undefined) {
      throw new UsageError(`${shown(other)} and ${shown(file)} would both be written as ${name}.*`);
    }
    seen.set(name, file);
  }
}

async function exportNotebook(run: NotebookRun, stagingDir: string, { formats, form, live, withArticle }: ExportOptions,
  output: ProgressOutput, stop: AbortSignal): Promise<void> {
  const settings = run.overridden.map((p) => `${p.name}=${shownValue(JSON.stringify(p.value))}`).join(', ');
  output.line(`Executing ${shown(run.file)}${settings ? ` with ${settings}` : ''}`);
  const started = Date.now();
  const ipynbPath = path.join(stagingDir, `${run.name}.ipynb`);
  await executeNotebook({
    label: shown(run.file), notebook: run.injected, cwd: path.dirname(run.file),
    ipynbPath, form, live, stagingDir,
    htmlPath: formats.includes('html') ? path.join(stagingDir, `${run.name}.html`) : undefined,
    articleHtmlPath: formats.includes('html') && withArticle ? path.join(stagingDir, articlePage(run.name)) : undefined,
    markdownDir: formats.includes('markdown') ? stagingDir : undefined,
    settings: run.overridden.map((p) => `${p.name}=${p.value}`),
    output, stop,
  });
  const parameters = Object.fromEntries(run.parameters.map((p) => [p.name, p.value]));
  const results = resultsDocument(run.name, parameters, readNotebook(ipynbPath));
  fs.writeFileSync(path.join(stagingDir, `${run.name}.results.json`), `${JSON.stringify(results, null, 2)}\n`);
  output.line(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
