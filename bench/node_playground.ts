/**
 * The playground's run on tfjs-node, in its own process: runPlayground() (the same code the page's
 * worker runs) with the given settings as JSON; prints one JSON line with its wall time.
 *
 * Usage: node_playground.js SETTINGS_JSON
 */
import type { PlaygroundSettings } from '../src/notebook/playground-element';
import { runPlayground } from '../playground/experiment';

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2]) as PlaygroundSettings;
  const started = performance.now();
  const { history } = await runPlayground(settings);
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, valAcc: history.val_acc.at(-1) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
