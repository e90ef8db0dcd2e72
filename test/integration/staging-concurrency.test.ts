/**
 * Exports publishing into one --out at the same time stay all or nothing: every publish succeeds
 * (none trips over another's temporary files), and the folder always holds one run's complete set.
 * Real processes on the real file system: several publishers at once, many rounds; then a few real
 * exports at once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCliAsync, testFolders } from '../helpers/cli-run';
import { setFiles, setFolder } from '../helpers/publish-worker';

const folders = testFolders();
const worker = path.join(__dirname, '..', 'helpers', 'publish-worker.js');

function publisher(outDir: string, name: string, startAt: number, times: number): Promise<string> {
  const child = spawn(process.execPath, [worker, outDir, name, String(startAt), String(times)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: folders.workDir } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  return new Promise((resolve) => child.on('close', () => resolve(output)));
}

/** Which run each entry of the published set came from. */
function publishedRuns(outDir: string): string[] {
  return [...setFiles, path.join(setFolder, 'chart.svg')].map((file) => fs.readFileSync(path.join(outDir, file), 'utf8'));
}

test('publishers racing into one folder: each publishes its whole set, and the folder holds one run\'s set', async () => {
  const rounds = 8;
  const workers = 4;
  const times = 5;
  for (let round = 0; round < rounds; round += 1) {
    // Node starts in about 50–300 ms here; the common start time lets the processes really overlap.
    const startAt = Date.now() + 1500;
    const outputs = await Promise.all(Array.from({ length: workers },
      (_, index) => publisher(folders.outDir, `round${round}-worker${index}`, startAt, times)));
    const failures = outputs.flatMap((output) => output.split('\n')).filter((line) => line && line !== 'ok');
    assert.deepEqual(failures, [], `round ${round}: publishes failed`);
    assert.equal(outputs.join('').split('\n').filter((line) => line === 'ok').length, workers * times);
    const runs = publishedRuns(folders.outDir);
    assert.ok(runs.every((run) => run === runs[0]), `round ${round}: a mixed set: ${runs.join(', ')}`);
    assert.deepEqual(fs.readdirSync(folders.outDir).sort(), [...setFiles, setFolder].sort(), 'temporary files are left');
    assert.deepEqual(fs.readdirSync(path.join(folders.outDir, setFolder)), ['chart.svg']);
  }
});

test('real exports into one --out at once: all succeed, and the files published are one run\'s', async () => {
  const labels = ['run-a', 'run-b', 'run-c'];
  for (let round = 0; round < 2; round += 1) {
    const runs = await Promise.all(labels.map((label) => runCliAsync(folders.workDir,
      ['export', 'test/fixtures/parameters.ipynb', '-p', `label=${label}`, '--out', folders.outDir])));
    for (const run of runs) assert.equal(run.status, 0, run.output);
    const results = JSON.parse(fs.readFileSync(path.join(folders.outDir, 'parameters.results.json'), 'utf8')) as { parameters: { label: string } };
    const { label } = results.parameters;
    assert.ok(labels.includes(label), `results.json of an unknown run: ${label}`);
    for (const file of ['parameters.ipynb', 'parameters.html']) {
      const text = fs.readFileSync(path.join(folders.outDir, file), 'utf8');
      assert.ok(text.includes(`label: ${label}, quick: false`), `${file} is not from the run with label=${label}`);
    }
    assert.deepEqual(fs.readdirSync(folders.outDir).sort(), ['parameters.html', 'parameters.ipynb', 'parameters.results.json']);
  }
});
