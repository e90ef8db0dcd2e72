/**
 * The attention layer against the original's composition in Keras (bench/keras_sequence_attention.py,
 * built from Keras's own Dense, Dot, Activation and Concatenate layers): with the same weights, the
 * same per-step weights and predictions, for both scores and both encoders.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { getActivations } from '../../src/readout/activations';
import { buildSequenceAttentionModel, type SequenceEncoder } from '../../src/models/sequence/model';
import type { AttentionScore } from '../../src/models/sequence/attention-layer';
import { getSequenceTaskData } from '../../src/data/sequence-tasks';
import { tf } from '../../src/core/tf';
import { jupyterPython, projectRoot } from '../../runner/paths';

const tolerance = 1e-5;

function maxAbsDifference(ours: number[][], theirs: number[][]): number {
  assert.equal(ours.length, theirs.length);
  return Math.max(...ours.flatMap((row, i) => row.map((value, j) => Math.abs(value - theirs[i][j]))));
}

for (const encoder of ['per-step', 'lstm'] as SequenceEncoder[]) {
  for (const score of ['luong', 'bahdanau'] as AttentionScore[]) {
    test(`${encoder} encoder, ${score} score: Keras gives the same attention_weight and predictions`, () => {
      const model = buildSequenceAttentionModel({ timeSteps: 7, inputDim: 2, encoder, lstmUnits: 6, attentionUnits: 5, score, seed: 21 });
      // Larger weights than Glorot's, so that the softmax is far from uniform and differences show.
      const scaled = model.getWeights().map((w) => tf.tidy(() => w.mul(encoder === 'lstm' ? 4 : 2.5)));
      model.setWeights(scaled);
      const data = getSequenceTaskData('add-two', 64, 7, 22);
      const weights = Object.fromEntries(model.weights.map((w, i) => [w.originalName, scaled[i].arraySync()]));
      const run = spawnSync(jupyterPython(), [path.join(projectRoot, 'bench', 'keras_sequence_attention.py')], {
        input: JSON.stringify({ encoder, score, weights, x: data.x.arraySync() }),
        encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
      });
      assert.equal(run.status, 0, run.stderr);
      const keras = JSON.parse(run.stdout) as { predictions: number[][]; attention_weight: number[][] };
      const { attention_weight: attention } = getActivations(model, data.x, { layerName: 'attention_weight' });
      const predictions = model.predict(data.x) as tf.Tensor;
      const ours = { predictions: predictions.arraySync() as number[][], attention_weight: attention.arraySync() as number[][] };
      for (const output of ['predictions', 'attention_weight'] as const) {
        const difference = maxAbsDifference(ours[output], keras[output]);
        assert.ok(difference <= tolerance, `${output} differ by up to ${difference}`);
      }
      // Weights that all came out alike would agree trivially.
      const peak = Math.max(...ours.attention_weight.flat());
      assert.ok(peak > 2 / 7, `the attention is near uniform (peak ${peak}): the check would be weak`);
      tf.dispose([...scaled, attention, predictions]);
      data.dispose();
      model.dispose();
    });
  }
}
