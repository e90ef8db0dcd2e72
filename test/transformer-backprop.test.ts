/**
 * The attention-only Transformer's hand-derived route (src/models/transformer/backprop.ts) against
 * tfjs's tape on next-token cross-entropy; the variants it must refuse (MLP, LayerNorm, a frozen
 * or rewired layer) are refused and train on the tape, and train() takes it, checked on the first batch.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tf } from '../src/core/tf';
import { getTokenTaskData } from '../src/data/token-tasks';
import { transformerBackprop } from '../src/models/transformer/backprop';
import { buildTransformer, type TransformerOptions } from '../src/models/transformer/model';
import { blockLayerNames, recordTransformerSpec, transformerSpec } from '../src/models/transformer/spec';
import { routeTolerance, selectGradients, tapeRouteName } from '../src/training/gradient-routes';
import { objectiveOf } from '../src/training/objectives';
import { train } from '../src/training/train';
import { assertAgreesWithTape } from './helpers/tape-agreement';

/** Tensor handles the native binding holds: the raw ops must not leave any behind either. */
const nativeHandles = () => (tf.backend() as unknown as { binding: { getNumOfTensors(): number } }).binding.getNumOfTensors();

const shapes: (TransformerOptions & { batch: number; task: 'repeat' | 'recall'; shortestSegment: number })[] = [
  { vocabulary: 28, length: 32, layers: 2, heads: 2, width: 32, embeddingStd: 0.5, batch: 16, task: 'repeat', shortestSegment: 10 }, // the notebook's
  { vocabulary: 11, length: 9, layers: 3, heads: 4, width: 12, batch: 5, task: 'recall', shortestSegment: 4 }, // a mask that selects one position
  { vocabulary: 7, length: 8, layers: 1, heads: 1, width: 5, batch: 3, task: 'repeat', shortestSegment: 4 },
];

// Logits are not bounded as the other routes' probabilities are: float32 rounding in another
// summation order (batched per-head products against the layers' 2-D ones) grows with them.
const tolerance = 1e-5;

describe('the Transformer route', () => {
  for (const { batch, task, shortestSegment, ...options } of shapes) {
    test(`its logits and gradients equal tfjs's tape: ${options.layers} layers, ${options.heads} heads, width ${options.width}, ${task}`, () => {
      const model = buildTransformer({ ...options, seed: 7 });
      const data = getTokenTaskData({ task, n: batch, length: options.length, vocabulary: options.vocabulary, shortestSegment, seed: 8 });
      const objective = objectiveOf(model);
      const labels = objective.labels(model, data);
      assertAgreesWithTape(model, transformerBackprop, { x: data.x, y: labels }, tolerance, objective.loss);
      const handles = nativeHandles();
      tf.tidy(() => { transformerBackprop(model)?.(data.x, labels); });
      assert.equal(nativeHandles(), handles, 'no native tensor handles left behind');
      tf.dispose(labels);
      data.dispose();
      model.dispose();
    });
  }

  test('train() takes the route buildTransformer attached, checked against the tape on the first batch, and leaks nothing', async () => {
    const model = buildTransformer({ vocabulary: 12, length: 10, layers: 2, heads: 2, width: 8, seed: 4 });
    const data = getTokenTaskData({ task: 'repeat', n: 64, length: 10, vocabulary: 12, seed: 4 });
    const before = tf.memory().numTensors;
    const history = await train(model, data, { epochs: 2, batchSize: 16, learningRate: 0.01, seed: 4 });
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    assert.equal(history.route.name, 'Transformer (attention-only), by hand');
    assert.equal(history.route.check?.agreed, true);
    assert.ok((history.route.check?.maxDifference ?? 1) <= routeTolerance.absolute + routeTolerance.relative, `difference ${history.route.check?.maxDifference}`);
    data.dispose();
    model.dispose();
  });
});

describe('what the route was not written for trains on the tape', () => {
  const small = { vocabulary: 12, length: 10, layers: 2, heads: 2, width: 8, seed: 1 };
  const refused = (model: tf.LayersModel) => {
    assert.equal(transformerBackprop(model), undefined);
    const report = selectGradients(model).report();
    assert.equal(report.name, tapeRouteName);
    assert.match(report.fallback ?? '', /does not fit this model/);
  };
  for (const variant of [{ mlp: true }, { layerNorm: true }, { mlp: true, layerNorm: true }]) {
    test(`${JSON.stringify(variant)} is refused, and train() reports the tape`, async () => {
      const model = buildTransformer({ ...small, ...variant });
      refused(model);
      const data = getTokenTaskData({ task: 'repeat', n: 16, length: 10, vocabulary: 12, seed: 2 });
      const history = await train(model, data, { epochs: 1, batchSize: 8, seed: 2 });
      assert.equal(history.route.name, tapeRouteName);
      assert.match(history.route.fallback ?? '', /Transformer \(attention-only\), by hand does not fit this model/);
      data.dispose();
      model.dispose();
    });
  }
  test('the builder\'s layers wired otherwise (block 2\'s residual adding the embeddings, not its input) are left to the tape', () => {
    const built = buildTransformer(small);
    const classes = tf.serialization.SerializationMap.getMap().classNameMap;
    // Fresh layers with the builder's settings: a layer applied twice would name both its inputs.
    const wire = (secondBlockAdds: 'its input' | 'the embeddings') => {
      const apply = (name: string, input: tf.SymbolicTensor | tf.SymbolicTensor[]) => {
        const layer = built.getLayer(name);
        const [Layer] = classes[layer.getClassName()] as unknown as [new (config: object) => tf.layers.Layer];
        return new Layer(layer.getConfig()).apply(input) as tf.SymbolicTensor;
      };
      const tokens = tf.input({ shape: [small.length], dtype: 'int32', name: 'tokens' });
      const embedded = apply('position', apply('embed', tokens));
      const block = (layer: number, stream: tf.SymbolicTensor, skip: tf.SymbolicTensor) => {
        const names = blockLayerNames(layer);
        return apply(names.attentionResidual, [skip, apply(names.attention, [stream, apply(names.scores, stream)])]);
      };
      const first = block(0, embedded, embedded);
      const second = block(1, first, secondBlockAdds === 'its input' ? first : embedded);
      const model = tf.model({ inputs: tokens, outputs: apply('unembed', second) });
      recordTransformerSpec(model, transformerSpec(built));
      return model;
    };
    const asBuilt = wire('its input');
    assert.ok(transformerBackprop(asBuilt), 'the same layers wired as the builder wires them are taken');
    const rewired = wire('the embeddings');
    assert.equal(rewired.layers.map((layer) => layer.name).join(), asBuilt.layers.map((layer) => layer.name).join(), 'otherwise the same layers');
    assert.equal(transformerBackprop(rewired), undefined);
    for (const model of [asBuilt, rewired, built]) model.dispose();
  });

  test('a layer frozen after building', () => {
    for (const layer of ['embed', 'position', 'block1_attention_scores', 'block2_attention', 'unembed']) {
      const model = buildTransformer(small);
      model.getLayer(layer).trainable = false;
      refused(model);
      model.dispose();
    }
  });
});

describe('what the route refuses to compute', () => {
  const small = { vocabulary: 12, length: 10, layers: 2, heads: 2, width: 8, seed: 1 };

  test('an unembedding given an activation after building is not the network it was written for', () => {
    const model = buildTransformer(small);
    const relu = tf.layers.dense({ units: 1, activation: 'relu' }) as unknown as { activation: unknown };
    Object.assign(model.getLayer('unembed'), { activation: relu.activation });
    assert.equal(transformerBackprop(model), undefined);
    assert.match(selectGradients(model).report().fallback ?? '', /does not fit this model/);
    model.dispose();
  });

  test('a token id outside the vocabulary fails by name, leaving no handle behind', () => {
    const model = buildTransformer(small);
    const data = getTokenTaskData({ task: 'repeat', n: 2, length: 10, vocabulary: 12, seed: 3 });
    const labels = objectiveOf(model).labels(model, data);
    const route = transformerBackprop(model);
    assert.ok(route);
    for (const id of [12, -1, 2.5]) {
      const ids = Float32Array.from(data.x.dataSync());
      ids[3] = id;
      const tokens = tf.tensor2d(ids, [2, 10]);
      const handles = nativeHandles();
      assert.throws(() => route(tokens, labels), new RegExp(`token id ${id} at position 3 is outside the vocabulary \\(integer >= 0 and < 12\\)`));
      assert.equal(nativeHandles(), handles, 'no native tensor handles left behind');
      tokens.dispose();
    }
    tf.dispose(labels);
    data.dispose();
    model.dispose();
  });
});
