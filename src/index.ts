/**
 * attention-lab: the Keras attention-mechanism experiment in TypeScript — what a notebook uses.
 * Notebooks import this module (built to build/src) as `../build/src`: a flat core that two or
 * more notebooks share, and one namespace per notebook for what only that notebook uses.
 */

// Data with a known answer, and the networks that learn it.
export { getData, getRecurrentData, type AttentionData, type RecurrentAttentionData, type DenseDataSet } from './data/synthetic';
export { getSequenceTaskData, type SequenceTask, type SequenceTaskData, type SequenceTaskProvenance } from './data/sequence-tasks';
export { buildAttentionModel, type AttentionModelOptions } from './models/dense/model';
export { buildRecurrentAttentionModel, type RecurrentAttentionModelOptions } from './models/recurrent/model';
export { attention, Attention, type AttentionOptions, type AttentionScore } from './models/sequence/attention-layer';
export { buildSequenceAttentionModel, type SequenceModelOptions, type SequenceEncoder } from './models/sequence/model';

// Training, and where results came from.
export {
  train, evaluate, type TrainingHistory, type TrainingMetrics, type EpochReport, type LabelledData,
} from './training/train';
export type { TrainOptions } from './training/options';
export type { RouteReport, RouteCheck } from './training/gradient-routes';
export { ProvenanceError, type DataProvenance } from './core/provenance';
export { deriveSeed } from './core/random';
export { argmax, labelCorrelation } from './core/statistics';

// Reading out what a layer computes.
export { summarize, formatSummary, type ModelSummary, type LayerSummary } from './readout/summary';
export { getActivations, attentionVector, type ActivationOptions, type AttentionSummary, type ReadOutInputs } from './readout/activations';
export { readAttentionMap, answerFocus, type AttentionMap, type AnswerFocus, type EpochMap, type MapOptions } from './readout/attention-map';

// Attribution methods, scored against the known answer.
export { type Attribution, type AttributionMethod, type Predictor } from './explain/attribution';
export { attentionAttribution } from './explain/attention-attribution';
export {
  saliency, gradientTimesInput, integratedGradients, type Baseline, type IntegratedGradients, type IntegratedGradientsOptions,
} from './explain/gradient-attributions';
export { occlusion, permutationImportance, type PermutationOptions } from './explain/perturbation-attributions';
export { labelRanking, kendallTau, meanKendallTau, type LabelRanking } from './explain/ranking';
export { compareAttributions, type AttributionComparison, type CompareOptions } from './explain/compare-methods';
export {
  stepIntegratedGradients, stepAnswerFocus, stepAgreement,
  type SequencePredictor, type StepAttributionOptions, type StepAttributions, type StepAgreement,
} from './explain/step-attributions';

// Charts: vega-lite in JupyterLab, SVG with alt text in exports.
export {
  attentionChart, attentionOverTime, trainingCurves, renderSvg, saveSvg,
  attentionMapChart, attentionMapEpochs, attentionVsAttributionChart, type AttentionMapOptions,
  type AttentionChartOptions, type AttentionOverTimeOptions, type TrainingCurvesOptions,
} from './plots';
export { attributionChart, type AttributionChartOptions } from './plots/attribution-chart';

// The notebook side: display, tables, prose every notebook uses, progress, results, re-runnable cells.
export { show, showHtml, showMarkdown } from './notebook/display';
export { showTable, type TableOptions } from './notebook/tables';
export { describeAttention, describeTraining, type DescribeAttentionOptions } from './notebook/narrative';
export { notebookProgress, formatRoute } from './notebook/progress';
export { publishResults, runResults, type RunFigures } from './notebook/results';
export { owned, disposeOwned } from './notebook/owned';

// Multi-head self-attention and the decoder-only Transformer built on it.
export { multiHeadAttention, MultiHeadAttention, type MultiHeadAttentionOptions } from './models/transformer/multihead-attention';
export { buildTransformer, type TransformerOptions } from './models/transformer/model';

// One namespace per notebook.
export * as dense from './studies/dense';
export * as faithfulness from './studies/faithfulness';
export * as sequence from './studies/sequence';
export * as transformer from './studies/transformer';
