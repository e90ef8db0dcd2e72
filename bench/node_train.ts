/**
 * One benchmark run of our TypeScript training, in its own process so that imports, memory and
 * the backend start fresh: reads the data bench/run.ts wrote (x.bin, y.bin: float32, row-major),
 * trains with src/training/train.ts and prints one JSON line of measurements.
 *
 * Usage: node_train.js BACKEND DATA_DIR N INPUT_DIM EPOCHS BATCH_SIZE VALIDATION_SPLIT SEED
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../src/core/tf';
import { buildAttentionModel } from '../src/models/dense/model';
import { train } from '../src/training/train';
import { useBackend } from './backend';

async function main(): Promise<void> {
  const [backend, dataDir, ...numbers] = process.argv.slice(2);
  const [n, inputDim, epochs, batchSize, validationSplit, seed] = numbers.map(Number);
  await useBackend(backend);
  const read = (name: string) => {
    const bytes = fs.readFileSync(path.join(dataDir, name));
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  };
  const x = tf.tensor2d(read('x.bin'), [n, inputDim]);
  const y = tf.tensor2d(read('y.bin'), [n, 1]);
  const model = buildAttentionModel({ inputDim, seed });
  const started = performance.now();
  const history = await train(model, { x, y }, { epochs, batchSize, validationSplit, seed });
  const trainSeconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({
    trainSeconds,
    trainedAtMs: Date.now(),
    maxRssKb: process.resourceUsage().maxRSS, // kilobytes
    valAcc: history.val_acc[history.val_acc.length - 1],
    versions: { node: process.versions.node, tfjs: tf.version.tfjs, backend: tf.getBackend() },
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
