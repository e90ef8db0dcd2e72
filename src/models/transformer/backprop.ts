/**
 * The attention-only Transformer of buildTransformer() (model.ts) forward and backward by hand, for
 * next-token softmax cross-entropy (training/objectives.ts), as TensorFlow ops run outside tfjs's
 * engine (core/tensorflow-ops.ts): on these small tensors a step costs the number of ops as much as
 * their arithmetic. The residual stream stays [batch · steps, width], so that projections are 2-D
 * products (MatMul) and their gradients' reductions run over rows; Q, K and V come from one product with the
 * three kernels stacked, the heads from one transpose [batch, steps, 3, heads, d] → [3, batch, heads,
 * steps, d]. test/transformer-backprop.test.ts checks it against tfjs's tape. On the first batch of
 * each size the ops run one by one and are recorded; from then on they run as one TensorFlow graph
 * (core/tensorflow-graph.ts), checked against the recorded ops on that batch.
 *
 * Per block, with r the residual stream and d = width / heads:
 *   [q; k; v] = r·[W_q; W_k; W_v] + b,  a = softmax(q·kᵀ/√d + causal mask),
 *   r ← r + Σ_heads (a·v)·W_o + b_o;   logits = r·U + c.
 */
import { tf } from '../../core/tf';
import { type CompiledGraph, GraphRecording } from '../../core/tensorflow-graph';
import { type RawTensor, type TensorFlowOps, tensorFlowOpsAvailable, withTensorFlowOps } from '../../core/tensorflow-ops';
import { softmaxBackwardWith } from '../../core/softmax-backward';
import { compareWithTape } from '../../training/gradient-routes';
import { type ExpectedLayer, matchesLayers, trainableVariablesOf } from '../../training/network-match';
import type { BatchGradients, GradientFunction } from '../../training/tape-gradients';
import { blockLayerNames, type TransformerSpec, transformerSpec } from './spec';

// The mask the layer applies (multihead-attention.ts) through tf.where; added here, it gives the same softmax.
const maskedScore = -1e9;


/** Every layer of the attention-only network, in the model's order: its class, what feeds it, its weights. */
function expectedLayers({ layers, heads, width }: TransformerSpec): ExpectedLayer[] {
  const expected: ExpectedLayer[] = [
    { name: 'tokens', className: 'InputLayer', inputs: [], weights: 0, fits: () => true },
    { name: 'embed', className: 'Embedding', inputs: ['tokens'], weights: 1, fits: (c) => !c.maskZero },
    { name: 'position', className: 'AttentionLabPositionEmbedding', inputs: ['embed'], weights: 1, fits: () => true },
  ];
  let stream = 'position';
  for (let layer = 0; layer < layers; layer++) {
    const names = blockLayerNames(layer);
    expected.push(
      { name: names.scores, className: 'AttentionLabMultiHeadAttentionScores', inputs: [stream], weights: 4,
        fits: (c) => c.causal === true && c.heads === heads && c.keyDim === width / heads },
      { name: names.attention, className: 'AttentionLabMultiHeadAttention', inputs: [stream, names.scores], weights: 4, fits: (c) => c.valueDim === width / heads },
      { name: names.attentionResidual, className: 'Add', inputs: [stream, names.attention], weights: 0, fits: () => true },
    );
    stream = names.attentionResidual;
  }
  expected.push({ name: 'unembed', className: 'Dense', inputs: [stream], weights: 2, fits: (c) => c.activation === 'linear' && c.useBias === true });
  return expected;
}

/** Whether the model is the attention-only network this route was written for, every weight trainable. */
function isAttentionOnlyTransformer(model: tf.LayersModel, spec: TransformerSpec): boolean {
  if (spec.mlp || spec.layerNorm) return false;
  const expected = expectedLayers(spec);
  return matchesLayers(model, expected);
}

/** One block's weights, in the order its gradients are listed. */
interface BlockWeights { query: RawTensor[]; key: RawTensor[]; value: RawTensor[]; output: RawTensor[] }

/** The variables of block `layer`: query, key, value and output kernel and bias, as BlockWeights lists them. */
function blockVariables(model: tf.LayersModel, layer: number): tf.Variable[] {
  const names = blockLayerNames(layer);
  return [...trainableVariablesOf(model, names.scores), ...trainableVariablesOf(model, names.attention)];
}

function blockWeights([queryKernel, queryBias, keyKernel, keyBias, valueKernel, valueBias, outputKernel, outputBias]: RawTensor[]): BlockWeights {
  return { query: [queryKernel, queryBias], key: [keyKernel, keyBias], value: [valueKernel, valueBias], output: [outputKernel, outputBias] };
}

/** What one block's forward pass keeps for its backward pass; q is scaled by 1/√d. */
interface BlockPass { input: RawTensor; kernel: RawTensor; q: RawTensor; k: RawTensor; v: RawTensor; a: RawTensor; context: RawTensor; outputKernel: RawTensor }

/** What every block of one batch shares: its shape, the scores' scale 1/√d and the causal mask [steps, steps]. */
interface BatchConstants { batch: number; steps: number; scale: RawTensor; mask: RawTensor }

function blockForward(ops: TensorFlowOps, block: BlockWeights, input: RawTensor, { batch, steps, scale, mask }: BatchConstants): { output: RawTensor; pass: BlockPass } {
  const [heads, headWidth, width] = block.output[0].shape;
  const kernel = ops.reshape(ops.stack([block.query[0], block.key[0], block.value[0]], 1), [width, 3 * heads * headWidth]);
  const projected = ops.add(ops.reshape(ops.matMul2d(input, kernel), [batch, steps, 3, heads, headWidth]), ops.stack([block.query[1], block.key[1], block.value[1]], 0));
  const [unscaled, k, v] = ops.split(ops.transpose(projected, [2, 0, 3, 1, 4]), 0, 3);
  // Scaled before the product, as the layer does: the same rounding as the tape's.
  const q = ops.mul(unscaled, scale);
  const a = ops.softmax(ops.add(ops.matMul(q, k, false, true), mask));
  const context = ops.reshape(ops.transpose(ops.matMul(a, v), [0, 1, 3, 2, 4]), [batch * steps, heads * headWidth]);
  const outputKernel = ops.reshape(block.output[0], [heads * headWidth, width]);
  const attended = ops.add(ops.matMul2d(context, outputKernel), block.output[1]);
  return { output: ops.add(input, attended), pass: { input, kernel, q, k, v, a, context, outputKernel } };
}

/** From the gradient of the block's output: that of its input, and its weights' gradients in BlockWeights' order. */
function blockBackward(
  ops: TensorFlowOps, block: BlockWeights, pass: BlockPass, dOutput: RawTensor, { batch, steps, scale }: BatchConstants,
): { dInput: RawTensor; gradients: RawTensor[] } {
  const { input, kernel, q, k, v, a, context, outputKernel } = pass;
  const [heads, headWidth, width] = block.output[0].shape;
  const softmax = { mul: ops.mul.bind(ops), sub: ops.sub.bind(ops), sumLast: (t: RawTensor) => ops.sum(t, [-1], true) };
  // Reductions over the leading axes only: TensorFlow's reductions over a middle axis are many times slower.
  const dOutputBias = ops.sum(dOutput, [0]);
  const dOutputKernel = ops.reshape(ops.matMul2d(context, dOutput, true, false), [heads, headWidth, width]);
  const dContext = ops.transpose(ops.reshape(ops.matMul2d(dOutput, outputKernel, false, true), [1, batch, steps, heads, headWidth]), [0, 1, 3, 2, 4]);
  const dv = ops.matMul(a, dContext, true, false);
  const ds = softmaxBackwardWith(softmax, a, ops.matMul(dContext, v, false, true));
  const dHeads = ops.concat([ops.mul(ops.matMul(ds, k), scale), ops.matMul(ds, q, true, false), dv], 0);
  const dRows = ops.transpose(dHeads, [1, 3, 0, 2, 4]); // [batch, steps, 3, heads, d]
  const dProjected = ops.reshape(dRows, [batch * steps, 3 * heads * headWidth]);
  const [dqBias, dkBias, dvBias] = ops.unstack(ops.sum(dRows, [0, 1]), 0);
  const [dqKernel, dkKernel, dvKernel] = ops.unstack(ops.reshape(ops.matMul2d(input, dProjected, true, false), [width, 3, heads, headWidth]), 1);
  const dInput = ops.add(dOutput, ops.matMul2d(dProjected, kernel, false, true));
  return { dInput, gradients: [dqKernel, dqBias, dkKernel, dkBias, dvKernel, dvBias, dOutputKernel, dOutputBias] };
}

/** Query step t sees key steps ≤ t: 0 there, the masked score elsewhere. */
function causalMask(steps: number): Float32Array {
  const mask = new Float32Array(steps * steps);
  for (let t = 0; t < steps; t++) mask.fill(maskedScore, t * steps + t + 1, (t + 1) * steps);
  return mask;
}

/**
 * The labels [batch, steps, 2] (target id, mask: objectives.ts) as one-hot rows [batch · steps,
 * vocabulary] and each row's weight in the loss, mask / max(Σ mask, 1): softmax into the
 * cross-entropy gives d loss / d logits = (softmax − one-hot) · weight. Built in JavaScript from one
 * read-back, a handful of native ops fewer per step.
 */
function targetRows(labels: ArrayLike<number>, vocabulary: number): { oneHot: Float32Array; weights: Float32Array } {
  const rows = labels.length / 2;
  const [oneHot, weights] = [new Float32Array(rows * vocabulary), new Float32Array(rows)];
  let selected = 0;
  for (let row = 0; row < rows; row++) selected += labels[2 * row + 1];
  const scale = 1 / Math.max(selected, 1);
  for (let row = 0; row < rows; row++) {
    oneHot[row * vocabulary + labels[2 * row]] = 1;
    weights[row] = labels[2 * row + 1] * scale;
  }
  return { oneHot, weights };
}

/**
 * The token ids, read back once per batch, as int32 for the gather: cheaper than a Cast op, and an id
 * outside the vocabulary is refused by name here rather than by TensorFlow's gather.
 */
function tokenIds(ids: ArrayLike<number>, vocabulary: number): Int32Array {
  const tokens = new Int32Array(ids.length);
  for (let position = 0; position < ids.length; position++) {
    const id = ids[position];
    if (!Number.isInteger(id) || id < 0 || id >= vocabulary) {
      throw new RangeError(`token id ${id} at position ${position} is outside the vocabulary (integer >= 0 and < ${vocabulary})`);
    }
    tokens[position] = id;
  }
  return tokens;
}

/**
 * Gradients of the masked mean next-token cross-entropy for the attention-only network
 * buildTransformer() makes, or undefined when the model is not that network (MLP or LayerNorm
 * blocks, a layer changed, rewired or frozen) or the backend cannot run TensorFlow's ops.
 */
export function transformerBackprop(model: tf.LayersModel): GradientFunction | undefined {
  const spec = transformerSpec(model);
  if (!tensorFlowOpsAvailable() || !isAttentionOnlyTransformer(model, spec)) return undefined;
  const { vocabulary, length, layers } = spec;
  const variables = [
    ...trainableVariablesOf(model, 'embed'), ...trainableVariablesOf(model, 'position'),
    ...Array.from({ length: layers }, (_, layer) => blockVariables(model, layer)).flat(), ...trainableVariablesOf(model, 'unembed'),
  ];
  const order = model.trainableWeights.map((weight) => variables.indexOf(weight.read() as tf.Variable));
  const mask = causalMask(length);
  // Per batch size: the step traced as one graph, or null where the graph could not be used.
  const graphs = new Map<number, CompiledGraph | null>();

  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => withTensorFlowOps((ops) => {
    const batch = x.shape[0];
    // Checked before anything reaches TensorFlow.
    const ids = tokenIds(x.dataSync(), vocabulary);
    const { oneHot, weights } = targetRows(y.dataSync(), vocabulary);
    const graph = graphs.get(batch);
    const recording = graph === undefined ? new GraphRecording() : undefined;
    ops.record(recording);
    const inputs: StepInputs = {
      weights: variables.map((variable) => ops.of(variable)),
      tokens: ops.tensor(ids, [batch, length]),
      oneHot: ops.tensor(oneHot, [batch * length, vocabulary]),
      rowWeights: ops.tensor(weights, [batch * length, 1]),
    };
    const fed = [...inputs.weights, inputs.tokens, inputs.oneHot, inputs.rowWeights];
    let outputs: RawTensor[];
    if (graph) outputs = graph.run(ops, fed);
    else {
      outputs = step(ops, spec, batch, mask, inputs);
      if (recording !== undefined) {
        ops.record(undefined);
        const traced = replayed(ops, recording, fed, outputs);
        graphs.set(batch, traced?.graph ?? null);
        if (traced !== undefined) outputs = traced.outputs;
      }
    }
    const [probabilities, ...gradients] = outputs;
    return { probabilities: ops.toTensor(probabilities), gradients: order.map((i) => ops.toTensor(gradients[i])) };
  });
}

/** What one step reads: the weights in the route's order (embeddings, blocks, unembedding), the batch's tokens and targets. */
interface StepInputs { weights: RawTensor[]; tokens: RawTensor; oneHot: RawTensor; rowWeights: RawTensor }

/** The step's ops: the logits [batch, steps, vocabulary], then the gradients in the order of StepInputs' weights. */
function step(ops: TensorFlowOps, { vocabulary, length, layers, width }: TransformerSpec, batch: number, mask: Float32Array, inputs: StepInputs): RawTensor[] {
  const [tokenEmbedding, positionEmbedding, ...rest] = inputs.weights;
  const blocks = Array.from({ length: layers }, (_, layer) => blockWeights(rest.slice(8 * layer, 8 * layer + 8)));
  const [unembedKernel, unembedBias] = rest.slice(8 * layers);
  const [, headWidth] = blocks[0].output[0].shape;
  const constants: BatchConstants = { batch, steps: length, scale: ops.scalar(1 / Math.sqrt(headWidth)), mask: ops.tensor(mask, [length, length]) };
  let stream = ops.reshape(ops.add(ops.gather(tokenEmbedding, inputs.tokens), positionEmbedding), [batch * length, width]);
  const passes: BlockPass[] = [];
  for (const block of blocks) {
    const { output, pass } = blockForward(ops, block, stream, constants);
    passes.push(pass);
    stream = output;
  }
  const logits = ops.add(ops.matMul2d(stream, unembedKernel), unembedBias);

  const [, dPrediction] = ops.softmaxCrossEntropy(logits, inputs.oneHot);
  const dLogits = ops.mul(dPrediction, inputs.rowWeights);

  let dStream = ops.matMul2d(dLogits, unembedKernel, false, true);
  const blockGradients: RawTensor[][] = [];
  for (let layer = layers - 1; layer >= 0; layer--) {
    const { dInput, gradients } = blockBackward(ops, blocks[layer], passes[layer], dStream, constants);
    blockGradients.unshift(gradients);
    dStream = dInput;
  }
  const dEmbedded = ops.reshape(dStream, [batch, length, width]);
  return [
    ops.reshape(logits, [batch, length, vocabulary]),
    ops.segmentSum(dEmbedded, inputs.tokens, vocabulary), ops.sum(dEmbedded, [0]), ...blockGradients.flat(),
    ops.matMul2d(stream, dLogits, true, false), ops.sum(dLogits, [0]),
  ];
}

/**
 * The recorded step compiled into one graph and run on the same inputs: its outputs if they agree
 * with the eager ops' (within the tolerance the route is held to against the tape), else undefined
 * with a warning, and the eager ops stay.
 */
function replayed(ops: TensorFlowOps, recording: GraphRecording, fed: RawTensor[], eager: RawTensor[]): { graph: CompiledGraph; outputs: RawTensor[] } | undefined {
  try {
    const graph = recording.compile(fed, eager);
    const outputs = graph.run(ops, fed);
    if (outputs.every((output, i) => compareWithTape(ops.read(output), ops.read(eager[i])).agreed)) return { graph, outputs };
    console.warn('attention-lab: the Transformer route\'s step as one TensorFlow graph differs from its ops run one by one; it keeps running them one by one.');
  } catch (error) {
    console.warn(`attention-lab: the Transformer route's step could not run as one TensorFlow graph (${(error as Error).message}); it runs its ops one by one.`);
  }
  return undefined;
}
