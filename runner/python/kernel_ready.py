"""A notebook client that starts running cells as soon as its kernel is ready.

jupyter_client's wait_for_ready, after the kernel_info reply, waits for any IOPub message (0.2 s at
most) and then until IOPub has been silent for 0.2 s: a fixed pause before every notebook's first
cell. Here the wait ends with the kernel's idle status for that same request, which every kernel
publishes when it has handled it; as there, a request whose statuses do not arrive (IOPub not yet
connected) is sent again.
"""
import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from nbclient import NotebookClient

# What jupyter_client waits for one reply or status before it asks again.
REPLY_TIMEOUT = 1.0
STATUS_TIMEOUT = 0.2


class PromptKernelClient(AsyncKernelClient):
    async def wait_for_ready(self, timeout=None):
        deadline = time.time() + (float("inf") if timeout is None else timeout)
        while True:
            request = self.kernel_info()
            reply = await self._reply_to(request)
            if reply is not None and await self._idle_after(request):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    async def _reply_to(self, request):
        return await self._first(self.shell_channel, REPLY_TIMEOUT, lambda msg: (
            msg["parent_header"].get("msg_id") == request and msg["msg_type"] == "kernel_info_reply"))

    async def _idle_after(self, request):
        return await self._first(self.iopub_channel, STATUS_TIMEOUT, lambda msg: (
            msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
            and msg["parent_header"].get("msg_id") == request)) is not None

    @staticmethod
    async def _first(channel, timeout, matches):
        """The first message on the channel that matches, or None after `timeout` s without a message."""
        while True:
            try:
                msg = await channel.get_msg(timeout=timeout)
            except Empty:
                return None
            if matches(msg):
                return msg


class PromptNotebookClient(NotebookClient):
    def create_kernel_manager(self):
        manager = super().create_kernel_manager()
        manager.client_class = f"{__name__}.{PromptKernelClient.__name__}"
        return manager
