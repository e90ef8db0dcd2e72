/**
 * The values a parameter allows, as the parameters cell declares them at the end of a line's comment,
 * so that a setting out of range is refused before a kernel starts (instead of failing in a cell
 * minutes later):
 *
 *   const n = 10000;            // samples; allowed: integer >= 1
 *   const attention_column = 1; // the label's column; allowed: integer >= 0 and < input_dim
 *   const validation_split = 0.2; // allowed: >= 0 and < 1
 *   const score = 'luong';      // allowed: 'luong' or 'bahdanau'
 *
 * A bound may name another parameter of the cell. The notebook states what its library checks; the
 * runner knows no library.
 */
import { CommandError, UsageError } from '../cli/errors';
import { shownValue } from '../cli/shown';
import type { ParameterDeclaration, ParameterValue } from './parameters';

type Comparison = '>=' | '>' | '<=' | '<';

interface Bound { comparison: Comparison; operand: number | string }

type Allowed =
  | { kind: 'choices'; choices: string[] }
  | { kind: 'numbers'; integer: boolean; bounds: Bound[] };

const quoted = String.raw`'[^']*'|"[^"]*"`;
const choicesPattern = new RegExp(String.raw`^(?:${quoted})(?:\s*(?:\||\bor\b)\s*(?:${quoted}))*$`);
const boundPattern = /^(>=|>|<=|<)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_$][\w$]*)$/i;

/** Undefined if the text is not in the grammar above. */
function parseAllowed(text: string): Allowed | undefined {
  if (choicesPattern.test(text)) {
    return { kind: 'choices', choices: (text.match(new RegExp(quoted, 'g')) ?? []).map((c) => c.slice(1, -1)) };
  }
  const [, type, rest] = /^(?:(integer|number)\b\s*)?(.*)$/.exec(text) ?? [];
  const bounds: Bound[] = [];
  for (const part of rest.split(/\s*(?:,|\band\b)\s*/).filter(Boolean)) {
    const match = boundPattern.exec(part);
    if (!match) return undefined;
    const operand = /^[A-Za-z_$]/.test(match[2]) ? match[2] : Number(match[2]);
    bounds.push({ comparison: match[1] as Comparison, operand });
  }
  if (type === undefined && bounds.length === 0) return undefined;
  return { kind: 'numbers', integer: type === 'integer', bounds };
}

const holds = (value: number, { comparison }: Bound, limit: number): boolean =>
  comparison === '>=' ? value >= limit : comparison === '>' ? value > limit
    : comparison === '<=' ? value <= limit : value < limit;

/** Whether a value is allowed, what is allowed in words, and which parameters that depends on. */
interface Verdict { ok: boolean; description: string; involved: string[] }

function judgeNumber(value: number, allowed: Extract<Allowed, { kind: 'numbers' }>, byName: Map<string, ParameterDeclaration>,
  where: string): Verdict {
  const involved: string[] = [];
  const limits = allowed.bounds.map((bound) => {
    if (typeof bound.operand === 'number') return { bound, limit: bound.operand, shown: String(bound.operand) };
    const other = byName.get(bound.operand);
    if (typeof other?.value !== 'number') {
      throw new CommandError(`${where}: its range names "${bound.operand}", which is not a number parameter of the cell`);
    }
    involved.push(other.name);
    return { bound, limit: other.value, shown: `${other.name} (${other.value})` };
  });
  const ok = (!allowed.integer || Number.isInteger(value)) && limits.every(({ bound, limit }) => holds(value, bound, limit));
  const description = [allowed.integer ? 'an integer' : 'a number',
    limits.map(({ bound, shown }) => `${bound.comparison} ${shown}`).join(' and ')].filter(Boolean).join(' ');
  return { ok, description, involved };
}

const shownParameterValue = (value: ParameterValue): string =>
  typeof value === 'string' ? `"${shownValue(value)}"` : String(value);

/**
 * Throws a one-line error naming the notebook, the parameter, what it allows and the value it got,
 * if a value is out of its declared range: a UsageError if -p set a value involved (`overridden`),
 * else a CommandError (the cell's defaults contradict its own ranges); also if a range is not understood.
 */
export function checkAllowedValues(notebookName: string, parameters: ParameterDeclaration[],
  overridden: Set<string>): void {
  const byName = new Map(parameters.map((p) => [p.name, p]));
  for (const { name, value, allowed: text } of parameters) {
    if (text === undefined) continue;
    const where = `parameter "${name}" of notebook "${notebookName}"`;
    const allowed = parseAllowed(text);
    if (allowed === undefined || typeof value !== (allowed.kind === 'choices' ? 'string' : 'number')) {
      throw new CommandError(`${where}: its parameters cell says "allowed: ${text}", which is not understood for a `
        + `${typeof value} (write e.g. "allowed: integer >= 1", "allowed: >= 0 and < input_dim" or "allowed: 'a' or 'b'")`);
    }
    const verdict: Verdict = allowed.kind === 'choices'
      ? { ok: allowed.choices.includes(value as string), description: `one of ${allowed.choices.map((c) => `"${c}"`).join(', ')}`, involved: [] }
      : judgeNumber(value as number, allowed, byName, where);
    if (verdict.ok) continue;
    const message = `${where} must be ${verdict.description}, got ${shownParameterValue(value)}`;
    if ([name, ...verdict.involved].some((involved) => overridden.has(involved))) throw new UsageError(message);
    throw new CommandError(`${message} (its default in the parameters cell)`);
  }
}
