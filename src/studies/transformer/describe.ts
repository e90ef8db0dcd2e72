/**
 * Sentences about the Transformer notebook's results, generated from the run's numbers: which
 * heads look where, whether an induction head formed (and when), what ablating each head costs,
 * and how raw attention, rollout and gradient × input compare against the source tokens.
 */
import { fixed, percent, plural } from '../../core/format';
import type { HeadScore } from '../../readout/head-scores';
import type { InContextScores } from '../../readout/in-context';
import type { SourceScore } from '../../explain/token-attributions';
import type { InductionCircuit } from './circuit';
import type { AblationStudy, HeadRef, JointAblation, PatternReplacementResult } from './interventions';
import { inductionThreshold } from './learning';
import type { SeedCheck } from './seed-checks';

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
  const others = last.filter((s) => s !== best && s.prefixMatching >= inductionThreshold)
    .map((s) => `${headName(s)} (${fixed(s.prefixMatching)})`);
  const alsoInduction = others.length === 0 ? '' : `; so does ${others.join(' and ')}`;
  return `On the repeated segments of the held-out sequences ${verdict}${alsoInduction}. The most previous-token-like head is ${headName(previous)}, `
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

const sameHead = (a: HeadRef) => (b: HeadRef) => a.layer === b.layer && a.head === b.head;
const points = (drop: number) => plural(Math.round(100 * drop), 'point');

/** A head's role in the induction circuit, as a parenthesis after its name ('' for none). */
function role(head: HeadRef, circuit: InductionCircuit): string {
  if (circuit.inductionHeads.some(sameHead(head))) return ' (an induction head)';
  if (circuit.previousTokenHead !== undefined && sameHead(head)(circuit.previousTokenHead)) return ' (the previous-token head the induction heads read)';
  return '';
}

/**
 * What ablating each head cost, costliest first, each head named with its role in the circuit; and,
 * when several induction heads formed, what ablating them together cost (one alone may cost little
 * while the other still copies).
 */
export function describeAblation(study: AblationStudy, circuit: InductionCircuit, together?: JointAblation): string {
  const sorted = [...study.heads].sort((a, b) => b.accuracyDrop - a.accuracyDrop);
  const each = sorted.map((h) => `${headName(h)}${role(h, circuit)} ${percent(h.scores.accuracy)} (${points(h.accuracyDrop)})`).join('; ');
  const verb = study.kind === 'zero' ? 'zeroed' : 'mean-ablated';
  const joint = together === undefined || together.heads.length < 2 ? ''
    : ` With ${together.heads.map(headName).join(' and ')} ${verb} together it is ${percent(together.scores.accuracy)} (${points(together.accuracyDrop)}): `
      + 'the induction heads share the work, and either alone still copies.';
  return `With every head intact the in-context accuracy on the repeat is ${percent(study.intact.accuracy)}. With one head ${verb} at a time, costliest first: ${each}.${joint}`;
}

/** The notebook's run and the seed checks in one sentence: in how many an induction head formed, and what ablating it cost. */
export function describeSeedChecks(checks: SeedCheck[]): string {
  if (checks.length < 2) return 'No other seed was checked (seed_checks is 0).';
  const formed = checks.filter((c) => c.best.prefixMatching >= inductionThreshold);
  const range = (values: number[], format: (v: number) => string, unit = '') => {
    const [low, high] = [Math.min(...values), Math.max(...values)];
    return low === high ? `${format(low)}${unit}` : `${format(low)}–${format(high)}${unit}`;
  };
  const whole = (share: number) => fixed(100 * share, 0);
  const seeds = checks.map((c) => c.seed).join(', ');
  if (formed.length === 0) return `With seeds ${seeds}, no run formed an induction head within ${checks[0].steps} steps.`;
  const steps = formed.map((c) => c.formationStep).filter((s): s is number => s !== null);
  return `With seeds ${seeds} (the notebook's seed first, each with its own data and weights) an induction head formed in ${formed.length} of ${checks.length} runs`
    + ` (best prefix matching ${range(formed.map((c) => c.best.prefixMatching), fixed)}, first at the threshold after ${range(steps, String)} steps);`
    + ` ablating those runs' induction heads took the in-context accuracy on the repeat from ${range(formed.map((c) => c.inContextAccuracy), whole, ' %')}`
    + ` to ${range(formed.map((c) => c.ablatedAccuracy), whole, ' %')}.`;
}

/** One sentence per replaced pattern: the in-context accuracy it leaves, and the drop. */
export function describeReplacements(results: PatternReplacementResult[]): string {
  return results.map((r) => `Replacing the pattern of ${headName(r)} by ${r.replacement === 'uniform' ? 'a uniform causal one' : 'another sequence\'s'} `
    + `gives an in-context accuracy of ${percent(r.scores.accuracy)} (a drop of ${points(r.accuracyDrop)}).`).join(' ');
}

/** One sentence on how much of each attribution method falls on the token each in-context prediction copies, against a uniform spread. */
export function describeSourceScores(scores: SourceScore[]): string {
  const parts = scores.map((s) => `${s.method} puts ${fixed(s.share)} on it and ranks it first for ${percent(s.topRate)}`);
  return `Each in-context prediction copies one known token (${scores[0]?.predictions ?? 0} predictions; a uniform spread would give it ${fixed(scores[0]?.uniformShare ?? NaN)}): ${parts.join('; ')}.`;
}
