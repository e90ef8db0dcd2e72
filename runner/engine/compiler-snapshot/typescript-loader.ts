/**
 * tslab's TypeScript compiler, evaluated from its source with its parser routed through a
 * SourceFileCache. Runs inside the snapshot builder, which can require Node's built-in modules
 * only: the compiler (which needs nothing else) is evaluated here rather than required.
 */
import * as fs from 'fs';
import * as path from 'path';
import type NodeModule from 'module';
import type * as ts from '@tslab/typescript-for-tslab';
import type { SourceFileCache } from './source-file-cache';

const parserStart = 'function createSourceFile(fileName, sourceText, languageVersionOrOptions, setParentNodes = false, scriptKind) {\n';
const programStart = '    const { rootNames, options, configFileParsingDiagnostics, projectReferences, typeScriptVersion: typeScriptVersion3 } = createProgramOptions;\n';
const rememberedDirectory = '          const getCurrentDirectory = memoize(() => process.cwd());\n';

const edits = [{
  purpose: 'route every parse through the cache',
  find: parserStart,
  replace: 'function createSourceFile(fileName, sourceText, languageVersionOrOptions, setParentNodes, scriptKind) {\n'
    + '    return __sourceFileCache.provide(parseSourceFileUncached, fileName, sourceText, languageVersionOrOptions, setParentNodes, scriptKind);\n'
    + `  }\n  ${parserStart.replace('createSourceFile', 'parseSourceFileUncached')}`,
}, {
  purpose: 'tell the cache each program\'s settings',
  find: programStart,
  replace: `${programStart}    __sourceFileCache.programStarts(options, sourceFileAffectingCompilerOptions);\n`,
}, {
  // The file system remembers the first working directory it sees: in a snapshot, the builder's,
  // for every kernel, and a kernel in another folder would resolve none of its imports.
  purpose: 'read the working directory of the process that runs',
  find: rememberedDirectory,
  replace: '          const getCurrentDirectory = () => process.cwd();\n',
}];

/** The compiler module at `file` (typescript.js), whose every parse goes through `cache`. */
export function loadTypeScript(file: string, cache: SourceFileCache, requireBuiltin: NodeJS.Require): typeof ts {
  let source = fs.readFileSync(file, 'utf8');
  for (const { purpose, find, replace } of edits) {
    if (!source.includes(find)) throw new Error(`cannot ${purpose}: ${file} is not the TypeScript 5.0.4 tslab pins`);
    source = source.replace(find, () => replace);
  }
  const compilerModule = { exports: {} as typeof ts };
  // A sourceURL keeps the compiler's own file name in stack traces and profiles.
  const evaluate = new Function('module', 'exports', 'require', '__filename', '__dirname', '__sourceFileCache', `${source}\n//# sourceURL=${file}`);
  evaluate(compilerModule, compilerModule.exports, requireBuiltin, file, path.dirname(file), cache);
  return compilerModule.exports;
}

/**
 * Makes `require(file)` answer `typescript` from now on, for tslab's modules. Node's module class is
 * passed in: the snapshot builder cannot require it while it builds.
 */
export function provideCompiler(Module: typeof NodeModule, file: string, typescript: typeof ts): void {
  const compilerModule = new Module(file);
  compilerModule.filename = file;
  compilerModule.exports = typescript;
  compilerModule.loaded = true;
  Module.createRequire(file).cache[file] = compilerModule;
}
