/** Results carry where they came from, and whatever draws or states them takes the label's position from there. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProvenanceError } from '../src/core/provenance';
import { tf } from '../src/core/tf';
import { attentionVector } from '../src/readout/activations';
import { getData, getRecurrentData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { describeAttention } from '../src/notebook/narrative';
import { attentionChart, attentionOverTime, renderSvg } from '../src/plots';
import { train } from '../src/training/train';

/** A dense model trained for one epoch on 300 samples whose label is in column 3 (seed 9). */
async function trainedOnColumn3() {
  const data = getData(300, 4, 3, 9);
  const model = buildAttentionModel({ seed: 9 });
  await train(model, data, { epochs: 1, seed: 9 });
  return { data, model };
}

test('a trained model knows its data; its attention read-out carries the label\'s column, attention_vec1 does not', async () => {
  const { data, model } = await trainedOnColumn3();
  const test = getData(50, 4, 3, 10);
  const attention = attentionVector(model, test);
  assert.equal(attention.attentionColumn, 3);
  assert.deepEqual(attention.trainedOn, { attentionColumn: 3, seed: 9, n: 300, inputDim: 4 });
  const attention1 = attentionVector(model, test, 'attention_vec1');
  assert.equal(attention1.attentionColumn, undefined, 'hidden units have no label column');
  // A bare tensor still gets the label's column from the model's training data.
  assert.equal(attentionVector(model, test.x).attentionColumn, 3);

  const svg = await renderSvg(attentionChart(attention));
  assert.match(svg, /the label is copied into column 3/);
  assert.match(describeAttention(attention), /column 3/i);
  [data, test].forEach((d) => d.dispose());
  model.dispose();
});

test('test data made for another column than the training data is refused, saying what to re-run', async () => {
  const { data, model } = await trainedOnColumn3();
  const stale = getData(50, 4, 0, 11);
  const before = tf.memory().numTensors;
  assert.throws(() => attentionVector(model, stale), (error: Error) => error instanceof ProvenanceError
    && /trained on data made for column 3 \(seed 9, 300 samples\), but this test data is made for column 0 \(seed 11, 50 samples\)/.test(error.message)
    && /Re-run the notebook from the data cell \(section 1\)/.test(error.message)
    && error.stack === `ProvenanceError: ${error.message}`);
  assert.equal(tf.memory().numTensors, before);
  [data, stale].forEach((d) => d.dispose());
  model.dispose();
});

test('a chart or sentence asked to mark another column than the read-out\'s is refused', async () => {
  const { data, model } = await trainedOnColumn3();
  const attention = attentionVector(model, data);
  assert.throws(() => attentionChart(attention, { attentionColumn: 0 }), ProvenanceError);
  assert.throws(() => describeAttention(attention, { attentionColumn: 0 }), /not for 0/);
  assert.doesNotThrow(() => attentionChart(attention, { attentionColumn: 3 }));
  data.dispose();
  model.dispose();
});

test('the recurrent variant: the label\'s time step comes from the data, and the prose speaks of time steps', async () => {
  const data = getRecurrentData(128, 6, 2, 4, 1);
  const model = buildRecurrentAttentionModel({ timeSteps: 6, inputDim: 2, lstmUnits: 4, singleAttentionVector: true, seed: 1 });
  await train(model, data, { epochs: 1, seed: 1 });
  const attention = attentionVector(model, data);
  assert.equal(attention.attentionColumn, 4);
  assert.match(await renderSvg(attentionOverTime(attention)), /the label is copied into time step 4/);
  assert.match(describeAttention(attention), /time step 4/i);
  const stale = getRecurrentData(16, 6, 2, 2, 2);
  assert.throws(() => attentionVector(model, stale), /made for time step 4 .* made for time step 2/);
  [data, stale].forEach((d) => d.dispose());
  model.dispose();
});
