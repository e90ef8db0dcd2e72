"""One run of `attention-lab grid --scheduler` on a Dask worker: `attention-lab export` of the worker's
own copy of the project, its files sent back to the client.

grid_dask.py sends this module to the workers by value (cloudpickle), so a worker needs the project
installed (npm install: node_modules, build/, .venv with the tslab kernel) but not this file on its
path. The project is the one whose .venv runs the worker (`.venv/bin/dask worker ...`), or the
folder in ATTENTION_LAB_ROOT; node is ATTENTION_LAB_NODE or the first on PATH.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

# How often a running export checks whether the grid was stopped.
POLL_SECONDS = 0.5


def notebook_digest(path):
    """What the notebook runs (cell types, tags, sources), so that client and worker can compare copies."""
    with open(path, encoding="utf-8") as file:
        cells = json.load(file)["cells"]
    parts = [[c["cell_type"], c.get("metadata", {}).get("tags", []),
              "".join(c["source"]) if isinstance(c["source"], list) else c["source"]] for c in cells]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def project_root():
    root = os.environ.get("ATTENTION_LAB_ROOT") or os.path.dirname(sys.prefix)
    if not os.path.isfile(os.path.join(root, "bin", "attention-lab.js")):
        raise LookupError(f"this worker runs no attention-lab project ({root} has no bin/attention-lab.js); start it with "
                          "the project's .venv/bin/dask worker, or set ATTENTION_LAB_ROOT")
    return root


def read_tree(folder):
    """Every file under folder, by path relative to it (a Markdown page's <name>_files/ included)."""
    files = {}
    for parent, _, names in os.walk(folder):
        for name in names:
            full = os.path.join(parent, name)
            with open(full, "rb") as file:
                files[os.path.relpath(full, folder)] = file.read()
    return files


def export_on_worker(run_id, notebook, digest, export_args, stop_name, topic):
    from distributed import Event, get_worker

    worker = get_worker()
    started = time.monotonic()
    stop = Event(stop_name)

    def outcome(returncode, stderr, files=None, interrupted=False):
        return {"id": run_id, "returncode": returncode, "stderr": stderr, "files": files or {},
                "interrupted": interrupted, "worker": worker.address, "seconds": time.monotonic() - started}

    if stop.is_set():
        return None  # the grid was stopped before this run began: it stays pending
    worker.log_event(topic, {"id": run_id})
    try:
        root = project_root()
        node = os.environ.get("ATTENTION_LAB_NODE") or shutil.which("node")
        if node is None:
            raise LookupError("this worker finds no node (put it on PATH or set ATTENTION_LAB_NODE)")
        notebook_path = os.path.join(root, notebook)
        if not os.path.isfile(notebook_path):
            raise LookupError(f"this worker's project has no {notebook}")
        if notebook_digest(notebook_path) != digest:
            raise LookupError(f"this worker's {notebook} differs from the client's; update the worker's project")
    except LookupError as error:
        return outcome(1, f"attention-lab: worker {worker.address}: {error}")

    with tempfile.TemporaryDirectory(prefix="attention-lab-grid-") as scratch:
        out = os.path.join(scratch, "out")
        export = subprocess.Popen([node, os.path.join(root, "bin", "attention-lab.js"), "export", notebook_path,
                                   *export_args, "--out", out], cwd=root, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  start_new_session=True)
        interrupted = False
        while True:
            try:
                _, stderr = export.communicate(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                # SIGTERM: the export stops its kernel and removes its temporary files itself.
                if not interrupted and stop.is_set():
                    export.terminate()
                    interrupted = True
        files = read_tree(out) if export.returncode == 0 else {}
    return outcome(export.returncode, stderr, files, interrupted)
