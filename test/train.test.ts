import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attentionVector } from '../src/readout/activations';
import { getData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { formatEpoch, formatRoute } from '../src/notebook/progress';
import { deriveSeed } from '../src/core/random';
import { EpochReport, train } from '../src/training/train';
import { tf } from '../src/core/tf';

async function run(seed: number, epochs = 3) {
  const data = getData(4000, 4, 1, seed);
  const model = buildAttentionModel({ seed });
  const reports: EpochReport[] = [];
  const history = await train(model, data, { epochs, seed, onEpoch: (report) => { reports.push(report); } });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  data.dispose();
  model.dispose();
  return { history, reports, weights };
}

test('training learns the task and reports Keras\'s metrics per epoch', async () => {
  const { history, reports } = await run(1, 8);
  assert.deepEqual(Object.keys(history), ['loss', 'acc', 'val_loss', 'val_acc', 'route', 'seconds', 'data']);
  assert.ok(Number.isFinite(history.seconds) && history.seconds > 0, `seconds ${history.seconds}`);
  assert.deepEqual(history.data, { attentionColumn: 1, seed: 1, n: 4000, inputDim: 4 });
  assert.equal(history.loss.length, 8);
  assert.ok(history.val_acc[7] > 0.9, `val_acc ${history.val_acc[7]}`);
  assert.ok(history.loss[7] < history.loss[0]);
  assert.deepEqual(reports.map((r) => r.epoch), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(reports[0].trainSamples, 3200); // the last 20 % are held out for validation
});

test('a seeded run repeats exactly: same weights, same history', async () => {
  const first = await run(7);
  const second = await run(7);
  const other = await run(8);
  // Everything but the wall time repeats.
  const repeatable = ({ history: { seconds: _seconds, ...rest } }: Awaited<ReturnType<typeof run>>) => rest;
  assert.deepEqual(repeatable(first), repeatable(second));
  assert.deepEqual(first.weights, second.weights);
  assert.notDeepEqual(repeatable(first), repeatable(other));
});

test('the attention piles up on the label\'s column once trained', async () => {
  const data = getData(10000, 4, 2, 3);
  const test = getData(1000, 4, 2, deriveSeed(3, 'test'));
  const model = buildAttentionModel({ seed: 3 });
  await train(model, data, { epochs: 10, seed: 3 });
  const summary = attentionVector(model, test.x);
  const best = summary.mean.indexOf(Math.max(...summary.mean));
  assert.equal(best, 2, `attention ${summary.mean.map((v) => v.toFixed(3)).join(', ')}`);
  [data, test].forEach((d) => d.dispose());
  model.dispose();
});

test('formatEpoch prints the original log line', () => {
  const line = formatEpoch({ epoch: 3, epochs: 20, trainSamples: 8000, seconds: 0.41, loss: 0.66191, acc: 0.80912, val_loss: 0.6, val_acc: 0.941 });
  assert.equal(line, 'Epoch 3/20 8000/8000 [==============================] - 0.4s - loss: 0.6619 - acc: 0.8091 - val_loss: 0.6000 - val_acc: 0.9410');
});

test('bad training options are rejected before anything runs', async () => {
  const model = buildAttentionModel({ seed: 1 });
  const data = { x: tf.zeros([10, 4]), y: tf.zeros([10, 1]) };
  const before = tf.memory().numTensors;
  await assert.rejects(train(model, data, { epochs: 0 }), /epochs must be an integer >= 1, got 0/);
  await assert.rejects(train(model, data, { batchSize: 2.5 }), /batchSize must be an integer >= 1, got 2.5/);
  await assert.rejects(train(model, data, { validationSplit: 1 }), /validationSplit must be a number in \[0, 1\), got 1/);
  await assert.rejects(train(model, data, { validationSplit: Number.NaN }), /validationSplit must be a number in \[0, 1\), got NaN/);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([data.x, data.y]);
  model.dispose();
});

test('train() refuses, before anything runs, models and data it cannot train', async () => {
  const model = buildAttentionModel({ seed: 1 });
  const data = getData(20, 4, 1, 1);
  const narrow = { x: tf.zeros([20, 3]), y: tf.zeros([20, 1]) };
  const short = { x: data.x, y: tf.zeros([19, 1]) };
  const soft = { x: data.x, y: tf.fill([20, 1], 0.5) };
  const inputs = tf.input({ shape: [4] });
  const withOutput = (layer: tf.layers.Layer) => tf.model({ inputs, outputs: layer.apply(inputs) as tf.SymbolicTensor });
  const linear = withOutput(tf.layers.dense({ units: 1, name: 'score' }));
  const regularized = withOutput(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'out', kernelRegularizer: tf.regularizers.l2() }));
  const constrained = withOutput(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'clipped', kernelConstraint: tf.constraints.maxNorm({}) }));
  const before = tf.memory().numTensors;

  await assert.rejects(train(model, narrow), /data\.x must have shape \[n, 4\] for model "attention_dense", got \[20, 3\]/);
  await assert.rejects(train(model, short), /data\.y must have shape \[20, 1\]/);
  await assert.rejects(train(model, soft), /data\.y must hold the labels 0 and 1, got 0\.5 in row 0/);
  await assert.rejects(train(model, data, { seed: -3 }), /seed must be an integer in \[0, 4294967295\], got -3/);
  await assert.rejects(train(model, data, { seed: 1.5 }), /seed must be an integer in \[0, 4294967295\], got 1\.5/);
  await assert.rejects(train(model, data, { gradients: 'fast' as 'tape' }), /gradients must be "auto" or "tape", got fast/);
  await assert.rejects(train(linear, data), /one sigmoid output with binary cross-entropy .* "score" has shape \[null, 1\] and activation "linear"/);
  await assert.rejects(train(regularized, data), /does not apply weight regularizers or constraints, and layer "out" has kernelRegularizer/);
  await assert.rejects(train(constrained, data), /layer "clipped" has kernelConstraint/);
  assert.equal(tf.memory().numTensors, before, 'a refused run leaves no tensors behind');

  tf.dispose([narrow.x, narrow.y, short.y, soft.y]);
  [linear, regularized, constrained, model].forEach((m) => m.dispose());
  data.dispose();
});

test('formatRoute names the route and why the tape ran instead of an attached one', () => {
  assert.equal(formatRoute({ name: "tfjs's tape" }), "Gradients: tfjs's tape");
  assert.equal(formatRoute({ name: "tfjs's tape", check: { route: 'dense attention, by hand', maxDifference: 0.41, agreed: false },
    fallback: 'dense attention, by hand disagreed with the tape on the first batch' }),
  "Gradients: tfjs's tape, because dense attention, by hand disagreed with the tape on the first batch (max difference 4.1e-1)");
});
