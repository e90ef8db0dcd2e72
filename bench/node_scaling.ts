/**
 * One point of the benchmark's scaling curves for our TypeScript: times getData(n, inputDim), then,
 * after a warm-up train() over WARMUP batches, REPEATS train() calls of one epoch over STEPS batches
 * of 64 rows drawn at random from those n samples. Prints one JSON line: the median samples/s.
 *
 * Usage: node_scaling.js BACKEND N INPUT_DIM SEED WARMUP STEPS REPEATS
 */
import { tf } from '../src/core/tf';
import { getData } from '../src/data/synthetic';
import { buildAttentionModel } from '../src/models/dense/model';
import { seededRandom } from '../src/core/random';
import { train } from '../src/training/train';
import { useBackend } from './backend';
import { stats } from './measure';

const batchSize = 64;

async function main(): Promise<void> {
  const [backend, ...numbers] = process.argv.slice(2);
  const [n, inputDim, seed, warmup, steps, repeats] = numbers.map(Number);
  await useBackend(backend);
  const generationStarted = performance.now();
  const data = getData(n, inputDim, 1, seed);
  const dataSeconds = (performance.now() - generationStarted) / 1000;
  const random = seededRandom(seed);
  // Rows drawn from all n samples, so that large n costs what it costs (memory, cache misses).
  const draw = (batches: number) => {
    const rows = Int32Array.from({ length: batches * batchSize }, () => random.int(n));
    return tf.tidy(() => ({ x: tf.gather(data.x, rows), y: tf.gather(data.y, rows) }));
  };
  const model = buildAttentionModel({ inputDim, seed });
  const options = { epochs: 1, batchSize, validationSplit: 0, seed };
  const timedTrain = async (batches: number) => {
    const rows = draw(batches);
    const started = performance.now();
    await train(model, rows, options);
    const seconds = (performance.now() - started) / 1000;
    tf.dispose([rows.x, rows.y]);
    return (batches * batchSize) / seconds;
  };
  await timedTrain(warmup);
  // Several short timings and their median: one hiccup of the machine does not make the point.
  const rates: number[] = [];
  for (let i = 0; i < repeats; i++) rates.push(await timedTrain(steps));
  data.dispose();
  console.log(JSON.stringify({ dataSeconds, samplesPerSecond: stats(rates).median }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
