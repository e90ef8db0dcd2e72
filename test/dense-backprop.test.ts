import assert from 'node:assert/strict';
import { test } from 'node:test';
import { denseAttentionBackprop } from '../src/experiment/dense-backprop';
import { getData } from '../src/experiment/data';
import { tapeGradients } from '../src/training/tape-gradients';
import { buildAttentionModel } from '../src/experiment/dense-model';
import { buildRecurrentAttentionModel } from '../src/experiment/recurrent-model';
import { tf } from '../src/core/tf';

// Both are float32 computations of the same sums in a different order.
const tolerance = 1e-6;

for (const { inputDim, hidden, batch } of [{ inputDim: 4, hidden: 16, batch: 64 }, { inputDim: 7, hidden: 5, batch: 13 }]) {
  test(`hand-derived gradients equal tfjs's tape (input_dim ${inputDim}, hidden ${hidden}, batch ${batch})`, () => {
    const model = buildAttentionModel({ inputDim, hidden, seed: 21 });
    const data = getData(batch, inputDim, 1, 22);
    const before = tf.memory().numTensors;
    const byHand = denseAttentionBackprop(model);
    assert.ok(byHand, 'the dense attention network is recognised');
    const [ours, tape] = [byHand, tapeGradients(model)].map((gradientsOf) => tf.tidy(() => {
      const { probabilities, gradients } = gradientsOf(data.x, data.y);
      return [probabilities, ...gradients].map((t) => Array.from(t.dataSync()));
    }));
    assert.equal(tf.memory().numTensors, before, 'no tensors left behind');

    const names = ['probabilities', ...model.trainableWeights.map((w) => w.originalName)];
    let largest = 0;
    ours.forEach((values, i) => {
      assert.equal(values.length, tape[i].length, names[i]);
      values.forEach((value, j) => {
        assert.ok(Math.abs(value - tape[i][j]) <= tolerance, `${names[i]}[${j}]: by hand ${value}, tape ${tape[i][j]}`);
        largest = Math.max(largest, Math.abs(value));
      });
    });
    // Gradients of all zeros would agree too: make sure they carry signal.
    assert.ok(largest > 1e3 * tolerance, `largest gradient ${largest}`);
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
