/** Live progress in one notebook output: training in the original Keras log format. */
import { type RouteReport } from '../training/gradient-routes';
import type { EpochReport } from '../training/train';
import { updatableText } from './display';

/** `Epoch 3/20 8000/8000 [==============================] - 0.4s - loss: 0.6619 - acc: 0.8091 - val_loss: … - val_acc: …` */
export function formatEpoch(report: Omit<EpochReport, 'route'>): string {
  const metrics = [`loss: ${report.loss.toFixed(4)}`, `acc: ${report.acc.toFixed(4)}`];
  if (report.val_loss !== undefined && report.val_acc !== undefined) {
    metrics.push(`val_loss: ${report.val_loss.toFixed(4)}`, `val_acc: ${report.val_acc.toFixed(4)}`);
  }
  const samples = `${report.trainSamples}/${report.trainSamples}`;
  return [`Epoch ${report.epoch}/${report.epochs} ${samples} [${'='.repeat(30)}]`, `${report.seconds.toFixed(1)}s`, ...metrics].join(' - ');
}

/**
 * The gradient route of a run as one line, e.g. "Gradients: dense attention, by hand (equal to tfjs's tape on the first batch, max difference …)".
 * @param route - A history's or epoch report's `route`.
 */
export function formatRoute(route: RouteReport): string {
  const { check } = route;
  const difference = check === undefined ? '' : `max difference ${check.maxDifference.toExponential(1)}`;
  if (check?.agreed) return `Gradients: ${route.name} (equal to tfjs's tape on the first batch, ${difference})`;
  if (route.fallback === undefined) return `Gradients: ${route.name}`;
  return `Gradients: ${route.name}, because ${route.fallback}${check === undefined ? '' : ` (${difference})`}`;
}

/**
 * An `onEpoch` callback for train() in a tslab notebook: one output that names the gradient route
 * and grows by one line per epoch, replaced in place instead of a new output per epoch. Quiet
 * outside a kernel.
 */
export function notebookProgress(): (report: EpochReport) => void {
  const show = updatableText();
  const lines: string[] = [];
  return (report) => {
    if (lines.length === 0 && report.route !== undefined) lines.push(formatRoute(report.route));
    lines.push(formatEpoch(report));
    show(lines.join('\n'));
  };
}
