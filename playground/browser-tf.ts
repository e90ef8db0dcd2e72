/**
 * What src/core/tf.ts becomes in the browser bundle (scripts/build-playground.ts aliases it): the
 * same tfjs API on tfjs's WebAssembly kernels instead of native TensorFlow, so that the page runs
 * the library's data, model, train() and read-outs unchanged. wasm measured faster than tfjs's
 * JavaScript (cpu) backend for this network (bench/playground.ts), so cpu is not bundled: the page
 * stays smaller, and a kernel or a browser feature that wasm lacks fails the run with its reason
 * instead of falling back unseen.
 */
import * as tfCore from '@tensorflow/tfjs-core';
import * as tfLayers from '@tensorflow/tfjs-layers';
import { readyOnWasm } from './wasm-backend';
// What @tensorflow/tfjs registers besides: the ops' gradients (the tape's check) and tensor.mul()-style methods.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

/** The one tfjs instance of the page, shaped like @tensorflow/tfjs's (core and layers in one namespace). */
export const tf = { ...tfCore, ...tfLayers, ready: readyOnWasm };
