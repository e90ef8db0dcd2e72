/**
 * One benchmark run of our LSTM training (the recurrent attention network on tfjs-node, train() with
 * the route its builder attaches), in its own process: reads the data bench/lstm.ts wrote (x.bin,
 * y.bin: float32, row-major), trains, and prints one JSON line of measurements.
 *
 * Usage: node_lstm_train.js DATA_DIR N TIME_STEPS INPUT_DIM UNITS BEFORE(0|1) SINGLE(0|1) EPOCHS BATCH_SIZE VALIDATION_SPLIT SEED
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../src/core/tf';
import { buildRecurrentAttentionModel } from '../src/models/recurrent/model';
import { train } from '../src/training/train';

async function main(): Promise<void> {
  const [dataDir, ...numbers] = process.argv.slice(2);
  const [n, timeSteps, inputDim, lstmUnits, before, single, epochs, batchSize, validationSplit, seed] = numbers.map(Number);
  const read = (name: string) => {
    const bytes = fs.readFileSync(path.join(dataDir, name));
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  };
  const x = tf.tensor3d(read('x.bin'), [n, timeSteps, inputDim]);
  const y = tf.tensor2d(read('y.bin'), [n, 1]);
  const model = buildRecurrentAttentionModel({
    timeSteps, inputDim, lstmUnits, attentionBeforeLstm: before === 1, singleAttentionVector: single === 1, seed,
  });
  const started = performance.now();
  const history = await train(model, { x, y }, { epochs, batchSize, validationSplit, seed });
  const trainSeconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({
    trainSeconds,
    maxRssKb: process.resourceUsage().maxRSS, // kilobytes
    valAcc: history.val_acc[history.val_acc.length - 1],
    route: history.route.name,
    versions: { node: process.versions.node, tfjs: tf.version.tfjs, backend: tf.getBackend() },
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
