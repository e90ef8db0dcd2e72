/**
 * The synthetic data of the original experiment: x ~ N(0, 1), a binary label y, and y copied into
 * one column of x (the "attention column") — the only column that carries the answer.
 * Built in typed arrays so that n = 1,000,000 stays fast; the same seed gives the same data anywhere.
 */
import type { DataProvenance } from '../core/provenance';
import { type Random, randomSeed, seededRandom } from '../core/random';
import { danfo } from '../core/danfo';
import { tf } from '../core/tf';
import { requireInteger } from '../core/validate';
import type * as dfd from 'danfojs-node';

/** What every dense data set of the experiment holds: samples, labels, where the label is, and where it came from. */
export interface DenseDataSet {
  /** Shape [n, inputDim]. Owned by this object: call dispose(). */
  x: tf.Tensor2D;
  /** Shape [n, 1], values 0 or 1. */
  y: tf.Tensor2D;
  /** The same values as x, row-major, for cheap host-side statistics. */
  xValues: Float32Array;
  /** The labels of y as a flat array. */
  yValues: Float32Array;
  /** Number of samples. */
  n: number;
  /** Number of input columns. */
  inputDim: number;
  /** The column (0-based) that holds a copy of the label. */
  attentionColumn: number;
  /** The seed the samples were drawn from. */
  seed: number;
  /** The settings above, carried on to models trained on this data and their read-outs. */
  provenance: DataProvenance;
  /** Frees the tensors x and y. */
  dispose(): void;
}

/** The data set getData() returns: a dense data set that can also show its first rows as a danfo DataFrame. */
export interface AttentionData extends DenseDataSet {
  /** The first `rows` samples as a table with columns x0 … x{inputDim-1} and y. */
  toDataFrame(rows?: number): dfd.DataFrame;
}

/**
 * The original's synthetic data: `n` samples of `inputDim` standard normals, a label y of 0 or 1
 * (each with probability 1/2), and y copied into column `attentionColumn`; the same seed gives the same data.
 * @param n - Number of samples, an integer >= 1.
 * @param inputDim - Input columns, an integer >= 2.
 * @param attentionColumn - The column (0-based) that holds the label, an integer in [0, inputDim - 1]; default 1.
 * @param seed - An integer in [0, 2^32 - 1]; by default a random one (kept in `seed` and `provenance`).
 * @returns The data set; its tensors are the caller's to dispose().
 */
export function getData(n: number, inputDim: number, attentionColumn = 1, seed = randomSeed()): AttentionData {
  requireInteger('n', n, 1);
  requireInteger('inputDim', inputDim, 2);
  requireInteger('attentionColumn', attentionColumn, 0, inputDim - 1);
  const data = denseDataSet(fillSamples(n, 1, inputDim, attentionColumn, seed), inputDim, attentionColumn, seed);
  return { ...data, toDataFrame: (rows = n) => sampleTable(data.xValues, data.yValues, inputDim, Math.min(rows, n)) };
}

/** Dense samples drawn by fillSamples() as a data set: its tensors, settings and provenance. */
export function denseDataSet(
  { xValues, yValues }: { xValues: Float32Array; yValues: Float32Array }, inputDim: number, attentionColumn: number, seed: number,
): DenseDataSet {
  const n = yValues.length;
  const x = tf.tensor2d(xValues, [n, inputDim]);
  const y = tf.tensor2d(yValues, [n, 1]);
  return {
    x, y, xValues, yValues, n, inputDim, attentionColumn, seed,
    provenance: { attentionColumn, seed, n, inputDim },
    dispose: () => tf.dispose([x, y]),
  };
}

/** The LSTM variant's data set, as getRecurrentData() returns it. */
export interface RecurrentAttentionData {
  /** Shape [n, timeSteps, inputDim]; the label is copied into every feature of one time step. */
  x: tf.Tensor3D;
  /** Shape [n, 1], values 0 or 1. */
  y: tf.Tensor2D;
  /** Number of samples. */
  n: number;
  /** Time steps per sample. */
  timeSteps: number;
  /** Features per time step. */
  inputDim: number;
  /** The time step (0-based) that holds the label. */
  attentionColumn: number;
  /** The seed the samples were drawn from. */
  seed: number;
  /** The settings above, carried on to models trained on this data and their read-outs. */
  provenance: DataProvenance;
  /** Frees the tensors x and y. */
  dispose(): void;
}

/**
 * The LSTM variant's data: `n` sequences of `timeSteps` × `inputDim` standard normals, with the
 * label (0 or 1) copied into every feature of time step `attentionColumn` (the original used 10 of 20).
 * @param n - Number of samples, an integer >= 1.
 * @param timeSteps - An integer >= 2.
 * @param inputDim - Features per step, an integer >= 1.
 * @param attentionColumn - The time step that holds the label, an integer in [0, timeSteps - 1].
 * @param seed - An integer in [0, 2^32 - 1]; by default a random one.
 * @returns The data set; its tensors are the caller's to dispose().
 */
export function getRecurrentData(
  n: number, timeSteps: number, inputDim: number, attentionColumn: number, seed = randomSeed(),
): RecurrentAttentionData {
  requireInteger('n', n, 1);
  requireInteger('timeSteps', timeSteps, 2);
  requireInteger('inputDim', inputDim, 1);
  requireInteger('attentionColumn', attentionColumn, 0, timeSteps - 1);
  const { xValues, yValues } = fillSamples(n, timeSteps, inputDim, attentionColumn, seed);
  const x = tf.tensor3d(xValues, [n, timeSteps, inputDim]);
  const y = tf.tensor2d(yValues, [n, 1]);
  return {
    x, y, n, timeSteps, inputDim, attentionColumn, seed,
    provenance: { attentionColumn, seed, n, inputDim, timeSteps },
    dispose: () => tf.dispose([x, y]),
  };
}

/**
 * Called after each sample is drawn with the sample's values, its label and the generator, to add
 * to the recipe (distractor-data.ts); what it draws comes after the sample in the seeded stream.
 */
export type AfterSample = (sample: Float32Array, label: number, random: Random) => void;

/**
 * Samples of `steps` × `features` normals each; the label overwrites every feature of step
 * `attentionColumn` (for dense data steps = 1 and the label overwrites one feature instead).
 */
export function fillSamples(n: number, steps: number, features: number, attentionColumn: number, seed: number, afterSample?: AfterSample) {
  const random = seededRandom(seed);
  const perSample = steps * features;
  const xValues = new Float32Array(n * perSample);
  const yValues = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = random.uniform() < 0.5 ? 0 : 1;
    yValues[i] = label;
    const offset = i * perSample;
    for (let j = 0; j < perSample; j++) xValues[offset + j] = random.normal();
    if (steps === 1) {
      xValues[offset + attentionColumn] = label;
    } else {
      xValues.fill(label, offset + attentionColumn * features, offset + (attentionColumn + 1) * features);
    }
    afterSample?.(xValues.subarray(offset, offset + perSample), label, random);
  }
  return { xValues, yValues };
}

function sampleTable(xValues: Float32Array, yValues: Float32Array, inputDim: number, rows: number): dfd.DataFrame {
  const columns: Record<string, number[]> = {};
  for (let j = 0; j < inputDim; j++) {
    const column = new Array<number>(rows);
    for (let i = 0; i < rows; i++) column[i] = xValues[i * inputDim + j];
    columns[`x${j}`] = column;
  }
  columns.y = Array.from(yValues.subarray(0, rows));
  return new (danfo().DataFrame)(columns);
}
