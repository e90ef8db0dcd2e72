/**
 * In-context learning, read from a Transformer's logits on a token task: the loss and accuracy at
 * the positions whose next token only the context gives (the repeat), and the in-context learning
 * score — the loss there minus the loss at the first occurrence (Olsson et al. 2022 compare a late
 * token with an early one; here the repeat with the segment it repeats). Negative: the context helps.
 */
import { tf } from '../core/tf';

export interface InContextInput {
  /** Next tokens [sequences, length]. */
  y: tf.Tensor;
  inContext: Uint8Array;
  firstOccurrence: Uint8Array;
}

export interface InContextScores {
  /** Share of in-context positions whose most likely next token is right. */
  accuracy: number;
  /** Mean cross-entropy at the in-context positions (nats). */
  loss: number;
  /** Mean cross-entropy at the first occurrence (NaN for tasks without one). */
  firstOccurrenceLoss: number;
  /** loss − firstOccurrenceLoss. */
  iclScore: number;
}

/** Per position: cross-entropy of the next token and whether the most likely one is it, [sequences × length] each. */
export function positionLosses(logits: tf.Tensor, y: tf.Tensor): { loss: Float32Array; correct: Uint8Array } {
  const [loss, correct] = tf.tidy(() => {
    const ids = y.cast('int32');
    const crossentropy = tf.logSoftmax(logits).mul(tf.oneHot(ids, logits.shape[2] as number)).sum(-1).neg();
    return [crossentropy, logits.argMax(-1).equal(ids)];
  });
  const result = { loss: Float32Array.from(loss.dataSync()), correct: Uint8Array.from(correct.dataSync()) };
  tf.dispose([loss, correct]);
  return result;
}

const meanWhere = (values: ArrayLike<number>, selected: Uint8Array): number => {
  let [sum, count] = [0, 0];
  for (let i = 0; i < selected.length; i++) {
    if (selected[i] === 1) {
      sum += values[i];
      count += 1;
    }
  }
  return count === 0 ? NaN : sum / count;
};

export function inContextScores(logits: tf.Tensor, data: InContextInput): InContextScores {
  const [sequences, length] = logits.shape as number[];
  if (logits.rank !== 3 || sequences * length !== data.inContext.length) {
    throw new RangeError(`logits must be [sequences, length, vocabulary] for the ${data.inContext.length} positions of the data, got [${logits.shape.join(', ')}]`);
  }
  const { loss, correct } = positionLosses(logits, data.y);
  const inContextLoss = meanWhere(loss, data.inContext);
  const firstOccurrenceLoss = meanWhere(loss, data.firstOccurrence);
  return { accuracy: meanWhere(correct, data.inContext), loss: inContextLoss, firstOccurrenceLoss, iclScore: inContextLoss - firstOccurrenceLoss };
}
