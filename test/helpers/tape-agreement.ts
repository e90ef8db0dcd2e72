import assert from 'node:assert/strict';
import { tf } from '../../src/core/tf';
import { type BatchLoss, type GradientFunction, tapeGradients } from '../../src/training/tape-gradients';

/**
 * The hand-derived route that `route` makes for the model recognises it, and its output and
 * gradients on one batch are element by element within `tolerance` of tfjs's tape; nothing is left
 * behind (making the route included), and the gradients carry signal (all zeros would agree too).
 * `loss` is the tape's, binary cross-entropy unless given.
 */
export function assertAgreesWithTape(
  model: tf.LayersModel, route: (model: tf.LayersModel) => GradientFunction | undefined,
  data: { x: tf.Tensor; y: tf.Tensor }, tolerance: number, loss?: BatchLoss,
): void {
  const before = tf.memory().numTensors;
  const byHand = route(model);
  assert.ok(byHand, 'the route recognises the network');
  const [ours, tape] = [byHand, tapeGradients(model, loss)].map((gradientsOf) => tf.tidy(() => {
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
  assert.ok(largest > 1e3 * tolerance, `largest gradient ${largest}`);
}
