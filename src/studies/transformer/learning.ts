/**
 * While it learns: the Transformer trained on next-token prediction by train(), and after every
 * epoch the heads' target scores and the in-context scores on held-out sequences — so that a phase
 * change (the induction head forming, the in-context loss dropping) shows at the step it happens.
 */
import { tf } from '../../core/tf';
import { readAttentionPatterns } from '../../models/transformer/attention-patterns';
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

export interface LearningPoint {
  /** Optimizer steps so far (0: before training). */
  step: number;
  inContext: InContextScores;
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

export interface LearningRun {
  history: TrainingHistory;
  points: LearningPoint[];
  seconds: number;
}

export function measure(model: tf.LayersModel, heldOut: HeldOutSequences, step: number): LearningPoint {
  const logits = model.predict(heldOut.x) as tf.Tensor;
  const inContext = inContextScores(logits, heldOut);
  logits.dispose();
  return { step, inContext, heads: scoreHeads(readAttentionPatterns(model, heldOut.x), heldOut) };
}

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
