/**
 * Loads one of tslab's compiled modules from its source with a few textual edits, in place of the
 * file itself: tslab's converter keeps its transformers in closures that no wrapper can reach.
 * Each edit must find its text (tslab is pinned, 1.0.22), or the kernel stops at start with the reason.
 */
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';

export interface SourceEdit {
  /** What the edit does, for the message when its text is not found. */
  purpose: string;
  find: string;
  replace: string;
}

// Node's own loader methods, which @types/node does not declare.
interface LoadableModule extends Module { _compile(source: string, filename: string): void }
const nodeModulePaths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths;

/** `require(request)` from now on returns the module compiled from its edited source. */
export function loadEdited(request: string, edits: SourceEdit[]): void {
  const file = require.resolve(request);
  if (require.cache[file] !== undefined) throw new Error(`${request} was loaded before it could be edited`);
  let source = fs.readFileSync(file, 'utf8');
  for (const { purpose, find, replace } of edits) {
    if (!source.includes(find)) throw new Error(`cannot ${purpose}: ${file} is not the tslab 1.0.22 this kernel expects`);
    source = source.replace(find, () => replace);
  }
  const edited = new Module(file, module) as LoadableModule;
  edited.filename = file;
  edited.paths = nodeModulePaths(path.dirname(file));
  require.cache[file] = edited;
  edited._compile(source, file);
  edited.loaded = true;
}
