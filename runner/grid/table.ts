/**
 * The grid's table, DIR/runs.csv and DIR/runs.jsonl: one row per run, its parameters, status and
 * the scalar figures of its results.json. Rewritten whole after every finished run, atomically
 * (a temporary file renamed over the old one), so a reader or a crash never sees half a table.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ParameterValue } from '../translator/parameters';

export type RunStatus = 'pending' | 'running' | 'done' | 'failed' | 'interrupted';

export type Scalar = number | string | boolean;

export interface RunRow {
  run: string;
  values: Record<string, ParameterValue>;
  status: RunStatus;
  seconds?: number;
  /** Where a failed run stopped ("code cell 2 of 3"), if the export said. */
  failedCell?: string;
  message?: string;
  /** Where it ran: "local" or the Dask worker's address. */
  worker?: string;
  notebookDigest: string;
  figures: Record<string, Scalar>;
}

export const tableFiles = { csv: 'runs.csv', jsonl: 'runs.jsonl' };

const fixedColumns = ['status', 'seconds', 'failed_cell', 'message', 'worker', 'notebook_digest'];

/** The scalars of results.json by dotted path (`attention.argmax`); its arrays stay in results.json. */
export function scalarFigures(results: Record<string, unknown>): Record<string, Scalar> {
  const figures: Record<string, Scalar> = {};
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') figures[key] = value;
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [child, inner] of Object.entries(value)) visit(inner, key ? `${key}.${child}` : child);
    }
  };
  const { notebook: _notebook, parameters: _parameters, ...rest } = results;
  visit(rest, '');
  return figures;
}

/** The rows as flat records, columns in a fixed order: run, the parameters, the status columns, the figures. */
export function tableRecords(parameterNames: string[], rows: RunRow[]): Record<string, Scalar | null>[] {
  const taken = new Set(['run', ...parameterNames, ...fixedColumns]);
  // A figure named like a column of ours keeps its results.json path under "results.".
  const figureColumn = (key: string): string => (taken.has(key) ? `results.${key}` : key);
  const figureColumns = [...new Set(rows.flatMap((row) => Object.keys(row.figures)))];
  return rows.map((row) => {
    const record: Record<string, Scalar | null> = { run: row.run };
    for (const name of parameterNames) record[name] = row.values[name] ?? null;
    Object.assign(record, {
      status: row.status, seconds: row.seconds === undefined ? null : Number(row.seconds.toFixed(2)),
      failed_cell: row.failedCell ?? null, message: row.message ?? null, worker: row.worker ?? null,
      notebook_digest: row.notebookDigest,
    });
    for (const key of figureColumns) record[figureColumn(key)] = row.figures[key] ?? null;
    return record;
  });
}

export function writeTable(outDir: string, parameterNames: string[], rows: RunRow[]): void {
  const records = tableRecords(parameterNames, rows);
  const columns = Object.keys(records[0] ?? { run: null });
  const csv = [columns, ...records.map((record) => columns.map((column) => record[column]))]
    .map((cells) => cells.map(csvCell).join(',')).join('\n');
  writeAtomically(path.join(outDir, tableFiles.csv), `${csv}\n`);
  writeAtomically(path.join(outDir, tableFiles.jsonl), records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}

/** RFC 4180: quoted when it holds a comma, a quote, a line break or edge spaces; empty for none. */
function csvCell(value: Scalar | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.attention-lab-new`);
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

/** The rows of an earlier grid in outDir (by run folder), for --resume; none if it has no table. */
export function readTableRecords(outDir: string): Map<string, Record<string, unknown>> {
  const file = path.join(outDir, tableFiles.jsonl);
  const records = new Map<string, Record<string, unknown>>();
  if (!fs.existsSync(file)) return records;
  for (const line of fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim())) {
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (typeof record.run === 'string') records.set(record.run, record);
    } catch {
      // A line that is not JSON describes no run we could skip; that run is simply done again.
    }
  }
  return records;
}
