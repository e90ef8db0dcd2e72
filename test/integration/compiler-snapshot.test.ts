/**
 * The kernel this project registers starts from the compiler snapshot (runner/engine/compiler-snapshot):
 * the declarations it reuses must leave every cell's result and message as a kernel without it
 * gives them, and where node cannot load the snapshot the kernel starts without it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { compilerSnapshotFile } from '../../runner/engine/compiler-snapshot/build-snapshot';
import { projectRoot } from '../../runner/paths';
import { runSources, shown, type Output } from '../helpers/kernel-cells';

const reportCell = "console.log(JSON.stringify((globalThis as any)[Symbol.for('attention-lab.compiler-snapshot')]?.() ?? 'no snapshot'))";
const cells = [
  "import * as lab from '../build/src';",
  'const rows: number = lab.getData(8, 4, 1).x.shape[0];\nrows',
  reportCell,
  // Last: tslab drops requests that arrive just after a failed cell.
  "const wrong: string = lab.getData(8, 4, 1).x.shape[0];",
];

describe('the kernel from the compiler snapshot', () => {
  const fromSnapshot = runSources(cells);
  // Any NODE_OPTIONS makes runner/engine/start-kernel.sh start the kernel without the snapshot.
  const without = runSources(cells, { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' });
  const reportOf = (outputs: Output[][]) => JSON.parse(shown(outputs[2])) as { reused: number; parsed: number } | string;

  test('reuses the declarations of the library\'s import', () => {
    const report = reportOf(fromSnapshot);
    assert.ok(typeof report === 'object' && report.reused > 500, `report: ${JSON.stringify(report)}`);
    assert.equal(reportOf(without), 'no snapshot');
  });

  test('gives every cell the outputs a kernel without it gives, a type error\'s message included', () => {
    for (const i of [0, 1, 3]) assert.equal(shown(fromSnapshot[i]), shown(without[i]), `cell ${i}: ${cells[i]}`);
    assert.equal(shown(fromSnapshot[1]).trim(), '8');
    assert.match(shown(fromSnapshot[3]), /Type 'number' is not assignable to type 'string'/);
  });
});

describe('runner/engine/start-kernel.sh', () => {
  const launcher = path.join(projectRoot, 'runner', 'engine', 'start-kernel.sh');
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-launcher-'));
  const script = path.join(temp, 'report.js');
  fs.writeFileSync(script, "console.log(typeof globalThis[Symbol.for('attention-lab.compiler-snapshot')]);\n"
    + `console.log(require(${JSON.stringify(require.resolve('@tslab/typescript-for-tslab'))}).sys.getCurrentDirectory());\n`);
  // Started in the temporary folder, not the notebooks' folder the snapshot was built in.
  const start = (node: string, env: NodeJS.ProcessEnv = process.env) => {
    const started = spawnSync('/bin/sh', [launcher, node, compilerSnapshotFile, script], { encoding: 'utf8', env, cwd: temp });
    assert.equal(started.status, 0, started.stderr);
    const [snapshot, compilerDirectory] = started.stdout.trim().split('\n');
    assert.equal(compilerDirectory, fs.realpathSync(temp), 'the compiler\'s working directory');
    return snapshot;
  };

  test('starts node from the snapshot, in any folder, or without it where node would refuse it', () => {
    assert.equal(start(process.execPath), 'function');
    assert.equal(start(process.execPath, { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' }), 'undefined');
    // A node binary newer than the snapshot did not build it.
    const newerNode = path.join(temp, 'node');
    fs.writeFileSync(newerNode, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} "$@"\n`, { mode: 0o755 });
    const later = new Date(fs.statSync(compilerSnapshotFile).mtimeMs + 60_000);
    fs.utimesSync(newerNode, later, later);
    assert.equal(start(newerNode), 'undefined');
    fs.rmSync(temp, { recursive: true, force: true });
  });
});
