import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { formatSummary, summarize } from '../src/readout/summary';

test('the dense model has the original layers and 16 + 80 + 256 + 17 = 369 parameters', () => {
  const model = buildAttentionModel({ seed: 1 });
  const summary = summarize(model);
  const params = Object.fromEntries(summary.layers.map((layer) => [layer.name, layer.params]));
  assert.deepEqual(params, {
    inputs: 0, attention_scores: 16, attention_vec: 0, attention_mul: 0,
    hidden: 80, attention_scores1: 256, attention_vec1: 0, attention_mul1: 0, output: 17,
  });
  assert.equal(summary.totalParams, 369);
  const mul = summary.layers.find((layer) => layer.name === 'attention_mul');
  assert.deepEqual(mul?.connectedTo, ['inputs', 'attention_vec']);
  model.dispose();
});

test('the summary reads like Keras: layer (type), output shape, params, connected to', () => {
  const model = buildAttentionModel({ seed: 1 });
  const text = formatSummary(summarize(model), model.name);
  assert.match(text, /Layer \(type\)\s+Output Shape\s+Param #\s+Connected to/);
  assert.match(text, /attention_vec \(Activation\)\s+\(None, 4\)\s+0\s+attention_scores/);
  assert.match(text, /attention_scores1 \(Dense\)\s+\(None, 16\)\s+256\s+hidden/);
  assert.match(text, /Total params: 369\nTrainable params: 369\nNon-trainable params: 0/);
  model.dispose();
});

test('the same seed builds the same weights', () => {
  const weights = (seed: number) => {
    const model = buildAttentionModel({ seed });
    const values = model.getWeights().map((w) => Array.from(w.dataSync()));
    model.dispose();
    return values;
  };
  assert.deepEqual(weights(5), weights(5));
  assert.notDeepEqual(weights(5), weights(6));
});

test('inputDim and hidden scale the model and are validated', () => {
  const model = buildAttentionModel({ inputDim: 32, hidden: 64, seed: 1 });
  assert.equal(model.countParams(), 32 * 32 + (32 * 64 + 64) + 64 * 64 + 65);
  model.dispose();
  assert.throws(() => buildAttentionModel({ inputDim: 1 }), /inputDim must be an integer >= 2, got 1/);
  assert.throws(() => buildAttentionModel({ hidden: 0 }), /hidden must be an integer >= 1, got 0/);
});

test('the recurrent model attends over time steps, before or after the LSTM', () => {
  for (const attentionBeforeLstm of [false, true]) {
    for (const singleAttentionVector of [false, true]) {
      const model = buildRecurrentAttentionModel({ timeSteps: 20, inputDim: 2, lstmUnits: 32, attentionBeforeLstm, singleAttentionVector, seed: 3 });
      const attention = model.getLayer('attention_vec');
      const features = attentionBeforeLstm ? 2 : 32;
      assert.deepEqual(attention.outputShape, [null, 20, features]);
      assert.equal(model.layers.some((layer) => layer.name === 'dim_reduction'), singleAttentionVector);
      assert.deepEqual(model.outputs[0].shape, [null, 1]);
      model.dispose();
    }
  }
  assert.throws(() => buildRecurrentAttentionModel({ timeSteps: 1 }), /timeSteps must be an integer >= 2, got 1/);
});
