/** The Transformer's views: the cells a causal head can see, the targets outlined, and a 64-token view that stays light. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderSvg } from '../src/plots';
import { headViewChart, modelViewChart, type SequencePatterns } from '../src/plots/transformer-views';

const causalView = (length: number): SequencePatterns => ({
  tokens: Array.from({ length }, (_, t) => t % 7),
  patterns: [0, 1].map(() => [0, 1].map(() => Array.from({ length }, (_, q) => Array.from({ length }, (_, k) => (k <= q ? 1 / (q + 1) : 0))))),
  target: { pattern: 'induction', positions: Array.from({ length }, (_, t) => (t >= length / 2 ? t - length / 2 + 1 : -1)) },
});

describe('Transformer views', () => {
  it('the model view holds the cells at or below the diagonal of every head, and outlines one target per position that has one', async () => {
    const spec = modelViewChart(causalView(6)) as unknown as { data: { values: Array<{ query: number; key: number; target: boolean }> } };
    const values = spec.data.values;
    assert.equal(values.length, 2 * 2 * (6 * 7) / 2);
    assert.ok(values.every((c) => c.key <= c.query));
    assert.equal(values.filter((c) => c.target).length, 2 * 2 * 3);
    const svg = await renderSvg(modelViewChart(causalView(6)));
    assert.doesNotMatch(svg, /aria-label="Attends to/, "each cell has no ARIA label of its own");
  });

  it('the head view keeps every key position on its axis', () => {
    const spec = headViewChart(causalView(6), { layer: 1, head: 0 }) as unknown as { data: { values: Array<{ key: number }> } };
    assert.deepEqual([...new Set(spec.data.values.map((c) => c.key))].sort(), [0, 1, 2, 3, 4, 5]);
  });

  it('a 64-token model view of 2 × 2 heads renders to an SVG under a megabyte', async () => {
    const svg = await renderSvg(modelViewChart(causalView(64)));
    assert.ok(Buffer.byteLength(svg) < 1024 * 1024, `${(Buffer.byteLength(svg) / 1024).toFixed(0)} KB`);
  });
});
