/**
 * What src/core/tf.ts becomes in the browser bundle (scripts/build-playground.ts aliases it): the
 * same tfjs API on tfjs's WebAssembly kernels instead of native TensorFlow, so that the page runs
 * the library's data, model, train() and read-outs unchanged. wasm measured faster than tfjs's
 * JavaScript (cpu) backend for this model (bench/playground.ts); cpu remains the fallback where
 * WebAssembly's SIMD is missing, since only the SIMD binary is bundled (as a data: URL, so that
 * nothing is fetched).
 */
import * as tfCore from '@tensorflow/tfjs-core';
import * as tfLayers from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import simdBinary from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm';
// What @tensorflow/tfjs registers besides: the ops' gradients (the tape's check) and tensor.mul()-style methods.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

// tfjs asks for a path per binary. Threads need a cross-origin-isolated page (never from file://); a
// browser without SIMD cannot compile the binary given for the plain one, and tfjs then takes cpu.
setWasmPaths({ 'tfjs-backend-wasm-simd.wasm': simdBinary, 'tfjs-backend-wasm.wasm': simdBinary, 'tfjs-backend-wasm-threaded-simd.wasm': simdBinary });

/** The one tfjs instance of the page, shaped like @tensorflow/tfjs's (core and layers in one namespace). */
export const tf = { ...tfCore, ...tfLayers };
