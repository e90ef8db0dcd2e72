/** The export command line's formats and forms (--to, --no-input, --article, --live), parsed without running anything. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine, type ExportOptions } from '../runner/cli/arguments';

const exportOptions = (...args: string[]): ExportOptions => {
  const command = parseCommandLine(['export', ...args]);
  assert.equal(command.kind, 'export');
  return (command as { options: ExportOptions }).options;
};

test('HTML of the whole notebook unless told otherwise', () => {
  const options = exportOptions();
  assert.deepEqual(options.formats, ['html']);
  assert.equal(options.form, 'notebook');
  assert.equal(options.live, false);
  assert.equal(options.withArticle, false);
});

test('--to takes one format, a list, or repeats; each format once', () => {
  assert.deepEqual(exportOptions('--to', 'markdown').formats, ['markdown']);
  assert.deepEqual(exportOptions('--to=html,md').formats, ['html', 'markdown']);
  assert.deepEqual(exportOptions('--to', 'markdown', '--to', 'html', '--to', 'markdown').formats, ['markdown', 'html']);
  assert.throws(() => exportOptions('--to', 'pdf'), /unknown export format "pdf"; the formats are: html, markdown/);
});

test('--article includes --no-input, in either order', () => {
  assert.equal(exportOptions('--no-input').form, 'no-input');
  assert.equal(exportOptions('--article').form, 'article');
  assert.equal(exportOptions('--article', '--no-input').form, 'article');
  assert.equal(exportOptions('--no-input', '--article').form, 'article');
});

test('--live goes with every form', () => {
  for (const form of [[], ['--no-input'], ['--article']]) {
    assert.equal(exportOptions('--live', ...form).live, true);
    assert.equal(exportOptions(...form, '--live').form, form.length === 0 ? 'notebook' : form[0].slice(2));
  }
});

test('--with-article asks for the article page as well', () => {
  assert.equal(exportOptions('--with-article').withArticle, true);
  assert.equal(exportOptions('--with-article').form, 'notebook');
});
