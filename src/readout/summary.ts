/**
 * A model summary in Keras's layout (Layer (type) | Output Shape | Param # | Connected to).
 * tfjs's own model.summary() has different columns and truncates long layer names.
 */
import { tf } from '../core/tf';

/** One row of a model summary. */
export interface LayerSummary {
  /** The layer's name. */
  name: string;
  /** Its class name, e.g. "Dense". */
  type: string;
  /** As Keras prints it, e.g. "(None, 4)". */
  outputShape: string;
  /** Number of weights (trainable or not). */
  params: number;
  /** Names of the layers that feed it. */
  connectedTo: string[];
}

/** A model's layers and parameter counts, as summarize() returns them. */
export interface ModelSummary {
  /** One entry per layer, in the model's order. */
  layers: LayerSummary[];
  /** All weights. */
  totalParams: number;
  /** Trainable weights. */
  trainableParams: number;
}

/** A model's layers (name, type, output shape, parameters, inputs) and parameter counts, in Keras's layout; formatSummary() prints it. */
export function summarize(model: tf.LayersModel): ModelSummary {
  const layers = model.layers.map((layer): LayerSummary => ({
    name: layer.name,
    type: layer.getClassName(),
    outputShape: formatShape(layer.outputShape),
    params: layer.countParams(),
    connectedTo: layer.inboundNodes.flatMap((node) => node.inboundLayers.map((inbound) => inbound.name)),
  }));
  const trainableParams = model.trainableWeights.reduce((sum, w) => sum + tf.util.sizeFromShape(w.shape as number[]), 0);
  return { layers, totalParams: model.countParams(), trainableParams };
}

function formatShape(shape: tf.Shape | tf.Shape[]): string {
  const one = (s: tf.Shape) => `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
  return Array.isArray(shape[0]) ? (shape as tf.Shape[]).map(one).join(', ') : one(shape as tf.Shape);
}

/**
 * The summary as Keras prints it, for a notebook's text output.
 * @param modelName - The name in the header line; default "model".
 */
export function formatSummary(summary: ModelSummary, modelName = 'model'): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const rows = summary.layers.map((l) => [`${l.name} (${l.type})`, l.outputShape, String(l.params), l.connectedTo.join(', ')]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 2);
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('').trimEnd();
  const total = widths.reduce((a, b) => a + b, 0);
  return [
    `Model: "${modelName}"`,
    '_'.repeat(total),
    line(header),
    '='.repeat(total),
    rows.map(line).join(`\n${'_'.repeat(total)}\n`),
    '='.repeat(total),
    `Total params: ${summary.totalParams}`,
    `Trainable params: ${summary.trainableParams}`,
    `Non-trainable params: ${summary.totalParams - summary.trainableParams}`,
    '_'.repeat(total),
  ].join('\n');
}
