/**
 * Reading out what a layer computes, as the original's get_activations did (and keract does):
 * every layer's output, or one named layer's, for given inputs.
 */
import { type DataProvenance, describeProvenance, ProvenanceError, requireSameSource, trainingData } from '../core/provenance';
import { columnQuantiles } from '../core/statistics';
import { tf } from '../core/tf';

/** An attention layer's output averaged over samples: one entry per input column (or time step). */
export interface AttentionSummary {
  /** The layer read out. */
  layerName: string;
  /** Mean over samples, per column (or time step). */
  mean: number[];
  /** Population standard deviation over samples, per column. */
  std: number[];
  /**
   * The 10th and 90th percentiles over samples: the spread charts and prose show, because a softmax
   * weight is bounded by 0 and 1 and often near one of them per sample, where mean ± std would
   * reach outside [0, 1].
   */
  p10: number[];
  /** The 90th percentile over samples, per column. */
  p90: number[];
  /** Number of samples averaged. */
  samples: number;
  /**
   * The label's position, for a layer that attends over the inputs (or time steps), taken from the
   * data the model was trained on (or else the data read out). Charts and prose mark this one.
   */
  attentionColumn?: number;
  /** The data the model was trained on, if train() knew. */
  trainedOn?: DataProvenance;
}

/** Inputs to read a model out on: a tensor, or a data set that says where it came from (getData's). */
export type ReadOutInputs = tf.Tensor | { x: tf.Tensor; provenance?: DataProvenance };

// A symbol property on the model, set by its builder: which layers weigh the inputs themselves.
const inputAttentionKey = Symbol.for('attention-lab.input-attention');
type WithInputAttention = tf.LayersModel & { [inputAttentionKey]?: string[] };

/**
 * Called by a model's builder for its attention layers whose entries stand for input columns (or
 * time steps), so that their read-outs carry the label's position. Other attention layers (over
 * hidden units) have no "right" entry.
 */
export function declareInputAttention(model: tf.LayersModel, layerNames: string[]): void {
  (model as WithInputAttention)[inputAttentionKey] = layerNames;
}

/** getActivations()'s settings. */
export interface ActivationOptions {
  /** Only this layer; by default every layer. */
  layerName?: string;
  /** Log each layer's output shape (the original printed shapes or values). */
  printShapeOnly?: boolean;
}

/**
 * Every layer's output (or one named layer's) for `inputs`, as the original's get_activations did;
 * an input layer's "output" is a copy of the inputs.
 * @param inputs - A batch the model reads.
 * @returns Layer name → output tensor. The caller owns the tensors: dispose them.
 */
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
 * Throws a ProvenanceError when `inputs` carries a provenance made for another label position or shape than the model's training data.
 * @param inputs - A tensor, or a data set with its provenance (getData's).
 * @param layerName - The attention layer; default "attention_vec".
 * @returns Mean, std, 10th and 90th percentiles per column, and the label's position where known.
 */
export function attentionVector(model: tf.LayersModel, inputs: ReadOutInputs, layerName = 'attention_vec'): AttentionSummary {
  const { x, provenance } = inputs instanceof tf.Tensor ? { x: inputs, provenance: undefined } : inputs;
  const trainedOn = trainingData(model);
  if (trainedOn !== undefined && provenance !== undefined) requireSameSource(trainedOn, provenance, 'this test data');
  const overInputs = (model as WithInputAttention)[inputAttentionKey]?.includes(layerName) ?? false;
  const attentionColumn = overInputs ? (trainedOn ?? provenance)?.attentionColumn : undefined;
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
    ...(attentionColumn === undefined ? {} : { attentionColumn }),
    ...(trainedOn === undefined ? {} : { trainedOn }),
  };
  tf.dispose([activation, perSample, mean, std]);
  return summary;
}

/**
 * The label's position to mark for a summary: the one it carries, or `claimed` when it carries
 * none. A claim that contradicts the summary (a notebook variable changed after training) throws
 * rather than mark the wrong column.
 */
export function labelPosition(summary: AttentionSummary, claimed?: number): number | undefined {
  const known = summary.attentionColumn;
  if (claimed === undefined || known === undefined || claimed === known) return known ?? claimed;
  const trainedOn = summary.trainedOn === undefined ? `the label in position ${known}` : describeProvenance(summary.trainedOn);
  throw new ProvenanceError(`"${summary.layerName}" was read from a model trained on data made for ${trainedOn}, `
    + `not for ${claimed}: the settings changed since the model was trained. Re-run the notebook from the data cell (section 1).`);
}
