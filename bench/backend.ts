import { tf } from '../src/core/tf';

/**
 * Switches the benchmark worker's tfjs backend: 'tensorflow' is tfjs-node's native one, 'cpu' tfjs's
 * pure-JavaScript one, 'wasm' tfjs's WebAssembly one; the same training code runs on top of each.
 */
export async function useBackend(backend: string): Promise<void> {
  // The wasm backend registers itself with tfjs when loaded; only its worker pays for loading it.
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} is not available`);
}
