import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAttention, describeSweep } from '../src/notebook/narrative';
import type { AttentionSummary } from '../src/experiment/activations';
import type { SweepRun } from '../src/experiment/sweep';

const summary = (mean: number[], std: number[]): AttentionSummary => ({ layerName: 'attention_vec', mean, std, samples: 2000 });

test('describeAttention states the share, the spread and the ratio to the next column', () => {
  const text = describeAttention(summary([0.06, 0.72, 0.13, 0.09], [0.01, 0.08, 0.02, 0.02]), 1);
  assert.equal(text, "Column 1 — the label's column — receives 0.72 ± 0.08 of the attention, 5.5× the next column "
    + '(column 2, 0.13); a uniform split would give 0.25 each (averaged over 2000 held-out samples).');
});

test('describeAttention says so when the attention missed the label', () => {
  const text = describeAttention(summary([0.31, 0.37, 0.2, 0.12], [0.1, 0.1, 0.1, 0.1]), 0);
  assert.match(text, /did not settle on the label's column: column 1 receives the most, 0\.37 ± 0\.10, while column 0 \(the label's\) receives 0\.31/);
});

test('describeSweep counts hits and details every miss', () => {
  const run = (attentionColumn: number, mean: number[], hit: boolean): SweepRun =>
    ({ attentionColumn, seed: 1, attention: summary(mean, mean.map(() => 0)), valAcc: 0.999, hit, route: 'by hand' });
  assert.equal(describeSweep([run(0, [0.7, 0.1, 0.2], true)]), "In 1 of 1 runs (100 %) the attention peaked on the label's column.");
  const text = describeSweep([run(0, [0.7, 0.1, 0.2], true), run(2, [0.2, 0.5, 0.3], false)]);
  assert.match(text, /In 1 of 2 runs \(50 %\).*It did not in 1: column 2, seed 1: the peak went to column 1 \(0\.50 vs 0\.30/);
});
