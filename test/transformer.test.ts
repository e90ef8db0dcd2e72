/**
 * The Transformer builder, its forward pass with interventions, next-token training through
 * train(), and the study's ablations checked against an equivalent edit of the weights.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTokenTaskData } from '../src/data/token-tasks';
import { buildTransformer } from '../src/models/transformer/model';
import { transformerLogits } from '../src/models/transformer/forward';
import { readAttentionPatterns } from '../src/models/transformer/attention-patterns';
import { gradientTimesInput } from '../src/explain/token-attributions';
import { ablateHeads, replaceHeadPattern } from '../src/studies/transformer/interventions';
import { evaluate, train } from '../src/training/train';
import { tf } from '../src/core/tf';

const small = { vocabulary: 12, length: 10, layers: 2, heads: 2, width: 8 } as const;
const maxDifference = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);

describe('Transformer builder', () => {
  it('has embeddings, attention-only blocks and an unembedding, seeded', () => {
    const model = buildTransformer({ ...small, seed: 1 });
    const [v, t, w] = [12, 10, 8];
    // Embeddings, per block 4 kernels [w, heads, w/heads] + 3 biases [heads, w/heads] + output bias [w], unembedding.
    assert.equal(model.countParams(), v * w + t * w + 2 * (4 * w * w + 3 * w + w) + w * v + v);
    assert.ok(model.getLayer('block2_attention_scores'), 'the per-head weights are a named layer');
    const again = buildTransformer({ ...small, seed: 1 });
    const other = buildTransformer({ ...small, seed: 2 });
    const weights = (m: tf.LayersModel) => m.getWeights().flatMap((x) => Array.from(x.dataSync()));
    assert.deepEqual(weights(again), weights(model));
    assert.notDeepEqual(weights(other), weights(model));
    const withOptions = buildTransformer({ ...small, mlp: true, layerNorm: true, seed: 1 });
    assert.ok(withOptions.getLayer('block1_mlp_in') && withOptions.getLayer('final_norm'));
    for (const m of [model, again, other, withOptions]) m.dispose();
  });

  it('names bad settings', () => {
    assert.throws(() => buildTransformer({ ...small, width: 10, heads: 3 }), /width must be a multiple of heads .* got width 10 and heads 3/);
    assert.throws(() => buildTransformer({ ...small, vocabulary: 1 }), /vocabulary must be an integer >= 2, got 1/);
    assert.throws(() => buildTransformer({ ...small, layers: 0 }), /layers must be an integer >= 1, got 0/);
    assert.throws(() => buildTransformer({ ...small, mlp: 'yes' as never }), /mlp must be true or false/);
  });

  for (const options of [{}, { mlp: true, layerNorm: true }]) {
    it(`runs layer by layer as model.predict does ${JSON.stringify(options)}`, () => {
      const model = buildTransformer({ ...small, ...options, seed: 3 });
      const data = getTokenTaskData({ task: 'repeat', n: 6, length: 10, vocabulary: 12, seed: 3 });
      const before = tf.memory().numTensors;
      const predicted = model.predict(data.x) as tf.Tensor;
      const stepped = transformerLogits(model, data.x);
      assert.ok(maxDifference(predicted, stepped) < 1e-5);
      tf.dispose([predicted, stepped]);
      assert.equal(tf.memory().numTensors, before);
      data.dispose();
      model.dispose();
    });
  }
});

describe('next-token training', () => {
  it('trains with softmax cross-entropy at every position and reports accuracy per position', async () => {
    const model = buildTransformer({ ...small, seed: 4 });
    const data = getTokenTaskData({ task: 'repeat', n: 64, length: 10, vocabulary: 12, seed: 4 });
    const before = tf.memory().numTensors;
    const history = await train(model, data, { epochs: 3, batchSize: 16, learningRate: 0.01, seed: 4, validationSplit: 0.25 });
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    assert.equal(history.route.name, 'Transformer (attention-only), by hand');
    assert.ok(history.loss[2] < history.loss[0], `the loss fell: ${history.loss.join(', ')}`);
    assert.equal(history.position_acc?.length, 10);
    assert.equal(history.val_position_acc?.length, 10);
    // The validation figures are evaluate()'s on the last quarter.
    const [x, y] = [data.x.slice(48), data.y.slice(48)];
    const held = evaluate(model, x, y);
    assert.ok(Math.abs(held.loss - history.val_loss[2]) < 1e-5);
    assert.deepEqual(held.positionAcc, history.val_position_acc);
    tf.dispose([x, y]);
    data.dispose();
    model.dispose();
  });

  it('scores only the positions the mask selects', () => {
    const model = buildTransformer({ ...small, seed: 5 });
    const data = getTokenTaskData({ task: 'recall', n: 8, length: 10, vocabulary: 12, seed: 5 });
    const scores = evaluate(model, data.x, data.y, data.mask);
    assert.deepEqual(scores.positionAcc?.slice(0, 9).map(Number.isNaN), Array(9).fill(true), 'unselected positions have no accuracy');
    data.dispose();
    model.dispose();
  });

  it('refuses token ids outside the vocabulary and mismatched shapes before anything runs, naming the argument', async () => {
    const model = buildTransformer({ ...small, seed: 6 });
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    const ok = tf.zeros([4, 10], 'int32');
    const bad = tf.tensor2d([[0, 1, 2, 3, 4, 5, 6, 7, 8, 12]], [1, 10], 'int32').tile([4, 1]);
    await assert.rejects(train(model, { x: bad, y: ok }, { epochs: 1 }), /data\.x: token ids must be integers in \[0, 11\] \(the vocabulary\), got 12 at sequence 0, position 9/);
    await assert.rejects(train(model, { x: ok, y: bad }, { epochs: 1 }), /data\.y: token ids must be integers in \[0, 11\]/);
    await assert.rejects(train(model, { x: tf.zeros([4, 9], 'int32'), y: ok }, { epochs: 1 }), /data\.x must hold token ids of shape \[n, 10\]/);
    await assert.rejects(train(model, { x: ok, y: tf.zeros([4, 9], 'int32') }, { epochs: 1 }), /data\.y must have the shape of data\.x, \[4, 10\], got \[4, 9\]/);
    await assert.rejects(train(model, { x: ok, y: ok, mask: tf.fill([4, 10], 2) }, { epochs: 1 }), /data\.mask must hold 0 and 1, got 2/);
    await assert.rejects(train(model, { x: ok, y: ok, mask: tf.zeros([4, 10]) }, { epochs: 1 }), /data\.mask selects no position/);
    assert.deepEqual(model.getWeights().map((w) => Array.from(w.dataSync())), weights, 'nothing was trained');
    model.dispose();
  });
});

describe('interventions', () => {
  it('zero ablation of a head is the model with that head\'s slice of the output kernel zeroed', () => {
    const model = buildTransformer({ ...small, seed: 7 });
    const edited = buildTransformer({ ...small, seed: 7 });
    const data = getTokenTaskData({ task: 'repeat', n: 32, length: 10, vocabulary: 12, seed: 7 });
    const kernel = edited.getLayer('block2_attention').getWeights();
    const outputKernel = kernel[2]; // [heads, valueDim, width]
    const zeroed = tf.tidy(() => tf.concat([outputKernel.slice([0, 0, 0], [1, -1, -1]), tf.zerosLike(outputKernel.slice([1, 0, 0], [1, -1, -1]))], 0));
    edited.getLayer('block2_attention').setWeights([kernel[0], kernel[1], zeroed, kernel[3]]);
    const study = ablateHeads(model, data, 'zero');
    const ablated = study.heads.find((h) => h.layer === 1 && h.head === 1);
    assert.deepEqual(ablated?.scores, ablateHeads(edited, data, 'zero').intact);
    assert.equal(study.heads.length, 4);
    assert.throws(() => ablateHeads(model, data, 'resample' as never), /ablation kind must be one of "zero", "mean", got "resample"/);
    zeroed.dispose();
    data.dispose();
    model.dispose();
    edited.dispose();
  });

  it('replaces a head\'s pattern by another sequence\'s (no change when every sequence is the same) or a uniform one', () => {
    const model = buildTransformer({ ...small, seed: 8 });
    const data = getTokenTaskData({ task: 'repeat', n: 1, length: 10, vocabulary: 12, seed: 8 });
    const x = data.x.tile([4, 1]);
    const y = data.y.tile([4, 1]);
    const repeated = { x, y, inContext: new Uint8Array(40).map((_, i) => data.inContext[i % 10]), firstOccurrence: new Uint8Array(40).map((_, i) => data.firstOccurrence[i % 10]) };
    const before = tf.memory().numTensors;
    const same = replaceHeadPattern(model, repeated, { layer: 1, head: 0 }, 'other sequence');
    assert.equal(same.accuracyDrop, 0);
    const uniform = replaceHeadPattern(model, repeated, { layer: 0, head: 1 }, 'uniform');
    assert.ok(Number.isFinite(uniform.scores.loss));
    assert.equal(tf.memory().numTensors, before);
    assert.throws(() => replaceHeadPattern(model, repeated, { layer: 2, head: 0 }, 'uniform'), /layer must be an integer in \[0, 1\], got 2/);
    tf.dispose([x, y]);
    data.dispose();
    model.dispose();
  });

  it('gradient × input over tokens: one distribution per prediction over the visible tokens, no leaks', () => {
    const model = buildTransformer({ ...small, seed: 9 });
    const data = getTokenTaskData({ task: 'repeat', n: 3, length: 10, vocabulary: 12, seed: 9 });
    const before = tf.memory().numTensors;
    const attribution = gradientTimesInput(model, data.x, data.y);
    assert.equal(tf.memory().numTensors, before);
    for (let row = 0; row < 30; row++) {
      const values = attribution.values.subarray(row * 10, (row + 1) * 10);
      assert.ok(Math.abs(values.reduce((s, v) => s + v, 0) - 1) < 1e-5);
      // Causal: a prediction at position t depends on no later token.
      assert.ok(values.slice((row % 10) + 1).every((v) => v === 0), `row ${row} reaches later tokens`);
    }
    assert.equal(readAttentionPatterns(model, data.x).length, 2);
    data.dispose();
    model.dispose();
  });
});
