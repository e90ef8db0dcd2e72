import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { chartBundle } from '../src/notebook/display';
import { narrowChartMimeType } from '../src/notebook/mime-types';
import { attentionChart, renderSvg, trainingCurves } from '../src/plots';
import { attentionMapEpochs } from '../src/plots/attention-map';
import { narrowChart, narrowChartWidth } from '../src/plots/narrow';
import { helveticaWidth } from '../src/plots/text-width';
import type { AttentionSummary } from '../src/readout/activations';
import type { AttentionMap } from '../src/readout/attention-map';
import { compileStrictly } from './helpers/vega';

const svgWidth = (svg: string) => Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
const smallestFont = (svg: string) => Math.min(...[...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1])));

function summary(columns: number): AttentionSummary {
  const mean = Array.from({ length: columns }, (_, i) => (i === 1 ? 0.6 : 0.4 / (columns - 1)));
  return { layerName: 'attention_vec', mean, std: mean.map(() => 0.1), samples: 2000, p10: mean.map((m) => m / 2), p90: mean.map((m) => m * 1.5) };
}
const history = { loss: [0.6, 0.4, 0.2], acc: [0.6, 0.8, 0.95], val_loss: [0.5, 0.3, 0.2], val_acc: [0.7, 0.9, 0.97] };

describe('narrowChart', () => {
  it('draws the library\'s wide charts at most the narrow width, with their text at its own size', async () => {
    for (const spec of [trainingCurves(history), attentionChart(summary(32)), attentionChart(summary(4))]) {
      const [wide, narrow] = [await renderSvg(spec), await renderSvg(narrowChart(spec))];
      assert.ok(svgWidth(wide) > narrowChartWidth, `the wide chart is ${svgWidth(wide)} px`);
      assert.ok(svgWidth(narrow) <= narrowChartWidth, `the narrow chart is ${svgWidth(narrow)} px`);
      assert.equal(smallestFont(narrow), smallestFont(wide));
      compileStrictly(narrowChart(spec));
    }
  });

  it('stacks side-by-side panels, puts wrapped facets in one column and wraps the title, leaving the spec as it was', () => {
    const curves = trainingCurves(history);
    const before = structuredClone(curves);
    const narrow = narrowChart(curves) as { hconcat?: unknown; vconcat?: Array<{ width: number }>; title: { text: string[] } };
    assert.deepEqual(curves, before);
    assert.equal(narrow.hconcat, undefined);
    assert.equal(narrow.vconcat?.length, 2);
    assert.ok(narrow.vconcat.every((panel) => panel.width <= narrowChartWidth));
    const long = narrowChart({ ...curves, title: { text: 'A title much longer than a phone is wide, in several words' } }) as { title: { text: string[] } };
    const fits = (line: string) => helveticaWidth(line, 15, true) <= narrowChartWidth;
    assert.ok(long.title.text.length > 1 && long.title.text.every(fits), JSON.stringify(long.title.text));

    const map = { layerName: 'attention_vec', weights: [[0.5, 0.5], [0.2, 0.8]], answerPositions: [[0], [1]], task: { task: 'find-max' } } as unknown as AttentionMap;
    const epochs = narrowChart(attentionMapEpochs([{ epoch: 0, map }, { epoch: 1, map }, { epoch: 2, map }])) as TopLevelSpec & { columns: number };
    assert.equal(epochs.columns, 1);
  });

  it('goes into a chart\'s bundle only when the chart is wider than a phone', async () => {
    const wide = await chartBundle(trainingCurves(history));
    assert.ok(wide[narrowChartMimeType] !== undefined);
    assert.ok(svgWidth(wide[narrowChartMimeType].svg) <= narrowChartWidth);
    assert.equal(wide[narrowChartMimeType].maxWidth, svgWidth(wide['image/svg+xml']) + 48);
    const small = await chartBundle({ data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } });
    assert.equal(small[narrowChartMimeType], undefined);
  });
});
