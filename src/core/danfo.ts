/**
 * danfojs-node, loaded on first use: only tables need it, and loading it (mathjs among others) took a
 * large share of every notebook's import cell. Its types stay exact: `import type` loads nothing.
 */
// './tf' first: it sets TensorFlow's environment before danfojs-node loads tfjs-node (the same copy, via npm overrides).
import './tf';
import type * as Danfo from 'danfojs-node';

/** danfojs-node's module; the first call loads it. */
export function danfo(): typeof Danfo {
  return require('danfojs-node') as typeof Danfo;
}
