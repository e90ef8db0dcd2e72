import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerFocus, mapEachEpoch, readAttentionMap } from '../src/readout/attention-map';
import { compareWithDense } from '../src/studies/sequence/comparison';
import { buildSequenceAttentionModel, buildSequenceDenseModel } from '../src/models/sequence/model';
import { getSequenceTaskData, type SequenceTask } from '../src/data/sequence-tasks';
import { train } from '../src/training/train';
import { tf } from '../src/core/tf';

test('find-max: the answer position is the argmax, the label says whether the max beats the median maximum', () => {
  const data = getSequenceTaskData('find-max', 400, 7, 5);
  const x = data.x.arraySync() as number[][][];
  const y = Array.from(data.y.dataSync());
  assert.deepEqual(data.x.shape, [400, 7, 1]);
  assert.equal(data.task.threshold, 0.5 ** (1 / 7));
  x.forEach((sequence, i) => {
    const values = sequence.map((step) => step[0]);
    const max = Math.max(...values);
    assert.deepEqual(data.answerPositions[i], [values.indexOf(max)]);
    assert.equal(data.answers[i], Math.fround(max));
    assert.equal(y[i], max > data.task.threshold ? 1 : 0);
  });
  const positives = y.reduce((a, b) => a + b, 0) / 400;
  assert.ok(positives > 0.4 && positives < 0.6, `classes unbalanced: ${positives}`);
  data.dispose();
});

test('add-two: exactly two marked steps, the answer positions, and the label says whether their values sum above 1', () => {
  const data = getSequenceTaskData('add-two', 400, 6, 9);
  const x = data.x.arraySync() as number[][][];
  const y = Array.from(data.y.dataSync());
  assert.deepEqual(data.x.shape, [400, 6, 2]);
  x.forEach((sequence, i) => {
    const marked = sequence.flatMap((step, t) => (step[1] === 1 ? [t] : []));
    assert.equal(sequence.filter((step) => step[1] !== 0 && step[1] !== 1).length, 0);
    assert.deepEqual(data.answerPositions[i], marked);
    const sum = sequence[marked[0]][0] + sequence[marked[1]][0];
    assert.ok(Math.abs(data.answers[i] - sum) < 1e-6);
    assert.equal(y[i], data.answers[i] > 1 ? 1 : 0);
  });
  const positives = y.reduce((a, b) => a + b, 0) / 400;
  assert.ok(positives > 0.4 && positives < 0.6, `classes unbalanced: ${positives}`);
  data.dispose();
});

test('the same seed gives the same sequences, another seed others; bad arguments are refused', () => {
  for (const task of ['find-max', 'add-two'] as const) {
    const [a, b, c] = [1, 1, 2].map((seed) => getSequenceTaskData(task, 50, 5, seed));
    assert.deepEqual(a.x.arraySync(), b.x.arraySync());
    assert.deepEqual(a.answerPositions, b.answerPositions);
    assert.notDeepEqual(a.x.arraySync(), c.x.arraySync());
    assert.deepEqual(a.task, { task, seed: 1, n: 50, timeSteps: 5, inputDim: task === 'find-max' ? 1 : 2, threshold: a.task.threshold });
    [a, b, c].forEach((d) => d.dispose());
  }
  assert.throws(() => getSequenceTaskData('sort' as SequenceTask, 5, 5), { name: 'RangeError', message: /task must be one of "find-max", "add-two", got "sort"/ });
  assert.throws(() => getSequenceTaskData('add-two', 5, 1), { name: 'RangeError', message: /timeSteps must be an integer >= 2, got 1/ });
  assert.throws(() => getSequenceTaskData('find-max', 0, 5), { name: 'RangeError', message: /n must be an integer >= 1, got 0/ });
});

test('the Dense baseline has nearly the attention model\'s parameters, for both scores and both encoders', () => {
  for (const encoder of ['lstm', 'per-step'] as const) {
    for (const score of ['luong', 'bahdanau'] as const) {
      const options = { timeSteps: 10, inputDim: 2, encoder, score, seed: 1 };
      const [withAttention, withDense] = [buildSequenceAttentionModel(options), buildSequenceDenseModel(options)];
      const [a, d] = [withAttention.countParams(), withDense.countParams()];
      // Dense(k) costs timeSteps·units + 2 parameters per unit: the nearest k is within half of that.
      assert.ok(Math.abs(a - d) <= (10 * 16 + 2) / 2, `${encoder}/${score}: attention ${a}, dense ${d}`);
      withAttention.dispose();
      withDense.dispose();
    }
  }
  assert.throws(() => buildSequenceAttentionModel({ timeSteps: 4, inputDim: 1, encoder: 'gru' as 'lstm' }),
    { name: 'RangeError', message: /encoder must be one of "lstm", "per-step", got "gru"/ });
});

test('the attention map: one row per sequence, summing to 1, next to each sequence\'s answer; focus statistics by hand', () => {
  const data = getSequenceTaskData('add-two', 30, 5, 3);
  const model = buildSequenceAttentionModel({ timeSteps: 5, inputDim: 2, lstmUnits: 4, seed: 3 });
  const map = readAttentionMap(model, data, { rows: 12 });
  assert.equal(map.weights.length, 12);
  map.weights.forEach((row) => assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5));
  assert.deepEqual(map.answerPositions, data.answerPositions.slice(0, 12));
  assert.throws(() => readAttentionMap(model, data, { layerName: 'attention' }), { name: 'RangeError', message: /layerName must name a layer with one weight per time step/ });
  const longer = getSequenceTaskData('add-two', 4, 6, 3);
  assert.throws(() => readAttentionMap(model, longer), { name: 'ProvenanceError', message: /reads sequences of 5 steps × 2 features, but this add-two data has 6 × 2/ });
  longer.dispose();
  const focus = answerFocus({
    ...map,
    weights: [[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]],
    answerPositions: [[1], [1, 2]],
  });
  assert.ok(Math.abs(focus.onAnswer.mean - 0.55) < 1e-12 && Math.abs(focus.onAnswer.std - 0.05) < 1e-12, JSON.stringify(focus.onAnswer));
  assert.equal(focus.peakOnAnswer, 0.5);
  assert.equal(focus.uniform, 0.5);
  assert.throws(() => answerFocus({ weights: [], answerPositions: [] }), /RangeError: weights must hold at least one row, got none/);
  assert.throws(() => answerFocus({ weights: [[0.5, 0.5]], answerPositions: [] }), /RangeError: answerPositions must hold one entry per row of weights \(1\), got 0/);
  assert.throws(() => answerFocus({ weights: [[0.5, 0.5]], answerPositions: [[2]] }), /RangeError: answerPositions\[0\]'s step must be an integer in \[0, 1\], got 2/);
  data.dispose();
  model.dispose();
});

test('trained on find-max, the attention moves onto the maximum, epoch by epoch, and nothing leaks', async () => {
  const before = tf.memory().numTensors;
  const data = getSequenceTaskData('find-max', 1500, 6, 11);
  const heldOut = getSequenceTaskData('find-max', 200, 6, 12);
  const model = buildSequenceAttentionModel({ timeSteps: 6, inputDim: 1, encoder: 'per-step', seed: 11 });
  const untrained = answerFocus(readAttentionMap(model, heldOut));
  const epochs = mapEachEpoch(model, heldOut, { rows: 50 });
  await train(model, data, { epochs: 4, learningRate: 0.01, seed: 11, onEpoch: epochs.onEpoch });
  assert.deepEqual(epochs.maps.map((m) => m.epoch), [0, 1, 2, 3, 4]);
  assert.equal(epochs.maps[0].map.weights.length, 50);
  const trained = answerFocus(readAttentionMap(model, heldOut));
  assert.ok(trained.onAnswer.mean > 2 * untrained.onAnswer.mean, `on the answer: ${untrained.onAnswer.mean} → ${trained.onAnswer.mean}`);
  assert.ok(trained.peakOnAnswer > 0.8, `peak on the answer in ${trained.peakOnAnswer}`);
  data.dispose();
  heldOut.dispose();
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('compareWithDense runs both heads for every seed', async () => {
  const runs = await compareWithDense({ task: 'add-two', seeds: [1, 2], n: 200, epochs: 1, timeSteps: 4, lstmUnits: 4, encoder: 'per-step' });
  assert.deepEqual(runs.map((r) => `${r.head}:${r.seed}`), ['attention:1', 'dense:1', 'attention:2', 'dense:2']);
  runs.forEach((r) => assert.ok(r.valAcc >= 0 && r.valAcc <= 1 && r.parameters > 0));
  await assert.rejects(compareWithDense({ task: 'add-two', seeds: [], n: 10, epochs: 1, timeSteps: 4 }), { name: 'RangeError', message: /seeds must list at least one seed/ });
});
