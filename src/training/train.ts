/**
 * Training as the original did it — Adam, binary cross-entropy, accuracy, the last
 * `validationSplit` of the samples held out — in a lean loop of our own rather than model.fit():
 * shuffling comes from the run's seed (fit() shuffles with Math.random, so runs could not be
 * repeated), each step is as few native ops as we can make it (gradient-routes.ts, adam.ts), and the
 * epoch's loss and accuracy are computed and read back once per epoch, not once per batch.
 */
import { type DataProvenance, recordTrainingData } from '../core/provenance';
import { deriveSeed, seededRandom, shuffledIndices } from '../core/random';
import { tf } from '../core/tf';
import { Adam } from './adam';
import { type RouteReport, selectGradients } from './gradient-routes';
import { type Objective, objectiveOf } from './objectives';
import { type EpochReport, evaluationChunk, resolveTrainOptions, trainingCount, type TrainOptions } from './options';
import { requireSupportedModel } from './supported-models';
import type { GradientFunction } from './tape-gradients';

/** Per-epoch metrics, named as Keras names them. */
export interface TrainingMetrics {
  /** Mean binary cross-entropy over each epoch's training batches. */
  loss: number[];
  /** Training accuracy per epoch (a prediction above 0.5 counts as 1). */
  acc: number[];
  /** Loss on the held-out samples after each epoch; empty when validationSplit is 0. */
  val_loss: number[];
  /** Accuracy on the held-out samples after each epoch; empty when validationSplit is 0. */
  val_acc: number[];
}

/** The metrics of a run and how it was computed. */
export interface TrainingHistory extends TrainingMetrics {
  /** The gradient route every step took, and how a fast route compared with the tape. */
  route: RouteReport;
  /** Where the training data came from, when it said (data sets from getData do). */
  data?: DataProvenance;
  /** Wall time of the whole call, checks and validation included, in seconds. */
  seconds: number;
  /** Next-token models: the last epoch's accuracy at each position (NaN where no position was scored). */
  position_acc?: number[];
  /** Next-token models: the last epoch's accuracy at each position on the held-out samples (absent when validationSplit is 0). */
  val_position_acc?: number[];
}

/** What train() trains on: inputs, 0/1 labels, and optionally where they came from (getData's data sets qualify). */
export interface LabelledData {
  /** Shape [n, …], matching the model's input. */
  x: tf.Tensor;
  /** Shape [n, 1], values 0 or 1. */
  y: tf.Tensor;
  /** Recorded on the model, so that read-outs and charts know which column held the label. */
  provenance?: DataProvenance;
  /** Next-token models: 1 where a position's prediction is trained and scored, 0 where not (objectives.ts). */
  mask?: tf.Tensor;
}


export type { EpochReport, TrainOptions } from './options';

/**
 * Trains a one-input, one-sigmoid-output model with Adam and binary cross-entropy, shuffled from
 * the seed, the last `validationSplit` of the samples held out (as Keras's fit() does), through the
 * model's fast gradient route when it has one (checked against tfjs's tape on the first batch).
 * @param model - A tf.LayersModel with one input and one sigmoid output of width 1, without weight regularizers or constraints.
 * @param data - `x` matching the model's input shape, `y` of shape [n, 1] with values 0 or 1.
 * @param options - See TrainOptions: epochs 20, batchSize 64, validationSplit 0.2, learningRate 0.001 by default.
 * @returns Per-epoch loss and accuracy, the gradient route taken, the data's provenance and the call's wall time.
 */
export async function train(model: tf.LayersModel, data: LabelledData, options: TrainOptions = {}): Promise<TrainingHistory> {
  const started = performance.now();
  const { epochs, batchSize, validationSplit, seed, learningRate, gradients, onEpoch } = resolveTrainOptions(options);
  const objective = objectiveOf(model);
  requireSupportedModel(model, objective.kind);
  const n = data.x.shape[0];
  const trainCount = trainingCount(n, validationSplit);
  const labels = objective.labels(model, data);

  const [xTrain, xVal] = tf.split(data.x, [trainCount, n - trainCount]);
  const [yTrain, yVal] = tf.split(labels, [trainCount, n - trainCount]);
  labels.dispose();
  const optimizer = new Adam(model.trainableWeights.map((weight) => weight.read() as tf.Variable), { learningRate });
  const selected = selectGradients(model, { forceTape: gradients === 'tape', loss: objective.loss });
  const shuffle = seededRandom(deriveSeed(seed, 'shuffle'));
  const history: TrainingHistory = { loss: [], acc: [], val_loss: [], val_acc: [], route: selected.report(), seconds: 0 };
  if (data.provenance !== undefined) history.data = data.provenance;
  // From the first step on, the weights depend on this data.
  recordTrainingData(model, data.provenance);
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const epochStarted = performance.now();
      const order = shuffledIndices(trainCount, shuffle);
      const { loss, acc, positionAcc } = trainOneEpoch(objective, selected.gradientsOf, optimizer, xTrain, yTrain, order, batchSize);
      if (positionAcc !== undefined) history.position_acc = positionAcc;
      history.route = selected.report();
      const report: EpochReport = { epoch, epochs, trainSamples: trainCount, seconds: 0, loss, acc, route: history.route };
      history.loss.push(loss);
      history.acc.push(acc);
      if (trainCount < n) {
        const validation = evaluateLabels(model, objective, xVal, yVal);
        if (validation.positionAcc !== undefined) history.val_position_acc = validation.positionAcc;
        report.val_loss = validation.loss;
        report.val_acc = validation.acc;
        history.val_loss.push(validation.loss);
        history.val_acc.push(validation.acc);
      }
      report.seconds = (performance.now() - epochStarted) / 1000;
      await onEpoch?.(report);
      // Let the event loop run (a notebook's progress output, Ctrl-C) between epochs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    tf.dispose([xTrain, xVal, yTrain, yVal]);
  }
  history.seconds = (performance.now() - started) / 1000;
  return history;
}

interface Scores { loss: number; acc: number; positionAcc?: number[] }

function trainOneEpoch(
  objective: Objective, gradientsOf: GradientFunction, optimizer: Adam,
  xTrain: tf.Tensor, yTrain: tf.Tensor, order: Int32Array, batchSize: number,
): Scores {
  const batchSizes = Array.from({ length: Math.ceil(order.length / batchSize) },
    (_, i) => Math.min(batchSize, order.length - i * batchSize));
  const [xs, ys] = tf.tidy(() => {
    const indices = tf.tensor1d(order, 'int32');
    // One split per epoch instead of a slice per batch.
    return [tf.split(tf.gather(xTrain, indices), batchSizes), tf.split(tf.gather(yTrain, indices), batchSizes)];
  });
  const batchProbabilities: tf.Tensor[] = [];
  for (let i = 0; i < xs.length; i++) {
    // Each batch's output is kept for the epoch's metrics (as Keras's running mean, with the weights
    // of that step); computing them once at the end saves ~10 native ops on every step.
    batchProbabilities.push(tf.tidy(() => {
      const { probabilities, gradients } = gradientsOf(xs[i], ys[i]);
      optimizer.apply(gradients);
      return probabilities;
    }));
  }
  const probabilities = tf.concat(batchProbabilities);
  const labels = tf.concat(ys);
  const scores = scoresOf(objective, labels, probabilities);
  tf.dispose([...xs, ...ys, ...batchProbabilities, probabilities, labels]);
  return scores;
}

function scoresOf(objective: Objective, labels: tf.Tensor, outputs: tf.Tensor): Scores {
  const { loss, correct, scored, perPosition } = objective.metrics(labels, outputs);
  const scores: Scores = { loss: loss.dataSync()[0], acc: correct.dataSync()[0] / scored.dataSync()[0] };
  tf.dispose([loss, correct, scored]);
  if (perPosition !== undefined) {
    const [right, total] = [perPosition.correct.dataSync(), perPosition.scored.dataSync()];
    scores.positionAcc = Array.from(right, (count, i) => (total[i] > 0 ? count / total[i] : NaN));
    tf.dispose([perPosition.correct, perPosition.scored]);
  }
  return scores;
}

/**
 * Loss and accuracy of the model on held-out data, evaluated in chunks so that large sets fit in memory.
 * @param x - Inputs [n, …] the model reads.
 * @param y - Labels: [n, 1] of 0 or 1 for a sigmoid output; for a next-token model the target token ids [n, steps].
 * @param mask - Next-token models only: 1 where a position's prediction is scored, 0 where not (every position by default).
 * @returns The mean loss, the fraction of predictions right (a sigmoid output above 0.5 counts as 1), and for next-token models the accuracy per position.
 */
export function evaluate(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, mask?: tf.Tensor): Scores {
  const objective = objectiveOf(model);
  const labels = objective.labels(model, { x, y, ...(mask === undefined ? {} : { mask }) });
  try {
    return evaluateLabels(model, objective, x, labels);
  } finally {
    labels.dispose();
  }
}

function evaluateLabels(model: tf.LayersModel, objective: Objective, x: tf.Tensor, labels: tf.Tensor): Scores {
  const n = x.shape[0];
  const outputs: tf.Tensor[] = [];
  for (let start = 0; start < n; start += evaluationChunk) {
    const size = Math.min(evaluationChunk, n - start);
    outputs.push(tf.tidy(() => model.apply(x.slice(start, size)) as tf.Tensor));
  }
  const all = tf.concat(outputs);
  const scores = scoresOf(objective, labels, all);
  tf.dispose([...outputs, all]);
  return scores;
}
