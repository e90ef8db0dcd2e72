"""Run chosen cells of a notebook, in a given order, in one real kernel — as a user re-running some cells does.

Reads JSON on stdin: {"notebook": path, "kernel": name, "cwd": dir, "steps": [{"cell": index, "source": optional new source}]}.
Writes JSON on stdout: one {"cell": index, "outputs": [...], "reply": {status, ename, evalue, traceback}} per step, in order.
Cell errors are recorded, not raised.
"""
import json
import sys
import time

# As in runner/python/execute_notebook.py: jsonschema's optional rfc3987_syntax import costs 1.5 s and is never used.
sys.modules["rfc3987_syntax"] = None

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402


def main():
    plan = json.load(sys.stdin)
    nb = nbformat.read(plan["notebook"], as_version=4)
    replies = []

    def remember_reply(cell, cell_index, execute_reply):
        content = execute_reply["content"]
        replies.append({key: content.get(key) for key in ("status", "ename", "evalue", "traceback")})

    client = NotebookClient(nb, kernel_name=plan["kernel"], allow_errors=True,
                            resources={"metadata": {"path": plan["cwd"]}}, on_cell_executed=remember_reply)
    results = []
    with client.setup_kernel():
        for step in plan["steps"]:
            cell = nb.cells[step["cell"]]
            if "source" in step:
                cell.source = step["source"]
            cell.outputs = []
            client.execute_cell(cell, step["cell"])
            if any(o.get("name") == "stderr" for o in cell.outputs):
                # tslab aborts every request that arrives within 200 ms of a failed cell; the next step must run.
                time.sleep(0.3)
            results.append({"cell": step["cell"], "outputs": cell.outputs, "reply": replies[-1]})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
