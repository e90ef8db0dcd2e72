/**
 * tslab runs a cell in an async function only when the compiler reported a top-level `await`
 * expression; a top-level `for await` draws no such report (it is valid in a module), so tslab ran
 * it in a plain function: "SyntaxError: Unexpected reserved word".
 */
import * as ts from '@tslab/typescript-for-tslab';

/** Whether the cell has a `for await` outside any function or class body. */
export function hasTopLevelForAwait(source: string): boolean {
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.Latest);
  const visit = (node: ts.Node): boolean => {
    if (ts.isForOfStatement(node) && node.awaitModifier !== undefined) return true;
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(file);
}
