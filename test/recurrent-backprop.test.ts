import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getRecurrentData } from '../src/data/synthetic';
import { recurrentAttentionBackprop } from '../src/models/recurrent/backprop';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { selectGradients } from '../src/training/gradient-routes';
import { tapeGradients } from '../src/training/tape-gradients';
import { tf } from '../src/core/tf';

// Float32 sums in another order (TensorFlow's fused cell against tfjs's per-step ops): each value
// within this fraction of the largest magnitude in its tensor.
const relativeTolerance = 1e-5;

/** Tensor handles the native binding holds: the fused ops must not leave any behind either. */
const nativeHandles = () => (tf.backend() as unknown as { binding: { getNumOfTensors(): number } }).binding.getNumOfTensors();

const layouts = [false, true].flatMap((attentionBeforeLstm) =>
  [true, false].map((singleAttentionVector) => ({ attentionBeforeLstm, singleAttentionVector })));
const shapes = [
  { timeSteps: 20, inputDim: 2, lstmUnits: 32, batch: 64 }, // the original's settings
  { timeSteps: 7, inputDim: 3, lstmUnits: 5, batch: 13 },
];

for (const layout of layouts) {
  for (const { timeSteps, inputDim, lstmUnits, batch } of shapes) {
    const name = `attention ${layout.attentionBeforeLstm ? 'before' : 'after'} the LSTM, `
      + `${layout.singleAttentionVector ? 'one attention vector' : 'one per feature'}, ${timeSteps}×${inputDim}, LSTM(${lstmUnits}), batch ${batch}`;
    test(`fused-LSTM gradients equal tfjs's tape: ${name}`, () => {
      const model = buildRecurrentAttentionModel({ timeSteps, inputDim, lstmUnits, ...layout, seed: 31 });
      const data = getRecurrentData(batch, timeSteps, inputDim, 2, 32);
      const byHand = recurrentAttentionBackprop(model, layout);
      assert.ok(byHand, 'the recurrent attention network is recognised');
      const run = (gradientsOf: NonNullable<typeof byHand>) => tf.tidy(() => {
        const { probabilities, gradients } = gradientsOf(data.x, data.y);
        return [probabilities, ...gradients].map((t) => Array.from(t.dataSync()));
      });
      run(byHand); // the first call uploads the data and weights to TensorFlow
      const [tensorsBefore, handlesBefore] = [tf.memory().numTensors, nativeHandles()];
      const ours = run(byHand);
      assert.equal(tf.memory().numTensors, tensorsBefore, 'no tensors left behind');
      assert.equal(nativeHandles(), handlesBefore, 'no native tensor handles left behind');
      const tape = run(tapeGradients(model));

      const names = ['probabilities', ...model.trainableWeights.map((w) => w.originalName)];
      ours.forEach((values, i) => {
        assert.equal(values.length, tape[i].length, names[i]);
        const scale = Math.max(...tape[i].map(Math.abs));
        // Gradients of all zeros would agree too: make sure each carries signal.
        assert.ok(scale > 1e-6, `${names[i]}: largest value ${scale}`);
        values.forEach((value, j) => {
          assert.ok(Math.abs(value - tape[i][j]) <= relativeTolerance * scale,
            `${names[i]}[${j}]: by hand ${value}, tape ${tape[i][j]} (largest ${scale})`);
        });
      });
      data.dispose();
      model.dispose();
    });
  }
}

test('the builder attaches the route, and train() takes it', () => {
  const model = buildRecurrentAttentionModel({ timeSteps: 6, inputDim: 2, lstmUnits: 4, seed: 1 });
  assert.match(selectGradients(model).report().name, /fused LSTM/);
  model.dispose();
});

test('what the route does not cover is left to the tape', async () => {
  const after = { attentionBeforeLstm: false, singleAttentionVector: true };
  const model = buildRecurrentAttentionModel({ timeSteps: 6, inputDim: 2, lstmUnits: 4, ...after, seed: 1 });
  assert.ok(recurrentAttentionBackprop(model, after));
  assert.equal(recurrentAttentionBackprop(model, { ...after, singleAttentionVector: false }), undefined, 'another layout');
  assert.equal(recurrentAttentionBackprop(model, { ...after, attentionBeforeLstm: true }), undefined, 'another layout');

  const dense = buildAttentionModel({ seed: 1 });
  assert.equal(recurrentAttentionBackprop(dense, after), undefined, 'another network');
  dense.dispose();

  const previous = tf.getBackend();
  await tf.setBackend('cpu'); // no TensorFlow op library behind it
  try {
    assert.equal(recurrentAttentionBackprop(model, after), undefined, 'another backend');
  } finally {
    await tf.setBackend(previous);
  }

  model.getLayer('lstm').trainable = false; // the route would still update it
  assert.equal(recurrentAttentionBackprop(model, after), undefined, 'a frozen layer');
  assert.equal(selectGradients(model).report().name, "tfjs's tape");
  model.dispose();
});

test('an LSTM with another recurrent activation is left to the tape', () => {
  // The builder's layers around an LSTM with tfjs's default hard sigmoid: the fused cell computes a sigmoid.
  const built = buildRecurrentAttentionModel({ timeSteps: 6, inputDim: 2, lstmUnits: 4, singleAttentionVector: false, seed: 1 });
  const apply = (layer: string, input: tf.SymbolicTensor | tf.SymbolicTensor[]) => built.getLayer(layer).apply(input) as tf.SymbolicTensor;
  const inputs = tf.input({ shape: [6, 2], name: 'inputs' });
  const sequence = tf.layers.lstm({ name: 'lstm', units: 4, returnSequences: true }).apply(inputs) as tf.SymbolicTensor;
  const attention = apply('attention_vec', apply('attention_over_time', apply('features_first', sequence)));
  const output = apply('output', apply('flatten', apply('attention_mul', [sequence, attention])));
  const model = tf.model({ inputs, outputs: output });
  assert.equal(model.layers.map((layer) => layer.name).join(), built.layers.map((layer) => layer.name).join(), 'otherwise the same layers');
  assert.equal(recurrentAttentionBackprop(model, { attentionBeforeLstm: false, singleAttentionVector: false }), undefined);
  model.dispose();
  built.dispose();
});

test('the builder\'s layers wired otherwise (attention scored on the inputs, not the LSTM\'s outputs) are left to the tape', () => {
  const layout = { attentionBeforeLstm: false, singleAttentionVector: false };
  const built = buildRecurrentAttentionModel({ timeSteps: 6, inputDim: 4, lstmUnits: 4, ...layout, seed: 1 });
  const classes = tf.serialization.SerializationMap.getMap().classNameMap;
  // Fresh layers with the builder's settings: a layer applied twice would name both its inputs.
  const wire = (attentionOn: 'inputs' | 'lstm') => {
    const fresh = (name: string) => {
      const layer = built.getLayer(name);
      const [Layer] = classes[layer.getClassName()] as unknown as [new (config: object) => tf.layers.Layer];
      return new Layer(layer.getConfig());
    };
    const apply = (name: string, input: tf.SymbolicTensor | tf.SymbolicTensor[]) => fresh(name).apply(input) as tf.SymbolicTensor;
    const inputs = tf.input({ shape: [6, 4], name: 'inputs' });
    const sequence = apply('lstm', inputs);
    const attention = apply('attention_vec', apply('attention_over_time', apply('features_first', attentionOn === 'lstm' ? sequence : inputs)));
    return tf.model({ inputs, outputs: apply('output', apply('flatten', apply('attention_mul', [sequence, attention]))) });
  };
  const asBuilt = wire('lstm');
  assert.ok(recurrentAttentionBackprop(asBuilt, layout), 'the same layers wired as the builder wires them are taken');
  const rewired = wire('inputs');
  assert.equal(recurrentAttentionBackprop(rewired, layout), undefined);
  for (const model of [asBuilt, rewired, built]) model.dispose();
});
