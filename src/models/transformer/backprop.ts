/**
 * The attention-only Transformer of buildTransformer() (model.ts) forward and backward by hand, for
 * next-token softmax cross-entropy (training/objectives.ts), as TensorFlow ops run outside tfjs's
 * engine (core/tensorflow-ops.ts): on these small tensors a step costs the number of ops as much as
 * their arithmetic. The residual stream stays [batch · steps, width], so that projections are 2-D
 * products (MatMul) and their gradients' reductions run over rows; Q, K and V come from one product with the
 * three kernels stacked, the heads from one transpose [batch, steps, 3, heads, d] → [3, batch, heads,
 * steps, d]. test/transformer-backprop.test.ts checks it against tfjs's tape.
 *
 * Per block, with r the residual stream and d = width / heads:
 *   [q; k; v] = r·[W_q; W_k; W_v] + b,  a = softmax(q·kᵀ/√d + causal mask),
 *   r ← r + Σ_heads (a·v)·W_o + b_o;   logits = r·U + c.
 */
import { tf } from '../../core/tf';
import { type RawTensor, type TensorFlowOps, tensorFlowOpsAvailable, withTensorFlowOps } from '../../core/tensorflow-ops';
import { softmaxBackwardWith } from '../../core/softmax-backward';
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

/** One block's variables, in the order its gradients are listed. */
interface BlockVariables { query: tf.Variable[]; key: tf.Variable[]; value: tf.Variable[]; output: tf.Variable[] }

function blockVariables(model: tf.LayersModel, layer: number): BlockVariables {
  const names = blockLayerNames(layer);
  const [queryKernel, queryBias, keyKernel, keyBias] = trainableVariablesOf(model, names.scores);
  const [valueKernel, valueBias, outputKernel, outputBias] = trainableVariablesOf(model, names.attention);
  return { query: [queryKernel, queryBias], key: [keyKernel, keyBias], value: [valueKernel, valueBias], output: [outputKernel, outputBias] };
}

/** What one block's forward pass keeps for its backward pass; q is scaled by 1/√d. */
interface BlockPass { input: RawTensor; kernel: RawTensor; q: RawTensor; k: RawTensor; v: RawTensor; a: RawTensor; context: RawTensor; outputKernel: RawTensor }

/** What every block of one batch shares: its shape, the scores' scale 1/√d and the causal mask [steps, steps]. */
interface BatchConstants { batch: number; steps: number; scale: RawTensor; mask: RawTensor }

function blockForward(ops: TensorFlowOps, block: BlockVariables, input: RawTensor, { batch, steps, scale, mask }: BatchConstants): { output: RawTensor; pass: BlockPass } {
  const [heads, headWidth, width] = block.output[0].shape;
  const of = (variables: tf.Variable[]) => variables.map((variable) => ops.of(variable));
  const kernel = ops.reshape(ops.stack(of([block.query[0], block.key[0], block.value[0]]), 1), [width, 3 * heads * headWidth]);
  const projected = ops.add(ops.reshape(ops.matMul2d(input, kernel), [batch, steps, 3, heads, headWidth]), ops.stack(of([block.query[1], block.key[1], block.value[1]]), 0));
  const [unscaled, k, v] = ops.split(ops.transpose(projected, [2, 0, 3, 1, 4]), 0, 3);
  // Scaled before the product, as the layer does: the same rounding as the tape's.
  const q = ops.mul(unscaled, scale);
  const a = ops.softmax(ops.add(ops.matMul(q, k, false, true), mask));
  const context = ops.reshape(ops.transpose(ops.matMul(a, v), [0, 1, 3, 2, 4]), [batch * steps, heads * headWidth]);
  const outputKernel = ops.reshape(ops.of(block.output[0]), [heads * headWidth, width]);
  const attended = ops.add(ops.matMul2d(context, outputKernel), ops.of(block.output[1]));
  return { output: ops.add(input, attended), pass: { input, kernel, q, k, v, a, context, outputKernel } };
}

/** From the gradient of the block's output: that of its input, and its weights' gradients in BlockVariables' order. */
function blockBackward(
  ops: TensorFlowOps, block: BlockVariables, pass: BlockPass, dOutput: RawTensor, { batch, steps, scale }: BatchConstants,
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
  const { vocabulary, length, layers, heads, width } = spec;
  const [tokenEmbedding] = trainableVariablesOf(model, 'embed');
  const [positionEmbedding] = trainableVariablesOf(model, 'position');
  const blocks = Array.from({ length: layers }, (_, layer) => blockVariables(model, layer));
  const [unembedKernel, unembedBias] = trainableVariablesOf(model, 'unembed');
  const variables = [tokenEmbedding, positionEmbedding, ...blocks.flatMap((b) => [...b.query, ...b.key, ...b.value, ...b.output]), unembedKernel, unembedBias];
  const order = model.trainableWeights.map((weight) => variables.indexOf(weight.read() as tf.Variable));
  const mask = causalMask(length);
  const scale = 1 / Math.sqrt(width / heads);

  return (x: tf.Tensor, y: tf.Tensor): BatchGradients => withTensorFlowOps((ops) => {
    const batch = x.shape[0];
    const constants: BatchConstants = { batch, steps: length, scale: ops.scalar(scale), mask: ops.tensor(mask, [length, length]) };
    const tokens = ops.tensor(tokenIds(x.dataSync(), vocabulary), [batch, length]);
    let stream = ops.reshape(ops.add(ops.gather(ops.of(tokenEmbedding), tokens), ops.of(positionEmbedding)), [batch * length, width]);
    const passes: BlockPass[] = [];
    for (const block of blocks) {
      const { output, pass } = blockForward(ops, block, stream, constants);
      passes.push(pass);
      stream = output;
    }
    const logits = ops.add(ops.matMul2d(stream, ops.of(unembedKernel)), ops.of(unembedBias));

    const { oneHot, weights } = targetRows(y.dataSync(), vocabulary);
    const [, dPrediction] = ops.softmaxCrossEntropy(logits, ops.tensor(oneHot, [batch * length, vocabulary]));
    const dLogits = ops.mul(dPrediction, ops.tensor(weights, [batch * length, 1]));

    let dStream = ops.matMul2d(dLogits, ops.of(unembedKernel), false, true);
    const blockGradients: RawTensor[][] = [];
    for (let layer = layers - 1; layer >= 0; layer--) {
      const { dInput, gradients } = blockBackward(ops, blocks[layer], passes[layer], dStream, constants);
      blockGradients.unshift(gradients);
      dStream = dInput;
    }
    const dEmbedded = ops.reshape(dStream, [batch, length, width]);
    const gradients = [
      ops.segmentSum(dEmbedded, tokens, vocabulary), ops.sum(dEmbedded, [0]), ...blockGradients.flat(),
      ops.matMul2d(stream, dLogits, true, false), ops.sum(dLogits, [0]),
    ];
    return {
      probabilities: ops.toTensor(ops.reshape(logits, [batch, length, vocabulary])),
      gradients: order.map((i) => ops.toTensor(gradients[i])),
    };
  });
}
