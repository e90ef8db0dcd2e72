/** A grid's `-p NAME=VALUES`: a list (`4,8,16`), an inclusive integer range (`1..20`) or one value. */
import { UsageError } from '../cli/errors';

/** More runs than this is a typo (`1..100000`), not a grid anyone waits for. */
export const maxRuns = 10_000;

const integerRange = /^\s*([+-]?\d+)\s*\.\.\s*([+-]?\d+)\s*$/;
const otherRange = /^\s*[+-]?[\d.]*\d\s*\.\.\s*[+-]?[\d.]*\d\s*$/;

/** The values of one parameter as raw text, in the order given; throws a UsageError naming it. */
export function expandValues(name: string, raw: string): string[] {
  const range = integerRange.exec(raw);
  if (range) {
    const [start, end] = [Number(range[1]), Number(range[2])];
    if (start > end) throw new UsageError(`-p ${name}=${raw}: a range runs upward, from its first value to its last (e.g. ${end}..${start})`);
    if (end - start + 1 > maxRuns) throw new UsageError(`-p ${name}=${raw} has ${end - start + 1} values; at most ${maxRuns}`);
    return Array.from({ length: end - start + 1 }, (_, i) => String(start + i));
  }
  if (otherRange.test(raw)) throw new UsageError(`-p ${name}=${raw}: a range START..END takes integers; list other values with commas (0.1,0.2,0.5)`);
  const values = raw.split(',');
  if (values.some((value) => value.trim() === '')) {
    throw new UsageError(`-p ${name}=${raw}: an empty value in the list; separate values with single commas (4,8,16)`);
  }
  return values;
}

/** The number of runs the lists make together, refused before they are multiplied out if above maxRuns. */
export function checkRunCount(lists: Map<string, string[]>): number {
  const count = [...lists.values()].reduce((product, values) => product * values.length, 1);
  if (count > maxRuns) {
    const sizes = [...lists].map(([name, values]) => `${name}: ${values.length}`).join(' × ');
    throw new UsageError(`the -p values make ${count} runs (${sizes}); at most ${maxRuns}`);
  }
  return count;
}

/** Every combination, the first parameter varying slowest (as nested loops in the order given). */
export function combinations(lists: Map<string, string[]>): Map<string, string>[] {
  let combos: Map<string, string>[] = [new Map()];
  for (const [name, values] of lists) {
    combos = combos.flatMap((combo) => values.map((value) => new Map([...combo, [name, value]])));
  }
  return combos;
}
