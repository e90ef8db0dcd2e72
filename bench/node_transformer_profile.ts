/**
 * Where one Transformer training step goes (bench/transformer.ts's model and data shape): the
 * route's gradients alone, Adam's update alone and the whole step, against the tape's gradients;
 * with the tfjs kernels (tf.profile), raw TensorFlow ops and TensorFlow graphs each runs.
 *
 * Usage: node_transformer_profile.js [WARMUP_STEPS TIMED_STEPS]
 */
import { tf } from '../src/core/tf';
import { tensorFlowGraphsRun, tensorFlowOpsRun } from '../src/core/tensorflow-ops';
import { getTokenTaskData } from '../src/data/token-tasks';
import { transformerBackprop } from '../src/models/transformer/backprop';
import { buildTransformer } from '../src/models/transformer/model';
import { Adam } from '../src/training/adam';
import { objectiveOf } from '../src/training/objectives';
import { type GradientFunction, tapeGradients } from '../src/training/tape-gradients';
import { transformerSettings } from './transformer';

export interface ProfiledTransformerStep { name: string; kernels: number; rawOps: number; graphs: number; microsecondsPerStep: number }

async function main(): Promise<void> {
  const [warmup, timed] = [Number(process.argv[2] ?? 50), Number(process.argv[3] ?? 300)];
  const { layers, heads, width, vocabulary, length, shortestSegment, embeddingStd, batchSize, learningRate, seed } = transformerSettings;
  const model = buildTransformer({ vocabulary, length, layers, heads, width, embeddingStd, seed });
  const data = getTokenTaskData({ task: 'repeat', n: batchSize, length, vocabulary, shortestSegment, seed });
  const labels = objectiveOf(model).labels(model, data);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = new Adam(variables, { learningRate });
  const route = transformerBackprop(model) as GradientFunction;
  const tape = tapeGradients(model, objectiveOf(model).loss);
  const fixedGradients = tf.tidy(() => route(data.x, labels).gradients.map((g) => tf.keep(g)));
  const steps: Record<string, () => void> = {
    'route gradients': () => tf.tidy(() => { route(data.x, labels); }),
    'tape gradients': () => tf.tidy(() => { tape(data.x, labels); }),
    'Adam update': () => optimizer.apply(fixedGradients),
    'route step (gradients + Adam)': () => tf.tidy(() => { optimizer.apply(route(data.x, labels).gradients); }),
  };
  const results: ProfiledTransformerStep[] = [];
  for (const [name, step] of Object.entries(steps)) {
    for (let i = 0; i < warmup; i++) step();
    const [opsBefore, graphsBefore] = [tensorFlowOpsRun(), tensorFlowGraphsRun()];
    const profile = await tf.profile(() => { step(); });
    const [rawOps, graphs] = [tensorFlowOpsRun() - opsBefore, tensorFlowGraphsRun() - graphsBefore];
    const started = performance.now();
    for (let i = 0; i < timed; i++) step();
    results.push({ name, kernels: profile.kernels.length, rawOps, graphs, microsecondsPerStep: ((performance.now() - started) * 1000) / timed });
  }
  console.log(JSON.stringify({ steps: results }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
