"""The code map: the data table that says which concepts a library call, method or operator uses.

The table lives in `curriculum/code-map.yaml` (content is data); this module reads it once,
checks its shape, and answers look-ups. Its header comment documents the format.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mlpath.errors import CodeMapError

CODE_MAP_FILE = "code-map.yaml"
SECTIONS = ("calls", "instance_methods", "methods", "attributes", "operators", "idioms")
# The multi-line patterns `mlpath.explain.idioms` recognises; the map says what each one means.
IDIOMS = (
    "scaled-attention",
    "unscaled-attention",
    "split-heads",
    "merge-heads",
    "residual",
    "relu",
)
ENTRY_KEYS = ("concepts", "says", "returns")
# The binary operators a map may name (the symbol a learner writes).
OPERATOR_SYMBOLS = ("@", "*", "/", "**", "+", "-")

_DOTTED = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"
_KEYWORD = r"(?:\([A-Za-z_]\w*=\))?"
_KEY_PATTERNS = {
    "calls": re.compile(rf"{_DOTTED}{_KEYWORD}"),
    "instance_methods": re.compile(r"[A-Za-z_]\w*"),
    "methods": re.compile(rf"[A-Za-z_]\w*{_KEYWORD}"),
    "attributes": re.compile(_DOTTED),
}
_KEY_FORMS = {
    "calls": "a dotted name such as numpy.linalg.norm, optionally ending in (keyword=)",
    "instance_methods": "a method name such as fit",
    "methods": "a method name such as mean, optionally ending in (keyword=)",
    "attributes": "a name such as T, or a dotted name such as numpy.newaxis",
}


@dataclass(frozen=True)
class Entry:
    """What one row of the map says about a piece of code.

    Args:
        concepts: concept ids from concepts.yaml, most specific first.
        says: a short phrase that tells the learner what the code computes.
        returns: the qualified class of the result (or "self"), so that methods on it resolve.
    """

    concepts: tuple[str, ...]
    says: str
    returns: str | None = None


@dataclass(frozen=True)
class CodeMap:
    """The parsed map: one dictionary per section, keyed as written in the file."""

    path: Path
    calls: Mapping[str, Entry]
    instance_methods: Mapping[str, Entry]
    methods: Mapping[str, Entry]
    attributes: Mapping[str, Entry]
    operators: Mapping[str, Entry]
    idioms: Mapping[str, Entry]

    @functools.cached_property
    def prefixes(self) -> frozenset[str]:
        """Every dotted prefix of a call or attribute key (`numpy`, `numpy.linalg`, ...).

        Lets `from numpy import *` resolve a bare name only when the map knows something under it.
        """
        return frozenset(
            key.split("(")[0].rsplit(".", n)[0]
            for key in (*self.calls, *self.attributes)
            for n in range(key.count(".") + 1)
        )

    def __len__(self) -> int:
        return sum(len(getattr(self, section)) for section in SECTIONS)

    def concept_ids(self) -> set[str]:
        """Every concept id the map names (for checking against the catalog)."""
        return {
            concept
            for section in SECTIONS
            for entry in getattr(self, section).values()
            for concept in entry.concepts
        }

    def find(self, section: str, name: str, keywords: Sequence[str] = ()) -> Entry | None:
        """The entry for `name`, preferring a `name(kw=)` key for a keyword the call passes."""
        table: Mapping[str, Entry] = getattr(self, section)
        for keyword in keywords:
            entry = table.get(f"{name}({keyword}=)")
            if entry is not None:
                return entry
        return table.get(name)


def default_code_map_path() -> Path:
    """The map shipped with the curriculum.

    The same folder as `mlpath.course.catalog.curriculum_root()`, found without importing the
    catalog (and its Markdown parser), which would add about 0.1 s to `mlpath explain`.
    """
    return Path(__file__).resolve().parent.parent / "curriculum" / CODE_MAP_FILE


def load_code_map(
    path: Path | None = None, *, known_concepts: Collection[str] | None = None
) -> CodeMap:
    """Read and check a code map (parsed once per file version, then served from a cache).

    Args:
        path: the YAML file (default: the curriculum's code-map.yaml).
        known_concepts: if given, every concept id in the map must be one of these.

    Raises:
        CodeMapError: listing every problem found, each with the file, line and key.
    """
    path = (path or default_code_map_path()).resolve()
    try:
        version = path.stat().st_mtime_ns
    except OSError as exc:
        raise CodeMapError([f"{path}: cannot read the code map ({exc.strerror})"]) from None
    code_map = _load(path, version)
    if known_concepts is not None:
        lines = _Lines(path, path.read_text(encoding="utf-8"))
        problems = [
            f"{lines.where(key)}: {section}.{key} names the unknown concept '{concept}'; "
            f"concepts are listed in concepts.yaml"
            for section in SECTIONS
            for key, entry in getattr(code_map, section).items()
            for concept in entry.concepts
            if concept not in known_concepts
        ]
        if problems:
            raise CodeMapError(problems)
    return code_map


@functools.lru_cache(maxsize=8)
def _load(path: Path, version: int) -> CodeMap:
    """Parse and check the file; `version` (its mtime) is part of the key so edits are seen."""
    del version
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodeMapError([f"{path}: cannot read the code map ({exc})"]) from None
    try:
        raw: Any = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or exc
        raise CodeMapError([f"{path}:{line}: not valid YAML: {problem}"]) from None
    if not isinstance(raw, dict):
        raise CodeMapError(
            [f"{path}:1: expected a mapping with the sections {', '.join(SECTIONS)}"]
        )
    problems: list[str] = []
    lines = _Lines(path, text)
    for section in raw:
        if section not in SECTIONS:
            problems.append(
                f"{lines.where(str(section))}: unknown section '{section}'; "
                f"expected one of {', '.join(SECTIONS)}"
            )
    tables = {
        section: _section(lines, section, raw.get(section) or {}, problems) for section in SECTIONS
    }
    if problems:
        raise CodeMapError(problems)
    return CodeMap(path=path, **tables)


def _section(lines: _Lines, section: str, raw: Any, problems: list[str]) -> dict[str, Entry]:
    if not isinstance(raw, dict):
        problems.append(f"{lines.where(section)}: '{section}' must be a mapping of entries")
        return {}
    table: dict[str, Entry] = {}
    for key, value in raw.items():
        key = str(key)
        where = f"{lines.where(key)}: {section}.{key}"
        if section == "operators":
            if key not in OPERATOR_SYMBOLS:
                problems.append(
                    f"{where}: unknown operator; expected one of {', '.join(OPERATOR_SYMBOLS)}"
                )
                continue
        elif section == "idioms":
            if key not in IDIOMS:
                problems.append(f"{where}: unknown idiom; expected one of {', '.join(IDIOMS)}")
                continue
        elif not _KEY_PATTERNS[section].fullmatch(key):
            problems.append(f"{where}: the key must be {_KEY_FORMS[section]}")
            continue
        entry = _entry(where, section, value, problems)
        if entry is not None:
            table[key] = entry
    return table


def _entry(where: str, section: str, value: Any, problems: list[str]) -> Entry | None:
    form = 'expected {concepts: [concept ids], says: "a short phrase"}'
    if not isinstance(value, dict):
        problems.append(f"{where}: {form}; got {value!r}")
        return None
    unknown = [str(k) for k in value if k not in ENTRY_KEYS]
    if unknown:
        problems.append(
            f"{where}: unknown field(s) {', '.join(unknown)}; expected {', '.join(ENTRY_KEYS)}"
        )
    concepts, says, returns = value.get("concepts"), value.get("says"), value.get("returns")
    if not isinstance(concepts, list) or not all(isinstance(c, str) for c in concepts):
        problems.append(f"{where}: 'concepts' must be a list of concept ids; {form}")
        return None
    if not concepts and section != "instance_methods":
        problems.append(f"{where}: 'concepts' is empty; name at least one concept")
    if not isinstance(says, str) or not says.strip():
        problems.append(f"{where}: 'says' must be a short phrase; {form}")
        return None
    if returns is not None and (
        section not in ("calls", "instance_methods") or not isinstance(returns, str)
    ):
        problems.append(f"{where}: 'returns' is allowed only in calls and instance_methods")
        return None
    return Entry(concepts=tuple(concepts), says=says.strip(), returns=returns)


class _Lines:
    """Where each key of the YAML file is defined, so that problems can name `file:line`."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            key = line.strip().split(":", 1)[0].strip("\"'")
            if key and not key.startswith("#"):
                self.lines.setdefault(key, number)

    def where(self, key: str) -> str:
        """`file:line` of the first line that defines `key` (just the file if none does)."""
        line = self.lines.get(key)
        return f"{self.path}:{line}" if line else str(self.path)
