import type { TopLevelSpec } from 'vega-lite';
import type { TrainingMetrics } from '../training/train';
import { chartConfig, colors, vegaLiteSchema } from './theme';

/** trainingCurves()'s settings. */
export interface TrainingCurvesOptions {
  /** The chart's title; default "Training curves". */
  title?: string;
}

type Split = 'training' | 'validation';
type Metric = 'loss' | 'accuracy';

interface CurvePoint {
  epoch: number;
  split: Split;
  metric: Metric;
  value: number;
}

/** Up to this many epochs every epoch gets a tick; beyond, vega picks whole-number ticks. */
const maxTickedEpochs = 25;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Long-format rows; validation arrays may be empty (a run without a validation split). */
function curvePoints(history: TrainingMetrics): CurvePoint[] {
  const epochs = history.loss.length;
  if (epochs === 0) throw new Error('training history has no epochs');
  const series: [Split, Metric, number[]][] = [
    ['training', 'loss', history.loss],
    ['training', 'accuracy', history.acc],
    ['validation', 'loss', history.val_loss],
    ['validation', 'accuracy', history.val_acc],
  ];
  const points: CurvePoint[] = [];
  for (const [split, metric, values] of series) {
    const optional = split === 'validation' && values.length === 0;
    if (values.length !== epochs && !optional) {
      throw new Error(`training history has ${epochs} epochs of loss but ${values.length} of ${split} ${metric}`);
    }
    values.forEach((value, i) => points.push({ epoch: i + 1, split, metric, value }));
  }
  return points;
}

/**
 * Loss and accuracy per epoch, training vs validation, as two panels side by side.
 * @param history - train()'s history (or any per-epoch loss/acc/val_loss/val_acc arrays).
 * @returns A vega-lite 5 spec.
 */
export function trainingCurves(history: TrainingMetrics, options: TrainingCurvesOptions = {}): TopLevelSpec {
  const { title = 'Training curves' } = options;
  const points = curvePoints(history);
  const epochs = history.loss.length;
  const splits = [...new Set(points.map((p) => p.split))];
  const splitsNote = splits.length === 2 ? 'training vs validation split' : 'training only (no validation split)';
  const panel = (metric: Metric, yTitle: string, scale: { zero?: boolean; domainMax?: number }) => ({
    name: `${metric}_panel`,
    width: 320,
    height: 220,
    transform: [{ filter: { field: 'metric', equal: metric } }],
    mark: { type: 'line' as const, point: true, strokeWidth: 2 },
    encoding: {
      // Epochs count from 1, as Keras prints them; ticks on whole epochs only.
      x: {
        field: 'epoch',
        type: 'quantitative' as const,
        title: 'Epoch',
        scale: { domain: epochs === 1 ? [0.5, 1.5] : [1, epochs], nice: false },
        axis: epochs <= maxTickedEpochs ? { values: range(1, epochs), format: 'd' } : { tickMinStep: 1, format: 'd' },
      },
      y: { field: 'value', type: 'quantitative' as const, title: yTitle, scale },
      color: {
        field: 'split',
        type: 'nominal' as const,
        scale: { domain: splits, range: splits.map((split) => colors[split]) },
        legend: { title: null },
      },
      tooltip: [
        { field: 'epoch', type: 'quantitative' as const, title: 'epoch' },
        { field: 'split', type: 'nominal' as const },
        { field: 'value', type: 'quantitative' as const, title: metric, format: '.4f' },
      ],
    },
  });
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle: `${epochs} epoch${epochs === 1 ? '' : 's'}, ${splitsNote}` },
    description: 'Two line charts, loss and accuracy per epoch',
    data: { values: points },
    hconcat: [
      panel('loss', 'Loss', { zero: true }),
      panel('accuracy', 'Accuracy', { zero: false, domainMax: 1 }),
    ],
    spacing: 40,
    config: chartConfig,
  };
}
