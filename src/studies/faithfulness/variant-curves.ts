import type { TopLevelSpec } from 'vega-lite';
import type { VariantRun } from './ablation';
import { chartConfig, colors, vegaLiteSchema } from '../../plots/theme';

/** variantCurves()'s settings. */
export interface VariantCurvesOptions {
  /** The chart's title; default "With and without attention: validation accuracy per epoch". */
  title?: string;
}

/**
 * Validation accuracy per epoch of each network variant, one line each.
 * @param runs - compareWithoutAttention()'s runs, at least one.
 * @returns A vega-lite 5 spec.
 */
export function variantCurves(runs: VariantRun[], options: VariantCurvesOptions = {}): TopLevelSpec {
  const { title = 'With and without attention: validation accuracy per epoch' } = options;
  if (runs.length === 0) throw new Error('variant curves need at least one run');
  const rows = runs.flatMap((run) => {
    const accuracies = run.history.val_acc.length > 0 ? run.history.val_acc : run.history.acc;
    return accuracies.map((value, i) => ({ variant: `${run.variant} (${run.parameters} parameters)`, epoch: i + 1, value }));
  });
  const epochs = Math.max(...rows.map((row) => row.epoch));
  const variants = [...new Set(rows.map((row) => row.variant))];
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle: 'the same data, seed and settings for each' },
    width: 420,
    height: 240,
    data: { values: rows },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'Epoch', scale: { domain: epochs === 1 ? [0.5, 1.5] : [1, epochs], nice: false }, axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'value', type: 'quantitative', title: 'Validation accuracy', scale: { zero: false, domainMax: 1 } },
      color: {
        field: 'variant', type: 'nominal',
        scale: { domain: variants, range: [colors.label, colors.series, colors.validation].slice(0, variants.length) },
        // labelLimit 0: the variants' names are the point of the legend, never cut them short.
        legend: { title: null, orient: 'bottom', direction: 'vertical', labelLimit: 0 },
      },
      tooltip: [
        { field: 'variant', type: 'nominal' },
        { field: 'epoch', type: 'quantitative' },
        { field: 'value', type: 'quantitative', title: 'validation accuracy', format: '.4f' },
      ],
    },
    config: chartConfig,
  };
}
