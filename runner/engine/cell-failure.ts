/**
 * What `export` says when a cell throws: the error first, in one line as the code that threw it
 * wrote it (`RangeError: n must be an integer >= 1, got -5`), with the -p setting it names, then
 * where: the cell, the notebook and the cell's first line. No stack, no path of this machine.
 */
import { shownValue } from '../cli/shown';
import { cellPosition } from '../translator/cell-position';
import { cellSource, Notebook } from '../translator/ipynb';

/** execute_notebook.py's description of the failing cell. */
export interface CellFailure {
  /** The cell's index in the notebook as run, markdown and injected cells included. */
  cellIndex: number;
  stderr: string;
  ename: string;
  evalue: string;
}

/** `settings` are the run's -p overrides as NAME=VALUE. */
export function describeCellFailure(label: string, notebook: Notebook, failure: CellFailure, settings: string[]): string {
  const error = errorLine(failure);
  const cause = settings.find((setting) => names(error, setting.slice(0, setting.indexOf('='))));
  const firstLine = cellSource(notebook.cells[failure.cellIndex]).trim().split('\n')[0];
  return `${error}${cause === undefined ? '' : ` (from -p ${shownValue(cause)})`}\n`
    + `  in ${cellPosition(notebook, failure.cellIndex)} of ${label}, which begins: ${firstLine}`;
}

/**
 * tslab reports an error only as stderr text: for an uncaught throw, a code frame (the file and
 * line that threw — `evalmachine.<anonymous>:3` for the cell, an absolute path for a library —, the
 * line, a caret, a blank line), then `Name: message` and the stack. The `Name: message` line is kept:
 * the first line after any code frame that is not a stack frame.
 */
function errorLine({ stderr, ename, evalue }: CellFailure): string {
  const withoutFrame = stderr.replace(/^\S+:\d+\n[\s\S]*?\n\n/, '');
  const line = withoutFrame.split('\n').find((text) => text.trim() !== '' && !/^\s+at /.test(text));
  return line?.trim() ?? [ename, evalue.split('\n')[0]].filter(Boolean).join(': ');
}

/** Whether the message names the parameter, as written (attention_column) or as a library names it (attentionColumn). */
function names(message: string, parameter: string): boolean {
  const camel = parameter.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  return [parameter, camel].some((name) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(message));
}
