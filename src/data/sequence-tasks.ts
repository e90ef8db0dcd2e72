/**
 * The two sequence tasks of the original repository's attention examples, phrased as binary
 * questions so that train() (one sigmoid output, binary cross-entropy) fits them:
 * - find-max: `timeSteps` values uniform in [0, 1); "is the largest value above the median of
 *   such maxima?" (0.5^(1/timeSteps), so the classes are balanced). The answer sits at the argmax.
 * - add-two: each step holds a value uniform in [0, 1) and a marker (0 or 1); two steps are marked;
 *   "is the sum of the two marked values above 1?" (balanced by symmetry). The answer sits at the markers.
 * Each data set returns, per sample, the time steps that hold the answer: the attention map of a
 * held-out sequence is judged against them.
 */
import { randomSeed, seededRandom, type Random } from '../core/random';
import { tf } from '../core/tf';
import { requireInteger } from '../core/validate';

export const sequenceTasks = ['find-max', 'add-two'] as const;
/**
 * The two sequence tasks: "find-max" (is the largest value above 0.5^(1/timeSteps), the median of such maxima?)
 * and "add-two" (is the sum of the two marked values above 1?).
 */
export type SequenceTask = (typeof sequenceTasks)[number];

/** Where a sequence task's data set came from. */
export interface SequenceTaskProvenance {
  /** Which task. */
  task: SequenceTask;
  /** The seed the sequences were drawn from. */
  seed: number;
  /** Number of sequences. */
  n: number;
  /** Steps per sequence. */
  timeSteps: number;
  /** Features per step: 1 for find-max, 2 (value, marker) for add-two. */
  inputDim: number;
  /** The threshold the label compares against. */
  threshold: number;
}

/** A sequence task's data set, as getSequenceTaskData() returns it. */
export interface SequenceTaskData {
  /** Shape [n, timeSteps, inputDim]. Owned by this object: call dispose(). */
  x: tf.Tensor3D;
  /** Shape [n, 1], 0 or 1. */
  y: tf.Tensor2D;
  /** Per sample, the time steps that hold the answer (ascending): 1 for find-max, 2 for add-two. */
  answerPositions: number[][];
  /** Why each label is what it is: the max (find-max) or the sum of the marked values (add-two). */
  answers: Float32Array;
  /** The settings the data was made with. */
  task: SequenceTaskProvenance;
  /** Frees the tensors x and y. */
  dispose(): void;
}

/**
 * A seeded data set for one of the two sequence tasks, with each sequence's answer steps; the same seed gives the same sequences.
 * @param task - "find-max" (1 feature per step) or "add-two" (2: value and marker).
 * @param n - Number of sequences, an integer >= 1.
 * @param timeSteps - An integer >= 1 for find-max, >= 2 for add-two.
 * @param seed - An integer in [0, 2^32 - 1]; by default a random one.
 * @returns The data set; its tensors are the caller's to dispose().
 */
export function getSequenceTaskData(task: SequenceTask, n: number, timeSteps: number, seed = randomSeed()): SequenceTaskData {
  if (!sequenceTasks.includes(task)) {
    throw new RangeError(`task must be one of ${sequenceTasks.map((t) => `"${t}"`).join(', ')}, got ${JSON.stringify(task)}`);
  }
  requireInteger('n', n, 1);
  requireInteger('timeSteps', timeSteps, task === 'add-two' ? 2 : 1);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  const random = seededRandom(seed);
  const sample = task === 'find-max' ? findMaxSample : addTwoSample;
  const inputDim = task === 'find-max' ? 1 : 2;
  const threshold = task === 'find-max' ? 0.5 ** (1 / timeSteps) : 1;
  const xValues = new Float32Array(n * timeSteps * inputDim);
  const yValues = new Float32Array(n);
  const answers = new Float32Array(n);
  const answerPositions: number[][] = [];
  for (let i = 0; i < n; i++) {
    const steps = xValues.subarray(i * timeSteps * inputDim, (i + 1) * timeSteps * inputDim);
    const { answer, positions } = sample(steps, timeSteps, random);
    answers[i] = answer;
    yValues[i] = answer > threshold ? 1 : 0;
    answerPositions.push(positions);
  }
  const x = tf.tensor3d(xValues, [n, timeSteps, inputDim]);
  const y = tf.tensor2d(yValues, [n, 1]);
  return {
    x, y, answerPositions, answers,
    task: { task, seed, n, timeSteps, inputDim, threshold },
    dispose: () => tf.dispose([x, y]),
  };
}

function findMaxSample(steps: Float32Array, timeSteps: number, random: Random) {
  let best = 0;
  for (let t = 0; t < timeSteps; t++) {
    steps[t] = random.uniform();
    if (steps[t] > steps[best]) best = t;
  }
  return { answer: steps[best], positions: [best] };
}

function addTwoSample(steps: Float32Array, timeSteps: number, random: Random) {
  for (let t = 0; t < timeSteps; t++) steps[2 * t] = random.uniform();
  const first = random.int(timeSteps);
  const second = (first + 1 + random.int(timeSteps - 1)) % timeSteps; // any other step, uniformly
  steps[2 * first + 1] = 1;
  steps[2 * second + 1] = 1;
  return { answer: steps[2 * first] + steps[2 * second], positions: [Math.min(first, second), Math.max(first, second)] };
}
