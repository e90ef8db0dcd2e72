/** A Markdown export rendered to HTML beside it, as a static-site generator would (raw HTML passed through), to open in a browser. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { jupyterPython } from '../../runner/paths';

/** <name>.md without its front matter, rendered by mistune (nbconvert's Markdown library) to <name>.md.html beside it. */
export function renderMarkdown(mdFile: string): string {
  const htmlFile = `${mdFile}.html`;
  const script = [
    'import sys, mistune',
    'text = open(sys.argv[1], encoding="utf-8").read().split("---\\n", 2)[2]',
    'body = mistune.create_markdown(escape=False, plugins=["table"])(text)',
    'open(sys.argv[2], "w", encoding="utf-8").write("<!DOCTYPE html><html><head><meta charset=utf-8>'
      + '<meta name=viewport content=\\"width=device-width\\"><style>body{max-width:900px;margin:auto;font-family:sans-serif}'
      + 'img{max-width:100%}pre,table{display:block;overflow-x:auto}</style></head><body>" + body + "</body></html>")',
  ].join('\n');
  const run = spawnSync(jupyterPython(), ['-c', script, mdFile, htmlFile], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return htmlFile;
}
