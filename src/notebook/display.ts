import { randomBytes } from 'crypto';
import * as path from 'path';
import type { TopLevelSpec } from 'vega-lite';
import { narrowChartWidth } from '../plots/narrow';
import { renderNarrowSvg, renderSvg, svgWidth } from '../plots/render';
import { narrowChartMimeType, vegaLiteMimeType } from './mime-types';

/**
 * Rich output for tslab notebooks. Each `…Bundle` function builds a MIME bundle (pure, usable
 * anywhere); each `show…`/`publish…` function sends one as a single display_data when running
 * inside a tslab kernel, and does nothing elsewhere (scripts, tests), so notebook code also runs
 * as plain Node. The senders return nothing on purpose: a cell whose last line is `await show(x)`
 * would otherwise echo the whole bundle as text.
 */

export type MimeBundle = Record<string, unknown>;
// The bundles below are type aliases, not interfaces, so that they stay assignable to MimeBundle.

/** A chart's narrow SVG, and the widest window that shows it in place of the wide one. */
export type NarrowChart = { svg: string; maxWidth: number };

/**
 * A chart as JupyterLab draws it (vega-lite) plus a static SVG: JupyterLab prefers the vega-lite
 * entry, nbconvert's HTML keeps only the SVG, and a chart wider than a phone also carries its
 * narrow SVG for exported pages. No text/html here, or JupyterLab would show that instead.
 */
export type ChartBundle = {
  [vegaLiteMimeType]: TopLevelSpec;
  'image/svg+xml': string;
  'text/plain': string;
  [narrowChartMimeType]?: NarrowChart;
};

export type HtmlBundle = {
  'text/html': string;
  'text/plain': string;
};

interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}
type WriteDisplayData = (message: DisplayMessage, update: boolean) => void;

const tslabJupyterModule = path.join('tslab', 'dist', 'jupyter.js');

/**
 * tslab's writer for the cell being run, when this process is a tslab kernel. tslab stores it in
 * its jupyter module at every execute request. The module is looked up among those already loaded,
 * not required: outside a kernel that would load zeromq for nothing, and the kernel may be running
 * another copy of tslab than the one in this project's node_modules.
 */
function tslabWriter(): WriteDisplayData | undefined {
  for (const [file, loaded] of Object.entries(require.cache)) {
    if (!file.endsWith(tslabJupyterModule)) continue;
    const writer: unknown = (loaded?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === 'function') return writer as WriteDisplayData;
  }
  return undefined;
}

/** Whether display output has somewhere to go: true inside a tslab kernel that is running a cell. */
export function inTslabKernel(): boolean {
  return tslabWriter() !== undefined;
}

/**
 * Sends a bundle as one display_data, with output metadata keyed by MIME type (e.g. an image's
 * `alt`); returns false (and sends nothing) outside a tslab kernel.
 */
export function displayBundle(data: MimeBundle, metadata: Record<string, unknown> = {}): boolean {
  const write = tslabWriter();
  if (write === undefined) return false;
  write({ data, metadata, transient: {} }, false);
  return true;
}

/**
 * The output tag of live progress (a training log, a sweep's current run): `attention-lab export
 * --article` leaves such outputs out, as runner/python/publish.py documents.
 */
export const progressOutputTag = 'progress';

/**
 * One text output that every later call replaces in place (a display_id, as tslab's newDisplay()
 * uses): live progress, tagged as such; a no-op outside a kernel.
 */
export function updatableText(): (text: string) => void {
  const displayId = randomBytes(8).toString('hex');
  let sent = false;
  return (text) => {
    const write = tslabWriter();
    if (write === undefined) return;
    write({ data: { 'text/plain': text }, metadata: { tags: [progressOutputTag] }, transient: { display_id: displayId } }, sent);
    sent = true;
  };
}

const joinedText = (text: string | string[] | undefined): string | undefined =>
  text === undefined ? undefined : Array.isArray(text) ? text.join(' ') : String(text);

function chartTitle(spec: TopLevelSpec): string | undefined {
  const title = spec.title;
  return joinedText(typeof title === 'object' && title !== null && !Array.isArray(title) ? title.text as string | string[] : title);
}

/**
 * A chart's alternative text for exports: its title, what it draws (the spec's `description`) and
 * its subtitle's facts, e.g. "Training curves. Line charts of loss and accuracy per epoch: 20 epochs, …".
 */
export function chartAlt(spec: TopLevelSpec): string {
  const title = spec.title;
  const subtitle = typeof title === 'object' && title !== null && !Array.isArray(title) ? title.subtitle : undefined;
  const details = [subtitle].flat().filter((line): line is string => typeof line === 'string');
  const sentence = [spec.description, details.join('; ')].filter(Boolean).join(': ');
  return [chartTitle(spec) ?? 'Chart', sentence].filter(Boolean).map((part) => part.replace(/\.$/, '')).join('. ') + '.';
}

/** Output metadata of a chart bundle: the SVG's alt text, as IPython's `metadata={'image/svg+xml': {'alt': …}}`. */
export function chartMetadata(spec: TopLevelSpec): Record<string, unknown> {
  return { 'image/svg+xml': { alt: chartAlt(spec) } };
}

/**
 * Page margins around an exported chart: below its width plus these, the wide SVG would be shrunk
 * (and its text with it), so the page shows the narrow one.
 */
const pageMargins = 48;

export async function chartBundle(spec: TopLevelSpec): Promise<ChartBundle> {
  const title = chartTitle(spec);
  const svg = await renderSvg(spec);
  const bundle: ChartBundle = {
    [vegaLiteMimeType]: spec,
    'image/svg+xml': svg,
    'text/plain': title === undefined ? 'Vega-Lite chart' : `Vega-Lite chart: ${title}`,
  };
  if (svgWidth(svg) > narrowChartWidth) {
    bundle[narrowChartMimeType] = { svg: await renderNarrowSvg(spec), maxWidth: Math.ceil(svgWidth(svg)) + pageMargins };
  }
  return bundle;
}

/**
 * Shows a vega-lite chart in the notebook (with its SVG and alt text for exports); no-op outside a kernel.
 * @param spec - A vega-lite 5 spec, e.g. from attentionChart().
 */
export async function show(spec: TopLevelSpec): Promise<void> {
  if (!inTslabKernel()) return;
  displayBundle(await chartBundle(spec), chartMetadata(spec));
}

export function htmlBundle(html: string, text: string): HtmlBundle {
  return { 'text/html': html, 'text/plain': text };
}

/**
 * Shows HTML with a plain-text fallback (for consoles and text exports); no-op outside a kernel.
 * @param html - The HTML fragment, shown as is (not escaped).
 * @param text - What text-only front ends show instead.
 */
export function showHtml(html: string, text: string): void {
  displayBundle(htmlBundle(html, text));
}

/** Shows generated prose (Markdown) as the cell's output; no-op outside a kernel. */
export function showMarkdown(markdown: string): void {
  displayBundle({ 'text/markdown': markdown });
}
