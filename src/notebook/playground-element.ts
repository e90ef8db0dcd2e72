/**
 * The live playground's element as the library writes it into the page and the page script
 * (playground/page.ts) finds it: its settings, the controls a reader may change, its markup. No
 * Node imports, so that the browser bundle shares it.
 */

/** A run's settings, named as the dense notebook's parameters; the playground opens with them. */
export interface PlaygroundSettings {
  /** The input column that holds the label (an integer in [0, input_dim)). */
  attention_column: number;
  /** Input columns (an integer ≥ 2). */
  input_dim: number;
  /** Samples for training and validation (an integer ≥ 1). */
  n: number;
  /** Passes over the training samples (an integer ≥ 1). */
  epochs: number;
  /** Fixes the data, the initial weights and the shuffling (an integer in [0, 2³² − 1]). */
  seed: number;
  /** Units of the hidden layer (an integer ≥ 1). */
  hidden: number;
  /** Samples per training step (an integer ≥ 1). */
  batch_size: number;
  /** The fraction of samples, from the end, held out for validation (in [0, 1)). */
  validation_split: number;
  /** Fresh samples over which the attention is averaged (an integer ≥ 1). */
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
