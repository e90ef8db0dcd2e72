/** How large a page's static charts (SVG images) print their text, as the reader sees it. */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export interface ChartText {
  /** The image's alt text, to name the chart in a failure. */
  alt: string;
  /** Its smallest text in CSS pixels: the SVG's smallest font size × how much the page scales the image. */
  smallest: number;
}

/** The SVG behind an image's current source (a data: URL in HTML pages, a file beside a Markdown page). */
function svgOf(src: string): string {
  if (src.startsWith('data:image/svg+xml;base64,')) return Buffer.from(src.slice(src.indexOf(',') + 1), 'base64').toString('utf8');
  if (src.startsWith('data:image/svg+xml,')) return decodeURIComponent(src.slice(src.indexOf(',') + 1));
  if (src.startsWith('file:')) return fs.readFileSync(fileURLToPath(src), 'utf8');
  throw new Error(`a chart image from neither a data: URL nor a file: ${src.slice(0, 80)}`);
}

/** vega writes each text's size as a font-size attribute in px, and the drawing's size on the root <svg>. */
function smallestFont(svg: string): { font: number; width: number } {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
  const fonts = [...svg.matchAll(/<text[^>]*\sfont-size="([\d.]+)px"[^>]*>(.*?)<\/text>/gs)]
    .filter((match) => match[2].replace(/<[^>]+>/g, '').trim() !== '').map((match) => Number(match[1]));
  if (!(width > 0) || fonts.length === 0) throw new Error('a chart SVG without a width or without text sizes');
  return { font: Math.min(...fonts), width };
}

/** Every shown SVG image of the page (the source the browser picked for this window), measured. */
export async function chartTextSizes(page: Page): Promise<ChartText[]> {
  const shown = await page.evaluate(`[...document.images].map((img) => ({
    src: img.currentSrc || img.src, alt: img.getAttribute('alt') ?? '', width: img.getBoundingClientRect().width,
  })).filter((img) => img.width > 0 && /^data:image\\/svg|\\.svg$/.test(img.src))`) as Array<{ src: string; alt: string; width: number }>;
  return shown.map(({ src, alt, width }) => {
    const { font, width: drawn } = smallestFont(svgOf(src));
    return { alt: alt.slice(0, 60), smallest: font * (width / drawn) };
  });
}
