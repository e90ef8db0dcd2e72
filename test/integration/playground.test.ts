/**
 * The playground's bundle in Debian's chromium, offline: its data are Node's bit for bit for the
 * same seed (the generator is ours), and a run in the page ends with the averaged attention within
 * 1e-3 of the same run on tfjs-node (the backends round differently). Bad settings get the
 * library's message and train nothing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { browserBundleOptions, browserLibrary, buildPlayground, playgroundBundle } from '../../scripts/build-playground';
import { getData } from '../../src/data/synthetic';
import { type PlaygroundSettings, playgroundElement } from '../../src/notebook/playground-element';
import { runPlayground } from '../../playground/experiment';
import { launchChromium } from '../helpers/chromium';
import { projectRoot } from '../../runner/paths';
import { openOffline, waitForState } from '../helpers/offline-page';

const settings: PlaygroundSettings = {
  attention_column: 3, input_dim: 6, n: 4000, epochs: 8, seed: 7, hidden: 16, batch_size: 64, validation_split: 0.2, test_size: 1000,
};
const desktop = { width: 1280, height: 900 };
const selector = '.attention-playground';

/** getData in the page, through the bundle's own tfjs alias (the worker's backend); the samples' float32 bits come back. */
async function dataProbe(): Promise<string> {
  const built = await esbuild.build({
    stdin: {
      contents: `import { getData } from './src/data/synthetic';
        import { tf } from './src/core/tf';
        globalThis.sampleBits = async (n, d, c, s) => { await tf.ready(); const data = getData(n, d, c, s);
          return [Array.from(new Uint32Array(data.xValues.buffer)), Array.from(new Uint32Array(data.yValues.buffer))]; };`,
      resolveDir: projectRoot, loader: 'ts',
    },
    ...browserBundleOptions, write: false, plugins: [browserLibrary],
  });
  return built.outputFiles[0].text;
}

describe('the playground in chromium, offline', () => {
  let browser: Browser;
  let dir: string;
  before(async () => {
    await buildPlayground();
    browser = await launchChromium();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-playground-'));
    const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body>`
      + `${playgroundElement(settings)}<script>${fs.readFileSync(playgroundBundle, 'utf8')}</script></body></html>`;
    fs.writeFileSync(path.join(dir, 'playground.html'), page);
    fs.writeFileSync(path.join(dir, 'probe.html'), `<!DOCTYPE html><html><body><script>${await dataProbe()}</script></body></html>`);
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the same seed gives the same data as in Node, bit for bit', async () => {
    const { page, offMachine, consoleErrors } = await openOffline(browser, `file://${dir}/probe.html`, desktop);
    try {
      const [xBits, yBits] = await page.evaluate('sampleBits(500, 6, 3, 7)') as [number[], number[]];
      const data = getData(500, 6, 3, 7);
      assert.deepEqual(xBits, Array.from(new Uint32Array(data.xValues.buffer)));
      assert.deepEqual(yBits, Array.from(new Uint32Array(data.yValues.buffer)));
      data.dispose();
      assert.deepEqual([offMachine, consoleErrors], [[], []]);
    } finally {
      await page.close();
    }
  });

  test('a run in the page ends with the attention of the same run on tfjs-node, within 1e-3', async () => {
    const node = await runPlayground(settings);
    const { page, offMachine, consoleErrors } = await openOffline(browser, `file://${dir}/playground.html#run`, desktop);
    try {
      assert.equal(await waitForState(page, selector, ['done', 'error']), 'done', await page.locator(selector).innerText());
      const inPage = JSON.parse(await page.locator(selector).getAttribute('data-attention') ?? 'null') as number[];
      assert.equal(inPage.length, settings.input_dim);
      const largest = Math.max(...inPage.map((value, i) => Math.abs(value - node.attention.mean[i])));
      assert.ok(largest <= 1e-3, `page ${JSON.stringify(inPage)} vs node ${JSON.stringify(node.attention.mean)}: ${largest}`);
      const valAcc = Number(await page.locator(selector).getAttribute('data-val-acc'));
      assert.ok(Math.abs(valAcc - node.history.val_acc.at(-1)!) <= 2e-3, `validation accuracy ${valAcc} vs ${node.history.val_acc.at(-1)}`);
      assert.match(await page.locator(`${selector} .ap-status`).innerText(), /^Trained in this page on tfjs's wasm backend \(measured faster/);
      const log = await page.locator(`${selector} .ap-log`).innerText();
      assert.match(log, /^Gradients: dense attention, by hand \(equal to tfjs's tape on the first batch, max difference [\d.e+-]+\)\nEpoch 1\/8 /);
      assert.equal(await page.locator(`${selector} svg`).count(), 2, 'the attention chart and the training curves');
      assert.deepEqual([offMachine, consoleErrors], [[], []]);
    } finally {
      await page.close();
    }
  });

  for (const [hash, message] of [
    ['attention_column=6&run', /^attentionColumn must be an integer in \[0, 5\], got 6$/],
    ['n=0&run', /^n must be an integer >= 1, got 0$/],
    ['seed=-1&run', /^seed must be an integer in \[0, 4294967295\], got -1$/],
    ['columns=3', /"columns", which is not a setting of the playground/],
  ] as const) {
    test(`#${hash} gets the library's message and trains nothing`, async () => {
      const { page, consoleErrors } = await openOffline(browser, `file://${dir}/playground.html#${hash}`, desktop);
      try {
        assert.equal(await waitForState(page, selector, ['error', 'done']), 'error');
        assert.match(await page.locator(`${selector} .ap-status`).innerText(), message);
        assert.equal(await page.locator(`${selector} .ap-log`).innerText(), '', 'no epoch ran');
        assert.equal(await page.locator(selector).getAttribute('data-attention'), null);
        assert.deepEqual(consoleErrors, []);
      } finally {
        await page.close();
      }
    });
  }
});
