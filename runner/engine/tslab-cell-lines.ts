/**
 * Which line of which cell a stack frame points into. tslab compiles a cell twice (TypeScript → an
 * ES module → CommonJS) and runs every cell under one generic name, so a frame's line is neither
 * the cell's nor tied to a cell. Here the first pass's inline source map and the second pass's map
 * are composed into the cell's own lines, and each cell's code is named `tslab-cell-<n>`
 * (a sourceURL, which V8 uses in stack frames).
 */
import * as ts from '@tslab/typescript-for-tslab';
import { SourceMap, type SourceMapping } from 'module';

/** A position in the code that ran (1-based line and column) → the cell's line, when it maps to one. */
type CellLine = (line: number, column: number) => number | undefined;

const inlineSourceMap = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const sourceMapComment = /\/\/# sourceMappingURL=\S+\s*$/;

/** Compiled code → its cell lines, until the cell is named. */
const unnamed = new Map<string, CellLine>();
const named = new Map<string, CellLine>();
let latestName: string | undefined;

const isMapping = (entry: SourceMapping | object): entry is SourceMapping => 'originalLine' in entry;

function cellLines(code: string, commonJs: SourceMap, esModule: SourceMap): CellLine {
  const lastLine = code.split('\n').length;
  return (line, column) => {
    // Past the code: tslab's wrapper around it, which the nearest mapping would place on the cell's last line.
    if (line > lastLine) return undefined;
    const inEsModule = commonJs.findEntry(line - 1, column - 1);
    if (!isMapping(inEsModule)) return undefined;
    const inCell = esModule.findEntry(inEsModule.originalLine, inEsModule.originalColumn);
    // tslab compiles `export {};\n` + the cell: the 0-based line of that file is the cell's 1-based line.
    return isMapping(inCell) && inCell.originalLine > 0 ? inCell.originalLine : undefined;
  };
}

const sourceMap = (json: string) => new SourceMap(JSON.parse(json) as ConstructorParameters<typeof SourceMap>[0]);

/** tslab's second pass (its esModuleToCommonJSModule, with the same options), noting how its lines map to the cell's. */
export function toCommonJS(js: string, target: ts.ScriptTarget): string {
  const inline = inlineSourceMap.exec(js);
  const { outputText, sourceMapText } = ts.transpileModule(inline ? js.slice(0, inline.index) : js, {
    fileName: 'custom.js',
    compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true, target, newLine: ts.NewLineKind.LineFeed,
      noImplicitUseStrict: true, sourceMap: true },
  });
  const code = outputText.replace(sourceMapComment, '');
  if (inline && sourceMapText !== undefined) {
    unnamed.set(code, cellLines(code, sourceMap(sourceMapText), sourceMap(Buffer.from(inline[1], 'base64').toString('utf8'))));
  }
  return code;
}

let cellsNamed = 0;

/** The cell's compiled code, named for its stack frames; the latest named cell is the one running. */
export function nameCell(code: string): string {
  const lines = unnamed.get(code);
  unnamed.clear(); // the rest were modules the cell imports, which keep their own file names
  if (lines === undefined) return code;
  latestName = `tslab-cell-${++cellsNamed}`;
  named.set(latestName, lines);
  return `${code}\n//# sourceURL=${latestName}`;
}

/** Where a frame at `name:line:column` points: the cell's line and whether it is the cell now running. */
export function frameInCell(name: string, line: number, column: number): { line: number; running: boolean } | undefined {
  const cellLine = named.get(name)?.(line, column);
  return cellLine === undefined ? undefined : { line: cellLine, running: name === latestName };
}
