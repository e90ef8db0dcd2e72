/**
 * notebooks/attention_faithfulness.ipynb exported through the CLI with small settings (another label
 * column, six columns, the mean baseline): it runs top to bottom on the tslab kernel, its figures
 * reach results.json, every chart reaches the HTML as SVG, with the prose generated from the run.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertPublishable, exportNotebook, svgImages } from '../helpers/notebook-export';

interface MethodFigures { mean: number[]; firstPerSample: number | null; firstOnAverage: boolean; rankOnAverage: number; share: number }
interface Results {
  notebook: string;
  parameters: Record<string, unknown>;
  finalValAcc: number;
  attentionColumn: number;
  testSamples: number;
  methods: Record<string, MethodFigures>;
  kendallTau: { methods: string[]; matrix: number[][] };
  integratedGradients: { baseline: number[]; completeness: { meanAbsGap: number; maxAbsGap: number } };
  interventions: Record<string, { accuracy: number; flipped: number; meanAbsChange: number }>;
  variants: Array<{ variant: string; parameters: number; epochsToTarget: number | null; valAcc: number[] }>;
  learning: Array<{ seed: number; share: number[]; rank: number[]; valAcc: number[] }>;
  distractors: Array<{ noise: number; distractorColumn: number; methods: Record<string, { labelShare: number; copyShare: number }> }>;
  tensorsInMemory: number;
}

const methodNames = ['attention', 'saliency', 'gradient × input', 'integrated gradients', 'occlusion', 'permutation'];

describe('notebooks/attention_faithfulness.ipynb with the label in column 4 of 6', () => {
  let outDir: string;
  let exported: ReturnType<typeof exportNotebook<Results>>;
  before(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-faithfulness-'));
    exported = exportNotebook<Results>(outDir, 'notebooks/attention_faithfulness.ipynb', [
      'attention_column=4', 'input_dim=6', 'distractor_column=0', 'n=4000', 'epochs=10', 'test_size=500',
      'ig_steps=16', 'ig_baseline=mean', 'permutation_repeats=2', 'learning_seeds=2', 'distractor_noise=0.8',
    ]);
  });
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  test('results.json holds every section’s figures, shaped by the parameters', () => {
    const { results } = exported;
    assert.equal(results.notebook, 'attention_faithfulness');
    assert.deepEqual([results.parameters.attention_column, results.parameters.ig_baseline], [4, 'mean']);
    assert.equal(results.attentionColumn, 4);
    assert.equal(results.testSamples, 500);
    assert.deepEqual(Object.keys(results.methods).sort(), [...methodNames].sort());
    assert.ok(Object.values(results.methods).every((m) => m.mean.length === 6));
    assert.equal(results.methods.permutation.firstPerSample, null);
    assert.deepEqual(results.kendallTau.methods, methodNames);
    // The mean baseline: not all zero, and integrated gradients complete to within the 16-step rule's error.
    assert.equal(results.integratedGradients.baseline.length, 6);
    assert.ok(Math.abs(results.integratedGradients.baseline[4] - 0.5) < 0.1, `baseline ${results.integratedGradients.baseline}`);
    assert.ok(results.integratedGradients.completeness.meanAbsGap < 0.01);
    assert.deepEqual(Object.keys(results.interventions).sort(), ['another sample', 'learned', 'permuted', 'uniform']);
    assert.deepEqual(results.variants.map((v) => [v.variant, v.parameters, v.valAcc.length]), [
      ['learned attention', 36 + (6 * 16 + 16) + 256 + 17, 10], ['attention frozen to uniform', 36 + (6 * 16 + 16) + 256 + 17, 10],
      ['no attention blocks', 6 * 16 + 16 + 17, 10]]);
    assert.deepEqual(results.learning.map((r) => [r.seed, r.share.length, r.rank.length]), [[42, 10, 10], [43, 10, 10]]);
    assert.deepEqual(results.distractors.map((d) => [d.noise, d.distractorColumn, Object.keys(d.methods).length]), [[0, 0, 6], [0.8, 0, 6]]);
  });

  test('the trained network learned the task, and losing the label column costs accuracy', () => {
    const { results } = exported;
    assert.ok(results.finalValAcc > 0.9, `validation accuracy ${results.finalValAcc}`);
    assert.equal(results.interventions.learned.flipped, 0);
    assert.equal(results.methods.permutation.rankOnAverage, 1, JSON.stringify(results.methods.permutation));
  });

  test('every chart is in the HTML as an inline SVG, with the prose generated from the run', () => {
    const { html } = exported;
    // The attention, the six methods, with and without attention, while learning, and the two distractor runs.
    assert.equal(svgImages(html), 6);
    assert.match(html, /On average over 500 held-out samples/);
    assert.match(html, /pass the completeness check: each sample(’|'|&#39;)s attributions sum to p\(x\) − p\(baseline\) within/);
    assert.match(html, /the label(’|'|&#39;)s column is 0 in \d+ % of the samples and at the baseline in 0 %/);
    assert.match(html, /With its own attention the network classifies \d+ % of the held-out samples correctly/);
    assert.match(html, /In \d of 2 seeds the attention ranked the label(’|'|&#39;)s column first/);
    assert.match(html, /With an exact copy of the label in column 0/);
    assert.match(html, /Attention per sample:<\/strong> it puts the label(’|'|&#39;)s column strictly first for \d+ %/);
  });

  test('the exported HTML is publishable as is', () => assertPublishable(exported.html, exported.executed));
});
