/**
 * The entry of `node --build-snapshot` (see build-snapshot.ts): tslab's compiler, loaded, with the
 * declaration files a notebook's kernel and import cell read already parsed and bound. A kernel
 * started from the snapshot skips that work, which is most of tslab's start-up.
 *
 * While the snapshot is built, `require` gives Node's built-in modules only, so this project's
 * modules are evaluated from their files. Once deserialized, the process runs the script named
 * after the snapshot (the kernel launcher), with tslab's require of the compiler answered by
 * this one.
 */
import * as fs from 'fs';
import type NodeModule from 'module';
import * as path from 'path';
import * as v8 from 'v8';
import type * as cacheModule from './source-file-cache';
import type * as loaderModule from './typescript-loader';
import type { SnapshotPlan } from './build-snapshot';

function evaluateBuiltinOnly<T>(file: string): T {
  const evaluated = { exports: {} as T };
  new Function('module', 'exports', 'require', '__filename', '__dirname', fs.readFileSync(file, 'utf8'))(evaluated, evaluated.exports, require, file, path.dirname(file));
  return evaluated.exports;
}

const { SourceFileCache } = evaluateBuiltinOnly<typeof cacheModule>(path.join(__dirname, 'source-file-cache.js'));
const { loadTypeScript, provideCompiler } = evaluateBuiltinOnly<typeof loaderModule>(path.join(__dirname, 'typescript-loader.js'));

/** A kernel's cells read what the snapshot saved them: `globalThis[Symbol.for(...)]()`, a CacheReport. */
const reportKey = Symbol.for('attention-lab.compiler-snapshot');

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as SnapshotPlan;
const cache = new SourceFileCache();
// The compiler requires some built-in modules only when first used: after deserialization, a
// require of the compiler's own folder answers them.
let requireForCompiler: NodeJS.Require = require;
const typescript = loadTypeScript(plan.compiler, cache, ((id: string) => requireForCompiler(id)) as NodeJS.Require);

function parseAndBind(): number {
  const host = typescript.createCompilerHost(plan.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => (fileName === plan.root.fileName ? plan.root.text : readFile(fileName));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === plan.root.fileName || fileExists(fileName);
  const program = typescript.createProgram([plan.root.fileName], plan.options, host);
  // The checker binds every file of its program: bound files are what the kernel's checker needs.
  program.getTypeChecker();
  return cache.keep();
}

const kept = parseAndBind();
// The builder runs without Error.stackTraceLimit; the compiler sets it and restores it while it loads,
// leaving one that is undefined, which Node would keep for every kernel: errors without a stack.
if (Error.stackTraceLimit === undefined) delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
console.log(`compiler snapshot: ${kept} declaration files parsed and bound`);

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // Required only now: Node does not support its module loader's own module in a snapshot's build.
  const Module = require('module') as typeof NodeModule;
  requireForCompiler = Module.createRequire(plan.compiler);
  provideCompiler(Module, plan.compiler, typescript);
  (globalThis as Record<symbol, unknown>)[reportKey] = () => cache.report();
  // The script named after the snapshot runs as the main module, with its absolute path, as `node script` runs it.
  process.argv[1] = path.resolve(process.argv[1]);
  (Module as unknown as { runMain(): void }).runMain();
});

