// './tf' first: it quiets TensorFlow before danfojs-node loads tfjs-node (the same copy, via npm overrides).
import { tf } from './tf';
import { DataFrame } from 'danfojs-node';
import { displayBundle, htmlBundle, type HtmlBundle } from './display';
import type { AttentionSummary } from './types';
import { requireInteger } from './validate';

export interface TableOptions {
  caption?: string;
  /** Rows shown; the rest are counted in a footer. Default 20. */
  maxRows?: number;
  /** Decimals for non-integer columns. Default 3. */
  digits?: number;
}

type Cell = number | string | boolean | null | undefined;

/**
 * What a table needs of a danfo DataFrame. Structural, because danfojs-node's DataFrame and the
 * danfo-base one that describe() returns are distinct types.
 */
export interface TableFrame {
  readonly shape: number[];
  readonly columns: string[];
  readonly index: Array<string | number>;
  readonly values: unknown;
  head(rows?: number): TableFrame;
}

/**
 * Formats one column: columns of whole numbers stay whole, others get `digits` decimals (aligned);
 * values that would round to 0 or run long switch to exponent notation rather than lie.
 */
function formatColumn(values: Cell[], digits: number): string[] {
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const whole = numbers.every(Number.isInteger);
  const tiny = 0.5 * 10 ** -digits;
  return values.map((v) => {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'number') return String(v);
    if (!Number.isFinite(v) || whole) return String(v);
    const size = Math.abs(v);
    if (size !== 0 && (size < tiny || size >= 1e6)) return v.toExponential(Math.max(0, digits - 1));
    return v.toFixed(digits);
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Inline styles only: nbconvert's HTML has no stylesheet of ours, and JupyterLab's table rules are
// overridden by inline ones. Greys with alpha and `color: inherit` read on light and dark themes.
const style = {
  table:
    "border-collapse:collapse;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;" +
    'font-size:13px;line-height:1.4;margin:0.5em 0;color:inherit;border:none',
  caption: 'caption-side:top;text-align:left;font-weight:600;padding:0 0 6px 2px;color:inherit',
  head: 'padding:4px 12px;border:none;border-bottom:2px solid rgba(127,127,127,0.6);font-weight:600;white-space:nowrap',
  index: 'padding:4px 12px;border:none;text-align:right;font-weight:600;opacity:0.75;white-space:nowrap',
  cell: 'padding:4px 12px;border:none;white-space:nowrap',
  number: 'text-align:right;font-variant-numeric:tabular-nums',
  text: 'text-align:left',
  stripe: 'background:rgba(127,127,127,0.08)',
  plain: 'background:transparent',
  footer: 'padding:4px 12px;border:none;border-top:1px solid rgba(127,127,127,0.4);text-align:left;font-style:italic;opacity:0.75',
};

interface TableLayout {
  columns: string[];
  index: string[];
  /** Formatted text, column by column. */
  cells: string[][];
  numeric: boolean[];
  footer?: string;
}

function layoutTable(df: TableFrame, maxRows: number, digits: number): TableLayout {
  requireInteger('maxRows', maxRows, 1);
  const [rowCount, columnCount] = df.shape;
  // danfo's head() refuses 0 rows, so an empty frame is shown as it is.
  const shown = rowCount === 0 ? df : df.head(Math.min(maxRows, rowCount));
  const rows = shown.values as Cell[][];
  const columns = shown.columns;
  const rawColumns = columns.map((_, j) => rows.map((row) => row[j]));
  return {
    columns,
    index: shown.index.map(String),
    cells: rawColumns.map((values) => formatColumn(values, digits)),
    numeric: rawColumns.map((values) => values.every((v) => typeof v === 'number' || v === null || v === undefined)),
    footer: footerNote(rowCount, rows.length, columnCount),
  };
}

function footerNote(rowCount: number, shownRows: number, columnCount: number): string | undefined {
  if (rowCount === 0) return 'no rows';
  if (shownRows === rowCount) return undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  return `${count(rowCount - shownRows)} more rows not shown (${count(rowCount)} rows × ${columnCount} columns)`;
}

function tableHtml(layout: TableLayout, caption: string | undefined): string {
  const align = (j: number) => (layout.numeric[j] ? style.number : style.text);
  const header = layout.columns.map((name, j) => `<th style="${style.head};${align(j)}">${escapeHtml(name)}</th>`);
  const body = layout.index.map((label, i) => {
    const cells = layout.cells.map((column, j) => `<td style="${style.cell};${align(j)}">${escapeHtml(column[i])}</td>`);
    return `<tr style="${i % 2 === 1 ? style.stripe : style.plain}"><th style="${style.index}">${escapeHtml(label)}</th>${cells.join('')}</tr>`;
  });
  const footer =
    layout.footer === undefined
      ? ''
      : `<tfoot><tr><td colspan="${layout.columns.length + 1}" style="${style.footer}">${escapeHtml(layout.footer)}</td></tr></tfoot>`;
  return [
    `<table style="${style.table}">`,
    caption === undefined ? '' : `<caption style="${style.caption}">${escapeHtml(caption)}</caption>`,
    `<thead><tr style="${style.plain}"><th style="${style.head}"></th>${header.join('')}</tr></thead>`,
    `<tbody>${body.join('')}</tbody>`,
    footer,
    '</table>',
  ].join('');
}

function tableText(layout: TableLayout, caption: string | undefined): string {
  const indexWidth = Math.max(0, ...layout.index.map((label) => label.length));
  const columns = layout.columns.map((name, j) => {
    const width = Math.max(name.length, ...layout.cells[j].map((cell) => cell.length));
    const pad = (text: string) => (layout.numeric[j] ? text.padStart(width) : text.padEnd(width));
    return { header: pad(name), cells: layout.cells[j].map(pad) };
  });
  const lines = [
    [''.padEnd(indexWidth), ...columns.map((c) => c.header)].join('  ').trimEnd(),
    ...layout.index.map((label, i) => [label.padEnd(indexWidth), ...columns.map((c) => c.cells[i])].join('  ').trimEnd()),
  ];
  if (caption !== undefined) lines.unshift(caption);
  if (layout.footer !== undefined) lines.push(`… ${layout.footer}`);
  return lines.join('\n');
}

/** A danfo DataFrame as a styled HTML table plus an aligned text version, index included. */
export function tableBundle(df: TableFrame, options: TableOptions = {}): HtmlBundle {
  const { caption, maxRows = 20, digits = 3 } = options;
  const layout = layoutTable(df, maxRows, digits);
  return htmlBundle(tableHtml(layout, caption), tableText(layout, caption));
}

/** Shows a DataFrame in the notebook, e.g. `showTable(df.head(5))` or `showTable(df.describe())`; no-op outside a kernel. */
export function showTable(df: TableFrame, options: TableOptions = {}): void {
  displayBundle(tableBundle(df, options));
}

/** Samples × features: a row-major flat array (columns = length / labels), rows of numbers, or a 2-D tensor. */
export type Features = Float32Array | Float64Array | number[][] | tf.Tensor2D;
export type Labels = ArrayLike<number> | tf.Tensor;

/** The features as one row-major flat array, checked against the number of labels. */
function flatFeatures(x: Features, samples: number): { values: ArrayLike<number>; columns: number } {
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2) throw new Error(`labelCorrelation: x must be a 2-D tensor, got shape [${x.shape}]`);
    if (x.shape[0] !== samples) throw new Error(`labelCorrelation: x has ${x.shape[0]} rows but y has ${samples} labels`);
    return { values: x.dataSync(), columns: x.shape[1] };
  }
  if (Array.isArray(x)) {
    if (x.length !== samples) throw new Error(`labelCorrelation: x has ${x.length} rows but y has ${samples} labels`);
    const columns = x[0].length;
    const values = new Float64Array(samples * columns);
    x.forEach((row, i) => {
      if (row.length !== columns) throw new Error(`labelCorrelation: row ${i} of x has ${row.length} values, row 0 has ${columns}`);
      values.set(row, i * columns);
    });
    return { values, columns };
  }
  if (x.length % samples !== 0) {
    throw new Error(`labelCorrelation: x has ${x.length} values, not a whole number of rows for ${samples} labels`);
  }
  return { values: x, columns: x.length / samples };
}

/**
 * Pearson correlation of every column of x with the label y, in one pass over the data
 * (Welford's running means and co-moments in float64: stable even where the means dwarf the spread).
 * A constant column (or constant labels) has no defined correlation and gives NaN rather than a
 * misleading 0. Throws when x and y disagree on the number of samples or there are fewer than 2.
 */
export function labelCorrelation(x: Features, y: Labels): number[] {
  const labels = y instanceof tf.Tensor ? y.dataSync() : y;
  const samples = labels.length;
  if (samples < 2) throw new Error(`labelCorrelation needs at least 2 samples, got ${samples}`);
  const { values, columns } = flatFeatures(x, samples);
  if (columns === 0) throw new Error('labelCorrelation: x has no columns');

  const meanX = new Float64Array(columns);
  const sumSquaresX = new Float64Array(columns);
  const coMoment = new Float64Array(columns);
  let meanY = 0;
  let sumSquaresY = 0;
  for (let i = 0; i < samples; i++) {
    const weight = 1 / (i + 1);
    const label = labels[i];
    const dy = label - meanY;
    meanY += dy * weight;
    const dyAfter = label - meanY;
    sumSquaresY += dy * dyAfter;
    const row = i * columns;
    for (let j = 0; j < columns; j++) {
      const value = values[row + j];
      const dx = value - meanX[j];
      meanX[j] += dx * weight;
      sumSquaresX[j] += dx * (value - meanX[j]);
      coMoment[j] += dx * dyAfter;
    }
  }
  return Array.from(coMoment, (c, j) => {
    const scale = Math.sqrt(sumSquaresX[j] * sumSquaresY);
    // Rounding can carry |r| a hair past 1 for perfectly (anti-)correlated columns.
    return scale === 0 ? NaN : Math.max(-1, Math.min(1, c / scale));
  });
}

/**
 * The blog's argument side by side: per input column, its correlation with the label and the
 * attention it gets (mean ± std). The label's column should top both.
 */
export function correlationVsAttention(correlation: number[], attention: AttentionSummary): DataFrame {
  if (correlation.length !== attention.mean.length) {
    throw new Error(`${correlation.length} correlations but attention over ${attention.mean.length} columns`);
  }
  return new DataFrame({
    column: correlation.map((_, j) => j),
    'correlation with label': correlation,
    'mean attention': attention.mean,
    'std attention': attention.std,
  });
}
