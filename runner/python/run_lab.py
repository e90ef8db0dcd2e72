"""JupyterLab for `attention-lab lab` (runner/lab/lab.ts), with a lifeline to the wrapper that started it.

The wrapper turns Ctrl-C, SIGTERM and SIGHUP into a SIGTERM for this process, on which Jupyter's
server shuts its kernels down and removes its server file. If the wrapper dies without a word
(SIGKILL), this process is re-parented; it then sends itself that SIGTERM, rather than serve the
notebooks on, token and kernels included, for nobody.
"""
import os
import signal
import sys
import threading
import time

from jupyterlab.labapp import main


def start_lifeline(interval=0.2):
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    start_lifeline()
    sys.exit(main())
