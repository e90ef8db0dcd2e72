/** Training progress in the original Keras log format, live in one notebook output. */
import { updatableText } from './display';
import type { EpochReport } from './train';

/** `Epoch 3/20 8000/8000 [==============================] - 0.4s - loss: 0.6619 - acc: 0.8091 - val_loss: … - val_acc: …` */
export function formatEpoch(report: EpochReport): string {
  const metrics = [`loss: ${report.loss.toFixed(4)}`, `acc: ${report.acc.toFixed(4)}`];
  if (report.val_loss !== undefined && report.val_acc !== undefined) {
    metrics.push(`val_loss: ${report.val_loss.toFixed(4)}`, `val_acc: ${report.val_acc.toFixed(4)}`);
  }
  const samples = `${report.trainSamples}/${report.trainSamples}`;
  return [`Epoch ${report.epoch}/${report.epochs} ${samples} [${'='.repeat(30)}]`, `${report.seconds.toFixed(1)}s`, ...metrics].join(' - ');
}

/**
 * An `onEpoch` callback for train() in a tslab notebook: one output that grows by one line per
 * epoch and is replaced in place, instead of a new output per epoch. Quiet outside a kernel.
 */
export function notebookProgress(): (report: EpochReport) => void {
  const show = updatableText();
  const lines: string[] = [];
  return (report) => {
    lines.push(formatEpoch(report));
    show(lines.join('\n'));
  };
}
