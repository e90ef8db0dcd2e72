/**
 * What a hand-derived gradient route checks before it takes a model: every layer, in order, is the
 * one it was written for (name, class, inputs, weights all trainable, the settings it relies on).
 * Shared by the routes that match a whole network layer by layer.
 */
import { tf } from '../core/tf';

/** A layer's getConfig(), as a route reads it. */
export type LayerConfig = Record<string, unknown>;

/** One layer a route expects: its name, class, the layers that feed it, its weight count, and the settings it relies on. */
export interface ExpectedLayer {
  name: string;
  className: string;
  inputs: string[];
  weights: number;
  fits: (config: LayerConfig) => boolean;
}

/** Whether the model's layers are exactly `expected`, in order, every weight trainable. */
export function matchesLayers(model: tf.LayersModel, expected: ExpectedLayer[]): boolean {
  if (model.layers.length !== expected.length) return false;
  return expected.every((layer, i) => {
    const actual = model.layers[i];
    const inbound = actual.inboundNodes.flatMap((node) => node.inboundLayers.map((l) => l.name));
    return actual.name === layer.name && actual.getClassName() === layer.className && inbound.join() === layer.inputs.join()
      && actual.trainableWeights.length === layer.weights && actual.weights.length === layer.weights
      && layer.fits(actual.getConfig() as LayerConfig);
  });
}

/** The trainable variables of one layer, in its weights' order. */
export const trainableVariablesOf = (model: tf.LayersModel, layer: string): tf.Variable[] =>
  model.getLayer(layer).trainableWeights.map((w) => w.read() as tf.Variable);
