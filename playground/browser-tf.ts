/**
 * What src/core/tf.ts becomes in the browser bundle (scripts/build-playground.ts aliases it): the
 * same tfjs API on tfjs's own JavaScript kernels instead of native TensorFlow, so that the page
 * runs the library's data, model, train() and read-outs unchanged.
 */
import * as tfCore from '@tensorflow/tfjs-core';
import * as tfLayers from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
// What @tensorflow/tfjs registers besides: the ops' gradients (the tape's check) and tensor.mul()-style methods.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

/** The one tfjs instance of the page, shaped like @tensorflow/tfjs's (core and layers in one namespace). */
export const tf = { ...tfCore, ...tfLayers };
