import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { getData } from '../../src/data/synthetic';
import { getActivations } from '../../src/readout/activations';
import { buildAttentionModel } from '../../src/models/dense/model';
import { tf } from '../../src/core/tf';
import { Adam } from '../../src/training/adam';
import { selectGradients } from '../../src/training/gradient-routes';
import { train } from '../../src/training/train';
import { jupyterPython, projectRoot } from '../../runner/paths';

const tolerance = 1e-5;
// 16 Adam steps: float32 sums in another order differ in the last bits, and Adam divides by √v.
const trainingTolerance = 1e-5;

function maxAbsDifference(ours: number[][], theirs: number[][]): number {
  assert.equal(ours.length, theirs.length);
  let worst = 0;
  ours.forEach((row, i) => {
    assert.equal(row.length, theirs[i].length);
    row.forEach((value, j) => { worst = Math.max(worst, Math.abs(value - theirs[i][j])); });
  });
  return worst;
}

interface KerasAnswer { predictions: number[][]; attention_vec: number[][]; weights: number[][][] }

const batchSize = 64;
let model: tf.LayersModel;
let probe: ReturnType<typeof getData>;
let batches: { x: tf.Tensor; y: tf.Tensor }[];
let startingWeights: tf.Tensor[];
let keras: KerasAnswer;

// One Python process for both checks: importing TensorFlow alone takes seconds.
before(async () => {
  model = buildAttentionModel({ seed: 7 });
  // Trained a little first: fresh Glorot weights give outputs near 0.5 that hide small differences.
  const training = getData(2000, 4, 1, 5);
  await train(model, training, { epochs: 3, seed: 5 });
  training.dispose();
  probe = getData(256, 4, 1, 11);
  // 1000 samples in Keras's batches of 64, the last one short (40).
  const steps = getData(1000, 4, 1, 13);
  const sizes = Array.from({ length: Math.ceil(1000 / batchSize) }, (_, i) => Math.min(batchSize, 1000 - i * batchSize));
  const xs = tf.split(steps.x, sizes);
  const ys = tf.split(steps.y, sizes);
  batches = xs.map((x, i) => ({ x, y: ys[i] }));
  steps.dispose();
  startingWeights = model.getWeights().map((weight) => weight.clone());
  const request = {
    names: model.weights.map((weight) => weight.originalName),
    weights: startingWeights.map((weight) => weight.arraySync()),
    x: probe.x.arraySync(),
    batches: batches.map(({ x, y }) => ({ x: x.arraySync(), y: y.arraySync() })),
  };
  const run = spawnSync(jupyterPython(), [path.join(projectRoot, 'bench', 'keras_model.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
  assert.equal(run.status, 0, run.stderr);
  keras = JSON.parse(run.stdout) as KerasAnswer;
});

test('with the same weights, Keras gives the same predictions and attention_vec as our model', () => {
  const activations = getActivations(model, probe.x, { layerName: 'attention_vec' });
  const predictions = model.predict(probe.x) as tf.Tensor;
  const ours = {
    predictions: predictions.arraySync() as number[][],
    attention_vec: activations.attention_vec.arraySync() as number[][],
  };
  tf.dispose([predictions, activations.attention_vec]);

  for (const output of ['predictions', 'attention_vec'] as const) {
    const difference = maxAbsDifference(ours[output], keras[output]);
    assert.ok(difference <= tolerance, `${output} differ by up to ${difference}`);
  }
  // A model that ignored the weights would not agree this closely; still, make sure they are not trivial.
  assert.ok(new Set(ours.predictions.map((row) => row[0].toFixed(3))).size > 10, 'predictions are all alike');
});

test('our training steps (hand-derived gradients, Adam) move the weights as Keras\'s train_on_batch does', () => {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const { gradientsOf } = selectGradients(model);
  const optimizer = new Adam(variables);
  for (const { x, y } of batches) tf.tidy(() => optimizer.apply(gradientsOf(x, y).gradients));

  const trained = model.getWeights();
  let moved = 0;
  trained.forEach((weight, i) => {
    const ours = Array.from(weight.dataSync());
    const theirs = (keras.weights[i] as unknown as number[] | number[][]).flat();
    const before = startingWeights[i].dataSync();
    ours.forEach((value, j) => {
      assert.ok(Math.abs(value - theirs[j]) <= trainingTolerance,
        `${model.weights[i].originalName}[${j}]: ours ${value}, Keras ${theirs[j]}`);
      moved = Math.max(moved, Math.abs(value - before[j]));
    });
  });
  // 16 Adam steps of ~lr each: the weights must have moved far more than the tolerance.
  assert.ok(moved > 100 * trainingTolerance, `weights moved by at most ${moved}`);
});
