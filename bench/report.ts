/** docs/BENCHMARKS.md and its charts, from one run of `npm run bench`. */
import * as path from 'node:path';
import { saveSvg } from '../src/plots';
import { runtimeBars, scalingChart } from './charts';
import { type PlaygroundResult, playgroundTable } from './playground';
import { denseExportGoal, exportStartup, lstmExportPrefix, startupGoalSeconds, type ExportPhase, type ExportRow } from './export';
import { gridRuns, gridTable, type GridRow } from './grid';
import { npmStartTable, type NpmStartResult } from './npm-start';
import { stats } from './measure';
import { profileSettings, type BackendProfile } from './profile';
import type { ProfiledStep } from './node_profile';
import { machine, table, type Row, type Settings } from './training';
import { lstmMedianSeconds, lstmProfileSettings, lstmProfileTable, lstmShape, lstmSteps, lstmTable, variantName, type LstmResult, type LstmRow } from './lstm';
import { sweepGoal, sweepSeconds, sweepTable, type SweepRow } from './sweeps';
import { sequenceMarkdown, type SequenceRow } from './sequence-attention';
import { transformerMarkdown, type TransformerResult } from './transformer';
import { scalingDims, scalingNs, timedBatches, timedRepeats, warmupBatches, type ScalingResult } from './scaling';

export const charts = { training: 'bench-training.svg', scaling: 'bench-scaling.svg' };

const median = (values: number[]) => stats(values).median;
const fixed = (value: number, digits: number) => value.toFixed(digits);
const trainingSeconds = (row: Row) => median(row.runs.map((run) => run.trainSeconds));
/** The main table's row whose runtime name starts with `name`. */
const rowNamed = (rows: Row[], name: string) => rows.find((row) => row.name.startsWith(name)) as Row;
const ourRuntime = 'ours, tfjs-node';

export async function saveCharts(docsDir: string, rows: Row[], settings: Settings, scaling: ScalingResult): Promise<void> {
  const bars = rows.map((row) => ({ runtime: row.name, value: trainingSeconds(row) }));
  const title = `Training the dense model: ${settings.epochs} epochs of n = ${settings.n}, median of ${settings.runs}`;
  await saveSvg(runtimeBars(bars, title, 'seconds, lower is better'),
    path.join(docsDir, charts.training));
  await saveSvg(scalingChart(scaling.throughput), path.join(docsDir, charts.scaling));
}

export function scalingTable(scaling: ScalingResult): string {
  const names = [...new Set(scaling.throughput.map((point) => point.runtime))];
  const lines = [`| input_dim | n | ${names.join(' | ')} |`, `|${' --- |'.repeat(names.length + 2)}`];
  for (const inputDim of scalingDims) {
    for (const n of scalingNs) {
      const cells = names.map((name) => {
        const point = scaling.throughput.find((p) => p.runtime === name && p.n === n && p.inputDim === inputDim);
        return point ? fixed(point.samplesPerSecond, 0) : '–';
      });
      lines.push(`| ${inputDim} | ${n.toLocaleString('en')} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** Per runtime of ours: the range of its samples/s divided by Keras's, over every point of the grid. */
function oursOverKeras(scaling: ScalingResult): string {
  const keras = scaling.throughput.filter((p) => p.runtime.startsWith('Keras'));
  const names = [...new Set(scaling.throughput.map((p) => p.runtime))].filter((name) => !name.startsWith('Keras'));
  return names.map((name) => {
    const ratios = scaling.throughput.filter((p) => p.runtime === name).map((p) => {
      const k = keras.find((q) => q.n === p.n && q.inputDim === p.inputDim);
      return k ? p.samplesPerSecond / k.samplesPerSecond : NaN;
    });
    return `${name} ×${fixed(Math.min(...ratios), 2)}–×${fixed(Math.max(...ratios), 2)}`;
  }).join('; ');
}

export function dataTable(scaling: ScalingResult): string {
  const lines = ['| input_dim | n | ours, getData (s) | NumPy (s) | ratio |', '| --- | --- | --- | --- | --- |'];
  for (const inputDim of scalingDims) {
    for (const n of scalingNs) {
      const seconds = (runtime: string) => scaling.data.find((d) => d.runtime === runtime && d.n === n && d.inputDim === inputDim)?.seconds ?? NaN;
      const ours = seconds('ours, getData');
      const numpy = seconds('NumPy');
      lines.push(`| ${inputDim} | ${n.toLocaleString('en')} | ${fixed(ours, 3)} | ${fixed(numpy, 3)} | ×${fixed(ours / numpy, 1)} |`);
    }
  }
  return lines.join('\n');
}

function notebookRow(rows: ExportRow[], prefix: string): ExportRow {
  const row = rows.find((candidate) => candidate.name.startsWith(prefix));
  if (row === undefined) throw new Error(`no notebook export row starting "${prefix}"`);
  return row;
}

export function exportTable(rows: ExportRow[]): string {
  const lines = ['| notebook run | wall time (s): median (min–max) | runs |', '| --- | --- | --- |'];
  for (const row of rows) {
    const { median: m, min, max } = stats(row.seconds);
    lines.push(`| ${row.name} | ${fixed(m, 1)} (${fixed(min, 1)}–${fixed(max, 1)}) | ${row.seconds.length} |`);
  }
  return lines.join('\n');
}

/** Each of our notebooks' start-up (rows with a kernel-ready line, an import cell and a training): medians over the runs. */
export function startupTable(rows: ExportRow[]): string {
  const lines = ['| notebook run | kernel start, until its kernel_info reply (s) | import cell (s) | the two together (s) | until the first training (s) |',
    '| --- | --- | --- | --- | --- |'];
  let slowest = 0;
  for (const row of rows) {
    const startups = row.phases.flatMap((phases) => exportStartup(phases) ?? []);
    if (startups.length === 0) continue;
    const median = (pick: (startup: (typeof startups)[number]) => number) => stats(startups.map(pick)).median;
    const m = (pick: (startup: (typeof startups)[number]) => number) => fixed(median(pick), 2);
    slowest = Math.max(slowest, median((s) => s.kernel + s.importCell));
    lines.push(`| ${row.name} | ${m((s) => s.kernel)} | ${m((s) => s.importCell)} | ${m((s) => s.kernel + s.importCell)} | ${m((s) => s.untilFirstTraining)} |`);
  }
  const verdict = `${slowest <= startupGoalSeconds ? 'met' : 'not met'}: ${fixed(slowest, 2)} s for the slowest notebook`;
  return `${lines.join('\n')}\n\nGoal: the kernel start and the import cell together at most ${startupGoalSeconds} s per notebook (${verdict}).`;
}

export interface Report {
  header: string;
  rows: Row[];
  settings: Settings;
  loadAtStart: number;
  scaling: ScalingResult;
  lstm: LstmResult;
  sweeps: SweepRow[];
  sequence: { rows: SequenceRow[]; runs: number };
  transformer: { result: TransformerResult; runs: number };
  notebooks: ExportRow[];
  npmStart: NpmStartResult;
  grid: GridRow[];
  profiles: BackendProfile[];
  playground: PlaygroundResult;
  totalSeconds: number;
}

export function benchmarksMarkdown(report: Report): string {
  const { header, rows, settings, loadAtStart, scaling, lstm, sweeps, sequence, transformer, notebooks, npmStart, grid, profiles, playground, totalSeconds } = report;
  const steps = Math.ceil(Math.floor(settings.n * (1 - settings.validationSplit)) / settings.batchSize) * settings.epochs;
  const perStep = rows
    .map((row) => `${row.name} ${fixed((trainingSeconds(row) / steps) * 1000, 2)} ms`)
    .join(', ');
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}; the whole run took ${fixed(totalSeconds / 60, 1)} minutes.
Every measurement is a fresh process, one at a time, with the project's TensorFlow settings
(\`TF_ENABLE_ONEDNN_OPTS=0\`, one thread per op: src/core/tensorflow-env.ts), Keras's processes included.

${inShort(rows, notebooks)}

${lstmInShort(lstm)} ${sweepInShort(sweeps)}

## Training: ours on three tfjs backends against Keras

The same data (our \`getData\`, seed ${settings.seed}), the same 369-parameter model, Adam and binary cross-entropy;
ours trains with \`train()\` from src/training/train.ts on tfjs-node (native TensorFlow), on tfjs's pure-JavaScript
\`cpu\` backend and on its WebAssembly \`wasm\` backend; Keras with \`model.fit(verbose=0)\`. Training time
covers the ${settings.epochs} epochs including validation; samples/s counts training samples × epochs;
"start → trained model" runs from spawning the process (interpreter start and imports included) to the
end of training; peak RSS is the process's maxRSS.

${header}

${table(rows)}

Median time per training step (${steps} steps of batch ${settings.batchSize}): ${perStep}.

![Training time per runtime](${charts.training})

## Throughput against n and input_dim

What is measured, per point: one fresh process generates n samples of input_dim columns (ours:
\`getData\`; Keras: NumPy, see below), builds the model, draws ${warmupBatches} × 64 rows at random from the n
samples and trains one epoch on them (warm-up: JIT, kernel set-up, Keras's tracing of its train step),
then draws ${timedBatches} × 64 rows and times one epoch of training on them, without validation
(ours: \`train(…, {epochs: 1, validationSplit: 0})\`; Keras: \`model.fit(…, epochs=1)\`), ${timedRepeats} times over
fresh draws; the table gives the median of the ${timedRepeats} rates, each ${timedBatches * 64} samples / that call's time
(the call's own set-up included: ours builds a new optimizer and gathers the epoch's rows, Keras builds
its data adapter and callbacks). One process per point, so read differences under ~15 % as noise. The
steps themselves do not depend on n; n costs memory and generation time, while wider rows cost larger
matrix products (at input_dim 256 the first Dense layer is 256 × 256).

${scalingTable(scaling)}

Each of ours in samples/s as a multiple of Keras's, lowest and highest over the grid (above 1: faster than Keras): ${oursOverKeras(scaling)}.

![Training throughput against n and input_dim](${charts.scaling})

### Data generation

Time to make the n × input_dim data set, from the same runs: ours is \`getData(n, inputDim, 1, seed)\`
(seeded normals into a Float32Array in a JavaScript loop, then the x and y tensors on tfjs-node);
NumPy's equivalent is \`default_rng(seed).standard_normal((n, input_dim), dtype=float32)\`, a label
from \`integers(0, 2)\` and one column overwritten (vectorised C).

${dataTable(scaling)}

## The LSTM variant against Keras

The original repository's recurrent example (src/models/recurrent/model.ts; Keras twin
bench/keras_lstm_train.py, layer for layer): ${lstmShape.timeSteps} time steps of ${lstmShape.inputDim} features, the label copied into
step ${lstmShape.attentionColumn}, LSTM(${lstmShape.lstmUnits}) with Keras's sigmoid recurrent activation, the softmax attention over time
steps, batch ${lstmShape.batchSize}, ${lstmShape.epochs} epoch, validation split ${lstmShape.validationSplit}, Adam; the same data (our \`getRecurrentData\`) for
both, in fresh processes, in ${lstm.rows[0].runs.length} round${lstm.rows[0].runs.length === 1 ? '' : 's'}. The original's settings come first at its data size
(${lstm.rows[0].variant.n.toLocaleString('en')} samples); the other layouts run on fewer samples and compare time per step.
Ours trains with \`train()\`, which takes the route the model's builder attached: forward and backward
written out, the LSTM run by TensorFlow's fused \`BlockLSTMV2\` / \`BlockLSTMGradV2\` kernels and the rest as raw
TensorFlow ops past tfjs's engine (src/core/fused-lstm.ts, src/models/recurrent/backprop.ts; checked against tfjs's tape for
every layout in test/recurrent-backprop.test.ts). Training time includes validation; ms per step divides it by the training steps.

${lstmTable(lstm)}

One step at the original's settings, timed on its own (bench/node_lstm_profile.ts: the median of
${lstmProfileSettings.repeats} × ${lstmProfileSettings.timedSteps} steps after ${lstmProfileSettings.warmupSteps} warm-up steps, a tenth of that for the tape); kernels are the tfjs kernels
one step runs (\`tf.profile\`), plus the raw TensorFlow ops (the two fused ones among them, src/core/tensorflow-ops.ts) that tfjs's profiler does not see.

${lstmProfileTable(lstm.profile)}

${sequenceMarkdown(sequence.rows, sequence.runs)}

${transformerMarkdown(transformer.result, transformer.runs)}

## Sweeps: K trainings for the price of one

\`sweep()\` with the dense notebook's settings (n = 10 000, 20 epochs, batch 64, validation split 0.2,
1 000 held-out samples per run), K runs over the 4 columns × K / 4 seeds, each K in a fresh process
(bench/node_sweep.ts, after a small warm-up sweep), ${sweeps[0].stackedSeconds.length} rounds with the sizes interleaved, against the same K runs one \`train()\` after another
(one process, each run timed). Both include each run's data, model and attention read-out. Stacked, the
K networks train as one computation (src/models/dense/stacked-training.ts: batched matrix products, one
Adam over the stacked weights), each with its own data, seed and shuffling; test/stacked-training.test.ts
checks that every run ends with the weights, history and attention it gets alone (1e-5), and each
sweep checks its first batch's gradients against the tape for every run.

${sweepTable(sweeps)}

## Whole notebook, end to end

notebooks/attention_dense.ipynb exported as \`npm start\` does it (\`attention-lab export
notebooks/attention_dense.ipynb --out <tmp>\`: tslab kernel, every cell, HTML and results.json), next to
its Keras twin bench/attention_dense_keras.ipynb (same steps: data, model, 20-epoch training,
attention averaged over 2 000 held-out samples, the 4-column × 3-seed sweep; text output only, no
charts) executed by nbclient on ipykernel and exported to HTML by the same runner/python/execute_notebook.py.
Wall time from spawning the command to its exit. Both dense notebooks train 13 models of 20 epochs.
The row "ours: attention_faithfulness.ipynb" is that notebook with its default settings (9 trainings of
10 epochs, the two controls without learned attention on their own hand-derived routes; six attribution
methods on 2 000 held-out samples, three times), which has no Keras twin.
The LSTM pair: notebooks/attention_lstm.ipynb exported the same way, next to its Keras twin
bench/attention_lstm_keras.ipynb (same steps at the same settings: the data by getRecurrentData's recipe
in NumPy, 300 000 sequences of ${lstmShape.timeSteps} time steps × ${lstmShape.inputDim} features with the label in step ${lstmShape.attentionColumn}; model.summary() of the
model built by bench/keras_lstm_train.py's \`build_model\`, attention after LSTM(${lstmShape.lstmUnits}), one attention vector;
${lstmShape.epochs} epoch of batch ${lstmShape.batchSize}, validation split ${lstmShape.validationSplit}, Adam and binary cross-entropy; the attention over time
read out by a Keras sub-model on \`attention_vec\` and averaged over 2 000 held-out sequences, printed
as text, no charts).

${exportTable(notebooks)}

Both dense notebooks train 13 models: ours the main one alone and the 12 of the sweep stacked (${fixed(sweepSeconds(sweeps, 12), 1)} s for
K = 12 in the sweep table, plus ${fixed(trainingSeconds(rowNamed(rows, ourRuntime)), 1)} s for one training in the first table), Keras one after
another (13 × its median training time in the first table: ${fixed(13 * trainingSeconds(rowNamed(rows, 'Keras')), 0)} s). The rest is kernel start, imports, tslab's compilation of each
TypeScript cell, the held-out read-outs and charts, and the HTML export.

${lstmNotebookInWords(notebooks, lstm)}

### Where the dense export's time goes

${denseExportInWords(notebooks)}

## \`npm start\`: every notebook

Every notebook of notebooks/ exported by the command package.json's start script runs (from the project's
root, into a fresh folder), then the same command with one notebook at a time; wall time from spawning
the command to its exit. Both runs' results.json files are compared figure by figure, the wall times
they record left out.

${npmStartTable(npmStart)}

## Many runs: \`attention-lab grid\` on the local pool

${gridRuns} runs of test/fixtures/grid.ipynb (\`-p seed=1..${gridRuns}\`: a kernel, three small cells and the HTML export
each) with 2 exports at once against 1 at a time. Per run: the grid's wall time over ${gridRuns}; one export: the
median of the table's \`seconds\`; grid overhead per run: the wall time beyond the exports' own time shared by
the lanes (planning, spawning each export's CLI, rewriting the table), over ${gridRuns}.

${gridTable(grid)}

## The live playground

The dense notebook's playground (\`attention-lab export --live\`) trains the same network in the
reader's browser: bench/playground.ts times its default run in headless chromium (from opening the
page to its \`data-state\` "done") on each of tfjs's browser backends, next to the same code on
tfjs-node, and weighs its script.

${playgroundTable(playground)}

## Machine

${machine(rows, loadAtStart)}

## Where the time goes

${whereTimeGoes(rows, steps, scaling, profiles)}
`;
}

function lstmInShort(lstm: LstmResult): string {
  const [ours, keras] = (['ours', 'Keras'] as const).map((runtime) => lstm.rows.find((row) => row.runtime === runtime) as LstmRow);
  const perStep = (row: LstmRow) => (lstmMedianSeconds(row) / lstmSteps(row.variant)) * 1000;
  const accuracy = (row: LstmRow) => fixed(median(row.runs.map((run) => run.valAcc)), 4);
  return `The LSTM variant at the original's settings (${variantName(ours.variant)}, ${ours.variant.n.toLocaleString('en')} samples, 1 epoch)
trains in ${fixed(lstmMedianSeconds(ours), 1)} s (${fixed(perStep(ours), 2)} ms per step, val acc ${accuracy(ours)}) against ${fixed(lstmMedianSeconds(keras), 1)} s with Keras
(${fixed(perStep(keras), 2)} ms, val acc ${accuracy(keras)}): ×${fixed(lstmMedianSeconds(ours) / lstmMedianSeconds(keras), 2)} of Keras's time.`;
}

/** The phases of the run whose wall time is the row's median (the lower middle one for an even count). */
function medianRunPhases(row: ExportRow): ExportPhase[] {
  const order = row.seconds.map((seconds, i) => ({ seconds, i })).sort((a, b) => a.seconds - b.seconds);
  return row.phases[order[Math.floor((order.length - 1) / 2)].i] ?? [];
}

/** The dense export against its goals, and a table of where its (median) run spent the time. */
function denseExportInWords(notebooks: ExportRow[]): string {
  const row = notebookRow(notebooks, 'ours: attention-lab export');
  const ours = median(row.seconds);
  const ofKeras = ours / median(notebookRow(notebooks, 'Keras twin').seconds);
  const phases = medianRunPhases(row);
  const verdict = (met: boolean) => (met ? 'met' : 'not met');
  const slowest = [...phases].sort((a, b) => b.seconds - a.seconds).slice(0, 3);
  const lines = ['| phase of `attention-lab export notebooks/attention_dense.ipynb` | seconds |', '| --- | --- |',
    ...phases.map((phase) => `| ${phase.name.replace(/\|/g, '\\|')} | ${fixed(phase.seconds, 2)} |`)];
  return `Goals: at most ${denseExportGoal.seconds} s (${verdict(ours <= denseExportGoal.seconds)}: ${fixed(ours, 1)} s) and at most ×${fixed(denseExportGoal.ofKeras, 2)} of its Keras twin's
time (${verdict(ofKeras <= denseExportGoal.ofKeras)}: ×${fixed(ofKeras, 2)}). The run below (the median one) timed from the export's own progress lines:
each code cell from its start to the next cell's; cell names are their first line.

${lines.join('\n')}

Before the first training, each of our notebooks (medians of its runs):

${startupTable(notebooks)}

The three longest: ${slowest.map((phase) => `${phase.name.split(':')[0]} (${fixed(phase.seconds, 2)} s)`).join(', ')}. The start covers Python's imports
(nbclient, nbconvert), the kernel's process and tslab's TypeScript compiler set-up; the cell that imports
the library loads tfjs-node, danfojs and vega and has tslab type-check the library's declarations.`;
}

/** The LSTM notebook's export against its Keras twin's, and the one training each of them runs. */
function lstmNotebookInWords(notebooks: ExportRow[], lstm: LstmResult): string {
  const ours = median(notebookRow(notebooks, lstmExportPrefix.ours).seconds);
  const keras = median(notebookRow(notebooks, lstmExportPrefix.keras).seconds);
  const ratio = ours / keras;
  const [ourTraining, kerasTraining] = (['ours', 'Keras'] as const).map((runtime) => lstm.rows.find((row) => row.runtime === runtime) as LstmRow);
  return `The LSTM notebook exports in ${fixed(ours, 1)} s against ${fixed(keras, 1)} s for its Keras twin: ×${fixed(ratio, 2)} of Keras's time,
so the goal of at most ×1.00 is ${ratio <= 1 ? 'met' : 'not met'}. Each trains one model for one epoch; the LSTM table above
trains that model with the same settings on ${ourTraining.variant.n.toLocaleString('en')} samples in ${fixed(lstmMedianSeconds(ourTraining), 1)} s (ours) and ${fixed(lstmMedianSeconds(kerasTraining), 1)} s (Keras). The rest is, as for the dense pair,
kernel start, imports, compilation of the cells, the data, the read-out (and our chart) and the HTML export.`;
}

function sweepInShort(sweeps: SweepRow[]): string {
  const one = sweepSeconds(sweeps, 1);
  const ratios = sweeps.filter((row) => row.k > 1).map((row) => ({ k: row.k, ratio: sweepSeconds(sweeps, row.k) / one }));
  const over = ratios.filter(({ ratio }) => ratio > sweepGoal);
  const verdict = over.length === 0 ? `within the goal of ×${fixed(sweepGoal, 2)} up to K = 16`
    : `over the goal of ×${fixed(sweepGoal, 2)} at K = ${over.map(({ k }) => k).join(', ')}`;
  return `A sweep of K dense trainings costs ${ratios.map(({ k, ratio }) => `×${fixed(ratio, 2)} one training at K = ${k}`).join(', ')} (medians; ${verdict}).`;
}

/** The two headline comparisons with Keras: training the original experiment, exporting the whole notebook. */
function inShort(rows: Row[], notebooks: ExportRow[]): string {
  const [ours, keras] = [rowNamed(rows, ourRuntime), rowNamed(rows, 'Keras')];
  const ourNotebook = median(notebookRow(notebooks, 'ours: attention-lab export').seconds);
  const kerasNotebook = median(notebookRow(notebooks, 'Keras twin').seconds);
  return `**In short:** training the original experiment takes ${fixed(trainingSeconds(ours), 2)} s with ${ours.name} against ${fixed(trainingSeconds(keras), 2)} s
with ${keras.name} (×${fixed(trainingSeconds(ours) / trainingSeconds(keras), 2)} of Keras's time), and the whole dense notebook exports in
${fixed(ourNotebook, 1)} s against ${fixed(kerasNotebook, 1)} s for its Keras twin (×${fixed(ourNotebook / kerasNotebook, 2)}). The last section shows where the time goes.`;
}

function profiledStep(profile: BackendProfile, key: ProfiledStep['key']): ProfiledStep {
  return profile.steps.find((step) => step.key === key) as ProfiledStep;
}

export function profileTable(profiles: BackendProfile[]): string {
  const lines = [`| step (batch 64, input_dim 4) | tfjs kernels | ${profiles.map((p) => `${p.runtime} (µs)`).join(' | ')} |`,
    `|${' --- |'.repeat(profiles.length + 2)}`];
  profiles[0].steps.forEach((step) => {
    lines.push(`| ${step.name} | ${step.kernels} | ${profiles.map((p) => fixed(profiledStep(p, step.key).microsecondsPerStep, 0)).join(' | ')} |`);
  });
  return lines.join('\n');
}

/** The profile and the tables above, put into words; every figure comes from this run. */
function whereTimeGoes(rows: Row[], steps: number, scaling: ScalingResult, profiles: BackendProfile[]): string {
  const perStepMs = (name: string) => (trainingSeconds(rowNamed(rows, name)) / steps) * 1000;
  const node = profiles.find((profile) => profile.runtime === ourRuntime) as BackendProfile;
  const [ours, gradients, usual, stacked] = (['trainStep', 'trainGradients', 'tapeTfjsAdam', 'stackedStep'] as const).map((key) => profiledStep(node, key));
  const perKernel = (profile: BackendProfile) => {
    const { microsecondsPerStep, kernels } = profiledStep(profile, 'trainGradients');
    return microsecondsPerStep / kernels;
  };
  const at256 = (name: string) => median(scaling.throughput.filter((p) => p.inputDim === 256 && p.runtime.startsWith(name)).map((p) => p.samplesPerSecond));
  const dataRatios = scaling.data.filter((d) => d.runtime === 'ours, getData' && d.n >= 100_000).map((d) =>
    d.seconds / (scaling.data.find((k) => k.runtime === 'NumPy' && k.n === d.n && d.inputDim === k.inputDim)?.seconds ?? NaN));
  return `Each step of each route, timed on its own (node_profile.ts: the median of ${profileSettings.repeats} × ${profileSettings.timedSteps} steps in one process per
backend, after ${profileSettings.warmupSteps} warm-up steps); kernels are the tfjs kernels one step runs, counted by \`tf.profile\`.

${profileTable(profiles)}

- **Per op, not per flop.** At input_dim 4 the largest tensor of a step is 64 × 16; the arithmetic is
  nothing and the cost is the round trip of each op. On tfjs-node that is a call through N-API into
  TensorFlow's eager C API (allocate handles, run the kernel, wrap the result): the gradients of
  train()'s step take ${fixed(gradients.microsecondsPerStep, 0)} µs for ${gradients.kernels} kernels, about ${fixed(perKernel(node), 0)} µs per kernel
  (${profiles.filter((p) => p !== node).map((p) => `${p.runtime} ${fixed(perKernel(p), 0)} µs`).join(', ')}).
- **So train() runs as few ops as it can.** The usual tfjs route — the tape records the forward pass
  and replays a gradient for each op, and \`tf.train.adam\` updates each of the six variables with a
  dozen more — takes ${usual.kernels} kernels and ${fixed(usual.microsecondsPerStep, 0)} µs per step on tfjs-node. train() uses the backward pass
  of this network written out by hand (src/models/dense/backprop.ts, checked against the tape in
  test/dense-backprop.test.ts) and applies Keras's Adam in JavaScript to the 369 read-back gradients
  (src/training/adam.ts; it adds ${fixed(ours.microsecondsPerStep - gradients.microsecondsPerStep, 0)} µs to the gradients' time: read-back, arithmetic, the new weights' upload):
  ${ours.kernels} kernels and ${fixed(ours.microsecondsPerStep, 0)} µs per step, ×${fixed(usual.microsecondsPerStep / ours.microsecondsPerStep, 1)} faster. The LSTM variant has a route of its own (its section above).
- **Per epoch, not per step:** the first table's ${fixed(perStepMs(ourRuntime), 2)} ms per step on tfjs-node, against ${fixed(ours.microsecondsPerStep / 1000, 2)} ms for
  the step alone, leaves ${fixed(perStepMs(ourRuntime) - ours.microsecondsPerStep / 1000, 2)} ms per step for what train() does once per epoch: shuffle and split the
  training rows into batches, compute the epoch's loss and accuracy from the kept outputs, and
  validate on the held-out samples (one read-back each), plus the process's warm-up.
- **Sweeps stack networks, not ops:** one step of 16 stacked networks runs the same ${stacked.kernels} kernels as one
  network's step, on tensors 16 times larger: ${fixed(stacked.microsecondsPerStep, 0)} µs against ${fixed(ours.microsecondsPerStep, 0)} µs on tfjs-node
  (×${fixed(stacked.microsecondsPerStep / ours.microsecondsPerStep, 2)}). What the extra time buys is arithmetic
  that was free at one network's size: 16 small matrix products per batched product, softmaxes over
  16 × 64 rows, and Adam over 16 × 369 weights in JavaScript.
- **Keras** compiles its whole training step into one \`tf.function\`: one graph call per step, no
  per-op round trip through Python, with Keras's per-step Python (callbacks, metrics) around it.
  In the first table that comes to ${fixed(perStepMs('Keras'), 2)} ms per step against ${fixed(perStepMs(ourRuntime), 2)} ms for
  ours on tfjs-node (validation and epoch set-up included in both). Tracing the step costs Keras
  about a second once per process, and interpreter start and \`import keras\` add to
  "start → trained model".
- **Wider inputs** shift the cost from dispatch to arithmetic: at input_dim 256 (a 256 × 256 first
  layer) the median samples/s over n is ${['ours, tfjs-node', 'ours, tfjs cpu', 'ours, tfjs wasm', 'Keras'].map((name) => `${fixed(at256(name), 0)} for ${name}`).join(', ')}.
  TensorFlow's native kernels carry tfjs-node there; the pure-JS \`cpu\` backend falls far behind.
- **Which backend?** On the original's tiny model \`wasm\`'s cheap kernels make it the fastest of ours
  (${fixed(trainingSeconds(rowNamed(rows, 'ours, tfjs wasm')), 2)} s against ${fixed(trainingSeconds(rowNamed(rows, ourRuntime)), 2)} s on tfjs-node in the first table); as the model grows,
  tfjs-node's native kernels win (input_dim 256 above). The notebooks train on tfjs-node.
- **Data generation:** getData draws its normals one at a time in JavaScript from a seeded generator
  (the same seed gives the same data on every backend) and copies them into tensors; NumPy fills its
  array in C. For n ≥ 100,000 ours takes ×${fixed(Math.min(...dataRatios), 1)}–×${fixed(Math.max(...dataRatios), 1)} NumPy's time.
- **Memory:** each Node process carries the TensorFlow shared library whichever backend trains
  (tfjs-node is loaded either way); Python adds Keras and NumPy on top of the same library.`;
}
