/**
 * The fast gradient route is never silently wrong: for every variant of the dense network, either
 * the route is refused (the tape runs) or its gradients equal the tape's. A variant that fools the
 * route's own description of the network is caught by the first-batch check.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tf } from '../src/core/tf';
import { getData } from '../src/data/synthetic';
import { denseAttentionRoute } from '../src/models/dense/backprop';
import { buildAttentionModel } from '../src/models/dense/model';
import { attachGradientRoute, routeTolerance, selectGradients, tapeRouteName } from '../src/training/gradient-routes';
import { tapeGradients } from '../src/training/tape-gradients';
import { train } from '../src/training/train';

type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid';

interface Variant {
  scoresActivation?: Activation;
  hiddenActivation?: Activation;
  hiddenFrom?: 'attended' | 'inputs';
  combine?: 'multiply' | 'add';
  /** Move the bias from `hidden` to `attention_scores` (still six trainable weights). */
  biasOnScores?: boolean;
  hidden?: number;
}

/** The dense attention network with the same layer names, changed as a user tinkering with it might. */
function variantModel(variant: Variant, inputDim = 4): tf.LayersModel {
  const { scoresActivation = 'linear', hiddenActivation = 'linear', hiddenFrom = 'attended', combine = 'multiply', biasOnScores = false, hidden = 16 } = variant;
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const merge = (name: string) => (combine === 'multiply' ? tf.layers.multiply({ name }) : tf.layers.add({ name }));
  const inputs = tf.input({ shape: [inputDim], name: 'inputs' });
  const scores = tf.layers.dense({ name: 'attention_scores', units: inputDim, useBias: biasOnScores, activation: scoresActivation, kernelInitializer: init(1) }).apply(inputs) as tf.SymbolicTensor;
  const attention = tf.layers.activation({ activation: 'softmax', name: 'attention_vec' }).apply(scores) as tf.SymbolicTensor;
  const attended = merge('attention_mul').apply([inputs, attention]) as tf.SymbolicTensor;
  const features = tf.layers.dense({ name: 'hidden', units: hidden, useBias: !biasOnScores, activation: hiddenActivation, kernelInitializer: init(2) })
    .apply(hiddenFrom === 'attended' ? attended : inputs) as tf.SymbolicTensor;
  const scores1 = tf.layers.dense({ name: 'attention_scores1', units: hidden, useBias: false, kernelInitializer: init(3) }).apply(features) as tf.SymbolicTensor;
  const attention1 = tf.layers.activation({ activation: 'softmax', name: 'attention_vec1' }).apply(scores1) as tf.SymbolicTensor;
  const attended1 = tf.layers.multiply({ name: 'attention_mul1' }).apply([features, attention1]) as tf.SymbolicTensor;
  const output = tf.layers.dense({ name: 'output', units: 1, activation: 'sigmoid', kernelInitializer: init(4) }).apply(attended1) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs: output });
  // As if buildAttentionModel had been edited to build this network and still attached the route.
  attachGradientRoute(model, denseAttentionRoute);
  return model;
}

/** The first batch through selectGradients next to the tape's: the route taken and the largest difference. */
function firstBatch(model: tf.LayersModel, inputDim = 4) {
  const data = getData(64, inputDim, 1, 5);
  const selected = selectGradients(model);
  const before = tf.memory().numTensors;
  const [chosen, tape] = tf.tidy(() => [selected.gradientsOf(data.x, data.y), tapeGradients(model)(data.x, data.y)]
    .map(({ probabilities, gradients }) => [probabilities, ...gradients].map((t) => Array.from(t.dataSync()))));
  assert.equal(tf.memory().numTensors, before, 'the check leaves no tensors behind');
  let largest = 0;
  chosen.forEach((values, i) => values.forEach((value, j) => { largest = Math.max(largest, Math.abs(value - tape[i][j])); }));
  data.dispose();
  return { report: selected.report(), largest };
}

const variants: Array<[string, Variant]> = [
  ['relu on hidden', { hiddenActivation: 'relu' }],
  ['tanh on hidden', { hiddenActivation: 'tanh' }],
  ['tanh on attention_scores before the softmax', { scoresActivation: 'tanh' }],
  ['hidden fed from the inputs, not the attended inputs', { hiddenFrom: 'inputs' }],
  ['Add instead of Multiply', { combine: 'add' }],
  ['the bias moved from hidden to attention_scores', { biasOnScores: true }],
  ['the original network, 8 hidden units', { hidden: 8 }],
  ['the original network', {}],
];

describe('every variant: the fast route is refused, or its gradients equal the tape\'s', () => {
  for (const [name, variant] of variants) {
    test(name, () => {
      const model = variantModel(variant);
      const { report, largest } = firstBatch(model);
      if (report.name === tapeRouteName) {
        assert.ok(report.fallback, 'a refusal says why');
      } else {
        assert.equal(report.name, denseAttentionRoute.name);
        assert.equal(report.check?.agreed, true);
        assert.ok(largest <= 1e-5, `fast route taken with a difference of ${largest}`);
      }
      // Only the unchanged network may keep the fast route.
      assert.equal(report.name === denseAttentionRoute.name, variant.scoresActivation === undefined && variant.hiddenActivation === undefined
        && variant.hiddenFrom === undefined && variant.combine === undefined && variant.biasOnScores === undefined, report.fallback);
      model.dispose();
    });
  }

  test('a layer frozen after building', () => {
    const model = buildAttentionModel({ seed: 1 });
    model.getLayer('hidden').trainable = false;
    const { report } = firstBatch(model);
    assert.equal(report.name, tapeRouteName);
    assert.match(report.fallback ?? '', /does not fit this model/);
    model.dispose();
  });

  test('a layer whose computation changed behind an unchanged configuration is caught by the first-batch check', () => {
    const model = buildAttentionModel({ seed: 1 });
    const hidden = model.getLayer('hidden');
    const call = hidden.call.bind(hidden);
    // What the route's description of the network cannot see: the layer now squashes its output.
    hidden.call = (inputs, kwargs) => tf.tidy(() => tf.tanh(call(inputs, kwargs) as tf.Tensor));
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
    try {
      const { report, largest } = firstBatch(model);
      assert.equal(report.name, tapeRouteName);
      assert.equal(report.check?.agreed, false);
      assert.ok((report.check?.maxDifference ?? 0) > routeTolerance.absolute, `difference ${report.check?.maxDifference}`);
      assert.equal(largest, 0, 'the step used the tape\'s gradients');
      assert.match(String(warnings[0]), /differ from tfjs's tape by up to .* Training goes on through the tape/);
    } finally {
      console.warn = warn;
    }
    model.dispose();
  });
});

describe('train() reports the route it took', () => {
  test('the dense network: by hand, checked against the tape on the first batch', async () => {
    const model = buildAttentionModel({ seed: 3 });
    const data = getData(512, 4, 1, 3);
    const history = await train(model, data, { epochs: 1, seed: 3 });
    assert.equal(history.route.name, 'dense attention, by hand');
    assert.equal(history.route.check?.agreed, true);
    assert.ok((history.route.check?.maxDifference ?? 1) < 1e-6);
    model.dispose();
    data.dispose();
  });

  test('gradients: "tape" forces the tape, and the two routes train to the same weights', async () => {
    const runs = await Promise.all((['auto', 'tape'] as const).map(async (gradients) => {
      const model = buildAttentionModel({ seed: 4 });
      const data = getData(512, 4, 1, 4);
      const history = await train(model, data, { epochs: 2, seed: 4, gradients });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      data.dispose();
      return { history, weights };
    }));
    assert.equal(runs[0].history.route.name, 'dense attention, by hand');
    assert.equal(runs[1].history.route.name, tapeRouteName);
    assert.match(runs[1].history.route.fallback ?? '', /the tape was asked for/);
    runs[0].weights.forEach((values, i) => values.forEach((value, j) =>
      assert.ok(Math.abs(value - runs[1].weights[i][j]) < 1e-4, `weight ${i}[${j}]: ${value} vs ${runs[1].weights[i][j]}`)));
  });
});
