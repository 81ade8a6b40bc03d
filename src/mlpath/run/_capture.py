"""Capture what a cell writes to stdout and stderr, in order, up to a byte cap."""

from __future__ import annotations

import io
from collections.abc import Callable


class CellOutput:
    """The ordered stream chunks of one cell, with a shared byte budget."""

    def __init__(self, limit_bytes: int, on_add: Callable[[], None] | None = None) -> None:
        self.chunks: list[tuple[str, str]] = []
        self.limit = limit_bytes
        self.used = 0
        self.truncated = False
        self.on_add = on_add  # told after each write, to stream what is new
        self._unsent: list[tuple[str, str]] = []

    def add(self, name: str, text: str) -> None:
        if self.truncated or not text:
            return
        size = len(text.encode("utf-8", "replace"))
        if self.used + size > self.limit:
            room = max(0, self.limit - self.used)
            text = text.encode("utf-8", "replace")[:room].decode("utf-8", "ignore")
            self.truncated = True
        self.used += size
        if not text:
            return
        for kept in (self.chunks, self._unsent) if self.on_add else (self.chunks,):
            if kept and kept[-1][0] == name:
                kept[-1] = (name, kept[-1][1] + text)
            else:
                kept.append((name, text))
        if self.on_add is not None:
            self.on_add()

    def ends_a_line(self) -> bool:
        return bool(self._unsent) and self._unsent[-1][1].endswith(("\n", "\r"))

    def take_new(self) -> list[tuple[str, str]]:
        """The chunks written since the last call (for a streamed preview of the output)."""
        new, self._unsent = self._unsent, []
        return new


class CapturingStream(io.TextIOBase):
    """A text stream that forwards writes into a `CellOutput` (replaces sys.stdout/stderr)."""

    def __init__(self, name: str) -> None:
        self.name_ = name
        self.target: CellOutput | None = None

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.target is not None:
            self.target.add(self.name_, text)
        return len(text)

    def flush(self) -> None:
        pass
