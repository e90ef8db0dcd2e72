import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chartBundle,
  displayBundle,
  htmlBundle,
  inTslabKernel,
  publishResults,
  resultsBundle,
  show,
  showHtml,
  updatableText,
  vegaLiteMimeType,
} from '../src/display';
import { attentionChart } from '../src/plots';
import { resultsMimeType } from '../src/types';

const spec = attentionChart(
  { layerName: 'attention_vec', mean: [0.1, 0.7, 0.1, 0.1], std: [0.01, 0.1, 0.01, 0.01], samples: 100 },
  { targetColumn: 1 },
);

describe('chartBundle', () => {
  it('carries the vega-lite spec, its SVG and a text description, and no HTML', async () => {
    const bundle = await chartBundle(spec);
    assert.deepEqual(Object.keys(bundle).sort(), [vegaLiteMimeType, 'image/svg+xml', 'text/plain'].sort());
    assert.equal(bundle[vegaLiteMimeType], spec);
    assert.match(bundle['image/svg+xml'], /^<svg [^>]*>.*Attention Mechanism as a function of input dimensions\..*<\/svg>$/s);
    assert.equal(bundle['text/plain'], 'Vega-Lite chart: Attention Mechanism as a function of input dimensions.');
    // The bundle crosses the kernel as JSON: it must survive the round trip unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(bundle)), bundle);
  });
});

describe('outside a tslab kernel', () => {
  it('knows it is not in a kernel, and the senders do nothing without failing', async () => {
    assert.equal(inTslabKernel(), false);
    assert.equal(displayBundle({ 'text/plain': 'hello' }), false);
    assert.equal(await show(spec), undefined);
    assert.equal(showHtml('<b>hi</b>', 'hi'), undefined);
    assert.equal(publishResults({ valAcc: 1 }), undefined);
    assert.equal(updatableText()('Epoch 1/1'), undefined);
  });
});

describe('htmlBundle', () => {
  it('pairs HTML with its plain-text fallback', () => {
    assert.deepEqual(htmlBundle('<b>hi</b>', 'hi'), { 'text/html': '<b>hi</b>', 'text/plain': 'hi' });
  });
});

describe('resultsBundle', () => {
  it('publishes plain JSON under the results MIME type with a one-line summary', () => {
    const bundle = resultsBundle({ valAcc: 0.98765, hitRate: 0.75, seeds: 5, attention: Float32Array.from([0.25, 0.75]), run: { seed: 1 }, name: 'dense' });
    assert.deepEqual(bundle[resultsMimeType], { valAcc: 0.98765, hitRate: 0.75, seeds: 5, attention: [0.25, 0.75], run: { seed: 1 }, name: 'dense' });
    assert.equal(bundle['text/plain'], 'Results: valAcc = 0.9877, hitRate = 0.75, seeds = 5, attention = [2 values], run = {1 fields}, name = dense');
  });
});
