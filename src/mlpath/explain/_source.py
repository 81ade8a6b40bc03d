"""Show a node's code as the learner wrote it, on one short line, with a 1-based column."""

from __future__ import annotations

import ast
import re

MAX_CODE = 72
_NEWLINES = re.compile(r"\r\n|\r|\n")  # the line breaks Python's own tokenizer accepts


class SourceText:
    """The learner's file split into lines, for cutting out the code of AST nodes.

    AST columns are UTF-8 byte offsets, so each line is kept as bytes as well.
    """

    def __init__(self, source: str) -> None:
        self._lines = [line.encode("utf-8") for line in _NEWLINES.split(source)]

    def column(self, node: ast.expr | ast.stmt) -> int:
        """1-based character column where the node starts."""
        line = self._line(node.lineno)
        return len(line[: node.col_offset].decode("utf-8", errors="replace")) + 1

    def code(self, node: ast.expr | ast.stmt) -> str:
        """The node's code on one line, shortened to MAX_CODE characters."""
        end_line = node.end_lineno or node.lineno
        end_col = node.end_col_offset if node.end_col_offset is not None else None
        if end_line == node.lineno:
            pieces = [self._line(node.lineno)[node.col_offset : end_col]]
        else:
            pieces = [self._line(node.lineno)[node.col_offset :]]
            pieces += [self._line(n) for n in range(node.lineno + 1, end_line)]
            pieces.append(self._line(end_line)[:end_col])
        text = _join([p.decode("utf-8", errors="replace").strip() for p in pieces])
        return text if len(text) <= MAX_CODE else text[: MAX_CODE - 3].rstrip() + "..."

    def _line(self, number: int) -> bytes:
        return self._lines[number - 1] if 0 < number <= len(self._lines) else b""


def _join(pieces: list[str]) -> str:
    """Join the lines of a multi-line call the way it would be written on one line."""
    text = ""
    for piece in pieces:
        if not piece or piece.startswith("#"):
            continue
        if piece[0] in ")]}" and text.endswith(","):
            text = text[:-1]
        if text and text[-1] not in "([{" and piece[0] not in ")]}":
            text += " "
        text += piece
    return " ".join(text.split())
