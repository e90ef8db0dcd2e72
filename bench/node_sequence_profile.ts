/**
 * Where a sequence attention training step's time goes (the bench's settings: add-two, 10 steps,
 * hidden 16, attention units 16, batch 64, on tfjs-node), per encoder and score: train()'s step
 * (the builder's route + adam.ts), its gradients alone, and tfjs's tape with adam.ts. For each: the
 * tfjs kernels and the raw TensorFlow ops per step (bench/step-profile.ts) and the median time per
 * step. Prints one JSON line.
 *
 * Usage: node_sequence_profile.js ENCODER SCORE WARMUP_STEPS TIMED_STEPS REPEATS
 */
import { tf } from '../src/core/tf';
import type { AttentionScore } from '../src/models/sequence/attention-layer';
import { buildSequenceAttentionModel, type SequenceEncoder } from '../src/models/sequence/model';
import { getSequenceTaskData } from '../src/data/sequence-tasks';
import { Adam } from '../src/training/adam';
import { attachedGradientRoute } from '../src/training/gradient-routes';
import { type GradientFunction, tapeGradients } from '../src/training/tape-gradients';
import { profileSteps, type ProfiledStepOf, type StepToProfile } from './step-profile';
import { sequenceShape } from './sequence-attention';

const batches = 20;

export type ProfiledSequenceStep = ProfiledStepOf<'step' | 'gradients' | 'tape'>;

async function main(): Promise<void> {
  const [encoder, score] = process.argv.slice(2, 4) as [SequenceEncoder, AttentionScore];
  const [warmupSteps, timedSteps, repeats] = process.argv.slice(4).map(Number);
  const { timeSteps, batchSize } = sequenceShape;
  const data = getSequenceTaskData('add-two', batches * batchSize, timeSteps, 1);
  const xs = tf.split(data.x, batches);
  const ys = tf.split(data.y, batches);
  const fresh = () => {
    const model = buildSequenceAttentionModel({ timeSteps, inputDim: 2, encoder, score, seed: 1 });
    return { model, adam: new Adam(model.trainableWeights.map((weight) => weight.read() as tf.Variable)) };
  };
  const byHand = fresh();
  // The attached route itself, without train()'s first-batch check (test/sequence-backprop.test.ts checks it).
  const route = attachedGradientRoute(byHand.model);
  const gradientsOf = route?.build(byHand.model);
  if (gradientsOf === undefined) throw new Error(`the route did not apply: ${route?.name ?? 'none attached'}`);
  const tape = fresh();
  const step = (gradients: GradientFunction, adam: Adam) => (i: number) => tf.tidy(() => adam.apply(gradients(xs[i], ys[i]).gradients));
  const steps: StepToProfile<ProfiledSequenceStep['key']>[] = [
    { key: 'step', name: `train()'s step: ${route?.name} + adam.ts`, run: step(gradientsOf, byHand.adam), scale: 1 },
    { key: 'gradients', name: 'its gradients alone (forward and backward pass)', run: (i) => tf.tidy(() => { gradientsOf(xs[i], ys[i]); }), scale: 1 },
    // The tape is ten times slower: fewer steps keep its timing as long as the others'.
    { key: 'tape', name: 'tfjs\'s tape + adam.ts', run: step(tapeGradients(tape.model), tape.adam), scale: 0.1 },
  ];
  const profiled = await profileSteps(steps, batches, { warmupSteps, timedSteps, repeats });
  console.log(JSON.stringify({ encoder, score, steps: profiled }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
