import type { TopLevelSpec } from 'vega-lite';

/**
 * How wide a narrow rendering is drawn, in px: a 400 px phone window leaves about 354 px for a chart
 * in an exported page, so it is barely shrunk and its smallest text (11 px) stays above 9 px.
 */
export const narrowChartWidth = 360;

/** Room beside a panel for its y axis (labels and title) and the chart's padding. */
const axisRoom = 90;
/**
 * Text width per character as a share of its font size, for wrapping titles: a little more than
 * Helvetica's average, bold titles included (src/plots/text-width.ts), so that wrapped lines fit.
 */
const charWidth = 0.7;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A line broken at spaces into lines of at most `chars` characters (a longer word keeps its own line). */
function wrapLine(line: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of line.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const wrapText = (text: unknown, chars: number): unknown =>
  (typeof text === 'string' || Array.isArray(text) ? [text].flat().flatMap((line) => wrapLine(String(line), chars)) : text);

function wrapTitle(title: unknown, width: number, config: Json): unknown {
  const sizes = isObject(config.title) ? config.title : {};
  const chars = (size: unknown) => Math.floor(width / (charWidth * (typeof size === 'number' ? size : 13)));
  if (!isObject(title)) return wrapText(title, chars(sizes.fontSize));
  return {
    ...title, text: wrapText(title.text, chars(sizes.fontSize)),
    ...(title.subtitle === undefined ? {} : { subtitle: wrapText(title.subtitle, chars(sizes.subtitleFontSize)) }),
  };
}

/** How many distinct values a facet field takes in the spec's inline data (panels side by side). */
function distinctValues(data: unknown, field: string): number {
  const values = isObject(data) && Array.isArray(data.values) ? data.values as unknown[] : [];
  return Math.max(1, new Set(values.map((row) => (isObject(row) ? row[field] : undefined))).size);
}

/** A unit's width capped to `room`; a square panel (a heatmap of cells) keeps its shape. */
function capSize(view: Json, room: number): Json {
  if (typeof view.width !== 'number' || view.width <= room) return view;
  const capped: Json = { ...view, width: room };
  if (view.height === view.width) capped.height = room;
  return capped;
}

function narrowView(view: Json, room: number, data: unknown): Json {
  const narrowed: Json = capSize(view, room);
  const rows = view.hconcat ?? view.vconcat ?? view.concat;
  if (Array.isArray(rows)) {
    // Panels side by side (or wrapped) are stacked, one per row.
    delete narrowed.hconcat;
    delete narrowed.concat;
    delete narrowed.columns;
    narrowed.vconcat = rows.map((child: unknown) => (isObject(child) ? narrowView(child, room, view.data ?? data) : child));
  }
  if (isObject(view.spec)) {
    const facet = isObject(view.facet) ? view.facet : {};
    // A wrapped facet gets one panel per row; a row × column grid keeps its columns, each narrower.
    if (typeof view.columns === 'number') narrowed.columns = 1;
    const across = isObject(facet.column) && typeof facet.column.field === 'string' ? distinctValues(view.data ?? data, facet.column.field) : 1;
    narrowed.spec = narrowView(view.spec, Math.floor(room / across), view.data ?? data);
  }
  if (Array.isArray(view.layer)) narrowed.layer = view.layer.map((child: unknown) => (isObject(child) ? capSize(child, room) : child));
  return narrowed;
}

/**
 * The same chart drawn for a phone, derived from its spec so that no chart is written twice: panels
 * side by side are stacked, wrapped facets take one column, plots are at most `width` wide with
 * their axes, long titles wrap and legends list one entry per line. Text keeps its size, where
 * shrinking the wide chart to fit would make it too small to read.
 * @param spec - Any of the library's vega-lite 5 specs; it is not modified.
 * @param width - The width to fit, in px.
 */
export function narrowChart(spec: TopLevelSpec, width = narrowChartWidth): TopLevelSpec {
  const plain = structuredClone(spec) as unknown as Json;
  const narrowed = narrowView(plain, Math.max(80, width - axisRoom), plain.data);
  const config = isObject(plain.config) ? plain.config : {};
  if (plain.title !== undefined) narrowed.title = wrapTitle(plain.title, width, config);
  // A legend's entries in a row above the plot can be wider than the plot: one entry per line.
  narrowed.config = { ...config, legend: { ...(isObject(config.legend) ? config.legend : {}), columns: 1 } };
  return narrowed as unknown as TopLevelSpec;
}
