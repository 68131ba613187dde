"""A cheaper socket read timeout for the async Neo4j driver.

Neo4j 5 tells every Bolt connection to time reads out (`connection.recv_timeout_seconds`), and
the async driver enforces it by wrapping *each* socket read in its own `wait_for`, which creates
an asyncio Task per read. A read statement returning a few hundred rows is hundreds of small reads
(a chunk header, then the chunk), so the Tasks cost more CPU than decoding the records: in the
benchmark's profile a 250-row read spent ~1,000 `wait_for` calls and ~500 Tasks per statement.

`install()` replaces the driver's `_wait_for_io` with one that enforces the same timeout and the
same deadline, raising the same errors, with `asyncio.timeout` (a timer handle, no Task) and
no timer at all when the bytes are already buffered. Only the positive-timeout case changes;
a timeout of 0 or below (the driver's "non-blocking" mode) goes to the original.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from neo4j._async_compat.network import _bolt_socket as bolt_socket
    from neo4j._exceptions import SocketDeadlineExceededError

    original = bolt_socket.AsyncBoltSocketBase._wait_for_io
    non_expired_timeout = bolt_socket._non_expired_timeout

    async def _wait_for_io(
        self: Any,
        name: str,
        timeout: float | None,
        deadline: Any,
        io_async_fn: Callable[..., Coroutine[Any, Any, Any]],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        to_raise: type[Exception] = TimeoutError
        deadline_timeout = non_expired_timeout(deadline, name)
        if deadline_timeout is not None and (timeout is None or deadline_timeout <= timeout):
            timeout = deadline_timeout
            to_raise = SocketDeadlineExceededError
        if timeout is None:
            return await io_async_fn(*args, **kwargs)
        reader = getattr(self, "_reader", None)
        if reader is not None and io_async_fn == reader.read and reader._buffer:
            return await io_async_fn(*args, **kwargs)  # buffered: returns without waiting
        if timeout <= 0:
            return await original(self, name, timeout, deadline, io_async_fn, *args, **kwargs)
        try:
            async with asyncio.timeout(timeout):
                return await io_async_fn(*args, **kwargs)
        except TimeoutError as error:
            raise to_raise(f"{name} timed out") from error

    bolt_socket.AsyncBoltSocketBase._wait_for_io = _wait_for_io  # type: ignore[method-assign]
    _installed = True
