/**
 * One process of test/staging-concurrency.test.ts: waits for the common start time, then publishes
 * `times` complete sets into the folder, each file of a set holding the same run id, and prints one
 * line per publish: "ok" or the error's message.
 * Usage: node publish-worker.js OUT_DIR WORKER START_AT_MS TIMES
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { publishStaged } from '../../runner/publisher/staging';

export const setFiles = ['nb.html', 'nb.ipynb', 'nb.results.json'];
export const setFolder = 'nb_files';

async function main(): Promise<void> {
  const [outDir, worker, startAt, times] = process.argv.slice(2);
  while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 5));
  for (let time = 0; time < Number(times); time += 1) {
    const run = `${worker}.${time}`;
    try {
      await publishStaged(outDir, async (staging) => {
        for (const file of setFiles) fs.writeFileSync(path.join(staging, file), run);
        fs.mkdirSync(path.join(staging, setFolder));
        fs.writeFileSync(path.join(staging, setFolder, 'chart.svg'), run);
      });
      console.log('ok');
    } catch (error) {
      console.log((error as Error).message);
    }
  }
}

if (require.main === module) void main();
