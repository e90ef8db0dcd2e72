/** Chart specs (vega-lite 5, plain data) for the attention experiment, and their headless rendering. */
export { attentionChart, originalAttentionTitle, type AttentionChartOptions } from './attention-chart';
export { attentionOverTime, type AttentionOverTimeOptions } from './attention-over-time';
export { trainingCurves, type TrainingCurvesOptions } from './training-curves';
export { renderSvg, saveSvg } from './render';
export { colors } from './theme';
export { attentionMapChart, attentionMapEpochs, attentionVsAttributionChart, type AttentionMapOptions } from './attention-map';
