/**
 * The shape of the code: src/'s folders are layers, each may import only from itself and the layers
 * below, and no module reaches itself through its imports; runner/ (the notebook runner) imports
 * nothing of src/, and src/ reaches the runner only through runner/protocol.ts, the MIME types a
 * notebook publishes for it. Read with TypeScript's own import scanner.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { projectRoot } from '../runner/paths';

const srcDir = path.join(projectRoot, 'src');
const runnerDir = path.join(projectRoot, 'runner');
const runnerProtocol = path.join(runnerDir, 'protocol.ts');

/** Bottom to top; the files directly in src/ (the package's entry) sit on top. */
export const layers = ['core', 'training', 'data', 'readout', 'experiment', 'models', 'explain', 'plots', 'notebook', 'studies', '.'];

// New rooms of issue #20's layout (added with the Transformer study) that README's layout block does not list yet.
const notYetInReadme = ['data', 'readout', 'models', 'studies'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The project files a module imports (relative imports only; packages are not layers). */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const base = path.resolve(path.dirname(file), name);
      const candidates = [`${base}.ts`, path.join(base, 'index.ts')];
      const found = candidates.find((candidate) => fs.existsSync(candidate));
      assert.ok(found, `${path.relative(projectRoot, file)} imports "${name}", which is not a file of the project`);
      return found;
    });
}

function layerOf(file: string): string {
  const folder = path.relative(srcDir, path.dirname(file)).split(path.sep)[0] || '.';
  assert.ok(layers.includes(folder), `src/${folder}/ is not one of the layers (${layers.join(', ')})`);
  return folder;
}

const graph = new Map(sourceFiles(srcDir).map((file) => [file, localImports(file)]));
const shown = (file: string) => path.relative(srcDir, file);

describe('runner/', () => {
  it('imports nothing outside runner/', () => {
    const outside = sourceFiles(runnerDir).flatMap((file) => localImports(file)
      .filter((imported) => !imported.startsWith(runnerDir + path.sep))
      .map((imported) => `${path.relative(projectRoot, file)} imports ${path.relative(projectRoot, imported)}`));
    assert.deepEqual(outside, []);
  });
});

describe('src/ layers', () => {
  it('import only from their own layer or the layers below', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const imported of imports) {
        if (imported === runnerProtocol) continue;
        if (!imported.startsWith(srcDir + path.sep)) {
          upward.push(`${shown(file)} imports ${path.relative(projectRoot, imported)}, outside src/`);
        } else if (layers.indexOf(layerOf(imported)) > layers.indexOf(layerOf(file))) {
          upward.push(`${shown(file)} (${layerOf(file)}) imports ${shown(imported)} (${layerOf(imported)})`);
        }
      }
    }
    assert.deepEqual(upward, []);
  });

  it('have no import circles', () => {
    const circles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map(shown).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const imported of graph.get(file) ?? []) visit(imported, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    assert.deepEqual(circles, []);
  });

  it('are the folders the README lists', () => {
    const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    for (const layer of layers.filter((name) => name !== '.' && !notYetInReadme.includes(name))) {
      // The layout block lists each folder of src/ indented on a line of its own.
      assert.match(readme, new RegExp(`^ +${layer}/ `, 'm'), `README's layout names src/${layer}/`);
    }
  });
});
