/** The dense notebook's tables: correlation against attention per column, and one row per sweep run. */
import { danfo } from '../../core/danfo';
import type { DataFrame } from 'danfojs-node';
import { argmax } from '../../core/statistics';
import type { AttentionSummary } from '../../readout/activations';
import type { SweepRun } from './sweep';

/**
 * The blog's argument side by side: per input column (x0, x1, … as the index), its correlation with
 * the label and the attention it gets: the mean and the 10th–90th percentile over samples, the
 * spread the chart draws. The label's column should top both.
 */
export function correlationVsAttention(correlation: number[], attention: AttentionSummary): DataFrame {
  if (correlation.length !== attention.mean.length) {
    throw new Error(`${correlation.length} correlations but attention over ${attention.mean.length} columns`);
  }
  return new (danfo().DataFrame)({
    'correlation with y': correlation,
    'mean attention': attention.mean,
    'attention, 10th percentile': attention.p10,
    'attention, 90th percentile': attention.p90,
  }, { index: correlation.map((_, i) => `x${i}`) });
}

/** A danfo DataFrame with one row per run of a sweep: where the label was, where the attention peaked, how well it learned. */
export function sweepTable(runs: SweepRun[]): DataFrame {
  return new (danfo().DataFrame)({
    'label column': runs.map((r) => r.attentionColumn),
    seed: runs.map((r) => r.seed),
    'attention on label column': runs.map((r) => r.attention.mean[r.attentionColumn]),
    'peak column': runs.map((r) => argmax(r.attention.mean)),
    hit: runs.map((r) => (r.hit ? 'yes' : 'no')),
    'validation accuracy': runs.map((r) => r.valAcc),
  });
}

/** A danfo DataFrame of each input column's correlation with the label, the columns (x0, x1, …) as the index. */
export function correlationTable(correlation: number[]): DataFrame {
  return new (danfo().DataFrame)({ 'correlation with y': correlation }, { index: correlation.map((_, i) => `x${i}`) });
}
