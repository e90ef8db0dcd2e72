/**
 * The kernel's status during Run All, on the kernel this project registers (tslab through
 * runner/engine/tslab-kernel.ts): JupyterLab shows the latest status message, so after every
 * cell's "idle" but the last, "busy" must follow while later cells still run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { jupyterPython, notebooksDir, projectRoot, tslabKernelName } from '../../runner/paths';

test('during a run of several cells, the kernel reports busy until the last one ends', () => {
  const cells = [
    'await new Promise((resolve) => setTimeout(resolve, 1500)); 1',
    'await new Promise((resolve) => setTimeout(resolve, 1500)); 2',
    '3',
  ];
  const run = spawnSync(jupyterPython(), [path.join(projectRoot, 'test', 'helpers', 'kernel_status.py')], {
    input: JSON.stringify({ kernel: tslabKernelName, cwd: notebooksDir, cells }), encoding: 'utf8', timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const { requests, statuses } = JSON.parse(run.stdout) as { requests: string[]; statuses: Array<[string, string]> };
  const last = requests[requests.length - 1];
  // What a front end shows after each status message: the state of the latest one.
  statuses.forEach(([state, parent], i) => {
    if (state !== 'idle' || (parent === last && i === statuses.length - 1)) return;
    assert.equal(statuses[i + 1]?.[0], 'busy',
      `idle for request ${requests.indexOf(parent) + 1} was followed by ${JSON.stringify(statuses[i + 1])} while later cells ran:\n${JSON.stringify(statuses)}`);
  });
  // Every request still gets its own busy and idle, which clients such as nbclient wait for.
  for (const request of requests) {
    assert.ok(statuses.some(([state, parent]) => state === 'busy' && parent === request));
    assert.ok(statuses.some(([state, parent]) => state === 'idle' && parent === request));
  }
  assert.deepEqual(statuses[statuses.length - 1], ['idle', last]);
});
