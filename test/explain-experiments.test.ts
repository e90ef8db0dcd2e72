/**
 * The experiments of the faithfulness notebook on small settings: interventions on the attention
 * (the hand-run network must equal the model), the two controls without learned attention, the data
 * with a distractor column, and the attention read after every epoch.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tf } from '../src/core/tf';
import { getActivations } from '../src/readout/activations';
import { getData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildNoAttentionModel, buildUniformAttentionModel } from '../src/models/dense/variants';
import { getDistractorData } from '../src/data/distractors';
import { compareWithoutAttention, epochsToTarget } from '../src/studies/faithfulness/ablation';
import { attentionWhileLearning } from '../src/studies/faithfulness/while-learning';
import { attentionInterventions, outputWithAttention } from '../src/studies/faithfulness/interventions';
import { train } from '../src/training/train';

const maxAbsDifference = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.reshape([-1]).sub(b.reshape([-1])).abs().max().dataSync()[0]);

describe('interventions on the attention', () => {
  test("the network run by hand with its own attention gives the model's output", async () => {
    const data = getData(300, 5, 2, 4);
    const model = buildAttentionModel({ inputDim: 5, seed: 4 });
    await train(model, data, { epochs: 2, seed: 4 });
    const attention = getActivations(model, data.x, { layerName: 'attention_vec' }).attention_vec as tf.Tensor2D;
    const byHand = outputWithAttention(model, data.x, attention);
    const predicted = model.predict(data.x) as tf.Tensor;
    assert.ok(maxAbsDifference(byHand, predicted) < 1e-6);
    tf.dispose([attention, byHand, predicted]);
    model.dispose();
    data.dispose();
  });

  test('uniform attention by hand equals the frozen-uniform control built with the same seed', () => {
    const x = tf.randomNormal([50, 4], 0, 1, 'float32', 7) as tf.Tensor2D;
    const model = buildAttentionModel({ inputDim: 4, seed: 9 });
    const uniform = buildUniformAttentionModel({ inputDim: 4, seed: 9 });
    // Frozen-uniform means both attentions uniform: zero the attention network's second scores too.
    const zeros = tf.zeros([16, 16]);
    model.getLayer('attention_scores1').setWeights([zeros]);
    const uniformAttention = tf.fill([50, 4], 0.25) as tf.Tensor2D;
    const byHand = outputWithAttention(model, x, uniformAttention);
    const control = uniform.predict(x) as tf.Tensor;
    assert.ok(maxAbsDifference(byHand, control) < 1e-6);
    tf.dispose([x, zeros, uniformAttention, byHand, control]);
    model.dispose();
    uniform.dispose();
  });

  test('each intervention is reported; the learned one changes nothing; no tensors are left', async () => {
    const data = getData(400, 4, 1, 11);
    const model = buildAttentionModel({ inputDim: 4, seed: 11 });
    await train(model, data, { epochs: 3, seed: 11 });
    const before = tf.memory().numTensors;
    const results = attentionInterventions(model, data.x, data.y, { seed: 3 });
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(results.map((r) => r.intervention), ['learned', 'uniform', 'another sample', 'permuted']);
    assert.deepEqual([results[0].meanAbsChange, results[0].flipped], [0, 0]);
    assert.ok(results.slice(1).every((r) => r.meanAbsChange > 0), 'every replacement moves the output');
    assert.deepEqual(attentionInterventions(model, data.x, data.y, { seed: 3 }), results, 'seeded');
    assert.throws(() => attentionInterventions(model, data.x, data.y, { kinds: ['random' as never] }), /RangeError: kinds must be among learned, uniform/);
    const halves = tf.fill(data.y.shape, 0.5);
    assert.throws(() => attentionInterventions(model, data.x, halves), /RangeError: y must hold the labels 0 and 1, got 0.5 in row 0/);
    halves.dispose();
    model.dispose();
    data.dispose();
  });
});

describe('controls without learned attention', () => {
  test('the frozen-uniform network spreads exactly 1/width and keeps its scores at zero through training', async () => {
    const data = getData(200, 4, 1, 5);
    const model = buildUniformAttentionModel({ inputDim: 4, seed: 5 });
    assert.equal(model.countParams(), 369);
    assert.equal(model.trainableWeights.length, 4); // hidden and output kernel and bias
    await train(model, data, { epochs: 2, seed: 5 });
    const attention = getActivations(model, data.x, { layerName: 'attention_vec' }).attention_vec;
    assert.ok(maxAbsDifference(attention, tf.fill(attention.shape, 0.25)) < 1e-7);
    const kernel = model.getLayer('attention_scores').getWeights()[0];
    assert.equal(tf.tidy(() => kernel.abs().max().dataSync()[0]), 0);
    tf.dispose([attention]);
    model.dispose();
    data.dispose();
  });

  test('the network without attention blocks has the hidden and output layers only', () => {
    const model = buildNoAttentionModel({ inputDim: 4, hidden: 16, seed: 1 });
    assert.deepEqual(model.layers.map((l) => l.name), ['inputs', 'hidden', 'output']);
    assert.equal(model.countParams(), 4 * 16 + 16 + 17);
    assert.throws(() => buildNoAttentionModel({ inputDim: 1 }), /RangeError: inputDim must be an integer >= 2, got 1/);
    model.dispose();
  });

  test('compareWithoutAttention trains the three networks on the same data and counts epochs to the target', async () => {
    const data = getData(400, 4, 1, 6);
    const before = tf.memory().numTensors;
    const runs = await compareWithoutAttention(data, { inputDim: 4, seed: 6, epochs: 2 });
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(runs.map((r) => [r.variant, r.parameters, r.history.val_acc.length]),
      [['learned attention', 369, 2], ['attention frozen to uniform', 369, 2], ['no attention blocks', 97, 2]]);
    assert.equal(epochsToTarget([0.5, 0.98, 0.99, 1], 0.99), 3);
    assert.equal(epochsToTarget([0.5, 0.6], 0.99), null);
    await assert.rejects(compareWithoutAttention(data, { inputDim: 4, seed: 6, target: 99 }), /RangeError: target must be a number in \[0, 1\], got 99/);
    data.dispose();
  });
});

describe('data with a distractor column', () => {
  test('an exact copy, or the label plus noise of the given size; the other columns do not depend on the noise', () => {
    const exact = getDistractorData(4000, 5, { attentionColumn: 1, distractorColumn: 3, noise: 0, seed: 8 });
    const noisy = getDistractorData(4000, 5, { attentionColumn: 1, distractorColumn: 3, noise: 0.5, seed: 8 });
    let squares = 0;
    for (let i = 0; i < 4000; i++) {
      const label = exact.yValues[i];
      assert.equal(exact.xValues[i * 5 + 1], label);
      assert.equal(exact.xValues[i * 5 + 3], label);
      squares += (noisy.xValues[i * 5 + 3] - label) ** 2;
      for (const j of [0, 2, 4]) assert.equal(noisy.xValues[i * 5 + j], exact.xValues[i * 5 + j]);
    }
    const std = Math.sqrt(squares / 4000);
    assert.ok(Math.abs(std - 0.5) < 0.03, `noise std ${std}`);
    exact.dispose();
    noisy.dispose();
  });

  test('bad settings are refused', () => {
    assert.throws(() => getDistractorData(10, 4, { attentionColumn: 1, distractorColumn: 1 }), /RangeError: distractorColumn must differ from attentionColumn \(1\), got 1/);
    assert.throws(() => getDistractorData(10, 4, { attentionColumn: 1, distractorColumn: 4 }), /RangeError: distractorColumn must be an integer in \[0, 3\], got 4/);
    assert.throws(() => getDistractorData(10, 4, { attentionColumn: 1, distractorColumn: 2, noise: -1 }), /RangeError: noise must be a number in \[0, Infinity\], got -1/);
  });
});

test("attention while learning: one point per epoch and seed, the label column's share and rank", async () => {
  const data = getData(500, 4, 2, 12);
  const test = getData(100, 4, 2, 13);
  const before = tf.memory().numTensors;
  const runs = await attentionWhileLearning(data, test, { inputDim: 4, attentionColumn: 2, seeds: [1, 2], epochs: 3 });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(runs.map((r) => [r.seed, r.points.map((p) => p.epoch)]), [[1, [1, 2, 3]], [2, [1, 2, 3]]]);
  for (const point of runs.flatMap((r) => r.points)) {
    assert.ok(point.share > 0 && point.share < 1 && point.rank >= 1 && point.rank <= 4 && point.valAcc >= 0 && point.valAcc <= 1);
  }
  // The last point is the trained model's attention, as attentionVector reads it.
  const model = buildAttentionModel({ inputDim: 4, seed: 1 });
  await train(model, data, { epochs: 3, seed: 1 });
  const attention = getActivations(model, test.x, { layerName: 'attention_vec' }).attention_vec;
  const share = tf.tidy(() => attention.mean(0).dataSync()[2]);
  assert.ok(Math.abs(runs[0].points[2].share - share) < 1e-6);
  await assert.rejects(attentionWhileLearning(data, test, { inputDim: 4, attentionColumn: 2, seeds: [] }), /RangeError: seeds must hold at least one seed/);
  await assert.rejects(attentionWhileLearning(data, test, { inputDim: 4, attentionColumn: 4, seeds: [1] }), /RangeError: attentionColumn must be an integer in \[0, 3\], got 4/);
  tf.dispose(attention);
  model.dispose();
  data.dispose();
  test.dispose();
});
