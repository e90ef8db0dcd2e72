import type { TopLevelSpec } from 'vega-lite';
import type { SweepRun } from './sweep';
import { requireInteger } from '../../core/validate';
import { chartConfig, colors, heatScheme, vegaLiteSchema, widthForBands } from '../../plots/theme';

/** attentionHeatmap()'s settings. */
export interface AttentionHeatmapOptions {
  /** The chart's title; default "Where the attention goes, by the column that holds the label". */
  title?: string;
}

interface HeatCell {
  attentionColumn: number;
  column: number;
  attention: number;
  seeds: number;
  isLabelColumn: boolean;
}

/** Beyond this many columns the cells are too narrow for printed values. */
const maxLabelledColumns = 16;

/** One row per label column: the runs' mean attention vectors averaged over their seeds. */
function heatCells(runs: SweepRun[]): { cells: HeatCell[]; columns: number; rows: number } {
  if (runs.length === 0) throw new Error('attention heatmap needs at least one sweep run');
  const columns = runs[0].attention.mean.length;
  const byColumn = new Map<number, SweepRun[]>();
  for (const run of runs) {
    if (run.attention.mean.length !== columns) {
      throw new Error(
        `sweep runs disagree on the number of input columns: ${columns} vs ${run.attention.mean.length} ` +
          `(column ${run.attentionColumn}, seed ${run.seed})`,
      );
    }
    requireInteger(`attentionColumn of the run with seed ${run.seed}`, run.attentionColumn, 0, columns - 1);
    byColumn.set(run.attentionColumn, [...(byColumn.get(run.attentionColumn) ?? []), run]);
  }
  const cells: HeatCell[] = [];
  for (const [attentionColumn, group] of [...byColumn].sort(([a], [b]) => a - b)) {
    for (let column = 0; column < columns; column++) {
      const attention = group.reduce((sum, run) => sum + run.attention.mean[column], 0) / group.length;
      cells.push({ attentionColumn, column, attention, seeds: group.length, isLabelColumn: column === attentionColumn });
    }
  }
  return { cells, columns, rows: byColumn.size };
}

/**
 * A heatmap of a sweep: rows are the label's column, columns the input columns, colour the mean attention (over seeds).
 * @param runs - sweep()'s runs.
 * @returns A vega-lite 5 spec.
 */
export function attentionHeatmap(runs: SweepRun[], options: AttentionHeatmapOptions = {}): TopLevelSpec {
  const { title = 'Where the attention goes, by the column that holds the label' } = options;
  const { cells, columns, rows } = heatCells(runs);
  const seedCounts = [...new Set(cells.map((c) => c.seeds))].sort((a, b) => a - b);
  const seedsText = seedCounts.length === 1 ? `${seedCounts[0]}` : `${seedCounts[0]}–${seedCounts[seedCounts.length - 1]}`;
  const darkCellThreshold = Math.max(...cells.map((c) => c.attention)) / 2;
  const x = { field: 'column', type: 'ordinal' as const, title: 'Input column', axis: { labelAngle: 0, labelOverlap: 'parity' as const } };
  const y = { field: 'attentionColumn', type: 'ordinal' as const, title: "Label's column" };
  return {
    $schema: vegaLiteSchema,
    title: {
      text: title,
      subtitle: [
        `mean attention per input column, averaged over ${seedsText} seed${seedsText === '1' ? '' : 's'} per row`,
        "red outline: the label's column",
      ],
    },
    description: "Heatmap, one row per setting of the label's column",
    width: widthForBands(columns),
    height: Math.max(120, rows * 32),
    data: { values: cells },
    encoding: { x, y },
    layer: [
      {
        name: 'cells',
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'attention',
            type: 'quantitative',
            title: 'Mean attention',
            scale: { scheme: heatScheme, domainMin: 0 },
            legend: { orient: 'right', gradientLength: 120 },
          },
          tooltip: [
            { field: 'attentionColumn', type: 'ordinal', title: "label's column" },
            { field: 'column', type: 'ordinal', title: 'input column' },
            { field: 'attention', type: 'quantitative', title: 'mean attention', format: '.3f' },
            { field: 'seeds', type: 'quantitative', title: 'seeds' },
          ],
        },
      },
      {
        name: 'label_cells',
        transform: [{ filter: 'datum.isLabelColumn' }],
        mark: { type: 'rect', filled: false, stroke: colors.label, strokeWidth: 2.5 },
      },
      ...(columns > maxLabelledColumns
        ? []
        : [
            {
              name: 'values',
              mark: { type: 'text' as const, fontSize: 11 },
              encoding: {
                text: { field: 'attention', type: 'quantitative' as const, format: '.2f' },
                // White on dark cells, dark on light ones, so every value stays readable.
                color: { condition: { test: `datum.attention > ${darkCellThreshold}`, value: 'white' }, value: '#222' },
              },
            },
          ]),
    ],
    config: chartConfig,
  };
}
