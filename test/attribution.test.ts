/**
 * Each attribution method on cases that can be checked by hand: a linear model (where gradient ×
 * input and integrated gradients from a zero baseline are exact), a model that reads one column
 * only (occlusion and permutation must credit that column alone), tfjs's gradients against finite
 * differences on the real attention network, and the scores against the truth and each other.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tf } from '../src/core/tf';
import { getActivations } from '../src/readout/activations';
import { getData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { attentionAttribution } from '../src/explain/attention-attribution';
import type { Attribution } from '../src/explain/attribution';
import { compareAttributions } from '../src/explain/compare-methods';
import { gradientTimesInput, integratedGradients, saliency } from '../src/explain/gradient-attributions';
import { occlusion, permutationImportance } from '../src/explain/perturbation-attributions';
import { kendallTau, labelRanking, meanKendallTau } from '../src/explain/ranking';

const xRows = [[1, -2, 0.5], [0.3, 0.7, -1.5], [-0.2, 1.1, 2]];
const weights = [0.5, -1, 2];
const bias = 0.25;
/** p(x) = x·w + b: its gradient is w everywhere. */
const linear = (x: tf.Tensor2D) => x.matMul(tf.tensor2d(weights, [3, 1])).add(bias);

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('gradient methods on a linear model', () => {
  test('saliency is |w| and gradient × input is w ⊙ x, for every sample', () => {
    const x = tf.tensor2d(xRows);
    assertClose(saliency(linear, x).values!, xRows.flatMap(() => weights.map(Math.abs)), 1e-6, 'saliency');
    const gxi = gradientTimesInput(linear, x);
    assertClose(gxi.values!, xRows.flatMap((row) => row.map((v, j) => v * weights[j])), 1e-6, 'gradient × input');
    assert.equal(gxi.signed, true);
    assertClose(gxi.mean, weights.map((w, j) => xRows.reduce((s, row) => s + Math.abs(w * row[j]), 0) / 3), 1e-6, 'mean |g × x|');
    x.dispose();
  });

  test('integrated gradients are exact from any baseline, with any step count, and complete', () => {
    const x = tf.tensor2d(xRows);
    for (const steps of [1, 7]) {
      const zero = integratedGradients(linear, x, { steps });
      assertClose(zero.attribution.values!, xRows.flatMap((row) => row.map((v, j) => v * weights[j])), 1e-5, `IG, ${steps} steps`);
      assert.ok(zero.completeness.maxAbsGap < 1e-5, `gap ${zero.completeness.maxAbsGap}`);
    }
    const means = weights.map((_, j) => xRows.reduce((s, row) => s + row[j], 0) / 3);
    const fromMean = integratedGradients(linear, x, { baseline: 'mean', steps: 3 });
    assertClose(fromMean.baseline, means, 1e-6, 'mean baseline');
    assertClose(fromMean.attribution.values!, xRows.flatMap((row) => row.map((v, j) => (v - means[j]) * weights[j])), 1e-5, 'IG from the mean');
    const given = integratedGradients(linear, x, { baseline: [1, 1, 1], steps: 2 });
    assertClose(given.attribution.values!, xRows.flatMap((row) => row.map((v, j) => (v - 1) * weights[j])), 1e-5, 'IG from ones');
    x.dispose();
  });

  test('integrated gradients use the midpoint rule: exact for a quadratic, whose path gradient is linear', () => {
    // p(x) = Σ x²: the gradient along the path from 0 is 2αx, so IG_j = x_j² exactly at the midpoints.
    const x = tf.tensor2d(xRows);
    const result = integratedGradients((inputs: tf.Tensor2D) => inputs.square().sum(1), x, { steps: 1 });
    assertClose(result.attribution.values!, xRows.flat().map((v) => v * v), 1e-5, 'IG of Σ x²');
    x.dispose();
  });

  test('bad settings get a RangeError naming the parameter', () => {
    const x = tf.tensor2d(xRows);
    assert.throws(() => integratedGradients(linear, x, { steps: 0 }), /RangeError: steps must be an integer in \[1, 100000\], got 0/);
    assert.throws(() => integratedGradients(linear, x, { baseline: [0, 0] }), /RangeError: baseline must be 'zero', 'mean' or 3 finite numbers/);
    const flat = tf.tensor1d([1, 2, 3]);
    assert.throws(() => saliency(linear, flat), /RangeError: x must be a 2-D tensor/);
    assert.throws(() => permutationImportance(linear, x, tf.tensor1d([1, 0]), {}), /RangeError: y must hold one label per sample \(3\)/);
    assert.throws(() => permutationImportance(linear, x, tf.tensor1d([1, 0, 2]), {}), /RangeError: y must hold the labels 0 and 1, got 2 in row 2/);
    assert.throws(() => permutationImportance(linear, x, tf.tensor1d([1, 0, 1]), { repeats: 0 }), /RangeError: repeats must be an integer >= 1, got 0/);
    tf.dispose([x, flat]);
  });
});

test("tfjs's gradients of the attention network match central finite differences", () => {
  const model = buildAttentionModel({ inputDim: 4, seed: 3 });
  const rows = [[0.3, -1.2, 0.8, 1.5], [-0.7, 0.4, -0.1, 0.9]];
  const x = tf.tensor2d(rows);
  const gradient = gradientTimesInput(model, x).values!.map((gx, k) => gx / rows.flat()[k]);
  const step = 1e-2;
  const p = (values: number[][]) => tf.tidy(() => Array.from((model.predict(tf.tensor2d(values)) as tf.Tensor).dataSync()));
  const finite = rows.flatMap((row, i) => row.map((_, j) => {
    const shifted = (delta: number) => rows.map((r, k) => r.map((v, c) => (k === i && c === j ? v + delta : v)));
    return (p(shifted(step))[i] - p(shifted(-step))[i]) / (2 * step);
  }));
  assertClose(gradient, finite, 2e-4, '∂p/∂x');
  assertClose(saliency(model, x).values!, finite.map(Math.abs), 2e-4, '|∂p/∂x|');
  // Completeness on a non-linear network: the gap shrinks with the step count.
  const coarse = integratedGradients(model, x, { steps: 2 }).completeness.meanAbsGap;
  const fine = integratedGradients(model, x, { steps: 200 }).completeness.meanAbsGap;
  assert.ok(fine < 1e-4 && fine <= coarse, `gaps ${coarse} (2 steps) and ${fine} (200 steps)`);
  x.dispose();
  model.dispose();
});

describe('perturbation methods on a model that reads only column 2', () => {
  const onlyColumn2 = (x: tf.Tensor2D) => x.slice([0, 2], [-1, 1]).mul(3).sigmoid();
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

  test('occlusion credits column 2 alone, by p(x) − p(x with x2 at its mean)', () => {
    const x = tf.tensor2d(xRows);
    const result = occlusion(onlyColumn2, x);
    const mean2 = (0.5 - 1.5 + 2) / 3;
    const expected = xRows.flatMap((row) => [0, 0, sigmoid(3 * row[2]) - sigmoid(3 * mean2)]);
    assertClose(result.values!, expected, 1e-6, 'occlusion');
    x.dispose();
  });

  test('permutation importance: no drop for the ignored columns, a drop for column 2', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3), Math.sin(i * 0.7 + 1)]);
    const x = tf.tensor2d(rows);
    const y = tf.tensor1d(rows.map((row) => (row[2] > 0 ? 1 : 0)));
    const result = permutationImportance(onlyColumn2, x, y, { repeats: 3, seed: 5 });
    assert.deepEqual(result.mean.slice(0, 2), [0, 0]);
    assert.ok(result.mean[2] > 0.3, `drop ${result.mean[2]}`);
    assert.equal(result.values, undefined);
    assert.deepEqual(permutationImportance(onlyColumn2, x, y, { repeats: 3, seed: 5 }).mean, result.mean, 'seeded');
    tf.dispose([x, y]);
  });
});

test("the attention attribution is each sample's attention_vec", () => {
  const model = buildAttentionModel({ inputDim: 3, seed: 1 });
  const x = tf.tensor2d(xRows);
  const expected = getActivations(model, x, { layerName: 'attention_vec' }).attention_vec;
  const result = attentionAttribution(model, x);
  assertClose(result.values!, expected.dataSync(), 0, 'attention');
  assert.throws(() => attentionAttribution(model, x, 'attention_vec1'), /RangeError: layer attention_vec1 must give one weight per input column/);
  tf.dispose([x, expected]);
  model.dispose();
});

describe('scores against the truth and between methods', () => {
  const attribution = (values: number[][], signed = false): Attribution => {
    const flat = Float32Array.from(values.flat());
    const columns = values[0].length;
    const mean = Array.from({ length: columns }, (_, j) => values.reduce((s, row) => s + (signed ? Math.abs(row[j]) : row[j]), 0) / values.length);
    return { method: 'saliency', samples: values.length, columns, values: flat, signed, mean, std: mean.map(() => 0) };
  };

  test('labelRanking counts strict firsts per sample, ranks by mean, and uses magnitudes of signed values', () => {
    const ranking = labelRanking(attribution([[0.1, 0.6, 0.3], [0.5, 0.4, 0.1], [0.2, 0.4, 0.4]]), 1);
    assert.equal(ranking.firstPerSample, 1 / 3); // a tie (sample 3) is not a first
    assert.equal(ranking.firstOnAverage, true);
    assert.equal(ranking.rankOnAverage, 1);
    assert.ok(Math.abs(ranking.share - 1.4 / 3) < 1e-6);
    assert.equal(labelRanking(attribution([[0.1, -0.9, 0.3]], true), 1).firstPerSample, 1);
    assert.throws(() => labelRanking(attribution([[1, 2]]), 2), /RangeError: column must be an integer in \[0, 1\], got 2/);
  });

  test("Kendall's τ-b: agreement, reversal, and ties", () => {
    assert.equal(kendallTau([1, 2, 3], [10, 20, 30]), 1);
    assert.equal(kendallTau([1, 2, 3], [3, 2, 1]), -1);
    // 5 concordant pairs, one tie in a only: 5 / sqrt(6 · 5) (scipy.stats.kendalltau gives 0.9128709).
    assert.ok(Math.abs(kendallTau([1, 2, 2, 3], [1, 2, 3, 4]) - 5 / Math.sqrt(30)) < 1e-12);
    assert.ok(Number.isNaN(kendallTau([1, 1, 1], [1, 2, 3])));
    assert.throws(() => kendallTau([1, 2], [1]), /RangeError/);
  });

  test('meanKendallTau averages per sample; a data-set-level method lends its one ranking to every sample', () => {
    const a = attribution([[1, 2, 3], [3, 2, 1]]);
    assert.equal(meanKendallTau(a, attribution([[1, 2, 3], [1, 2, 3]])), 0);
    const setLevel: Attribution = { method: 'permutation', samples: 2, columns: 3, signed: false, mean: [1, 2, 3], std: [0, 0, 0] };
    assert.equal(meanKendallTau(a, setLevel), 0);
    assert.equal(meanKendallTau(setLevel, setLevel), 1);
  });
});

test("the comparison counts the samples whose label column sits at 0 or at the baseline", () => {
  const model = buildAttentionModel({ inputDim: 4, seed: 2 });
  const data = getData(300, 4, 1, 21);
  const zeros = Array.from(data.yValues).filter((label) => label === 0).length / 300;
  const fromZero = compareAttributions(model, data.x, data.y, 1, { steps: 4, repeats: 1 });
  assert.ok(Math.abs(fromZero.labelColumnAtZero - zeros) < 1e-6 && Math.abs(fromZero.labelColumnAtBaseline - zeros) < 1e-6);
  const fromMean = compareAttributions(model, data.x, data.y, 1, { steps: 4, repeats: 1, baseline: 'mean' });
  assert.equal(fromMean.labelColumnAtBaseline, 0);
  // With a zero baseline a label-0 sample's label column gets exactly 0 from gradient × input and integrated gradients.
  for (const method of fromZero.methods.slice(2, 4)) {
    assert.ok(Array.from(data.yValues).every((label, i) => label !== 0 || method.values![i * 4 + 1] === 0), method.method);
  }
  data.dispose();
  model.dispose();
});

test('comparing all six methods leaves no tensor behind and checks its column', () => {
  const model = buildAttentionModel({ inputDim: 4, seed: 2 });
  const x = tf.randomNormal([64, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
  const y = tf.randomUniform([64, 1], 0, 2, 'int32', 2).cast('float32');
  const before = tf.memory().numTensors;
  for (let repetition = 0; repetition < 3; repetition++) {
    const comparison = compareAttributions(model, x, y, 1, { steps: 8, repeats: 2 });
    assert.deepEqual(comparison.methods.map((m) => m.method),
      ['attention', 'saliency', 'gradient × input', 'integrated gradients', 'occlusion', 'permutation']);
    assert.equal(comparison.tau.length, 6);
    assert.ok(comparison.tau.every((row, i) => row[i] === 1 && row.every((t) => t >= -1 && t <= 1)));
  }
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => compareAttributions(model, x, y, 4), /RangeError: attentionColumn must be an integer in \[0, 3\], got 4/);
  tf.dispose([x, y]);
  model.dispose();
});
