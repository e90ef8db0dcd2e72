/**
 * Builds the kernel's start-up snapshot (build/tslab-compiler.blob; snapshot-entry.ts says what it
 * holds), for the kernelspec that setup writes. Run by setup with this Node, which must also be
 * the Node that starts the kernel: a snapshot only loads into the binary that built it.
 *
 *   node build/runner/engine/compiler-snapshot/build-snapshot.js
 *
 * The settings come from tslab itself: its converter, as this project's kernel edits it, is
 * started until its first program, whose compiler settings are recorded. The files parsed are those
 * of a program over the notebooks' import declarations, in the notebooks' folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import type * as ts from '@tslab/typescript-for-tslab';
import { notebooksDir, projectRoot } from '../../paths';
import { SourceFileCache } from './source-file-cache';
import { loadTypeScript, provideCompiler } from './typescript-loader';

export interface SnapshotPlan {
  /** tslab's compiler module (typescript.js). */
  compiler: string;
  /** The settings of tslab's converter program. */
  options: ts.CompilerOptions;
  /** The program's one root file, which exists only in the plan. */
  root: { fileName: string; text: string };
}

export const compilerSnapshotFile = path.join(projectRoot, 'build', 'tslab-compiler.blob');

class SettingsRecorded extends Error {
  constructor(readonly options: ts.CompilerOptions) { super('the converter\'s settings are recorded'); }
}

/** The settings tslab's converter compiles cells with, read from its first program. */
function converterSettings(compiler: string): ts.CompilerOptions {
  const recorder = new (class extends SourceFileCache {
    override programStarts(options: ts.CompilerOptions): void { throw new SettingsRecorded(options); }
  })();
  provideCompiler(Module, compiler, loadTypeScript(compiler, recorder, require));
  require('../tslab-converter');
  const { createConverter } = require('tslab/dist/converter') as typeof import('tslab/dist/converter');
  try {
    createConverter({ isJS: false, isBrowser: false });
  } catch (error) {
    if (error instanceof SettingsRecorded) return error.options;
    throw error;
  }
  throw new Error('tslab\'s converter started without creating a program');
}

/** Every import declaration of the notebooks' code cells, one per line. */
function notebookImports(): string {
  const imports = new Set<string>();
  for (const name of fs.readdirSync(notebooksDir).filter((file) => file.endsWith('.ipynb')).sort()) {
    const notebook = JSON.parse(fs.readFileSync(path.join(notebooksDir, name), 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
    for (const cell of notebook.cells.filter(({ cell_type }) => cell_type === 'code')) {
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      for (const line of source.split('\n')) if (/^import\s.+\sfrom\s+'[^']+';\s*$/.test(line)) imports.add(line.trim());
    }
  }
  return [...imports].join('\n');
}

/** The snapshot builder runs its entry as a plain script, without `exports`: this evaluates a compiled module. */
function bootScript(entry: string): string {
  return `const entry = ${JSON.stringify(entry)};\n`
    + 'const compiled = { exports: {} };\n'
    + "new Function('module', 'exports', 'require', '__filename', '__dirname', `${require('fs').readFileSync(entry, 'utf8')}\\n//# sourceURL=${entry}`)"
    + "(compiled, compiled.exports, require, entry, require('path').dirname(entry));\n";
}

function main(): void {
  process.chdir(notebooksDir);
  const compiler = require.resolve('@tslab/typescript-for-tslab');
  const plan: SnapshotPlan = {
    compiler,
    options: converterSettings(compiler),
    root: { fileName: path.join(notebooksDir, '__compiler_snapshot__.ts'), text: notebookImports() },
  };
  // Written beside the blob and renamed into place: a half-written snapshot would crash the kernel.
  const partial = `${compilerSnapshotFile}.${process.pid}`;
  const planFile = `${partial}.json`;
  const bootFile = `${partial}.js`;
  fs.writeFileSync(planFile, JSON.stringify(plan));
  fs.writeFileSync(bootFile, bootScript(path.join(__dirname, 'snapshot-entry.js')));
  try {
    const built = spawnSync(process.execPath, ['--snapshot-blob', partial, '--build-snapshot', bootFile, planFile], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`node --build-snapshot exited with ${built.status ?? built.signal}`);
    fs.renameSync(partial, compilerSnapshotFile);
  } finally {
    fs.rmSync(planFile, { force: true });
    fs.rmSync(bootFile, { force: true });
    fs.rmSync(partial, { force: true });
  }
}

if (require.main === module) main();
