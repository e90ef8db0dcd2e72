/**
 * Sentences about the sequence-task notebook's results, generated from the run's numbers: what
 * the attention map shows, how it formed over the epochs, how the attention head compares with a
 * Dense head, and what the map does not show.
 */
import type { AnswerFocus, EpochMap } from '../../readout/attention-map';
import { answerFocus } from '../../readout/attention-map';
import type { ComparisonRun } from './comparison';
import type { SequenceEncoder } from '../../models/sequence/model';
import type { SequenceTask, SequenceTaskData, SequenceTaskProvenance } from '../../data/sequence-tasks';
import type { StepAgreement, StepAttributions } from '../../explain/step-attributions';
import { fixed, percent } from '../../core/format';
import { mean, std } from '../../core/statistics';

const answerSteps = (task: SequenceTaskProvenance) => (task.task === 'find-max' ? 'the step holding the maximum' : 'the two marked steps');

/** A paragraph on what the task asks, with its threshold and how often the label is 1. */
export function describeSequenceTask({ task, y }: SequenceTaskData): string {
  const positives = Array.from(y.dataSync()).reduce((a, b) => a + b, 0) / task.n;
  const question = task.task === 'find-max'
    ? `Each sequence holds ${task.timeSteps} values uniform in [0, 1); the label says whether the largest is above ${fixed(task.threshold, 3)} `
      + `(the median of such maxima), so the answer sits at one step that moves from sequence to sequence.`
    : `Each of the ${task.timeSteps} steps holds a value uniform in [0, 1) and a marker; two steps are marked, and the label says whether `
      + `their values add up to more than ${fixed(task.threshold, 0)}. The answer sits at the two marked steps.`;
  return `${question} Of the ${task.n.toLocaleString('en-US')} sequences (seed ${task.seed}), ${percent(positives)} have the label 1.`;
}

/**
 * One sentence on how much of the attention falls on each sequence's answer steps, e.g. "On 500 held-out sequences, 0.65 ± 0.19 of the attention falls on the step holding the maximum …".
 * @param focus - answerFocus() of the map.
 * @param task - The held-out data's settings (`test.task`).
 */
export function describeAnswerFocus(focus: AnswerFocus, task: SequenceTaskProvenance): string {
  const ratio = focus.onAnswer.mean / focus.uniform;
  return `On ${focus.sequences.toLocaleString('en-US')} held-out sequences, ${fixed(focus.onAnswer.mean)} ± ${fixed(focus.onAnswer.std)} of the attention `
    + `falls on ${answerSteps(task)} (${fixed(ratio, 1)}× the ${fixed(focus.uniform)} a uniform spread would give), and the largest weight `
    + `is on ${task.task === 'find-max' ? 'that step' : 'one of them'} in ${percent(focus.peakOnAnswer)} of the sequences.`;
}

/**
 * How the share on the answer grew over the epochs, and when the peak first sat on the answer in 90 % of the shown sequences.
 * @param maps - The map per epoch (runTask()'s `epochs`).
 */
export function describeMapEvolution(maps: EpochMap[]): string {
  if (maps.length === 0) throw new RangeError('maps must hold at least one epoch\'s map, got none');
  const focus = maps.map(({ epoch, map }) => ({ epoch, ...answerFocus(map) }));
  const [first, last] = [focus[0], focus[focus.length - 1]];
  const settled = focus.find((f) => f.peakOnAnswer >= 0.9);
  const when = (epoch: number) => (epoch === 0 ? 'before training' : `after epoch ${epoch}`);
  return `On the ${first.sequences} sequences shown, the weight on ${answerSteps(maps[0].map.task)} went from ${fixed(first.onAnswer.mean)} ${when(first.epoch)} `
    + `to ${fixed(last.onAnswer.mean)} after epoch ${last.epoch}; `
    + (settled === undefined
      ? `the largest weight never sat on the answer in 90 % of them (${percent(last.peakOnAnswer)} after the last epoch).`
      : `the largest weight first sat on the answer in at least 90 % of them ${when(settled.epoch)}.`);
}

function stats(values: number[]) {
  return { mean: mean(values), std: std(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Validation accuracy of both heads over the seeds, and whether their ranges overlap.
 * @param runs - compareWithDense()'s runs.
 * @param taskName - How the text names the task.
 */
export function describeHeadComparison(runs: ComparisonRun[], taskName: string): string {
  const heads = (['attention', 'dense'] as const).map((head) => {
    const mine = runs.filter((r) => r.head === head);
    if (mine.length === 0) throw new RangeError(`runs must include the ${head} head, got none`);
    return { head, parameters: mine[0].parameters, seeds: mine.length, ...stats(mine.map((r) => r.valAcc)) };
  });
  const [attention, dense] = heads;
  const verdict = attention.min > dense.max
    ? 'the attention head was ahead on every seed'
    : dense.min > attention.max ? 'the Dense head was ahead on every seed' : 'their ranges overlap: no clear winner at these settings';
  return `${taskName}, ${attention.seeds} seeds: the attention head (${attention.parameters} parameters) reached ${fixed(attention.mean, 3)} ± ${fixed(attention.std, 3)} `
    + `validation accuracy (${fixed(attention.min, 3)}–${fixed(attention.max, 3)}), the Dense head (${dense.parameters} parameters) `
    + `${fixed(dense.mean, 3)} ± ${fixed(dense.std, 3)} (${fixed(dense.min, 3)}–${fixed(dense.max, 3)}): ${verdict}.`;
}

// "Follows the answer": at least twice a uniform share on the answer steps, and the peak there in most sequences.
const follows = (f: AnswerFocus) => f.onAnswer.mean >= 2 * f.uniform && f.peakOnAnswer > 0.5;

const featureNames = (task: SequenceTask) => (task === 'add-two' ? ['values', 'markers'] : ['values']);

/** E.g. "0.71 of their mass on the values and 0.29 on the markers", for tasks with more than one feature per step. */
const byFeature = (attributions: StepAttributions, task: SequenceTask) => featureNames(task)
  .map((name, f) => `${fixed(attributions.featureShares[f])}${f === 0 ? ' of their mass' : ''} on the ${name}`).join(' and ');

/**
 * Integrated gradients over the raw input steps next to the attention over hidden states, for the
 * same held-out sequences: how much of each lands on the answer, how often their peaks coincide, and
 * where they part.
 */
export function describeStepAttributions({ attention, attributions, focus, agreement, task }: {
  attention: AnswerFocus; attributions: StepAttributions; focus: AnswerFocus; agreement: StepAgreement; task: SequenceTaskProvenance;
}): string {
  const where = answerSteps(task);
  const figures = `On the same ${focus.sequences.toLocaleString('en-US')} held-out sequences, integrated gradients over the raw input steps put `
    + `${fixed(focus.onAnswer.mean)} ± ${fixed(focus.onAnswer.std)} of each sequence's attribution on ${where} (uniform: ${fixed(focus.uniform)}), `
    + `with the largest on an answer step in ${percent(focus.peakOnAnswer)} of them; the attention put ${fixed(attention.onAnswer.mean)} there, `
    + `its largest weight on an answer step in ${percent(attention.peakOnAnswer)}.`;
  const { onlyAttributionOnAnswer: onlyAttribution, onlyAttentionOnAnswer: onlyAttention } = agreement;
  const peaks = ` The two peaks are the same step in ${percent(agreement.samePeak)} of the sequences, and a sequence's two rows correlate at `
    + `${fixed(agreement.meanCorrelation)} on average; `
    + (onlyAttribution === 0 && onlyAttention === 0
      ? 'in no sequence does one of them peak on an answer step while the other does not.'
      : `the attributions peak on an answer step where the attention does not in ${percent(onlyAttribution)} of them, the reverse in ${percent(onlyAttention)}.`);
  const [byAttention, byAttribution] = [follows(attention), follows(focus)];
  const verdict = byAttention && byAttribution
    ? (focus.onAnswer.mean > attention.onAnswer.mean
      ? ' Both point at the answer, the output\'s dependence on the inputs more sharply than the attention: the map understates how much the prediction rests on those steps.'
      : ' Both point at the answer, the attention more sharply than the output\'s dependence on the inputs: the prediction also moves with steps the map gives little weight to.')
    : byAttention ? ' The attention points at the answer but the attributions do not concentrate there: where the layer looked is not what the output depends on.'
      : byAttribution ? ' The output depends on the answer steps although the attention does not concentrate there: the map under-reports what the model uses.'
        : ' Neither concentrates on the answer steps.';
  const features = attributions.features > 1
    ? ` Unlike the map, the attributions also split each step by feature: ${byFeature(attributions, task.task)}.`
    : '';
  const { meanAbsGap, meanAbsOutputChange } = attributions.completeness;
  const completeness = ` Completeness check: each sequence's attributions sum to its output's change from the baseline within ${meanAbsGap.toPrecision(2)} `
    + `on average (mean |change| ${fixed(meanAbsOutputChange, 3)}).`;
  return figures + peaks + verdict + features + completeness;
}

/** The sequence notebook's closing list (Markdown): what the maps show and what they do not, each with the run's figures. */
export function describeMapFindings({ findMax, addTwo, encoder, comparison, attributions }: {
  findMax: AnswerFocus; addTwo: AnswerFocus; encoder: SequenceEncoder; comparison: ComparisonRun[];
  /** Integrated gradients over the input steps per task, and their answer focus (scored like the maps'). */
  attributions: Record<'findMax' | 'addTwo', { attributions: StepAttributions; focus: AnswerFocus }>;
}): string {
  const dense = stats(comparison.filter((r) => r.head === 'dense').map((r) => r.valAcc));
  const hidden = encoder === 'lstm'
    ? 'Here the encoder is an LSTM: h_t has read every step up to t, so a weight on step t is a weight on a summary of steps 0…t, '
      + 'and a flat map does not mean the model ignored the answer — the LSTM can carry it to the last step, which is also the query.'
    : 'Here each h_t is computed from step t alone (a per-step Dense layer, no recurrence), so a weight on step t is a weight on that step\'s '
      + 'inputs; with an LSTM encoder (`encoder = "lstm"`) that reading no longer holds, since h_t has read every earlier step.';
  const figures = `${fixed(findMax.onAnswer.mean)} of the attention on the maximum (uniform: ${fixed(findMax.uniform)}), `
    + `${fixed(addTwo.onAnswer.mean)} on the two marked steps (uniform: ${fixed(addTwo.uniform)}); the peak is on an answer step in `
    + `${percent(findMax.peakOnAnswer)} and ${percent(addTwo.peakOnAnswer)} of held-out sequences`;
  const shown = follows(findMax) && follows(addTwo)
    ? `- **Shown:** in both tasks the weights follow each sequence's own answer: ${figures}.`
    : `- **Not shown here:** that the weights follow the answer in ${[follows(findMax) ? '' : 'find-max', follows(addTwo) ? '' : 'add-two'].filter(Boolean).join(' and ')} `
      + `(less than twice a uniform share, or the peak elsewhere in most sequences): ${figures}.`;
  return [
    shown,
    `- **Weights over hidden states, not inputs:** the attention weighs h_t, not x_t. ${hidden}`,
    '- **One weight per step, never per feature:** in add-two a step\'s value and its marker share one weight; the map cannot say which of '
      + `the two the model used. Integrated gradients can: in add-two they put ${byFeature(attributions.addTwo.attributions, 'add-two')}.`,
    `- **Where it looked, not why:** a map concentrated on the answer does not show that the prediction depended on it; a Dense head with no map `
      + `reached ${fixed(dense.mean, 3)} ± ${fixed(dense.std, 3)} validation accuracy over the comparison's runs. Integrated gradients over the raw `
      + `input steps test what the output depends on: they put ${fixed(attributions.findMax.focus.onAnswer.mean)} of their mass on the maximum and `
      + `${fixed(attributions.addTwo.focus.onAnswer.mean)} on the two marked steps (attention: ${fixed(findMax.onAnswer.mean)} and ${fixed(addTwo.onAnswer.mean)}).`,
  ].join('\n');
}
