/**
 * The real notebooks, exported through the CLI with small settings: they run top to bottom on the
 * tslab kernel, every chart reaches the HTML as SVG, results.json matches the parameters, and the
 * attention finds a non-default label column.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertPublishable, exportNotebook, svgImages } from '../helpers/notebook-export';

interface Results {
  notebook: string;
  parameters: Record<string, unknown>;
  modelParameters: number;
  finalValAcc: number;
  attention: { mean: number[]; std: number[]; p10: number[]; p90: number[]; samples: number; argmax: number };
  sweep?: { hitRate: number; runs: number; cells: Array<{ column: number; seed: number }> };
  tensorsInMemory: number;
}

describe('notebooks/attention_dense.ipynb with the label in column 3 of 8', () => {
  let outDir: string;
  let exported: ReturnType<typeof exportNotebook<Results>>;
  before(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-dense-'));
    exported = exportNotebook<Results>(outDir, 'notebooks/attention_dense.ipynb',
      ['attention_column=3', 'input_dim=8', 'n=4000', 'epochs=10', 'sweep_seeds=1']);
  });
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  test('results.json is consistent with the parameters', () => {
    const { results } = exported;
    assert.equal(results.notebook, 'attention_dense');
    assert.equal(results.parameters.attention_column, 3);
    assert.equal(results.parameters.input_dim, 8);
    assert.equal(results.modelParameters, 8 * 8 + (8 * 16 + 16) + 16 * 16 + 17);
    assert.equal(results.attention.mean.length, 8);
    assert.equal(results.attention.samples, 2000);
    assert.equal(results.sweep?.runs, 8); // every column once
    assert.deepEqual(results.sweep?.cells.map((c) => c.column), [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('the averaged attention peaks on the chosen column', () => {
    const { attention, finalValAcc } = exported.results;
    assert.ok(finalValAcc > 0.9, `validation accuracy ${finalValAcc}`);
    assert.equal(attention.argmax, 3, `attention ${attention.mean.map((v) => v.toFixed(3)).join(', ')}`);
    // The spread the charts and prose show is in results.json too, and it bounds a softmax weight's range.
    attention.mean.forEach((mean, i) => assert.ok(attention.p10[i] >= 0 && attention.p10[i] <= attention.p90[i] && attention.p90[i] <= 1,
      `column ${i}: 10th–90th percentile ${attention.p10[i]}–${attention.p90[i]}, mean ${mean}`));
  });

  test('every chart is in the HTML as an inline SVG, with the generated prose', () => {
    const { html } = exported;
    assert.equal(svgImages(html), 4); // training curves, attention_vec, attention_vec1, sweep heatmap
    assert.match(html, /Column 3 — the label’s column — receives|Column 3 — the label's column — receives|Column 3 — the label&#39;s column — receives/);
    assert.match(html, /In \d+ of 8 runs \(\d+ %\) the attention peaked on the label/);
  });

  test('the exported HTML is publishable as is', () => assertPublishable(exported.html, exported.executed));
});

describe('notebooks/attention_lstm.ipynb with small settings', () => {
  let outDir: string;
  let exported: ReturnType<typeof exportNotebook<Results>>;
  before(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-lstm-'));
    exported = exportNotebook<Results>(outDir, 'notebooks/attention_lstm.ipynb', ['n=3000', 'epochs=1', 'attention_column=5', 'time_steps=12']);
  });
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  test('runs through, with the attention over every time step and its chart', () => {
    const { results, html } = exported;
    assert.equal(results.parameters.time_steps, 12);
    assert.equal(results.attention.mean.length, 12);
    assert.equal(svgImages(html), 1);
    assertPublishable(html, exported.executed);
  });
});

describe('notebooks/attention_sequence.ipynb with small settings and the Bahdanau score', () => {
  let outDir: string;
  let exported: ReturnType<typeof exportNotebook>;
  before(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-sequence-'));
    exported = exportNotebook(outDir, 'notebooks/attention_sequence.ipynb', ['score=bahdanau', 'time_steps=6', 'n=800', 'epochs=3',
      'test_size=100', 'map_rows=6', 'comparison_seeds=2', 'comparison_n=300', 'comparison_epochs=1', 'ig_steps=20', 'ig_baseline=mean']);
  });
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  test('results.json holds both tasks\' figures, consistent with the parameters', () => {
    const results = exported.results as unknown as Record<string, unknown> & { parameters: Record<string, unknown> };
    assert.equal(results.parameters.score, 'bahdanau');
    for (const key of ['findMax', 'addTwo']) {
      const task = results[key] as {
        onAnswerByEpoch: number[]; heldOutSequences: number; uniform: number; attentionOnAnswer: { mean: number };
        comparison: { attention: { valAcc: number[] }; dense: { valAcc: number[] } };
        integratedGradients: {
          steps: number; baseline: string; onAnswer: { mean: number }; meanPerStep: number[]; samePeakAsAttention: number;
          completeness: { meanAbsGap: number; meanAbsOutputChange: number };
        };
      };
      assert.equal(task.onAnswerByEpoch.length, 3 + 1, key); // before training, then each epoch
      assert.equal(task.heldOutSequences, 100, key);
      assert.equal(task.comparison.attention.valAcc.length, 2, key);
      assert.equal(task.comparison.dense.valAcc.length, 2, key);
      const ig = task.integratedGradients;
      assert.equal(ig.steps, 20, key);
      assert.equal(ig.baseline, 'mean', key);
      assert.equal(ig.meanPerStep.length, 6, key);
      assert.ok(ig.onAnswer.mean > 0 && ig.onAnswer.mean <= 1 && ig.samePeakAsAttention >= 0 && ig.samePeakAsAttention <= 1, key);
      assert.ok(ig.completeness.meanAbsGap < 0.05 * ig.completeness.meanAbsOutputChange, `${key}: completeness gap ${ig.completeness.meanAbsGap}`);
    }
    const addTwo = results.addTwo as { uniform: number; attentionOnAnswer: { mean: number } };
    assert.equal(addTwo.uniform, 2 / 6);
    assert.ok(addTwo.attentionOnAnswer.mean > 2 * addTwo.uniform, `add-two: ${addTwo.attentionOnAnswer.mean} on the marked steps`);
  });

  test('every chart is in the HTML as an inline SVG, with the generated prose', () => {
    const { html } = exported;
    assert.equal(svgImages(html), 8); // per task: the map, its epochs, attention vs Dense, attention vs integrated gradients
    assert.match(html, /of the attention falls on the two marked steps/);
    assert.match(html, /find-max, 2 seeds: the attention head \(\d+ parameters\) reached/);
    assert.match(html, /On the same 100 held-out sequences, integrated gradients over the raw input steps put \d\.\d\d ± \d\.\d\d of each sequence's attribution on the two marked steps/);
    assert.match(html, /split each step by feature: \d\.\d\d of their mass on the values and \d\.\d\d on the markers/);
    assertPublishable(html, exported.executed);
  });
});

describe('notebooks/attention_transformer.ipynb with small settings and mean ablation', () => {
  let outDir: string;
  let exported: ReturnType<typeof exportNotebook>;
  before(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-transformer-'));
    exported = exportNotebook(outDir, 'notebooks/attention_transformer.ipynb', ['length=16', 'shortest_segment=5', 'train_sequences=200', 'steps=50',
      'test_size=30', 'ablation=mean', 'heads=4', 'seed_checks=1']);
  });
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  test('results.json holds every head\'s target scores, the ablations, the replacements and the rollout comparison', () => {
    const results = exported.results as unknown as {
      parameters: Record<string, unknown>; steps: number; headScores: { layer: number; head: number; shares: Record<string, number>; prefixMatching: number }[];
      ablations: { kind: string; heads: { accuracy: number }[] }[]; replacements: { replacement: string }[];
      sourceScores: { method: string; share: number; topRate: number }[]; learning: { step: number }[]; modelViewMilliseconds: number;
    };
    assert.equal(results.parameters.heads, 4);
    assert.equal(results.headScores.length, 2 * 4);
    for (const score of results.headScores) {
      for (const pattern of ['previous', 'duplicate', 'induction']) assert.ok(score.shares[pattern] >= 0 && score.shares[pattern] <= 1, pattern);
    }
    assert.equal(results.ablations[0].kind, 'mean');
    assert.equal(results.ablations[0].heads.length, 8);
    assert.deepEqual(results.replacements.map((r) => r.replacement), ['other sequence', 'uniform']);
    assert.deepEqual(results.sourceScores.map((s) => s.method), ['raw attention', 'rollout', 'gradient × input']);
    // 50 steps of batch 16 over 200 sequences: 4 epochs of 13 steps, measured before training and after each.
    assert.deepEqual(results.learning.map((p) => p.step), [0, 13, 26, 39, 52]);
    assert.equal(results.steps, 52);
    assert.ok(results.modelViewMilliseconds > 0);
  });

  test('results.json holds the seed checks: the notebook\'s seed and the next one', () => {
    const results = exported.results as unknown as { seedChecks: { seed: number; steps: number }[] };
    assert.deepEqual(results.seedChecks.map((c) => [c.seed, c.steps]), [[42, 52], [43, 52]]);
  });

  test('every chart is in the HTML as an inline SVG, with the generated prose', () => {
    const { html } = exported;
    assert.equal(svgImages(html), 4); // heads over training, score heatmap, model view, head view
    assert.match(html, /(an|no) induction head formed/);
    assert.match(html, /With every head intact the in-context accuracy on the repeat is \d+ %\. With one head mean-ablated at a time, costliest first: layer \d, head \d/);
    assert.match(html, /With seeds 42, 43 \(the notebook's seed first|With seeds 42, 43, no run formed an induction head/);
    assert.match(html, /rollout puts \d\.\d\d on it/);
    assertPublishable(html, exported.executed);
  });
});

/** What the defaults must find in every seed (the criterion): an induction head, and the circuit's heads mattering. */
interface InductionResults {
  parameters: Record<string, unknown>;
  headScores: { layer: number; head: number; shares: Record<string, number>; prefixMatching: number }[];
  inductionHeads: { layer: number; head: number }[];
  previousTokenHead: { layer: number; head: number } | null;
  ablations: { kind: string; intactAccuracy: number; heads: { layer: number; head: number; accuracy: number; accuracyDrop: number }[] }[];
  jointAblation: { accuracy: number } | null;
  sourceScores: { method: string; share: number }[];
  seedChecks: { seed: number; best: { prefixMatching: number }; inContextAccuracy: number; ablatedAccuracy: number }[];
}

describe('notebooks/attention_transformer.ipynb with its defaults, and with two other seeds', () => {
  let outDir: string;
  const runs: Array<{ seed: number; results: InductionResults; html: string }> = [];
  before(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-induction-'));
    for (const [seed, extra] of [[42, []], [7, ['seed=7', 'seed_checks=0']], [2026, ['seed=2026', 'seed_checks=0']]] as const) {
      const exported = exportNotebook<InductionResults>(path.join(outDir, String(seed)), 'notebooks/attention_transformer.ipynb', [...extra]);
      runs.push({ seed, results: exported.results, html: exported.html });
    }
  });
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  test('each run\'s results.json holds every head\'s target scores, the ablation results and the rollout comparison', () => {
    for (const { seed, results } of runs) {
      assert.equal(results.parameters.seed, seed);
      assert.equal(results.headScores.length, 2 * 2, `seed ${seed}`);
      assert.equal(results.ablations[0].heads.length, 2 * 2, `seed ${seed}`);
      assert.ok(results.sourceScores.some((s) => s.method === 'rollout' && s.share >= 0 && s.share <= 1), `seed ${seed}`);
    }
  });

  test('in every run an induction head forms, and ablating it costs the repeat most of its in-context accuracy; other heads cost little', () => {
    for (const { seed, results } of runs) {
      const last = results.headScores.filter((s) => s.layer === 1);
      assert.ok(Math.max(...last.map((s) => s.prefixMatching)) >= 0.5, `seed ${seed}: best prefix matching ${Math.max(...last.map((s) => s.prefixMatching))}`);
      const study = results.ablations[0];
      // The induction heads ablated (together, when two share the work) leave less than half the accuracy.
      const circuitAccuracy = results.jointAblation?.accuracy
        ?? study.heads.find((h) => h.layer === results.inductionHeads[0].layer && h.head === results.inductionHeads[0].head)!.accuracy;
      assert.ok(circuitAccuracy < study.intactAccuracy / 2, `seed ${seed}: ${circuitAccuracy} of ${study.intactAccuracy} left`);
      // A head outside the circuit (neither an induction head nor the previous-token head they read) costs little.
      const inCircuit = [...results.inductionHeads, ...(results.previousTokenHead === null ? [] : [results.previousTokenHead])];
      for (const h of study.heads.filter((h) => !inCircuit.some((c) => c.layer === h.layer && c.head === h.head))) {
        assert.ok(h.accuracyDrop < 0.1, `seed ${seed}: ablating layer ${h.layer + 1}, head ${h.head + 1} costs ${h.accuracyDrop}`);
      }
    }
  });

  test('the defaults\' own check of three seeds finds the head in each, and says so', () => {
    const [defaults] = runs;
    assert.deepEqual(defaults.results.seedChecks.map((c) => c.seed), [42, 43, 44]);
    for (const check of defaults.results.seedChecks) assert.ok(check.best.prefixMatching >= 0.5, `seed ${check.seed}`);
    assert.match(defaults.html, /With seeds 42, 43, 44 \(the notebook's seed first, each with its own data and weights\) an induction head formed in 3 of 3 runs/);
  });
});
