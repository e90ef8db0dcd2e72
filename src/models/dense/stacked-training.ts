/**
 * K dense attention networks trained at once, as K separate train() runs would train them: each
 * with its own data, seed, shuffling and Adam, but every weight stacked along a first axis of K so
 * that one batched matrix product serves all K networks. On networks this small a step's time is
 * in dispatching ops, not in their arithmetic, so K networks cost about what one does
 * (docs/BENCHMARKS.md). The first batch's gradients of every network are checked against tfjs's
 * tape before any update; test/stacked-training.test.ts checks whole runs against single train() runs.
 */
import { recordTrainingData } from '../../core/provenance';
import { deriveSeed, seededRandom, shuffledIndices, type Random } from '../../core/random';
import { tf } from '../../core/tf';
import { Adam } from '../../training/adam';
import { stackedBinaryCrossentropy, stackedCountCorrect } from '../../training/metrics';
import { compareWithTape, routeTolerance } from '../../training/gradient-routes';
import { tapeGradients } from '../../training/tape-gradients';
import type { LabelledData, TrainingHistory } from '../../training/train';
import { evaluationChunk, resolveTrainOptions, trainingCount, type TrainOptions } from '../../training/options';
import {
  type DenseAttentionWeights, denseAttentionBackprop, denseAttentionForward, denseAttentionGradients,
  denseAttentionVariables, denseAttentionWeightRoles, rolesInModelOrder,
} from './backprop';

export interface StackedRun {
  /** Built by buildAttentionModel(); receives the trained weights. */
  model: tf.LayersModel;
  data: LabelledData;
  /** The run's train() seed: fixes its shuffling. */
  seed: number;
}

export type StackedTrainOptions = Omit<TrainOptions, 'seed' | 'onEpoch'>;

export type StackedOutcome =
  | { trained: true; histories: TrainingHistory[] }
  /** The first batch's gradients disagreed with the tape: nothing was updated. */
  | { trained: false; reason: string };


/** Whether every model is the plain dense attention network (its hand-derived route applies). */
export function canTrainStacked(models: tf.LayersModel[]): boolean {
  return models.length > 0 && models.every((model) => denseAttentionBackprop(model) !== undefined)
    && models.every((model) => sameShapes(model, models[0]));
}

function sameShapes(a: tf.LayersModel, b: tf.LayersModel): boolean {
  return a.trainableWeights.every((weight, i) => weight.shape.join() === b.trainableWeights[i].shape.join());
}

export async function trainStacked(runs: StackedRun[], options: StackedTrainOptions = {}): Promise<StackedOutcome> {
  // train()'s defaults and checks: each run must train as train() would train it alone.
  const started = performance.now();
  const { epochs, batchSize, validationSplit, learningRate } = resolveTrainOptions(options);
  if (!canTrainStacked(runs.map((run) => run.model))) throw new Error('trainStacked() takes only dense attention networks of one shape');
  const n = runs[0].data.x.shape[0];
  if (runs.some((run) => run.data.x.shape[0] !== n)) throw new RangeError('every stacked run needs the same number of samples');
  const trainCount = trainingCount(n, validationSplit);

  const modelVariables = runs.map((run) => denseAttentionVariables(run.model));
  const stacked = stackedVariables(modelVariables);
  const [xTrain, xVal, yTrain, yVal] = tf.tidy(() => {
    const [x, y] = [tf.stack(runs.map((run) => run.data.x)), tf.stack(runs.map((run) => run.data.y))];
    return [...tf.split(x, [trainCount, n - trainCount], 1), ...tf.split(y, [trainCount, n - trainCount], 1)] as tf.Tensor3D[];
  });
  // Each epoch's batches are cut from copies in JavaScript (see reordered()).
  const trainingRows = { x: hostCopy(xTrain), y: hostCopy(yTrain) };
  tf.dispose([xTrain, yTrain]);
  const optimizer = new Adam(denseAttentionWeightRoles.map((role) => stacked[role]), { learningRate });
  const shuffles = runs.map((run) => seededRandom(deriveSeed(run.seed, 'shuffle')));
  const route = `dense attention, by hand, ${runs.length} networks stacked`;
  let maxDifference = 0;
  const histories: TrainingHistory[] = runs.map((run) => ({
    loss: [], acc: [], val_loss: [], val_acc: [], route: { name: route }, seconds: 0,
    ...(run.data.provenance === undefined ? {} : { data: run.data.provenance }),
  }));
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const firstBatch = epoch === 1 ? (x: tf.Tensor3D, y: tf.Tensor3D, g: DenseAttentionWeights) => {
        const check = disagreement(runs, x, y, g);
        maxDifference = check.maxDifference;
        return check.reason;
      } : undefined;
      const outcome = trainOneEpoch(stacked, optimizer, trainingRows, epochOrder(shuffles, trainCount), batchSize, firstBatch);
      if (typeof outcome === 'string') return { trained: false, reason: outcome };
      const validation = trainCount < n ? evaluateStacked(stacked, xVal, yVal) : undefined;
      histories.forEach((history, i) => {
        history.loss.push(outcome.loss[i]);
        history.acc.push(outcome.acc[i]);
        if (validation) {
          history.val_loss.push(validation.loss[i]);
          history.val_acc.push(validation.acc[i]);
        }
      });
      // Let the event loop run (a notebook's output, Ctrl-C) between epochs, as train() does.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    modelVariables.forEach((variables, i) => denseAttentionWeightRoles.forEach((role) => {
      const trained = tf.tidy(() => stacked[role].gather(i).reshape(variables[role].shape));
      variables[role].assign(trained);
      trained.dispose();
    }));
    runs.forEach((run) => recordTrainingData(run.model, run.data.provenance));
    // The runs trained together, so each one's wall time is the whole stacked call's.
    const seconds = (performance.now() - started) / 1000;
    for (const history of histories) Object.assign(history, { route: { name: route, check: { route, maxDifference, agreed: true } }, seconds });
    return { trained: true, histories };
  } finally {
    tf.dispose([xVal, yVal, ...Object.values(stacked)]);
  }
}

/**
 * The networks' weights stacked along a first axis of K, as new variables: [K, ...shape], a bias
 * [units] as [K, 1, units] so that it broadcasts over each network's batch.
 */
export function stackedVariables(networks: Record<keyof DenseAttentionWeights, tf.Variable>[]): Record<keyof DenseAttentionWeights, tf.Variable> {
  const stackable = (variable: tf.Variable) => (variable.rank === 1 ? variable.expandDims(0) : variable);
  return Object.fromEntries(denseAttentionWeightRoles.map((role) => {
    const initial = tf.tidy(() => tf.stack(networks.map((variables) => stackable(variables[role]))));
    const variable = tf.variable(initial);
    initial.dispose(); // the variable has its own copy
    return [role, variable];
  })) as Record<keyof DenseAttentionWeights, tf.Variable>;
}

/** A tensor's shape and values, held in JavaScript. */
interface HostTensor3D { shape: [number, number, number]; values: Float32Array }

function hostCopy(t: tf.Tensor3D): HostTensor3D {
  return { shape: t.shape, values: Float32Array.from(t.dataSync()) };
}

/**
 * The rows of [K, count, width] values in the given order (indices into the K × count rows), as a
 * tensor of the same shape: a copy in JavaScript is cheaper than tfjs-node's gather over every
 * training row of K networks each epoch.
 */
function reordered({ shape, values }: HostTensor3D, rows: Int32Array): tf.Tensor3D {
  const width = shape[2];
  const out = new Float32Array(values.length);
  for (let row = 0; row < rows.length; row++) {
    const from = rows[row] * width;
    const to = row * width;
    for (let column = 0; column < width; column++) out[to + column] = values[from + column];
  }
  return tf.tensor3d(out, shape);
}

/** Each run's shuffled order, as rows into the runs' samples laid end to end. */
function epochOrder(shuffles: Random[], trainCount: number): Int32Array {
  const rows = new Int32Array(shuffles.length * trainCount);
  shuffles.forEach((shuffle, i) => {
    const order = shuffledIndices(trainCount, shuffle);
    for (let j = 0; j < trainCount; j++) rows[i * trainCount + j] = i * trainCount + order[j];
  });
  return rows;
}

type FirstBatchCheck = (x: tf.Tensor3D, y: tf.Tensor3D, gradients: DenseAttentionWeights) => string | undefined;

function trainOneEpoch(
  stacked: DenseAttentionWeights, optimizer: Adam, training: { x: HostTensor3D; y: HostTensor3D },
  rows: Int32Array, batchSize: number, checkFirstBatch?: FirstBatchCheck,
): { loss: Float32Array; acc: Float32Array } | string {
  const trainCount = training.x.shape[1];
  const batchSizes = Array.from({ length: Math.ceil(trainCount / batchSize) },
    (_, i) => Math.min(batchSize, trainCount - i * batchSize));
  const [xs, ys] = tf.tidy(() => [training.x, training.y].map((t) => tf.split(reordered(t, rows), batchSizes, 1) as tf.Tensor3D[]));
  const batchProbabilities: tf.Tensor[] = [];
  try {
    for (let i = 0; i < xs.length; i++) {
      let mismatch: string | undefined;
      const probabilities = tf.tidy(() => {
        const { probabilities, gradients } = denseAttentionGradients(stacked, xs[i], ys[i]);
        mismatch = i === 0 ? checkFirstBatch?.(xs[i], ys[i], gradients) : undefined;
        if (mismatch === undefined) optimizer.apply(denseAttentionWeightRoles.map((role) => gradients[role]));
        return probabilities;
      });
      batchProbabilities.push(probabilities);
      if (mismatch !== undefined) return mismatch;
    }
    return tf.tidy(() => {
      const probabilities = tf.concat(batchProbabilities, 1) as tf.Tensor3D;
      const labels = tf.concat(ys, 1) as tf.Tensor3D;
      const loss = stackedBinaryCrossentropy(labels, probabilities).dataSync() as Float32Array;
      const correct = stackedCountCorrect(labels, probabilities).dataSync() as Float32Array;
      return { loss: Float32Array.from(loss), acc: correct.map((count) => count / trainCount) };
    });
  } finally {
    tf.dispose([...xs, ...ys, ...batchProbabilities]);
  }
}

/** Each network's validation loss and accuracy, in chunks as train()'s evaluate() takes them. */
function evaluateStacked(stacked: DenseAttentionWeights, x: tf.Tensor3D, y: tf.Tensor3D): { loss: number[]; acc: number[] } {
  const [k, n] = x.shape;
  const lossSum = new Array<number>(k).fill(0);
  const correct = new Array<number>(k).fill(0);
  for (let start = 0; start < n; start += evaluationChunk) {
    const size = Math.min(evaluationChunk, n - start);
    const [chunkLoss, chunkCorrect] = tf.tidy(() => {
      const yb = y.slice([0, start, 0], [k, size, -1]);
      const { probabilities } = denseAttentionForward(stacked, x.slice([0, start, 0], [k, size, -1]));
      return [stackedBinaryCrossentropy(yb, probabilities as tf.Tensor3D).mul(size), stackedCountCorrect(yb, probabilities as tf.Tensor3D)]
        .map((t) => t.dataSync());
    });
    chunkLoss.forEach((value, i) => { lossSum[i] += value; });
    chunkCorrect.forEach((value, i) => { correct[i] += value; });
  }
  return { loss: lossSum.map((sum) => sum / n), acc: correct.map((count) => count / n) };
}

/** Where the first batch's stacked gradients differ from each network's tape gradients, if anywhere, and by how much at most. */
function disagreement(runs: StackedRun[], x: tf.Tensor3D, y: tf.Tensor3D, stackedGradients: DenseAttentionWeights): { reason?: string; maxDifference: number } {
  let maxDifference = 0;
  for (const [i, run] of runs.entries()) {
    const tape = tapeGradients(run.model)(x.gather(i), y.gather(i)).gradients;
    for (const [j, role] of rolesInModelOrder(run.model).entries()) {
      const { largest, agreed } = compareWithTape(stackedGradients[role].gather(i).dataSync(), tape[j].dataSync());
      maxDifference = Math.max(maxDifference, largest);
      if (!agreed) {
        return {
          reason: `run ${i + 1}'s ${role} gradient differs from the tape's by up to ${largest} `
            + `(more than ${routeTolerance.absolute} + ${routeTolerance.relative}·|tape|)`,
          maxDifference,
        };
      }
    }
  }
  return { maxDifference };
}
