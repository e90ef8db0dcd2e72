/**
 * What train() minimises and counts, resolved from the model: the original's binary cross-entropy
 * on one sigmoid output, or — for a model whose builder declared it (the Transformer's) —
 * next-token prediction: softmax cross-entropy over the vocabulary at every position the mask
 * selects, accuracy as the share of those positions whose most likely token is the target.
 *
 * An objective turns the data into one label tensor whose first axis is the samples' (train()
 * shuffles, splits and batches it like x), checked before anything runs.
 */
import { tf } from '../core/tf';
import { binaryCrossentropy, countCorrect } from './metrics';
import { requireMatchingData } from './supported-models';

export type ObjectiveKind = 'binary' | 'next-token';

export interface ObjectiveData {
  x: tf.Tensor;
  y: tf.Tensor;
  /** Next-token only: 1 where a position's prediction counts, 0 where not; every position by default. */
  mask?: tf.Tensor;
}

export interface EpochMetrics {
  /** Mean loss over what was scored. */
  loss: tf.Scalar;
  correct: tf.Scalar;
  /** How many predictions were scored (samples, or selected positions). */
  scored: tf.Scalar;
  /** Next-token only: correct and scored predictions per position, [steps] each. */
  perPosition?: { correct: tf.Tensor1D; scored: tf.Tensor1D };
}

export interface Objective {
  kind: ObjectiveKind;
  /** Checks the data against the model and returns the labels train() batches; the caller owns them. */
  labels(model: tf.LayersModel, data: ObjectiveData): tf.Tensor;
  /** The mean loss of a batch, what the gradients are of. */
  loss(labels: tf.Tensor, outputs: tf.Tensor): tf.Scalar;
  /** The tensors it returns are the caller's. */
  metrics(labels: tf.Tensor, outputs: tf.Tensor): EpochMetrics;
}

const binary: Objective = {
  kind: 'binary',
  labels(model, data) {
    if (data.mask !== undefined) throw new RangeError(`data.mask selects positions for next-token models; "${model.name}" has one sigmoid output`);
    requireMatchingData(model, data);
    return data.y.clone();
  },
  loss: binaryCrossentropy,
  metrics: (labels, outputs) => tf.tidy(() => ({
    loss: binaryCrossentropy(labels, outputs), correct: countCorrect(labels, outputs), scored: tf.scalar(labels.shape[0]),
  })),
};

// A symbol property on the model, set by its builder, as gradient routes are attached.
const nextTokenKey = Symbol.for('attention-lab.next-token');
type WithNextToken = tf.LayersModel & { [nextTokenKey]?: { vocabulary: number } };

/** Called by a model's builder: the model maps token ids [batch, steps] to logits [batch, steps, vocabulary]. */
export function declareNextToken(model: tf.LayersModel, vocabulary: number): void {
  (model as WithNextToken)[nextTokenKey] = { vocabulary };
}

export function objectiveOf(model: tf.LayersModel): Objective {
  const declared = (model as WithNextToken)[nextTokenKey];
  return declared === undefined ? binary : nextToken(declared.vocabulary);
}

/** Token ids must be whole numbers in [0, vocabulary); returns the first offender's message. */
function badTokenId(values: ArrayLike<number>, vocabulary: number, steps: number): string | undefined {
  for (let i = 0; i < values.length; i++) {
    const id = values[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocabulary) {
      return `token ids must be integers in [0, ${vocabulary - 1}] (the vocabulary), got ${id} at sequence ${Math.floor(i / steps)}, position ${i % steps}`;
    }
  }
  return undefined;
}

function nextToken(vocabulary: number): Objective {
  // Labels: [n, steps, 2], the target ids and the mask, so that both are shuffled and batched as one.
  const targets = (labels: tf.Tensor) => labels.gather(0, 2);
  const selected = (labels: tf.Tensor) => labels.gather(1, 2);
  const perPrediction = (labels: tf.Tensor, logits: tf.Tensor) => {
    const ids = targets(labels).cast('int32');
    const crossentropy = tf.logSoftmax(logits).mul(tf.oneHot(ids, vocabulary)).sum(-1).neg();
    const correct = logits.argMax(-1).equal(ids).cast('float32');
    return { crossentropy, correct, mask: selected(labels) };
  };
  const objective: Objective = {
    kind: 'next-token',
    labels(model, { x, y, mask }) {
      const [steps, outputVocabulary] = model.outputs[0].shape.slice(1);
      const expectedSteps = model.inputs[0].shape[1];
      const [n, length] = x.shape as number[];
      if (x.rank !== 2 || (expectedSteps !== null && length !== expectedSteps)) {
        throw new RangeError(`data.x must hold token ids of shape [n, ${String(expectedSteps)}] for model "${model.name}", got [${x.shape.join(', ')}]`);
      }
      if (outputVocabulary !== vocabulary || (steps !== null && steps !== expectedSteps)) {
        throw new RangeError(`model "${model.name}" must output logits [batch, ${String(expectedSteps)}, ${vocabulary}], got [${model.outputs[0].shape.map(String).join(', ')}]`);
      }
      for (const [name, tensor] of [['data.y', y], ['data.mask', mask]] as const) {
        if (tensor !== undefined && (tensor.rank !== 2 || tensor.shape[0] !== n || tensor.shape[1] !== length)) {
          throw new RangeError(`${name} must have the shape of data.x, [${x.shape.join(', ')}], got [${tensor.shape.join(', ')}]`);
        }
      }
      for (const [name, tensor] of [['data.x', x], ['data.y', y]] as const) {
        const problem = badTokenId(tensor.dataSync(), vocabulary, length);
        if (problem !== undefined) throw new RangeError(`${name}: ${problem}`);
      }
      if (mask !== undefined) {
        const values = mask.dataSync();
        const bad = values.findIndex((value) => value !== 0 && value !== 1);
        if (bad >= 0) throw new RangeError(`data.mask must hold 0 and 1, got ${values[bad]} at sequence ${Math.floor(bad / length)}`);
        if (!values.includes(1)) throw new RangeError('data.mask selects no position: nothing would be trained');
      }
      return tf.tidy(() => tf.stack([y.cast('float32'), mask === undefined ? tf.onesLike(y).cast('float32') : mask.cast('float32')], 2));
    },
    loss: (labels, logits) => tf.tidy(() => {
      const { crossentropy, mask } = perPrediction(labels, logits);
      return crossentropy.mul(mask).sum().div(mask.sum().maximum(1)) as tf.Scalar;
    }),
    // One pass over the epoch's logits for every figure: the log-softmax over all of them is most of the cost.
    metrics: (labels, logits) => tf.tidy(() => {
      const { crossentropy, correct, mask } = perPrediction(labels, logits);
      const scored = mask.sum() as tf.Scalar;
      const scoredCorrect = correct.mul(mask);
      return {
        loss: crossentropy.mul(mask).sum().div(scored.maximum(1)) as tf.Scalar, correct: scoredCorrect.sum() as tf.Scalar, scored,
        perPosition: { correct: scoredCorrect.sum(0) as tf.Tensor1D, scored: mask.sum(0) as tf.Tensor1D },
      };
    }),
  };
  return objective;
}
