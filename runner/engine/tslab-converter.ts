/**
 * Imported for its effect, before any tslab module: tslab's converter (cell source → JavaScript)
 * is loaded with this project's edits, each named by its purpose; each cell's code is named (see
 * tslab-cell-lines.ts) and a top-level `for await` runs (see tslab-for-await.ts).
 */
import type * as converter from 'tslab/dist/converter';
import { nameCell } from './tslab-cell-lines';
import { loadEdited } from './tslab-edited-module';
import { hasTopLevelForAwait } from './tslab-for-await';

const required = (file: string) => `require(${JSON.stringify(require.resolve(file))})`;

loadEdited('tslab/dist/converter', [{
  purpose: 'make shorthand properties name earlier cells\' variables',
  find: 'function wrapPrevIdentifier(node) {\n',
  replace: 'function wrapPrevIdentifier(node) {\n'
    + `            const shorthand = ${required('./tslab-shorthand')}.previousCellShorthand(node, checker, declsFile, wrapPrevIdentifier);\n`
    + '            if (shorthand) return shorthand;\n',
}, {
  purpose: 'map stack frames to cell lines (first pass)',
  find: '        declaration: true,\n',
  replace: '        declaration: true,\n        inlineSourceMap: true,\n',
}, {
  purpose: 'map stack frames to cell lines (second pass)',
  find: 'function esModuleToCommonJSModule(js, target) {\n',
  replace: `function esModuleToCommonJSModule(js, target) {\n    return ${required('./tslab-cell-lines')}.toCommonJS(js, target);\n`,
}]);

// Required, not imported: an import would be hoisted above the edit.
const edited = require('tslab/dist/converter') as typeof converter;
const createConverter = edited.createConverter;
edited.createConverter = (options) => {
  const created = createConverter(options);
  const convert = created.convert.bind(created);
  created.convert = (previousDeclarations, source) => {
    const result = convert(previousDeclarations, source);
    if (result.output === undefined) return result;
    return { ...result, output: nameCell(result.output), hasToplevelAwait: result.hasToplevelAwait || hasTopLevelForAwait(source) };
  };
  return created;
};
