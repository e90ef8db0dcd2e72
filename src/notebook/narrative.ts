/**
 * Sentences that state a run's results, generated from its numbers so that notebook prose never
 * says more, or other, than the run showed.
 */
import { argmax } from '../core/statistics';
import { type AttentionSummary, labelPosition } from '../experiment/activations';
import { hitRate, type SweepRun } from '../experiment/sweep';
import type { TrainingHistory } from '../training/train';

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
/** The spread the charts draw too: softmax weights are bounded, so a percentile range rather than ± std. */
const spread = (summary: AttentionSummary, i: number) => `${fixed(summary.p10[i])}–${fixed(summary.p90[i])}`;
const withSpread = (summary: AttentionSummary, i: number) =>
  `${fixed(summary.mean[i])} on average (10th–90th percentile over samples: ${spread(summary, i)})`;

export interface DescribeAttentionOptions {
  /** Needed only for a summary that does not carry the label's position; must agree with it. */
  attentionColumn?: number;
  /** What an entry stands for; by default "time step" for sequences, "column" otherwise. */
  unit?: string;
}

/** E.g. "Column 1 — the label's column — receives on average 0.72 of the attention (10th–90th percentile over samples: 0.55–0.85), 2.6× the next column (column 2, 0.28); …" */
export function describeAttention(summary: AttentionSummary, options: DescribeAttentionOptions = {}): string {
  const attentionColumn = requireLabelPosition(summary, options.attentionColumn);
  const unit = options.unit ?? (summary.trainedOn?.timeSteps === undefined ? 'column' : 'time step');
  const { mean } = summary;
  const best = argmax(mean);
  const averaged = `averaged over ${summary.samples} held-out samples`;
  if (best !== attentionColumn) {
    return `The attention did not settle on the label's ${unit}: ${unit} ${best} receives the most, `
      + `${withSpread(summary, best)}, while ${unit} ${attentionColumn} (the label's) receives `
      + `${withSpread(summary, attentionColumn)} (${averaged}).`;
  }
  const others = mean.map((value, i) => ({ value, i })).filter(({ i }) => i !== attentionColumn);
  const runnerUp = others.reduce((a, b) => (b.value > a.value ? b : a));
  return `${capitalize(unit)} ${attentionColumn} — the label's ${unit} — receives on average ${fixed(mean[attentionColumn])} `
    + `of the attention (10th–90th percentile over samples: ${spread(summary, attentionColumn)}), ${fixed(mean[attentionColumn] / runnerUp.value, 1)}× the next ${unit} `
    + `(${unit} ${runnerUp.i}, ${fixed(runnerUp.value)}); a uniform split would give ${fixed(1 / mean.length)} each (${averaged}).`;
}

/** Where the largest share of an attention layer without a "right" answer goes, against a uniform split. */
export function describeAttentionPeak(summary: AttentionSummary, unit: string): string {
  const top = argmax(summary.mean);
  return `The largest share in \`${summary.layerName}\` goes to ${unit} ${top}: ${withSpread(summary, top)}, `
    + `against ${fixed(1 / summary.mean.length, 3)} for a uniform split.`;
}

/** Which column correlates most with the label, and how far the others stay from it. */
export function describeCorrelation(correlation: number[]): string {
  const strongest = argmax(correlation.map(Math.abs));
  const others = correlation.filter((_, i) => i !== strongest).map(Math.abs);
  return `Column x${strongest} correlates most with the label (r = ${fixed(correlation[strongest], 3)}); `
    + `the largest correlation among the other columns is ${fixed(Math.max(...others), 3)} in absolute value.`;
}

/** How long training took and where accuracy ended and peaked. */
export function describeTraining(history: TrainingHistory, seconds: number): string {
  const epochs = history.acc.length;
  const finalAcc = `final accuracy ${fixed(history.acc[epochs - 1], 4)}`;
  if (history.val_acc.length === 0) return `Trained ${plural(epochs, 'epoch')} in ${fixed(seconds, 1)} s: ${finalAcc}.`;
  const best = Math.max(...history.val_acc);
  return `Trained ${plural(epochs, 'epoch')} in ${fixed(seconds, 1)} s: ${finalAcc}, `
    + `validation accuracy ${fixed(history.val_acc[epochs - 1], 4)} (first reached ${fixed(best, 4)} `
    + `at epoch ${history.val_acc.indexOf(best) + 1}).`;
}

/** One sentence per outcome of a sweep: how often the attention followed the label, and where it did not. */
export function describeSweep(runs: SweepRun[]): string {
  const hits = runs.filter((run) => run.hit).length;
  const misses = runs.filter((run) => !run.hit);
  const summary = `In ${hits} of ${runs.length} runs (${fixed((100 * hits) / runs.length, 0)} %) the attention peaked on the label's column.`;
  if (misses.length === 0) return summary;
  const details = misses.map((run) => {
    const best = argmax(run.attention.mean);
    return `column ${run.attentionColumn}, seed ${run.seed}: the peak went to column ${best} `
      + `(${fixed(run.attention.mean[best])} vs ${fixed(run.attention.mean[run.attentionColumn])} on the label's column, `
      + `validation accuracy ${fixed(run.valAcc, 3)})`;
  });
  return `${summary} It did not in ${misses.length}: ${details.join('; ')}.`;
}

/** The closing list of the dense notebook: what the run shows and what it does not, each with its figure. */
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
      + `and across the sweep the peak landed on the label's column in ${fixed(100 * rate, 0)} % of ${runs.length} runs.`,
    `- **Accuracy is not attention:** ${accuracy}`
      + (rate < 1 ? ', including the runs whose attention peaked elsewhere — the later layers can read the label through a small attention weight.' : '.'),
    '- **Not shown:** that attention explains a prediction in general. The task has one perfectly informative column; '
      + 'real inputs rarely do, and one sample of one run (what the original printed) can mislead either way — '
      + `the per-sample spread above (10 % of samples give the label's column less than ${fixed(attention.p10[attentionColumn])}, `
      + `10 % more than ${fixed(attention.p90[attentionColumn])}) shows how much single read-outs vary.`,
  ].join('\n');
}

function requireLabelPosition(summary: AttentionSummary, claimed?: number): number {
  const position = labelPosition(summary, claimed);
  if (position === undefined) {
    throw new RangeError(`attentionColumn is needed: "${summary.layerName}" does not say which entry holds the label`);
  }
  return position;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
