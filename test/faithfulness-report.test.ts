/**
 * The faithfulness notebook's charts, tables, prose and results from hand-made figures: the charts
 * compile without warnings and mark the label's column, and every sentence states the figures it was given.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VariantRun } from '../src/studies/faithfulness/ablation';
import type { LearningRun } from '../src/studies/faithfulness/while-learning';
import type { Attribution, AttributionMethod } from '../src/explain/attribution';
import type { AttributionComparison } from '../src/explain/compare-methods';
import type { DistractorRun } from '../src/studies/faithfulness/distractors';
import type { InterventionResult } from '../src/studies/faithfulness/interventions';
import { labelRanking } from '../src/explain/ranking';
import {
  describeAttributionRanking, describeBaselineBlindSpot, describeCompleteness, describeDistractor, describeFaithfulnessFindings, describeInterventions,
  describeLearning, describeVariants, epochAttentionSettled,
} from '../src/studies/faithfulness/narrative';
import { faithfulnessResults } from '../src/studies/faithfulness/results';
import { attributionTable, interventionTable } from '../src/studies/faithfulness/tables';
import { attentionWhileLearningChart } from '../src/studies/faithfulness/while-learning-chart';
import { attributionChart } from '../src/plots/attribution-chart';
import { renderSvg } from '../src/plots/render';
import { variantCurves } from '../src/studies/faithfulness/variant-curves';
import { compileStrictly, markItems } from './helpers/vega';

const method = (name: AttributionMethod, mean: number[], perSample = true): Attribution => ({
  method: name, samples: 2, columns: mean.length, signed: false, mean, std: mean.map(() => 0.01),
  values: perSample ? Float32Array.from([...mean, ...mean]) : undefined,
});

function comparison(attentionMean: number[]): AttributionComparison {
  const methods = [method('attention', attentionMean), method('saliency', [0.1, 0.8, 0.05, 0.05]), method('permutation', [0, 0.5, 0, 0], false)];
  return {
    attentionColumn: 1, methods, rankings: methods.map((m) => labelRanking(m, 1)),
    tau: methods.map((_, i) => methods.map((__, j) => (i === j ? 1 : 0.5))),
    integratedGradients: { baseline: [0, 0, 0, 0], completeness: { meanAbsGap: 1.2e-6, maxAbsGap: 3e-5, meanAbsOutputChange: 0.51 } },
    labelColumnAtZero: 0.483, labelColumnAtBaseline: 0.483,
  };
}

const interventions: InterventionResult[] = [
  { intervention: 'learned', accuracy: 1, meanAbsChange: 0, flipped: 0 },
  { intervention: 'uniform', accuracy: 0.483, meanAbsChange: 0.498, flipped: 0.517 },
];
const history = (valAcc: number[]) => ({ loss: valAcc, acc: valAcc, val_loss: valAcc, val_acc: valAcc, route: { name: 'by hand' }, seconds: 1 });
const variants: VariantRun[] = [
  { variant: 'learned attention', parameters: 369, history: history([0.6, 0.995, 1]), epochsToTarget: 2 },
  { variant: 'no attention blocks', parameters: 97, history: history([0.99, 1, 1]), epochsToTarget: 1 },
];
const learning: LearningRun[] = [{ seed: 7, points: [
  { epoch: 1, share: 0.3, rank: 2, valAcc: 0.6 }, { epoch: 2, share: 0.4, rank: 1, valAcc: 0.9 }, { epoch: 3, share: 0.45, rank: 1, valAcc: 0.995 },
] }];
const distractor = (noise: number, copy: number): DistractorRun => {
  const base = comparison([0.2, 0.4, 0.1, copy]);
  return { noise, distractorColumn: 3, testAcc: 1, comparison: base };
};

describe('faithfulness charts', () => {
  test('the attribution chart: one row per method, the label and copy columns outlined', async () => {
    const spec = attributionChart(comparison([0.1, 0.6, 0.2, 0.1]).methods, { attentionColumn: 1, distractorColumn: 3 });
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    assert.equal(markItems(svg, 'cells').length, 12);
    assert.equal(markItems(svg, 'label_cells').length, 3);
    assert.equal(markItems(svg, 'copy_cells').length, 3);
    assert.throws(() => attributionChart([], {}), /at least one method/);
    assert.throws(() => attributionChart(comparison([0.1, 0.6, 0.2, 0.1]).methods, { attentionColumn: 4 }), /RangeError: attentionColumn must be an integer in \[0, 3\]/);
  });

  test('attention while learning: three panels, a line per seed; variant curves: a line per variant', async () => {
    const spec = attentionWhileLearningChart([...learning, { ...learning[0], seed: 8 }]);
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    for (const panel of ['panel_0', 'panel_1', 'panel_2']) assert.ok(markItems(svg, panel).length >= 2, panel);
    const curves = variantCurves(variants);
    compileStrictly(curves);
    assert.match(await renderSvg(curves), /no attention blocks \(97 parameters\)/);
  });
});

describe('faithfulness prose states the figures it is given', () => {
  test('ranking, completeness and interventions', () => {
    assert.equal(describeAttributionRanking(comparison([0.1, 0.6, 0.2, 0.1])),
      "On average over 2 held-out samples, all 3 methods rank column 1 — the label's — first. Sample by sample the picture differs: "
      + "the label's column comes strictly first for attention 100 % and saliency 100 % of the samples. "
      + 'The attention gives it 0.60 of its weight on average, where a uniform split would give 0.25.');
    assert.match(describeAttributionRanking(comparison([0.5, 0.3, 0.1, 0.1])), /attention \(rank 2\) does not rank column 1/);
    assert.match(describeCompleteness(comparison([0.1, 0.6, 0.2, 0.1]), 50), /50 steps\) pass the completeness check: .* within 1\.2e-6 on average \(at most 3\.0e-5\), against a mean \|p\(x\) − p\(baseline\)\| of 0\.510/);
    assert.match(describeBaselineBlindSpot(comparison([0.1, 0.6, 0.2, 0.1])),
      /\(0\.00 for column 1\): the label's column is 0 in 48 % of the samples and at the baseline in 48 %/);
    assert.match(describeInterventions(interventions),
      /classifies 100 %.*with uniform attention 48 % \(52 % of the predictions flip, mean \|Δp\| 0\.498\)\. The prediction needs the attention it computes: uniform attention costs 51\.7 points/);
    assert.match(describeInterventions([interventions[0], { ...interventions[1], accuracy: 0.99 }]), /barely depends on the attention it shows/);
  });

  test('controls, learning and distractors', () => {
    assert.match(describeVariants(variants), /learned attention \(369 parameters\) reached 99 % at epoch 2.*no attention blocks \(97 parameters\) reached 99 % at epoch 1.*does not need the attention/);
    assert.equal(epochAttentionSettled(learning[0]), 2);
    assert.equal(epochAttentionSettled({ seed: 1, points: [{ epoch: 1, share: 0.3, rank: 1, valAcc: 1 }, { epoch: 2, share: 0.2, rank: 2, valAcc: 1 }] }), null);
    assert.match(describeLearning(learning), /In 1 of 1 seeds .* \(seed 7: ranked first from epoch 2, 99 % accuracy at epoch 3, final share 0\.45\)/);
    assert.match(describeDistractor(distractor(0, 0.6)), /exact copy of the label in column 3 .* attention 0\.31 \/ 0\.46.*either is a right answer: saliency and permutation favour column 1; attention favours column 3\./);
    assert.match(describeDistractor(distractor(0.5, 0.1)), /noise of standard deviation 0\.5 .* Every method credits the clean column 1 more than the noisy copy/);
  });

  test('the closing findings carry their figures; the verdicts follow the numbers', () => {
    const findings = { comparison: comparison([0.1, 0.6, 0.2, 0.1]), interventions, variants, learning, distractors: [distractor(0, 0.6)] };
    const text = describeFaithfulnessFindings(findings);
    assert.match(text, /Attention on average:\*\* it ranks the label's column first with 0\.60 of its weight \(a uniform split: 0\.25\)/);
    assert.match(text, /from 100 % to 48 % \(52 % of predictions flip\): the prediction needs the attention/);
    assert.match(text, /\(97 parameters\) reached 99 % validation accuracy at epoch 1, against epoch 2 with it: the task does not need attention/);
    assert.match(text, /Exact copy:\*\* the attention gives the label's column 0\.31 and the copy 0\.46/);
    const slowWithout = describeFaithfulnessFindings({ ...findings, variants: [variants[0], { ...variants[1], epochsToTarget: null }] });
    assert.match(slowWithout, /never reached 99 %, against epoch 2 with it: the task is learned faster with attention/);
  });

  test('tables and results.json figures', () => {
    const table = attributionTable(comparison([0.1, 0.6, 0.2, 0.1]));
    assert.deepEqual(table.index, ['attention', 'saliency', 'permutation']);
    assert.deepEqual(interventionTable(interventions).index, ['with its own attention', 'with uniform attention']);
    const results = faithfulnessResults({ comparison: comparison([0.1, 0.6, 0.2, 0.1]), interventions, variants, learning, distractors: [distractor(0.5, 0.1)], finalValAcc: 1 });
    assert.deepEqual((results.methods as Record<string, { firstPerSample: number | null }>).permutation.firstPerSample, null);
    assert.deepEqual((results.learning as Array<{ attentionSettledEpoch: number }>)[0].attentionSettledEpoch, 2);
    assert.deepEqual((results.variants as Array<{ epochsToTarget: number }>).map((v) => v.epochsToTarget), [2, 1]);
  });
});
