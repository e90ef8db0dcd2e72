/** npm install's git filter: notebooks run in JupyterLab are staged without their outputs; the working copy keeps them. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { installOutputsFilter, stripOutputs } from '../../runner/lab/notebook-outputs-filter';
import { projectRoot } from '../../runner/paths';

test('a notebook with outputs is staged exactly as committed, and the working copy keeps its outputs', () => {
  const repository = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-filter-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repository, encoding: 'utf8' });
    git('init', '-q');
    fs.copyFileSync(path.join(projectRoot, '.gitattributes'), path.join(repository, '.gitattributes'));
    fs.mkdirSync(path.join(repository, 'notebooks'));
    const committed = fs.readFileSync(path.join(projectRoot, 'notebooks', 'attention_dense.ipynb'), 'utf8');
    // As JupyterLab saves it after a run: outputs, execution counts, timings.
    const notebook = JSON.parse(committed) as { cells: Array<{ cell_type: string; outputs?: unknown[]; execution_count?: number | null; metadata: Record<string, unknown> }> };
    notebook.cells.filter((c) => c.cell_type === 'code').forEach((cell, i) => {
      cell.outputs = [{ output_type: 'stream', name: 'stdout', text: [`ran cell ${i}\n`] }];
      cell.execution_count = i + 1;
      cell.metadata.execution = { 'iopub.status.idle': '2026-11-26T10:00:00Z' };
    });
    const executed = `${JSON.stringify(notebook, null, 1)}\n`;
    const file = path.join(repository, 'notebooks', 'attention_dense.ipynb');
    fs.writeFileSync(file, executed);

    assert.equal(installOutputsFilter(repository), true);
    git('add', 'notebooks/attention_dense.ipynb');
    assert.equal(git('show', ':notebooks/attention_dense.ipynb'), committed, 'the staged notebook is the committed one');
    assert.equal(fs.readFileSync(file, 'utf8'), executed, 'the working copy keeps its outputs');
    assert.equal(stripOutputs(committed), committed, 'a clean notebook passes unchanged');
    const conflicted = `{\n<<<<<<< HEAD\n "cells": []\n=======\n "cells": [1]\n>>>>>>> other\n}\n`;
    assert.equal(stripOutputs(conflicted), conflicted, 'a notebook with merge conflict markers passes unchanged');
  } finally {
    fs.rmSync(repository, { recursive: true, force: true });
  }
});

test('the filtered notebook has its keys in the order JupyterLab writes them (nbformat sorts them)', () => {
  const unordered = { nbformat_minor: 5, nbformat: 4, metadata: { language_info: { version: '5.0.4', name: 'typescript' }, kernelspec: { name: 'tslab' } },
    cells: [{ source: ['1'], metadata: {}, id: 'a', cell_type: 'code' }, { source: [], metadata: {}, id: 'b', cell_type: 'markdown' }] };
  assert.equal(stripOutputs(JSON.stringify(unordered)), `${JSON.stringify({
    cells: [{ cell_type: 'code', execution_count: null, id: 'a', metadata: {}, outputs: [], source: ['1'] },
      { cell_type: 'markdown', id: 'b', metadata: {}, source: [] }],
    metadata: { kernelspec: { name: 'tslab' }, language_info: { name: 'typescript', version: '5.0.4' } },
    nbformat: 4, nbformat_minor: 5,
  }, null, 1)}\n`);
});

test('outside a git checkout there is nothing to install', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-nogit-'));
  try {
    assert.equal(installOutputsFilter(folder), false);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
