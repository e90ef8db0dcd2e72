/**
 * The live playground against its goals (issue 22): its default run (the dense notebook's settings:
 * 10 000 samples, 20 epochs) in headless chromium, on the wasm backend it ships with and on tfjs's
 * cpu backend (the same bundle built without wasm), next to the same run on tfjs-node; and what the
 * playground adds to a page, gzipped. The page's time is from opening the page with `#run` to its
 * data-state "done" (the script's start included).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { browserLibrary, buildPlayground, playgroundBundle } from '../scripts/build-playground';
import { type PlaygroundSettings, playgroundElement } from '../src/notebook/playground-element';
import { launchChromium } from '../test/helpers/chromium';
import { measure, stats, type Stats } from './measure';

export const playgroundGoals = { ofNode: 3, gzipKilobytes: 600 } as const;

export const defaultRun: PlaygroundSettings = {
  attention_column: 1, input_dim: 4, n: 10_000, epochs: 20, seed: 42, hidden: 16, batch_size: 64, validation_split: 0.2, test_size: 2000,
};

export interface PlaygroundResult {
  node: Stats;
  page: Record<'wasm' | 'cpu', Stats>;
  /** What the playground's script adds to a page, gzipped: all of it, and the training worker it carries. */
  gzipBytes: { total: number; worker: number };
}

/** The bundle with tfjs's cpu backend in place of playground/wasm-backend.ts. */
async function cpuOnlyBundle(file: string): Promise<void> {
  const withoutWasm: esbuild.Plugin = {
    name: 'without-wasm',
    setup(build) {
      build.onResolve({ filter: /^\.\/wasm-backend$/ }, () => ({ path: 'cpu-backend', namespace: 'without-wasm' }));
      build.onLoad({ filter: /.*/, namespace: 'without-wasm' }, () => ({
        contents: "import '@tensorflow/tfjs-backend-cpu';\nexport { ready as readyOnWasm } from '@tensorflow/tfjs-core';",
        loader: 'js', resolveDir: path.join(__dirname, '..', '..', 'playground'),
      }));
    },
  };
  await buildPlayground({ outfile: file, workerPlugins: [withoutWasm, browserLibrary] });
}

async function pageSeconds(bundle: string, runs: number, dir: string): Promise<number[]> {
  const page = path.join(dir, `${path.basename(bundle, '.js')}.html`);
  fs.writeFileSync(page, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${playgroundElement(defaultRun)}`
    + `<script>${fs.readFileSync(bundle, 'utf8')}</script></body></html>`);
  const browser = await launchChromium();
  try {
    const seconds: number[] = [];
    for (let i = 0; i < runs; i++) {
      const tab = await browser.newPage();
      const started = Date.now();
      await tab.goto(`file://${page}#run`);
      await tab.waitForFunction('["done", "error"].includes(document.querySelector(".attention-playground").dataset.state)',
        undefined, { timeout: 900_000, polling: 100 });
      const state = await tab.locator('.attention-playground').getAttribute('data-state');
      if (state !== 'done') throw new Error(`the playground stopped: ${await tab.locator('.ap-status').innerText()}`);
      seconds.push((Date.now() - started) / 1000);
      await tab.close();
    }
    return seconds;
  } finally {
    await browser.close();
  }
}

export async function measurePlayground(runs: number, log: (line: string) => void): Promise<PlaygroundResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-playground-'));
  try {
    const workerSource = await buildPlayground();
    const cpuBundle = path.join(dir, 'cpu-only.js');
    await cpuOnlyBundle(cpuBundle);
    const node: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { report } = await measure<{ seconds: number }>(process.execPath,
        [path.join(__dirname, 'node_playground.js'), JSON.stringify(defaultRun)]);
      node.push(report.seconds);
      log(`playground run on tfjs-node: ${report.seconds.toFixed(2)} s`);
    }
    const wasm = await pageSeconds(playgroundBundle, runs, dir);
    log(`playground in chromium, wasm: ${wasm.map((s) => s.toFixed(2)).join(', ')} s`);
    const cpu = await pageSeconds(cpuBundle, runs, dir);
    log(`playground in chromium, cpu: ${cpu.map((s) => s.toFixed(2)).join(', ')} s`);
    return { node: stats(node), page: { wasm: stats(wasm), cpu: stats(cpu) }, gzipBytes: {
      total: gzipSync(fs.readFileSync(playgroundBundle)).length, worker: gzipSync(workerSource).length,
    } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const seconds = ({ median, min, max }: Stats) => `${median.toFixed(2)} (${min.toFixed(2)}–${max.toFixed(2)})`;

/** The playground's section of docs/BENCHMARKS.md. */
export function playgroundTable(result: PlaygroundResult): string {
  const { node, page, gzipBytes } = result;
  const faster = page.wasm.median <= page.cpu.median ? 'wasm' : 'cpu';
  const ofNode = page[faster].median / node.median;
  const kilobytes = gzipBytes.total / 1024;
  return `| the playground's default run (${defaultRun.n} samples, ${defaultRun.epochs} epochs) | seconds, median (min–max) | × tfjs-node |
| --- | --- | --- |
| tfjs-node (runPlayground() in Node) | ${seconds(node)} | ×1.00 |
| headless chromium, wasm backend (as shipped) | ${seconds(page.wasm)} | ×${(page.wasm.median / node.median).toFixed(2)} |
| headless chromium, cpu backend | ${seconds(page.cpu)} | ×${(page.cpu.median / node.median).toFixed(2)} |

In the page, ${faster} trained faster. Against the goal of ×${playgroundGoals.ofNode} of tfjs-node: ×${ofNode.toFixed(2)} ` +
`(${ofNode <= playgroundGoals.ofNode ? 'met' : 'not met'}). The playground's script (page and worker, styles included) ` +
`adds ${kilobytes.toFixed(0)} KB gzipped to the page, against the goal of ${playgroundGoals.gzipKilobytes} KB ` +
`(${kilobytes <= playgroundGoals.gzipKilobytes ? 'met' : 'not met'}); of it, the training worker (tfjs with its wasm kernels ` +
`and SIMD binary) is ${(gzipBytes.worker / 1024).toFixed(0)} KB gzipped alone, the rest vega and vega-lite, which draw the charts.`;
}
