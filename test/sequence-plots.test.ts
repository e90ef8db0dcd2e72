import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttentionMap } from '../src/experiment/attention-map';
import type { ComparisonRun } from '../src/experiment/sequence-comparison';
import { attentionMapChart, attentionMapEpochs, colors, headComparisonChart, renderSvg } from '../src/plots';
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
