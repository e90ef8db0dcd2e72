import type { AttentionSummary } from '../experiment/activations';
import { requireInteger } from '../core/validate';
import { colors } from './theme';

/** What one entry of an attention summary stands for: an input column (Dense) or a time step (LSTM). */
export type AttentionUnit = 'column' | 'time step';

/** One bar (or time step) of an attention chart, as the spec's inline data. */
export interface AttentionRow {
  index: number;
  mean: number;
  std: number;
  /** mean − std, floored at 0: a softmax output is never negative, so the spread stops at the axis. */
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
    { field: 'std', type: 'quantitative' as const, title: 'std', format: '.3f' },
  ];
}

/** Legend entries: "label's column" / "other columns" (or time steps). */
export function roleNames(unit: AttentionUnit) {
  return { label: `label's ${unit}`, other: `other ${unit}s` };
}

/** Checks a summary (and the label's position, if given) and turns it into chart rows. */
export function attentionRows(summary: AttentionSummary, attentionColumn: number | undefined, unit: AttentionUnit): AttentionRow[] {
  const { mean, std } = summary;
  if (mean.length === 0) throw new Error(`attention summary "${summary.layerName}" has no ${unit}s`);
  if (std.length !== mean.length) {
    throw new Error(`attention summary "${summary.layerName}" has ${mean.length} means but ${std.length} stds`);
  }
  if (attentionColumn !== undefined) requireInteger('attentionColumn', attentionColumn, 0, mean.length - 1);
  const names = roleNames(unit);
  return mean.map((m, index) => ({
    index,
    mean: m,
    std: std[index],
    low: Math.max(0, m - std[index]),
    high: m + std[index],
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

/** e.g. "mean over 10,000 samples, error bars ± 1 std": the sample count tells how far the spread can be trusted. */
export function samplesNote(summary: AttentionSummary, spread: string): string {
  return `mean over ${summary.samples.toLocaleString('en-US')} samples, ${spread} ± 1 std (layer "${summary.layerName}")`;
}
