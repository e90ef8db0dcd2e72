/**
 * The dense notebook's own helpers (notebooks/attention_dense.ipynb), as `lab.dense`: the sweep
 * over label columns and seeds, its prose, tables, progress line and results.
 */
export { sweep, hitRate, type SweepOptions, type SweepRun } from './sweep';
export { describeAttentionPeak, describeCorrelation, describeSweep, describeFindings } from './narrative';
export { correlationTable, correlationVsAttention, sweepTable } from './tables';
export { sweepProgress } from './progress';
export { sweepResults } from './results';
export { attentionHeatmap, type AttentionHeatmapOptions } from './sweep-heatmap';
export { livePlayground } from '../../notebook/live-playground';
export type { PlaygroundSettings } from '../../notebook/playground-element';
