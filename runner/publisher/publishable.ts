/**
 * Math and mermaid diagrams in Markdown cells are refused before any kernel starts (they would need
 * a CDN's JavaScript; publish.py refuses them after the run too, and outputs only then), so an
 * export that cannot be published fails in seconds, not after every notebook ran.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { CommandError } from '../cli/errors';
import { requireJupyterPython } from '../engine/child-process';
import { runnerPythonDir } from '../paths';
import type { Notebook } from '../translator/ipynb';
import type { ExportForm } from './export-forms';

const checkScript = path.join(runnerPythonDir, 'check_publishable.py');
/** check_publishable.py's exit status for a notebook that a self-contained page cannot show; stderr says why. */
const unpublishableStatus = 4;

/** Throws a CommandError naming the first notebook and cell that the form cannot publish. */
export function refuseUnpublishable(notebooks: Array<{ label: string; notebook: Notebook }>, form: ExportForm): void {
  const check = spawnSync(requireJupyterPython(), [checkScript], {
    input: JSON.stringify({ form, notebooks }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (check.status === 0) return;
  const reason = check.stderr.trim();
  if (check.status === unpublishableStatus) throw new CommandError(reason.split('\n').pop() ?? reason);
  throw new CommandError(`checking the notebooks' Markdown failed (status ${check.status ?? check.signal}):\n${reason}`);
}
