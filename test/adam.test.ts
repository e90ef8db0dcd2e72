import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Adam } from '../src/training/adam';
import { tf } from '../src/core/tf';

test('one step moves each weight as Keras\'s Adam does (values worked out by hand)', () => {
  const weights = tf.variable(tf.tensor1d([1, -2]));
  const optimizer = new Adam([weights]);
  const gradient = tf.tensor1d([0.5, -0.1]);
  optimizer.apply([gradient]);
  // m = 0.1 g, v = 0.001 g², α = 0.001 · √0.001 / 0.1 = 3.16227766e-4;
  // w −= α m / (√v + 1e-7): 1 − 9.9999368e-4 and −2 + 9.9996838e-4.
  const [first, second] = weights.dataSync();
  assert.ok(Math.abs(first - 0.99900000632) < 1e-7, `first ${first}`);
  assert.ok(Math.abs(second - -1.99900003162) < 1e-7, `second ${second}`);
  tf.dispose([weights, gradient]);
});

test('on the cpu backend, a tensor sharing the weights\' storage is left alone', async () => {
  const previous = tf.getBackend();
  await tf.setBackend('cpu'); // where dataSync() returns the tensor's own array, not a copy
  try {
    const weights = tf.variable(tf.tensor1d([1, -2]));
    const copy = weights.clone(); // shares the storage until one of them changes
    const gradient = tf.tensor1d([0.5, -0.1]);
    new Adam([weights]).apply([gradient]);
    assert.deepEqual(Array.from(copy.dataSync()), [1, -2]);
    assert.notDeepEqual(Array.from(weights.dataSync()), [1, -2]);
    tf.dispose([weights, copy, gradient]);
  } finally {
    await tf.setBackend(previous);
  }
});
