import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAttention, describeTraining } from '../src/notebook/narrative';
import { describeFindings, describeSweep } from '../src/studies/dense/narrative';
import type { AttentionSummary } from '../src/readout/activations';
import type { SweepRun } from '../src/studies/dense/sweep';

/** A summary whose per-sample spread is mean ± `half` for the percentiles (std alike, which the prose must not use). */
const summary = (mean: number[], half: number[]): AttentionSummary => ({
  layerName: 'attention_vec', mean, std: half.map((h) => 3 * h), samples: 2000,
  p10: mean.map((m, i) => m - half[i]), p90: mean.map((m, i) => m + half[i]),
});

test('describeAttention states the share, the spread and the ratio to the next column', () => {
  const text = describeAttention(summary([0.06, 0.72, 0.13, 0.09], [0.01, 0.08, 0.02, 0.02]), { attentionColumn: 1 });
  assert.equal(text, "Column 1 — the label's column — receives on average 0.72 of the attention (10th–90th percentile over "
    + 'samples: 0.64–0.80), 5.5× the next column (column 2, 0.13); a uniform split would give 0.25 each (averaged over 2000 held-out samples).');
});

test('describeAttention says so when the attention missed the label', () => {
  const text = describeAttention(summary([0.31, 0.37, 0.2, 0.12], [0.1, 0.1, 0.1, 0.1]), { attentionColumn: 0 });
  assert.match(text, /did not settle on the label's column: column 1 receives the most, 0\.37 on average \(10th–90th percentile over samples: 0\.27–0\.47\), while column 0 \(the label's\) receives 0\.31/);
});

test('describeSweep counts hits and details every miss', () => {
  const run = (attentionColumn: number, mean: number[], hit: boolean): SweepRun =>
    ({ attentionColumn, seed: 1, attention: summary(mean, mean.map(() => 0)), valAcc: 0.999, hit, route: 'by hand' });
  assert.equal(describeSweep([run(0, [0.7, 0.1, 0.2], true)]), "In 1 of 1 runs (100 %) the attention peaked on the label's column.");
  const text = describeSweep([run(0, [0.7, 0.1, 0.2], true), run(2, [0.2, 0.5, 0.3], false)]);
  assert.match(text, /In 1 of 2 runs \(50 %\).*It did not in 1: column 2, seed 1: the peak went to column 1 \(0\.50 vs 0\.30/);
});

test('describeAttention takes the label\'s position from the summary, and refuses one that contradicts it', () => {
  const trainedOn = { attentionColumn: 10, seed: 42, n: 20000, inputDim: 2, timeSteps: 20 };
  const carried: AttentionSummary = { ...summary([0.1, 0.9], [0.01, 0.01]), attentionColumn: 1, trainedOn: { ...trainedOn, attentionColumn: 1 } };
  assert.match(describeAttention(carried), /^Time step 1 — the label's time step — receives on average 0\.90/);
  assert.throws(() => describeAttention(carried, { attentionColumn: 0 }),
    /"attention_vec" was read from a model trained on data made for time step 1 \(seed 42, 20,000 samples\), not for 0.*Re-run the notebook from the data cell/);
  assert.throws(() => describeAttention(summary([0.5, 0.5], [0, 0])), /attentionColumn is needed/);
});

test('describeTraining counts epochs in words and states where validation accuracy peaked', () => {
  const route = { name: "tfjs's tape" };
  assert.equal(describeTraining({ loss: [0.5], acc: [0.9], val_loss: [0.4], val_acc: [0.95], route, seconds: 1.23 }),
    'Trained 1 epoch in 1.2 s: final accuracy 0.9000, validation accuracy 0.9500 (first reached 0.9500 at epoch 1).');
  assert.match(describeTraining({ loss: [0.5, 0.2], acc: [0.9, 1], val_loss: [], val_acc: [], route, seconds: 2 }), /^Trained 2 epochs in 2\.0 s: final accuracy 1\.0000\.$/);
});

test('describeFindings says "reached" rather than "at least" when every run reached the same accuracy', () => {
  const attention: AttentionSummary = { ...summary([0.2, 0.8], [0.1, 0.2]), attentionColumn: 1 };
  const runs = [0, 1].map((attentionColumn): SweepRun => ({ attentionColumn, seed: 1, attention, valAcc: 1, hit: true, route: 'by hand' }));
  const text = describeFindings(attention, runs);
  assert.match(text, /label in column 1, .* gives that column 0\.80 on average \(10th–90th percentile over samples: 0\.60–1\.00\) .* in 100 % of 2 runs/);
  assert.match(text, /every run of the sweep reached 1\.000 validation accuracy\./);
  assert.doesNotMatch(text, /at least/);
});
