/** `export --with-article` (what `npm start` runs): one execution, published as the whole notebook and as its article. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../runner/paths';
import { exportNotebook } from '../helpers/notebook-export';

test('--with-article writes <name>.article.html beside <name>.html, from the same run', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-with-article-'));
  try {
    const { html } = exportNotebook(outDir, path.join(projectRoot, 'test', 'fixtures', 'progress.ipynb'), ['steps=2'], ['--with-article']);
    const article = fs.readFileSync(path.join(outDir, 'progress.article.html'), 'utf8');
    assert.deepEqual(fs.readdirSync(outDir).sort(), ['progress.article.html', 'progress.html', 'progress.ipynb', 'progress.results.json']);
    assert.match(html, /<div class="[^"]*\bjp-InputArea-editor\b/, 'the whole notebook shows its code');
    assert.doesNotMatch(article, /<div class="[^"]*\bjp-InputArea-editor\b/, 'the article shows none');
    assert.match(article, /<title>Fixture: a notebook that reports its progress/);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});
