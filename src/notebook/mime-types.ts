/** The MIME types this project's notebook outputs carry. */

/** What JupyterLab 4 renders as an interactive chart (it does not know vega-lite 6). */
export const vegaLiteMimeType = 'application/vnd.vegalite.v5+json';
