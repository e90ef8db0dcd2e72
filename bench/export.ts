/**
 * The export part of `npm run bench`: the whole dense notebook end to end, ours as `npm start` runs
 * it (attention-lab export: tslab kernel, nbclient, HTML, results) and its Keras twin
 * bench/attention_dense_keras.ipynb through the same scripts/execute_notebook.py on ipykernel; and what
 * the faithfulness notebook costs (it has no Keras twin).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterPython, projectRoot } from '../src/toolchain/paths';
import { run } from './measure';

export interface ExportRow { name: string; seconds: number[] }

export async function measureExports(runs: number, log: (line: string) => void): Promise<ExportRow[]> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-export-'));
  const kerasNotebook = path.join(projectRoot, 'bench', 'attention_dense_keras.ipynb');
  const variants = [
    {
      name: 'ours: attention-lab export (tslab, tfjs-node)',
      command: () => run(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'export',
        path.join(projectRoot, 'notebooks', 'attention_dense.ipynb'), '--out', path.join(out, 'ours')]),
    },
    {
      name: 'ours: attention_faithfulness.ipynb (no Keras twin)',
      command: () => run(process.execPath, [path.join(projectRoot, 'bin', 'attention-lab.js'), 'export',
        path.join(projectRoot, 'notebooks', 'attention_faithfulness.ipynb'), '--out', path.join(out, 'faithfulness')]),
    },
    {
      name: 'Keras twin: nbclient on ipykernel',
      command: () => run(jupyterPython(), [path.join(projectRoot, 'scripts', 'execute_notebook.py'), '--kernel', 'python3',
        '--cwd', path.dirname(kerasNotebook), '--ipynb', path.join(out, 'keras.ipynb'), '--html', path.join(out, 'keras.html')], kerasNotebook),
    },
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
