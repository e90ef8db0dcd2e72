/**
 * The set-up's repair of a half-made .venv (scripts/python-env.ts), on real virtual environments
 * in a temp folder: one made without pip (what `python3 -m venv` leaves on a Debian machine
 * without python3-venv) gets pip back, one whose python is gone is recreated, and each says so.
 * The full `npm install` on such a .venv was tried from a fresh clone (see the note).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { ensureVenv } from '../../scripts/python-env';

let workDir: string;
before(() => { workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-test-')); });
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

const hasPip = (venv: string): boolean =>
  spawnSync(path.join(venv, 'bin', 'python'), ['-m', 'pip', '--version']).status === 0;

test('a .venv made without pip is repaired, says so, and is left alone the next time', () => {
  const venv = path.join(workDir, 'without-pip');
  assert.equal(spawnSync('python3', ['-m', 'venv', '--without-pip', venv]).status, 0);
  assert.ok(!hasPip(venv), 'the fixture venv already has pip');
  const said: string[] = [];
  assert.equal(ensureVenv(venv, 'python3', (line) => said.push(line)), 'repaired');
  assert.deepEqual(said, [`${venv} has no pip (a half-made environment); repairing it with ensurepip`]);
  assert.ok(hasPip(venv), 'still no pip');
  assert.equal(ensureVenv(venv, 'python3', (line) => said.push(line)), 'ready');
  assert.equal(said.length, 1);
});

test('a .venv whose python is missing is recreated with pip', () => {
  const venv = path.join(workDir, 'without-python');
  fs.mkdirSync(path.join(venv, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(venv, 'pyvenv.cfg'), 'home = /nowhere\n');
  const said: string[] = [];
  assert.equal(ensureVenv(venv, 'python3', (line) => said.push(line)), 'recreated');
  assert.deepEqual(said, [`${venv} is incomplete (its python does not run); recreating it`]);
  assert.ok(hasPip(venv));
});

test('a Python that cannot make a venv: one line saying what to install, and nothing half-made left', () => {
  const venv = path.join(workDir, 'never');
  // `false` stands for a python3 whose venv module fails (no ensurepip without python3-venv).
  assert.throws(() => ensureVenv(venv, 'false'), /could not create .*never \(false -m venv .*never failed\); on Debian or Ubuntu, install python3-venv \(apt-get install python3-venv\), then run npm install again/);
  assert.ok(!fs.existsSync(venv));
});
