/**
 * The Transformer part of `npm run bench`: the Transformer notebook's default model on its repeat
 * task, trained by ours (train() on tfjs-node, through the route buildTransformer attaches and
 * through the tape, node_transformer_train.ts) and by Keras's model.fit() with its
 * MultiHeadAttention (keras_transformer.py), on the same sequences for the same steps; each run a
 * fresh process, the three in turn, in rounds. ms per step = the median over runs of (the median
 * epoch after the first, whose time includes tracing and warm-up on every side) / steps per epoch;
 * the in-context accuracy is measured on held-out sequences after the last step.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deriveSeed } from '../src/core/random';
import { getTokenTaskData } from '../src/data/token-tasks';
import { jupyterPython, projectRoot } from '../runner/paths';
import { measure, stats } from './measure';
import type { ProfiledTransformerStep } from './node_transformer_profile';
import { measureModelViews, modelViewTable, type ModelViewRow } from './transformer-views';

/** The Transformer notebook's defaults (notebooks/attention_transformer.ipynb): 1 000 steps of batch 16. */
export const transformerSettings = {
  layers: 2, heads: 2, width: 32, vocabulary: 28, length: 32, shortestSegment: 10, embeddingStd: 0.5,
  trainSequences: 800, testSequences: 200, epochs: 20, batchSize: 16, learningRate: 0.015, seed: 42,
};
export type TransformerBenchSettings = typeof transformerSettings;
/** The goal: at most this multiple of Keras's ms per step. */
export const transformerGoal = 0.5;
export const transformerProfileSettings = { warmupSteps: 50, timedSteps: 300 };

export interface TransformerRun { msPerStep: number; inContextAccuracy: number }
export interface TransformerResult {
  route: TransformerRun[];
  tape: TransformerRun[];
  keras: TransformerRun[];
  parameters: number;
  kerasParameters: number;
  routeName: string;
  maxDifference?: number;
  /** Raw TensorFlow ops the whole training ran one by one: the route's ops where it traced its graph. */
  rawOps: number;
  graphsPerStep: number;
  profile: ProfiledTransformerStep[];
  /** The model view's cost at 32 and 64 tokens (bench/transformer-views.ts). */
  modelViews: ModelViewRow[];
}

interface TrainReport { epochSeconds: number[]; inContextAccuracy: number; parameters: number; route?: string; maxDifference?: number; rawOps?: number; graphsPerStep?: number }

const stepsPerEpoch = () => Math.ceil(transformerSettings.trainSequences / transformerSettings.batchSize);
const runOf = (report: TrainReport): TransformerRun => ({
  msPerStep: (stats(report.epochSeconds.slice(1)).median * 1000) / stepsPerEpoch(), inContextAccuracy: report.inContextAccuracy,
});

/** The training and held-out sequences as float32 files, the notebook's way (seeds derived from the run's). */
function writeData(dataDir: string): void {
  const { trainSequences, testSequences, length, vocabulary, shortestSegment, seed } = transformerSettings;
  const task = { task: 'repeat' as const, length, vocabulary, shortestSegment };
  const data = getTokenTaskData({ ...task, n: trainSequences, seed: deriveSeed(seed, 'data') });
  const test = getTokenTaskData({ ...task, n: testSequences, seed: deriveSeed(seed, 'test') });
  const write = (name: string, values: ArrayLike<number>) => fs.writeFileSync(path.join(dataDir, name), Float32Array.from(values));
  write('x.bin', data.x.dataSync());
  write('y.bin', data.y.dataSync());
  write('mask.bin', data.mask.dataSync());
  write('test_x.bin', test.x.dataSync());
  write('test_y.bin', test.y.dataSync());
  write('test_in_context.bin', test.inContext);
  write('test_first_occurrence.bin', test.firstOccurrence);
  data.dispose();
  test.dispose();
}

export async function measureTransformer(runs: number, log: (line: string) => void): Promise<TransformerResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-transformer-'));
  const result: TransformerResult = { route: [], tape: [], keras: [], parameters: 0, kerasParameters: 0, routeName: '', rawOps: 0, graphsPerStep: 0, profile: [], modelViews: [] };
  const settings = JSON.stringify(transformerSettings);
  const ours = (gradients: 'auto' | 'tape') => measure<TrainReport>(process.execPath,
    [path.join(projectRoot, 'build', 'bench', 'node_transformer_train.js'), dataDir, settings, gradients]);
  try {
    writeData(dataDir);
    // Rounds, the three side by side in each, so that a slow spell of the machine hits all alike.
    for (let round = 1; round <= runs; round++) {
      log(`transformer ${round}/${runs}: ours (route), ours (tape), Keras`);
      const route = (await ours('auto')).report;
      const tape = (await ours('tape')).report;
      const keras = (await measure<TrainReport>(jupyterPython(), [path.join(projectRoot, 'bench', 'keras_transformer.py'), dataDir, settings])).report;
      result.route.push(runOf(route));
      result.tape.push(runOf(tape));
      result.keras.push(runOf(keras));
      Object.assign(result, {
        parameters: route.parameters, kerasParameters: keras.parameters, routeName: route.route ?? '', maxDifference: route.maxDifference, rawOps: route.rawOps ?? 0, graphsPerStep: route.graphsPerStep ?? 0,
      });
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  log('transformer profile');
  const { warmupSteps, timedSteps } = transformerProfileSettings;
  result.profile = (await measure<{ steps: ProfiledTransformerStep[] }>(process.execPath,
    [path.join(projectRoot, 'build', 'bench', 'node_transformer_profile.js'), String(warmupSteps), String(timedSteps)])).report.steps;
  log('transformer model view');
  result.modelViews = await measureModelViews(runs, log);
  return result;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const median = (runs: TransformerRun[], key: keyof TransformerRun) => stats(runs.map((run) => run[key])).median;
/** Ours (route) as a multiple of Keras's ms per step (medians). */
export const transformerRatio = (result: TransformerResult) => median(result.route, 'msPerStep') / median(result.keras, 'msPerStep');

export function transformerTable(result: TransformerResult): string {
  const lines = ['| training | ms/step: median (min–max) | ×Keras | in-context accuracy after the last step |', '| --- | --- | --- | --- |'];
  const keras = median(result.keras, 'msPerStep');
  const difference = result.maxDifference === undefined ? '' : ` (max \\|fast − tape\\| on the first batch ${result.maxDifference.toExponential(1)})`;
  for (const [name, runs] of [[`ours, ${result.routeName}${difference}`, result.route], ["ours, tfjs's tape", result.tape], ['Keras, model.fit()', result.keras]] as const) {
    const { median: m, min, max } = stats(runs.map((run) => run.msPerStep));
    lines.push(`| ${name} | ${fixed(m, 2)} (${fixed(min, 2)}–${fixed(max, 2)}) | ×${fixed(m / keras, 2)} | ${fixed(median(runs, 'inContextAccuracy'), 3)} |`);
  }
  return lines.join('\n');
}

export function transformerProfileTable(result: TransformerResult): string {
  const lines = ['| one step, batch 16 | tfjs kernels | raw TensorFlow ops | TensorFlow graphs | µs |', '| --- | --- | --- | --- | --- |'];
  for (const step of result.profile) lines.push(`| ${step.name} | ${step.kernels} | ${step.rawOps} | ${step.graphs} | ${fixed(step.microsecondsPerStep, 0)} |`);
  return lines.join('\n');
}

/** The section of docs/BENCHMARKS.md. */
export function transformerMarkdown(result: TransformerResult, runs: number): string {
  const { layers, heads, width, vocabulary, length, shortestSegment, trainSequences, testSequences, epochs, batchSize, learningRate, embeddingStd } = transformerSettings;
  const ratio = transformerRatio(result);
  return `## The Transformer against Keras

The Transformer notebook's default model (notebooks/attention_transformer.ipynb): ${layers} attention-only blocks of ${heads} heads, width ${width},
vocabulary ${vocabulary}, context ${length}, embeddings' std ${embeddingStd} (${result.parameters.toLocaleString('en')} parameters; Keras's twin ${result.kerasParameters.toLocaleString('en')}), on the repeat task (shortest segment
${shortestSegment}): ${trainSequences} training sequences, ${epochs} epochs of ${stepsPerEpoch()} steps of batch ${batchSize} (${epochs * stepsPerEpoch()} steps), Adam at ${learningRate}. Ours: \`train()\` on
tfjs-node through the route \`buildTransformer\` attaches (src/models/transformer/backprop.ts, checked against the tape on
the first batch) and through the tape (bench/node_transformer_train.ts). The route runs its ops one by one once, on the
first batch (${result.rawOps} raw TensorFlow ops in the whole training, the first batch's), recording them, and from then on as one
TensorFlow graph of those ops (src/core/tensorflow-graph.ts: ${fixed(result.graphsPerStep, 2)} graph calls per step), checked against the ops on that batch.
Keras: \`model.fit()\` of the same architecture from \`keras.layers.MultiHeadAttention\` with the causal mask, the mask as
sample weights, Keras's defaults otherwise (no XLA on a CPU-only machine) (bench/keras_transformer.py). ${runs} run${runs === 1 ? '' : 's'} each, the three in turn, each a fresh process; ms per step = the median
epoch after the first (which includes tracing and warm-up) / ${stepsPerEpoch()}; in-context accuracy on ${testSequences} held-out sequences
(the positions in the repeat). Goal: at most ×${fixed(transformerGoal, 2)} of Keras's ms per step (${ratio <= transformerGoal ? 'met' : 'not met'}: ×${fixed(ratio, 2)}).

${transformerTable(result)}

One step timed on its own (bench/node_transformer_profile.ts: ${transformerProfileSettings.timedSteps} steps in one process after ${transformerProfileSettings.warmupSteps} warm-up steps);
tfjs kernels are those one step runs through tfjs's engine (\`tf.profile\`), raw TensorFlow ops those the route runs past it one by one,
TensorFlow graphs its session calls (the graph's ops run inside TensorFlow, without a round trip each).

${transformerProfileTable(result)}

The model view (layers × heads, one held-out sequence; src/plots/transformer-views.ts) built from random causal patterns
of 2 × 2 heads, ${runs} time${runs === 1 ? '' : 's'} each in this process: the vega-lite spec, then the SVG an export embeds.

${modelViewTable(result.modelViews)}`;
}

/** On its own: `node build/bench/transformer.js [RUNS]` prints the section (docs/ is written by a full `npm run bench`). */
if (require.main === module) {
  const runs = Number(process.argv[2] ?? 3);
  measureTransformer(runs, (line) => process.stderr.write(`${line}\n`))
    .then((result) => console.log(transformerMarkdown(result, runs)))
    .catch((error: unknown) => { console.error(error); process.exitCode = 1; });
}
