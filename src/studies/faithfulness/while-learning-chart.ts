import type { TopLevelSpec } from 'vega-lite';
import type { LearningRun } from './while-learning';
import { chartConfig, colors, vegaLiteSchema } from '../../plots/theme';

/** attentionWhileLearningChart()'s settings. */
export interface AttentionWhileLearningOptions {
  /** The chart's title; default "Attention while the network learns". */
  title?: string;
}

interface LearningRow {
  seed: string;
  epoch: number;
  panel: string;
  value: number;
}

const panels = [
  { key: 'share', title: "Attention on the label's column" },
  { key: 'rank', title: "Label column's rank (1 = most)" },
  { key: 'valAcc', title: 'Validation accuracy' },
] as const;

/**
 * Three panels over epochs — the label column's attention share, its rank, validation accuracy — one line per seed.
 * @param runs - attentionWhileLearning()'s runs, at least one, each with at least one epoch.
 * @returns A vega-lite 5 spec.
 */
export function attentionWhileLearningChart(runs: LearningRun[], options: AttentionWhileLearningOptions = {}): TopLevelSpec {
  const { title = 'Attention while the network learns' } = options;
  if (runs.length === 0 || runs.some((run) => run.points.length === 0)) throw new Error('attention-while-learning chart needs runs with at least one epoch');
  const rows: LearningRow[] = runs.flatMap((run) => run.points.flatMap((point) =>
    panels.map(({ key, title: panel }) => ({ seed: `seed ${run.seed}`, epoch: point.epoch, panel, value: point[key] }))));
  const epochs = Math.max(...runs.map((run) => run.points.length));
  const seeds = runs.map((run) => `seed ${run.seed}`);
  const maxRank = Math.max(...runs.flatMap((run) => run.points.map((p) => p.rank)));
  const panel = ({ title: panelTitle }: (typeof panels)[number], index: number) => ({
    name: `panel_${index}`,
    width: 230,
    height: 180,
    transform: [{ filter: { field: 'panel', equal: panelTitle } }],
    mark: { type: 'line' as const, point: true, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative' as const, title: 'Epoch', scale: { domain: epochs === 1 ? [0.5, 1.5] : [1, epochs], nice: false }, axis: { tickMinStep: 1, format: 'd' } },
      y: {
        field: 'value', type: 'quantitative' as const, title: panelTitle,
        // Ranks are whole numbers: ticks on each of them only, 1 (the most attention) on top.
        ...(index === 1
          ? { scale: { reverse: true, domain: [1, Math.max(2, maxRank)] }, axis: { values: Array.from({ length: Math.max(2, maxRank) }, (_, r) => r + 1), format: 'd' } }
          : { scale: { zero: index === 0 } }),
      },
      color: { field: 'seed', type: 'nominal' as const, scale: { domain: seeds }, legend: { title: null, orient: 'right' as const } },
      tooltip: [
        { field: 'seed', type: 'nominal' as const },
        { field: 'epoch', type: 'quantitative' as const },
        { field: 'value', type: 'quantitative' as const, title: panelTitle, format: '.3f' },
      ],
    },
  });
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle: `after every epoch, on held-out samples; ${runs.length} seed${runs.length === 1 ? '' : 's'}` },
    data: { values: rows },
    hconcat: panels.map(panel),
    spacing: 30,
    config: { ...chartConfig, range: { category: [colors.series, colors.validation, '#54a24b', '#b279a2', '#9d755d', '#72b7b2'] } },
  };
}
