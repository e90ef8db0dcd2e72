/** The playground's settings in a link's hash: `#attention_column=3&input_dim=6&n=4000&epochs=8&seed=7&run`. */
import { type PlaygroundControl, playgroundControls, type PlaygroundSettings } from '../src/notebook/playground-element';

/** In the hash, this word (without a value) starts training as soon as the page opens. */
export const runWord = 'run';

export interface HashRequest {
  /** The controls' values the hash sets; the others keep their defaults. */
  values: Partial<Record<PlaygroundControl, number>>;
  run: boolean;
}

const isControl = (name: string): name is PlaygroundControl => (playgroundControls as readonly string[]).includes(name);

/**
 * Reads a hash. Values are taken as numbers without judging them (the library's own checks do, when
 * a run starts, with their messages); a name that is no setting is refused here.
 */
export function parseHash(hash: string): HashRequest {
  const request: HashRequest = { values: {}, run: false };
  for (const [name, value] of new URLSearchParams(hash.replace(/^#/, ''))) {
    if (name === runWord && value === '') request.run = true;
    else if (isControl(name)) request.values[name] = numberOf(value);
    else throw new RangeError(`the link sets "${name}", which is not a setting of the playground (${playgroundControls.join(', ')}, ${runWord})`);
  }
  return request;
}

/** A field's text as a number; an empty field is no number (NaN), not 0. */
export function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function formatHash(settings: PlaygroundSettings): string {
  return `#${playgroundControls.map((name) => `${name}=${settings[name]}`).join('&')}`;
}
