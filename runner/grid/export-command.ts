/** The `attention-lab export` command line of one run (the local pool and Dask workers both run it). */
import type { ExportForm, ExportFormat } from '../publisher/export-forms';
import type { GridRun } from './plan';

export interface PassedOptions {
  formats: ExportFormat[];
  form: ExportForm;
}

/** Everything after `attention-lab export NOTEBOOK`, except --out. */
export function exportArguments(run: GridRun, { formats, form }: PassedOptions): string[] {
  return [...[...run.overrides].flatMap(([name, value]) => ['-p', `${name}=${value}`]),
    '--to', formats.join(','), ...(form === 'notebook' ? [] : [`--${form}`])];
}
