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
export { getActivations, attentionVector, type ActivationOptions, type AttentionSummary } from './experiment/activations';
export { sweep, hitRate, type SweepOptions, type SweepRun } from './experiment/sweep';

// Training.
export { train, evaluate, type TrainOptions, type TrainingHistory, type EpochReport, type LabelledData } from './training/train';

// Seeds and statistics.
export { deriveSeed } from './core/random';
export { argmax, labelCorrelation } from './core/statistics';

// The notebook side: charts, tables, prose, progress, results, re-runnable cells.
export {
  attentionChart, attentionHeatmap, attentionOverTime, trainingCurves, renderSvg, saveSvg,
  type AttentionChartOptions, type AttentionHeatmapOptions, type AttentionOverTimeOptions, type TrainingCurvesOptions,
} from './plots';
export { show, showHtml, showMarkdown } from './notebook/display';
export { showTable, correlationTable, correlationVsAttention, sweepTable, type TableOptions } from './notebook/tables';
export {
  describeAttention, describeAttentionPeak, describeCorrelation, describeFindings, describeSweep, describeTraining,
} from './notebook/narrative';
export { notebookProgress, sweepProgress } from './notebook/progress';
export { publishResults, runResults, type RunFigures } from './notebook/results';
export { owned, disposeOwned } from './notebook/owned';
