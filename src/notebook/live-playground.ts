/**
 * The dense notebook's live playground: a cell (tagged `live-playground`) that in JupyterLab shows
 * a one-line note, and that `attention-lab export --live` turns into controls that train the same
 * network again in the reader's browser (playground/, bundled into build/playground/).
 */
import * as path from 'path';
import { type LiveElement, liveMimeType } from '../../runner/protocol';
import { displayBundle, type MimeBundle } from './display';
import { playgroundElement, type PlaygroundSettings } from './playground-element';

/** build/src/notebook/ → build/playground/, where scripts/build-playground.ts writes the bundle. */
export const playgroundScript = path.resolve(__dirname, '..', '..', 'playground', 'attention-playground.js');

export const playgroundNote = '*Live playground: exported with `attention-lab export --live`, this cell becomes controls '
  + 'with which readers train this network again in their browser, starting from this run\'s settings.*';

/** The note, and the live element for the runner with the bundle's path as seen from the kernel's folder (the notebook's). */
export function livePlaygroundBundle(settings: PlaygroundSettings, cwd = process.cwd()): MimeBundle {
  const element: LiveElement = { html: playgroundElement(settings), script: path.relative(cwd, playgroundScript) };
  return { 'text/markdown': playgroundNote, [liveMimeType]: element };
}

/** Shows the note in the notebook and leaves the element for `export --live`; no-op outside a kernel. */
export function livePlayground(settings: PlaygroundSettings): void {
  displayBundle(livePlaygroundBundle(settings));
}
