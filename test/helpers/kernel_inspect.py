"""Run some cells in one kernel, then ask it about a name, as JupyterLab's Shift+Tab does (inspect_request).

Reads JSON on stdin: {"kernel": name, "cwd": dir, "cells": [source, ...], "code": text, "cursor": offset}.
Writes JSON on stdout: the inspect_reply's content.
"""
import json
import sys

from jupyter_client.manager import start_new_kernel


def main():
    plan = json.load(sys.stdin)
    manager, client = start_new_kernel(kernel_name=plan["kernel"], cwd=plan["cwd"])
    try:
        for source in plan["cells"]:
            reply = client.execute_interactive(source, timeout=120, output_hook=lambda message: None)
            if reply["content"]["status"] != "ok":
                sys.exit(f"the cell {source!r} failed: {reply['content']}")
        print(json.dumps(client.inspect(plan["code"], plan["cursor"], reply=True, timeout=60)["content"]))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
