/**
 * Papermill-style parameters for TypeScript notebooks: the code cell tagged `parameters` declares
 * defaults, one literal per line (`const attention_column = 1; // comment`), and `-p NAME=VALUE`
 * overrides are redeclared in a cell injected right after it, tagged `injected-parameters`.
 */
import { UsageError } from '../cli/errors';
import { shownValue } from '../cli/shown';
import { cellSource, hasTag, isCode, Notebook, NotebookCell } from './ipynb';

export type ParameterValue = number | string | boolean;

export interface ParameterDeclaration {
  name: string;
  keyword: string;
  /** The declared type, if the line has one (`const mode: Mode = 'dense'`). */
  annotation?: string;
  value: ParameterValue;
  /** What the line's comment says after "allowed:" (see parameter-ranges.ts). */
  allowed?: string;
}

export const parametersTag = 'parameters';
export const injectedParametersTag = 'injected-parameters';

const numberLiteral = String.raw`-?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?`;
const stringLiteral = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`;
const declarationLine = new RegExp(String.raw`^\s*(const|let|var)\s+([A-Za-z_$][\w$]*)\s*`
  + String.raw`(?::\s*([^=]+?)\s*)?=\s*(${numberLiteral}|true|false|${stringLiteral})\s*;?\s*(?:\/\/(.*))?$`);

/** The declarations of the first code cell tagged `parameters`; other lines (comments, code) are not parameters. */
export function parameterDeclarations(notebook: Notebook): ParameterDeclaration[] {
  const cell = notebook.cells.find((c) => isCode(c) && hasTag(c, parametersTag));
  if (!cell) return [];
  const declarations: ParameterDeclaration[] = [];
  for (const line of cellSource(cell).split('\n')) {
    const match = declarationLine.exec(line);
    const value = match ? parseLiteral(match[4]) : undefined;
    if (match && value !== undefined) {
      const allowed = /\ballowed:\s*(.*?)\s*$/.exec(match[5] ?? '')?.[1];
      declarations.push({ name: match[2], keyword: match[1], annotation: match[3], value, ...(allowed ? { allowed } : {}) });
    }
  }
  return declarations;
}

function parseLiteral(literal: string): ParameterValue | undefined {
  if (literal === 'true' || literal === 'false') return literal === 'true';
  if (!/^["']/.test(literal)) return Number(literal.replace(/_/g, ''));
  // Re-quote as JSON: unescape \' and escape bare ". Escapes JSON lacks (\x41, \0) are not supported.
  const body = literal.slice(1, -1).replace(/\\(.)|"/g, (quote, escaped?: string) =>
    escaped === undefined ? '\\"' : escaped === "'" ? "'" : quote);
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * The values a run uses: the defaults, with each override checked against its default's type.
 * Throws a UsageError naming the notebook, the parameter, the expected type and the value given.
 */
export function resolveParameters(notebookName: string, declarations: ParameterDeclaration[],
  overrides: Map<string, string>): ParameterDeclaration[] {
  const byName = new Map(declarations.map((d) => [d.name, d]));
  for (const name of overrides.keys()) {
    if (byName.has(name)) continue;
    const allowed = declarations.length === 0
      ? `it has no parameters (no code cell tagged "${parametersTag}" with lines like "const name = 1;")`
      : `its parameters are: ${declarations.map((d) => d.name).join(', ')}`;
    throw new UsageError(`notebook "${notebookName}" has no parameter "${name}"; ${allowed}`);
  }
  return declarations.map((declaration) => {
    const raw = overrides.get(declaration.name);
    if (raw === undefined) return declaration;
    const value = parseOverride(declaration.value, raw);
    if (value === undefined) {
      const expected = typeof declaration.value === 'number' ? 'finite number' : typeof declaration.value;
      throw new UsageError(`parameter "${declaration.name}" of notebook "${notebookName}" expects a `
        + `${expected}, got "${shownValue(raw)}"`);
    }
    return { ...declaration, value };
  });
}

function parseOverride(fallback: ParameterValue, raw: string): ParameterValue | undefined {
  switch (typeof fallback) {
    case 'number': {
      // 1e999 is Infinity, which JSON (and so the injected cell) would turn into null.
      const value = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(raw.trim()) ? Number(raw) : NaN;
      return Number.isFinite(value) ? value : undefined;
    }
    case 'boolean':
      return raw === 'true' || raw === 'false' ? raw === 'true' : undefined;
    default:
      return raw;
  }
}

/**
 * A copy of the notebook with the overridden parameters redeclared in a new cell right after the
 * parameters cell (replacing one left by an earlier export). tslab accepts redeclaring a `const` in
 * a later cell, and later cells see the new value; we keep the declaration's keyword and type so the
 * run behaves exactly as if the default had been edited.
 */
export function injectParameters(notebook: Notebook, overridden: ParameterDeclaration[]): Notebook {
  const cells = notebook.cells.filter((c) => !hasTag(c, injectedParametersTag));
  if (overridden.length === 0) return { ...notebook, cells };
  const lines = overridden.map(({ keyword, name, annotation, value }) =>
    `${keyword} ${name}${annotation ? `: ${annotation}` : ''} = ${sourceLiteral(value)};`);
  const injected: NotebookCell = {
    cell_type: 'code',
    // Cell ids arrived with nbformat 4.5; older notebooks must not have them.
    ...(notebook.nbformat_minor >= 5 ? { id: injectedParametersTag } : {}),
    metadata: { tags: [injectedParametersTag] },
    source: ['// Parameters given to attention-lab export', ...lines].join('\n'),
    outputs: [],
    execution_count: null,
  };
  const at = cells.findIndex((c) => isCode(c) && hasTag(c, parametersTag)) + 1;
  return { ...notebook, cells: [...cells.slice(0, at), injected, ...cells.slice(at)] };
}

/**
 * The value as TypeScript source: JSON, except that U+2028 and U+2029, which JSON leaves as they
 * are, are escaped, since TypeScript takes them for line breaks and ends the string there.
 */
function sourceLiteral(value: ParameterValue): string {
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
