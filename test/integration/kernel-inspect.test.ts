/**
 * Shift+Tab in JupyterLab: the real tslab kernel (as this project registers it), asked through
 * jupyter_client with an inspect_request, answers with the signature and the TSDoc description of
 * the library's functions. tslab reads them from the .d.ts files that tsc writes into build/ (with
 * comments, since removeComments is off) for `import * as lab from '../build/src'`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { jupyterPython, notebooksDir, projectRoot, tslabKernelName } from '../../runner/paths';

interface InspectReply { status: string; found: boolean; data: { 'text/plain'?: string } }

/** Each code's inspect reply, the cursor at the end of the code, after the library's import cell ran. */
function inspectInKernel(codes: string[]): InspectReply[] {
  const plan = {
    kernel: tslabKernelName,
    cwd: notebooksDir,
    setup: ["import * as lab from '../build/src';"],
    inspect: codes.map((code) => ({ code, cursor_pos: code.length })),
  };
  const run = spawnSync(jupyterPython(), [path.join(projectRoot, 'test', 'helpers', 'kernel_inspect.py')], {
    input: JSON.stringify(plan), encoding: 'utf8', timeout: 180_000,
  });
  assert.equal(run.status, 0, run.stderr);
  const { setup, inspect } = JSON.parse(run.stdout) as { setup: Array<{ status: string }>; inspect: InspectReply[] };
  assert.equal(setup[0].status, 'ok', `the import cell failed: ${JSON.stringify(setup[0])}`);
  return inspect;
}

test('inspecting lab.train, lab.dense.sweep and an option in the kernel shows their TSDoc', () => {
  const [train, sweep, option] = inspectInKernel([
    'lab.train',
    'lab.dense.sweep',
    'const options: lab.TrainOptions = { epochs',
  ]);
  for (const reply of [train, sweep, option]) {
    assert.equal(reply.status, 'ok');
    assert.equal(reply.found, true, JSON.stringify(reply));
  }
  const text = (reply: InspectReply) => reply.data['text/plain'] ?? '';
  assert.match(text(train), /function train\(model: tf\.LayersModel, data: LabelledData, options\?: TrainOptions\): Promise<TrainingHistory>/);
  assert.match(text(train), /Trains a one-input, one-sigmoid-output model with Adam and binary cross-entropy/);
  assert.match(text(train), /@param data - /);
  assert.match(text(sweep), /function sweep\(/);
  assert.match(text(sweep), /Trains one fresh dense attention model per \(label column, seed\)/);
  assert.match(text(option), /epochs\?: number/);
  assert.match(text(option), /Passes over the training samples, an integer >= 1; default 20\./);
});
