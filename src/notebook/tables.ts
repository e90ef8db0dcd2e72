import { requireInteger } from '../core/validate';
import { displayBundle, htmlBundle, type HtmlBundle } from './display';

/** A table as JupyterLab and the HTML export show it (text/html), plus Markdown for Markdown exports and plain text. */
export type TableBundle = HtmlBundle & { 'text/markdown': string };

/** showTable()'s settings. */
export interface TableOptions {
  /** A caption above the table. */
  caption?: string;
  /** Rows shown, an integer >= 1; the rest are counted in a footer. Default 20. */
  maxRows?: number;
  /** Decimals for non-integer columns, an integer in [0, 100] (toFixed's range). Default 3. */
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
 * Formats one column in one notation: columns of whole numbers stay whole, others get `digits`
 * decimals (aligned). Only a column that fixed decimals would blank out (every non-zero value rounds
 * to 0) or run long (a value of a million or more) switches, as a whole, to exponent notation: a
 * mix such as 9.36e-5 above 1.010 reads badly, and 0.000 at three decimals is true to three decimals.
 */
function formatColumn(values: Cell[], digits: number): string[] {
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const whole = numbers.every(Number.isInteger);
  const tiny = 0.5 * 10 ** -digits;
  const nonZero = numbers.filter((v) => v !== 0).map(Math.abs);
  const exponent = nonZero.length > 0 && (nonZero.every((size) => size < tiny) || nonZero.some((size) => size >= 1e6));
  return values.map((v) => {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'number') return String(v);
    if (!Number.isFinite(v) || whole) return String(v);
    if (exponent) return v === 0 ? '0' : v.toExponential(Math.max(0, digits - 1));
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
  requireInteger('digits', digits, 0, 100);
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

const markdownCell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

/** A pipe table (GitHub, Hugo, Jekyll's kramdown): numbers right-aligned, the caption in bold above it. */
function tableMarkdown(layout: TableLayout, caption: string | undefined): string {
  const row = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const lines = [
    row(['', ...layout.columns]),
    `|---|${layout.numeric.map((numeric) => (numeric ? '---:' : ':---')).join('|')}|`,
    ...layout.index.map((label, i) => row([label, ...layout.cells.map((column) => column[i])])),
  ];
  if (caption !== undefined) lines.unshift(`**${markdownCell(caption)}**`, '');
  if (layout.footer !== undefined) lines.push('', `*${markdownCell(layout.footer)}*`);
  return lines.join('\n');
}

/**
 * A danfo DataFrame as a styled HTML table, a Markdown table and an aligned text version, index
 * included. Notebooks and HTML exports show the HTML (JupyterLab and nbconvert rank it first),
 * Markdown exports the Markdown.
 */
export function tableBundle(df: TableFrame, options: TableOptions = {}): TableBundle {
  const { caption, maxRows = 20, digits = 3 } = options;
  const layout = layoutTable(df, maxRows, digits);
  return { ...htmlBundle(tableHtml(layout, caption), tableText(layout, caption)), 'text/markdown': tableMarkdown(layout, caption) };
}

/**
 * Shows a DataFrame in the notebook as an HTML table (with Markdown and text versions for exports),
 * e.g. `showTable(df.head(5))` or `showTable(df.describe())`; no-op outside a kernel.
 * @param df - A danfo DataFrame (anything with shape, columns, index, values and head()).
 */
export function showTable(df: TableFrame, options: TableOptions = {}): void {
  displayBundle(tableBundle(df, options));
}
