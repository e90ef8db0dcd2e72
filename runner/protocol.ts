/** What a notebook's outputs tell the runner (the library publishes with these; the runner reads them). */

/** The key figures a notebook publishes; `attention-lab export` collects them into <name>.results.json. */
export const resultsMimeType = 'application/vnd.attention-lab.results+json';
