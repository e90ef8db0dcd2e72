/** The sweep's live progress line in the dense notebook. */
import { argmax } from '../../core/statistics';
import { updatableText } from '../../notebook/display';
import type { SweepRun } from './sweep';

/** An `onRun` callback for sweep() in a notebook: one line, replaced in place, naming the run just finished; quiet outside a kernel. */
export function sweepProgress(): (run: SweepRun, index: number, total: number) => void {
  const show = updatableText();
  return (run, index, total) => show(`run ${index}/${total}: label in column ${run.attentionColumn}, seed ${run.seed}, `
    + `validation accuracy ${run.valAcc.toFixed(3)}, attention peak on column ${argmax(run.attention.mean)} (trained by ${run.route})`);
}
