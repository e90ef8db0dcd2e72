/**
 * The sequence attention part of `npm run bench`: the add-two model of each encoder and score,
 * trained by ours (train() on tfjs-node with the route its builder attaches, node_sequence_train.ts)
 * and by Keras's model.fit() with the original's composition of the layer
 * (keras_sequence_attention.py), on the same data, each run a fresh process, ours and Keras's in
 * turn, in rounds; then node_sequence_profile.ts's split of one step per model.
 * ms per step = the median over runs of (the median epoch after the first, whose time includes
 * tracing and warm-up on both sides) / steps per epoch.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AttentionScore } from '../src/models/sequence/attention-layer';
import type { SequenceEncoder } from '../src/models/sequence/model';
import { getSequenceTaskData } from '../src/data/sequence-tasks';
import { jupyterPython, projectRoot } from '../runner/paths';
import { measure, stats } from './measure';
import type { ProfiledSequenceStep } from './node_sequence_profile';

/** 2,560 training samples (40 steps of batch 64 per epoch), 640 held out; hidden 16, attention units 16 (the builder's defaults). */
export const sequenceShape = { n: 3200, validationSplit: 0.2, timeSteps: 10, inputDim: 2, batchSize: 64, epochs: 4, seed: 1 };
export const sequenceProfileSettings = { warmupSteps: 50, timedSteps: 200, repeats: 5 };
/** The goal: at most this multiple of Keras's ms per step. */
export const sequenceGoal = 0.5;

export interface SequenceModel { encoder: SequenceEncoder; score: AttentionScore }
export interface SequenceRun { msPerStep: number; valAcc: number }
export interface SequenceRow {
  model: SequenceModel;
  ours: SequenceRun[];
  keras: SequenceRun[];
  parameters: number;
  route: string;
  maxDifference?: number;
  profile: ProfiledSequenceStep[];
}

export const sequenceModels: SequenceModel[] = (['per-step', 'lstm'] as const).flatMap((encoder) =>
  (['luong', 'bahdanau'] as const).map((score) => ({ encoder, score })));

const stepsPerEpoch = () => Math.ceil(Math.floor(sequenceShape.n * (1 - sequenceShape.validationSplit)) / sequenceShape.batchSize);
const msPerStep = (epochSeconds: number[]) => (stats(epochSeconds.slice(1)).median * 1000) / stepsPerEpoch();

interface TrainReport { epochSeconds: number[]; valAcc: number; parameters?: number; route?: string; maxDifference?: number }

export async function measureSequence(runs: number, log: (line: string) => void): Promise<SequenceRow[]> {
  const { n, validationSplit, timeSteps, inputDim, batchSize, epochs, seed } = sequenceShape;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-sequence-'));
  const rows: SequenceRow[] = sequenceModels.map((model) => ({ model, ours: [], keras: [], parameters: 0, route: '', profile: [] }));
  try {
    const data = getSequenceTaskData('add-two', n, timeSteps, seed);
    fs.writeFileSync(path.join(dataDir, 'x.bin'), data.x.dataSync());
    fs.writeFileSync(path.join(dataDir, 'y.bin'), data.y.dataSync());
    data.dispose();
    // Rounds, and ours next to Keras's in each, so that a slow spell of the machine hits both alike.
    for (let round = 1; round <= runs; round++) {
      for (const row of rows) {
        const { encoder, score } = row.model;
        log(`sequence ${round}/${runs}: ${encoder}, ${score}`);
        const ours = (await measure<TrainReport>(process.execPath, [path.join(projectRoot, 'build', 'bench', 'node_sequence_train.js'),
          dataDir, ...[n, timeSteps, inputDim, encoder, score, epochs, batchSize, validationSplit, seed].map(String)])).report;
        const keras = (await measure<TrainReport>(jupyterPython(), [path.join(projectRoot, 'bench', 'keras_sequence_attention.py'), 'bench',
          dataDir, ...[n, timeSteps, inputDim, encoder, score, epochs, batchSize, validationSplit].map(String)])).report;
        row.ours.push({ msPerStep: msPerStep(ours.epochSeconds), valAcc: ours.valAcc });
        row.keras.push({ msPerStep: msPerStep(keras.epochSeconds), valAcc: keras.valAcc });
        Object.assign(row, { parameters: ours.parameters ?? 0, route: ours.route ?? '', maxDifference: ours.maxDifference });
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const { warmupSteps, timedSteps, repeats } = sequenceProfileSettings;
  for (const row of rows) {
    log(`sequence profile: ${row.model.encoder}, ${row.model.score}`);
    const { report } = await measure<{ steps: ProfiledSequenceStep[] }>(process.execPath, [path.join(projectRoot, 'build', 'bench', 'node_sequence_profile.js'),
      row.model.encoder, row.model.score, ...[warmupSteps, timedSteps, repeats].map(String)]);
    row.profile = report.steps;
  }
  return rows;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const medianOf = (runs: SequenceRun[], key: keyof SequenceRun) => stats(runs.map((run) => run[key])).median;
/** Ours as a multiple of Keras's ms per step (medians). */
export const sequenceRatio = (row: SequenceRow) => medianOf(row.ours, 'msPerStep') / medianOf(row.keras, 'msPerStep');

export function sequenceTable(rows: SequenceRow[]): string {
  const lines = ['| encoder | score | parameters | ours, train() ms/step: median (min–max) | Keras ms/step | ×Keras | val acc ours / Keras | route, max \\|fast − tape\\| on the first batch |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const { median, min, max } = stats(row.ours.map((run) => run.msPerStep));
    const keras = stats(row.keras.map((run) => run.msPerStep));
    const difference = row.maxDifference === undefined ? '' : `, ${row.maxDifference.toExponential(1)}`;
    lines.push(`| ${row.model.encoder} | ${row.model.score} | ${row.parameters} | ${fixed(median, 2)} (${fixed(min, 2)}–${fixed(max, 2)}) `
      + `| ${fixed(keras.median, 2)} (${fixed(keras.min, 2)}–${fixed(keras.max, 2)}) | ×${fixed(sequenceRatio(row), 2)} `
      + `| ${fixed(medianOf(row.ours, 'valAcc'), 3)} / ${fixed(medianOf(row.keras, 'valAcc'), 3)} | ${row.route}${difference} |`);
  }
  return lines.join('\n');
}

export function sequenceProfileTable(rows: SequenceRow[]): string {
  const lines = ['| model | step (batch 64, add-two, 10 steps) | tfjs kernels | raw TensorFlow ops | µs |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    for (const step of row.profile) {
      lines.push(`| ${row.model.encoder}, ${row.model.score} | ${step.name} | ${step.kernels} | ${step.rawOps} | ${fixed(step.microsecondsPerStep, 0)} |`);
    }
  }
  return lines.join('\n');
}

/** The section of docs/BENCHMARKS.md. */
export function sequenceMarkdown(rows: SequenceRow[], runs: number): string {
  const { n, validationSplit, timeSteps, batchSize, epochs } = sequenceShape;
  const { warmupSteps, timedSteps, repeats } = sequenceProfileSettings;
  const met = rows.filter((row) => sequenceRatio(row) <= sequenceGoal).map((row) => `${row.model.encoder} ${row.model.score}`);
  return `## Sequence attention against Keras

The add-two task of notebooks/attention_sequence.ipynb (src/experiment/sequence-tasks.ts), ${timeSteps} steps of 2 features,
${n.toLocaleString('en')} samples of which the last ${validationSplit * 100} % are held out (${stepsPerEpoch()} steps of batch ${batchSize} per epoch), ${epochs} epochs,
hidden 16 and attention units 16 (the builder's defaults, src/experiment/sequence-models.ts). Ours: \`train()\` on
tfjs-node with the route the builder attaches, checked against the tape on the first batch
(bench/node_sequence_train.ts). Keras: \`model.fit()\` with the layer composed as the original does
(bench/keras_sequence_attention.py). ${runs} run${runs === 1 ? '' : 's'} each, ours and Keras's in turn, each a fresh process;
ms per step = the median epoch after the first (which includes tracing and warm-up on both sides),
validation included, / ${stepsPerEpoch()}; val acc after the last epoch. Goal: at most ×${fixed(sequenceGoal, 2)} of Keras's ms per step
(met by ${met.length === 0 ? 'none' : met.join(', ')}).

${sequenceTable(rows)}

One step of each model, timed on its own (bench/node_sequence_profile.ts: the median of ${repeats} × ${timedSteps} steps in one
process after ${warmupSteps} warm-up steps); tfjs kernels are those one step runs through tfjs's engine, counted by
\`tf.profile\`; raw TensorFlow ops are those the route runs past it (src/core/tensorflow-ops.ts, the fused LSTM's included).

${sequenceProfileTable(rows)}`;
}

/** On its own: `node build/bench/sequence-attention.js [RUNS]` prints the section (docs/ is written by a full `npm run bench`). */
if (require.main === module) {
  const runs = Number(process.argv[2] ?? 3);
  measureSequence(runs, (line) => process.stderr.write(`${line}\n`))
    .then((rows) => console.log(sequenceMarkdown(rows, runs)))
    .catch((error: unknown) => { console.error(error); process.exitCode = 1; });
}
