/**
 * While it learns: the Transformer trained on next-token prediction by train(), and after every
 * epoch the heads' target scores and the in-context scores on held-out sequences — so that a phase
 * change (the induction head forming, the in-context loss dropping) shows at the step it happens.
 */
import { tf } from '../../core/tf';
import { predictWithPatterns } from '../../models/transformer/attention-patterns';
import { type HeadScore, type TargetsInput, bestInductionHead, scoreHeads } from '../../readout/head-scores';
import { type InContextInput, type InContextScores, inContextScores } from '../../readout/in-context';
import { type EpochReport, train, type TrainingHistory } from '../../training/train';

/** The prefix-matching score from which a head counts as an induction head (the criterion). */
export const inductionThreshold = 0.5;

export interface HeldOutSequences extends TargetsInput, InContextInput {
  x: tf.Tensor;
}

export interface TrainingSequences {
  x: tf.Tensor;
  y: tf.Tensor;
  mask: tf.Tensor;
}

/** The read-outs at one point of training: the in-context scores and every head's target scores. */
export interface LearningPoint {
  /** Optimizer steps so far (0: before training). */
  step: number;
  /** In-context scores on the held-out sequences. */
  inContext: InContextScores;
  /** Every head's scores against the target patterns on the held-out sequences. */
  heads: HeadScore[];
}

export interface LearningOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  validationSplit?: number;
  /** Called with each point as it is measured (e.g. for progress). */
  onPoint?: (point: LearningPoint, report?: EpochReport) => void | Promise<void>;
}

/** trainWatchingHeads()'s result. */
export interface LearningRun {
  /** train()'s history of the run. */
  history: TrainingHistory;
  /** One point before training, then one after every epoch. */
  points: LearningPoint[];
  /** Wall time of the training in seconds, without the read-outs between epochs. */
  seconds: number;
}

/**
 * Reads a Transformer's in-context scores and head scores on held-out sequences.
 * @param model - A model built by buildTransformer().
 * @param step - Optimizer steps so far, recorded on the point.
 * @returns The point measured at `step`.
 */
export function measure(model: tf.LayersModel, heldOut: HeldOutSequences, step: number): LearningPoint {
  const { logits, patterns } = predictWithPatterns(model, heldOut.x);
  const inContext = inContextScores(logits, heldOut);
  logits.dispose();
  return { step, inContext, heads: scoreHeads(patterns, heldOut) };
}

/**
 * Trains a Transformer with train() and measures it before training and after every epoch.
 * @param model - A model built by buildTransformer().
 * @param data - Training sequences: tokens, next tokens and the mask of the trained positions.
 * @param heldOut - The sequences the points are measured on.
 * @param options - train()'s epochs, batch size, learning rate, seed and validation split (0 by default), and onPoint.
 * @returns The training history, the points measured, and the training's own time.
 */
export async function trainWatchingHeads(
  model: tf.LayersModel, data: TrainingSequences, heldOut: HeldOutSequences, options: LearningOptions,
): Promise<LearningRun> {
  const { epochs, batchSize, learningRate, seed, validationSplit = 0, onPoint } = options;
  const first = measure(model, heldOut, 0);
  const points = [first];
  await onPoint?.(first);
  const started = performance.now();
  let measuring = 0;
  const history = await train(model, data, {
    epochs, batchSize, learningRate, seed, validationSplit,
    onEpoch: async (report) => {
      const before = performance.now();
      const point = measure(model, heldOut, report.epoch * Math.ceil(report.trainSamples / batchSize));
      points.push(point);
      measuring += performance.now() - before;
      await onPoint?.(point, report);
    },
  });
  // The training's own time, without the read-outs between epochs.
  return { history, points, seconds: (performance.now() - started - measuring) / 1000 };
}

/** The first step at which a head of `layer` (0-based) reached the induction threshold, or undefined. */
export function inductionFormationStep(points: LearningPoint[], layer: number, threshold = inductionThreshold): number | undefined {
  return points.find((point) => bestInductionHead(point.heads, layer).prefixMatching >= threshold)?.step;
}
