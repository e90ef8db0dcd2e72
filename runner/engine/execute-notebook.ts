/** Executing one notebook through runner/python/execute_notebook.py (nbclient + nbconvert) on the tslab kernel. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot, runnerPythonDir, tslabKernelName } from '../paths';
import { liveMimeType, resultsMimeType } from '../protocol';
import { cellPosition } from '../translator/cell-position';
import { requireJupyterPython, runChild } from './child-process';
import { CommandError } from '../cli/errors';
import type { ExportForm } from '../publisher/export-forms';
import { Notebook } from '../translator/ipynb';
import { CellFailure, describeCellFailure } from './cell-failure';
import { describeKernelDeath } from './kernel-death';
import { executionProgress } from './progress';
import type { ProgressOutput } from './progress-output';

const executeScript = path.join(runnerPythonDir, 'execute_notebook.py');
/** execute_notebook.py's exit status for a failing cell; its stdout then describes the cell. */
const cellFailedStatus = 3;
/** execute_notebook.py's exit status for a notebook that a self-contained page cannot show; stderr says why. */
const unpublishableStatus = 4;
/** execute_notebook.py's exit status when the kernel died (e.g. out of memory). */
const kernelDiedStatus = 5;

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
  /** Where to write the article form of the same run as HTML as well (--with-article), if wanted. */
  articleHtmlPath?: string;
  /** The folder for <name>.md and <name>_files/, if wanted. */
  markdownDir?: string;
  form: ExportForm;
  /** Whether live elements run in the page (--live); otherwise they are left out of it. */
  live: boolean;
  /** The export's staging folder: execute_notebook.py removes it if we are killed outright. */
  stagingDir: string;
  /** The -p settings of this run as NAME=VALUE, for advice when it runs out of memory. */
  settings: string[];
  /** Where its progress is shown. */
  output: ProgressOutput;
  /** Aborted when the run is no longer wanted (another notebook of the export failed): Python is stopped with its kernel. */
  stop?: AbortSignal;
}

/** Writes the executed notebook and its HTML; throws a CommandError naming the failing cell. */
export async function executeNotebook(execution: Execution): Promise<void> {
  const args = [executeScript, '--kernel', tslabKernelName, '--cwd', execution.cwd,
    '--ipynb', execution.ipynbPath,
    ...(execution.htmlPath === undefined ? [] : ['--html', execution.htmlPath]),
    ...(execution.markdownDir === undefined ? [] : ['--markdown', execution.markdownDir]),
    ...(execution.articleHtmlPath === undefined ? [] : ['--article-html', execution.articleHtmlPath]),
    // Results bundles feed <name>.results.json; in the HTML they would only be noise.
    '--hide-mime', resultsMimeType,
    ...(execution.live ? ['--live'] : ['--hide-mime', liveMimeType]),
    ...pathRelabels(execution.cwd).flatMap(([from, to]) => ['--relabel', `${from}=${to}`]),
    ...(execution.form === 'notebook' ? [] : [`--${execution.form}`]),
    '--events-fd', '3', '--staging-dir', execution.stagingDir];
  const progress = executionProgress(execution.notebook, execution.output);
  const kernel: { group?: number; connectionFile?: string } = {};
  const result = await runChild(requireJupyterPython(), args, {
    input: JSON.stringify(execution.notebook),
    capture: true,
    onEvent: (event) => {
      const { event: kind, index, text, pgid, connectionFile } = (event ?? {}) as Record<string, unknown>;
      if (kind === 'cell' && typeof index === 'number') progress.cellStarted(index);
      else if (kind === 'progress' && typeof text === 'string') progress.progressLine(text);
      else if (kind === 'kernel' && typeof pgid === 'number') {
        kernel.group = pgid;
        if (typeof connectionFile === 'string') kernel.connectionFile = connectionFile;
        progress.kernelReady();
      }
    },
    outsideGroups: () => (kernel.group === undefined ? [] : [kernel.group]),
    stop: execution.stop,
  });
  // Python removes it when it stops the kernel; if Python itself was killed, we do.
  if (kernel.connectionFile) fs.rmSync(kernel.connectionFile, { force: true });
  progress.end();
  if (result.interruptedBy) {
    throw new CommandError(`interrupted (${result.interruptedBy}) while executing ${execution.label}`,
      128 + os.constants.signals[result.interruptedBy]);
  }
  if (result.status === cellFailedStatus) {
    // The kernel shares the script's stdout, so the description is the last line rather than all of it.
    const lastLine = result.stdout.trim().split('\n').pop() ?? '';
    throw new CommandError(describeCellFailure(execution.label, execution.notebook, JSON.parse(lastLine) as CellFailure,
      execution.settings));
  }
  if (result.status === unpublishableStatus) {
    throw new CommandError(`${execution.label} cannot be published: ${result.stderr.trim().split('\n').pop() ?? ''}`);
  }
  const cell = progress.currentCell();
  const where = cell === undefined ? 'the notebook' : cellPosition(execution.notebook, cell);
  if (result.status === kernelDiedStatus) {
    throw new CommandError(`${execution.label}: ${describeKernelDeath(where, result.stderr, execution.settings)}`);
  }
  if (result.killedBy) {
    throw new CommandError(`${execution.label}: Jupyter's Python was killed (${result.killedBy}) while running `
      + `${where}; its kernel was stopped and nothing was written`);
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
