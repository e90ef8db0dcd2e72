import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attentionVector } from '../src/experiment/activations';
import { getData } from '../src/experiment/data';
import { buildAttentionModel } from '../src/experiment/dense-model';
import { formatEpoch } from '../src/notebook/progress';
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
  assert.deepEqual(Object.keys(history), ['loss', 'acc', 'val_loss', 'val_acc']);
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
  assert.deepEqual(first.history, second.history);
  assert.deepEqual(first.weights, second.weights);
  assert.notDeepEqual(first.history, other.history);
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
