"""Refuse, before any kernel starts, notebooks whose Markdown a self-contained page cannot show.

The pre-run half of publish.py's check (runner/publisher/publishable.ts runs it): math and mermaid
diagrams in Markdown cells, in the form being exported (cells that form leaves out do not count).
Outputs are checked after the run, when they exist. Reads JSON on stdin: {"form": "notebook" |
"no-input" | "article", "notebooks": [{"label": ..., "notebook": {...}}]}. Exit status 0: all
publishable; 4: the first that is not, named on stderr as "<label> cannot be published: <why>".
"""
import json
import sys

# As in execute_notebook.py: jsonschema's optional rfc3987_syntax import costs 1.5 s and is never used.
sys.modules["rfc3987_syntax"] = None

import nbformat  # noqa: E402

from publish import UnpublishableNotebook, publishable  # noqa: E402

UNPUBLISHABLE = 4


def main():
    request = json.load(sys.stdin)
    form = request["form"]
    for entry in request["notebooks"]:
        # reads, not from_dict: it joins each cell's source lines as nbformat.read does.
        nb = nbformat.reads(json.dumps(entry["notebook"]), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []  # outputs saved in the file are replaced by the run's
        try:
            publishable(nb, no_input=form == "no-input", article=form == "article")
        except UnpublishableNotebook as error:
            print(f"{entry['label']} cannot be published: {error}", file=sys.stderr)
            sys.exit(UNPUBLISHABLE)


if __name__ == "__main__":
    main()
