/** The dense notebook's own figures in results.json: the sweep, run by run. */
import { hitRate, type SweepRun } from './sweep';

/** The sweep as results.json holds it (under `sweep`): the hit rate and each run's cell. */
export function sweepResults(runs: SweepRun[]): Record<string, unknown> {
  return {
    hitRate: hitRate(runs), runs: runs.length,
    cells: runs.map((r) => ({ column: r.attentionColumn, seed: r.seed, hit: r.hit, valAcc: r.valAcc, attention: r.attention.mean })),
  };
}
