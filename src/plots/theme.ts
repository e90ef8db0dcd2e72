import type { Config } from 'vega-lite';

/**
 * One colour scheme for every chart, so that a colour keeps its meaning across a notebook:
 * red always marks the label's column (or time step), blue-grey the other inputs.
 */
export const colors = {
  label: '#e45756',
  otherInput: '#9fb3c8',
  series: '#4c78a8',
  training: '#4c78a8',
  validation: '#f58518',
} as const;

/** Every spec declares vega-lite 5: JupyterLab 4 renders vega-lite v3–v5, not v6. */
export const vegaLiteSchema = 'https://vega.github.io/schema/vega-lite/v5.json';

/** The sequential scheme for attention intensities (light = little, dark = much). */
export const heatScheme = 'blues';

/** Fonts and frames tuned to read well both in JupyterLab and in exported HTML. */
export const chartConfig: Config = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: '#555', anchor: 'start', offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#333', gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'top' },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

/** Width for a chart with one band per input column: room for few columns, capped for many. */
export function widthForBands(count: number, minWidth = 400, maxWidth = 900, step = 24): number {
  return Math.max(minWidth, Math.min(maxWidth, count * step));
}
