/**
 * How long the Transformer's model view takes at 32 and 64 tokens (BertViz's users' complaint is
 * that long inputs slow its views down): building the vega-lite spec from the patterns, and
 * rendering it to the SVG an export embeds, with the SVG's size. Patterns are random causal rows,
 * since the cost depends on the shape, not the weights.
 */
import { seededRandom } from '../src/core/random';
import { renderSvg } from '../src/plots';
import { modelViewChart, type SequencePatterns } from '../src/plots/transformer-views';
import { stats, type Stats } from './measure';

export interface ModelViewRow {
  tokens: number;
  layers: number;
  heads: number;
  buildMs: Stats;
  renderMs: Stats;
  svgKilobytes: number;
}

function randomView(length: number, layers: number, heads: number, seed: number): SequencePatterns {
  const random = seededRandom(seed);
  const row = (query: number) => {
    const weights = Array.from({ length }, (_, key) => (key <= query ? random.uniform() : 0));
    const sum = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => w / sum);
  };
  return {
    tokens: Array.from({ length }, () => random.int(28)),
    patterns: Array.from({ length: layers }, () => Array.from({ length: heads }, () => Array.from({ length }, (_, q) => row(q)))),
    target: { pattern: 'induction', positions: Array.from({ length }, (_, t) => (t >= length / 2 ? t - length / 2 + 1 : -1)) },
  };
}

/** The model view of 2 layers × 2 heads at each length, `runs` times each, in this process. */
export async function measureModelViews(runs: number, log: (line: string) => void): Promise<ModelViewRow[]> {
  const rows: ModelViewRow[] = [];
  for (const tokens of [32, 64]) {
    const [build, render] = [[] as number[], [] as number[]];
    let svg = '';
    for (let run = 0; run < runs; run++) {
      const view = randomView(tokens, 2, 2, run + 1);
      const started = performance.now();
      const spec = modelViewChart(view);
      const built = performance.now();
      svg = await renderSvg(spec);
      build.push(built - started);
      render.push(performance.now() - built);
    }
    rows.push({ tokens, layers: 2, heads: 2, buildMs: stats(build), renderMs: stats(render), svgKilobytes: Buffer.byteLength(svg) / 1024 });
    log(`  model view, ${tokens} tokens: spec ${stats(build).median.toFixed(0)} ms, SVG ${stats(render).median.toFixed(0)} ms`);
  }
  return rows;
}

/** The rows as a Markdown table. */
export function modelViewTable(rows: ModelViewRow[]): string {
  const ms = (s: Stats) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
  return ['| model view | build the spec (ms) | render the SVG (ms) | SVG size (KB) |', '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.layers} layers × ${r.heads} heads, ${r.tokens} tokens | ${ms(r.buildMs)} | ${ms(r.renderMs)} | ${r.svgKilobytes.toFixed(0)} |`)].join('\n');
}
