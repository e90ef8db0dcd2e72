import type { TopLevelSpec } from 'vega-lite';
import type { AttentionMap, EpochMap } from '../readout/attention-map';
import type { StepAttributions } from '../explain/step-attributions';
import { requireInteger } from '../core/validate';
import { chartConfig, colors, heatScheme, vegaLiteSchema } from './theme';

/** The attention-map charts' settings. */
export interface AttentionMapOptions {
  /** The chart's title; each chart has its own default naming the task. */
  title?: string;
}

interface MapCell {
  sequence: number;
  step: number;
  weight: number;
  answer: boolean;
  epoch?: number;
  panel?: string;
}

function mapCells(map: Pick<AttentionMap, 'weights' | 'answerPositions'>, extra: { epoch?: number; panel?: string } = {}): MapCell[] {
  return map.weights.flatMap((row, sequence) => row.map((weight, step) => ({
    sequence, step, weight, answer: map.answerPositions[sequence].includes(step), ...extra,
  })));
}

const answerNote = (map: AttentionMap) => (map.task.task === 'find-max'
  ? 'red outline: the step holding the sequence\'s maximum'
  : 'red outlines: the two marked steps whose values are added');

/**
 * The cells (colour: weight, 0 to 1 so that charts compare) and the answer's steps outlined. The
 * same layers serve one map and each panel of the epochs' small multiples.
 */
function mapLayers(steps: number, rows: number, cellSize: number, valueTitle = 'Attention') {
  const rowHeight = Math.max(8, cellSize - 6);
  const x = { field: 'step', type: 'ordinal' as const, title: 'Time step', axis: { labelAngle: 0 } };
  // Sequence numbers only where a row is tall enough to read them.
  const y = { field: 'sequence', type: 'ordinal' as const, title: 'Held-out sequence', axis: rowHeight < 12 || rows > 30 ? { labels: false, ticks: false } : {} };
  return {
    width: steps * cellSize,
    height: rows * rowHeight,
    encoding: { x, y },
    layer: [
      {
        name: 'cells',
        mark: { type: 'rect' as const },
        encoding: {
          color: { field: 'weight', type: 'quantitative' as const, title: valueTitle, scale: { scheme: heatScheme, domain: [0, 1] } },
          tooltip: [
            { field: 'sequence', title: 'Sequence' }, { field: 'step', title: 'Time step' },
            { field: 'weight', title: valueTitle, format: '.3f' }, { field: 'answer', title: 'Holds the answer' },
          ],
        },
      },
      {
        name: 'answer',
        transform: [{ filter: 'datum.answer' }],
        mark: { type: 'rect' as const, filled: false, stroke: colors.label, strokeWidth: 1.5 },
      },
    ],
  };
}

/**
 * The attention over time of held-out sequences, one row each, the steps holding each one's answer outlined.
 * @param map - readAttentionMap()'s read-out.
 * @returns A vega-lite 5 heatmap spec.
 */
export function attentionMapChart(map: AttentionMap, options: AttentionMapOptions = {}): TopLevelSpec {
  const { title = `Attention over time, ${map.task.task} task` } = options;
  const steps = map.weights[0]?.length ?? 0;
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle: [`${map.weights.length} held-out sequences, one row each (layer ${map.layerName})`, answerNote(map)] },
    data: { values: mapCells(map) },
    ...mapLayers(steps, map.weights.length, 22),
    config: chartConfig,
  } as TopLevelSpec;
}

/**
 * Small multiples: the same held-out sequences' map before training and after each epoch.
 * @param maps - At least one epoch's map, e.g. as collected during train() by an onEpoch callback.
 * @param options - `title`, and `columns`: panels per row, an integer >= 1 (default 3).
 * @returns A vega-lite 5 faceted spec.
 */
export function attentionMapEpochs(maps: EpochMap[], options: AttentionMapOptions & { columns?: number } = {}): TopLevelSpec {
  if (maps.length === 0) throw new RangeError('maps must hold at least one epoch\'s map, got none');
  const first = maps[0].map;
  const { title = `How the attention map formed, ${first.task.task} task`, columns = 3 } = options;
  requireInteger('columns', columns, 1);
  const steps = first.weights[0]?.length ?? 0;
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle: [`the same ${first.weights.length} held-out sequences before training and after each epoch`, answerNote(first)] },
    data: { values: maps.flatMap(({ epoch, map }) => mapCells(map, { epoch })) },
    facet: { field: 'epoch', type: 'ordinal', title: null, header: { labelExpr: 'datum.value == 0 ? "before training" : "after epoch " + datum.value' } },
    columns,
    spec: mapLayers(steps, first.weights.length, 12),
    config: chartConfig,
  } as TopLevelSpec;
}

const attentionPanel = 'attention over hidden states h_t';
const attributionPanel = 'integrated gradients over inputs x_t';

/**
 * The map's sequences twice, side by side: the attention weights, and the same sequences' step
 * attributions as shares of their row (so that both colour scales run from 0 to 1), answers outlined.
 * @param attributions - stepIntegratedGradients() of at least the map's sequences, with the same steps.
 * @returns A vega-lite 5 spec.
 */
export function attentionVsAttributionChart(map: AttentionMap, attributions: StepAttributions, options: AttentionMapOptions = {}): TopLevelSpec {
  const rows = map.weights.length;
  if (attributions.shares.length < rows || attributions.timeSteps !== map.weights[0]?.length) {
    throw new RangeError(`attributions must cover the map's ${rows} sequences × ${map.weights[0]?.length ?? 0} steps, `
      + `got ${attributions.shares.length} × ${attributions.timeSteps}`);
  }
  const { title = `Attention vs integrated gradients, ${map.task.task} task` } = options;
  const shares = { weights: attributions.shares.slice(0, rows), answerPositions: map.answerPositions };
  return {
    $schema: vegaLiteSchema,
    title: { text: title, subtitle: [`the same ${rows} held-out sequences, one row each; each panel's row sums to 1`, answerNote(map)] },
    data: { values: [...mapCells(map, { panel: attentionPanel }), ...mapCells(shares, { panel: attributionPanel })] },
    facet: { field: 'panel', type: 'nominal', title: null, sort: [attentionPanel, attributionPanel] },
    columns: 2,
    spec: mapLayers(map.weights[0].length, rows, 22, 'Share of the row'),
    config: chartConfig,
  } as TopLevelSpec;
}
