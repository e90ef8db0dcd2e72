/**
 * One sweep measurement, in its own process, with the dense notebook's settings (n 10 000, 20
 * epochs, batch 64, validation split 0.2, 1 000 held-out samples per run): K runs (the notebook's
 * columns × as many seeds as needed) either by sweep(), which trains them stacked, or one sweep()
 * per run, i.e. one train() after another as before. A small warm-up training comes first. Prints
 * one JSON line: the total seconds, each run's seconds (one at a time) and the route taken.
 *
 * Usage: node_sweep.js stacked|single K
 */
import { sweep, type SweepOptions, type SweepRun } from '../src/studies/dense/sweep';

const notebookSettings = { inputDim: 4, hidden: 16, n: 10_000, epochs: 20, batchSize: 64, validationSplit: 0.2, testSize: 1000 };

/** The (column, seed) of the first k runs: every column for seed 42, then for seed 43, … */
export function sweepRuns(k: number): { column: number; seed: number }[] {
  return Array.from({ length: k }, (_, i) => ({ column: i % notebookSettings.inputDim, seed: 42 + Math.floor(i / notebookSettings.inputDim) }));
}

async function main(): Promise<void> {
  const [mode, kText] = process.argv.slice(2);
  const k = Number(kText);
  await sweep({ ...notebookSettings, columns: [0, 1], seeds: [1], n: 2000, epochs: 2 }); // warm-up: JIT, kernels
  const runs = sweepRuns(k);
  const started = performance.now();
  let results: SweepRun[] = [];
  const runSeconds: number[] = [];
  if (mode === 'stacked') {
    // The runs as sweep() takes them: grouped by column, seeds within.
    const columns = [...new Set(runs.map((run) => run.column))];
    const seeds = [...new Set(runs.map((run) => run.seed))];
    if (columns.length * seeds.length !== k) throw new RangeError(`K = ${k} is not a whole number of seeds per column`);
    results = await sweep({ ...notebookSettings, columns, seeds } satisfies SweepOptions);
  } else {
    for (const { column, seed } of runs) {
      const runStarted = performance.now();
      results.push(...await sweep({ ...notebookSettings, columns: [column], seeds: [seed] }));
      runSeconds.push((performance.now() - runStarted) / 1000);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ mode, k, seconds, runSeconds, route: results[0].route, hits: results.filter((run) => run.hit).length }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
