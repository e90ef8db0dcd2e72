import type { TopLevelSpec } from 'vega-lite';
import type { ComparisonRun } from './comparison';
import { chartConfig, colors, vegaLiteSchema } from '../../plots/theme';

/** headComparisonChart()'s settings. */
export interface HeadComparisonOptions {
  /** The chart's title; default "Attention vs a Dense layer of the same size". */
  title?: string;
}

/**
 * Validation accuracy of the attention head and the Dense head: one point per seed, the mean ± 1 std.
 * @param runs - compareWithDense()'s runs, at least one.
 * @returns A vega-lite 5 spec.
 */
export function headComparisonChart(runs: ComparisonRun[], options: HeadComparisonOptions = {}): TopLevelSpec {
  if (runs.length === 0) throw new RangeError('runs must hold at least one run, got none');
  const { title = 'Attention vs a Dense layer of the same size' } = options;
  const parameters = (head: ComparisonRun['head']) => runs.find((r) => r.head === head)?.parameters;
  const rows = runs.map((r) => ({ ...r, model: `${r.head} (${parameters(r.head)} parameters)` }));
  const seeds = new Set(runs.map((r) => r.seed)).size;
  const x = { field: 'model', type: 'nominal' as const, title: null, axis: { labelAngle: 0, labelLimit: 200 } };
  const y = { field: 'valAcc', type: 'quantitative' as const, title: 'Validation accuracy', scale: { zero: false } };
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle: [`${seeds} seed${seeds === 1 ? '' : 's'} each: points are runs, bars the mean ± 1 standard deviation`] },
    width: 360,
    height: 240,
    data: { values: rows },
    layer: [
      { name: 'spread', mark: { type: 'errorbar', extent: 'stdev', color: colors.series }, encoding: { x, y } },
      { name: 'mean', mark: { type: 'tick', color: colors.series, thickness: 2, size: 24 }, encoding: { x, y: { ...y, aggregate: 'mean' } } },
      {
        name: 'runs',
        mark: { type: 'point', filled: true, size: 50, opacity: 0.8, color: colors.validation },
        encoding: { x, y, tooltip: [{ field: 'seed', title: 'Seed' }, { field: 'valAcc', title: 'Validation accuracy', format: '.3f' }] },
      },
    ],
    config: chartConfig,
  };
}
