/**
 * tslab runs each cell as a module whose earlier cells' names live on `exports`, and rewrites an
 * identifier declared in the earlier cells' declaration file to `exports.<name>`. For the name of a
 * shorthand property (`{ seed }`, `({ a = 1 } = o)`) the checker's symbol at that location is the
 * property's, declared in the current cell, so tslab left it bare: "seed is not defined".
 * The variable's symbol comes from getShorthandAssignmentValueSymbol.
 */
import * as ts from '@tslab/typescript-for-tslab';

const { factory } = ts;

/**
 * `{ seed }` → `{ seed: exports.seed }` (and `{ a = 1 }` → `{ a: exports.a = 1 }`) when the name is
 * an earlier cell's; undefined for any other node, which tslab's own visitor then handles.
 */
export function previousCellShorthand(node: ts.Node, checker: ts.TypeChecker, declarations: ts.SourceFile,
  visit: (node: ts.Node) => ts.Node): ts.PropertyAssignment | undefined {
  if (!ts.isShorthandPropertyAssignment(node)) return undefined;
  const variable = checker.getShorthandAssignmentValueSymbol(node);
  if (!variable?.declarations?.some((d) => d.getSourceFile() === declarations)) return undefined;
  const name = node.name.text;
  const value = factory.createPropertyAccessExpression(factory.createIdentifier('exports'), name);
  const initializer = node.objectAssignmentInitializer;
  return factory.createPropertyAssignment(name, initializer === undefined ? value
    : factory.createAssignment(value, visit(initializer) as ts.Expression));
}
