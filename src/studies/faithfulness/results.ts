/** The faithfulness notebook's key figures as results.json holds them (published with publishResults()). */
import { tf } from '../../core/tf';
import type { VariantRun } from './ablation';
import type { LearningRun } from './while-learning';
import type { AttributionComparison } from '../../explain/compare-methods';
import type { DistractorRun } from './distractors';
import type { InterventionResult } from './interventions';
import { epochAccuracyReached, epochAttentionSettled, type FaithfulnessFindings } from './narrative';

function methodFigures(comparison: AttributionComparison) {
  return Object.fromEntries(comparison.methods.map((method, i) => {
    const { firstPerSample, firstOnAverage, rankOnAverage, share } = comparison.rankings[i];
    return [method.method, { mean: method.mean, std: method.std, firstPerSample, firstOnAverage, rankOnAverage, share }];
  }));
}

function distractorFigures(run: DistractorRun) {
  const { comparison } = run;
  return {
    noise: run.noise,
    distractorColumn: run.distractorColumn,
    testAcc: run.testAcc,
    methods: Object.fromEntries(comparison.methods.map((method) => {
      const positive = method.mean.map((m) => Math.max(0, m));
      const total = positive.reduce((a, b) => a + b, 0) || 1;
      return [method.method, { labelShare: positive[comparison.attentionColumn] / total, copyShare: positive[run.distractorColumn] / total }];
    })),
  };
}

export interface FaithfulnessFigures extends FaithfulnessFindings {
  /** Validation accuracy of the explained network. */
  finalValAcc: number;
}

/**
 * The faithfulness notebook's key figures as results.json holds them: the methods' rankings, interventions,
 * variants, learning, distractors and the explained network's validation accuracy.
 */
export function faithfulnessResults({ comparison, interventions, variants, learning, distractors, finalValAcc, target = 0.99 }: FaithfulnessFigures): Record<string, unknown> {
  return {
    finalValAcc,
    attentionColumn: comparison.attentionColumn,
    testSamples: comparison.methods[0].samples,
    methods: methodFigures(comparison),
    kendallTau: { methods: comparison.methods.map((m) => m.method), matrix: comparison.tau },
    integratedGradients: comparison.integratedGradients,
    interventions: Object.fromEntries(interventions.map((r: InterventionResult) =>
      [r.intervention, { accuracy: r.accuracy, flipped: r.flipped, meanAbsChange: r.meanAbsChange }])),
    variants: variants.map((r: VariantRun) => ({
      variant: r.variant, parameters: r.parameters, epochsToTarget: r.epochsToTarget, target, valAcc: r.history.val_acc,
    })),
    learning: learning.map((run: LearningRun) => ({
      seed: run.seed,
      share: run.points.map((p) => p.share),
      rank: run.points.map((p) => p.rank),
      valAcc: run.points.map((p) => p.valAcc),
      attentionSettledEpoch: epochAttentionSettled(run),
      accuracyReachedEpoch: epochAccuracyReached(run, target),
    })),
    distractors: distractors.map(distractorFigures),
    // Tensors still alive at the end of the run: a growing count across re-runs would be a leak.
    tensorsInMemory: tf.memory().numTensors,
  };
}
