/** What a notebook's outputs tell the runner (the library publishes with these; the runner reads them). */

/** The key figures a notebook publishes; `attention-lab export` collects them into <name>.results.json. */
export const resultsMimeType = 'application/vnd.attention-lab.results+json';

/**
 * A live element for the page (`attention-lab export --live`): the output holding it is replaced by
 * `html` followed by the script at `script`, a path relative to the notebook's folder (inlined into
 * HTML, copied into <name>_files/ for Markdown). Without --live the output is left out of the page.
 */
export const liveMimeType = 'application/vnd.attention-lab.live+json';

export interface LiveElement {
  html: string;
  script: string;
}
