"""Send several execute requests at once, as JupyterLab's Run All does, and record the kernel's status messages.

Reads JSON on stdin: {"kernel": name, "cwd": dir, "cells": [source, ...]}.
Writes JSON on stdout: {"requests": [msg_id, ...], "statuses": [[execution_state, parent msg_id], ...]}
in the order the status messages arrived, for the requests sent (other messages left out).
"""
import json
import sys

from kernel_session import kernel_session


def main():
    plan = json.load(sys.stdin)
    with kernel_session(plan) as client:
        requests = [client.execute(source) for source in plan["cells"]]
        statuses = []
        idle = set()
        while not idle.issuperset(requests):
            message = client.get_iopub_msg(timeout=120)
            parent = message["parent_header"].get("msg_id")
            if message["msg_type"] == "status" and parent in requests:
                state = message["content"]["execution_state"]
                statuses.append([state, parent])
                if state == "idle":
                    idle.add(parent)
        print(json.dumps({"requests": requests, "statuses": statuses}))


if __name__ == "__main__":
    main()
