import type { TopLevelSpec } from 'vega-lite';
import { chartConfig, colors, vegaLiteSchema } from '../src/plots/theme';

/** One measured point of a throughput curve. */
export interface ScalingPoint {
  runtime: string;
  n: number;
  inputDim: number;
  samplesPerSecond: number;
}

/** One runtime's median of a benchmark metric, for a bar chart of the main comparison. */
export interface RuntimeBar {
  runtime: string;
  value: number;
}

/** Training throughput against n (log scale), one line per runtime, one panel per input_dim. */
export function scalingChart(points: ScalingPoint[], title = 'Training throughput vs data size'): TopLevelSpec {
  if (points.length === 0) throw new Error('no scaling points to plot');
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle: 'samples/s of training, higher is better; one panel per input_dim' },
    data: { values: points },
    facet: { column: { field: 'inputDim', type: 'ordinal', title: 'input_dim' } },
    spec: {
      width: 220,
      height: 220,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'n', type: 'quantitative', title: 'n (samples)', scale: { type: 'log' }, axis: { format: '~s' } },
        y: { field: 'samplesPerSecond', type: 'quantitative', title: 'samples/s' },
        color: { field: 'runtime', type: 'nominal', legend: { title: null, labelLimit: 0 } }, // runtime names in full
        tooltip: [
          { field: 'runtime', type: 'nominal' },
          { field: 'n', type: 'quantitative', format: ',' },
          { field: 'inputDim', type: 'ordinal', title: 'input_dim' },
          { field: 'samplesPerSecond', type: 'quantitative', title: 'samples/s', format: ',.0f' },
        ],
      },
    },
    config: chartConfig,
  };
}

/** Horizontal bars, one per runtime, each labelled with its value. */
export function runtimeBars(bars: RuntimeBar[], title: string, axisTitle: string): TopLevelSpec {
  if (bars.length === 0) throw new Error('no bars to plot');
  const y = { field: 'runtime', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 0 } };
  return {
    $schema: vegaLiteSchema,
    title,
    width: 420,
    data: { values: bars },
    encoding: { y, x: { field: 'value', type: 'quantitative', title: axisTitle } },
    layer: [
      { mark: { type: 'bar', color: colors.series } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'value', type: 'quantitative', format: ',.2~f' } } },
    ],
    config: chartConfig,
  };
}
