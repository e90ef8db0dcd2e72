/**
 * The export part of `npm run bench`: the whole dense and LSTM notebooks end to end, ours as `npm start`
 * runs them (attention-lab export: tslab kernel, nbclient, HTML, results) and their Keras twins
 * bench/attention_dense_keras.ipynb and bench/attention_lstm_keras.ipynb through the same
 * runner/python/execute_notebook.py on ipykernel; and what the faithfulness notebook costs (it has no Keras twin).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterPython, projectRoot, runnerPythonDir } from '../runner/paths';
import { type Finished, run } from './measure';

/**
 * A stretch of one export: from one progress line of `attention-lab export` to the next; `trains`
 * when the notebook printed a progress line of its own in it (a training's epochs, a sweep's runs).
 */
export interface ExportPhase { name: string; seconds: number; trains: boolean }

/** What one export spent before its first training (issue #23's start-up goal), in seconds. */
export interface ExportStartup {
  /** From the CLI's spawn until the kernel answered kernel_info. */
  kernel: number;
  /** The cell that imports the library. */
  importCell: number;
  /** From the CLI's spawn until the first cell that trains starts. */
  untilFirstTraining: number;
}

/** Each run's wall time; for our notebooks also where that run's time went. */
export interface ExportRow { name: string; seconds: number[]; phases: ExportPhase[][] }

/** The export's goals of issue #13 for the dense notebook: at most this many seconds, and this share of its Keras twin's. */
export const denseExportGoal = { seconds: 10, ofKeras: 0.15 };

/** Issue #23's start-up goal: a notebook's kernel start and import cell together take at most this many seconds. */
export const startupGoalSeconds = 3;

/** How the LSTM pair's row names start (the dense pair's are "ours: attention-lab export" and "Keras twin"). */
export const lstmExportPrefix = { ours: 'ours: attention_lstm.ipynb', keras: 'LSTM Keras twin' };

export async function measureExports(runs: number, log: (line: string) => void): Promise<ExportRow[]> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-export-'));
  const ours = (notebook: string, outDir: string) => () => run(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'export',
    path.join(projectRoot, 'notebooks', notebook), '--out', path.join(out, outDir)]);
  const keras = (twin: string, outName: string) => {
    const notebook = path.join(projectRoot, 'bench', twin);
    return () => run(jupyterPython(), [path.join(runnerPythonDir, 'execute_notebook.py'), '--kernel', 'python3',
      '--cwd', path.dirname(notebook), '--ipynb', path.join(out, `${outName}.ipynb`), '--html', path.join(out, `${outName}.html`)], notebook);
  };
  const variants = [
    { name: 'ours: attention-lab export (tslab, tfjs-node)', command: ours('attention_dense.ipynb', 'ours') },
    { name: 'ours: attention_faithfulness.ipynb (no Keras twin)', command: ours('attention_faithfulness.ipynb', 'faithfulness') },
    { name: 'Keras twin: nbclient on ipykernel', command: keras('attention_dense_keras.ipynb', 'keras') },
    { name: `${lstmExportPrefix.ours} (tslab, tfjs-node)`, command: ours('attention_lstm.ipynb', 'ours-lstm') },
    { name: `${lstmExportPrefix.keras}: nbclient on ipykernel`, command: keras('attention_lstm_keras.ipynb', 'keras-lstm') },
  ];
  const rows: ExportRow[] = variants.map((variant) => ({ name: variant.name, seconds: [], phases: [] }));
  try {
    for (let round = 1; round <= runs; round++) {
      for (const [i, variant] of variants.entries()) {
        log(`export ${round}/${runs}: ${variant.name}`);
        const finished = await variant.command();
        rows[i].seconds.push((finished.endedAtMs - finished.spawnedAtMs) / 1000);
        rows[i].phases.push(exportPhases(finished));
      }
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return rows;
}

/**
 * Where one `attention-lab export` spent its time, from the arrival of its progress lines: the start
 * (Python, Jupyter's client, the tslab kernel) up to "kernel ready", nbclient's own set-up up to the
 * first code cell, each code cell up to the next, and the last cell with the HTML export up to
 * "done". Empty for runs that print no such lines.
 */
export function exportPhases({ lines, spawnedAtMs, endedAtMs }: Finished): ExportPhase[] {
  const marks = lines.flatMap(({ text, atMs }) => {
    const cell = /^ {2}code cell (\d+) of (\d+): (.*)$/.exec(text);
    if (cell) return [{ name: `cell ${cell[1]}: ${cell[3]}`, atMs }];
    if (text === '  kernel ready') return [{ name: 'kernel ready', atMs }];
    if (/^ {4}\S/.test(text)) return [{ name: 'progress', atMs }];
    return /^ {2}done in /.test(text) ? [{ name: 'done', atMs }] : [];
  });
  const stops = marks.filter((mark) => mark.name !== 'progress');
  if (!stops.some((mark) => mark.name.startsWith('cell '))) return [];
  const starting = stops[0].name === 'kernel ready';
  const phases: ExportPhase[] = [{
    name: starting ? startPhase : `${startPhase} (and nbclient's set-up)`, seconds: (stops[0].atMs - spawnedAtMs) / 1000, trains: false,
  }];
  stops.forEach((stop, i) => {
    if (stop.name === 'done') return;
    const next = stops[i + 1] ?? { name: 'done', atMs: endedAtMs };
    const name = stop.name === 'kernel ready' ? "nbclient's set-up, until the first cell"
      : next.name === 'done' ? `${stop.name} (and the HTML export)` : stop.name;
    const trains = marks.some((mark) => mark.name === 'progress' && mark.atMs >= stop.atMs && mark.atMs <= next.atMs);
    phases.push({ name, seconds: (next.atMs - stop.atMs) / 1000, trains });
  });
  return phases;
}

const startPhase = 'start: Python, Jupyter\'s client, the tslab kernel, until its kernel_info reply';

/** The start-up of one export from its phases; undefined without a kernel-ready line, an import cell or a training. */
export function exportStartup(phases: ExportPhase[]): ExportStartup | undefined {
  const importCell = phases.find((phase) => /^cell \d+: import \* as lab /.test(phase.name));
  const firstTraining = phases.findIndex((phase) => phase.trains);
  if (phases[0]?.name !== startPhase || importCell === undefined || firstTraining < 0) return undefined;
  const untilFirstTraining = phases.slice(0, firstTraining).reduce((sum, phase) => sum + phase.seconds, 0);
  return { kernel: phases[0].seconds, importCell: importCell.seconds, untilFirstTraining };
}
