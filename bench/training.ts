/** The main table of `npm run bench`: full trainings of every runtime, in rounds, see node_train.ts and keras_train.py. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { measure, stats } from './measure';
import { runtimes, workerCommand } from './runtimes';

export interface Settings { n: number; inputDim: number; epochs: number; batchSize: number; validationSplit: number; seed: number; runs: number }

export interface Measurement {
  trainSeconds: number;
  /** From spawning the process to the end of training: interpreter start and imports included. */
  toModelSeconds: number;
  samplesPerSecond: number;
  peakRssMb: number;
  valAcc: number;
}

export interface Row { name: string; runs: Measurement[]; versions: Record<string, string> }

const metrics = ['trainSeconds', 'samplesPerSecond', 'toModelSeconds', 'peakRssMb'] as const;
type Metric = (typeof metrics)[number];
const headings: Record<Metric, string> = {
  trainSeconds: 'training (s)', samplesPerSecond: 'samples/s', toModelSeconds: 'start → trained model (s)', peakRssMb: 'peak RSS (MB)',
};

/** What the main table's workers print as their last line. */
interface TrainReport { trainSeconds: number; trainedAtMs: number; maxRssKb: number; valAcc: number; versions: Record<string, string> }

export async function measureTraining(settings: Settings, dataDir: string, log: (line: string) => void): Promise<Row[]> {
  const { n, inputDim, epochs, batchSize, validationSplit, seed, runs } = settings;
  const common = [dataDir, n, inputDim, epochs, batchSize, validationSplit, seed].map(String);
  const trainCount = Math.floor(n * (1 - validationSplit));
  const rows: Row[] = runtimes.map((runtime) => ({ name: runtime.name, runs: [], versions: {} }));
  // Rounds rather than one runtime after another, so that a slow spell of the machine hits all alike.
  for (let round = 1; round <= runs; round++) {
    for (const [i, runtime] of runtimes.entries()) {
      log(`run ${round}/${runs}: ${runtime.name}`);
      const [command, args] = workerCommand(runtime, 'node_train', 'keras_train', common);
      const { report, spawnedAtMs } = await measure<TrainReport>(command, args);
      rows[i].runs.push({
        trainSeconds: report.trainSeconds,
        toModelSeconds: (report.trainedAtMs - spawnedAtMs) / 1000,
        samplesPerSecond: (trainCount * epochs) / report.trainSeconds,
        peakRssMb: report.maxRssKb / 1024,
        valAcc: report.valAcc,
      });
      rows[i].versions = report.versions;
    }
  }
  return rows;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const digitsFor: Record<Metric, number> = { trainSeconds: 2, samplesPerSecond: 0, toModelSeconds: 2, peakRssMb: 0 };

export function table(rows: Row[]): string {
  const keras = rows.find((row) => row.name.startsWith('Keras')) as Row;
  const header = `| runtime | ${metrics.map((metric) => headings[metric]).join(' | ')} | val acc |`;
  const lines = [header, `|${' --- |'.repeat(metrics.length + 2)}`];
  for (const row of rows) {
    const cells = metrics.map((metric) => {
      const { median, min, max } = stats(row.runs.map((run) => run[metric]));
      const ratio = median / stats(keras.runs.map((run) => run[metric])).median;
      const d = digitsFor[metric];
      return `${fixed(median, d)} (${fixed(min, d)}–${fixed(max, d)}) ×${fixed(ratio, 2)}`;
    });
    lines.push(`| ${row.name} | ${cells.join(' | ')} | ${fixed(stats(row.runs.map((run) => run.valAcc)).median, 3)} |`);
  }
  return lines.join('\n');
}

export function machine(rows: Row[], loadAtStart: number): string {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const versions = Object.assign({}, ...rows.map((row) => row.versions)) as Record<string, string>;
  return [
    `- CPU: ${cpu}, ${os.cpus().length} cores; ${os.type()} ${os.release()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `- Node ${versions.node}, tfjs ${versions.tfjs} (tfjs-node on the TensorFlow C library of the tensorflow-cpu wheel, see scripts/setup.ts; tfjs-backend-wasm ${versions.tfjs})`,
    `- Python ${versions.python}, TensorFlow ${versions.tensorflow}, Keras ${versions.keras}`,
    // Other work on the machine inflates the times and their spread: say how busy it was.
    `- 1-minute load average at start / end: ${fixed(loadAtStart, 2)} / ${fixed(os.loadavg()[0], 2)} on ${os.cpus().length} cores`,
  ].join('\n');
}
