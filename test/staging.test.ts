/** publishStaged: files and folders (a Markdown page's <name>_files/) reach the output folder only on success. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { publishStaged } from '../runner/publisher/staging';

test('moves files and folders; a folder replaces the one an earlier export left, stale charts included', async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-staging-'));
  try {
    fs.mkdirSync(path.join(outDir, 'page_files'));
    fs.writeFileSync(path.join(outDir, 'page_files', 'stale.svg'), '<svg/>');
    const written = await publishStaged(outDir, async (staging) => {
      fs.writeFileSync(path.join(staging, 'page.md'), '# Page');
      fs.mkdirSync(path.join(staging, 'page_files'));
      fs.writeFileSync(path.join(staging, 'page_files', 'chart.svg'), '<svg/>');
    });
    assert.deepEqual(written.map((file) => path.relative(outDir, file)), ['page.md', 'page_files']);
    assert.deepEqual(fs.readdirSync(path.join(outDir, 'page_files')), ['chart.svg']);
    await assert.rejects(publishStaged(outDir, async (staging) => {
      fs.writeFileSync(path.join(staging, 'other.md'), '# Other');
      throw new Error('a notebook failed');
    }), /a notebook failed/);
    assert.ok(!fs.existsSync(path.join(outDir, 'other.md')), 'nothing is written unless everything succeeded');
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});
