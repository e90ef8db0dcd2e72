import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tf } from '../src/core/tf';
import type { AttentionMap } from '../src/readout/attention-map';
import { buildSequenceAttentionModel } from '../src/models/sequence/model';
import { getSequenceTaskData } from '../src/data/sequence-tasks';
import { stepAgreement, stepAnswerFocus, stepIntegratedGradients } from '../src/explain/step-attributions';

// 3 sequences × 4 steps × 2 features; the output is linear in step 2 alone: 3·value − 2·marker.
const values = [
  [[0.5, 1], [0.2, 0], [0.9, 0], [0.1, 1]],
  [[0.3, 0], [0.8, 1], [0.4, 1], [0.6, 0]],
  [[0.7, 0], [0.1, 0], [-0.5, 0], [0.2, 0]],
];
const linearInStep2 = (x: tf.Tensor3D) => x.slice([0, 2, 0], [-1, 1, 2]).reshape([-1, 2]).matMul(tf.tensor2d([[3], [-2]]));

test('a model linear in one step: from a zero baseline the attributions are x·w at that step and 0 elsewhere, exactly complete', () => {
  const x = tf.tensor3d(values);
  const result = stepIntegratedGradients(linearInStep2, x, { steps: 8 });
  const expected = values.map((sequence) => [0, 0, Math.abs(3 * sequence[2][0]) + Math.abs(-2 * sequence[2][1]), 0]);
  result.perStep.forEach((row, i) => row.forEach((v, t) => assert.ok(Math.abs(v - expected[i][t]) < 1e-5, `sequence ${i}, step ${t}: ${v}`)));
  assert.deepEqual(result.shares, [[0, 0, 1, 0], [0, 0, 1, 0], [0, 0, 1, 0]]);
  result.mean.forEach((m, t) => assert.ok(Math.abs(m - (expected[0][t] + expected[1][t] + expected[2][t]) / 3) < 1e-5));
  assert.equal(result.timeSteps, 4);
  assert.equal(result.features, 2);
  // |3·value| summed against |−2·marker| summed, at step 2: values 0.9, 0.4, −0.5 and markers 0, 1, 0.
  assert.ok(Math.abs(result.featureShares[0] - 5.4 / 7.4) < 1e-5 && Math.abs(result.featureShares[1] - 2 / 7.4) < 1e-5, `${result.featureShares}`);
  assert.ok(result.completeness.maxAbsGap < 1e-5, `gap ${result.completeness.maxAbsGap}`);
  x.dispose();
});

test('a per-feature baseline is used at every step', () => {
  // Output: the sum of every step's value; from a baseline value of 0.5, step t's attribution is |x_t − 0.5|.
  const x = tf.tensor3d(values);
  const result = stepIntegratedGradients((inputs) => inputs.slice([0, 0, 0], [-1, -1, 1]).sum([1, 2]), x, { baseline: [0.5, 7], steps: 4 });
  result.perStep.forEach((row, i) => row.forEach((v, t) => assert.ok(Math.abs(v - Math.abs(values[i][t][0] - 0.5)) < 1e-5, `sequence ${i}, step ${t}: ${v}`)));
  x.dispose();
});

for (const encoder of ['per-step', 'lstm'] as const) {
  test(`completeness on the real sequence model (${encoder} encoder), and no tensors left behind`, () => {
    const data = getSequenceTaskData('add-two', 12, 5, 3);
    const model = buildSequenceAttentionModel({ timeSteps: 5, inputDim: 2, encoder, lstmUnits: 6, attentionUnits: 4, seed: 5 });
    const before = tf.memory().numTensors;
    const result = stepIntegratedGradients(model, data.x, { steps: 200 });
    assert.equal(tf.memory().numTensors, before);
    const { meanAbsGap, meanAbsOutputChange } = result.completeness;
    assert.ok(meanAbsOutputChange > 1e-3, `the output moved by ${meanAbsOutputChange}`);
    assert.ok(meanAbsGap < 0.01 * meanAbsOutputChange, `gap ${meanAbsGap} against an output change of ${meanAbsOutputChange}`);
    assert.equal(result.perStep.length, 12);
    result.shares.forEach((row) => assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-6));
    model.dispose();
    data.dispose();
  });
}

test('scored against the answer steps like the attention map', () => {
  const x = tf.tensor3d(values);
  const result = stepIntegratedGradients(linearInStep2, x, { steps: 2 });
  // Every sequence's attribution sits on step 2: sequences whose answer is there get share 1, the others 0.
  const focus = stepAnswerFocus(result, [[2], [0, 3], [1, 2]]);
  assert.ok(Math.abs(focus.onAnswer.mean - 2 / 3) < 1e-9);
  assert.ok(Math.abs(focus.peakOnAnswer - 2 / 3) < 1e-9);
  assert.ok(Math.abs(focus.uniform - (5 / 3) / 4) < 1e-9);
  assert.equal(focus.sequences, 3);
  assert.throws(() => stepAnswerFocus(result, [[2]]), (e: Error) => e instanceof RangeError && /answerPositions must hold one entry per attributed sequence \(3\), got 1/.test(e.message));
  x.dispose();
});

test('agreement with the map: same peaks, row correlation, and which one found the answer', () => {
  const task = { task: 'find-max' as const, seed: 1, n: 3, timeSteps: 3, inputDim: 1, threshold: 0.8 };
  const map: AttentionMap = { layerName: 'attention_weight', weights: [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8]], answerPositions: [[0], [0], [1]], task };
  const attributions = {
    perStep: [[4, 1, 1], [3, 1, 1], [0, 0, 0]], mean: [], shares: [[2 / 3, 1 / 6, 1 / 6], [0.6, 0.2, 0.2], [0, 0, 0]],
    timeSteps: 3, features: 1, featureShares: [1], completeness: { meanAbsGap: 0, maxAbsGap: 0, meanAbsOutputChange: 1 },
  };
  const agreement = stepAgreement(map, attributions);
  assert.equal(agreement.samePeak, 1 / 3); // sequence 0 only (sequence 2's all-zero row peaks at step 0)
  assert.equal(agreement.onlyAttributionOnAnswer, 1 / 3); // sequence 1
  assert.equal(agreement.onlyAttentionOnAnswer, 0);
  // Sequence 0's rows are both [high, low, low]: correlation 1; sequence 1's correlate less; sequence 2's zero row is skipped.
  const r1 = (() => { const a = [0.2, 0.7, 0.1]; const b = [0.6, 0.2, 0.2]; const ma = 1 / 3; const mb = 1 / 3;
    const ab = a.reduce((s, v, t) => s + (v - ma) * (b[t] - mb), 0);
    return ab / Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0)); })();
  assert.ok(Math.abs(agreement.meanCorrelation - (1 + r1) / 2) < 1e-9, `${agreement.meanCorrelation}`);
  assert.throws(() => stepAgreement(map, { ...attributions, shares: attributions.shares.slice(0, 2) }), /attributions must cover the map's 3 sequences × 3 steps, got 2 × 3/);
});

test('bad input: a RangeError naming the parameter, and nothing left behind', () => {
  const model = buildSequenceAttentionModel({ timeSteps: 4, inputDim: 2, encoder: 'per-step', lstmUnits: 3, attentionUnits: 2, seed: 1 });
  const x = tf.tensor3d(values);
  const flat = tf.zeros([3, 8]);
  const wrongSteps = tf.zeros([3, 5, 2]);
  const before = tf.memory().numTensors;
  const rangeError = (pattern: RegExp) => (e: Error) => e instanceof RangeError && pattern.test(e.message);
  assert.throws(() => stepIntegratedGradients(model, flat), rangeError(/x must be a 3-D tensor \[sequences >= 1, time steps >= 1, features >= 1\], got shape \[3,8\]/));
  assert.throws(() => stepIntegratedGradients(model, wrongSteps), rangeError(/x must be sequences of 4 steps × 2 features/));
  assert.throws(() => stepIntegratedGradients(model, x, { baseline: [0] }), rangeError(/baseline must be 'zero', 'mean' or 2 finite numbers \(one per feature\)/));
  assert.throws(() => stepIntegratedGradients(model, x, { steps: 0 }), rangeError(/steps/));
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, flat, wrongSteps]);
  model.dispose();
});
