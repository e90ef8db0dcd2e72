/**
 * What train() can train, checked before anything runs: one input, one sigmoid output fitted with
 * binary cross-entropy (the original's loss) or a next-token model (objectives.ts), no weight regularizers or constraints (our loop would
 * silently skip them, where model.fit() applies them), and data whose shape matches the model.
 */
import { tf } from '../core/tf';
import { requireBinaryLabels } from '../core/validate';

export interface LabelledTensors {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** `objective` "next-token": a model whose builder declared it (objectives.ts), which checks its output itself. */
export function requireSupportedModel(model: tf.LayersModel, objective: 'binary' | 'next-token' = 'binary'): void {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new RangeError(`train() fits models with one input and one output; "${model.name}" has `
      + `${model.inputs.length} input(s) and ${model.outputs.length} output(s)`);
  }
  if (objective === 'binary') requireSigmoidOutput(model);
  requireNoRegularizers(model);
}

function requireSigmoidOutput(model: tf.LayersModel): void {
  const output = model.outputs[0];
  const outputLayer = output.sourceLayer;
  const activation = (outputLayer.getConfig() as { activation?: unknown }).activation;
  if (output.shape.length !== 2 || output.shape[1] !== 1 || activation !== 'sigmoid') {
    throw new RangeError('train() fits one sigmoid output with binary cross-entropy (the original\'s loss); '
      + `the output layer "${outputLayer.name}" has shape [${output.shape.map(String).join(', ')}] and activation "${String(activation ?? 'none')}"`);
  }
}

function requireNoRegularizers(model: tf.LayersModel): void {
  for (const layer of model.layers) {
    const config = layer.getConfig() as Record<string, unknown>;
    const extras = Object.keys(config).filter((key) => /(Regularizer|Constraint)$/.test(key) && config[key] != null);
    if (extras.length > 0) {
      throw new RangeError(`train() does not apply weight regularizers or constraints, and layer "${layer.name}" has `
        + `${extras.join(', ')}: remove them, or train this model with tfjs's model.fit()`);
    }
  }
}

export function requireMatchingData(model: tf.LayersModel, { x, y }: LabelledTensors): void {
  const expected = model.inputs[0].shape.slice(1);
  const given = x.shape.slice(1);
  if (given.length !== expected.length || given.some((size, i) => expected[i] !== null && size !== expected[i])) {
    throw new RangeError(`data.x must have shape [n, ${expected.map(String).join(', ')}] for model "${model.name}", got [${x.shape.join(', ')}]`);
  }
  if (y.rank !== 2 || y.shape[1] !== 1 || y.shape[0] !== x.shape[0]) {
    throw new RangeError(`data.y must have shape [${x.shape[0]}, 1] (one label per sample of data.x), got [${y.shape.join(', ')}]`);
  }
  requireBinaryLabels('data.y', y.dataSync());
}
