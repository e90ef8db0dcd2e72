import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { tf } from '../src/core/tf';

test('tfjs-node runs on the native TensorFlow backend', () => {
  assert.equal(tf.getBackend(), 'tensorflow');
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
  assert.equal(product, 11);
});

test('danfojs-node loads the project\'s tfjs-node, not a copy of its own', () => {
  // Two copies in one process fail with "kernel … already registered"; npm overrides prevent it.
  const danfoDir = path.dirname(require.resolve('danfojs-node/package.json'));
  assert.equal(require.resolve('@tensorflow/tfjs-node', { paths: [danfoDir] }), require.resolve('@tensorflow/tfjs-node'));
});
