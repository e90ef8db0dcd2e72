/** Argument checks that fail early with a message naming the parameter, its value and what is allowed. */

export function requireInteger(name: string, value: number, min: number, max = Infinity): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new RangeError(`${name} must be ${range}, got ${String(value)}`);
  }
}

/** Labels of a binary task: every value 0 or 1; the first other one is named with its row. */
export function requireBinaryLabels(name: string, labels: ArrayLike<number>): void {
  for (let row = 0; row < labels.length; row++) {
    const label = labels[row];
    if (label !== 0 && label !== 1) throw new RangeError(`${name} must hold the labels 0 and 1, got ${String(label)} in row ${row}`);
  }
}

export function requireNumberInRange(name: string, value: number, min: number, max: number, maxExclusive = false): void {
  const tooHigh = maxExclusive ? value >= max : value > max;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || tooHigh) {
    throw new RangeError(`${name} must be a number in [${min}, ${max}${maxExclusive ? ')' : ']'}, got ${String(value)}`);
  }
}
