/**
 * The original experiment's data with a distractor: besides the label's column, a second column
 * carries the label too — an exact copy (noise 0) or the label plus Gaussian noise of a given size.
 * Which of the two an attribution method credits is the question; the true answer is "both, as
 * far as the model is concerned", and with noise, "the clean one more".
 */
import { randomSeed, seededRandom } from '../core/random';
import { tf } from '../core/tf';
import { requireInteger, requireNumberInRange } from '../core/validate';
import type { DenseDataSet } from './data';

export interface DistractorData extends DenseDataSet {
  /** Holds the label plus noise · N(0, 1); attentionColumn holds it exactly. */
  distractorColumn: number;
  noise: number;
}

export interface DistractorOptions {
  attentionColumn: number;
  distractorColumn: number;
  /** Standard deviation of the noise added to the distractor's copy; 0 makes it an exact copy. */
  noise?: number;
  seed?: number;
}

export function getDistractorData(n: number, inputDim: number, options: DistractorOptions): DistractorData {
  const { attentionColumn, distractorColumn, noise = 0, seed = randomSeed() } = options;
  requireInteger('n', n, 1);
  requireInteger('inputDim', inputDim, 2);
  requireInteger('attentionColumn', attentionColumn, 0, inputDim - 1);
  requireInteger('distractorColumn', distractorColumn, 0, inputDim - 1);
  if (distractorColumn === attentionColumn) {
    throw new RangeError(`distractorColumn must differ from attentionColumn (${attentionColumn}), got ${distractorColumn}`);
  }
  requireNumberInRange('noise', noise, 0, Infinity);
  const random = seededRandom(seed);
  const xValues = new Float32Array(n * inputDim);
  const yValues = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = random.uniform() < 0.5 ? 0 : 1;
    yValues[i] = label;
    const row = i * inputDim;
    for (let j = 0; j < inputDim; j++) xValues[row + j] = random.normal();
    xValues[row + attentionColumn] = label;
    // The noise is drawn even for noise 0, so that the other columns do not depend on its size.
    xValues[row + distractorColumn] = label + noise * random.normal();
  }
  const x = tf.tensor2d(xValues, [n, inputDim]);
  const y = tf.tensor2d(yValues, [n, 1]);
  return {
    x, y, xValues, yValues, n, inputDim, attentionColumn, distractorColumn, noise, seed,
    provenance: { attentionColumn, seed, n, inputDim },
    dispose: () => tf.dispose([x, y]),
  };
}
