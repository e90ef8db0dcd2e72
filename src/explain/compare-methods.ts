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

export interface CompareOptions {
  /** Integrated gradients' baseline and step count. */
  baseline?: Baseline;
  steps?: number;
  /** Shuffles per column for permutation importance, and their seed. */
  repeats?: number;
  seed?: number;
}

export interface AttributionComparison {
  attentionColumn: number;
  methods: Attribution[];
  /** Per method, in the order of `methods`. */
  rankings: LabelRanking[];
  /** tau[a][b]: mean Kendall τ between methods a and b. */
  tau: number[][];
  integratedGradients: Omit<IntegratedGradients, 'attribution'>;
  /**
   * Fractions of the samples whose label column is 0, and equal to integrated gradients' baseline
   * there: gradient × input gives such a column exactly 0, and integrated gradients the latter.
   */
  labelColumnAtZero: number;
  labelColumnAtBaseline: number;
}

function fractionEqual(x: tf.Tensor, column: number, value: number): number {
  return tf.tidy(() => x.slice([0, column], [-1, 1]).equal(value).cast('float32').mean().dataSync()[0]);
}

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
