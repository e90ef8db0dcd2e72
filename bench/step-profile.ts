/** Timing and kernel counting of training steps, for the profiles of node_lstm_profile.ts and node_sequence_profile.ts. */
import { tensorFlowOpsRun } from '../src/core/tensorflow-ops';
import { tf } from '../src/core/tf';
import { stats } from './measure';

export interface StepToProfile<Key extends string> {
  key: Key;
  name: string;
  /** One step on batch `i`. */
  run: (i: number) => void;
  /** The share of the warm-up and timed steps this one runs (a slow route runs fewer, for a timing as long as the others'). */
  scale: number;
}

export interface ProfiledStepOf<Key extends string> {
  key: Key;
  name: string;
  /** tfjs kernels per step (tf.profile). */
  kernels: number;
  /** TensorFlow ops run outside tfjs's engine per step (core/tensorflow-ops.ts), which tf.profile does not see. */
  rawOps: number;
  microsecondsPerStep: number;
}

/** Each step: warm-up, then the median over `repeats` timings of `timedSteps` steps cycling over `batches` batches; its tfjs kernels per step. */
export async function profileSteps<Key extends string>(
  steps: StepToProfile<Key>[], batches: number, { warmupSteps, timedSteps, repeats }: { warmupSteps: number; timedSteps: number; repeats: number },
): Promise<ProfiledStepOf<Key>[]> {
  const profiled: ProfiledStepOf<Key>[] = [];
  for (const { key, name, run, scale } of steps) {
    const [warmup, timed] = [warmupSteps, timedSteps].map((count) => Math.max(1, Math.round(count * scale)));
    for (let i = 0; i < warmup; i++) run(i % batches);
    const perStep: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const started = performance.now();
      for (let i = 0; i < timed; i++) run(i % batches);
      perStep.push(((performance.now() - started) * 1000) / timed);
    }
    profiled.push({ key, name, kernels: 0, rawOps: 0, microsecondsPerStep: stats(perStep).median });
  }
  // Counted after all the timings, so that profiling cannot touch them.
  for (const [i, { run }] of steps.entries()) {
    const before = tensorFlowOpsRun();
    profiled[i].kernels = (await tf.profile(() => run(0))).kernels.length;
    profiled[i].rawOps = tensorFlowOpsRun() - before;
  }
  return profiled;
}
