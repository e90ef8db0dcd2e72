/**
 * The sequence attention network's hand-derived route (src/models/sequence/backprop.ts) against
 * tfjs's tape, for both encoders and both scores; the variants it must refuse are refused, and
 * train() takes it, checked on the first batch.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tf } from '../src/core/tf';
import { Attention, AttentionWeights, type AttentionScore } from '../src/models/sequence/attention-layer';
import { buildSequenceAttentionModel, type SequenceEncoder } from '../src/models/sequence/model';
import { getSequenceTaskData } from '../src/data/sequence-tasks';
import { sequenceAttentionBackprop } from '../src/models/sequence/backprop';
import { attachGradientRoute, attachedGradientRoute, routeTolerance, selectGradients, tapeRouteName } from '../src/training/gradient-routes';
import { train } from '../src/training/train';
import { assertAgreesWithTape } from './helpers/tape-agreement';

const encoders: SequenceEncoder[] = ['per-step', 'lstm'];
const scores: AttentionScore[] = ['luong', 'bahdanau'];
const shapes = [
  { timeSteps: 10, lstmUnits: 16, attentionUnits: 16, batch: 64 }, // the bench's settings
  { timeSteps: 7, lstmUnits: 5, attentionUnits: 3, batch: 13 },
];

/** Tensor handles the native binding holds: the fused ops must not leave any behind either. */
const nativeHandles = () => (tf.backend() as unknown as { binding: { getNumOfTensors(): number } }).binding.getNumOfTensors();

for (const encoder of encoders) {
  for (const score of scores) {
    describe(`${encoder} encoder, ${score}`, () => {
      for (const { timeSteps, lstmUnits, attentionUnits, batch } of shapes) {
        test(`the gradients equal tfjs's tape: ${timeSteps} steps, hidden ${lstmUnits}, units ${attentionUnits}, batch ${batch}`, () => {
          const model = buildSequenceAttentionModel({ timeSteps, inputDim: 2, encoder, lstmUnits, attentionUnits, score, seed: 17 });
          const data = getSequenceTaskData('add-two', batch, timeSteps, 18);
          const route = (m: tf.LayersModel) => sequenceAttentionBackprop(m, encoder, score);
          assertAgreesWithTape(model, route, data, 1e-6);
          const handles = nativeHandles();
          tf.tidy(() => { route(model)?.(data.x, data.y); });
          assert.equal(nativeHandles(), handles, 'no native tensor handles left behind');
          data.dispose();
          model.dispose();
        });
      }

      test('train() takes the route the builder attached, checked against the tape on the first batch', async () => {
        const model = buildSequenceAttentionModel({ timeSteps: 6, inputDim: 2, encoder, lstmUnits: 4, attentionUnits: 3, score, seed: 2 });
        const data = getSequenceTaskData('add-two', 256, 6, 3);
        const history = await train(model, data, { epochs: 1, seed: 3 });
        assert.match(history.route.name, new RegExp(`sequence attention \\(${score}\\), by hand`));
        assert.equal(history.route.check?.agreed, true);
        assert.ok((history.route.check?.maxDifference ?? 1) <= routeTolerance.absolute, `difference ${history.route.check?.maxDifference}`);
        data.dispose();
        model.dispose();
      });
    });
  }
}

interface Variant {
  encoder?: SequenceEncoder;
  score?: AttentionScore;
  /** The per-step encoder's activation, or the LSTM's recurrent one. */
  activation?: 'tanh' | 'relu' | 'hardSigmoid' | 'sigmoid';
  /** An extra tanh between the encoder and the attention. */
  extraActivation?: boolean;
  /** The scores read the raw inputs instead of the encoder's sequence. */
  scoresFromInputs?: boolean;
}

/** The builder's network with the same layer names, changed as a user tinkering with it might, the builder's route attached. */
function variantModel({ encoder = 'per-step', score = 'luong', activation, extraActivation = false, scoresFromInputs = false }: Variant): tf.LayersModel {
  const [timeSteps, hidden] = [6, 2];
  const inputs = tf.input({ shape: [timeSteps, hidden], name: 'inputs' });
  const encoded = encoder === 'per-step'
    ? tf.layers.dense({ name: 'per_step', units: hidden, activation: (activation ?? 'tanh') as 'tanh' }).apply(inputs) as tf.SymbolicTensor
    : tf.layers.lstm({ name: 'lstm', units: hidden, returnSequences: true, recurrentActivation: (activation ?? 'sigmoid') as 'sigmoid' }).apply(inputs) as tf.SymbolicTensor;
  const sequence = extraActivation ? tf.layers.activation({ activation: 'tanh', name: 'squash' }).apply(encoded) as tf.SymbolicTensor : encoded;
  const weights = new AttentionWeights({ score, seed: 1, name: 'attention_weight' }).apply(scoresFromInputs ? inputs : sequence) as tf.SymbolicTensor;
  const attended = new Attention({ units: 3, seed: 2, name: 'attention' }).apply([sequence, weights]) as tf.SymbolicTensor;
  const output = tf.layers.dense({ name: 'output', units: 1, activation: 'sigmoid' }).apply(attended) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs: output });
  const built = buildSequenceAttentionModel({ timeSteps, inputDim: hidden, encoder, lstmUnits: hidden, attentionUnits: 3, score, seed: 1 });
  attachGradientRoute(model, attachedGradientRoute(built) as NonNullable<ReturnType<typeof attachedGradientRoute>>);
  built.dispose();
  return model;
}

const refused = (model: tf.LayersModel) => {
  const report = selectGradients(model).report();
  assert.equal(report.name, tapeRouteName);
  assert.match(report.fallback ?? '', /does not fit this model/);
  model.dispose();
};

describe('what the route was not written for is left to the tape', () => {
  test('the unchanged network, rebuilt by hand, keeps the route', () => {
    for (const encoder of encoders) {
      const model = variantModel({ encoder });
      assert.match(selectGradients(model).report().name, /by hand/);
      model.dispose();
    }
  });
  test('another activation of the per-step encoder', () => refused(variantModel({ activation: 'relu' })));
  test('an LSTM with the hard sigmoid (tfjs\'s default)', () => refused(variantModel({ encoder: 'lstm', activation: 'hardSigmoid' })));
  test('an extra activation after the encoder', () => refused(variantModel({ extraActivation: true })));
  test('the scores rewired to the raw inputs', () => refused(variantModel({ scoresFromInputs: true })));
  test('the other score than the route was attached for', () => {
    const model = buildSequenceAttentionModel({ timeSteps: 6, inputDim: 2, encoder: 'per-step', lstmUnits: 4, score: 'bahdanau', seed: 1 });
    assert.equal(sequenceAttentionBackprop(model, 'per-step', 'luong'), undefined);
    assert.equal(sequenceAttentionBackprop(model, 'lstm', 'bahdanau'), undefined);
    model.dispose();
  });
  test('a layer frozen after building', () => {
    for (const layer of ['per_step', 'attention_weight', 'attention', 'output']) {
      const model = buildSequenceAttentionModel({ timeSteps: 6, inputDim: 2, encoder: 'per-step', lstmUnits: 4, seed: 1 });
      model.getLayer(layer).trainable = false;
      refused(model);
    }
  });
  test('the LSTM on a backend without TensorFlow\'s op library', async () => {
    const model = buildSequenceAttentionModel({ timeSteps: 6, inputDim: 2, encoder: 'lstm', lstmUnits: 4, seed: 1 });
    const previous = tf.getBackend();
    await tf.setBackend('cpu');
    try {
      assert.equal(sequenceAttentionBackprop(model, 'lstm', 'luong'), undefined);
    } finally {
      await tf.setBackend(previous);
    }
    model.dispose();
  });
});

test('the route and the tape train to the same weights and accuracy', async () => {
  for (const encoder of encoders) {
    const runs = await Promise.all((['auto', 'tape'] as const).map(async (gradients) => {
      const model = buildSequenceAttentionModel({ timeSteps: 6, inputDim: 2, encoder, lstmUnits: 4, attentionUnits: 3, seed: 4 });
      const data = getSequenceTaskData('add-two', 512, 6, 4);
      const history = await train(model, data, { epochs: 2, seed: 4, gradients });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      data.dispose();
      return { history, weights };
    }));
    assert.match(runs[0].history.route.name, /by hand/);
    assert.equal(runs[1].history.route.name, tapeRouteName);
    assert.deepEqual(runs[0].history.val_acc, runs[1].history.val_acc, encoder);
    runs[0].weights.forEach((values, i) => values.forEach((value, j) =>
      assert.ok(Math.abs(value - runs[1].weights[i][j]) < 1e-4, `${encoder}: weight ${i}[${j}]: ${value} vs ${runs[1].weights[i][j]}`)));
  }
});
