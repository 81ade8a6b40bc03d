"""Capture what a cell writes to stdout and stderr, in order, up to a byte cap."""

from __future__ import annotations

import io


class CellOutput:
    """The ordered stream chunks of one cell, with a shared byte budget."""

    def __init__(self, limit_bytes: int) -> None:
        self.chunks: list[tuple[str, str]] = []
        self.limit = limit_bytes
        self.used = 0
        self.truncated = False

    def add(self, name: str, text: str) -> None:
        if self.truncated or not text:
            return
        size = len(text.encode("utf-8", "replace"))
        if self.used + size > self.limit:
            room = max(0, self.limit - self.used)
            text = text.encode("utf-8", "replace")[:room].decode("utf-8", "ignore")
            self.truncated = True
        self.used += size
        if self.chunks and self.chunks[-1][0] == name:
            self.chunks[-1] = (name, self.chunks[-1][1] + text)
        elif text:
            self.chunks.append((name, text))


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
