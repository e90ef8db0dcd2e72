import { mkdir, writeFile } from 'fs/promises';
import * as path from 'path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

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
