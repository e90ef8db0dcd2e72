/**
 * One benchmark run of our sequence attention training (train() with the route the builder
 * attaches, on tfjs-node), in its own process: reads the data bench/sequence-attention.ts wrote
 * (x.bin, y.bin: float32, row-major), trains, and prints one JSON line of measurements.
 *
 * Usage: node_sequence_train.js DATA_DIR N TIME_STEPS INPUT_DIM ENCODER SCORE EPOCHS BATCH_SIZE VALIDATION_SPLIT SEED
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../src/core/tf';
import type { AttentionScore } from '../src/models/sequence/attention-layer';
import { buildSequenceAttentionModel, type SequenceEncoder } from '../src/models/sequence/model';
import { train } from '../src/training/train';

async function main(): Promise<void> {
  const [dataDir, n, timeSteps, inputDim, encoder, score, epochs, batchSize, validationSplit, seed] = process.argv.slice(2);
  const read = (name: string) => {
    const bytes = fs.readFileSync(path.join(dataDir, name));
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  };
  const x = tf.tensor3d(read('x.bin'), [Number(n), Number(timeSteps), Number(inputDim)]);
  const y = tf.tensor2d(read('y.bin'), [Number(n), 1]);
  const model = buildSequenceAttentionModel({
    timeSteps: Number(timeSteps), inputDim: Number(inputDim), encoder: encoder as SequenceEncoder, score: score as AttentionScore, seed: Number(seed),
  });
  const epochSeconds: number[] = [];
  const history = await train(model, { x, y }, {
    epochs: Number(epochs), batchSize: Number(batchSize), validationSplit: Number(validationSplit), seed: Number(seed),
    onEpoch: (report) => { epochSeconds.push(report.seconds); },
  });
  console.log(JSON.stringify({
    epochSeconds,
    valAcc: history.val_acc[history.val_acc.length - 1],
    parameters: model.countParams(),
    route: history.route.name,
    maxDifference: history.route.check?.maxDifference,
    versions: { node: process.versions.node, tfjs: tf.version.tfjs, backend: tf.getBackend() },
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
