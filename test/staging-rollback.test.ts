/**
 * Publishing an export's staged files is all or nothing, on the real file system: when one target
 * cannot be replaced, the targets already replaced get their previous contents back, no temporary
 * copy is left, and the staged files are kept (and named) for the user.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { publish, publishStaged } from '../runner/publisher/staging';

let workDir: string;
let outDir: string;
const read = (file: string): string => fs.readFileSync(path.join(outDir, file), 'utf8');

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-test-'));
  outDir = path.join(workDir, 'out');
  fs.mkdirSync(outDir);
  // An earlier export of the same notebook.
  for (const file of ['nb.html', 'nb.ipynb']) fs.writeFileSync(path.join(outDir, file), 'old');
});
afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

function stage(files: string[]): string {
  const stagingDir = fs.mkdtempSync(path.join(workDir, 'staging-'));
  for (const file of files) fs.writeFileSync(path.join(stagingDir, file), 'new');
  return stagingDir;
}

test('all staged files replace the earlier ones, without temporary names left', () => {
  const written = publish(stage(['nb.html', 'nb.ipynb', 'nb.results.json']), outDir);
  assert.deepEqual(written, ['nb.html', 'nb.ipynb', 'nb.results.json'].map((f) => path.join(outDir, f)));
  assert.deepEqual(fs.readdirSync(outDir).sort(), ['nb.html', 'nb.ipynb', 'nb.results.json']);
  assert.equal(read('nb.html') + read('nb.ipynb') + read('nb.results.json'), 'newnewnew');
});

test('a folder in the way of the last file: the first two are rolled back to their old contents', () => {
  fs.mkdirSync(path.join(outDir, 'nb.results.json'));
  assert.throws(() => publish(stage(['nb.html', 'nb.ipynb', 'nb.results.json']), outDir),
    /nb\.results\.json is in the way \(not a file\)/);
  assert.deepEqual(fs.readdirSync(outDir).sort(), ['nb.html', 'nb.ipynb', 'nb.results.json']);
  assert.equal(read('nb.html') + read('nb.ipynb'), 'oldold');
  assert.ok(fs.statSync(path.join(outDir, 'nb.results.json')).isDirectory());
});

test('a run that could not be published is kept, and the error says where', async () => {
  fs.rmSync(path.join(outDir, 'nb.ipynb'));
  fs.mkdirSync(path.join(outDir, 'nb.ipynb'));
  let kept = '';
  await assert.rejects(publishStaged(outDir, async (stagingDir) => {
    kept = stagingDir;
    fs.writeFileSync(path.join(stagingDir, 'nb.html'), 'new');
    fs.writeFileSync(path.join(stagingDir, 'nb.ipynb'), 'new');
  }), (error: Error) => {
    assert.equal(error.message, `could not publish to ${outDir}: ${path.join(outDir, 'nb.ipynb')} is in the way `
      + `(not a file); the run's outputs are kept in ${kept}`);
    return true;
  });
  assert.deepEqual(fs.readdirSync(kept).sort(), ['nb.html', 'nb.ipynb']);
  assert.equal(read('nb.html'), 'old');
  fs.rmSync(kept, { recursive: true });
});
