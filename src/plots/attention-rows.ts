import type { AttentionSummary } from '../readout/activations';
import { requireInteger } from '../core/validate';
import { colors } from './theme';

/** What one entry of an attention summary stands for: an input column, a hidden unit (Dense) or a time step (LSTM). */
export type AttentionUnit = 'column' | 'hidden unit' | 'time step';

/** One bar (or time step) of an attention chart, as the spec's inline data. */
export interface AttentionRow {
  index: number;
  mean: number;
  std: number;
  /** The 10th and 90th percentiles over samples: a bounded weight's spread stays within [0, 1]. */
  low: number;
  high: number;
  role: string;
}

/** The y axis of every attention chart (bars, error bars, line and band share it, or vega-lite joins titles). */
export const attentionAxisTitle = 'Mean attention (softmax weight)';

/** Hover text of one bar or time step. */
export function attentionTooltip(unit: AttentionUnit) {
  return [
    { field: 'index', type: 'ordinal' as const, title: unit },
    { field: 'mean', type: 'quantitative' as const, title: 'mean', format: '.3f' },
    { field: 'low', type: 'quantitative' as const, title: '10th percentile', format: '.3f' },
    { field: 'high', type: 'quantitative' as const, title: '90th percentile', format: '.3f' },
  ];
}

/** Legend entries: "label's column" / "other columns" (or time steps). */
export function roleNames(unit: AttentionUnit) {
  return { label: `label's ${unit}`, other: `other ${unit}s` };
}

/** Checks a summary (and the label's position, if given) and turns it into chart rows. */
export function attentionRows(summary: AttentionSummary, attentionColumn: number | undefined, unit: AttentionUnit): AttentionRow[] {
  const { mean, std, p10, p90 } = summary;
  if (mean.length === 0) throw new Error(`attention summary "${summary.layerName}" has no ${unit}s`);
  for (const [name, values] of [['stds', std], ['10th percentiles', p10], ['90th percentiles', p90]] as const) {
    if (values.length !== mean.length) {
      throw new Error(`attention summary "${summary.layerName}" has ${mean.length} means but ${values.length} ${name}`);
    }
  }
  if (attentionColumn !== undefined) requireInteger('attentionColumn', attentionColumn, 0, mean.length - 1);
  const names = roleNames(unit);
  return mean.map((m, index) => ({
    index,
    mean: m,
    std: std[index],
    low: p10[index],
    high: p90[index],
    role: index === attentionColumn ? names.label : names.other,
  }));
}

/** Colour by role when the label's position is known; one plain colour otherwise. */
export function roleColor(unit: AttentionUnit, hasLabel: boolean) {
  if (!hasLabel) return { value: colors.series };
  const names = roleNames(unit);
  return {
    field: 'role',
    type: 'nominal' as const,
    scale: { domain: [names.label, names.other], range: [colors.label, colors.otherInput] },
    legend: { title: null },
  };
}

/** e.g. "mean over 10,000 samples, error bars: 10th–90th percentile of samples": which spread, over how many. */
export function samplesNote(summary: AttentionSummary, spread: string): string {
  return `mean over ${summary.samples.toLocaleString('en-US')} samples, ${spread}: 10th–90th percentile of samples (layer "${summary.layerName}")`;
}
