/**
 * The live playground's element as the library writes it into the page and the page script
 * (playground/page.ts) finds it: its settings, the controls a reader may change, its markup. No
 * Node imports, so that the browser bundle shares it.
 */

/** A run's settings, named as the dense notebook's parameters; the playground opens with them. */
export interface PlaygroundSettings {
  attention_column: number;
  input_dim: number;
  n: number;
  epochs: number;
  seed: number;
  hidden: number;
  batch_size: number;
  validation_split: number;
  test_size: number;
}

/** The settings a reader can change in the page (and in the link's hash); the others stay the run's. */
export const playgroundControls = ['attention_column', 'input_dim', 'n', 'epochs', 'seed'] as const;
export type PlaygroundControl = (typeof playgroundControls)[number];

/** The element the page script looks for; its defaults travel as JSON in `data-defaults`. */
export const playgroundClass = 'attention-playground';

const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');

/** The element in the page, before its script runs: what a reader without JavaScript sees. */
export function playgroundElement(settings: PlaygroundSettings): string {
  return `<div class="${playgroundClass}" data-state="idle" data-defaults='${escapeAttribute(JSON.stringify(settings))}'>`
    + '<p>A live playground that trains this network again in the page needs JavaScript; the charts above are this run\'s.</p></div>';
}
