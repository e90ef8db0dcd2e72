/**
 * Scoring attributions against the known answer (does a method rank the label's column first?)
 * and against each other (Kendall's τ between their column rankings).
 */
import { argmax } from '../core/statistics';
import { requireInteger } from '../core/validate';
import { type Attribution, type AttributionMethod, score } from './attribution';

/** How one attribution method ranks the label's column. */
export interface LabelRanking {
  /** The method scored. */
  method: AttributionMethod;
  /** Fraction of samples whose scores put the column strictly first; null for a data-set-level method. */
  firstPerSample: number | null;
  /** Whether the mean scores put the column first. */
  firstOnAverage: boolean;
  /** The column's rank by mean score, 1 = first. */
  rankOnAverage: number;
  /** The column's share of the method's mean scores (negative means counted as 0). */
  share: number;
}

/**
 * Scores an attribution against the known answer: does it put the label's column first, per sample and on average?
 * @param column - The label's column, an integer in [0, attribution.columns - 1].
 */
export function labelRanking(attribution: Attribution, column: number): LabelRanking {
  const { columns, samples, mean } = attribution;
  requireInteger('column', column, 0, columns - 1);
  let firstPerSample: number | null = null;
  if (attribution.values !== undefined) {
    let first = 0;
    for (let i = 0; i < samples; i++) {
      const own = score(attribution, i, column);
      let strictlyFirst = true;
      for (let j = 0; j < columns && strictlyFirst; j++) if (j !== column && score(attribution, i, j) >= own) strictlyFirst = false;
      if (strictlyFirst) first++;
    }
    firstPerSample = first / samples;
  }
  const positive = mean.map((m) => Math.max(0, m));
  const total = positive.reduce((a, b) => a + b, 0);
  return {
    method: attribution.method,
    firstPerSample,
    firstOnAverage: argmax(mean) === column && mean.filter((m) => m === mean[column]).length === 1,
    rankOnAverage: 1 + mean.filter((m) => m > mean[column]).length,
    share: total === 0 ? 0 : positive[column] / total,
  };
}

/**
 * Kendall's τ-b of two rankings (ties allowed); NaN when either is constant.
 * @param a - Scores, one per item.
 * @param b - Scores of the same items, as long as `a`.
 * @returns A number in [-1, 1], or NaN.
 */
export function kendallTau(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`kendallTau needs two equally long lists, got ${a.length} and ${b.length}`);
  let concordant = 0;
  let discordant = 0;
  let tiesA = 0;
  let tiesB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const da = Math.sign(a[i] - a[j]);
      const db = Math.sign(b[i] - b[j]);
      if (da === 0 && db === 0) continue;
      if (da === 0) tiesA++;
      else if (db === 0) tiesB++;
      else if (da === db) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiesA) * (concordant + discordant + tiesB));
  return denominator === 0 ? NaN : (concordant - discordant) / denominator;
}

/**
 * τ between two methods' column rankings, averaged over the samples (samples where either ranking
 * is constant are skipped). A data-set-level method contributes its one ranking to every sample.
 */
export function meanKendallTau(a: Attribution, b: Attribution): number {
  if (a.columns !== b.columns) throw new RangeError(`the methods rank different numbers of columns: ${a.columns} and ${b.columns}`);
  if (a.values === undefined && b.values === undefined) return kendallTau(a.mean, b.mean);
  const samples = a.values !== undefined ? a.samples : b.samples;
  if (a.values !== undefined && b.values !== undefined && a.samples !== b.samples) {
    throw new RangeError(`the methods scored different numbers of samples: ${a.samples} and ${b.samples}`);
  }
  const row = (attribution: Attribution, i: number) => Array.from({ length: attribution.columns }, (_, j) => score(attribution, i, j));
  let sum = 0;
  let counted = 0;
  for (let i = 0; i < samples; i++) {
    const tau = kendallTau(row(a, i), row(b, i));
    if (!Number.isNaN(tau)) {
      sum += tau;
      counted++;
    }
  }
  return counted === 0 ? NaN : sum / counted;
}
