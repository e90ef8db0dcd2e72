import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attentionVector, getActivations } from '../src/readout/activations';
import { getData, getRecurrentData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { sweep } from '../src/studies/dense/sweep';
import { train } from '../src/training/train';
import { tf } from '../src/core/tf';

test('build, train and read out 5 times: no tensor is left behind', async () => {
  const before = tf.memory().numTensors;
  for (let repetition = 0; repetition < 5; repetition++) {
    const data = getData(500, 4, 1, repetition);
    const model = buildAttentionModel({ seed: repetition });
    await train(model, data, { epochs: 2, seed: repetition });
    attentionVector(model, data.x);
    tf.dispose(Object.values(getActivations(model, data.x)));
    data.dispose();
    model.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test('the recurrent model and a sweep leave no tensors either', async () => {
  const before = tf.memory().numTensors;
  for (let repetition = 0; repetition < 5; repetition++) {
    const data = getRecurrentData(64, 8, 2, 3, repetition);
    const model = buildRecurrentAttentionModel({ timeSteps: 8, inputDim: 2, lstmUnits: 4, singleAttentionVector: true, seed: repetition });
    await train(model, data, { epochs: 1, seed: repetition });
    attentionVector(model, data.x);
    data.dispose();
    model.dispose();
  }
  await sweep({ columns: [0, 1], seeds: [1], n: 200, testSize: 50, epochs: 1 });
  assert.equal(tf.memory().numTensors, before);
});
