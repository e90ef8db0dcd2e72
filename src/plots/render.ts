import { mkdir, writeFile } from 'fs/promises';
import * as path from 'path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { narrowChart, narrowChartWidth } from './narrow';
import { helveticaWidth } from './text-width';

interface TextItem { fontSize?: number; fontWeight?: string | number }
/** vega's text measurement, exported at run time though not in its types. */
const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } };

// vega's documented hook for measuring text without a canvas (vl-convert sets it too): the charts'
// font, not vega's 0.8 em guess, so that an SVG is as wide as what it draws.
textMetrics.width = (item, text) => {
  const line = text === undefined || text === null ? '' : String(text).trim();
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  return helveticaWidth(line, item.fontSize ?? 11, bold);
};

/**
 * Renders a vega-lite spec to an SVG string without a browser: vega's headless View with renderer
 * 'none' lays the scene out and serialises it. (PNG would need vega's toCanvas, i.e. node-canvas,
 * which this project does not depend on.)
 * @param spec - A vega-lite 5 spec, e.g. from attentionChart(); it is not modified.
 * @returns The SVG document as a string.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // vega tags each inline data row with a symbol id: render a copy so the caller's spec stays plain.
  const view = new vega.View(vega.parse(compile(structuredClone(spec)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG's drawn width, from the width attribute vega writes on its root element. */
export function svgWidth(svg: string): number {
  return Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
}

/**
 * A chart's narrow rendering (narrowChart()), at most `width` px wide where its labels allow: what
 * the axes' labels and legends take beside the plots is only known once drawn, so the plots are
 * made narrower by what a try ran over, and drawn again (twice at most).
 */
export async function renderNarrowSvg(spec: TopLevelSpec, width = narrowChartWidth): Promise<string> {
  let room = width;
  let svg = await renderSvg(narrowChart(spec, room));
  for (let retry = 0; retry < 2 && svgWidth(svg) > width; retry++) {
    room -= svgWidth(svg) - width;
    svg = await renderSvg(narrowChart(spec, room));
  }
  return svg;
}

/**
 * Renders a spec and writes it as an .svg file, creating the folder if needed.
 * @param file - The path to write (relative to the working directory, i.e. the notebook's folder in a notebook).
 * @returns The SVG document as a string.
 */
export async function saveSvg(spec: TopLevelSpec, file: string): Promise<string> {
  const svg = await renderSvg(spec);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, svg, 'utf8');
  return svg;
}
