/**
 * Shift+Tab in JupyterLab sends an inspect_request; the real kernel (this project's kernelspec)
 * must answer with the function's TSDoc description, not only its signature. The fixture module
 * stands in for the library until its TSDoc lands (then the same test can ask about `lab.train`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { jupyterPython, notebooksDir, projectRoot, tslabKernelName } from '../runner/paths';

test('inspecting an imported function shows its signature and its TSDoc description', () => {
  const code = 'documented.scaled([1, 2], 3)';
  const run = spawnSync(jupyterPython(), [path.join(projectRoot, 'test', 'helpers', 'kernel_inspect.py')], {
    input: JSON.stringify({ kernel: tslabKernelName, cwd: notebooksDir, cells: ["import * as documented from '../build/test/fixtures/modules/documented';"],
      code, cursor: code.indexOf('scaled') + 2 }),
    encoding: 'utf8', timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const reply = JSON.parse(run.stdout) as { status: string; found: boolean; data: Record<string, string> };
  assert.equal(reply.status, 'ok');
  assert.equal(reply.found, true);
  const shown = reply.data['text/plain'];
  assert.match(shown, /scaled\(values: number\[\], factor: number\): number\[\]/);
  assert.match(shown, /Multiplies every value by `factor`\./);
});
