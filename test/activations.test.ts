import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attentionVector, getActivations } from '../src/readout/activations';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { tf } from '../src/core/tf';

const close = (actual: number[], expected: number[], tolerance = 1e-5) =>
  actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) < tolerance, `[${i}] ${value} vs ${expected[i]}`));

test('attention_vec is softmax(x · W), checked by hand with known weights', () => {
  const model = buildAttentionModel({ inputDim: 3, hidden: 4, seed: 1 });
  const w = [[0.5, -1, 2], [1, 0, -0.5], [0, 0.25, 1]];
  model.getLayer('attention_scores').setWeights([tf.tensor2d(w)]);
  const rows = [[1, 2, 3], [-1, 0.5, 0]];
  const x = tf.tensor2d(rows);
  const activations = getActivations(model, x, { layerName: 'attention_vec' });
  assert.deepEqual(Object.keys(activations), ['attention_vec']);
  const actual = activations.attention_vec.arraySync() as number[][];
  rows.forEach((row, r) => {
    const scores = [0, 1, 2].map((j) => row.reduce((sum, v, i) => sum + v * w[i][j], 0));
    const exps = scores.map(Math.exp);
    const total = exps.reduce((a, b) => a + b, 0);
    close(actual[r], exps.map((e) => e / total));
  });
  tf.dispose([x, activations.attention_vec]);
  model.dispose();
});

test('without a layer name every layer is read out, the input included', () => {
  const model = buildAttentionModel({ seed: 2 });
  const x = tf.randomNormal([5, 4]);
  const activations = getActivations(model, x);
  assert.deepEqual(Object.keys(activations).sort(), model.layers.map((l) => l.name).sort());
  assert.deepEqual(activations.inputs.arraySync(), x.arraySync());
  assert.deepEqual(activations.hidden.shape, [5, 16]);
  assert.deepEqual(activations.output.shape, [5, 1]);
  const prediction = model.predict(x) as tf.Tensor;
  close(Array.from(activations.output.dataSync()), Array.from(prediction.dataSync()));
  tf.dispose([x, prediction, ...Object.values(activations)]);
  model.dispose();
});

test('an unknown layer name lists the model\'s layers', () => {
  const model = buildAttentionModel({ seed: 1 });
  const x = tf.zeros([1, 4]);
  assert.throws(() => getActivations(model, x, { layerName: 'attention' }),
    /no layer named "attention"; this model has: inputs, attention_scores, attention_vec, .*output/);
  x.dispose();
  model.dispose();
});

test('attentionVector averages over samples and gives the spread per column', () => {
  const model = buildAttentionModel({ inputDim: 3, hidden: 4, seed: 1 });
  model.getLayer('attention_scores').setWeights([tf.tensor2d([[1, 0, 0], [0, 0, 0], [0, 0, 0]])]);
  // Two samples whose softmax rows are known: scores (2,0,0) and (0,0,0).
  const x = tf.tensor2d([[2, 5, -1], [0, 3, 3]]);
  const summary = attentionVector(model, x);
  const e2 = Math.exp(2);
  const first = [e2 / (e2 + 2), 1 / (e2 + 2), 1 / (e2 + 2)];
  const second = [1 / 3, 1 / 3, 1 / 3];
  close(summary.mean, first.map((v, i) => (v + second[i]) / 2));
  close(summary.std, first.map((v, i) => Math.abs(v - second[i]) / 2));
  assert.equal(summary.samples, 2);
  assert.equal(summary.layerName, 'attention_vec');
  const sum = summary.mean.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-5);
  x.dispose();
  model.dispose();
});

test('for the recurrent model the attention is one value per time step', () => {
  const model = buildRecurrentAttentionModel({ timeSteps: 6, inputDim: 2, lstmUnits: 4, seed: 1 });
  const x = tf.randomNormal([7, 6, 2]);
  const summary = attentionVector(model, x);
  assert.equal(summary.mean.length, 6);
  assert.equal(summary.std.length, 6);
  x.dispose();
  model.dispose();
});
