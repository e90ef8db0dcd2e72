import type { TopLevelSpec } from 'vega-lite';
import { type AttentionSummary, labelPosition } from '../readout/activations';
import { attentionAxisTitle, attentionRows, attentionTooltip, roleColor, samplesNote } from './attention-rows';
import { chartConfig, colors, vegaLiteSchema, widthForBands } from './theme';

/** attentionOverTime()'s settings. */
export interface AttentionOverTimeOptions {
  /**
   * The time step the label was copied into (0-based), marked in the label colour. Needed only for
   * a summary that does not carry it (attentionVector() of a trained model does); must agree with it.
   */
  attentionColumn?: number;
  /** The chart's title; default "Attention over time steps". */
  title?: string;
}

/**
 * Attention per time step of the LSTM variant: a line with a 10th–90th percentile band, the label's step marked.
 * @param summary - attentionVector()'s read-out of a time-step attention.
 * @returns A vega-lite 5 spec.
 */
export function attentionOverTime(summary: AttentionSummary, options: AttentionOverTimeOptions = {}): TopLevelSpec {
  const { title = 'Attention over time steps' } = options;
  const attentionColumn = labelPosition(summary, options.attentionColumn);
  const rows = attentionRows(summary, attentionColumn, 'time step');
  const subtitle = [samplesNote(summary, 'band')];
  if (attentionColumn !== undefined) subtitle.push(`the label is copied into time step ${attentionColumn}`);
  const x = {
    field: 'index',
    type: 'quantitative' as const,
    title: 'Time step',
    scale: { domain: [0, Math.max(1, rows.length - 1)], nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  };
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle },
    description: 'Line chart of the mean attention per time step',
    width: widthForBands(rows.length),
    height: 260,
    data: { values: rows },
    layer: [
      ...(attentionColumn === undefined
        ? []
        : [
            {
              name: 'label_rule',
              data: { values: [{ index: attentionColumn }] },
              mark: { type: 'rule' as const, color: colors.label, strokeDash: [4, 3], opacity: 0.7 },
              encoding: { x },
            },
          ]),
      {
        name: 'spread',
        mark: { type: 'area', color: colors.series, opacity: 0.18 },
        encoding: { x, y: { field: 'low', type: 'quantitative', title: attentionAxisTitle }, y2: { field: 'high' } },
      },
      {
        name: 'line',
        mark: { type: 'line', color: colors.series },
        encoding: { x, y: { field: 'mean', type: 'quantitative', title: attentionAxisTitle } },
      },
      {
        name: 'points',
        mark: { type: 'point', filled: true, size: 45, opacity: 1 },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: attentionAxisTitle },
          color: roleColor('time step', attentionColumn !== undefined),
          tooltip: attentionTooltip('time step'),
        },
      },
    ],
    config: chartConfig,
  };
}
