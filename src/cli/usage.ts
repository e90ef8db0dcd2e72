/** The help texts, one per command, printed by --help and after a usage error. */

export const generalUsage = `Usage: attention-lab <command> [options]

Commands:
  export [NOTEBOOK...]   execute notebooks on the tslab kernel; write .ipynb, .html and .results.json
  lab [JUPYTER ARGS...]  start JupyterLab on notebooks/

Run "attention-lab <command> --help" for a command's options.`;

export const exportUsage = `Usage: attention-lab export [NOTEBOOK...] [-p NAME=VALUE ...] [--out DIR] [--no-input]

Executes each notebook (default: every notebooks/*.ipynb) on the tslab kernel, in the notebook's
folder, and writes DIR/<name>.ipynb, DIR/<name>.html and DIR/<name>.results.json.
Nothing is written unless every notebook runs through.

Options:
  -p, --parameter NAME=VALUE  override a default of the cell tagged "parameters"
                              (repeatable; VALUE must match the default's type)
  -o, --out DIR               output folder (default: dist/ in the project)
      --no-input              leave the code cells out of the HTML
  -h, --help                  show this help`;

export const labUsage = `Usage: attention-lab lab [JUPYTER ARGS...]

Starts JupyterLab with the project's Jupyter on notebooks/, at 127.0.0.1, without opening a
browser. Other arguments go to "jupyter lab" unchanged (put them after "--" to pass --help).
Ctrl-C stops the server, kernels included.`;
