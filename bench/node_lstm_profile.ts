/**
 * Where an LSTM training step's time goes (the recurrent attention network at the original's
 * settings, batch 64, on tfjs-node): train()'s step (the builder's fused-LSTM route + adam.ts), its
 * gradients alone, and tfjs's tape with adam.ts. For each: the tfjs kernels per step (tf.profile;
 * the fused route adds 2 TensorFlow ops it cannot see, BlockLSTMV2 and BlockLSTMGradV2) and the
 * median time per step. Prints one JSON line.
 *
 * Usage: node_lstm_profile.js SEED WARMUP_STEPS TIMED_STEPS REPEATS
 */
import { tf } from '../src/core/tf';
import { getRecurrentData } from '../src/data/synthetic';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { Adam } from '../src/training/adam';
import { attachedGradientRoute } from '../src/training/gradient-routes';
import { type GradientFunction, tapeGradients } from '../src/training/tape-gradients';
import { profileSteps, type ProfiledStepOf, type StepToProfile } from './step-profile';

const batchSize = 64;
const batches = 20;

export type ProfiledLstmStep = ProfiledStepOf<'lstmStep' | 'lstmGradients' | 'lstmTape'>;

async function main(): Promise<void> {
  const [seed, warmupSteps, timedSteps, repeats] = process.argv.slice(2).map(Number);
  const data = getRecurrentData(batches * batchSize, 20, 2, 10, seed);
  const xs = tf.split(data.x, batches);
  const ys = tf.split(data.y, batches);
  const fresh = () => {
    const model = buildRecurrentAttentionModel({ timeSteps: 20, inputDim: 2, lstmUnits: 32, attentionBeforeLstm: false, singleAttentionVector: true, seed });
    return { model, adam: new Adam(model.trainableWeights.map((weight) => weight.read() as tf.Variable)) };
  };
  const fused = fresh();
  // The attached route itself, without train()'s first-batch check against the tape (test/recurrent-backprop.test.ts checks it).
  const route = attachedGradientRoute(fused.model);
  const fusedGradients = route?.build(fused.model);
  if (fusedGradients === undefined) throw new Error(`the fused route did not apply: ${route?.name ?? 'none attached'}`);
  const tape = fresh();
  const step = (gradientsOf: GradientFunction, adam: Adam) => (i: number) => tf.tidy(() => adam.apply(gradientsOf(xs[i], ys[i]).gradients));
  const steps: StepToProfile<ProfiledLstmStep['key']>[] = [
    { key: 'lstmStep', name: 'train()\'s step: fused LSTM by hand + adam.ts', run: step(fusedGradients, fused.adam), scale: 1 },
    { key: 'lstmGradients', name: 'its gradients alone (forward and backward pass)', run: (i) => tf.tidy(() => { fusedGradients(xs[i], ys[i]); }), scale: 1 },
    // The tape is ten times slower: fewer steps keep its timing as long as the others'.
    { key: 'lstmTape', name: 'tfjs\'s tape + adam.ts (before this route)', run: step(tapeGradients(tape.model), tape.adam), scale: 0.1 },
  ];
  const profiled = await profileSteps(steps, batches, { warmupSteps, timedSteps, repeats });
  console.log(JSON.stringify({ steps: profiled }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
