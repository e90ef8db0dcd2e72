import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getData } from '../src/data/synthetic';
import { disposeOwned, owned } from '../src/notebook/owned';
import { tf } from '../src/core/tf';

test('re-running a cell that owns its data does not grow the tensor count', () => {
  const before = tf.memory().numTensors;
  for (let rerun = 0; rerun < 5; rerun++) owned('data', getData(100, 4, 1, rerun));
  assert.equal(tf.memory().numTensors, before + 2); // x and y of the last run only
  disposeOwned();
  assert.equal(tf.memory().numTensors, before);
});
