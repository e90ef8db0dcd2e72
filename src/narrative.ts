/**
 * Sentences that state a run's results, generated from its numbers so that notebook prose never
 * says more, or other, than the run showed.
 */
import { argmax } from './sweep';
import type { AttentionSummary, SweepRun } from './types';

const fixed = (value: number, digits = 2) => value.toFixed(digits);

/** E.g. "Column 1 — the label's column — receives 0.72 ± 0.08 of the attention, 2.6× the next column (column 2, 0.28)." */
export function describeAttention(summary: AttentionSummary, target: number, unit = 'column'): string {
  const { mean, std } = summary;
  const best = argmax(mean);
  const averaged = `averaged over ${summary.samples} held-out samples`;
  if (best !== target) {
    return `The attention did not settle on the label's ${unit}: ${unit} ${best} receives the most, `
      + `${fixed(mean[best])} ± ${fixed(std[best])}, while ${unit} ${target} (the label's) receives `
      + `${fixed(mean[target])} ± ${fixed(std[target])} (${averaged}).`;
  }
  const others = mean.map((value, i) => ({ value, i })).filter(({ i }) => i !== target);
  const runnerUp = others.reduce((a, b) => (b.value > a.value ? b : a));
  return `${capitalize(unit)} ${target} — the label's ${unit} — receives ${fixed(mean[target])} ± ${fixed(std[target])} `
    + `of the attention, ${fixed(mean[target] / runnerUp.value, 1)}× the next ${unit} `
    + `(${unit} ${runnerUp.i}, ${fixed(runnerUp.value)}); a uniform split would give ${fixed(1 / mean.length)} each (${averaged}).`;
}

/** One sentence per outcome of a sweep: how often the attention followed the label, and where it did not. */
export function describeSweep(runs: SweepRun[]): string {
  const hits = runs.filter((run) => run.hit).length;
  const misses = runs.filter((run) => !run.hit);
  const summary = `In ${hits} of ${runs.length} runs (${fixed((100 * hits) / runs.length, 0)} %) the attention peaked on the label's column.`;
  if (misses.length === 0) return summary;
  const details = misses.map((run) => {
    const best = argmax(run.attention.mean);
    return `column ${run.attentionColumn}, seed ${run.seed}: the peak went to column ${best} `
      + `(${fixed(run.attention.mean[best])} vs ${fixed(run.attention.mean[run.attentionColumn])} on the label's column, `
      + `validation accuracy ${fixed(run.valAcc, 3)})`;
  });
  return `${summary} It did not in ${misses.length}: ${details.join('; ')}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
