import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportPhases, exportStartup } from '../../bench/export';
import type { Finished } from '../../bench/measure';

/** An export's stdout as `attention-lab export` prints it to a pipe, each line at the given second. */
function finished(lines: [number, string][], endedAtSecond: number): Finished {
  return {
    lastLine: lines.at(-1)?.[1] ?? '',
    lines: lines.map(([second, text]) => ({ text, atMs: 1000 * second })),
    spawnedAtMs: 0,
    endedAtMs: 1000 * endedAtSecond,
  };
}

describe("the bench's export phases", () => {
  it('times the start until the kernel is ready, each code cell up to the next, and the last cell with the HTML up to "done"', () => {
    const phases = exportPhases(finished([
      [0.1, 'Executing notebooks/attention_dense.ipynb'],
      [2.5, '  kernel ready'],
      [3, '  code cell 1 of 3: const seed = 42;'],
      [3.5, '  code cell 2 of 3: import * as lab from \'../build/src\';'],
      [6, '  code cell 3 of 3: lab.train(…)'],
      [8, '    Epoch 1/20 8000/8000 [====] - loss: 0.69'],
      [10.25, '  done in 10.2 s'],
      [10.3, 'Wrote 3 files:'],
    ], 10.4));
    assert.deepEqual(phases.map((phase) => phase.name), [
      "start: Python, Jupyter's client, the tslab kernel, until its kernel_info reply",
      "nbclient's set-up, until the first cell",
      'cell 1: const seed = 42;',
      'cell 2: import * as lab from \'../build/src\';',
      'cell 3: lab.train(…) (and the HTML export)',
    ]);
    assert.deepEqual(phases.map((phase) => phase.seconds), [2.5, 0.5, 0.5, 2.5, 4.25]);
    assert.deepEqual(phases.map((phase) => phase.trains), [false, false, false, false, true]);
    assert.deepEqual(exportStartup(phases), { kernel: 2.5, importCell: 2.5, untilFirstTraining: 6 });
  });

  it('runs to the end of the process when "done" never came, and has no phases without cell lines', () => {
    const phases = exportPhases(finished([[2, '  code cell 1 of 1: const a = 1;']], 5));
    assert.deepEqual(phases.map((phase) => [phase.name, phase.seconds]), [
      ["start: Python, Jupyter's client, the tslab kernel, until its kernel_info reply (and nbclient's set-up)", 2],
      ['cell 1: const a = 1; (and the HTML export)', 3],
    ]);
    assert.equal(exportStartup(phases), undefined);
    assert.deepEqual(exportPhases(finished([[1, '{"seconds": 3}']], 2)), []);
  });
});
