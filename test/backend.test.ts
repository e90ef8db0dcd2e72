import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tf } from '../src/tf';

test('tfjs-node runs on the native TensorFlow backend', () => {
  assert.equal(tf.getBackend(), 'tensorflow');
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
  assert.equal(product, 11);
});

test('a small model trains on the native backend', async () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const x = tf.tensor2d([[0], [1], [2], [3]]);
  const y = tf.tensor2d([[1], [3], [5], [7]]);
  const history = await model.fit(x, y, { epochs: 50, verbose: 0 });
  const losses = history.history.loss as number[];
  assert.ok(losses[losses.length - 1] < losses[0] / 10, `loss fell from ${losses[0]} to ${losses[losses.length - 1]}`);
  tf.dispose([x, y]);
  model.dispose();
});
