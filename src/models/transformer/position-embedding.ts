/** Learned position embeddings added to a sequence: [batch, steps, width] + P[steps, width]. */
import { tf } from '../../core/tf';
import { randomSeed } from '../../core/random';
import { requireInteger, requireNumberInRange } from '../../core/validate';

interface PositionEmbeddingConfig { std?: number; seed?: number; name?: string; trainable?: boolean }

export class PositionEmbedding extends tf.layers.Layer {
  static readonly className = 'AttentionLabPositionEmbedding';
  private readonly std: number;
  private readonly seed: number;
  private positions?: tf.LayerVariable;

  constructor(config: PositionEmbeddingConfig = {}) {
    super(config);
    const { std = 1, seed = randomSeed() } = config;
    requireNumberInRange('std', std, 0, Infinity);
    requireInteger('seed', seed, 0, 2 ** 32 - 1);
    this.std = std;
    this.seed = seed;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    if (shape.length !== 3 || shape[1] === null || shape[2] === null) {
      throw new RangeError(`position embedding "${this.name}" needs an input [batch, steps, width] with known steps and width, got [${shape.map(String).join(', ')}]`);
    }
    this.positions = this.addWeight('embeddings', [shape[1], shape[2]], 'float32',
      tf.initializers.randomNormal({ mean: 0, stddev: this.std, seed: this.seed }));
    this.built = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => (Array.isArray(inputs) ? inputs[0] : inputs).add((this.positions as tf.LayerVariable).read()));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), std: this.std, seed: this.seed };
  }
}

tf.serialization.registerClass(PositionEmbedding);
