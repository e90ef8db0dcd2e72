import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { getData } from '../src/data';
import { getActivations } from '../src/activations';
import { buildAttentionModel } from '../src/model';
import { tf } from '../src/tf';
import { train } from '../src/train';
import { jupyterPython, projectRoot } from '../src/toolchain/paths';

const tolerance = 1e-5;

function maxAbsDifference(ours: number[][], theirs: number[][]): number {
  assert.equal(ours.length, theirs.length);
  let worst = 0;
  ours.forEach((row, i) => {
    assert.equal(row.length, theirs[i].length);
    row.forEach((value, j) => { worst = Math.max(worst, Math.abs(value - theirs[i][j])); });
  });
  return worst;
}

test('with the same weights, Keras gives the same predictions and attention_vec as our model', async () => {
  const model = buildAttentionModel({ seed: 7 });
  // Trained a little first: fresh Glorot weights give outputs near 0.5 that hide small differences.
  const training = getData(2000, 4, 1, 5);
  await train(model, training, { epochs: 3, seed: 5 });
  training.dispose();
  const data = getData(256, 4, 1, 11);
  const request = {
    names: model.weights.map((weight) => weight.originalName),
    weights: model.getWeights().map((weight) => weight.arraySync()),
    x: data.x.arraySync(),
  };
  // One Python process for the whole check: importing TensorFlow alone takes seconds.
  const run = spawnSync(jupyterPython(), [path.join(projectRoot, 'bench', 'keras_model.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
  assert.equal(run.status, 0, run.stderr);
  const keras = JSON.parse(run.stdout) as { predictions: number[][]; attention_vec: number[][] };

  const activations = getActivations(model, data.x, { layerName: 'attention_vec' });
  const predictions = model.predict(data.x) as tf.Tensor;
  const ours = {
    predictions: predictions.arraySync() as number[][],
    attention_vec: activations.attention_vec.arraySync() as number[][],
  };
  tf.dispose([predictions, activations.attention_vec]);
  data.dispose();
  model.dispose();

  for (const output of ['predictions', 'attention_vec'] as const) {
    const difference = maxAbsDifference(ours[output], keras[output]);
    assert.ok(difference <= tolerance, `${output} differ by up to ${difference}`);
  }
  // A model that ignored the weights would not agree this closely; still, make sure they are not trivial.
  assert.ok(new Set(ours.predictions.map((row) => row[0].toFixed(3))).size > 10, 'predictions are all alike');
});
