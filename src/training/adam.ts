/**
 * Adam as Keras 3 applies it (keras/optimizers/adam.py), the optimizer of the original experiment:
 *   m += (g − m)(1 − β1),  v += (g² − v)(1 − β2),  w −= α·m / (√v + ε),  α = lr·√(1 − β2ᵗ) / (1 − β1ᵗ).
 *
 * The update runs in JavaScript on the gradients read back from the backend. On tfjs-node every op
 * is a round trip to TensorFlow whatever its size, and Adam on tensors takes a dozen of them per
 * variable; this network has 369 weights, whose update costs less in plain arithmetic than those
 * round trips (docs/BENCHMARKS.md has the measured figures).
 */
import { tf } from '../core/tf';

export interface AdamOptions {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  private readonly weights: Float32Array[];
  private readonly firstMoments: Float32Array[];
  private readonly secondMoments: Float32Array[];
  private readonly learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private step = 0;

  /** Takes the variables' current values; until training ends, only apply() may change them. */
  constructor(private readonly variables: tf.Variable[], { learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 }: AdamOptions = {}) {
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    // Copies: on the cpu and wasm backends dataSync() hands out the tensor's own storage.
    this.weights = variables.map((variable) => Float32Array.from(variable.dataSync()));
    this.firstMoments = variables.map((variable) => new Float32Array(variable.size));
    this.secondMoments = variables.map((variable) => new Float32Array(variable.size));
  }

  /** One update; `gradients[i]` belongs to `variables[i]`. */
  apply(gradients: tf.Tensor[]): void {
    this.step += 1;
    const alpha = this.learningRate * Math.sqrt(1 - this.beta2 ** this.step) / (1 - this.beta1 ** this.step);
    const { beta1, beta2, epsilon } = this;
    this.variables.forEach((variable, i) => {
      const g = gradients[i].dataSync();
      const w = this.weights[i];
      const m = this.firstMoments[i];
      const v = this.secondMoments[i];
      for (let j = 0; j < w.length; j++) {
        const gj = g[j];
        m[j] += (gj - m[j]) * (1 - beta1);
        v[j] += (gj * gj - v[j]) * (1 - beta2);
        w[j] -= (alpha * m[j]) / (Math.sqrt(v[j]) + epsilon);
      }
      // A copy: the backend may hold on to the array it is given.
      const value = tf.tensor(w.slice(), variable.shape);
      variable.assign(value);
      value.dispose(); // the variable keeps the data
    });
  }
}
