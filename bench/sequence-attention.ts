/**
 * The sequence attention layer's training step: this project's train() on tfjs-node against Keras's
 * model.fit() with the original's composition of the layer (bench/keras_sequence_attention.py), same
 * sizes (add-two, 10 steps, hidden 16, attention units 16, batch 64), for both scores and encoders.
 * Per configuration: the median of the epochs after the first (the first includes tracing and
 * warm-up on both sides) divided by the steps per epoch. Writes docs/BENCHMARKS-SEQUENCE.md.
 *
 * Usage: node build/bench/sequence-attention.js [--epochs N]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSequenceAttentionModel, type SequenceEncoder } from '../src/models/sequence/model';
import type { AttentionScore } from '../src/models/sequence/attention-layer';
import { getSequenceTaskData } from '../src/data/sequence-tasks';
import { train } from '../src/training/train';
import { jupyterPython, projectRoot } from '../runner/paths';
import { run, stats } from './measure';

const n = 2560;
const timeSteps = 10;
const batchSize = 64;
const stepsPerEpoch = n / batchSize;
const epochsFlag = process.argv.indexOf('--epochs');
const epochs = epochsFlag > 0 ? Number(process.argv[epochsFlag + 1]) : 4;

const msPerStep = (epochSeconds: number[]) => (stats(epochSeconds.slice(1)).median * 1000) / stepsPerEpoch;

async function main() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'sequence-attention-bench-'));
  const rows: string[] = [];
  try {
    const data = getSequenceTaskData('add-two', n, timeSteps, 1);
    writeFileSync(path.join(folder, 'x.bin'), data.x.dataSync());
    writeFileSync(path.join(folder, 'y.bin'), data.y.dataSync());
    for (const encoder of ['per-step', 'lstm'] as SequenceEncoder[]) {
      for (const score of ['luong', 'bahdanau'] as AttentionScore[]) {
        const model = buildSequenceAttentionModel({ timeSteps, inputDim: 2, encoder, score, seed: 1 });
        const ours: number[] = [];
        await train(model, data, { epochs, batchSize, validationSplit: 0, seed: 1, onEpoch: (r) => { ours.push(r.seconds); } });
        const parameters = model.countParams();
        model.dispose();
        const keras = JSON.parse((await run(jupyterPython(), [path.join(projectRoot, 'bench', 'keras_sequence_attention.py'), 'bench',
          folder, String(n), String(timeSteps), '2', encoder, score, String(epochs), String(batchSize)])).lastLine) as { epochSeconds: number[] };
        const [a, b] = [msPerStep(ours), msPerStep(keras.epochSeconds)];
        rows.push(`| ${encoder} | ${score} | ${parameters} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(a / b).toFixed(1)}× |`);
        console.log(rows.at(-1));
      }
    }
    data.dispose();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const report = [
    '# Sequence attention: training step against Keras',
    '',
    `Written by \`node build/bench/sequence-attention.js\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}).`,
    `add-two task, ${timeSteps} steps, batch ${batchSize}, hidden 16, attention units 16; ms per training step = median epoch after the first / ${stepsPerEpoch} steps, ${epochs} epochs.`,
    'This project: `train()` (tfjs\'s tape, Adam) on tfjs-node. Keras: `model.fit()` with the layer composed as the original does (`bench/keras_sequence_attention.py`).',
    '',
    '| encoder | score | parameters | train() ms/step | Keras ms/step | ratio |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(path.join(projectRoot, 'docs', 'BENCHMARKS-SEQUENCE.md'), report);
}

main().catch((error: unknown) => { console.error(error); process.exitCode = 1; });
