/** The "where the time goes" part of `npm run bench`: node_profile.ts on each of our backends. */
import { measure } from './measure';
import type { ProfiledStep } from './node_profile';
import { runtimes, workerCommand } from './runtimes';

/** Steps of batch 64 per route: warm-up, then `repeats` timings of `timedSteps`, of which the median counts. */
export const profileSettings = { warmupSteps: 100, timedSteps: 200, repeats: 5 };

export interface BackendProfile { runtime: string; steps: ProfiledStep[] }

export async function measureProfiles(seed: number, log: (line: string) => void): Promise<BackendProfile[]> {
  const profiles: BackendProfile[] = [];
  for (const runtime of runtimes) {
    if (!('backend' in runtime)) continue; // Keras's step is one compiled graph call: nothing to split
    log(`profile: ${runtime.name}`);
    const [command, args] = workerCommand(runtime, 'node_profile', '', [seed, profileSettings.warmupSteps, profileSettings.timedSteps, profileSettings.repeats].map(String));
    const { report } = await measure<{ steps: ProfiledStep[] }>(command, args);
    profiles.push({ runtime: runtime.name, steps: report.steps });
  }
  return profiles;
}
