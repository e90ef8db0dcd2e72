/** The help texts, one per command, printed by --help and after a usage error. */

export const generalUsage = `Usage: attention-lab <command> [options]

Commands:
  export [NOTEBOOK...]   execute notebooks on the tslab kernel; write .ipynb, .html (or .md) and .results.json
  lab [JUPYTER ARGS...]  start JupyterLab on notebooks/

Run "attention-lab <command> --help" for a command's options.`;

export const exportUsage = `Usage: attention-lab export [NOTEBOOK...] [-p NAME=VALUE ...] [--out DIR] [--to FORMAT]
                           [--no-input | --article] [--live] [--with-article]

Executes each notebook (default: every notebooks/*.ipynb) on the tslab kernel, in the notebook's
folder, and writes DIR/<name>.ipynb, DIR/<name>.results.json and the page: DIR/<name>.html, or
with --to markdown DIR/<name>.md with its charts in DIR/<name>_files/. Pages load nothing from
the network. Jupyter Book's cell tags are honoured: remove-cell, remove-input, remove-output, and
hide-input, hide-output, hide-cell as collapsible sections.
Nothing is written unless every notebook runs through.

Options:
  -p, --parameter NAME=VALUE  override a default of the cell tagged "parameters"
                              (repeatable; VALUE must match the default's type)
  -o, --out DIR               output folder (default: dist/ in the project)
      --to FORMAT             html (default), markdown, or both: --to html,markdown
      --no-input              leave the code cells out of the page
      --article               a blog post: --no-input, and also without the cells tagged
                              "remove-from-article" and without live progress logs
      --live                  keep the notebook's live elements (e.g. a playground that trains in
                              the reader's browser), scripts included: still self-contained; for
                              Markdown the script goes into DIR/<name>_files/
      --with-article          also write DIR/<name>.article.html, the article form of the
                              same run (executed once, published twice)
  -h, --help                  show this help`;

export const labUsage = `Usage: attention-lab lab [JUPYTER ARGS...]

Starts JupyterLab with the project's Jupyter on notebooks/, at 127.0.0.1, without opening a
browser. Other arguments go to "jupyter lab" unchanged (put them after "--" to pass --help).
Ctrl-C stops the server, kernels included.`;
