/** The MIME types this project's notebook outputs carry (kept apart so the CLI can read them without loading charts). */

/** The key figures a notebook publishes; `attention-lab export` collects them into <name>.results.json. */
export const resultsMimeType = 'application/vnd.attention-lab.results+json';

/** What JupyterLab 4 renders as an interactive chart (it does not know vega-lite 6). */
export const vegaLiteMimeType = 'application/vnd.vegalite.v5+json';
