/**
 * Sentences that state a run's results, generated from its numbers so that notebook prose never
 * says more, or other, than the run showed.
 */
import { fixed, plural } from '../core/format';
import { argmax } from '../core/statistics';
import { type AttentionSummary, labelPosition } from '../readout/activations';
import type { TrainingHistory } from '../training/train';

/** The spread the charts draw too: softmax weights are bounded, so a percentile range rather than ± std. */
const spread = (summary: AttentionSummary, i: number) => `${fixed(summary.p10[i])}–${fixed(summary.p90[i])}`;
/** E.g. "0.72 on average (10th–90th percentile over samples: 0.55–0.85)". */
export const withSpread = (summary: AttentionSummary, i: number): string =>
  `${fixed(summary.mean[i])} on average (10th–90th percentile over samples: ${spread(summary, i)})`;

/** describeAttention()'s settings. */
export interface DescribeAttentionOptions {
  /** Needed only for a summary that does not carry the label's position; must agree with it. */
  attentionColumn?: number;
  /** What an entry stands for; by default "time step" for sequences, "column" otherwise. */
  unit?: string;
}

/**
 * One sentence on where the attention went: how much the label's column (or time step) receives, against the next one and a uniform split.
 * E.g. "Column 1 — the label's column — receives on average 0.72 of the attention (10th–90th percentile over samples: 0.55–0.85), 2.6× the next column (column 2, 0.28); …".
 * Throws when the label's position is neither carried by the summary nor given, or the two disagree.
 * @param summary - attentionVector()'s read-out.
 */
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

/**
 * One sentence on a training run: how long it took and where accuracy ended and (on validation) peaked.
 * @param history - train()'s history.
 */
export function describeTraining(history: TrainingHistory): string {
  const { seconds } = history;
  const epochs = history.acc.length;
  const finalAcc = `final accuracy ${fixed(history.acc[epochs - 1], 4)}`;
  if (history.val_acc.length === 0) return `Trained ${plural(epochs, 'epoch')} in ${fixed(seconds, 1)} s: ${finalAcc}.`;
  const best = Math.max(...history.val_acc);
  return `Trained ${plural(epochs, 'epoch')} in ${fixed(seconds, 1)} s: ${finalAcc}, `
    + `validation accuracy ${fixed(history.val_acc[epochs - 1], 4)} (first reached ${fixed(best, 4)} `
    + `at epoch ${history.val_acc.indexOf(best) + 1}).`;
}

/** The label's position a summary carries (or the one claimed, if they agree); refuses a summary without one. */
export function requireLabelPosition(summary: AttentionSummary, claimed?: number): number {
  const position = labelPosition(summary, claimed);
  if (position === undefined) {
    throw new RangeError(`attentionColumn is needed: "${summary.layerName}" does not say which entry holds the label`);
  }
  return position;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
