/**
 * tfjs's WebAssembly backend, registered as @tensorflow/tfjs-backend-wasm does it but with its binary
 * supplied from the bundle: only the SIMD one, bundled gzipped (base64 of gzip, which shrinks far
 * better than the page's gzip can shrink a binary's base64) and inflated by the browser's
 * DecompressionStream into a blob: URL, so that nothing is fetched.
 */
import { env, ready, registerBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm/dist/flags_wasm';
import '@tensorflow/tfjs-backend-wasm/dist/register_all_kernels';
import { BackendWasm, init, setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/backend_wasm';
import gzippedSimdBinary from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';

/** tfjs-backend-wasm's own priority (the only backend bundled). */
const wasmPriority = 2;

async function simdBinaryUrl(): Promise<string> {
  const gzipped = Uint8Array.from(atob(gzippedSimdBinary), (char) => char.charCodeAt(0));
  const inflated = await new Response(new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return URL.createObjectURL(new Blob([inflated], { type: 'application/wasm' }));
}

// Threads need a cross-origin-isolated page (never from file://); their glue is left out of the bundle.
env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
registerBackend('wasm', async () => {
  const binary = await simdBinaryUrl();
  // tfjs asks for a path per binary; readyOnWasm() has made sure that the SIMD one is the one asked for.
  setWasmPaths({ 'tfjs-backend-wasm-simd.wasm': binary, 'tfjs-backend-wasm.wasm': binary, 'tfjs-backend-wasm-threaded-simd.wasm': binary });
  const { wasm } = await init();
  return new BackendWasm(wasm);
}, wasmPriority);

/**
 * tfjs's ready() for the page: the wasm backend started, or an error that says what the browser
 * lacks (tfjs's own would only say that no backend could start).
 */
export async function readyOnWasm(): Promise<void> {
  if (!(await env().getAsync('WASM_HAS_SIMD_SUPPORT'))) {
    throw new Error("this browser's WebAssembly has no SIMD, which the playground needs (Chrome 91, Firefox 89, Safari 16.4 or later)");
  }
  await ready();
}
