/**
 * Multi-head attention for tfjs-layers with Keras's weight layout (keras.layers.MultiHeadAttention):
 *   query, key, value kernels [model_dim, heads, key_dim (value_dim)], biases [heads, key_dim],
 *   output kernel [heads, value_dim, model_dim], bias [model_dim];
 *   scores = softmax(Q·Kᵀ / √key_dim) per head, optionally causal (a position sees itself and
 *   what came before), output = Σ_heads (scores · V) · W_o + b_o.
 *
 * It is two layers, as the sequence attention is (src/experiment/attention-layer.ts): `<name>_scores`
 * computes every head's attention weights, [batch, heads, query steps, key steps], and `<name>`
 * mixes the values with them. A layer's single output is what getActivations() reads, so the
 * per-head weights become a named layer output (`getActivations(model, x, {layerName:
 * 'attention_scores'})`) and an intervention can replace them between the two layers. The weights
 * are each layer's own (addWeight), so a LayersModel trains and saves them; both classes serialize.
 */
import { tf } from '../../core/tf';
import { randomSeed } from '../../core/random';
import { requireInteger } from '../../core/validate';

const uint32Max = 2 ** 32 - 1;
// Keras's masking adds this to masked scores before the softmax (keras/src/layers/activations/softmax.py).
const maskedScore = -1e9;

const shapeText = (shape: tf.Shape): string => `[${shape.map(String).join(', ')}]`;

function requireSequence(layerName: string, what: string, shape: tf.Shape): void {
  if (shape.length !== 3) {
    throw new RangeError(`the ${what} of multi-head attention layer "${layerName}" must have shape [batch, steps, features] (rank 3), `
      + `got rank ${shape.length} (${shapeText(shape)})`);
  }
  if (shape[1] === null || shape[2] === null) {
    throw new RangeError(`multi-head attention layer "${layerName}" needs a known number of steps and features in its ${what}, got ${shapeText(shape)}`);
  }
}

/** Glorot-uniform on the kernel seen as a [fanIn, fanOut] matrix, as Keras's EinsumDense computes its fans. */
function glorot(seed: number, fanIn: number, fanOut: number) {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.initializers.randomUniform({ minval: -limit, maxval: limit, seed });
}

/** x [batch, steps, model] · kernel [model, heads, dim] + bias [heads, dim] → [batch, heads, steps, dim]. */
function projectHeads(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor4D {
  const [batch, steps, modelDim] = x.shape;
  const [, heads, dim] = kernel.shape;
  return tf.matMul(x.reshape([batch * steps, modelDim]), kernel.reshape([modelDim, heads * dim]))
    .reshape([batch, steps, heads, dim]).add(bias).transpose([0, 2, 1, 3]) as tf.Tensor4D;
}

/** The inputs as [query, value, key]: one tensor attends to itself; [query, value] uses the value as key. */
function queryValueKey<T>(inputs: T | T[]): [T, T, T] {
  const list: T[] = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length < 1 || list.length > 3) throw new RangeError(`multi-head attention takes 1 to 3 inputs (query, value, key), got ${list.length}`);
  const [query, value = query, key = value] = list;
  return [query, value, key];
}

const shapesOf = (inputShape: tf.Shape | tf.Shape[]): tf.Shape[] => (Array.isArray(inputShape[0]) ? inputShape as tf.Shape[] : [inputShape as tf.Shape]);

export interface MultiHeadScoresConfig {
  heads: number;
  keyDim: number;
  /** A position attends only to itself and the positions before it. */
  causal?: boolean;
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/** Every head's attention weights: inputs query [batch, T, D] (and value/key [batch, S, D]) → [batch, heads, T, S]. */
export class MultiHeadAttentionScores extends tf.layers.Layer {
  /** The name this layer class is registered and serialized under. */
  static readonly className = 'AttentionLabMultiHeadAttentionScores';
  /** Number of attention heads. */
  readonly heads: number;
  /** Width of each head's query and key. */
  readonly keyDim: number;
  /** Whether a position attends only to itself and the positions before it. */
  readonly causal: boolean;
  private readonly seed: number;
  private projections: { queryKernel: tf.LayerVariable; queryBias: tf.LayerVariable; keyKernel: tf.LayerVariable; keyBias: tf.LayerVariable } | undefined;

  constructor(config: MultiHeadScoresConfig) {
    super(config);
    const { heads, keyDim, causal = false, seed = randomSeed() } = config;
    requireInteger('heads', heads, 1);
    requireInteger('keyDim', keyDim, 1);
    if (typeof causal !== 'boolean') throw new RangeError(`causal must be true or false, got ${String(causal)}`);
    requireInteger('seed', seed, 0, uint32Max);
    this.heads = heads;
    this.keyDim = keyDim;
    this.causal = causal;
    this.seed = seed;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const [queryShape, , keyShape] = queryValueKey(shapesOf(inputShape));
    requireSequence(this.name, 'query', queryShape);
    requireSequence(this.name, 'key', keyShape);
    const init = (offset: number, fanIn: number) => glorot((this.seed + offset) % 2 ** 32, fanIn, this.heads * this.keyDim);
    const [queryDim, keyDim] = [queryShape[2] as number, keyShape[2] as number];
    this.projections = {
      queryKernel: this.addWeight('query_kernel', [queryDim, this.heads, this.keyDim], 'float32', init(0, queryDim)),
      queryBias: this.addWeight('query_bias', [this.heads, this.keyDim], 'float32', tf.initializers.zeros()),
      keyKernel: this.addWeight('key_kernel', [keyDim, this.heads, this.keyDim], 'float32', init(1, keyDim)),
      keyBias: this.addWeight('key_bias', [this.heads, this.keyDim], 'float32', tf.initializers.zeros()),
    };
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [queryShape, , keyShape] = queryValueKey(shapesOf(inputShape));
    return [queryShape[0], this.heads, queryShape[1], keyShape[1]];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [query, , key] = queryValueKey(inputs);
      const p = this.projections as NonNullable<MultiHeadAttentionScores['projections']>;
      // Keras scales the query before the product; the same up to rounding.
      const q = projectHeads(query, p.queryKernel.read(), p.queryBias.read()).mul(1 / Math.sqrt(this.keyDim));
      const k = projectHeads(key, p.keyKernel.read(), p.keyBias.read());
      const scores = tf.matMul(q, k, false, true);
      return tf.softmax(this.causal ? applyCausalMask(scores) : scores, -1);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, keyDim: this.keyDim, causal: this.causal, seed: this.seed };
  }
}

/** Scores [batch, heads, T, S] with those of key steps after the query step pushed to Keras's large negative number. */
function applyCausalMask(scores: tf.Tensor): tf.Tensor {
  const [queries, keys] = scores.shape.slice(2);
  const allowed = tf.linalg.bandPart(tf.ones([queries, keys], 'bool'), -1, 0);
  return tf.where(allowed, scores, tf.fill(scores.shape, maskedScore));
}

export interface MultiHeadOutputConfig {
  valueDim: number;
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/** Σ_heads (weights · V) · W_o + b_o: inputs [value [batch, S, D], weights [batch, heads, T, S]] → [batch, T, D]. */
export class MultiHeadAttention extends tf.layers.Layer {
  /** The name this layer class is registered and serialized under. */
  static readonly className = 'AttentionLabMultiHeadAttention';
  /** Width of each head's value. */
  readonly valueDim: number;
  private readonly seed: number;
  private projections: { valueKernel: tf.LayerVariable; valueBias: tf.LayerVariable; outputKernel: tf.LayerVariable; outputBias: tf.LayerVariable } | undefined;

  constructor(config: MultiHeadOutputConfig) {
    super(config);
    const { valueDim, seed = randomSeed() } = config;
    requireInteger('valueDim', valueDim, 1);
    requireInteger('seed', seed, 0, uint32Max);
    this.valueDim = valueDim;
    this.seed = seed;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    if (!Array.isArray(inputShape[0]) || inputShape.length !== 2) {
      throw new RangeError(`multi-head attention layer "${this.name}" takes [value, attention weights], got ${inputShape.length} input(s)`);
    }
    const [valueShape, weightsShape] = inputShape as tf.Shape[];
    requireSequence(this.name, 'value', valueShape);
    if (weightsShape.length !== 4 || weightsShape[3] !== valueShape[1]) {
      throw new RangeError(`the attention weights of layer "${this.name}" must have shape [batch, heads, query steps, ${String(valueShape[1])}] `
        + `(one weight per value step), got ${shapeText(weightsShape)}`);
    }
    const [modelDim, heads] = [valueShape[2] as number, weightsShape[1] as number];
    this.projections = {
      valueKernel: this.addWeight('value_kernel', [modelDim, heads, this.valueDim], 'float32', glorot(this.seed, modelDim, heads * this.valueDim)),
      valueBias: this.addWeight('value_bias', [heads, this.valueDim], 'float32', tf.initializers.zeros()),
      outputKernel: this.addWeight('output_kernel', [heads, this.valueDim, modelDim], 'float32',
        glorot((this.seed + 1) % 2 ** 32, heads * this.valueDim, modelDim)),
      outputBias: this.addWeight('output_bias', [modelDim], 'float32', tf.initializers.zeros()),
    };
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [valueShape, weightsShape] = inputShape as tf.Shape[];
    return [valueShape[0], weightsShape[2], valueShape[2]];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [value, weights] = inputs as [tf.Tensor3D, tf.Tensor4D];
      return this.combineHeads(this.headOutputs(value, weights));
    });
  }

  /** Each head's weighted values before the output projection: [batch, heads, query steps, valueDim]. */
  headOutputs(value: tf.Tensor3D, weights: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const p = this.projections as NonNullable<MultiHeadAttention['projections']>;
      return tf.matMul(weights, projectHeads(value, p.valueKernel.read(), p.valueBias.read()));
    });
  }

  /** The output projection summed over heads: [batch, heads, query steps, valueDim] → [batch, query steps, model_dim]. */
  combineHeads(headOutputs: tf.Tensor4D): tf.Tensor3D {
    return tf.tidy(() => {
      const p = this.projections as NonNullable<MultiHeadAttention['projections']>;
      const [batch, heads, queries] = headOutputs.shape;
      const modelDim = p.outputBias.shape[0] as number;
      const context = headOutputs.transpose([0, 2, 1, 3]).reshape([batch * queries, heads * this.valueDim]);
      return tf.matMul(context, p.outputKernel.read().reshape([heads * this.valueDim, modelDim]))
        .add(p.outputBias.read()).reshape([batch, queries, modelDim]);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), valueDim: this.valueDim, seed: this.seed };
  }
}

tf.serialization.registerClass(MultiHeadAttentionScores);
tf.serialization.registerClass(MultiHeadAttention);

/** The options of multiHeadAttention(). */
export interface MultiHeadAttentionOptions {
  /** Number of attention heads, an integer ≥ 1. */
  heads: number;
  /** Width of each head's query and key, an integer ≥ 1. */
  keyDim: number;
  /** Width of each head's value; by default keyDim, as in Keras. */
  valueDim?: number;
  /** A position attends only to itself and the positions before it; by default false. */
  causal?: boolean;
  /** The output layer's name; the attention weights layer is `<name>_scores`. */
  name?: string;
  /** Seed of the weights' initialisation, an integer in [0, 2³² − 1]; random by default. */
  seed?: number;
}

/**
 * Applies multi-head attention (both layers) to symbolic tensors: `query` attends to `value`
 * (itself when no value is given); returns [batch, query steps, model_dim].
 */
export function multiHeadAttention(
  query: tf.SymbolicTensor, { heads, keyDim, valueDim = keyDim, causal = false, name = 'attention', seed = randomSeed() }: MultiHeadAttentionOptions,
  value: tf.SymbolicTensor = query,
): tf.SymbolicTensor {
  requireSequence(name, 'query', query.shape);
  requireSequence(name, 'value', value.shape);
  if (value.shape[2] !== query.shape[2]) {
    // The output projection maps back to the value's width, which must be the query's (the residual stream's).
    throw new RangeError(`the value of multi-head attention layer "${name}" must have the query's ${String(query.shape[2])} features, got ${String(value.shape[2])}`);
  }
  const scoresInputs = value === query ? query : [query, value];
  const weights = new MultiHeadAttentionScores({ heads, keyDim, causal, seed, name: `${name}_scores` }).apply(scoresInputs) as tf.SymbolicTensor;
  return new MultiHeadAttention({ valueDim, seed: (seed + 2) % 2 ** 32, name }).apply([value, weights]) as tf.SymbolicTensor;
}
