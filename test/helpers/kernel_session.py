"""The kernel a test helper talks to: started as a plan names it, always shut down afterwards."""
from contextlib import contextmanager

from jupyter_client.manager import start_new_kernel


@contextmanager
def kernel_session(plan):
    """A client of a new kernel `plan["kernel"]` started in `plan["cwd"]`; the kernel is shut down on leaving."""
    manager, client = start_new_kernel(kernel_name=plan["kernel"], cwd=plan["cwd"], startup_timeout=120)
    try:
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
