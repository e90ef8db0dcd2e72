/**
 * The export part of `npm run bench`: the whole dense and LSTM notebooks end to end, ours as `npm start`
 * runs them (attention-lab export: tslab kernel, nbclient, HTML, results) and their Keras twins
 * bench/attention_dense_keras.ipynb and bench/attention_lstm_keras.ipynb through the same
 * scripts/execute_notebook.py on ipykernel; and what the faithfulness notebook costs (it has no Keras twin).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterPython, projectRoot } from '../src/toolchain/paths';
import { run } from './measure';

export interface ExportRow { name: string; seconds: number[] }

/** How the LSTM pair's row names start (the dense pair's are "ours: attention-lab export" and "Keras twin"). */
export const lstmExportPrefix = { ours: 'ours: attention_lstm.ipynb', keras: 'LSTM Keras twin' };

export async function measureExports(runs: number, log: (line: string) => void): Promise<ExportRow[]> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-export-'));
  const ours = (notebook: string, outDir: string) => () => run(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'export',
    path.join(projectRoot, 'notebooks', notebook), '--out', path.join(out, outDir)]);
  const keras = (twin: string, outName: string) => {
    const notebook = path.join(projectRoot, 'bench', twin);
    return () => run(jupyterPython(), [path.join(projectRoot, 'scripts', 'execute_notebook.py'), '--kernel', 'python3',
      '--cwd', path.dirname(notebook), '--ipynb', path.join(out, `${outName}.ipynb`), '--html', path.join(out, `${outName}.html`)], notebook);
  };
  const variants = [
    { name: 'ours: attention-lab export (tslab, tfjs-node)', command: ours('attention_dense.ipynb', 'ours') },
    { name: 'ours: attention_faithfulness.ipynb (no Keras twin)', command: ours('attention_faithfulness.ipynb', 'faithfulness') },
    { name: 'Keras twin: nbclient on ipykernel', command: keras('attention_dense_keras.ipynb', 'keras') },
    { name: `${lstmExportPrefix.ours} (tslab, tfjs-node)`, command: ours('attention_lstm.ipynb', 'ours-lstm') },
    { name: `${lstmExportPrefix.keras}: nbclient on ipykernel`, command: keras('attention_lstm_keras.ipynb', 'keras-lstm') },
  ];
  const rows: ExportRow[] = variants.map((variant) => ({ name: variant.name, seconds: [] }));
  try {
    for (let round = 1; round <= runs; round++) {
      for (const [i, variant] of variants.entries()) {
        log(`export ${round}/${runs}: ${variant.name}`);
        const { spawnedAtMs, endedAtMs } = await variant.command();
        rows[i].seconds.push((endedAtMs - spawnedAtMs) / 1000);
      }
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return rows;
}
