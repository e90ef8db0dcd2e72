import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttentionMap } from '../src/readout/attention-map';
import type { ComparisonRun } from '../src/studies/sequence/comparison';
import type { StepAttributions } from '../src/explain/step-attributions';
import { attentionMapChart, attentionMapEpochs, attentionVsAttributionChart, colors, renderSvg } from '../src/plots';
import { headComparisonChart } from '../src/studies/sequence/head-comparison-chart';
import { compileStrictly, markItems } from './helpers/vega';

const map: AttentionMap = {
  layerName: 'attention_weight',
  weights: [[0.7, 0.1, 0.1, 0.1], [0.1, 0.1, 0.4, 0.4], [0.25, 0.25, 0.25, 0.25]],
  answerPositions: [[0], [2, 3], [1, 3]],
  task: { task: 'add-two', seed: 1, n: 3, timeSteps: 4, inputDim: 2, threshold: 1 },
};

test('the attention map: a cell per sequence and step, the answer steps outlined in the label colour', async () => {
  const spec = attentionMapChart(map);
  compileStrictly(spec);
  const svg = await renderSvg(spec);
  assert.equal(markItems(svg, 'cells').length, 12);
  const outlines = markItems(svg, 'answer');
  assert.equal(outlines.length, 5); // 1 + 2 + 2 answer steps
  outlines.forEach((item) => assert.match(item, new RegExp(`stroke="${colors.label}"`)));
  assert.match(svg, /the two marked steps/);
});

test('the epochs\' small multiples: one panel per epoch, each with every cell and outline', async () => {
  const spec = attentionMapEpochs([0, 1, 2].map((epoch) => ({ epoch, map })));
  compileStrictly(spec);
  const svg = await renderSvg(spec);
  assert.equal(markItems(svg, 'cells').length, 3 * 12);
  assert.equal(markItems(svg, 'answer').length, 3 * 5);
  assert.match(svg, /before training/);
  for (const epoch of [1, 2]) assert.match(svg, new RegExp(`after epoch ${epoch}`));
  assert.throws(() => attentionMapEpochs([]), { name: 'RangeError' });
  assert.throws(() => attentionMapEpochs([{ epoch: 0, map }], { columns: 0 }), /RangeError: columns must be an integer >= 1, got 0/);
});

test('attention vs Dense: a point per run, with both heads\' parameter counts', async () => {
  const runs: ComparisonRun[] = [1, 2, 3].flatMap((seed) => [
    { head: 'attention' as const, seed, parameters: 817, valAcc: 0.9 + seed / 100, seconds: 1 },
    { head: 'dense' as const, seed, parameters: 843, valAcc: 0.6 + seed / 100, seconds: 1 },
  ]);
  const spec = headComparisonChart(runs);
  compileStrictly(spec);
  const svg = await renderSvg(spec);
  assert.equal(markItems(svg, 'runs').length, 6);
  assert.match(svg, /attention \(817 parameters\)/);
  assert.match(svg, /dense \(843 parameters\)/);
  assert.match(svg, /3 seeds each/);
});

test('attention vs integrated gradients: the same sequences in two panels, the attributions as shares of their row', async () => {
  const attributions: StepAttributions = {
    perStep: [[2, 0, 0, 2], [1, 1, 1, 1], [0, 3, 0, 1], [9, 9, 9, 9]], mean: [3, 3.25, 2.5, 3.25],
    shares: [[0.5, 0, 0, 0.5], [0.25, 0.25, 0.25, 0.25], [0, 0.75, 0, 0.25], [0.25, 0.25, 0.25, 0.25]],
    timeSteps: 4, features: 2, featureShares: [0.6, 0.4], completeness: { meanAbsGap: 0, maxAbsGap: 0, meanAbsOutputChange: 1 },
  };
  const spec = attentionVsAttributionChart(map, attributions);
  compileStrictly(spec);
  const svg = await renderSvg(spec);
  assert.equal(markItems(svg, 'cells').length, 2 * 12); // the map's 3 sequences only, in each panel
  assert.equal(markItems(svg, 'answer').length, 2 * 5);
  assert.ok(svg.indexOf('attention over hidden states h_t') < svg.indexOf('integrated gradients over inputs x_t'), 'attention on the left');
  const cells = (spec as unknown as { data: { values: Array<{ panel: string; sequence: number; step: number; weight: number }> } }).data.values;
  const cell = (panel: string, sequence: number, step: number) => cells.find((c) => c.panel.startsWith(panel) && c.sequence === sequence && c.step === step)?.weight;
  assert.equal(cell('attention', 2, 1), 0.25);
  assert.equal(cell('integrated', 2, 1), 0.75);
  assert.throws(() => attentionVsAttributionChart(map, { ...attributions, timeSteps: 5 }), { name: 'RangeError', message: /attributions must cover the map's 3 sequences × 4 steps, got 4 × 5/ });
});
