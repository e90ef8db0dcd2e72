/**
 * The attention map of sequence-task models: per held-out sequence, the weight of every time step,
 * next to the steps that hold that sequence's answer. The answer moves from sequence to sequence,
 * so a mean over samples (attentionVector) would blur it out; the map and the share of weight on
 * each sequence's own answer steps do not.
 */
import { ProvenanceError } from '../core/provenance';
import { argmax, mean, std } from '../core/statistics';
import { tf } from '../core/tf';
import { requireInteger } from '../core/validate';
import type { EpochReport } from '../training/train';
import { getActivations } from './activations';
import type { SequenceTaskData, SequenceTaskProvenance } from '../data/sequence-tasks';

/** A sequence model's per-step attention weights for held-out sequences, with each one's answer steps. */
export interface AttentionMap {
  /** The layer read out. */
  layerName: string;
  /** [sequence][time step]: each row sums to 1. */
  weights: number[][];
  /** [sequence]: the steps that hold that sequence's answer. */
  answerPositions: number[][];
  /** The data the sequences were taken from. */
  task: SequenceTaskProvenance;
}

/** readAttentionMap()'s settings. */
export interface MapOptions {
  /** The first `rows` sequences of the data: an integer in [1, data.task.n]; all by default. */
  rows?: number;
  /** A layer with one weight per time step; default "attention_weight". */
  layerName?: string;
}

/**
 * Reads the per-step weights of `layerName` for the first `rows` sequences of `data`.
 * Throws a ProvenanceError when the model reads another number of steps or features than the data has.
 * @returns The weights [sequence][step], the answer steps of those sequences and the data's settings.
 */
export function readAttentionMap(model: tf.LayersModel, data: SequenceTaskData, { rows = data.task.n, layerName = 'attention_weight' }: MapOptions = {}): AttentionMap {
  requireInteger('rows', rows, 1, data.task.n);
  const [, steps, features] = model.inputs[0].shape;
  if (steps !== data.task.timeSteps || features !== data.task.inputDim) {
    // A notebook re-run in part: the model was built before its settings changed, the data after.
    throw new ProvenanceError(`The model "${model.name}" reads sequences of ${String(steps)} steps × ${String(features)} features, but this `
      + `${data.task.task} data has ${data.task.timeSteps} × ${data.task.inputDim}: the settings changed since the model was built. `
      + 'Re-run the notebook from the task\'s data cell.');
  }
  const x = data.x.slice(0, rows);
  const { [layerName]: activation } = getActivations(model, x, { layerName });
  x.dispose();
  if (activation.rank !== 2 || activation.shape[1] !== data.task.timeSteps) {
    const shape = activation.shape.join(', ');
    activation.dispose();
    throw new RangeError(`layerName must name a layer with one weight per time step ([n, ${data.task.timeSteps}]); "${layerName}" gives [${shape}]`);
  }
  const weights = activation.arraySync() as number[][];
  activation.dispose();
  return { layerName, weights, answerPositions: data.answerPositions.slice(0, rows), task: data.task };
}

/** How much per-step weight sits on each sequence's answer steps. */
export interface AnswerFocus {
  /** Per sequence, the summed weight on its answer steps: mean and standard deviation. */
  onAnswer: { mean: number; std: number };
  /** What a uniform spread would put there (answer steps / time steps). */
  uniform: number;
  /** The fraction of sequences whose largest weight is on an answer step. */
  peakOnAnswer: number;
  /** Number of sequences scored. */
  sequences: number;
}

/**
 * Scores any per-step weights (each row summing to 1) against the answer steps: the map's, or attributions' shares.
 * Needs at least one row, and one entry of `answerPositions` per row, each naming steps of that row.
 */
export function answerFocus({ weights, answerPositions }: Pick<AttentionMap, 'weights' | 'answerPositions'>): AnswerFocus {
  if (weights.length === 0) throw new RangeError('weights must hold at least one row, got none');
  if (answerPositions.length !== weights.length) {
    throw new RangeError(`answerPositions must hold one entry per row of weights (${weights.length}), got ${answerPositions.length}`);
  }
  answerPositions.forEach((positions, row) => positions.forEach((step) => requireInteger(`answerPositions[${row}]'s step`, step, 0, weights[row].length - 1)));
  const shares = weights.map((row, i) => answerPositions[i].reduce((sum, t) => sum + row[t], 0));
  const onAnswer = { mean: mean(shares), std: std(shares) };
  const peaks = weights.filter((row, i) => answerPositions[i].includes(argmax(row))).length;
  const steps = weights[0].length;
  return {
    onAnswer,
    uniform: answerPositions.reduce((sum, p) => sum + p.length, 0) / answerPositions.length / steps,
    peakOnAnswer: peaks / weights.length,
    sequences: weights.length,
  };
}

/** The attention map read after one epoch of training. */
export interface EpochMap {
  /** 1-based; 0 is the untrained model's map. */
  epoch: number;
  /** The map after that epoch. */
  map: AttentionMap;
}

/**
 * An onEpoch callback for train() that reads the map of the first `rows` sequences of `data` after
 * every epoch (then calls `then`, e.g. the notebook's progress line), and the maps it collected,
 * starting with the untrained model's (epoch 0): much of the sharpening can happen in epoch 1.
 */
export function mapEachEpoch(model: tf.LayersModel, data: SequenceTaskData, options: MapOptions & { then?: (report: EpochReport) => void } = {}) {
  const maps: EpochMap[] = [{ epoch: 0, map: readAttentionMap(model, data, options) }];
  const onEpoch = (report: EpochReport) => {
    maps.push({ epoch: report.epoch, map: readAttentionMap(model, data, options) });
    options.then?.(report);
  };
  return { onEpoch, maps };
}
