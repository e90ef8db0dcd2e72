import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attentionVector } from '../src/readout/activations';
import { getData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { canTrainStacked, trainStacked } from '../src/models/dense/stacked-training';
import { sweep } from '../src/studies/dense/sweep';
import * as tapeModule from '../src/training/tape-gradients';
import { train } from '../src/training/train';
import { tf } from '../src/core/tf';
import { deriveSeed } from '../src/core/random';

// Batched and single matrix products add the same float32 terms, not always in the same order.
const tolerance = 1e-5;

const runs = [{ column: 0, seed: 5 }, { column: 2, seed: 6 }, { column: 3, seed: 7 }, { column: 1, seed: 8 }];
// 1500 samples, 1125 of them for training: 22 batches of 50 and a short one of 25.
// A learning rate that moves the predictions away from 0.5 quickly: accuracy is a count of
// predictions above 0.5, and one within float rounding of it may land on either side.
const options = { epochs: 3, batchSize: 50, validationSplit: 0.25, learningRate: 0.01 };

function fresh() {
  return runs.map(({ column, seed }) => ({
    seed, data: getData(1500, 5, column, seed), test: getData(300, 5, column, deriveSeed(seed, 'test')),
    model: buildAttentionModel({ inputDim: 5, hidden: 7, seed }),
  }));
}

function assertClose(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) <= tolerance, `${what}[${i}]: stacked ${value}, alone ${expected[i]}`));
}

test('networks trained stacked end with the weights, history and attention of each trained alone', async () => {
  const stacked = fresh();
  const alone = fresh();
  const before = tf.memory().numTensors;
  const outcome = await trainStacked(stacked, options);
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  assert.ok(outcome.trained, 'the first batch agreed with the tape');
  for (const [i, run] of alone.entries()) {
    const history = await train(run.model, run.data, { ...options, seed: run.seed });
    const name = `run ${i} (column ${runs[i].column}, seed ${run.seed})`;
    for (const key of ['loss', 'acc', 'val_loss', 'val_acc'] as const) {
      assert.equal(history[key].length, options.epochs);
      assertClose(outcome.histories[i][key], history[key], `${name} ${key}`);
    }
    run.model.trainableWeights.forEach((weight, j) => {
      assertClose(Array.from(stacked[i].model.trainableWeights[j].read().dataSync()), Array.from(weight.read().dataSync()), `${name} ${weight.name}`);
    });
    const [a, b] = [attentionVector(stacked[i].model, stacked[i].test.x), attentionVector(run.model, run.test.x)];
    assertClose(a.mean, b.mean, `${name} attention mean`);
    assertClose(a.std, b.std, `${name} attention std`);
  }
  // Identical runs would agree too: the runs must have learned different things.
  assert.notDeepEqual(outcome.histories[0].loss, outcome.histories[1].loss);
  [...stacked, ...alone].forEach(({ data, test: testData, model }) => { data.dispose(); testData.dispose(); model.dispose(); });
});

test('a sweep trains its runs stacked, with the results of single runs, and says so', async () => {
  const columns = [0, 2];
  const seeds = [3, 4];
  const result = await sweep({ columns, seeds, inputDim: 4, n: 800, testSize: 200, epochs: 2 });
  assert.deepEqual(result.map((run) => run.route), Array(4).fill('dense attention, by hand, 4 networks stacked'));
  for (const run of result) {
    const data = getData(800, 4, run.attentionColumn, run.seed);
    const testData = getData(200, 4, run.attentionColumn, deriveSeed(run.seed, 'test'));
    const model = buildAttentionModel({ inputDim: 4, seed: run.seed });
    const history = await train(model, data, { epochs: 2, seed: run.seed });
    const attention = attentionVector(model, testData.x);
    assertClose(run.attention.mean, attention.mean, `column ${run.attentionColumn}, seed ${run.seed}: attention`);
    assertClose([run.valAcc], [history.val_acc[1]], 'valAcc');
    [data, testData, model].forEach((t) => t.dispose());
  }
});

test('stacked gradients that disagree with the tape are refused, and the sweep trains one run at a time', async () => {
  const tape = tapeModule.tapeGradients;
  // A tape that sees a slightly different network: the check must notice before any update.
  (tapeModule as { tapeGradients: typeof tape }).tapeGradients = (model) => {
    const gradientsOf = tape(model);
    return (x, y) => {
      const { probabilities, gradients } = gradientsOf(x, y);
      return { probabilities, gradients: gradients.map((g, i) => (i === 1 ? g.mul(1.001) : g)) };
    };
  };
  try {
    const runsToTrain = fresh();
    const initial = runsToTrain.map(({ model }) => model.trainableWeights.map((w) => Array.from(w.read().dataSync())));
    const outcome = await trainStacked(runsToTrain, options);
    assert.equal(outcome.trained, false);
    assert.match((outcome as { reason: string }).reason, /run 1's hiddenKernel gradient differs from the tape's/);
    runsToTrain.forEach(({ model }, i) => model.trainableWeights.forEach((w, j) =>
      assert.deepEqual(Array.from(w.read().dataSync()), initial[i][j], 'no weight was changed')));
    runsToTrain.forEach(({ data, test: testData, model }) => { data.dispose(); testData.dispose(); model.dispose(); });

    // One run at a time, train()'s own first-batch check sees the same disagreement and takes the tape.
    const result = await sweep({ columns: [0, 1], seeds: [1], n: 300, testSize: 50, epochs: 1 });
    for (const run of result) assert.match(run.route, /^tfjs's tape \(stacked training refused: run 1's/);
  } finally {
    (tapeModule as { tapeGradients: typeof tape }).tapeGradients = tape;
  }
});

test('only dense attention networks of one shape are stacked', () => {
  const dense = [buildAttentionModel({ seed: 1 }), buildAttentionModel({ seed: 2 })];
  const wider = buildAttentionModel({ hidden: 8, seed: 3 });
  const recurrent = buildRecurrentAttentionModel({ timeSteps: 4, lstmUnits: 3, seed: 1 });
  assert.ok(canTrainStacked(dense));
  assert.equal(canTrainStacked([...dense, wider]), false);
  assert.equal(canTrainStacked([dense[0], recurrent]), false);
  [...dense, wider, recurrent].forEach((model) => model.dispose());
});
