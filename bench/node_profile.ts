/**
 * Where a training step's time goes, for the "Where the time goes" part of `npm run bench`: on one
 * backend, the step train() takes (hand-derived gradients, adam.ts) next to tfjs's generic route
 * (the tape, with tf.train.adam or with adam.ts), and train()'s gradients alone. For each:
 * the tfjs kernels per step (tf.profile) and the median time per step; and one step of the 16
 * networks a sweep trains stacked (stacked-training.ts). Prints one JSON line.
 *
 * Usage: node_profile.js BACKEND SEED WARMUP_STEPS TIMED_STEPS REPEATS
 */
import { tf } from '../src/core/tf';
import { Adam } from '../src/training/adam';
import { denseAttentionBackprop, denseAttentionGradients, denseAttentionVariables, denseAttentionWeightRoles } from '../src/models/dense/backprop';
import { stackedVariables } from '../src/models/dense/stacked-training';
import { getData } from '../src/data/synthetic';
import { type GradientFunction, tapeGradients } from '../src/training/tape-gradients';
import { binaryCrossentropy } from '../src/training/metrics';
import { buildAttentionModel } from '../src/models/dense/model';
import { useBackend } from './backend';
import { stats } from './measure';

const batchSize = 64;
const batches = 50;
/** The largest sweep the benchmark stacks (bench/sweeps.ts). */
const stackedNetworks = 16;

/** `key` names the route for the report; `name` describes it for readers. */
export interface ProfiledStep { key: 'trainStep' | 'trainGradients' | 'tapeOurAdam' | 'tapeTfjsAdam' | 'stackedStep'; name: string; kernels: number; microsecondsPerStep: number }

async function main(): Promise<void> {
  const [backend, ...numbers] = process.argv.slice(2);
  const [seed, warmupSteps, timedSteps, repeats] = numbers.map(Number);
  await useBackend(backend);
  const data = getData(batches * batchSize, 4, 1, seed);
  const xs = tf.split(data.x, batches);
  const ys = tf.split(data.y, batches);

  const fresh = () => {
    const model = buildAttentionModel({ seed });
    return { model, variables: model.trainableWeights.map((weight) => weight.read() as tf.Variable) };
  };
  const ourStep = (gradientsOf: GradientFunction, optimizer: Adam) => (i: number) =>
    tf.tidy(() => optimizer.apply(gradientsOf(xs[i], ys[i]).gradients));

  const byHand = fresh();
  const handGradients = denseAttentionBackprop(byHand.model) as GradientFunction;
  const handAdam = new Adam(byHand.variables);
  const tape = fresh();
  const tapeAdam = new Adam(tape.variables);
  const tfjsAdam = fresh();
  const tfjsOptimizer = tf.train.adam(0.001);
  // 16 copies of one network's weights and batches, stacked along a first axis as sweep() stacks them.
  const stacked = stackedVariables(Array(stackedNetworks).fill(denseAttentionVariables(fresh().model)));
  const stackedAdam = new Adam(denseAttentionWeightRoles.map((role) => stacked[role]));
  const stackedXs = xs.map((x) => tf.stack(Array(stackedNetworks).fill(x)));
  const stackedYs = ys.map((y) => tf.stack(Array(stackedNetworks).fill(y)));

  const steps: { key: ProfiledStep['key']; name: string; run: (i: number) => void }[] = [
    { key: 'trainStep', name: 'train()\'s step: hand-derived gradients + adam.ts', run: ourStep(handGradients, handAdam) },
    { key: 'trainGradients', name: 'train()\'s gradients alone (forward and backward pass)', run: (i) => tf.tidy(() => { handGradients(xs[i], ys[i]); }) },
    { key: 'tapeOurAdam', name: 'tfjs\'s tape + adam.ts', run: ourStep(tapeGradients(tape.model), tapeAdam) },
    {
      key: 'tapeTfjsAdam',
      name: 'tfjs\'s tape + tf.train.adam (the usual tfjs route)',
      run: (i) => tf.tidy(() => {
        tfjsOptimizer.minimize(() => binaryCrossentropy(ys[i], tfjsAdam.model.apply(xs[i], { training: true }) as tf.Tensor), false, tfjsAdam.variables);
      }),
    },
    {
      key: 'stackedStep',
      name: `${stackedNetworks} networks stacked (sweep()): one step of all ${stackedNetworks}, hand-derived gradients + adam.ts`,
      run: (i) => tf.tidy(() => {
        const { gradients } = denseAttentionGradients(stacked, stackedXs[i], stackedYs[i]);
        stackedAdam.apply(denseAttentionWeightRoles.map((role) => gradients[role]));
      }),
    },
  ];
  const microseconds: number[] = [];
  for (const step of steps) {
    for (let i = 0; i < warmupSteps; i++) step.run(i % batches);
    const perStep: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      for (let i = 0; i < timedSteps; i++) step.run(i % batches);
      perStep.push(((performance.now() - started) * 1000) / timedSteps);
    }
    microseconds.push(stats(perStep).median);
  }
  // Counted after all the timings, so that profiling cannot touch them.
  const profiled: ProfiledStep[] = [];
  for (const [i, step] of steps.entries()) {
    const { kernels } = await tf.profile(() => step.run(0));
    profiled.push({ key: step.key, name: step.name, kernels: kernels.length, microsecondsPerStep: microseconds[i] });
  }
  console.log(JSON.stringify({ backend, steps: profiled }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
