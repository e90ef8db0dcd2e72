/**
 * The faithfulness notebook's prose, generated from its run's numbers: which methods found the
 * label's column, what replacing the attention did, whether the attention was needed, when it was
 * learned, and how a copy of the label split the credit. Every claim carries its figure.
 */
import type { VariantRun } from './ablation';
import type { LearningRun } from './while-learning';
import type { AttributionComparison } from '../../explain/compare-methods';
import type { DistractorRun } from './distractors';
import type { InterventionKind, InterventionResult } from './interventions';
import type { LabelRanking } from '../../explain/ranking';
import { fixed, percent } from '../../core/format';

const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const ordinal = (rank: number) => `${rank}${rank === 2 ? 'nd' : rank === 3 ? 'rd' : 'th'}`;

function ranking(comparison: AttributionComparison, method: string): LabelRanking {
  const found = comparison.rankings.find((r) => r.method === method);
  if (found === undefined) throw new Error(`no method "${method}" in this comparison`);
  return found;
}

/**
 * A paragraph on how often each attribution method ranks the label's column first, per sample and on average.
 * @param comparison - compareAttributions()'s result.
 */
export function describeAttributionRanking(comparison: AttributionComparison): string {
  const { rankings, attentionColumn, methods } = comparison;
  const samples = methods[0].samples;
  const missed = rankings.filter((r) => !r.firstOnAverage);
  const onAverage = missed.length === 0
    ? `On average over ${samples.toLocaleString('en-US')} held-out samples, all ${rankings.length} methods rank column ${attentionColumn} — the label's — first.`
    : `On average over ${samples.toLocaleString('en-US')} held-out samples, ${list(missed.map((r) => `${r.method} (rank ${r.rankOnAverage})`))} `
      + `do${missed.length === 1 ? 'es' : ''} not rank column ${attentionColumn} — the label's — first.`;
  const perSample = rankings.filter((r) => r.firstPerSample !== null)
    .sort((a, b) => (b.firstPerSample ?? 0) - (a.firstPerSample ?? 0))
    .map((r) => `${r.method} ${percent(r.firstPerSample ?? 0)}`);
  const attention = ranking(comparison, 'attention');
  return `${onAverage} Sample by sample the picture differs: the label's column comes strictly first for ${list(perSample)} of the samples. `
    + `The attention gives it ${fixed(attention.share)} of its weight on average, where a uniform split would give ${fixed(1 / methods[0].columns)}.`;
}

/**
 * One sentence on integrated gradients' completeness: do the attributions add up to the change of output?
 * @param comparison - compareAttributions()'s result.
 * @param steps - The step count it was computed with (only quoted in the text).
 */
export function describeCompleteness(comparison: AttributionComparison, steps: number): string {
  const { baseline, completeness } = comparison.integratedGradients;
  return `Integrated gradients (baseline [${baseline.map((b) => fixed(b)).join(', ')}], ${steps} steps) pass the completeness check: `
    + `each sample's attributions sum to p(x) − p(baseline) within ${completeness.meanAbsGap.toExponential(1)} on average `
    + `(at most ${completeness.maxAbsGap.toExponential(1)}), against a mean |p(x) − p(baseline)| of ${fixed(completeness.meanAbsOutputChange, 3)}.`;
}

/**
 * Why gradient × input and integrated gradients can miss a column that matters: they credit a
 * column by its distance from 0 (or from the baseline), and the label's column often sits there.
 * @param comparison - compareAttributions()'s result.
 */
export function describeBaselineBlindSpot(comparison: AttributionComparison): string {
  const { labelColumnAtZero, labelColumnAtBaseline, integratedGradients, attentionColumn } = comparison;
  const baseline = integratedGradients.baseline[attentionColumn];
  const gxi = comparison.rankings.find((r) => r.method === 'gradient × input');
  const ig = comparison.rankings.find((r) => r.method === 'integrated gradients');
  const rates = [gxi, ig].filter((r) => r !== undefined && r.firstPerSample !== null)
    .map((r) => `${r?.method} ${percent(r?.firstPerSample ?? 0)}`);
  return `Gradient × input gives a column exactly 0 wherever its value is 0, and integrated gradients wherever it equals the baseline `
    + `(${fixed(baseline)} for column ${attentionColumn}): the label's column is 0 in ${percent(labelColumnAtZero)} of the samples `
    + `and at the baseline in ${percent(labelColumnAtBaseline)}, so on those samples these methods cannot rank it first, however much the prediction rests on it `
    + `(per-sample rates: ${rates.join(', ')}).`;
}

/**
 * A sentence on the attention's mean Kendall τ with the other methods, and the most and least agreeing pair.
 * @param comparison - compareAttributions()'s result.
 */
export function describeAgreement(comparison: AttributionComparison): string {
  const names = comparison.methods.map((m) => m.method);
  const pairs: Array<{ a: string; b: string; tau: number }> = [];
  names.forEach((a, i) => names.forEach((b, j) => { if (j > i) pairs.push({ a, b, tau: comparison.tau[i][j] }); }));
  const attentionIndex = names.indexOf('attention');
  const withAttention = names.map((name, j) => ({ name, tau: comparison.tau[attentionIndex][j] })).filter((_, j) => j !== attentionIndex);
  const sorted = [...pairs].sort((p, q) => q.tau - p.tau);
  const best = sorted[0];
  const worst = sorted.at(-1) ?? best;
  return `Mean Kendall τ between the attention's column ranking and the others': ${withAttention.map((w) => `${w.name} ${fixed(w.tau)}`).join(', ')}. `
    + `The most alike pair is ${best.a} and ${best.b} (τ = ${fixed(best.tau)}), the least ${worst.a} and ${worst.b} (τ = ${fixed(worst.tau)}).`;
}

/** An intervention as a noun phrase: "with ${phrase}". */
export const interventionPhrases: Record<InterventionKind, string> = {
  learned: 'its own attention',
  uniform: 'uniform attention',
  'another sample': "another sample's attention",
  permuted: 'its own attention permuted',
};

/**
 * Accuracy, flips and output change for every intervention, and what they say.
 * @param results - attentionInterventions()'s results; they must include "learned", the reference.
 */
export function describeInterventions(results: InterventionResult[]): string {
  const learned = results.find((r) => r.intervention === 'learned');
  if (learned === undefined) throw new Error('the interventions need the learned attention as reference');
  const others = results.filter((r) => r !== learned);
  const details = others.map((r) => `with ${interventionPhrases[r.intervention]} ${percent(r.accuracy)} `
    + `(${percent(r.flipped)} of the predictions flip, mean |Δp| ${fixed(r.meanAbsChange, 3)})`);
  const worst = others.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));
  const verdict = learned.accuracy - worst.accuracy >= 0.05
    ? `The prediction needs the attention it computes: ${interventionPhrases[worst.intervention]} costs ${fixed(100 * (learned.accuracy - worst.accuracy), 1)} points of accuracy.`
    : `The prediction barely depends on the attention it shows: no replacement costs more than ${fixed(100 * (learned.accuracy - worst.accuracy), 1)} points of accuracy.`;
  return `With its own attention the network classifies ${percent(learned.accuracy)} of the held-out samples correctly; ${details.join('; ')}. ${verdict}`;
}

/**
 * Epochs to the target accuracy and final accuracy of the network with, with frozen, and without attention.
 * @param runs - compareWithoutAttention()'s runs, the learned attention first.
 * @param target - Only quoted in the text (default 0.99): the epochs come from the runs, so pass the target they were computed with.
 */
export function describeVariants(runs: VariantRun[], target = 0.99): string {
  const line = runs.map((r) => {
    const final = r.history.val_acc.at(-1) ?? r.history.acc.at(-1) ?? NaN;
    const reached = r.epochsToTarget === null ? `never reached ${percent(target, 0)}` : `reached ${percent(target, 0)} at epoch ${r.epochsToTarget}`;
    return `${r.variant} (${r.parameters} parameters) ${reached}, final validation accuracy ${fixed(final, 4)}`;
  });
  const learned = runs[0];
  const others = runs.slice(1).filter((r) => r.epochsToTarget !== null && (learned.epochsToTarget === null || r.epochsToTarget <= learned.epochsToTarget));
  const verdict = others.length > 0
    ? `So the task does not need the attention: with ${list(others.map((r) => r.variant))} the network reached the target as fast or faster.`
    : 'Here the attention helped: neither control reached the target as fast.';
  return `${line.join('; ')}. ${verdict}`;
}

/** The first epoch from which the label's column stays ranked first to the end, or null if it is not first at the end. */
export function epochAttentionSettled(run: LearningRun): number | null {
  const { points } = run;
  if (points.length === 0 || points[points.length - 1].rank !== 1) return null;
  let first = points.length - 1;
  while (first > 0 && points[first - 1].rank === 1) first--;
  return points[first].epoch;
}

export function epochAccuracyReached(run: LearningRun, target = 0.99): number | null {
  return run.points.find((p) => p.valAcc >= target)?.epoch ?? null;
}

/**
 * Per seed: when the attention settled on the label's column, and when the accuracy reached the target.
 * @param runs - attentionWhileLearning()'s runs.
 * @param target - The validation accuracy counted as learned; default 0.99.
 */
export function describeLearning(runs: LearningRun[], target = 0.99): string {
  const details = runs.map((run) => {
    const settled = epochAttentionSettled(run);
    const reached = epochAccuracyReached(run, target);
    const last = run.points.at(-1);
    return `seed ${run.seed}: ranked first from epoch ${settled ?? '— (never for good)'}, ${percent(target, 0)} accuracy at epoch ${reached ?? '— (never)'}, `
      + `final share ${fixed(last?.share ?? NaN)}`;
  });
  const before = runs.filter((run) => {
    const settled = epochAttentionSettled(run);
    const reached = epochAccuracyReached(run, target);
    return settled !== null && (reached === null || settled <= reached);
  }).length;
  return `In ${before} of ${runs.length} seeds the attention ranked the label's column first no later than the accuracy reached ${percent(target, 0)} `
    + `(${details.join('; ')}).`;
}

/**
 * How the attribution methods split their credit between the label's column and its copy.
 * @param run - distractorExperiment()'s result.
 */
export function describeDistractor(run: DistractorRun): string {
  const { comparison, distractorColumn, noise } = run;
  const column = comparison.attentionColumn;
  const shares = comparison.methods.map((method) => {
    const positive = method.mean.map((m) => Math.max(0, m));
    const total = positive.reduce((a, b) => a + b, 0) || 1;
    return { method: method.method, label: positive[column] / total, copy: positive[distractorColumn] / total };
  });
  const kind = noise === 0 ? `an exact copy of the label in column ${distractorColumn}` : `the label plus noise of standard deviation ${noise} in column ${distractorColumn}`;
  const figures = `With ${kind} (test accuracy ${percent(run.testAcc)}), the shares of the label's column ${column} and of column ${distractorColumn} are: `
    + `${shares.map((s) => `${s.method} ${fixed(s.label)} / ${fixed(s.copy)}`).join(', ')}.`;
  const preferCopy = shares.filter((s) => s.copy > s.label).map((s) => s.method);
  const preferOriginal = shares.filter((s) => s.copy < s.label).map((s) => s.method);
  if (noise === 0) {
    // Both columns hold the label exactly: neither answer is wrong, the split is what there is to see.
    const side = (methods: string[], where: number) => (methods.length === 0 ? '' : `${list(methods)} favour${methods.length === 1 ? 's' : ''} column ${where}`);
    return `${figures} Both columns hold the label exactly, so either is a right answer: ${[side(preferOriginal, column), side(preferCopy, distractorColumn)].filter(Boolean).join('; ')}.`;
  }
  return `${figures} `
    + (preferCopy.length === 0 ? `Every method credits the clean column ${column} more than the noisy copy.`
      : `${list(preferCopy)} credit${preferCopy.length === 1 ? 's' : ''} the noisy copy more than the clean column.`);
}

/** The faithfulness notebook's results, as its closing list and results.json read them. */
export interface FaithfulnessFindings {
  /** compareAttributions()'s result. */
  comparison: AttributionComparison;
  /** attentionInterventions()'s results. */
  interventions: InterventionResult[];
  /** compareWithoutAttention()'s runs. */
  variants: VariantRun[];
  /** attentionWhileLearning()'s runs. */
  learning: LearningRun[];
  /** distractorExperiment()'s runs. */
  distractors: DistractorRun[];
  /** The validation accuracy counted as learned; default 0.99. */
  target?: number;
}

/** The faithfulness notebook's closing list (Markdown): what held and what did not, each with the figure it rests on. */
export function describeFaithfulnessFindings({ comparison, interventions, variants, learning, distractors, target = 0.99 }: FaithfulnessFindings): string {
  const attention = ranking(comparison, 'attention');
  const best = comparison.rankings.filter((r) => r.firstPerSample !== null).reduce((a, b) => ((b.firstPerSample ?? 0) > (a.firstPerSample ?? 0) ? b : a));
  const uniform = interventions.find((r) => r.intervention === 'uniform');
  const learned = interventions.find((r) => r.intervention === 'learned');
  const noAttention = variants.find((r) => r.variant === 'no attention blocks');
  const settledFirst = learning.filter((run) => {
    const settled = epochAttentionSettled(run);
    const reached = epochAccuracyReached(run, target);
    return settled !== null && (reached === null || settled <= reached);
  }).length;
  const findings = [
    `- **Attention on average:** it ranks the label's column ${attention.rankOnAverage === 1 ? 'first' : `${ordinal(attention.rankOnAverage)} of ${comparison.methods[0].columns}`} `
      + `with ${fixed(attention.share)} of its weight (a uniform split: ${fixed(1 / comparison.methods[0].columns)}).`,
    `- **Attention per sample:** it puts the label's column strictly first for ${percent(attention.firstPerSample ?? 0)} of the samples, `
      + `${best.method === 'attention' ? 'the most of the per-sample methods' : `against ${percent(best.firstPerSample ?? 0)} for ${best.method}, the best of them`}.`,
  ];
  if (uniform !== undefined && learned !== undefined) {
    const needed = learned.accuracy - uniform.accuracy >= 0.05;
    findings.push(`- **Interventions:** replacing the attention by a uniform split moves accuracy from ${percent(learned.accuracy)} `
      + `to ${percent(uniform.accuracy)} (${percent(uniform.flipped)} of predictions flip): the prediction ${needed ? 'needs' : 'barely depends on'} the attention it computes.`);
  }
  if (noAttention !== undefined) {
    const withIt = variants[0].epochsToTarget;
    const without = noAttention.epochsToTarget;
    const needed = without === null ? withIt !== null : withIt !== null && withIt < without;
    findings.push(`- **Without attention:** the network without its attention blocks (${noAttention.parameters} parameters) `
      + `${without === null ? `never reached ${percent(target, 0)}` : `reached ${percent(target, 0)} validation accuracy at epoch ${without}`}`
      + `, against ${withIt === null ? 'never' : `epoch ${withIt}`} with it: the task ${needed ? 'is learned faster with attention' : 'does not need attention'}.`);
  }
  findings.push(`- **Timing:** in ${settledFirst} of ${learning.length} seeds the attention ranked the label's column first no later than the accuracy reached ${percent(target, 0)}.`);
  for (const run of distractors) {
    const method = run.comparison.methods.find((m) => m.method === 'attention');
    if (method === undefined) continue;
    const total = method.mean.reduce((a, b) => a + b, 0);
    findings.push(`- **${run.noise === 0 ? 'Exact copy' : `Noisy copy (noise ${run.noise})`}:** the attention gives the label's column `
      + `${fixed(method.mean[run.comparison.attentionColumn] / total)} and the copy ${fixed(method.mean[run.distractorColumn] / total)}.`);
  }
  findings.push('- **Not shown:** that these figures carry over to real data, where no column holds the answer outright and nothing says which method is right.');
  return findings.join('\n');
}
