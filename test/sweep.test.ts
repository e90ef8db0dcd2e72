import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hitRate, sweep, type SweepRun } from '../src/studies/dense/sweep';

test('a sweep trains one model per (column, seed) and finds the label\'s column', async () => {
  const seen: Array<[number, number]> = [];
  const runs = await sweep({
    columns: [0, 3], seeds: [1, 2], n: 4000, testSize: 500, epochs: 8,
    onRun: (_run, index, total) => { seen.push([index, total]); },
  });
  assert.deepEqual(runs.map((r) => [r.attentionColumn, r.seed]), [[0, 1], [0, 2], [3, 1], [3, 2]]);
  assert.deepEqual(seen, [[1, 4], [2, 4], [3, 4], [4, 4]]);
  for (const run of runs) {
    assert.equal(run.attention.mean.length, 4);
    assert.equal(run.attention.samples, 500);
    assert.ok(run.valAcc > 0.9, `valAcc ${run.valAcc}`);
  }
  assert.ok(hitRate(runs) >= 0.75, `hit rate ${hitRate(runs)}`);
});

test('hitRate counts the runs whose attention peaked on the label', () => {
  const run = (hit: boolean) => ({ hit } as SweepRun);
  assert.equal(hitRate([run(true), run(false), run(true), run(true)]), 0.75);
  assert.ok(Number.isNaN(hitRate([])));
});

test('sweep rejects columns outside the input', async () => {
  await assert.rejects(sweep({ columns: [4], seeds: [1], inputDim: 4 }), /columns\[\] must be an integer in \[0, 3\], got 4/);
  await assert.rejects(sweep({ columns: [], seeds: [1] }), /at least one/);
});
