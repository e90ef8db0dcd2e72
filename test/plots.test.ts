import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { AttentionSummary } from '../src/readout/activations';
import type { SweepRun } from '../src/studies/dense/sweep';
import { attentionHeatmap } from '../src/studies/dense/sweep-heatmap';
import {
  attentionChart,
  attentionOverTime,
  colors,
  originalAttentionTitle,
  renderSvg,
  saveSvg,
  trainingCurves,
} from '../src/plots';
import type { TrainingMetrics } from '../src/training/train';
import { compileStrictly, markItems } from './helpers/vega';

function summary(columns: number, target: number): AttentionSummary {
  const mean = Array.from({ length: columns }, (_, i) => (i === target ? 0.6 : 0.4 / (columns - 1)));
  // A softmax weight near 0 or 1 per sample: a std so large that mean ± std would leave [0, 1].
  return { layerName: 'attention_vec', mean, std: mean.map(() => 0.5), samples: 10_000,
    p10: mean.map((m) => m / 2), p90: mean.map((m) => Math.min(1, m * 1.5)) };
}

const history: TrainingMetrics = {
  loss: [0.6, 0.4, 0.2, 0.1],
  acc: [0.6, 0.8, 0.95, 1],
  val_loss: [0.5, 0.3, 0.15, 0.08],
  val_acc: [0.7, 0.9, 0.97, 1],
};

function sweep(columns: number, targets: number[], seeds: number): SweepRun[] {
  return targets.flatMap((attentionColumn) =>
    Array.from({ length: seeds }, (_, seed) => ({
      attentionColumn,
      seed,
      attention: summary(columns, attentionColumn),
      valAcc: 1,
      hit: true,
      route: 'by hand',
    })),
  );
}

describe('attentionChart', () => {
  it('draws one bar per column, the label column in the label colour, under the original title', async () => {
    const spec = attentionChart(summary(4, 1), { attentionColumn: 1 });
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    const bars = markItems(svg, 'bars');
    assert.equal(bars.length, 4);
    assert.equal(bars.filter((bar) => bar.includes(`fill="${colors.label}"`)).length, 1);
    assert.equal(bars.filter((bar) => bar.includes(`fill="${colors.otherInput}"`)).length, 3);
    assert.ok(svg.includes(originalAttentionTitle));
    assert.ok(svg.includes("label's column"));
    assert.ok(svg.includes('Input column'));
  });

  it('draws its error bars from the 10th to the 90th percentile, inside [0, 1], and says so', async () => {
    const attention = summary(4, 1);
    const spec = attentionChart(attention, { attentionColumn: 1 });
    const rows = (spec.data as { values: Array<{ low: number; high: number }> }).values;
    assert.deepEqual(rows.map((r) => [r.low, r.high]), attention.mean.map((_, i) => [attention.p10[i], attention.p90[i]]));
    assert.ok(rows.every((r) => r.low >= 0 && r.high <= 1), 'a bounded weight gets a bounded spread');
    const svg = await renderSvg(spec);
    assert.ok(svg.includes('error bars: 10th–90th percentile of samples'));
    assert.ok(!svg.includes('± 1 std'));
  });

  it('labels the bars as hidden units when told', async () => {
    const svg = await renderSvg(attentionChart(summary(16, 3), { unit: 'hidden unit', title: 'attention_vec1' }));
    assert.ok(svg.includes('Hidden unit') && !svg.includes('Input column'));
  });

  it('handles 32 columns and a custom title', async () => {
    const spec = attentionChart(summary(32, 7), { attentionColumn: 7, title: 'Dense, 32 inputs' });
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    assert.equal(markItems(svg, 'bars').length, 32);
    assert.ok(svg.includes('Dense, 32 inputs'));
  });

  it('draws a plain chart without a target, and rejects a target out of range', async () => {
    const svg = await renderSvg(attentionChart(summary(4, 0)));
    assert.ok(!svg.includes(colors.label));
    assert.throws(() => attentionChart(summary(4, 0), { attentionColumn: 4 }), (error: Error) =>
      error instanceof RangeError && /attentionColumn must be an integer in \[0, 3\], got 4/.test(error.message));
    assert.throws(() => attentionChart({ ...summary(4, 0), std: [0.1] }), /4 means but 1 stds/);
  });
});

describe('trainingCurves', () => {
  it('plots loss and accuracy for training and validation, epochs from 1', async () => {
    const spec = trainingCurves(history);
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    for (const panel of ['loss_panel', 'accuracy_panel']) {
      const lines = markItems(svg, panel);
      assert.equal(lines.length, 2, `${panel}: one line per split`);
      assert.ok(lines.some((line) => line.includes(`stroke="${colors.training}"`)));
      assert.ok(lines.some((line) => line.includes(`stroke="${colors.validation}"`)));
    }
    assert.ok(svg.includes('>Loss<') && svg.includes('>Accuracy<') && svg.includes('>Epoch<'));
    assert.match(svg, /aria-label="X-axis titled 'Epoch' for a linear scale with values from 1 to 4"/);
  });

  it('accepts a run without validation and rejects ragged histories', async () => {
    const spec = trainingCurves({ loss: [0.3], acc: [0.9], val_loss: [], val_acc: [] });
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    assert.ok(!svg.includes('validation<'));
    assert.throws(() => trainingCurves({ ...history, acc: [1] }), /4 epochs of loss but 1 of training accuracy/);
    assert.throws(() => trainingCurves({ loss: [], acc: [], val_loss: [], val_acc: [] }), /no epochs/);
  });
});

describe('attentionHeatmap', () => {
  it('has one cell per (label column, column), averages seeds, and outlines each label cell', async () => {
    const spec = attentionHeatmap(sweep(4, [0, 1, 2, 3], 3));
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    assert.equal(markItems(svg, 'cells').length, 16);
    const outlines = markItems(svg, 'label_cells');
    assert.equal(outlines.length, 4);
    assert.ok(outlines.every((cell) => cell.includes(`stroke="${colors.label}"`)));
    const values = markItems(svg, 'values');
    assert.equal(values.length, 16);
    assert.ok(svg.includes('>0.60<') && svg.includes('>0.13<'));
    assert.ok(svg.includes('averaged over 3 seeds per row'));
  });

  it('handles 32 columns without printing values, and rejects mixed widths', async () => {
    const spec = attentionHeatmap(sweep(32, [0, 8, 31], 1));
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    assert.equal(markItems(svg, 'cells').length, 96);
    assert.ok(!svg.includes('values_marks'));
    assert.throws(() => attentionHeatmap([...sweep(4, [0], 1), ...sweep(5, [1], 1)]), /disagree/);
    assert.throws(() => attentionHeatmap([]), /at least one/);
  });
});

describe('attentionOverTime', () => {
  it("draws every time step, the label's step in the label colour", async () => {
    const spec = attentionOverTime(summary(20, 10), { attentionColumn: 10 });
    compileStrictly(spec);
    const svg = await renderSvg(spec);
    const points = markItems(svg, 'points');
    assert.equal(points.length, 20);
    assert.equal(points.filter((point) => point.includes(`fill="${colors.label}"`)).length, 1);
    assert.equal(markItems(svg, 'label_rule').length, 1);
    assert.ok(svg.includes('Time step') && svg.includes('time step 10'));
  });
});

describe('renderSvg', () => {
  it('leaves the spec as it was (vega would tag the data rows)', async () => {
    const spec = attentionChart(summary(4, 1), { attentionColumn: 1 });
    const copy = structuredClone(spec);
    await renderSvg(spec);
    assert.deepStrictEqual(spec, copy);
  });
});

describe('saveSvg', () => {
  it('writes the rendered SVG, creating folders', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'plots-test-'));
    try {
      const file = path.join(dir, 'figures', 'attention.svg');
      const svg = await saveSvg(attentionChart(summary(4, 1), { attentionColumn: 1 }), file);
      assert.equal(await readFile(file, 'utf8'), svg);
      assert.ok(svg.startsWith('<svg'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
