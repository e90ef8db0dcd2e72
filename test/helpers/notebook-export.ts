/** Exporting a real notebook through the CLI, as `npm start` does, and checking what it wrote. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../runner/paths';

/** `options`: further export options, e.g. ['--article', '--live']. */
export function exportNotebook<Results>(outDir: string, notebook: string, parameters: string[], options: string[] = []) {
  const args = [path.join(projectRoot, 'bin', 'attention-lab.js'), 'export', notebook, '--out', outDir,
    ...parameters.flatMap((p) => ['-p', p]), ...options];
  const run = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8', timeout: 600_000 });
  assert.equal(run.status, 0, `export of ${notebook} failed:\n${run.stdout}\n${run.stderr}`);
  const name = path.basename(notebook, '.ipynb');
  return {
    html: fs.readFileSync(path.join(outDir, `${name}.html`), 'utf8'),
    results: JSON.parse(fs.readFileSync(path.join(outDir, `${name}.results.json`), 'utf8')) as Results,
    executed: fs.readFileSync(path.join(outDir, `${name}.ipynb`), 'utf8'),
  };
}

export const svgImages = (html: string) => (html.match(/<img [^>]*src="data:image\/svg\+xml/g) ?? []).length;

export function assertPublishable(html: string, executed: string) {
  assert.ok(!html.includes(projectRoot) && !executed.includes(projectRoot), 'an absolute path of this machine is in the output');
  assert.doesNotMatch(executed, /\\u001b\[/, 'ANSI escape codes in the outputs');
  assert.doesNotMatch(html, /oneDNN|cpu_feature_guard|speed things up|absl::InitializeLog/, 'a TensorFlow log line reached the HTML');
  assert.doesNotMatch(executed, /"output_type": "error"/);
}
