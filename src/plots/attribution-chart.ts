import type { TopLevelSpec } from 'vega-lite';
import { requireInteger } from '../core/validate';
import type { Attribution } from '../explain/attribution';
import { chartConfig, colors, heatScheme, vegaLiteSchema, widthForBands } from './theme';

/** attributionChart()'s settings. */
export interface AttributionChartOptions {
  /** The column that holds the label: outlined in the label colour. */
  attentionColumn?: number;
  /** A column holding a copy of the label: outlined dashed. */
  distractorColumn?: number;
  /** The chart's title; default "Which column does each method credit?". */
  title?: string;
}

interface AttributionCell {
  method: string;
  column: number;
  /** The column's share of the method's mean scores (negative means as 0), so methods of different units compare. */
  share: number;
  mean: number;
  std: number;
  role: 'label' | 'copy' | 'other';
}

/** Beyond this many columns the cells are too narrow for printed values. */
const maxLabelledColumns = 16;

function attributionCells(methods: Attribution[], attentionColumn?: number, distractorColumn?: number): AttributionCell[] {
  if (methods.length === 0) throw new Error('attribution chart needs at least one method');
  const columns = methods[0].columns;
  if (attentionColumn !== undefined) requireInteger('attentionColumn', attentionColumn, 0, columns - 1);
  if (distractorColumn !== undefined) requireInteger('distractorColumn', distractorColumn, 0, columns - 1);
  return methods.flatMap((method) => {
    if (method.columns !== columns) throw new Error(`methods disagree on the number of columns: ${columns} vs ${method.columns} (${method.method})`);
    const positive = method.mean.map((m) => Math.max(0, m));
    const total = positive.reduce((a, b) => a + b, 0);
    return method.mean.map((mean, column) => ({
      method: method.method,
      column,
      share: total === 0 ? 0 : positive[column] / total,
      mean,
      std: method.std[column],
      role: column === attentionColumn ? 'label' as const : column === distractorColumn ? 'copy' as const : 'other' as const,
    }));
  });
}

/**
 * A heatmap of attributions: rows are methods, columns input columns, colour each method's share of its mean scores per column.
 * @param methods - At least one attribution, all over the same number of columns.
 * @param options - `attentionColumn` and `distractorColumn`, if given, are integers in [0, columns - 1].
 * @returns A vega-lite 5 spec.
 */
export function attributionChart(methods: Attribution[], options: AttributionChartOptions = {}): TopLevelSpec {
  const { attentionColumn, distractorColumn, title = 'Which column does each method credit?' } = options;
  const cells = attributionCells(methods, attentionColumn, distractorColumn);
  const columns = methods[0].columns;
  const subtitle = ["each method's mean score per column, as a share of its total (so that methods of different units compare)"];
  if (attentionColumn !== undefined) subtitle.push(`red outline: the label's column (${attentionColumn})`
    + (distractorColumn === undefined ? '' : `; dashed: the column holding its copy (${distractorColumn})`));
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle },
    width: widthForBands(columns, 320, 900, 48),
    height: methods.length * 30,
    data: { values: cells },
    encoding: {
      x: { field: 'column', type: 'ordinal', title: 'Input column', axis: { labelAngle: 0, labelOverlap: 'parity' } },
      y: { field: 'method', type: 'nominal', title: null, sort: methods.map((m) => m.method) },
    },
    layer: [
      {
        name: 'cells',
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'share', type: 'quantitative', title: 'Share', scale: { scheme: heatScheme, domain: [0, 1] },
            legend: { orient: 'right', gradientLength: 120 },
          },
          tooltip: [
            { field: 'method', type: 'nominal' },
            { field: 'column', type: 'ordinal', title: 'input column' },
            { field: 'share', type: 'quantitative', format: '.3f' },
            { field: 'mean', type: 'quantitative', title: 'mean score', format: '.4g' },
            { field: 'std', type: 'quantitative', title: 'std', format: '.4g' },
          ],
        },
      },
      {
        name: 'label_cells',
        transform: [{ filter: "datum.role === 'label'" }],
        mark: { type: 'rect', filled: false, stroke: colors.label, strokeWidth: 2.5 },
      },
      {
        name: 'copy_cells',
        transform: [{ filter: "datum.role === 'copy'" }],
        mark: { type: 'rect', filled: false, stroke: colors.label, strokeWidth: 2, strokeDash: [4, 3] },
      },
      ...(columns > maxLabelledColumns ? [] : [{
        name: 'values',
        mark: { type: 'text' as const, fontSize: 11 },
        encoding: {
          text: { field: 'share', type: 'quantitative' as const, format: '.2f' },
          color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: '#222' },
        },
      }]),
    ],
    config: chartConfig,
  };
}
