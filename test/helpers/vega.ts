/** Checks shared by the chart tests: strict vega-lite compilation and the SVG shapes of a named mark. */
import assert from 'node:assert/strict';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Compiles with vega-lite, failing on errors and on warnings (e.g. an encoding it had to drop). */
export function compileStrictly(spec: TopLevelSpec): void {
  const warnings: string[] = [];
  // vega's logger hands the handler an `arguments` object, hence Array.from.
  const logger = vega.logger(vega.Warn, undefined, (method, _level, input) => {
    const message = Array.from(input as ArrayLike<unknown>).join(' ');
    if (method === 'error') throw new Error(message);
    warnings.push(message);
  });
  compile(spec, { logger });
  assert.deepEqual(warnings, [], 'vega-lite warnings');
}

/**
 * The SVG shapes of one named vega-lite mark: vega writes them into groups of class
 * "<name>_marks" (one group per series for lines).
 */
export function markItems(svg: string, markName: string): string[] {
  const groups = [...svg.matchAll(new RegExp(`<g class="mark-\\w+ role-mark ${markName}_marks"[^>]*>(.*?)</g>`, 'g'))];
  assert.ok(groups.length > 0, `no mark group ${markName} in the SVG`);
  return groups.flatMap((group) => group[1].match(/<(path|line|text)\b[^>]*>/g) ?? []);
}
