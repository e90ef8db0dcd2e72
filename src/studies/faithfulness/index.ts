/**
 * The faithfulness notebook's own helpers (notebooks/attention_faithfulness.ipynb), as
 * `lab.faithfulness`: interventions on the attention, networks without it, attention while
 * learning, distractors, and the prose, tables and results that report them.
 */
export { attentionInterventions, outputWithAttention, type InterventionKind, type InterventionResult } from './interventions';
export { compareWithoutAttention, type AblationOptions, type VariantRun } from './ablation';
export { attentionWhileLearning, type LearningOptions, type LearningRun, type LearningPoint } from './while-learning';
export { distractorExperiment, type DistractorExperimentOptions, type DistractorRun } from './distractors';
export {
  describeAttributionRanking, describeCompleteness, describeBaselineBlindSpot, describeAgreement, describeInterventions,
  describeVariants, describeLearning, describeDistractor, describeFaithfulnessFindings, type FaithfulnessFindings,
} from './narrative';
export { attributionTable, agreementTable, interventionTable, variantTable } from './tables';
export { faithfulnessResults } from './results';
export { attentionWhileLearningChart, type AttentionWhileLearningOptions } from './while-learning-chart';
export { variantCurves, type VariantCurvesOptions } from './variant-curves';
