/**
 * All six attributions of one trained dense attention network on held-out samples, scored against
 * the label's column and against each other: the core table of the faithfulness notebook.
 */
import { tf } from '../core/tf';
import { requireInteger } from '../core/validate';
import { attentionAttribution } from './attention-attribution';
import type { Attribution } from './attribution';
import { type Baseline, type IntegratedGradients, gradientTimesInput, integratedGradients, saliency } from './gradient-attributions';
import { occlusion, permutationImportance } from './perturbation-attributions';
import { type LabelRanking, labelRanking, meanKendallTau } from './ranking';

/** compareAttributions()'s settings. */
export interface CompareOptions {
  /** Integrated gradients' baseline: "zero" (default), "mean" or one number per column. */
  baseline?: Baseline;
  /** Integrated gradients' step count, an integer in [1, 100000]; default 50. */
  steps?: number;
  /** Shuffles per column for permutation importance, an integer >= 1; default 5. */
  repeats?: number;
  /** The permutations' seed, an integer in [0, 2^32 - 1]; default 0. */
  seed?: number;
}

/** Six attribution methods on the same samples, each scored against the label's column and against the others. */
export interface AttributionComparison {
  /** The label's column the methods are scored against. */
  attentionColumn: number;
  /** attention, saliency, gradient × input, integrated gradients, occlusion, permutation, in this order. */
  methods: Attribution[];
  /** Per method, in the order of `methods`. */
  rankings: LabelRanking[];
  /** tau[a][b]: mean Kendall τ between methods a and b. */
  tau: number[][];
  /** Integrated gradients' baseline and completeness check. */
  integratedGradients: Omit<IntegratedGradients, 'attribution'>;
  /**
   * Fractions of the samples whose label column is 0, and equal to integrated gradients' baseline
   * there: gradient × input gives such a column exactly 0, and integrated gradients the latter.
   */
  labelColumnAtZero: number;
  /** See labelColumnAtZero. */
  labelColumnAtBaseline: number;
}

function fractionEqual(x: tf.Tensor, column: number, value: number): number {
  return tf.tidy(() => x.slice([0, column], [-1, 1]).equal(value).cast('float32').mean().dataSync()[0]);
}

/**
 * All six attributions of one trained dense attention network on held-out samples, scored against the label's column and each other.
 * The column is not checked against the model's training data.
 * @param model - A model with an `attention_vec` layer of one weight per input column.
 * @param x - Held-out samples [n, columns].
 * @param y - Their labels, 0 or 1.
 * @param attentionColumn - The label's column, an integer in [0, columns - 1].
 */
export function compareAttributions(
  model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, attentionColumn: number, options: CompareOptions = {},
): AttributionComparison {
  const { baseline = 'zero', steps = 50, repeats = 5, seed = 0 } = options;
  requireInteger('attentionColumn', attentionColumn, 0, x.shape[x.rank - 1] - 1);
  const { attribution: ig, ...integrated } = integratedGradients(model, x, { baseline, steps });
  const methods = [
    attentionAttribution(model, x),
    saliency(model, x),
    gradientTimesInput(model, x),
    ig,
    occlusion(model, x),
    permutationImportance(model, x, y, { repeats, seed }),
  ];
  return {
    attentionColumn,
    methods,
    rankings: methods.map((method) => labelRanking(method, attentionColumn)),
    tau: methods.map((a) => methods.map((b) => (a === b ? 1 : meanKendallTau(a, b)))),
    integratedGradients: integrated,
    labelColumnAtZero: fractionEqual(x, attentionColumn, 0),
    labelColumnAtBaseline: fractionEqual(x, attentionColumn, integrated.baseline[attentionColumn]),
  };
}
