/**
 * The original experiment's data with a distractor: besides the label's column, a second column
 * carries the label too — an exact copy (noise 0) or the label plus Gaussian noise of a given size.
 * Which of the two an attribution method credits is the question; the true answer is "both, as
 * far as the model is concerned", and with noise, "the clean one more".
 */
import { randomSeed } from '../core/random';
import { requireInteger, requireNumberInRange } from '../core/validate';
import { type DenseDataSet, denseDataSet, fillSamples } from './synthetic';

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
  // The original's samples; the noise is drawn even for noise 0, so that the other columns do not depend on its size.
  const samples = fillSamples(n, 1, inputDim, attentionColumn, seed, (sample, label, random) => {
    sample[distractorColumn] = label + noise * random.normal();
  });
  return { ...denseDataSet(samples, inputDim, attentionColumn, seed), distractorColumn, noise };
}
