/**
 * The playground's training, in a Web Worker so that the page stays responsive: runPlayground()
 * on tfjs, each epoch's log line and charts (the library's own vega-lite specs) sent to the page.
 */
import './worker-globals';
import { tf } from '../src/core/tf';
import type { PlaygroundSettings } from '../src/notebook/playground-element';
import { formatEpoch, formatRoute } from '../src/notebook/progress';
import { attentionChart } from '../src/plots/attention-chart';
import { trainingCurves } from '../src/plots/training-curves';
import type { TrainingMetrics } from '../src/training/train';
import { runPlayground } from './experiment';
import type { TrainRequest, WorkerMessage } from './messages';

interface WorkerScope {
  onmessage: ((event: { data: TrainRequest }) => void) | null;
  postMessage(message: WorkerMessage): void;
}
const scope = self as unknown as WorkerScope;

async function run(settings: PlaygroundSettings): Promise<void> {
  const started = performance.now();
  await tf.ready();
  scope.postMessage({ kind: 'started', backend: tf.getBackend() });
  const log: string[] = [];
  const metrics: TrainingMetrics = { loss: [], acc: [], val_loss: [], val_acc: [] };
  const { history, attention } = await runPlayground(settings, ({ report, attention: sofar }) => {
    if (log.length === 0) log.push(formatRoute(report.route));
    log.push(formatEpoch(report));
    metrics.loss.push(report.loss);
    metrics.acc.push(report.acc);
    if (report.val_loss !== undefined && report.val_acc !== undefined) {
      metrics.val_loss.push(report.val_loss);
      metrics.val_acc.push(report.val_acc);
    }
    scope.postMessage({ kind: 'epoch', log, attentionChart: attentionChart(sofar), curves: trainingCurves(metrics) });
  });
  const valAcc = history.val_acc.at(-1) ?? history.acc[history.acc.length - 1];
  scope.postMessage({ kind: 'done', attention: attention.mean, valAcc, seconds: (performance.now() - started) / 1000 });
}

scope.onmessage = ({ data: request }) => {
  run(request.settings).catch((error: unknown) => {
    scope.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  });
};
