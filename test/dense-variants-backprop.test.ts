/** The controls' hand-derived gradients (dense-variants-backprop.ts) against tfjs's tape, and when they step aside. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tf } from '../src/core/tf';
import { getData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildNoAttentionModel, buildUniformAttentionModel } from '../src/models/dense/variants';
import { noAttentionBackprop, uniformAttentionBackprop } from '../src/models/dense/variants-backprop';
import { selectGradients } from '../src/training/gradient-routes';
import { assertAgreesWithTape } from './helpers/tape-agreement';

// Float32 computations of the same sums in a different order.
const tolerance = 1e-6;

const cases = [
  { name: 'attention frozen to uniform', build: buildUniformAttentionModel, route: uniformAttentionBackprop },
  { name: 'no attention blocks', build: buildNoAttentionModel, route: noAttentionBackprop },
];

for (const { name, build, route } of cases) {
  for (const { inputDim, hidden, batch } of [{ inputDim: 4, hidden: 16, batch: 64 }, { inputDim: 7, hidden: 5, batch: 13 }]) {
    test(`${name}: hand-derived gradients equal tfjs's tape (input_dim ${inputDim}, hidden ${hidden}, batch ${batch})`, () => {
      const model = build({ inputDim, hidden, seed: 31 });
      const data = getData(batch, inputDim, 1, 32);
      assertAgreesWithTape(model, route, data, tolerance);
      const before = tf.memory().numTensors;
      assert.notEqual(selectGradients(model).report().name, "tfjs's tape", 'its builder attaches the route');
      assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
      data.dispose();
      model.dispose();
    });
  }
}

test('the routes step aside for other networks, frozen layers and non-uniform attention', () => {
  const attention = buildAttentionModel({ seed: 1 });
  assert.equal(uniformAttentionBackprop(attention), undefined);
  assert.equal(noAttentionBackprop(attention), undefined);
  attention.dispose();
  const frozen = buildNoAttentionModel({ seed: 1 });
  frozen.getLayer('hidden').trainable = false;
  assert.equal(noAttentionBackprop(frozen), undefined);
  frozen.dispose();
  const unfrozen = buildUniformAttentionModel({ seed: 1 });
  const scores = tf.fill([4, 4], 0.5);
  unfrozen.getLayer('attention_scores').setWeights([scores]); // still uniform, but no longer the zero kernel it was built with
  assert.equal(uniformAttentionBackprop(unfrozen), undefined);
  assert.equal(selectGradients(unfrozen).report().name, "tfjs's tape");
  scores.dispose();
  unfrozen.dispose();
});
