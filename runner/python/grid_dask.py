"""The Dask client of `attention-lab grid --scheduler`: submits one task per run (grid_task.py), writes
each finished run's files into a staging folder and tells the CLI on --events-fd:
  {"event": "started", "id": I}      run I began on a worker
  {"event": "finished", "id": I, "returncode": N, "stderr": S, "seconds": T, "worker": W,
   "interrupted": B, "staging": F}   run I ended; its files are in F (when N is 0)
A run that the grid's stop reached before it began is not reported: it stays pending.
The runs come on stdin as JSON: {"notebook": path inside the project, "runs": [[export args], ...]}.

SIGINT or SIGTERM (the CLI passes its signals on) sets a Dask Event that every task polls: running
exports are stopped (each stops its kernel), waiting ones end without starting; the client returns
once all have. If the CLI dies outright, the client notices (it is re-parented) and does the same.
"""
import argparse
import json
import os
import shutil
import signal
import sys
import uuid

import cloudpickle
from distributed import Client, Event, wait

import grid_task
from export_events import EventWriter

# grid_dask.py's exit status when the scheduler cannot be used (unreachable, no workers).
UNREACHABLE = 6
CONNECT_SECONDS = 15
WORKERS_SECONDS = 60


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scheduler", required=True)
    parser.add_argument("--staging", required=True)
    parser.add_argument("--events-fd", type=int)
    args = parser.parse_args()
    spec = json.load(sys.stdin)
    events = EventWriter(args.events_fd)
    stopping = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda number, frame: stopping.append(number))
    parent = os.getppid()

    try:
        client = Client(args.scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as error:
        print(f"no scheduler answers there ({error})", file=sys.stderr)
        return UNREACHABLE
    try:
        try:
            client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except TimeoutError:
            print(f"no worker joined it within {WORKERS_SECONDS} s (see docs/grid.md for starting workers)", file=sys.stderr)
            return UNREACHABLE
        run_key = uuid.uuid4().hex[:12]
        stop = Event(f"attention-lab-grid-stop-{run_key}", client=client)
        topic = f"attention-lab-grid-{run_key}"
        client.subscribe_topic(topic, lambda event: events.send(event="started", id=event[1]["id"]))
        cloudpickle.register_pickle_by_value(grid_task)
        digest = grid_task.notebook_digest(spec["notebook"])
        pending = {client.submit(export_on_worker, run_id, spec["notebook"], digest, export_args,
                                 stop.name, topic, key=f"attention-lab-export-{run_key}-{run_id}", pure=False)
                   for run_id, export_args in enumerate(spec["runs"])}
        stop_sent = False
        while pending:
            if (stopping or os.getppid() != parent) and not stop_sent:
                stop.set()
                stop_sent = True
            try:
                done, pending = wait(pending, timeout=0.5, return_when="FIRST_COMPLETED")
            except TimeoutError:
                continue
            for future in done:
                report(future, args.staging, events)
        if os.getppid() != parent:
            shutil.rmtree(args.staging, ignore_errors=True)
    finally:
        client.close()
    return 0


def export_on_worker(*args):
    """grid_task.export_on_worker, defined here in __main__ so that Dask sends it by value (with
    cloudpickle, and grid_task with it): neither scheduler nor workers need to import our code."""
    return grid_task.export_on_worker(*args)


def report(future, staging_root, events):
    if future.status == "error":
        events.send(event="finished", id=int(future.key.rsplit("-", 1)[1]), returncode=1, seconds=0, worker="",
                    interrupted=False, stderr=f"attention-lab: the task failed on the cluster: {future.exception()!r}")
        return
    result = future.result()
    if result is None:
        return  # stopped before it began
    staging = None
    if result["returncode"] == 0:
        staging = os.path.join(staging_root, str(result["id"]))
        os.makedirs(staging)
        for name, content in result["files"].items():
            os.makedirs(os.path.dirname(os.path.join(staging, name)), exist_ok=True)
            with open(os.path.join(staging, name), "wb") as file:
                file.write(content)
    events.send(event="finished", staging=staging, **{k: v for k, v in result.items() if k != "files"})


if __name__ == "__main__":
    sys.exit(main())
