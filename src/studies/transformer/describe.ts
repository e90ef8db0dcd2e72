/**
 * Sentences about the Transformer notebook's results, generated from the run's numbers: which
 * heads look where, whether an induction head formed (and when), what ablating each head costs,
 * and how raw attention, rollout and gradient × input compare against the source tokens.
 */
import type { HeadScore } from '../../readout/head-scores';
import type { InContextScores } from '../../readout/in-context';
import type { SourceScore } from '../../explain/token-attributions';
import type { AblationStudy, PatternReplacementResult } from './interventions';
import { inductionThreshold } from './learning';

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const percent = (fraction: number) => `${fixed(100 * fraction, 0)} %`;
const headName = ({ layer, head }: { layer: number; head: number }) => `layer ${layer + 1}, head ${head + 1}`;

/** The best head of the last layer by prefix matching, and whether it counts as an induction head. */
export function describeInductionHeads(scores: HeadScore[], layers: number): string {
  const last = scores.filter((s) => s.layer === layers - 1);
  if (last.length === 0) throw new RangeError(`no head scores for layer ${layers}`);
  const best = last.reduce((a, b) => (b.prefixMatching > a.prefixMatching ? b : a));
  const previous = scores.reduce((a, b) => (b.shares.previous > a.shares.previous ? b : a));
  const verdict = best.prefixMatching >= inductionThreshold
    ? `an induction head formed: ${headName(best)} puts ${fixed(best.prefixMatching)} of its attention on the token right after the earlier occurrence of the current one (a uniform head: ${fixed(best.uniformPrefixMatching)})`
    : `no induction head formed: the best head of the last layer, ${headName(best)}, puts only ${fixed(best.prefixMatching)} of its attention on the induction targets (threshold ${inductionThreshold}; a uniform head: ${fixed(best.uniformPrefixMatching)})`;
  return `On the repeated segments of the held-out sequences ${verdict}. The most previous-token-like head is ${headName(previous)}, `
    + `with ${fixed(previous.shares.previous)} of its attention on the token before (uniform: ${fixed(previous.uniformShares.previous)}).`;
}

/** The step at which the induction head formed, or that it did not, with the in-context accuracy before and after. */
export function describeFormation(step: number | undefined, first: InContextScores, last: InContextScores, totalSteps: number): string {
  const accuracy = `In-context accuracy on the repeat went from ${percent(first.accuracy)} before training to ${percent(last.accuracy)} after ${totalSteps} steps `
    + `(in-context learning score ${fixed(last.iclScore)} nats: the loss on the repeat minus the loss on the segment's first occurrence).`;
  return step === undefined
    ? `No head of the last layer reached the induction threshold of ${inductionThreshold} within ${totalSteps} steps. ${accuracy}`
    : `A head of the last layer first reached the induction threshold of ${inductionThreshold} after ${step} steps. ${accuracy}`;
}

/** What ablating each head cost, the costliest named. */
export function describeAblation(study: AblationStudy): string {
  const sorted = [...study.heads].sort((a, b) => b.accuracyDrop - a.accuracyDrop);
  const [worst, ...others] = sorted;
  const rest = others.map((h) => `${headName(h)} ${percent(h.scores.accuracy)}`).join(', ');
  return `With every head intact the in-context accuracy on the repeat is ${percent(study.intact.accuracy)}. ${study.kind === 'zero' ? 'Zeroing' : 'Mean-ablating'} `
    + `${headName(worst)} brings it to ${percent(worst.scores.accuracy)} (a drop of ${fixed(100 * worst.accuracyDrop, 0)} points); with any other head ablated it is: ${rest}.`;
}

/** One sentence per replaced pattern: the in-context accuracy it leaves, and the drop. */
export function describeReplacements(results: PatternReplacementResult[]): string {
  return results.map((r) => `Replacing the pattern of ${headName(r)} by ${r.replacement === 'uniform' ? 'a uniform causal one' : 'another sequence\'s'} `
    + `gives an in-context accuracy of ${percent(r.scores.accuracy)} (a drop of ${fixed(100 * r.accuracyDrop, 0)} points).`).join(' ');
}

/** One sentence on how much of each attribution method falls on the token each in-context prediction copies, against a uniform spread. */
export function describeSourceScores(scores: SourceScore[]): string {
  const parts = scores.map((s) => `${s.method} puts ${fixed(s.share)} on it and ranks it first for ${percent(s.topRate)}`);
  return `Each in-context prediction copies one known token (${scores[0]?.predictions ?? 0} predictions; a uniform spread would give it ${fixed(scores[0]?.uniformShare ?? NaN)}): ${parts.join('; ')}.`;
}
