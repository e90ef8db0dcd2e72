/**
 * The dense notebook's prose, generated from its run's numbers: the correlation table, the sweep,
 * the attention of a layer without a "right" answer, and the closing findings.
 */
import { fixed, percent } from '../../core/format';
import { argmax } from '../../core/statistics';
import type { AttentionSummary } from '../../readout/activations';
import { requireLabelPosition, withSpread } from '../../notebook/narrative';
import { hitRate, type SweepRun } from './sweep';

/**
 * One sentence on where the largest share of an attention layer without a "right" answer goes (e.g. over hidden units), against a uniform split.
 * @param unit - What an entry stands for, e.g. "hidden unit".
 */
export function describeAttentionPeak(summary: AttentionSummary, unit: string): string {
  const top = argmax(summary.mean);
  return `The largest share in \`${summary.layerName}\` goes to ${unit} ${top}: ${withSpread(summary, top)}, `
    + `against ${fixed(1 / summary.mean.length, 3)} for a uniform split.`;
}

/**
 * One sentence on which column correlates most with the label, and how far the others stay from it.
 * @param correlation - labelCorrelation()'s result, one per column.
 */
export function describeCorrelation(correlation: number[]): string {
  const strongest = argmax(correlation.map(Math.abs));
  const others = correlation.filter((_, i) => i !== strongest).map(Math.abs);
  return `Column x${strongest} correlates most with the label (r = ${fixed(correlation[strongest], 3)}); `
    + `the largest correlation among the other columns is ${fixed(Math.max(...others), 3)} in absolute value.`;
}

/**
 * One sentence per outcome of a sweep: how often the attention followed the label, and where it did not.
 * @param runs - sweep()'s runs.
 */
export function describeSweep(runs: SweepRun[]): string {
  const hits = runs.filter((run) => run.hit).length;
  const misses = runs.filter((run) => !run.hit);
  const summary = `In ${hits} of ${runs.length} runs (${percent(hits / runs.length)}) the attention peaked on the label's column.`;
  if (misses.length === 0) return summary;
  const details = misses.map((run) => {
    const best = argmax(run.attention.mean);
    return `column ${run.attentionColumn}, seed ${run.seed}: the peak went to column ${best} `
      + `(${fixed(run.attention.mean[best])} vs ${fixed(run.attention.mean[run.attentionColumn])} on the label's column, `
      + `validation accuracy ${fixed(run.valAcc, 3)})`;
  });
  return `${summary} It did not in ${misses.length}: ${details.join('; ')}.`;
}

/**
 * The closing list of the dense notebook (Markdown): what the run shows and what it does not, each with its figure.
 * @param attention - attentionVector()'s read-out of the notebook's model (it must carry the label's column).
 * @param runs - sweep()'s runs.
 */
export function describeFindings(attention: AttentionSummary, runs: SweepRun[]): string {
  const attentionColumn = requireLabelPosition(attention);
  const rate = hitRate(runs);
  const accuracies = runs.map((r) => r.valAcc);
  const lowest = Math.min(...accuracies);
  const accuracy = lowest === Math.max(...accuracies)
    ? `every run of the sweep reached ${fixed(lowest, 3)} validation accuracy`
    : `every run of the sweep reached at least ${fixed(lowest, 3)} validation accuracy`;
  const onLabel = withSpread(attention, attentionColumn);
  return [
    `- **Shown:** with the label in column ${attentionColumn}, the trained network's \`${attention.layerName}\` gives that column `
      + `${onLabel} of its attention on held-out data, `
      + `and across the sweep the peak landed on the label's column in ${percent(rate)} of ${runs.length} runs.`,
    `- **Accuracy is not attention:** ${accuracy}`
      + (rate < 1 ? ', including the runs whose attention peaked elsewhere — the later layers can read the label through a small attention weight.' : '.'),
    '- **Not shown:** that attention explains a prediction in general. The task has one perfectly informative column; '
      + 'real inputs rarely do, and one sample of one run (what the original printed) can mislead either way — '
      + `the per-sample spread above (10 % of samples give the label's column less than ${fixed(attention.p10[attentionColumn])}, `
      + `10 % more than ${fixed(attention.p90[attentionColumn])}) shows how much single read-outs vary.`,
  ].join('\n');
}
