/** Executing one notebook through scripts/execute_notebook.py (nbclient + nbconvert) on the tslab kernel. */
import * as os from 'os';
import * as path from 'path';
import { projectRoot, tslabKernelName } from '../toolchain/paths';
import { resultsMimeType } from '../notebook/mime-types';
import { requireJupyterPython, runChild } from './child-process';
import { CommandError } from './errors';
import type { ExportForm } from './export-forms';
import { cellSource, hasTag, isCode, Notebook } from './ipynb';
import { injectedParametersTag } from './parameters';

const executeScript = path.join(projectRoot, 'scripts', 'execute_notebook.py');
/** execute_notebook.py's exit status for a failing cell; its stdout then describes the cell. */
const cellFailedStatus = 3;
/** execute_notebook.py's exit status for a notebook that a self-contained page cannot show; stderr says why. */
const unpublishableStatus = 4;

export interface Execution {
  /** The notebook as the user named it, for messages. */
  label: string;
  /** The notebook to run, parameters already injected. */
  notebook: Notebook;
  /** The kernel's working directory: the notebook's own folder, so `../build/src` resolves. */
  cwd: string;
  ipynbPath: string;
  /** Where to write the HTML page, if wanted. */
  htmlPath?: string;
  /** The folder for <name>.md and <name>_files/, if wanted. */
  markdownDir?: string;
  form: ExportForm;
}

interface CellFailure {
  /** The cell's index in the notebook as run, markdown and injected cells included. */
  cellIndex: number;
  stderr: string;
  ename: string;
  evalue: string;
}

/** Writes the executed notebook and its HTML; throws a CommandError naming the failing cell. */
export async function executeNotebook(execution: Execution): Promise<void> {
  const args = [executeScript, '--kernel', tslabKernelName, '--cwd', execution.cwd,
    '--ipynb', execution.ipynbPath,
    ...(execution.htmlPath === undefined ? [] : ['--html', execution.htmlPath]),
    ...(execution.markdownDir === undefined ? [] : ['--markdown', execution.markdownDir]),
    // Results bundles feed <name>.results.json; in the HTML they would only be noise.
    '--hide-mime', resultsMimeType,
    ...pathRelabels(execution.cwd).flatMap(([from, to]) => ['--relabel', `${from}=${to}`]),
    ...(execution.form === 'notebook' ? [] : [`--${execution.form}`])];
  const result = await runChild(requireJupyterPython(), args,
    { input: JSON.stringify(execution.notebook), capture: true });
  if (result.interruptedBy) {
    throw new CommandError(`interrupted (${result.interruptedBy}) while executing ${execution.label}`,
      128 + os.constants.signals[result.interruptedBy]);
  }
  if (result.status === cellFailedStatus) {
    // The kernel shares the script's stdout, so the description is the last line rather than all of it.
    const lastLine = result.stdout.trim().split('\n').pop() ?? '';
    throw new CommandError(describeCellFailure(execution, JSON.parse(lastLine) as CellFailure));
  }
  if (result.status === unpublishableStatus) {
    throw new CommandError(`${execution.label} cannot be published: ${result.stderr.trim().split('\n').pop() ?? ''}`);
  }
  if (result.status !== 0) {
    throw new CommandError(`executing ${execution.label} failed (status ${result.status}):\n${result.stderr.trim()}`);
  }
}

/**
 * Absolute paths of this machine, as outputs should show them instead: relative to the notebook's
 * folder (the kernel's cwd) inside the project, `~` for the home folder.
 */
function pathRelabels(cwd: string): [string, string][] {
  const relabels: [string, string][] = [[cwd, '.'], [projectRoot, path.relative(cwd, projectRoot) || '.']];
  const home = os.homedir();
  if (home !== path.parse(home).root) relabels.push([home, '~']);
  return relabels;
}

/**
 * "code cell N of M": N counts the code cells of the notebook as saved, from 1, so the injected
 * parameters cell is not counted (the execution count would count it).
 */
function describeCellFailure({ label, notebook }: Execution, failure: CellFailure): string {
  const failing = notebook.cells[failure.cellIndex];
  const codeCells = notebook.cells.filter((c) => isCode(c) && !hasTag(c, injectedParametersTag));
  const message = tslabErrorMessage(failure.stderr) || [failure.ename, failure.evalue].filter(Boolean).join(': ');
  const where = hasTag(failing, injectedParametersTag)
    ? 'the injected parameters cell'
    : `code cell ${codeCells.indexOf(failing) + 1} of ${codeCells.length}`;
  const firstLine = cellSource(failing).trim().split('\n')[0];
  return `${label}: ${where} failed: ${message}\n  (the cell begins: ${firstLine})`;
}

/**
 * tslab reports an error only as stderr text: a code frame (`evalmachine.<anonymous>:3`, the line,
 * a caret) for uncaught throws, then the error and its stack. Keep the error itself.
 */
function tslabErrorMessage(stderr: string): string {
  const withoutFrame = stderr.replace(/^evalmachine\.<anonymous>:\d+\n[\s\S]*?\n\n/, '');
  return withoutFrame.split('\n').filter((line) => !/^\s+at /.test(line)).join('\n').trim();
}
