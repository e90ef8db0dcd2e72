import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runtimeBars, scalingChart } from '../bench/charts';
import { renderSvg } from '../src/plots';
import { compileStrictly } from './helpers/vega';

describe('benchmark charts', () => {
  it('draws one throughput line per runtime in each input_dim panel', async () => {
    const points = ['tfjs-node', 'Keras'].flatMap((runtime) => [4, 32].flatMap((inputDim) =>
      [1e4, 1e5, 1e6].map((n) => ({ runtime, n, inputDim, samplesPerSecond: n / 100 + inputDim }))));
    const spec = scalingChart(points);
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    assert.ok(svg.startsWith('<svg'));
    assert.equal((svg.match(/class="mark-line /g) ?? []).length, 4); // 2 runtimes × 2 panels
    assert.throws(() => scalingChart([]), /no scaling points/);
  });

  it('labels the bar of every runtime with its value', async () => {
    const spec = runtimeBars([{ runtime: 'tfjs-node', value: 13.97 }, { runtime: 'Keras', value: 11.2 }], 'Training', 's');
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    assert.ok(svg.includes('>13.97<') && svg.includes('>11.2<'));
  });
});
