/**
 * The display helpers, as a notebook uses them: a fixture notebook calls each of them on the real
 * tslab kernel (through `attention-lab export`), and the outputs it recorded are checked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chartAlt, chartBundle, chartMetadata, htmlBundle } from '../../src/notebook/display';
import { resultsMimeType } from '../../runner/protocol';
import { narrowChartMimeType, vegaLiteMimeType } from '../../src/notebook/mime-types';
import { resultsBundle } from '../../src/notebook/results';
import { attentionChart } from '../../src/plots';
import { projectRoot } from '../../runner/paths';

const spec = attentionChart(
  { layerName: 'attention_vec', mean: [0.1, 0.7, 0.1, 0.1], std: [0.01, 0.1, 0.01, 0.01], samples: 100,
    p10: [0.05, 0.5, 0.05, 0.05], p90: [0.15, 0.9, 0.15, 0.15] },
  { attentionColumn: 1 },
);

describe('chartBundle', () => {
  it('carries the vega-lite spec, its SVG, its narrow SVG for phones and a text description, and no HTML', async () => {
    const bundle = await chartBundle(spec);
    assert.deepEqual(Object.keys(bundle).sort(), [vegaLiteMimeType, 'image/svg+xml', 'text/plain', narrowChartMimeType].sort());
    assert.match(bundle[narrowChartMimeType]?.svg ?? '', /^<svg [^>]*>.*<\/svg>$/s);
    assert.equal(bundle[vegaLiteMimeType], spec);
    assert.match(bundle['image/svg+xml'], /^<svg [^>]*>.*Attention Mechanism as a function of input dimensions\..*<\/svg>$/s);
    assert.equal(bundle['text/plain'], 'Vega-Lite chart: Attention Mechanism as a function of input dimensions.');
    // The bundle crosses the kernel as JSON: it must survive the round trip unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(bundle)), bundle);
  });
});

describe('chartAlt', () => {
  it('says what the chart is: its title, what it draws and its subtitle', () => {
    assert.equal(chartAlt(spec), 'Attention Mechanism as a function of input dimensions. Bar chart of the mean attention per column: '
      + 'mean over 100 samples, error bars: 10th–90th percentile of samples (layer "attention_vec"); the label is copied into column 1.');
    assert.deepEqual(chartMetadata(spec), { 'image/svg+xml': { alt: chartAlt(spec) } });
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

interface Output { output_type: string; data?: Record<string, unknown>; metadata?: Record<string, unknown> }

/** nbformat may store a text value as a list of lines. */
const joined = (value: unknown): string => (Array.isArray(value) ? value.join('') : String(value));

describe('inside a tslab kernel', () => {
  let workDir: string;
  let outputs: Output[][];

  before(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-display-'));
    const run = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'export',
      'test/fixtures/display.ipynb', '--out', workDir], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, `export failed:\n${run.stdout}\n${run.stderr}`);
    const notebook = JSON.parse(fs.readFileSync(path.join(workDir, 'display.ipynb'), 'utf8')) as { cells: Array<{ outputs?: Output[] }> };
    outputs = notebook.cells.filter((cell) => cell.outputs !== undefined).map((cell) => cell.outputs ?? []);
  });
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('sends one display_data per call, each with its MIME types', () => {
    const kinds = outputs[0].map((output) => [output.output_type, Object.keys(output.data ?? {}).sort().join(' ')]);
    assert.deepEqual(kinds, [
      ['display_data', ['image/svg+xml', 'text/plain', vegaLiteMimeType, narrowChartMimeType].sort().join(' ')],
      ['display_data', 'text/html text/plain'],
      ['display_data', 'text/markdown'],
      ['display_data', 'text/html text/markdown text/plain'],
      ['display_data', [resultsMimeType, 'text/plain'].sort().join(' ')],
    ]);
    // The chart's alt text for exports travels as output metadata, keyed by MIME type (IPython's convention).
    assert.deepEqual(outputs[0][0].metadata, chartMetadata(spec));
    const [chart, html, markdown, table, results] = outputs[0].map((output) => output.data ?? {});
    assert.deepEqual(chart[vegaLiteMimeType], spec);
    assert.equal(joined(html['text/html']), '<b>bold</b>');
    assert.equal(joined(markdown['text/markdown']), '**generated** prose');
    assert.match(joined(table['text/html']), /<caption[^>]*>a table<\/caption>.*>x1<\/th><td[^>]*>0\.990<\/td>/s);
    assert.deepEqual(results[resultsMimeType], { answer: 42 });
  });

  it('keeps the training log in one output, replaced in place, under the gradient route it used', () => {
    assert.equal(outputs[1].length, 1, 'one output for three epochs');
    const [route, ...epochs] = joined((outputs[1][0].data ?? {})['text/plain']).split('\n');
    assert.equal(route, "Gradients: by hand (equal to tfjs's tape on the first batch, max difference 2.0e-8)");
    assert.deepEqual(epochs.map((line) => line.split(' ')[1]), ['1/3', '2/3', '3/3']);
  });
});
