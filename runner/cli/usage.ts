/** The help texts, one per command, printed by --help and after a usage error. */

export const generalUsage = `Usage: attention-lab <command> [options]

Commands:
  export [NOTEBOOK...]   execute notebooks on the tslab kernel; write .ipynb, .html (or .md) and .results.json
  grid NOTEBOOK -p NAME=VALUES... --out DIR
                         export one notebook for every combination of settings; one table of the runs
  lab [JUPYTER ARGS...]  start JupyterLab on notebooks/

Run "attention-lab <command> --help" for a command's options.`;

export const exportUsage = `Usage: attention-lab export [NOTEBOOK...] [-p NAME=VALUE ...] [--out DIR] [--to FORMAT]
                           [--no-input | --article] [--live] [--with-article] [--jobs N]

Executes each notebook (default: every notebooks/*.ipynb) on the tslab kernel, in the notebook's
folder, and writes DIR/<name>.ipynb, DIR/<name>.results.json and the page: DIR/<name>.html, or
with --to markdown DIR/<name>.md with its charts in DIR/<name>_files/. Pages load nothing from
the network. Jupyter Book's cell tags are honoured: remove-cell, remove-input, remove-output, and
hide-input, hide-output, hide-cell as collapsible sections.
Nothing is written unless every notebook runs through: with --jobs, the first failure stops
the notebooks still running.

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
  -j, --jobs N                notebooks at once, each with a kernel of its own (1 to 64, default 1);
                              the longest first, as the last export into DIR took (else in the
                              order given); each line of the log names its notebook
  -h, --help                  show this help`;

export const labUsage = `Usage: attention-lab lab [JUPYTER ARGS...]

Starts JupyterLab with the project's Jupyter on notebooks/, at 127.0.0.1, without opening a
browser. Other arguments go to "jupyter lab" unchanged (put them after "--" to pass --help).
Ctrl-C stops the server, kernels included.`;

export const gridUsage = `Usage: attention-lab grid NOTEBOOK -p NAME=VALUES ... --out DIR [--jobs N | --scheduler tcp://HOST:PORT]
                         [--resume] [--to FORMAT] [--no-input | --article]

Exports NOTEBOOK once for every combination of the -p values, each run into its own folder
DIR/<NAME=VALUE,...>/ (page, executed notebook, results.json), and keeps one table of the runs,
DIR/runs.csv and DIR/runs.jsonl: parameters, status (done, failed, interrupted, pending), seconds,
the failing cell and its message, and the scalar figures of results.json. Every run is checked
before the first starts. A failed run does not stop the others; the exit status is 1 if any failed.

Options:
  -p, --parameter NAME=VALUES  a list (4,8,16), an integer range (1..20) or one value (repeatable)
  -o, --out DIR                the grid's folder (required)
  -j, --jobs N                 exports at once on this machine (default: as many as cores)
      --scheduler tcp://HOST:PORT
                               run the exports as tasks on the workers of this Dask scheduler
                               (each worker needs the project installed; see docs/grid.md)
      --resume                 skip the runs whose results DIR already holds for the same
                               parameters and the same notebook
      --to, --no-input, --article
                               as for export
  -h, --help                   show this help`;
