import type { TopLevelSpec } from 'vega-lite';
import { type AttentionSummary, labelPosition } from '../readout/activations';
import { attentionAxisTitle, attentionRows, attentionTooltip, roleColor, samplesNote, type AttentionUnit } from './attention-rows';
import { chartConfig, vegaLiteSchema, widthForBands } from './theme';

/** attentionChart()'s settings. */
export interface AttentionChartOptions {
  /**
   * The input column that holds the label (0-based), drawn in the label colour. Needed only for a
   * summary that does not carry it (attentionVector() of a trained model does); must agree with it.
   */
  attentionColumn?: number;
  /** The chart's title; default the original blog's. */
  title?: string;
  /** What each bar stands for (axis title, tooltip, legend): default 'column', e.g. 'hidden unit' for attention_vec1. */
  unit?: Exclude<AttentionUnit, 'time step'>;
}

/** The original blog's title, kept so the rebuilt figure is recognisable. */
export const originalAttentionTitle = 'Attention Mechanism as a function of input dimensions.';

/**
 * Bars of mean attention per input column (or hidden unit), error bars from the 10th to the 90th percentile; the label's column highlighted.
 * Throws a ProvenanceError when `options.attentionColumn` contradicts the column the summary carries.
 * @param summary - attentionVector()'s read-out.
 * @returns A vega-lite 5 spec (plain data): show() displays it, renderSvg() draws it.
 */
export function attentionChart(summary: AttentionSummary, options: AttentionChartOptions = {}): TopLevelSpec {
  const { title = originalAttentionTitle, unit = 'column' } = options;
  // Hidden units have no label position; input columns take it from the read-out.
  const attentionColumn = unit === 'column' ? labelPosition(summary, options.attentionColumn) : options.attentionColumn;
  const rows = attentionRows(summary, attentionColumn, unit);
  const axisTitle = unit === 'column' ? 'Input column' : 'Hidden unit';
  const subtitle = [samplesNote(summary, 'error bars')];
  if (attentionColumn !== undefined) subtitle.push(`the label is copied into column ${attentionColumn}`);
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle },
    description: `Bar chart of the mean attention per ${unit}`,
    width: widthForBands(rows.length),
    height: 280,
    data: { values: rows },
    encoding: {
      x: {
        field: 'index',
        type: 'ordinal',
        title: axisTitle,
        // Many columns: let vega drop every other label rather than overprint them.
        axis: { labelAngle: 0, labelOverlap: 'parity' },
      },
    },
    layer: [
      {
        name: 'bars',
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'mean', type: 'quantitative', title: attentionAxisTitle },
          color: roleColor(unit, attentionColumn !== undefined),
          tooltip: attentionTooltip(unit),
        },
      },
      {
        name: 'error_bars',
        mark: { type: 'errorbar', ticks: { width: 6 }, color: '#333' },
        encoding: {
          y: { field: 'low', type: 'quantitative', title: attentionAxisTitle },
          y2: { field: 'high' },
        },
      },
    ],
    config: chartConfig,
  };
}
