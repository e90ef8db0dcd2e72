import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { attentionVector, getActivations } from '../src/readout/activations';
import { type AttentionScore, attention, Attention, AttentionWeights } from '../src/models/sequence/attention-layer';
import { buildSequenceAttentionModel } from '../src/models/sequence/model';
import { getSequenceTaskData } from '../src/data/sequence-tasks';
import { train } from '../src/training/train';
import { tf } from '../src/core/tf';

const close = (actual: number[], expected: number[], tolerance = 1e-5) =>
  expected.forEach((value, i) => assert.ok(Math.abs(actual[i] - value) < tolerance, `[${i}] ${actual[i]} vs ${value}`));

// Plain-array algebra for the hand-computed reference.
type Matrix = number[][];
const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i], 0);
const times = (row: number[], m: Matrix) => m[0].map((_, j) => dot(row, m.map((r) => r[j])));
const softmax = (scores: number[]) => {
  const exps = scores.map(Math.exp);
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
};

// A sequence of 3 steps with 2 features, and known weights for both scores.
const sequence = [[1, 0.5], [-0.5, 2], [0.25, -1]];
const w = [[0.5, -1], [1.5, 0.25]];
const wQuery = [[1, -0.5], [0.25, 0.75]];
const wKeys = [[-1, 0.5], [0.5, 1]];
const v = [[1.5], [-0.5]];
const kernel = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9], [1.0, -1.1, 0.2]]; // [2·features, units = 3]

function reference(score: AttentionScore) {
  const query = sequence[2];
  const scores = score === 'luong'
    ? sequence.map((h) => dot(times(h, w), query))
    : sequence.map((h) => {
      const keys = times(h, wKeys);
      const hidden = times(query, wQuery).map((q, i) => Math.tanh(q + keys[i]));
      return dot(hidden, v.map((r) => r[0]));
    });
  const weights = softmax(scores);
  const context = [0, 1].map((j) => sequence.reduce((sum, h, t) => sum + weights[t] * h[j], 0));
  const output = times([...context, ...query], kernel).map(Math.tanh);
  return { weights, output };
}

function smallModel(score: AttentionScore) {
  const inputs = tf.input({ shape: [3, 2] });
  const model = tf.model({ inputs, outputs: attention(inputs, { units: 3, score, seed: 1 }) });
  const scoring = score === 'luong' ? [w] : [wQuery, wKeys, v];
  model.getLayer('attention_weight').setWeights(scoring.map((m) => tf.tensor2d(m)));
  model.getLayer('attention').setWeights([tf.tensor2d(kernel)]);
  return model;
}

for (const score of ['luong', 'bahdanau'] as const) {
  test(`${score}: the weights and the output equal a reference computed by hand`, () => {
    const model = smallModel(score);
    const x = tf.tensor3d([sequence]);
    const expected = reference(score);
    const { attention_weight: weights } = getActivations(model, x, { layerName: 'attention_weight' });
    const output = model.predict(x) as tf.Tensor;
    assert.deepEqual(weights.shape, [1, 3]);
    close(Array.from(weights.dataSync()), expected.weights);
    close(Array.from(output.dataSync()), expected.output);
    tf.dispose([x, weights, output]);
    model.dispose();
  });
}

test('both scores survive model.save / tf.loadLayersModel to a folder with the same predictions and weights', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-layer-'));
  try {
    for (const score of ['luong', 'bahdanau'] as const) {
      const model = buildSequenceAttentionModel({ timeSteps: 5, inputDim: 2, lstmUnits: 4, attentionUnits: 3, score, seed: 7 });
      const x = tf.randomUniform([6, 5, 2], 0, 1, 'float32', 3);
      await model.save(`file://${path.join(folder, score)}`);
      const loaded = await tf.loadLayersModel(`file://${path.join(folder, score, 'model.json')}`);
      assert.equal((loaded.getLayer('attention_weight') as AttentionWeights).score, score);
      assert.equal((loaded.getLayer('attention') as Attention).units, 3);
      const [before, after] = [model, loaded].map((m) => m.predict(x) as tf.Tensor);
      close(Array.from(after.dataSync()), Array.from(before.dataSync()), 1e-6);
      const [weightsBefore, weightsAfter] = [model, loaded].map((m) => getActivations(m, x, { layerName: 'attention_weight' }).attention_weight);
      close(Array.from(weightsAfter.dataSync()), Array.from(weightsBefore.dataSync()), 1e-6);
      tf.dispose([x, before, after, weightsBefore, weightsAfter]);
      model.dispose();
      loaded.dispose();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('bad input is refused with a RangeError naming the parameter', () => {
  const sequenceInput = tf.input({ shape: [4, 3] });
  assert.throws(() => attention(tf.input({ shape: [4] }), { units: 2 }), { name: 'RangeError', message: /shape \[batch, steps, features\] \(rank 3\), got rank 2/ });
  assert.throws(() => attention(sequenceInput, { units: 0 }), { name: 'RangeError', message: /units must be an integer >= 1, got 0/ });
  assert.throws(() => attention(sequenceInput, { units: 2.5 }), { name: 'RangeError', message: /units must be an integer >= 1, got 2.5/ });
  assert.throws(() => attention(sequenceInput, { units: 2, score: 'dot' as AttentionScore }),
    { name: 'RangeError', message: /score must be one of "luong", "bahdanau", got "dot"/ });
  // The layers check on their own too, so a hand-edited model.json fails just as clearly.
  assert.throws(() => new AttentionWeights({ score: 'general' as AttentionScore }), { name: 'RangeError', message: /score must be one of/ });
  assert.throws(() => new Attention({ units: -1 }), { name: 'RangeError', message: /units must be an integer >= 1, got -1/ });
});

test('the per-step weights read out like any layer: attentionVector gives one value per step, summing to 1', () => {
  const model = buildSequenceAttentionModel({ timeSteps: 6, inputDim: 1, lstmUnits: 4, seed: 2 });
  const data = getSequenceTaskData('find-max', 20, 6, 2);
  const summary = attentionVector(model, data.x, 'attention_weight');
  assert.equal(summary.mean.length, 6);
  assert.ok(Math.abs(summary.mean.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  data.dispose();
  model.dispose();
});

test('build, train, read out and save 3 times with both scores: no tensor is left behind', async () => {
  const before = tf.memory().numTensors;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-layer-leaks-'));
  for (let repetition = 0; repetition < 3; repetition++) {
    for (const score of ['luong', 'bahdanau'] as const) {
      const data = getSequenceTaskData('add-two', 64, 5, repetition);
      const model = buildSequenceAttentionModel({ timeSteps: 5, inputDim: 2, lstmUnits: 4, score, seed: repetition });
      await train(model, data, { epochs: 1, seed: repetition });
      tf.dispose(Object.values(getActivations(model, data.x)));
      await model.save(`file://${path.join(folder, score)}`);
      data.dispose();
      model.dispose();
    }
  }
  fs.rmSync(folder, { recursive: true, force: true });
  assert.equal(tf.memory().numTensors, before);
});
