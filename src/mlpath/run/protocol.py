"""Length-prefixed JSON messages over a stream socket: the only thing that crosses to a child.

Plain data only (never pickle), so nothing a cell builds can run code in the parent.
"""

from __future__ import annotations

import json
import socket
import struct
import time
from typing import Any

_HEADER = struct.Struct("!I")
MAX_MESSAGE_BYTES = 256 * 1024 * 1024


class ChannelClosed(EOFError):
    """The other end closed the socket (for a child: it exited or was killed)."""


def send_message(sock: socket.socket, message: dict[str, Any]) -> None:
    payload = json.dumps(message, separators=(",", ":")).encode("utf-8")
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def _recv_exactly(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        if deadline is not None:
            # One deadline for the whole message: a sender trickling bytes gains nothing.
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no complete message before the deadline")
            sock.settimeout(left)
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed("the other end closed the channel")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv_message(sock: socket.socket, deadline: float | None = None) -> dict[str, Any]:
    """Receive one message, whole by `deadline` (a `time.monotonic()` value) if given, else
    within the socket's own timeout for each read. Raises `TimeoutError` when late."""
    (size,) = _HEADER.unpack(_recv_exactly(sock, _HEADER.size, deadline))
    if size > MAX_MESSAGE_BYTES:
        raise ChannelClosed(f"message of {size} bytes is larger than allowed")
    message = json.loads(_recv_exactly(sock, size, deadline).decode("utf-8"))
    if not isinstance(message, dict):
        raise ChannelClosed("malformed message")
    return message
