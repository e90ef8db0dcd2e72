import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveSeed } from '../src/core/random';
import { getData, getRecurrentData } from '../src/data/synthetic';

test('getData copies the label into the attention column', () => {
  const data = getData(500, 4, 2, 7);
  assert.deepEqual(data.x.shape, [500, 4]);
  assert.deepEqual(data.y.shape, [500, 1]);
  const x = data.x.arraySync();
  const y = data.y.arraySync();
  for (let i = 0; i < 500; i++) {
    assert.equal(x[i][2], y[i][0]);
    assert.ok(y[i][0] === 0 || y[i][0] === 1);
  }
  const ones = y.filter(([label]) => label === 1).length;
  assert.ok(ones > 200 && ones < 300, `${ones} of 500 labels are 1`);
  data.dispose();
});

test('other columns are standard normal', () => {
  const data = getData(20000, 3, 0, 11);
  const column = Array.from({ length: 20000 }, (_, i) => data.xValues[i * 3 + 1]);
  const mean = column.reduce((a, b) => a + b, 0) / column.length;
  const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
  data.dispose();
});

test('the same seed gives the same data; another seed does not', () => {
  const a = getData(100, 4, 1, 123);
  const b = getData(100, 4, 1, 123);
  const c = getData(100, 4, 1, 124);
  assert.deepEqual(a.xValues, b.xValues);
  assert.deepEqual(a.yValues, b.yValues);
  assert.notDeepEqual(a.xValues, c.xValues);
  // Golden values: seed 123 must give these numbers on every machine.
  assert.deepEqual(Array.from(a.xValues.slice(0, 4), (v) => Number(v.toFixed(4))), [-0.6269, 1, -0.5155, 0.5104]);
  assert.deepEqual(Array.from(a.yValues.slice(0, 6)), [1, 1, 1, 0, 1, 1]);
  [a, b, c].forEach((d) => d.dispose());
});

test('toDataFrame shows the samples with x0..x{d-1} and y', () => {
  const data = getData(50, 3, 1, 5);
  const frame = data.toDataFrame(10);
  assert.deepEqual(frame.columns, ['x0', 'x1', 'x2', 'y']);
  assert.equal(frame.shape[0], 10);
  assert.equal(frame.column('y').values[3], data.yValues[3]);
  data.dispose();
});

test('getRecurrentData copies the label into every feature of one time step', () => {
  const data = getRecurrentData(40, 20, 2, 10, 3);
  assert.deepEqual(data.x.shape, [40, 20, 2]);
  const x = data.x.arraySync();
  const y = data.y.arraySync();
  for (let i = 0; i < 40; i++) assert.deepEqual(x[i][10], [y[i][0], y[i][0]]);
  data.dispose();
});

test('bad arguments throw RangeErrors that name the parameter and the allowed range', () => {
  const cases: Array<[() => unknown, RegExp]> = [
    [() => getData(0, 4), /n must be an integer >= 1, got 0/],
    [() => getData(1.5, 4), /n must be an integer >= 1, got 1.5/],
    [() => getData(Number.NaN, 4), /n must be an integer >= 1, got NaN/],
    [() => getData(10, 1), /inputDim must be an integer >= 2, got 1/],
    [() => getData(10, 4, 4), /attentionColumn must be an integer in \[0, 3\], got 4/],
    [() => getData(10, 4, -1), /attentionColumn must be an integer in \[0, 3\], got -1/],
    [() => getData(10, 4, 1, -3), /seed must be an integer in \[0, 4294967295\], got -3/],
    [() => getRecurrentData(10, 20, 2, 20), /attentionColumn must be an integer in \[0, 19\], got 20/],
    [() => getRecurrentData(10, 1, 2, 0), /timeSteps must be an integer >= 2, got 1/],
    [() => deriveSeed(1.5, 'test'), /seed must be an integer in \[0, 4294967295\], got 1.5/],
    [() => deriveSeed(2 ** 32, 'test'), /seed must be an integer in \[0, 4294967295\], got 4294967296/],
  ];
  for (const [call, message] of cases) assert.throws(call, (error: Error) => error instanceof RangeError && message.test(error.message));
});
