"""Length-prefixed JSON messages over a stream socket: the only thing that crosses to a child.

Plain data only (never pickle), so nothing a cell builds can run code in the parent.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

_HEADER = struct.Struct("!I")
MAX_MESSAGE_BYTES = 256 * 1024 * 1024


class ChannelClosed(EOFError):
    """The other end closed the socket (for a child: it exited or was killed)."""


def send_message(sock: socket.socket, message: dict[str, Any]) -> None:
    payload = json.dumps(message, separators=(",", ":")).encode("utf-8")
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed("the other end closed the channel")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv_message(sock: socket.socket) -> dict[str, Any]:
    """Receive one message. Honours the socket's timeout (raises `TimeoutError`)."""
    (size,) = _HEADER.unpack(_recv_exactly(sock, _HEADER.size))
    if size > MAX_MESSAGE_BYTES:
        raise ChannelClosed(f"message of {size} bytes is larger than allowed")
    message = json.loads(_recv_exactly(sock, size).decode("utf-8"))
    if not isinstance(message, dict):
        raise ChannelClosed("malformed message")
    return message
