/** Argument checks that fail early with a message naming the parameter, its value and what is allowed. */

export function requireInteger(name: string, value: number, min: number, max = Infinity): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new RangeError(`${name} must be ${range}, got ${String(value)}`);
  }
}

export function requireNumberInRange(name: string, value: number, min: number, max: number, maxExclusive = false): void {
  const tooHigh = maxExclusive ? value >= max : value > max;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || tooHigh) {
    throw new RangeError(`${name} must be a number in [${min}, ${max}${maxExclusive ? ')' : ']'}, got ${String(value)}`);
  }
}
