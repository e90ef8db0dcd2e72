"""What execute_notebook.py tells `attention-lab export` while a notebook runs, and its lifeline.

Events are JSON lines on a pipe the CLI opens for them (--events-fd), apart from stdout and stderr,
which the kernel shares with this process:
  {"event": "kernel", "pgid": N, "connectionFile": F}
                                        the kernel started, leads process group N, and its ports
                                        and key are in file F
  {"event": "cell", "index": I}         code cell I (counted in the notebook as run) starts
  {"event": "progress", "text": "..."}  the last line of a live output (one with a display_id),
                                        e.g. the notebook's "Epoch 3/20 ..." line

The lifeline: if the CLI dies without a word (SIGKILL), this process is re-parented; it then kills
the kernel's process group, removes the kernel's connection file and the export's staging folder,
and exits, rather than run on to the end for nobody.
"""
import json
import os
import shutil
import signal
import threading
import time


class EventWriter:
    def __init__(self, fd):
        self._file = os.fdopen(fd, "w", buffering=1, encoding="utf-8") if fd is not None else None
        self._last_progress = None

    def send(self, **event):
        if self._file is None:
            return
        try:
            self._file.write(json.dumps(event) + "\n")
        except OSError:
            pass  # the CLI has gone; the lifeline deals with that

    def progress(self, text):
        lines = [line for line in text.splitlines() if line.strip()]
        if lines and lines[-1] != self._last_progress:
            self._last_progress = lines[-1]
            self.send(event="progress", text=lines[-1])


def kernel_pgid(client):
    provisioner = getattr(client.km, "provisioner", None)
    return getattr(provisioner, "pgid", None) or getattr(provisioner, "pid", None)


def attach(client, events):
    """Make the client send the kernel, cell and progress events as it runs."""
    def on_notebook_start(notebook):
        events.send(event="kernel", pgid=kernel_pgid(client), connectionFile=client.km.connection_file)

    def on_cell_execute(cell, cell_index):
        events.send(event="cell", index=cell_index)

    process_message = client.process_message

    def reporting_process_message(msg, cell, cell_index):
        content = msg.get("content", {})
        transient = content.get("transient") or {}
        # Live outputs (with a display_id) are the notebook's progress lines.
        if msg.get("msg_type") in ("display_data", "update_display_data") and transient.get("display_id"):
            text = content.get("data", {}).get("text/plain")
            if isinstance(text, str):
                events.progress(text)
        return process_message(msg, cell, cell_index)

    client.on_notebook_start = on_notebook_start
    client.on_cell_execute = on_cell_execute
    client.process_message = reporting_process_message


def start_lifeline(client, staging_dir, interval=0.2):
    """Watch for the CLI's death (our parent changes) and clean up after it."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(interval)
        if client.km is not None:
            pgid = kernel_pgid(client)
            if pgid:
                try:
                    os.killpg(pgid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            # The kernel's connection file (ports and key), which a normal shutdown removes.
            if client.km.connection_file:
                try:
                    os.remove(client.km.connection_file)
                except OSError:
                    pass
        if staging_dir:
            shutil.rmtree(staging_dir, ignore_errors=True)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
