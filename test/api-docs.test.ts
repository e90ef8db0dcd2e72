/**
 * docs/API.md is generated from the TSDoc comments (scripts/api-docs.ts): it must be what the
 * generator writes today, and every public name must have a description, since the same comments
 * are what Shift+Tab shows in JupyterLab. No kernel: the TypeScript compiler reads src/ directly.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { apiDocsPath, collectApi, renderApiDocs } from '../scripts/api-docs';

describe('the API reference', () => {
  const api = collectApi();

  it('docs/API.md is up to date with the comments in src/', () => {
    const committed = fs.existsSync(apiDocsPath) ? fs.readFileSync(apiDocsPath, 'utf8') : '';
    const generated = renderApiDocs(api);
    if (committed !== generated) {
      const committedLines = committed.split('\n');
      const line = generated.split('\n').findIndex((text, i) => text !== committedLines[i]);
      assert.fail(`docs/API.md is out of date (first difference at line ${line + 1}): run \`npm run docs\``);
    }
  });

  it('covers every namespace of src/index.ts and a known core function', () => {
    assert.deepEqual(api.namespaces.map((ns) => ns.name), ['dense', 'faithfulness', 'sequence', 'transformer']);
    assert.ok(api.entries.some((e) => e.qualifiedName === 'lab.train' && e.kind === 'function'));
    assert.ok(api.entries.some((e) => e.qualifiedName === 'lab.dense.sweep' && e.kind === 'function'));
  });

  it('every exported function and class has a description', () => {
    const missing = api.entries.filter((e) => (e.kind === 'function' || e.kind === 'class') && e.description === '').map((e) => e.qualifiedName);
    assert.deepEqual(missing, [], `without a TSDoc description: ${missing.join(', ')}`);
  });

  it('every exported interface and type, and every field of an interface, has a description', () => {
    const missing = api.entries.flatMap((e) => [
      ...(e.description === '' ? [e.qualifiedName] : []),
      ...e.members.filter((m) => m.description === '').map((m) => `${e.qualifiedName}.${m.name}`),
    ]);
    assert.deepEqual(missing, [], `without a TSDoc description: ${missing.join(', ')}`);
  });

  it('every @param names a parameter of its function', () => {
    const wrong = api.entries.filter((e) => e.kind === 'function').flatMap((e) => e.tags
      .filter((t) => t.name === 'param')
      .map((t) => t.text.split(/\s/)[0])
      .filter((name) => !e.signatures.some((s) => new RegExp(`[(,{ ]${name}\\??:|[{,] ${name}[ ,}]`).test(s)))
      .map((name) => `${e.qualifiedName}: @param ${name}`));
    assert.deepEqual(wrong, []);
  });

  it('holds no absolute paths and no dates', () => {
    const text = renderApiDocs(api);
    assert.ok(!text.includes(process.cwd()), 'docs/API.md contains the working directory');
    assert.ok(!/\/(home|work|tmp|Users)\//.test(text), 'docs/API.md contains an absolute path');
    assert.ok(!/\b20\d\d-\d\d-\d\d\b/.test(text), 'docs/API.md contains a date');
  });
});
