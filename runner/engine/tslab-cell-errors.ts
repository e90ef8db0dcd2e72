/**
 * An error thrown in a cell as the kernel prints it: the error's name and message first, then only
 * the stack frames that point into cells, with the cells' own line numbers (tslab would print
 * Node's code frame of its compiled code and every frame inside tslab and the libraries).
 */
import { frameInCell } from './tslab-cell-lines';

const cellFrame = /^\s*at (?:(.+?) \()?(tslab-cell-\d+):(\d+):(\d+)\)?$/;
// An earlier cell's function is called as a method of tslab's `exports` proxy.
const calledOnExports = /^Proxy\./;

/** A failed cell as Jupyter's execute_reply reports it; the traceback's lines are what the kernel prints. */
export interface CellError { ename: string; evalue: string; traceback: string[] }

export function cellError(error: Error): CellError {
  const frames = (error.stack ?? '').split('\n').flatMap((line) => {
    const match = cellFrame.exec(line);
    const where = match && frameInCell(match[2], Number(match[3]), Number(match[4]));
    if (!match || !where) return [];
    return [`    at ${match[1]?.replace(calledOnExports, '') ?? 'the cell'} (${where.running ? '' : 'an earlier cell, '}line ${where.line})`];
  });
  return { ename: error.name, evalue: error.message, traceback: [Error.prototype.toString.call(error), ...frames] };
}
