/**
 * runner/python/publish.py on a hand-made executed notebook (no kernel needed): Jupyter Book's tags in
 * every form, what the article leaves out, math refused rather than left to a CDN, and Markdown.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { jupyterPython, runnerPythonDir } from '../../runner/paths';

const text = (value: string) => ({ output_type: 'display_data', data: { 'text/plain': value }, metadata: {} });
const code = (source: string, tags: string[], outputs: object[]) =>
  ({ cell_type: 'code', metadata: { tags }, source, outputs, execution_count: 1 });
const markdown = (source: string, tags: string[] = []) => ({ cell_type: 'markdown', metadata: { tags }, source });

const notebook = (extraCells: object[] = []) => ({
  nbformat: 4, nbformat_minor: 4, metadata: { language_info: { name: 'typescript' } },
  cells: [
    markdown('# The *first* heading\n\nIntro.'),
    markdown('Change the settings in the next cell.', ['remove-from-article']),
    code('const setting = 1;', ['parameters'], []),
    code('dropCellSource()', ['remove-cell'], [text('dropped cell output')]),
    code('removedInputSource()', ['remove-input'], [text('kept output of removed input')]),
    code('keptInputSource()', ['remove-output'], [text('removed output')]),
    code('hiddenInputSource()', ['hide-input'], [text('output under hidden input')]),
    code('visibleSource()', ['hide-output'], [text('hidden output')]),
    code('train()', [], [{ ...text('Epoch 1/1 progress'), metadata: { tags: ['progress'] } }, text('final result')]),
    ...extraCells,
  ],
});

type Form = 'notebook' | 'article';
type Format = 'html' | 'markdown';

/**
 * Publishes each notebook in every form and format in one Python process (importing nbconvert takes
 * seconds); per notebook either the pages (key "<form> <format>") or the refusal's message ("error").
 */
function publishAll(dir: string, notebooks: object[]): Array<Record<string, string>> {
  const files = notebooks.map((nb, i) => {
    const file = path.join(dir, `page${i}.ipynb`);
    fs.writeFileSync(file, JSON.stringify(nb));
    return file;
  });
  const script = [
    'import json, os, sys, nbformat',
    `sys.path.insert(0, ${JSON.stringify(runnerPythonDir)})`,
    'from publish import UnpublishableNotebook, publishable, export_html, export_markdown',
    'results = []',
    'for file in sys.argv[1:]:',
    '    nb, pages = nbformat.read(file, as_version=4), {}',
    '    try:',
    '        for form in ("notebook", "article"):',
    '            article = form == "article"',
    '            shown = publishable(nb, no_input=article, article=article)',
    '            pages[form + " html"] = export_html(shown, "page", no_input=article)',
    '            out = os.path.join(os.path.dirname(file), form)',
    '            export_markdown(shown, "page", out, no_input=article)',
    '            pages[form + " markdown"] = open(os.path.join(out, "page.md"), encoding="utf-8").read()',
    '    except UnpublishableNotebook as error:',
    '        pages = {"error": str(error)}',
    '    results.append(pages)',
    'print(json.dumps(results))',
  ].join('\n');
  // Each page inlines JupyterLab's stylesheet (~300 kB).
  const run = spawnSync(jupyterPython(), ['-c', script, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Array<Record<string, string>>;
}

describe('runner/python/publish.py', () => {
  let dir: string;
  let pages: Record<string, string>;
  let refused: Record<string, string>;
  let escaped: Record<string, string>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-lab-publish-'));
    [pages, refused, escaped] = publishAll(dir, [notebook(), notebook([markdown('where $h$ is the output')]),
      notebook([markdown('costs \\$5 or \\$10')])]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const page = (form: Form, format: Format = 'html') => pages[`${form} ${format}`];

  test("honours Jupyter Book's remove-* tags in every form", () => {
    for (const form of ['notebook', 'article'] as const) {
      const html = page(form);
      assert.ok(!html.includes('dropCellSource') && !html.includes('dropped cell output'), `${form}: remove-cell`);
      assert.ok(!html.includes('removedInputSource') && html.includes('kept output of removed input'), `${form}: remove-input`);
      assert.ok(!html.includes('removed output'), `${form}: remove-output`);
    }
    assert.ok(page('notebook').includes('keptInputSource'), 'remove-output keeps the code');
  });

  test('makes hide-input and hide-output collapsible', () => {
    const html = page('notebook');
    assert.match(html, /<details class="attention-lab-hidden"><summary>Show code<\/summary>[\s\S]*hiddenInputSource[\s\S]*?<\/details>/);
    assert.match(html, /<details class="attention-lab-hidden"><summary>Show output<\/summary>[\s\S]*hidden output[\s\S]*?<\/details>/);
    assert.ok(!/<details[^>]*>\s*<summary>Show code<\/summary>[^]*?output under hidden input[^]*?<\/details>/.test(html.split('hiddenInputSource')[1].split('</details>')[0]),
      'the output of a hide-input cell stays visible');
    const md = page('notebook', 'markdown');
    assert.match(md, /\n\n<details><summary>Show code<\/summary>\n+```typescript\nhiddenInputSource\(\)\n```\n+<\/details>/);
  });

  test('the article: no code, no cell for notebook users, no progress output, no empty cells', () => {
    const whole = page('notebook');
    const article = page('article');
    assert.ok(whole.includes('Change the settings') && whole.includes('Epoch 1/1 progress'));
    assert.ok(!article.includes('Change the settings'), 'remove-from-article');
    assert.ok(!article.includes('Epoch 1/1 progress') && article.includes('final result'), 'progress outputs');
    assert.ok(!/Source\(\)|train\(\)|const setting/.test(article), 'code in the article');
    assert.equal((article.match(/class="jp-Cell jp-CodeCell/g) ?? []).length, 4, 'only the code cells with something to show');
  });

  test("titles the page with the first heading and loads nothing from elsewhere", () => {
    const html = page('article');
    assert.match(html, /<title>The first heading<\/title>/);
    assert.doesNotMatch(html, /<script|<link |cdnjs|mathjax/i);
  });

  test('writes Markdown with front matter', () => {
    const md = page('article', 'markdown');
    assert.match(md, /^---\ntitle: "The first heading"\ndate: \d{4}-\d\d-\d\dT[\d:]{8}Z\n---\n/);
    assert.ok(md.includes('final result') && !md.includes('Epoch 1/1'));
  });

  test('refuses math, which only a CDN script would render, naming the cell; escaped dollars are text', () => {
    assert.equal(refused.error, "the markdown cell beginning 'where $h$ is the output' holds 'math $h$', which only "
      + 'JavaScript from a CDN would render; write it as HTML (e.g. <i>h</i><sub>t</sub>) or escape the dollar signs (\\$)');
    assert.match(escaped['notebook html'], /costs \$5 or \$10/);
  });
});
