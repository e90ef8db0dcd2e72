/**
 * attention-lab: the Keras attention-mechanism experiment in TypeScript.
 * Notebooks import this module (built to build/src) as `../build/src`.
 */
export { tf } from './tf';
export * from './types';
export { getData, getRecurrentData } from './data';
export type { AttentionData, RecurrentAttentionData } from './data';
export { seededRandom, deriveSeed, randomSeed } from './random';
export { buildAttentionModel } from './model';
export type { AttentionModelOptions } from './model';
export { buildRecurrentAttentionModel } from './recurrent-model';
export type { RecurrentAttentionModelOptions } from './recurrent-model';
export { summarize, formatSummary } from './summary';
export type { ModelSummary, LayerSummary } from './summary';
export { getActivations, attentionVector } from './activations';
export type { ActivationOptions } from './activations';
export { train, evaluate } from './train';
export type { TrainOptions, EpochReport, LabelledData } from './train';
export { formatEpoch, notebookProgress } from './progress';
export { sweep, hitRate, argmax } from './sweep';
export type { SweepOptions } from './sweep';
export { owned, disposeOwned } from './owned';
export { describeAttention, describeSweep } from './narrative';
export * from './plots';
export { show, chartBundle, showHtml, htmlBundle, publishResults, inTslabKernel } from './display';
export { showTable, tableBundle, labelCorrelation, correlationVsAttention } from './tables';
export type { TableOptions } from './tables';
