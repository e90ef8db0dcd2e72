/** The MIME types this project's notebook outputs carry. */

/** What JupyterLab 4 renders as an interactive chart (it does not know vega-lite 6). */
export const vegaLiteMimeType = 'application/vnd.vegalite.v5+json';

/**
 * A chart's narrow rendering for phones (src/plots/narrow.ts): `{ svg, maxWidth }`, the SVG that an
 * exported page shows instead of the wide one when its window is at most maxWidth px wide
 * (runner/python/publish.py). JupyterLab does not know the type and leaves it alone.
 */
export const narrowChartMimeType = 'application/vnd.attention-lab.narrow-chart+json';
