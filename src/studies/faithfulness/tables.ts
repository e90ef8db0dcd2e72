/** Tables of the faithfulness notebook (notebooks/attention_faithfulness.ipynb), as danfo DataFrames for showTable(). */
import { danfo } from '../../core/danfo';
import type { DataFrame } from 'danfojs-node';
import type { VariantRun } from './ablation';
import type { AttributionComparison } from '../../explain/compare-methods';
import type { InterventionResult } from './interventions';
import { interventionPhrases } from './narrative';

/** A danfo DataFrame with one row per attribution method: how it ranks the label's column, per sample and on average. */
export function attributionTable(comparison: AttributionComparison): DataFrame {
  const { rankings } = comparison;
  return new (danfo().DataFrame)({
    "label first, fraction of samples": rankings.map((r) => (r.firstPerSample === null ? 'one ranking for the set' : r.firstPerSample)),
    'label first on average': rankings.map((r) => (r.firstOnAverage ? 'yes' : 'no')),
    'label rank on average': rankings.map((r) => r.rankOnAverage),
    "label's share": rankings.map((r) => r.share),
  }, { index: rankings.map((r) => r.method) });
}

/** A danfo DataFrame of the methods' mean Kendall τ with each other (methods as rows and columns). */
export function agreementTable(comparison: AttributionComparison): DataFrame {
  const names = comparison.methods.map((m) => m.method);
  return new (danfo().DataFrame)(Object.fromEntries(names.map((name, b) => [name, comparison.tau.map((row) => row[b])])), { index: names });
}

/** A danfo DataFrame with one row per intervention: accuracy, predictions flipped and mean |Δp|. */
export function interventionTable(results: InterventionResult[]): DataFrame {
  return new (danfo().DataFrame)({
    accuracy: results.map((r) => r.accuracy),
    'predictions flipped': results.map((r) => r.flipped),
    'mean |Δp|': results.map((r) => r.meanAbsChange),
  }, { index: results.map((r) => `with ${interventionPhrases[r.intervention]}`) });
}

/**
 * A danfo DataFrame with one row per network variant: parameters, epochs to the target, final validation accuracy, training time.
 * @param target - Only names the column (default 0.99): the epochs come from the runs, so pass the target they were computed with.
 */
export function variantTable(runs: VariantRun[], target = 0.99): DataFrame {
  return new (danfo().DataFrame)({
    parameters: runs.map((r) => r.parameters),
    [`epochs to ${Math.round(1000 * target) / 10} %`]: runs.map((r) => (r.epochsToTarget === null ? 'not reached' : String(r.epochsToTarget))),
    'final validation accuracy': runs.map((r) => r.history.val_acc.at(-1) ?? r.history.acc.at(-1) ?? NaN),
    'training, s': runs.map((r) => r.history.seconds),
  }, { index: runs.map((r) => r.variant) });
}
