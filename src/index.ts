/**
 * attention-lab: the Keras attention-mechanism experiment in TypeScript — what a notebook uses.
 * Notebooks import this module (built to build/src) as `../build/src`. The benchmark and the CLI
 * import the modules they need directly.
 */

// The experiment: data, the two networks, reading out what a layer computes, sweeps.
export { getData, getRecurrentData, type AttentionData, type RecurrentAttentionData } from './experiment/data';
export { buildAttentionModel, type AttentionModelOptions } from './experiment/dense-model';
export { buildRecurrentAttentionModel, type RecurrentAttentionModelOptions } from './experiment/recurrent-model';
export { summarize, formatSummary, type ModelSummary, type LayerSummary } from './experiment/summary';
export { getActivations, attentionVector, type ActivationOptions, type AttentionSummary, type ReadOutInputs } from './experiment/activations';
export { sweep, hitRate, type SweepOptions, type SweepRun } from './experiment/sweep';
export { buildUniformAttentionModel, buildNoAttentionModel } from './experiment/dense-variants';
export { getDistractorData, type DistractorData, type DistractorOptions } from './experiment/distractor-data';

// Explaining a trained network: attributions scored against the known answer, interventions, controls.
export { type Attribution, type Predictor } from './explain/attribution';
export { attentionAttribution } from './explain/attention-attribution';
export {
  saliency, gradientTimesInput, integratedGradients, type Baseline, type IntegratedGradients, type IntegratedGradientsOptions,
} from './explain/gradient-attributions';
export { occlusion, permutationImportance, type PermutationOptions } from './explain/perturbation-attributions';
export { labelRanking, kendallTau, meanKendallTau, type LabelRanking } from './explain/ranking';
export { compareAttributions, type AttributionComparison, type CompareOptions } from './explain/compare-methods';
export { attentionInterventions, outputWithAttention, type InterventionKind, type InterventionResult } from './explain/interventions';
export { compareWithoutAttention, type AblationOptions, type VariantRun } from './explain/attention-ablation';
export { attentionWhileLearning, type LearningOptions, type LearningRun, type LearningPoint } from './explain/attention-while-learning';
export { distractorExperiment, type DistractorExperimentOptions, type DistractorRun } from './explain/distractors';
// Attention over sequences (Luong / Bahdanau), its two tasks and models.
export { attention, Attention, AttentionWeights, type AttentionOptions, type AttentionScore } from './experiment/attention-layer';
export { getSequenceTaskData, type SequenceTask, type SequenceTaskData, type SequenceTaskProvenance } from './experiment/sequence-tasks';
export { buildSequenceAttentionModel, buildSequenceDenseModel, type SequenceModelOptions, type SequenceEncoder } from './experiment/sequence-models';
export { readAttentionMap, answerFocus, mapEachEpoch, type AttentionMap, type AnswerFocus, type EpochMap, type MapOptions } from './experiment/attention-map';
export { compareWithDense, type ComparisonOptions, type ComparisonRun } from './experiment/sequence-comparison';
export {
  stepIntegratedGradients, stepAnswerFocus, stepAgreement,
  type SequencePredictor, type StepAttributionOptions, type StepAttributions, type StepAgreement,
} from './explain/step-attributions';

// Training, and where results came from.
export {
  train, evaluate, type TrainOptions, type TrainingHistory, type TrainingMetrics, type EpochReport, type LabelledData,
} from './training/train';
export type { RouteReport, RouteCheck } from './training/gradient-routes';
export { ProvenanceError, type DataProvenance } from './core/provenance';

// Seeds and statistics.
export { deriveSeed } from './core/random';
export { argmax, labelCorrelation } from './core/statistics';

// The notebook side: charts, tables, prose, progress, results, re-runnable cells.
export {
  attentionChart, attentionHeatmap, attentionOverTime, trainingCurves, renderSvg, saveSvg,
  attentionMapChart, attentionMapEpochs, attentionVsAttributionChart, headComparisonChart, type AttentionMapOptions, type HeadComparisonOptions,
  type AttentionChartOptions, type AttentionHeatmapOptions, type AttentionOverTimeOptions, type TrainingCurvesOptions,
} from './plots';
export { attributionChart, type AttributionChartOptions } from './plots/attribution-chart';
export { attentionWhileLearningChart, type AttentionWhileLearningOptions } from './plots/attention-while-learning-chart';
export { variantCurves, type VariantCurvesOptions } from './plots/variant-curves';
export { show, showHtml, showMarkdown } from './notebook/display';
export { showTable, correlationTable, correlationVsAttention, sweepTable, type TableOptions } from './notebook/tables';
export {
  describeAttention, describeAttentionPeak, describeCorrelation, describeFindings, describeSweep, describeTraining,
  type DescribeAttentionOptions,
} from './notebook/narrative';
export {
  describeAttributionRanking, describeCompleteness, describeBaselineBlindSpot, describeAgreement, describeInterventions, describeVariants, describeLearning,
  describeDistractor, describeFaithfulnessFindings,
} from './notebook/faithfulness-narrative';
export { attributionTable, agreementTable, interventionTable, variantTable } from './notebook/faithfulness-tables';
export { faithfulnessResults } from './notebook/faithfulness-results';
export { notebookProgress, sweepProgress, formatRoute } from './notebook/progress';
export { publishResults, runResults, type RunFigures } from './notebook/results';
export {
  describeSequenceTask, describeAnswerFocus, describeMapEvolution, describeHeadComparison, describeMapFindings, describeStepAttributions,
} from './notebook/sequence-narrative';
export { sequenceTaskResults, comparisonProgress, type SequenceTaskFigures } from './notebook/sequence-results';
export { owned, disposeOwned } from './notebook/owned';
export { livePlayground } from './notebook/live-playground';
export type { PlaygroundSettings } from './notebook/playground-element';
