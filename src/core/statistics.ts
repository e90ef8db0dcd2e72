/** Statistics the notebooks, the narrative and the sweep share: plain numbers in, plain numbers out. */
import { tf } from './tf';

/** The index of the largest value (the first one on ties); 0 for an empty list. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The arithmetic mean. */
export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The population standard deviation (divided by n, as numpy's default), around `center` (the mean by default). */
export function std(values: number[], center = mean(values)): number {
  return Math.sqrt(values.reduce((sum, v) => sum + (v - center) ** 2, 0) / values.length);
}

/** Samples × features: a row-major flat array (columns = length / labels), rows of numbers, or a 2-D tensor. */
export type Features = Float32Array | Float64Array | number[][] | tf.Tensor2D;
export type Labels = ArrayLike<number> | tf.Tensor;

/** The features as one row-major flat array, checked against the number of labels. */
function flatFeatures(x: Features, samples: number): { values: ArrayLike<number>; columns: number } {
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2) throw new Error(`labelCorrelation: x must be a 2-D tensor, got shape [${x.shape}]`);
    if (x.shape[0] !== samples) throw new Error(`labelCorrelation: x has ${x.shape[0]} rows but y has ${samples} labels`);
    return { values: x.dataSync(), columns: x.shape[1] };
  }
  if (Array.isArray(x)) {
    if (x.length !== samples) throw new Error(`labelCorrelation: x has ${x.length} rows but y has ${samples} labels`);
    const columns = x[0].length;
    const values = new Float64Array(samples * columns);
    x.forEach((row, i) => {
      if (row.length !== columns) throw new Error(`labelCorrelation: row ${i} of x has ${row.length} values, row 0 has ${columns}`);
      values.set(row, i * columns);
    });
    return { values, columns };
  }
  if (x.length % samples !== 0) {
    throw new Error(`labelCorrelation: x has ${x.length} values, not a whole number of rows for ${samples} labels`);
  }
  return { values: x, columns: x.length / samples };
}

/**
 * Pearson correlation of every column of x with the label y, in one pass over the data
 * (Welford's running means and co-moments in float64: stable even where the means dwarf the spread).
 * A constant column (or constant labels) has no defined correlation and gives NaN rather than a
 * misleading 0. Throws when x and y disagree on the number of samples or there are fewer than 2.
 * @param x - Samples × columns: a row-major flat array, rows of numbers, or a 2-D tensor.
 * @param y - One label (any number) per sample, as an array or a tensor.
 * @returns One correlation in [-1, 1] (or NaN) per column of x.
 */
export function labelCorrelation(x: Features, y: Labels): number[] {
  const labels = y instanceof tf.Tensor ? y.dataSync() : y;
  const samples = labels.length;
  if (samples < 2) throw new Error(`labelCorrelation needs at least 2 samples, got ${samples}`);
  const { values, columns } = flatFeatures(x, samples);
  if (columns === 0) throw new Error('labelCorrelation: x has no columns');

  const meanX = new Float64Array(columns);
  const sumSquaresX = new Float64Array(columns);
  const coMoment = new Float64Array(columns);
  let meanY = 0;
  let sumSquaresY = 0;
  for (let i = 0; i < samples; i++) {
    const weight = 1 / (i + 1);
    const label = labels[i];
    const dy = label - meanY;
    meanY += dy * weight;
    const dyAfter = label - meanY;
    sumSquaresY += dy * dyAfter;
    const row = i * columns;
    for (let j = 0; j < columns; j++) {
      const value = values[row + j];
      const dx = value - meanX[j];
      meanX[j] += dx * weight;
      sumSquaresX[j] += dx * (value - meanX[j]);
      coMoment[j] += dx * dyAfter;
    }
  }
  return Array.from(coMoment, (c, j) => {
    const scale = Math.sqrt(sumSquaresX[j] * sumSquaresY);
    // Rounding can carry |r| a hair past 1 for perfectly (anti-)correlated columns.
    return scale === 0 ? NaN : Math.max(-1, Math.min(1, c / scale));
  });
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of each column of a row-major samples × columns array, interpolating
 * linearly between order statistics (numpy's default), e.g. q = 0.1 for the 10th percentile.
 */
export function columnQuantiles(values: ArrayLike<number>, columns: number, q: number): number[] {
  const samples = values.length / columns;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new Error(`columnQuantiles: ${values.length} values are not whole rows of ${columns} columns`);
  }
  if (!(q >= 0 && q <= 1)) throw new RangeError(`columnQuantiles: q must be between 0 and 1, got ${q}`);
  const column = new Float64Array(samples);
  return Array.from({ length: columns }, (_, j) => {
    for (let i = 0; i < samples; i++) column[i] = values[i * columns + j];
    column.sort();
    const position = q * (samples - 1);
    const below = Math.floor(position);
    const above = Math.min(below + 1, samples - 1);
    return column[below] + (column[above] - column[below]) * (position - below);
  });
}
