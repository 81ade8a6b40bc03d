"""`mlpath explain`: the math behind a learner's own NumPy, SciPy, scikit-learn and PyTorch code.

Reads a Python file's syntax tree (never runs it), finds the library calls, methods and
operators listed in the curriculum's code map, and names the concept behind each one.
"""

from __future__ import annotations

from mlpath.errors import CodeMapError, ExplainError
from mlpath.explain.analyzer import explain_file, explain_source
from mlpath.explain.codemap import CodeMap, Entry, load_code_map
from mlpath.explain.model import Explanation, Finding
from mlpath.explain.report import render_text

__all__ = [
    "CodeMap",
    "CodeMapError",
    "Entry",
    "ExplainError",
    "Explanation",
    "Finding",
    "explain_file",
    "explain_source",
    "load_code_map",
    "render_text",
]
