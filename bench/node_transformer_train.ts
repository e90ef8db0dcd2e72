/**
 * One benchmark run of our Transformer training (train() on tfjs-node, through the route
 * buildTransformer attaches or through the tape), in its own process: reads the token data
 * bench/transformer.ts wrote, trains, scores the held-out sequences' in-context accuracy, and prints
 * one JSON line of measurements.
 *
 * Usage: node_transformer_train.js DATA_DIR SETTINGS_JSON auto|tape
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../src/core/tf';
import { tensorFlowGraphsRun, tensorFlowOpsRun } from '../src/core/tensorflow-ops';
import { buildTransformer } from '../src/models/transformer/model';
import { inContextScores } from '../src/readout/in-context';
import { train } from '../src/training/train';
import type { TransformerBenchSettings } from './transformer';

async function main(): Promise<void> {
  const [dataDir, settingsJson, gradients] = process.argv.slice(2);
  const settings = JSON.parse(settingsJson) as TransformerBenchSettings;
  const { trainSequences, testSequences, length, vocabulary, layers, heads, width, embeddingStd, epochs, batchSize, learningRate, seed } = settings;
  const read = (name: string) => {
    const bytes = fs.readFileSync(path.join(dataDir, name));
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  };
  const tokens = (name: string, n: number) => tf.tensor2d(Int32Array.from(read(name)), [n, length], 'int32');
  const [x, y, mask] = [tokens('x.bin', trainSequences), tokens('y.bin', trainSequences), tf.tensor2d(read('mask.bin'), [trainSequences, length])];
  const [testX, testY] = [tokens('test_x.bin', testSequences), tokens('test_y.bin', testSequences)];
  const model = buildTransformer({ vocabulary, length, layers, heads, width, embeddingStd, seed });
  const epochSeconds: number[] = [];
  const [opsBefore, graphsBefore] = [tensorFlowOpsRun(), tensorFlowGraphsRun()];
  const history = await train(model, { x, y, mask }, {
    epochs, batchSize, learningRate, seed, validationSplit: 0, gradients: gradients as 'auto' | 'tape',
    onEpoch: (report) => { epochSeconds.push(report.seconds); },
  });
  const steps = epochs * Math.ceil(trainSequences / batchSize);
  const logits = model.predict(testX) as tf.Tensor;
  const scores = inContextScores(logits, {
    y: testY, inContext: Uint8Array.from(read('test_in_context.bin')), firstOccurrence: Uint8Array.from(read('test_first_occurrence.bin')),
  });
  console.log(JSON.stringify({
    epochSeconds,
    inContextAccuracy: scores.accuracy,
    loss: history.loss[history.loss.length - 1],
    parameters: model.countParams(),
    route: history.route.name,
    maxDifference: history.route.check?.maxDifference,
    rawOps: tensorFlowOpsRun() - opsBefore,
    graphsPerStep: (tensorFlowGraphsRun() - graphsBefore) / steps,
    versions: { node: process.versions.node, tfjs: tf.version.tfjs, backend: tf.getBackend() },
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
