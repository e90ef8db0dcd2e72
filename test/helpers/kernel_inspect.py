"""Run set-up cells in a real kernel, then ask it about code as Shift+Tab in JupyterLab does (inspect_request).

Reads JSON on stdin: {"kernel": name, "cwd": dir, "setup": [source, ...], "inspect": [{"code": source, "cursor_pos": n}, ...]}.
Writes JSON on stdout: {"setup": [execute_reply content, ...], "inspect": [inspect_reply content, ...]}.
"""
import json
import sys

from kernel_session import kernel_session


def reply_to(client, msg_id, timeout=120):
    while True:
        message = client.get_shell_msg(timeout=timeout)
        if message["parent_header"].get("msg_id") == msg_id:
            return message["content"]


def main():
    plan = json.load(sys.stdin)
    with kernel_session(plan) as client:
        setup = [reply_to(client, client.execute(source, store_history=False)) for source in plan["setup"]]
        inspected = [reply_to(client, client.inspect(query["code"], query["cursor_pos"], detail_level=0)) for query in plan["inspect"]]
        print(json.dumps({"setup": setup, "inspect": inspected}))


if __name__ == "__main__":
    main()
