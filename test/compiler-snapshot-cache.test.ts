/**
 * runner/engine/compiler-snapshot's SourceFileCache on tslab's real compiler: a program hands back a
 * recorded declaration file only while its text and the settings it was bound under are unchanged.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type * as ts from '@tslab/typescript-for-tslab';
import { SourceFileCache } from '../runner/engine/compiler-snapshot/source-file-cache';
import { loadTypeScript } from '../runner/engine/compiler-snapshot/typescript-loader';

test('a recorded declaration file is reused unchanged, parsed again when its text or the settings change', () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-source-files-'));
  const declarations = path.join(temp, 'shapes.d.ts');
  const root = path.join(temp, 'cell.ts');
  fs.writeFileSync(declarations, 'export declare const rows: number;\n');
  fs.writeFileSync(root, "import { rows } from './shapes';\nexport const text: string = rows;\n");
  const cache = new SourceFileCache();
  const typescript = loadTypeScript(require.resolve('@tslab/typescript-for-tslab'), cache, require);
  const options: ts.CompilerOptions = { noLib: true, types: [], strict: true };
  const compile = (settings: ts.CompilerOptions) => {
    const program = typescript.createProgram([root], settings);
    return { file: program.getSourceFile(declarations), errors: program.getSemanticDiagnostics(program.getSourceFile(root)).map((d) => typescript.flattenDiagnosticMessageText(d.messageText, '\n')) };
  };
  try {
    const recorded = compile(options);
    cache.keep();
    assert.ok(recorded.errors.some((message) => /'number' is not assignable to type 'string'/.test(message)), recorded.errors.join('\n'));

    const again = compile(options);
    assert.equal(again.file, recorded.file);
    assert.deepEqual(again.errors, recorded.errors);
    assert.deepEqual(cache.report(), { reused: 1, parsed: 1 });  // the root, never recorded, is parsed

    assert.notEqual(compile({ ...options, alwaysStrict: false }).file, recorded.file);
    assert.deepEqual(cache.report(), { reused: 1, parsed: 1 });  // another program's parses are not the cache's

    fs.writeFileSync(declarations, 'export declare const rows: string;\n');
    const changed = compile(options);
    assert.notEqual(changed.file, recorded.file);
    assert.deepEqual(changed.errors, []);
    assert.deepEqual(cache.report(), { reused: 1, parsed: 3 });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
});
