/**
 * The multi-head attention layer: a two-head case computed by hand, the same outputs and weights as
 * keras.layers.MultiHeadAttention (bench/keras_multihead_attention.py in .venv) with and without
 * the causal mask, save and load, bad input named, no tensor left behind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { getActivations } from '../../src/readout/activations';
import { multiHeadAttention, MultiHeadAttentionScores, type MultiHeadAttentionOptions } from '../../src/models/transformer/multihead-attention';
import { seededRandom } from '../../src/core/random';
import { tf } from '../../src/core/tf';
import { jupyterPython, projectRoot } from '../../runner/paths';

function attentionModel(steps: number, modelDim: number, options: MultiHeadAttentionOptions): tf.LayersModel {
  const input = tf.input({ shape: [steps, modelDim], name: 'tokens' });
  return tf.model({ inputs: input, outputs: multiHeadAttention(input, options) });
}

const flat = (values: unknown): number[] => (Array.isArray(values) ? values.flatMap(flat) : [values as number]);
const maxAbsDifference = (a: unknown, b: unknown): number => {
  const [x, y] = [flat(a), flat(b)];
  assert.equal(x.length, y.length, 'shapes differ');
  return Math.max(...x.map((value, i) => Math.abs(value - y[i])));
};

/** Output and per-head weights of `model` on x, as nested arrays; disposes what it made. */
function run(model: tf.LayersModel, x: tf.Tensor): { output: number[][][]; scores: number[][][][] } {
  const output = model.predict(x) as tf.Tensor;
  const { attention_scores: scores } = getActivations(model, x, { layerName: 'attention_scores' });
  const result = { output: output.arraySync() as number[][][], scores: scores.arraySync() as number[][][][] };
  tf.dispose([output, scores]);
  return result;
}

describe('multi-head attention', () => {
  it('gives the hand-computed outputs and weights of a two-head case, causal and not', () => {
    // Head h reads feature h for its query and key (key scaled by ln 3) and its value; the output puts head h in feature h.
    const model = attentionModel(2, 2, { heads: 2, keyDim: 1, seed: 1 });
    const a = Math.log(3);
    const eye = [[[1], [0]], [[0], [1]]]; // [model_dim, heads, 1]
    const named = {
      query_kernel: tf.tensor3d(eye), query_bias: tf.zeros([2, 1]),
      key_kernel: tf.tensor3d(eye).mul(a), key_bias: tf.zeros([2, 1]),
      value_kernel: tf.tensor3d(eye), value_bias: tf.zeros([2, 1]),
      output_kernel: tf.tensor3d([[[1, 0]], [[0, 1]]]), output_bias: tf.tensor1d([0.5, -1]),
    };
    model.weights.forEach((w) => assert.ok(w.originalName.split('/')[1] in named, `unexpected weight ${w.originalName}`));
    model.setWeights(model.weights.map((w) => named[w.originalName.split('/')[1] as keyof typeof named]));
    const x = tf.tensor3d([[[1, 0], [0, 1]]]);
    const plain = run(model, x);
    // Head 0: position 0 scores [ln 3, 0] → [3/4, 1/4]; position 1 has a zero query → [1/2, 1/2]. Head 1 mirrors it.
    assert.ok(maxAbsDifference(plain.scores, [[[[0.75, 0.25], [0.5, 0.5]], [[0.5, 0.5], [0.25, 0.75]]]]) < 1e-6);
    // Head 0's value is feature 0 ([1, 0] over positions), head 1's feature 1 ([0, 1]); plus the output bias.
    assert.ok(maxAbsDifference(plain.output, [[[0.75 + 0.5, 0.5 - 1], [0.5 + 0.5, 0.75 - 1]]]) < 1e-6);

    const causalModel = attentionModel(2, 2, { heads: 2, keyDim: 1, causal: true, seed: 1 });
    causalModel.setWeights(model.getWeights());
    const causal = run(causalModel, x);
    // Position 0 sees only itself; position 1 sees both, as before.
    assert.ok(maxAbsDifference(causal.scores, [[[[1, 0], [0.5, 0.5]], [[1, 0], [0.25, 0.75]]]]) < 1e-6);
    assert.ok(maxAbsDifference(causal.output, [[[1 + 0.5, 0 - 1], [0.5 + 0.5, 0.75 - 1]]]) < 1e-6);
    tf.dispose([...Object.values(named), x]);
    model.dispose();
    causalModel.dispose();
  });

  for (const causal of [false, true]) {
    it(`gives Keras's outputs and scores with the same weights (causal: ${causal})`, () => {
      const [steps, modelDim, heads, keyDim, valueDim] = [7, 6, 3, 4, 5];
      const model = attentionModel(steps, modelDim, { heads, keyDim, valueDim, causal, seed: 3 });
      const random = seededRandom(4);
      // Random biases too (they start at zero), and kernels large enough that the softmax is far from uniform.
      const weights = model.weights.map((w) => {
        const shape = w.shape as number[];
        return tf.tensor(Array.from({ length: shape.reduce((p, s) => p * s, 1) }, () => random.normal()), shape);
      });
      model.setWeights(weights);
      const x = tf.randomNormal([5, steps, modelDim], 0, 1, 'float32', 5);
      const request = {
        heads, key_dim: keyDim, value_dim: valueDim, causal, x: x.arraySync(),
        weights: Object.fromEntries(model.weights.map((w, i) => [w.originalName.split('/')[1], weights[i].arraySync()])),
      };
      const keras = spawnSync(jupyterPython(), [path.join(projectRoot, 'bench', 'keras_multihead_attention.py')], {
        input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
      });
      assert.equal(keras.status, 0, keras.stderr);
      const theirs = JSON.parse(keras.stdout) as { output: number[][][]; scores: number[][][][] };
      const ours = run(model, x);
      const outputDifference = maxAbsDifference(ours.output, theirs.output);
      const scoresDifference = maxAbsDifference(ours.scores, theirs.scores);
      assert.ok(outputDifference <= 1e-5, `outputs differ by up to ${outputDifference}`);
      assert.ok(scoresDifference <= 1e-5, `scores differ by up to ${scoresDifference}`);
      // Near-uniform weights would agree trivially.
      assert.ok(Math.max(...flat(ours.scores)) > 0.5, 'the attention is near uniform: the check would be weak');
      if (causal) assert.equal(ours.scores[0][0][0][1], 0, 'position 0 attends to position 1 under the causal mask');
      console.log(`Keras parity (causal ${causal}): output ${outputDifference.toExponential(2)}, scores ${scoresDifference.toExponential(2)}`);
      tf.dispose([...weights, x]);
      model.dispose();
    });
  }

  it('trains and saves its weights as the model\'s own (save / loadLayersModel round trip)', async () => {
    const model = attentionModel(5, 4, { heads: 2, keyDim: 3, causal: true, seed: 6 });
    assert.deepEqual(model.trainableWeights.map((w) => w.shape), [[4, 2, 3], [2, 3], [4, 2, 3], [2, 3], [4, 2, 3], [2, 3], [2, 3, 4], [4]]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-'));
    try {
      await model.save(`file://${dir}`);
      const loaded = await tf.loadLayersModel(`file://${dir}/model.json`);
      const scoresLayer = loaded.getLayer('attention_scores') as MultiHeadAttentionScores;
      assert.equal(scoresLayer.causal, true);
      assert.equal(scoresLayer.heads, 2);
      const x = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 7);
      const [before, after] = [run(model, x), run(loaded, x)];
      assert.equal(maxAbsDifference(before.output, after.output), 0);
      assert.equal(maxAbsDifference(before.scores, after.scores), 0);
      x.dispose();
      loaded.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      model.dispose();
    }
  });

  it('names the parameter of bad input', () => {
    const sequence = tf.input({ shape: [5, 4] });
    assert.throws(() => multiHeadAttention(tf.input({ shape: [4] }), { heads: 2, keyDim: 2 }), /query .* \(rank 3\), got rank 2/);
    assert.throws(() => multiHeadAttention(sequence, { heads: 0, keyDim: 2 }), /heads must be an integer >= 1, got 0/);
    assert.throws(() => multiHeadAttention(sequence, { heads: 2, keyDim: 1.5 }), /keyDim must be an integer >= 1, got 1.5/);
    assert.throws(() => multiHeadAttention(sequence, { heads: 2, keyDim: 2, valueDim: 0 }), /valueDim must be an integer >= 1, got 0/);
    assert.throws(() => multiHeadAttention(sequence, { heads: 2, keyDim: 2, seed: -1 }), /seed must be an integer/);
    assert.throws(() => multiHeadAttention(tf.input({ shape: [null, 4] }), { heads: 2, keyDim: 2 }), /known number of steps/);
    assert.throws(() => multiHeadAttention(sequence, { heads: 2, keyDim: 2 }, tf.input({ shape: [5, 3] })), /value .* must have the query's 4 features, got 3/);
  });

  it('leaves no tensor behind when run, read out and trained through the tape', () => {
    const model = attentionModel(6, 4, { heads: 2, keyDim: 2, causal: true, seed: 8 });
    const x = tf.randomNormal([2, 6, 4], 0, 1, 'float32', 9);
    run(model, x); // first call compiles the probe model
    const before = tf.memory().numTensors;
    run(model, x);
    const { grads, value } = tf.variableGrads(() => (model.apply(x) as tf.Tensor).square().mean() as tf.Scalar,
      model.trainableWeights.map((w) => w.read() as tf.Variable));
    tf.dispose([value, ...Object.values(grads)]);
    assert.equal(Object.keys(grads).length, 8, 'every weight gets a gradient');
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
    model.dispose();
  });
});
