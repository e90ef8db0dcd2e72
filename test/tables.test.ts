import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFrame } from 'danfojs-node';
import { labelCorrelation } from '../src/core/statistics';
import { tableBundle } from '../src/notebook/tables';
import { correlationVsAttention } from '../src/studies/dense/tables';
import { tf } from '../src/core/tf';

describe('tableBundle', () => {
  const df = new DataFrame({ column: [0, 1, 2], 'mean attention': [0.12345, 0.7, 0.00002], note: ['a<b', 'label', ''], tiny: [2e-5, 0, -3e-6] });

  it('renders a styled HTML table with header, index and rounded values, plus aligned text', () => {
    const bundle = tableBundle(df, { caption: 'Attention & correlation' });
    const html = bundle['text/html'];
    assert.match(html, /^<table style="[^"]*border-collapse:collapse/);
    assert.ok(html.includes('<caption style="') && html.includes('>Attention &amp; correlation</caption>'));
    for (const header of ['column', 'mean attention', 'note']) assert.ok(html.includes(`>${header}</th>`), header);
    assert.ok(html.includes('>0.123</td>') && html.includes('>0.700</td>'), 'three decimals');
    assert.ok(html.includes('>0.000</td>') && !html.includes('>2.00e-5</td><td'), 'one notation per column: fixed where the column has sizeable values');
    assert.ok(html.includes('>2.00e-5</td>') && html.includes('>-3.00e-6</td>'), 'a column of only tiny values keeps their magnitude');
    assert.ok(html.includes('>1</td>') && !html.includes('>1.000</td>'), 'whole-number columns stay whole');
    assert.ok(html.includes('>a&lt;b</td>'), 'text is escaped');
    assert.equal((html.match(/<tr /g) ?? []).length, 4, 'header row + 3 rows');
    assert.ok(!/<style|<script|<link/.test(html), 'inline styles only');
    assert.equal(
      bundle['text/plain'],
      [
        'Attention & correlation',
        '   column  mean attention  note       tiny',
        '0       0           0.123  a<b     2.00e-5',
        '1       1           0.700  label         0',
        '2       2           0.000         -3.00e-6',
      ].join('\n'),
    );
  });

  it('carries the same table as Markdown for Markdown exports: a pipe table, numbers right-aligned', () => {
    const markdown = tableBundle(new DataFrame({ r: [0.5, -0.25], 'a|b': ['x', 'y'] }, { index: ['x0', 'x1'] }),
      { caption: 'Correlation' })['text/markdown'];
    assert.equal(markdown, [
      '**Correlation**',
      '',
      '|  | r | a\\|b |',
      '|---|---:|:---|',
      '| x0 | 0.500 | x |',
      '| x1 | -0.250 | y |',
    ].join('\n'));
  });

  it('shows at most maxRows rows and says how many are left out', () => {
    const big = new DataFrame({ x: Array.from({ length: 1000 }, (_, i) => i / 7) });
    const bundle = tableBundle(big, { maxRows: 5, digits: 2 });
    assert.equal((bundle['text/html'].match(/<tbody>.*<\/tbody>/)?.[0].match(/<tr /g) ?? []).length, 5);
    assert.ok(bundle['text/html'].includes('995 more rows not shown (1,000 rows × 1 columns)'));
    assert.ok(bundle['text/plain'].includes('0.14'));
  });

  it('says so when a frame has no rows, and rejects a maxRows below 1 and digits outside toFixed\'s range', () => {
    assert.ok(tableBundle(new DataFrame([]))['text/plain'].includes('no rows'));
    assert.throws(() => tableBundle(df, { maxRows: 0 }), /maxRows must be an integer >= 1, got 0/);
    assert.throws(() => tableBundle(df, { digits: 101 }), /digits must be an integer in \[0, 100\], got 101/);
    assert.throws(() => tableBundle(df, { digits: 1.5 }), /digits must be an integer in \[0, 100\], got 1.5/);
  });

  it('renders describe() output with its statistic names as the index', () => {
    const text = tableBundle(new DataFrame({ a: [1, 2, 3.5] }).describe())['text/plain'];
    assert.match(text, /^mean\s+2\.167$/m);
    assert.match(text, /^count\s+3\.000$/m);
  });
});

describe('labelCorrelation', () => {
  it('matches a hand computation', () => {
    // x = 1,2,3 and y = 1,2,4: cov sum = 3, Σ(x−x̄)² = 2, Σ(y−ȳ)² = 42/9, r = 3 / √(2·42/9).
    const [r] = labelCorrelation([[1], [2], [3]], [1, 2, 4]);
    assert.ok(Math.abs(r - 3 / Math.sqrt((2 * 42) / 9)) < 1e-12);
  });

  it('gives 1 for the label column, −1 for its negation, NaN for a constant column; all input forms agree', () => {
    const y = [0, 1, 1, 0, 1, 0, 0, 1];
    const rows = y.map((label, i) => [label, -3 * label + 2, 5, Math.sin(i)]);
    const expected = labelCorrelation(rows, y);
    assert.ok(Math.abs(expected[0] - 1) < 1e-12 && Math.abs(expected[1] + 1) < 1e-12);
    assert.ok(Number.isNaN(expected[2]));
    assert.ok(Math.abs(expected[3]) < 1);
    const flat = Float32Array.from(rows.flat());
    const close = (actual: number[]) =>
      actual.forEach((r, j) => assert.ok(Number.isNaN(expected[j]) ? Number.isNaN(r) : Math.abs(r - expected[j]) < 1e-6));
    close(labelCorrelation(flat, Float32Array.from(y)));
    const xs = tf.tensor2d(rows);
    const ys = tf.tensor2d(y, [y.length, 1]);
    close(labelCorrelation(xs, ys));
    tf.dispose([xs, ys]);
  });

  it('is NaN when the labels are constant', () => {
    assert.ok(labelCorrelation([[1], [2], [3]], [1, 1, 1]).every(Number.isNaN));
  });

  it('handles 1,000,000 × 4 in one quick pass', () => {
    const samples = 1_000_000;
    const x = new Float32Array(samples * 4);
    const y = new Float32Array(samples);
    for (let i = 0; i < samples; i++) {
      y[i] = i % 2;
      x[i * 4] = (i * 7919) % 1000;
      x[i * 4 + 1] = y[i];
      x[i * 4 + 2] = 1e6 + y[i]; // a large offset must not wreck the result
      x[i * 4 + 3] = (i * 104729) % 997;
    }
    const start = performance.now();
    const r = labelCorrelation(x, y);
    const elapsed = performance.now() - start;
    assert.ok(Math.abs(r[1] - 1) < 1e-9 && Math.abs(r[2] - 1) < 1e-6, `r = ${r}`);
    assert.ok(Math.abs(r[0]) < 0.01 && Math.abs(r[3]) < 0.01, `r = ${r}`);
    assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  });

  it('rejects inputs that disagree or are too small', () => {
    assert.throws(() => labelCorrelation([[1], [2], [3]], [1, 2]), /3 rows but y has 2 labels/);
    assert.throws(() => labelCorrelation([[1, 2], [3]], [1, 2]), /row 1 of x has 1 values, row 0 has 2/);
    assert.throws(() => labelCorrelation(new Float32Array(5), [1, 2]), /not a whole number of rows/);
    assert.throws(() => labelCorrelation([[1]], [1]), /at least 2 samples/);
    const flat = tf.tensor1d([1, 2, 3]);
    assert.throws(() => labelCorrelation(flat as unknown as tf.Tensor2D, [1, 2, 3]), /2-D tensor/);
    flat.dispose();
  });
});

describe('correlationVsAttention', () => {
  it('puts correlation and attention (mean, 10th–90th percentile) side by side, one row per column x0, x1, …', () => {
    const attention = { layerName: 'attention_vec', mean: [0.1, 0.7, 0.2], std: [0.01, 0.1, 0.02], samples: 100,
      p10: [0.05, 0.5, 0.1], p90: [0.15, 0.9, 0.3] };
    const df = correlationVsAttention([0.01, 0.99, 0.2], attention);
    assert.deepEqual(df.columns, ['correlation with y', 'mean attention', 'attention, 10th percentile', 'attention, 90th percentile']);
    assert.deepEqual(df.index, ['x0', 'x1', 'x2']);
    assert.deepEqual(df.values, [
      [0.01, 0.1, 0.05, 0.15],
      [0.99, 0.7, 0.5, 0.9],
      [0.2, 0.2, 0.1, 0.3],
    ]);
    assert.throws(() => correlationVsAttention([0.1], attention), /1 correlations but attention over 3 columns/);
  });
});
