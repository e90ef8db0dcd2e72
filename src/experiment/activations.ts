/**
 * Reading out what a layer computes, as the original's get_activations did (and keract does):
 * every layer's output, or one named layer's, for given inputs.
 */
import { columnQuantiles } from '../core/statistics';
import { tf } from '../core/tf';

/** An attention layer's output averaged over samples: one entry per input column (or time step). */
export interface AttentionSummary {
  layerName: string;
  mean: number[];
  std: number[];
  /**
   * The 10th and 90th percentiles over samples: the spread charts and prose show, because a softmax
   * weight is bounded by 0 and 1 and often near one of them per sample, where mean ± std would
   * reach outside [0, 1].
   */
  p10: number[];
  p90: number[];
  samples: number;
}

export interface ActivationOptions {
  /** Only this layer; by default every layer. */
  layerName?: string;
  /** Log each layer's output shape (the original printed shapes or values). */
  printShapeOnly?: boolean;
}

/** Layer name → output tensor for `inputs`. The caller owns the tensors: dispose them. */
export function getActivations(
  model: tf.LayersModel, inputs: tf.Tensor, { layerName, printShapeOnly = false }: ActivationOptions = {},
): Record<string, tf.Tensor> {
  const layers = layerName === undefined ? model.layers : [findLayer(model, layerName)];
  const activations: Record<string, tf.Tensor> = {};
  // Input layers have no computation of their own: their "activation" is the input itself.
  const computed = layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  for (const layer of layers) {
    if (!computed.includes(layer)) activations[layer.name] = inputs.clone();
  }
  if (computed.length > 0) {
    const probe = tf.model({ inputs: model.inputs, outputs: computed.map((layer) => layer.output as tf.SymbolicTensor) });
    const outputs = probe.predict(inputs);
    const list = Array.isArray(outputs) ? outputs : [outputs];
    computed.forEach((layer, i) => { activations[layer.name] = list[i]; });
  }
  if (printShapeOnly) {
    for (const [name, tensor] of Object.entries(activations)) console.log(`${name}: [${tensor.shape.join(', ')}]`);
  }
  return activations;
}

function findLayer(model: tf.LayersModel, layerName: string): tf.layers.Layer {
  const layer = model.layers.find((candidate) => candidate.name === layerName);
  if (layer === undefined) {
    throw new Error(`no layer named "${layerName}"; this model has: ${model.layers.map((l) => l.name).join(', ')}`);
  }
  return layer;
}

/**
 * An attention layer's output averaged over every sample of `x`, with its standard deviation,
 * per input column. For a time-step attention ([samples, steps, features]) the features are
 * averaged first, as the original LSTM example did, giving one value per time step.
 */
export function attentionVector(model: tf.LayersModel, x: tf.Tensor, layerName = 'attention_vec'): AttentionSummary {
  const activation = getActivations(model, x, { layerName })[layerName];
  const { perSample, mean, std } = tf.tidy(() => {
    const perSample = activation.rank === 3 ? activation.mean(2) : activation;
    const moments = tf.moments(perSample, 0);
    return { perSample: perSample.clone(), mean: moments.mean, std: moments.variance.sqrt() };
  });
  const values = perSample.dataSync();
  const columns = perSample.shape[1] ?? 1;
  const summary: AttentionSummary = {
    layerName,
    mean: Array.from(mean.dataSync()),
    std: Array.from(std.dataSync()),
    p10: columnQuantiles(values, columns, 0.1),
    p90: columnQuantiles(values, columns, 0.9),
    samples: x.shape[0],
  };
  tf.dispose([activation, perSample, mean, std]);
  return summary;
}
