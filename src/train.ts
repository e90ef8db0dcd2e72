/**
 * Training as the original did it — Adam, binary cross-entropy, accuracy, the last
 * `validationSplit` of the samples held out — in a lean loop of our own rather than model.fit():
 * shuffling comes from the run's seed (fit() shuffles with Math.random, so runs could not be
 * repeated), and metrics are read back from the native side once per epoch, not once per batch.
 */
import { tf } from './tf';
import { deriveSeed, randomSeed, seededRandom, shuffledIndices } from './random';
import type { TrainingHistory } from './types';
import { requireInteger, requireNumberInRange } from './validate';

export interface LabelledData {
  x: tf.Tensor;
  y: tf.Tensor;
}

export interface EpochReport {
  /** 1-based. */
  epoch: number;
  epochs: number;
  trainSamples: number;
  seconds: number;
  loss: number;
  acc: number;
  val_loss?: number;
  val_acc?: number;
}

export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  /** The fraction of samples, taken from the end as Keras does, used only for validation. */
  validationSplit?: number;
  /** Fixes the shuffling; with a model built from a seed, the whole run repeats exactly. */
  seed?: number;
  learningRate?: number;
  /** Called after every epoch, e.g. to show progress; training waits for it. */
  onEpoch?: (report: EpochReport) => void | Promise<void>;
}

const epsilon = 1e-7; // Keras's clipping for the cross-entropy's logarithms
const evaluationChunk = 8192;

export async function train(model: tf.LayersModel, data: LabelledData, options: TrainOptions = {}): Promise<TrainingHistory> {
  const { epochs = 20, batchSize = 64, validationSplit = 0.2, seed = randomSeed(), learningRate = 0.001, onEpoch } = options;
  requireInteger('epochs', epochs, 1);
  requireInteger('batchSize', batchSize, 1);
  requireNumberInRange('validationSplit', validationSplit, 0, 1, true);
  requireNumberInRange('learningRate', learningRate, Number.MIN_VALUE, Infinity);
  const n = data.x.shape[0];
  const trainCount = Math.floor(n * (1 - validationSplit));
  if (trainCount < 1) throw new RangeError(`validationSplit ${validationSplit} leaves no training samples out of ${n}`);

  const [xTrain, xVal] = tf.split(data.x, [trainCount, n - trainCount]);
  const [yTrain, yVal] = tf.split(data.y, [trainCount, n - trainCount]);
  const optimizer = tf.train.adam(learningRate);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const shuffle = seededRandom(deriveSeed(seed, 'shuffle'));
  const history: TrainingHistory = { loss: [], acc: [], val_loss: [], val_acc: [] };
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = performance.now();
      const order = shuffledIndices(trainCount, shuffle);
      const { loss, acc } = trainOneEpoch(model, optimizer, variables, xTrain, yTrain, order, batchSize);
      const report: EpochReport = { epoch, epochs, trainSamples: trainCount, seconds: 0, loss, acc };
      history.loss.push(loss);
      history.acc.push(acc);
      if (trainCount < n) {
        const validation = evaluate(model, xVal, yVal);
        report.val_loss = validation.loss;
        report.val_acc = validation.acc;
        history.val_loss.push(validation.loss);
        history.val_acc.push(validation.acc);
      }
      report.seconds = (performance.now() - started) / 1000;
      await onEpoch?.(report);
      // Let the event loop run (a notebook's progress output, Ctrl-C) between epochs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    optimizer.dispose();
    tf.dispose([xTrain, xVal, yTrain, yVal]);
  }
  return history;
}

function trainOneEpoch(
  model: tf.LayersModel, optimizer: tf.Optimizer, variables: tf.Variable[],
  xTrain: tf.Tensor, yTrain: tf.Tensor, order: Int32Array, batchSize: number,
): { loss: number; acc: number } {
  const indices = tf.tensor1d(order, 'int32');
  const xs = tf.gather(xTrain, indices);
  const ys = tf.gather(yTrain, indices);
  // Sums stay on the native side until the epoch ends: one read-back instead of one per batch.
  let lossSum: tf.Scalar = tf.scalar(0);
  let correctSum: tf.Scalar = tf.scalar(0);
  for (let start = 0; start < order.length; start += batchSize) {
    const size = Math.min(batchSize, order.length - start);
    const [nextLoss, nextCorrect] = tf.tidy(() => {
      const xb = xs.slice(start, size);
      const yb = ys.slice(start, size);
      let predictions: tf.Tensor | undefined;
      const cost = optimizer.minimize(() => {
        predictions = tf.keep(model.apply(xb, { training: true }) as tf.Tensor);
        return binaryCrossentropy(yb, predictions);
      }, true, variables) as tf.Scalar;
      const kept = predictions as tf.Tensor;
      const sums = [lossSum.add(cost.mul(size)), correctSum.add(countCorrect(yb, kept))];
      kept.dispose(); // kept out of minimize()'s scope for the accuracy; tidy() does not free kept tensors
      return sums;
    });
    tf.dispose([lossSum, correctSum]);
    lossSum = nextLoss as tf.Scalar;
    correctSum = nextCorrect as tf.Scalar;
  }
  const loss = lossSum.dataSync()[0] / order.length;
  const acc = correctSum.dataSync()[0] / order.length;
  tf.dispose([indices, xs, ys, lossSum, correctSum]);
  return { loss, acc };
}

/** Loss and accuracy of the model on held-out data, in chunks so that large sets fit in memory. */
export function evaluate(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): { loss: number; acc: number } {
  const n = x.shape[0];
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += evaluationChunk) {
    const size = Math.min(evaluationChunk, n - start);
    const [chunkLoss, chunkCorrect] = tf.tidy(() => {
      const yb = y.slice(start, size);
      const predictions = model.apply(x.slice(start, size)) as tf.Tensor;
      return [binaryCrossentropy(yb, predictions).mul(size), countCorrect(yb, predictions)];
    });
    lossSum += chunkLoss.dataSync()[0];
    correct += chunkCorrect.dataSync()[0];
    tf.dispose([chunkLoss, chunkCorrect]);
  }
  return { loss: lossSum / n, acc: correct / n };
}

function binaryCrossentropy(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = probabilities.clipByValue(epsilon, 1 - epsilon);
    const perSample = labels.mul(p.log()).add(tf.sub(1, labels).mul(tf.sub(1, p).log()));
    return perSample.mean().neg() as tf.Scalar;
  });
}

/** Keras's binary accuracy: a prediction counts as 1 above 0.5. */
function countCorrect(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => probabilities.greater(0.5).cast('float32').equal(labels).cast('float32').sum() as tf.Scalar);
}
