/**
 * The attention layer the original repository ended with (philipperemy/keras-attention-mechanism's
 * `Attention`), for tfjs-layers: the last hidden state h_T is the query, each step h_t of the
 * sequence scores against it, a softmax over the time steps gives the weights a_t, and the output
 * is tanh([Σ a_t h_t ; h_T] · K) of width `units`.
 *   Luong (multiplicative): score_t = h_t · W · h_T
 *   Bahdanau (additive):    score_t = v · tanh(h_T · W1 + h_t · W2)
 *
 * It is two layers, not one: `<name>_weight` (the scores and their softmax, [batch, steps]) and
 * `<name>` (the weighted sum and the output projection). A tfjs layer's output is the one thing
 * getActivations() can read from it; splitting the softmax into a layer of its own makes the
 * per-step weights a named layer output like any other (`getActivations(model, x,
 * {layerName: 'attention_weight'})`), without a second model output that train() (one output)
 * would refuse. `attention(sequence, options)` applies both; both classes serialize.
 */
import { tf } from '../../core/tf';
import { randomSeed } from '../../core/random';
import { requireInteger } from '../../core/validate';

export const attentionScores = ['luong', 'bahdanau'] as const;
/** How a step scores against the query: "luong" (multiplicative, h_t · W · h_T) or "bahdanau" (additive, v · tanh(h_T · W1 + h_t · W2)). */
export type AttentionScore = (typeof attentionScores)[number];

function requireScore(score: unknown): asserts score is AttentionScore {
  if (!attentionScores.includes(score as AttentionScore)) {
    throw new RangeError(`score must be one of ${attentionScores.map((s) => `"${s}"`).join(', ')}, got ${JSON.stringify(score)}`);
  }
}

function requireSequenceShape(layerName: string, shape: tf.Shape): void {
  if (shape.length !== 3) {
    throw new RangeError(`the input of attention layer "${layerName}" must be a sequence of shape [batch, steps, features] `
      + `(rank 3), got rank ${shape.length} ([${shape.map(String).join(', ')}])`);
  }
  if (shape[1] === null || shape[2] === null) {
    throw new RangeError(`attention layer "${layerName}" needs a known number of steps and features, got [${shape.map(String).join(', ')}]`);
  }
}

const single = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);
const lastStep = (sequence: tf.Tensor): tf.Tensor2D => {
  const [batch, steps, features] = sequence.shape;
  return sequence.slice([0, steps - 1, 0], [batch, 1, features]).reshape([batch, features]);
};

interface ScoresConfig { score?: AttentionScore; seed?: number; name?: string; trainable?: boolean }

/** softmax over time steps of the scores of every step against the last one: [batch, steps, features] → [batch, steps]. */
export class AttentionWeights extends tf.layers.Layer {
  // Serialized under a name of our own: Keras's own `Attention` (a different layer) keeps its name in saved models.
  static readonly className = 'AttentionLabAttentionWeights';
  readonly score: AttentionScore;
  private readonly seed: number;
  private kernels: tf.LayerVariable[] = [];

  constructor(config: ScoresConfig = {}) {
    super(config);
    const { score = 'luong', seed = randomSeed() } = config;
    requireScore(score);
    requireInteger('seed', seed, 0, 2 ** 32 - 1);
    this.score = score;
    this.seed = seed;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    requireSequenceShape(this.name, shape);
    const features = shape[2] as number;
    const glorot = (offset: number) => tf.initializers.glorotUniform({ seed: (this.seed + offset) % 2 ** 32 });
    this.kernels = this.score === 'luong'
      ? [this.addWeight('w', [features, features], 'float32', glorot(0))]
      : [
          this.addWeight('w_query', [features, features], 'float32', glorot(0)),
          this.addWeight('w_keys', [features, features], 'float32', glorot(1)),
          this.addWeight('v', [features, 1], 'float32', glorot(2)),
        ];
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], shape[1]];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const sequence = single(inputs) as tf.Tensor3D;
      const [batch, steps, features] = sequence.shape;
      const query = lastStep(sequence);
      let scores: tf.Tensor2D;
      if (this.score === 'luong') {
        // h_t · W · h_T for every t: project the query once (W · h_T), then one dot product per step.
        const projected = tf.matMul(query, this.kernels[0].read() as tf.Tensor2D, false, true);
        scores = sequence.mul(projected.reshape([batch, 1, features])).sum(2);
      } else {
        const [wQuery, wKeys, v] = this.kernels.map((k) => k.read() as tf.Tensor2D);
        const keys = tf.matMul(sequence.reshape([batch * steps, features]), wKeys).reshape([batch, steps, features]);
        const hidden = keys.add(tf.matMul(query, wQuery).reshape([batch, 1, features])).tanh();
        scores = tf.matMul(hidden.reshape([batch * steps, features]), v).reshape([batch, steps]);
      }
      return tf.softmax(scores, -1);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), score: this.score, seed: this.seed };
  }
}

interface CombineConfig { units: number; seed?: number; name?: string; trainable?: boolean }

/**
 * The attention layer's second half, tanh([Σ_t a_t h_t ; h_T] · K): inputs [sequence [batch, steps, features],
 * weights [batch, steps]] → [batch, units]. Usually made by attention(), which also makes the weights layer.
 * Its config: `units` (an integer >= 1), `seed` (an integer in [0, 2^32 - 1], random by default), `name`, `trainable`.
 */
export class Attention extends tf.layers.Layer {
  /** The name this layer is serialized under. */
  static readonly className = 'AttentionLabAttention';
  /** Width of the output. */
  readonly units: number;
  private readonly seed: number;
  private kernel?: tf.LayerVariable;

  constructor(config: CombineConfig) {
    super(config);
    const { units, seed = randomSeed() } = config;
    requireInteger('units', units, 1);
    requireInteger('seed', seed, 0, 2 ** 32 - 1);
    this.units = units;
    this.seed = seed;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const [sequenceShape] = inputShape as tf.Shape[];
    requireSequenceShape(this.name, sequenceShape);
    const features = sequenceShape[2] as number;
    this.kernel = this.addWeight('kernel', [2 * features, this.units], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [(inputShape as tf.Shape[])[0][0], this.units];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [sequence, weights] = inputs as [tf.Tensor3D, tf.Tensor2D];
      const [batch, steps] = weights.shape;
      const context = sequence.mul(weights.reshape([batch, steps, 1])).sum(1) as tf.Tensor2D;
      const combined = tf.concat([context, lastStep(sequence)], 1);
      return tf.matMul(combined, (this.kernel as tf.LayerVariable).read() as tf.Tensor2D).tanh();
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, seed: this.seed };
  }
}

tf.serialization.registerClass(AttentionWeights);
tf.serialization.registerClass(Attention);

/** attention()'s settings. */
export interface AttentionOptions {
  /** Width of the layer's output, an integer >= 1. */
  units: number;
  /** The score function; default "luong". */
  score?: AttentionScore;
  /** The output layer's name (default "attention"); the weights layer is `<name>_weight`. */
  name?: string;
  /** Fixes the initial weights: an integer in [0, 2^32 - 1]; random by default. */
  seed?: number;
}

/**
 * Applies the attention layer of the original repository (both halves: `<name>_weight`, the softmax
 * over steps, and `<name>`, the output) to a symbolic sequence [batch, steps, features].
 * @param sequence - A symbolic tensor of rank 3 with known steps and features.
 * @returns The symbolic output [batch, units].
 */
export function attention(sequence: tf.SymbolicTensor, { units, score = 'luong', name = 'attention', seed = randomSeed() }: AttentionOptions): tf.SymbolicTensor {
  requireInteger('units', units, 1);
  requireScore(score);
  requireSequenceShape(name, sequence.shape);
  const weights = new AttentionWeights({ score, seed, name: `${name}_weight` }).apply(sequence) as tf.SymbolicTensor;
  return new Attention({ units, seed: (seed + 3) % 2 ** 32, name }).apply([sequence, weights]) as tf.SymbolicTensor;
}
