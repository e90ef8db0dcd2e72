import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnswerFocus, AttentionMap } from '../src/readout/attention-map';
import type { ComparisonRun } from '../src/studies/sequence/comparison';
import { getSequenceTaskData } from '../src/data/sequence-tasks';
import type { StepAgreement, StepAttributions } from '../src/explain/step-attributions';
import {
  describeAnswerFocus, describeHeadComparison, describeMapEvolution, describeMapFindings, describeSequenceTask, describeStepAttributions,
} from '../src/studies/sequence/narrative';

const task = { task: 'find-max' as const, seed: 1, n: 2, timeSteps: 4, inputDim: 1, threshold: 0.84 };
const mapWith = (weights: number[][]): AttentionMap => ({ layerName: 'attention_weight', weights, answerPositions: [[0], [3]], task });
const focus = (mean: number, peak: number): AnswerFocus => ({ onAnswer: { mean, std: 0.1 }, uniform: 0.25, peakOnAnswer: peak, sequences: 500 });
const stepAttributions = (featureShares: number[]): StepAttributions => ({
  perStep: [], mean: [], shares: [], timeSteps: 4, features: featureShares.length, featureShares,
  completeness: { meanAbsGap: 0.0042, maxAbsGap: 0.01, meanAbsOutputChange: 0.423 },
});
const steps = (mean: number, peak: number, featureShares = [1]) => ({ focus: focus(mean, peak), attributions: stepAttributions(featureShares) });
const runs = (attention: number[], dense: number[]): ComparisonRun[] => [
  ...attention.map((valAcc, seed) => ({ head: 'attention' as const, seed, parameters: 817, valAcc, seconds: 1 })),
  ...dense.map((valAcc, seed) => ({ head: 'dense' as const, seed, parameters: 843, valAcc, seconds: 1 })),
];

test('the task description states its threshold and the share of label 1 from the data', () => {
  const data = getSequenceTaskData('add-two', 1000, 5, 4);
  const positives = Array.from(data.y.dataSync()).reduce((a, b) => a + b, 0) / 1000;
  assert.match(describeSequenceTask(data), new RegExp(`more than 1\\..*1,000 sequences \\(seed 4\\), ${Math.round(100 * positives)} % have the label 1`));
  data.dispose();
});

test('the focus sentence gives the share on the answer against a uniform spread', () => {
  assert.equal(describeAnswerFocus(focus(0.66, 0.98), task),
    'On 500 held-out sequences, 0.66 ± 0.10 of the attention falls on the step holding the maximum (2.6× the 0.25 a uniform spread would give), '
    + 'and the largest weight is on that step in 98 % of the sequences.');
});

test('the evolution names the first epoch whose peaks sat on the answer, or says it never happened', () => {
  const flat = mapWith([[0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]]);
  const half = mapWith([[0.7, 0.1, 0.1, 0.1], [0.7, 0.1, 0.1, 0.1]]);
  const sharp = mapWith([[0.7, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.7]]);
  assert.match(describeMapEvolution([{ epoch: 0, map: flat }, { epoch: 1, map: half }, { epoch: 2, map: sharp }]),
    /went from 0\.25 before training to 0\.70 after epoch 2; the largest weight first sat on the answer in at least 90 % of them after epoch 2\./);
  assert.match(describeMapEvolution([{ epoch: 0, map: flat }, { epoch: 1, map: half }]), /never sat on the answer in 90 % of them \(50 % after the last epoch\)/);
});

test('the comparison says which head led on every seed, or that the ranges overlap', () => {
  assert.match(describeHeadComparison(runs([0.93, 0.95], [0.6, 0.7]), 'find-max'),
    /find-max, 2 seeds: the attention head \(817 parameters\) reached 0\.940 ± 0\.010 .*the Dense head \(843 parameters\) 0\.650 ± 0\.050 .*the attention head was ahead on every seed\./);
  assert.match(describeHeadComparison(runs([0.6, 0.9], [0.7, 0.8]), 'add-two'), /their ranges overlap: no clear winner/);
  assert.match(describeHeadComparison(runs([0.6, 0.61], [0.7, 0.8]), 'add-two'), /the Dense head was ahead on every seed/);
});

test('the findings carry the run\'s figures and the encoder\'s caveat', () => {
  const text = (encoder: 'lstm' | 'per-step') => describeMapFindings({
    findMax: focus(0.66, 1), addTwo: focus(0.97, 1), encoder, comparison: runs([0.9], [0.62, 0.64]), attributions: { findMax: steps(0.81, 1), addTwo: steps(0.44, 0.7, [0.71, 0.29]) },
  });
  assert.match(text('per-step'), /0\.66 of the attention on the maximum .* 0\.97 on the two marked steps/);
  assert.match(text('per-step'), /computed from step t alone/);
  assert.match(text('lstm'), /Here the encoder is an LSTM/);
  assert.match(text('lstm'), /a Dense head with no map reached 0\.630 ± 0\.010/);
  assert.match(text('per-step'), /they put 0\.81 of their mass on the maximum and 0\.44 on the two marked steps \(attention: 0\.66 and 0\.97\)/);
  assert.doesNotMatch(text('per-step'), /does not compute them/);
  assert.match(text('per-step'), /Integrated gradients can: in add-two they put 0\.71 of their mass on the values and 0\.29 on the markers\./);
  const flatMax = describeMapFindings({
    findMax: focus(0.3, 0.4), addTwo: focus(0.97, 1), encoder: 'lstm', comparison: runs([0.9], [0.6]), attributions: { findMax: steps(0.3, 0.4), addTwo: steps(0.9, 1, [0.5, 0.5]) },
  });
  assert.match(flatMax, /- \*\*Not shown here:\*\* that the weights follow the answer in find-max \(/);
  assert.doesNotMatch(flatMax, /\*\*Shown:\*\*/);
});

test('integrated gradients next to the attention: both shares, the peaks\' agreement, a verdict from the figures, the completeness gap', () => {
  const agreement = (onlyAttribution: number, onlyAttention: number): StepAgreement => ({
    samePeak: 0.95, meanCorrelation: 0.98, onlyAttributionOnAnswer: onlyAttribution, onlyAttentionOnAnswer: onlyAttention, sequences: 500,
  });
  const addTwo = { ...task, task: 'add-two' as const, inputDim: 2 };
  const text = describeStepAttributions({ attention: focus(0.98, 1), attributions: stepAttributions([0.71, 0.29]), focus: focus(0.77, 1), agreement: agreement(0, 0), task: addTwo });
  assert.match(text, /^On the same 500 held-out sequences, integrated gradients over the raw input steps put 0\.77 ± 0\.10 of each sequence's attribution on the two marked steps \(uniform: 0\.25\), with the largest on an answer step in 100 % of them; the attention put 0\.98 there/);
  assert.match(text, /same step in 95 % of the sequences, and a sequence's two rows correlate at 0\.98 on average; in no sequence does one of them peak/);
  assert.match(text, /Both point at the answer, the attention more sharply than the output's dependence on the inputs/);
  assert.match(text, /split each step by feature: 0\.71 of their mass on the values and 0\.29 on the markers\./);
  assert.match(text, /within 0\.0042 on average \(mean \|change\| 0\.423\)\.$/);
  const sharper = describeStepAttributions({ attention: focus(0.66, 1), attributions: stepAttributions([1]), focus: focus(0.77, 1), agreement: agreement(0.1, 0.02), task });
  assert.match(sharper, /the output's dependence on the inputs more sharply than the attention/);
  assert.match(sharper, /peak on an answer step where the attention does not in 10 % of them, the reverse in 2 %/);
  assert.doesNotMatch(sharper, /by feature/);
  const mapOnly = describeStepAttributions({ attention: focus(0.9, 1), attributions: stepAttributions([1]), focus: focus(0.3, 0.2), agreement: agreement(0, 0.8), task });
  assert.match(mapOnly, /The attention points at the answer but the attributions do not concentrate there/);
  const attributionOnly = describeStepAttributions({ attention: focus(0.3, 0.2), attributions: stepAttributions([1]), focus: focus(0.9, 1), agreement: agreement(0.8, 0), task });
  assert.match(attributionOnly, /the map under-reports what the model uses/);
});
