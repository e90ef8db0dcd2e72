import assert from 'node:assert/strict';
import { test } from 'node:test';
import { denseAttentionBackprop } from '../src/models/dense/backprop';
import { getData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { assertAgreesWithTape } from './helpers/tape-agreement';

// Both are float32 computations of the same sums in a different order.
const tolerance = 1e-6;

for (const { inputDim, hidden, batch } of [{ inputDim: 4, hidden: 16, batch: 64 }, { inputDim: 7, hidden: 5, batch: 13 }]) {
  test(`hand-derived gradients equal tfjs's tape (input_dim ${inputDim}, hidden ${hidden}, batch ${batch})`, () => {
    const model = buildAttentionModel({ inputDim, hidden, seed: 21 });
    const data = getData(batch, inputDim, 1, 22);
    assertAgreesWithTape(model, denseAttentionBackprop, data, tolerance);
    data.dispose();
    model.dispose();
  });
}

test('other networks are left to the tape', () => {
  const recurrent = buildRecurrentAttentionModel({ seed: 1 });
  assert.equal(denseAttentionBackprop(recurrent), undefined);
  recurrent.dispose();
  const frozen = buildAttentionModel({ seed: 1 });
  frozen.getLayer('hidden').trainable = false; // the hand-derived step would still update it
  assert.equal(denseAttentionBackprop(frozen), undefined);
  frozen.dispose();
});
