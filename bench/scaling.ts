/** The scaling part of `npm run bench`: one fresh worker per (runtime, n, input_dim), see node_scaling.ts. */
import type { ScalingPoint } from './charts';
import { measure } from './measure';
import { runtimes, workerCommand } from './runtimes';

export const scalingNs = [10_000, 100_000, 1_000_000];
export const scalingDims = [4, 32, 256];
/** Batches of 64: a warm-up train() call, then `timedRepeats` timed ones, of which the median counts. */
export const warmupBatches = 20;
export const timedBatches = 100;
export const timedRepeats = 3;

export interface DataPoint { runtime: string; n: number; inputDim: number; seconds: number }
export interface ScalingResult { throughput: ScalingPoint[]; data: DataPoint[] }

export async function measureScaling(seed: number, log: (line: string) => void): Promise<ScalingResult> {
  const result: ScalingResult = { throughput: [], data: [] };
  for (const inputDim of scalingDims) {
    for (const n of scalingNs) {
      for (const runtime of runtimes) {
        log(`scaling: n ${n}, input_dim ${inputDim}, ${runtime.name}`);
        const args = [n, inputDim, seed, warmupBatches, timedBatches, timedRepeats].map(String);
        const [command, commandArgs] = workerCommand(runtime, 'node_scaling', 'keras_scaling', args);
        const { report } = await measure<{ dataSeconds: number; samplesPerSecond: number }>(command, commandArgs);
        result.throughput.push({ runtime: runtime.name, n, inputDim, samplesPerSecond: report.samplesPerSecond });
        // Data generation does not depend on the backend much: keep tfjs-node's and NumPy's.
        if (runtime.name === runtimes[0].name || runtime.name.startsWith('Keras')) {
          result.data.push({ runtime: runtime.name === runtimes[0].name ? 'ours, getData' : 'NumPy', n, inputDim, seconds: report.dataSeconds });
        }
      }
    }
  }
  return result;
}
