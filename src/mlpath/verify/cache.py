"""The verification cache: a lesson's results, keyed by everything that can change them.

Key = SHA-256 of the lesson's code cells and their options, the engine version, the Python version
and the installed versions of the packages the lesson imports *and everything they require*
(a new NumPy under matplotlib re-runs a plotting lesson). Recorded outputs are not in the key:
a hit still compares the cached results with the file, so editing an output is caught.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import asdict
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import mlpath
from mlpath.course.imports import lesson_imports, third_party
from mlpath.course.model import Lesson
from mlpath.run.results import CellResult, ProgramResult

# Bump when the way results are produced or stored changes.
RESULT_FORMAT = 2
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def _module_distributions() -> dict[str, list[str]]:
    return {k: list(v) for k, v in metadata.packages_distributions().items()}


@cache
def _distribution_closure(name: str) -> tuple[tuple[str, str], ...]:
    """(name, version) of a distribution and, recursively, of what it requires."""
    seen: dict[str, str] = {}
    stack = [name]
    while stack:
        current = _canonical(stack.pop())
        if current in seen:
            continue
        try:
            dist = metadata.distribution(current)
        except metadata.PackageNotFoundError:
            continue
        seen[current] = dist.version
        for requirement in dist.requires or ():
            if "extra ==" in requirement:
                continue
            match = _REQUIREMENT_NAME.match(requirement)
            if match:
                stack.append(match.group(1))
    return tuple(sorted(seen.items()))


def clear_version_cache() -> None:
    """Forget looked-up versions (after packages were installed or removed in this process)."""
    _module_distributions.cache_clear()
    _distribution_closure.cache_clear()


def package_versions(modules: set[str]) -> dict[str, str]:
    """Installed versions behind the given top-level modules; missing ones map to 'missing'."""
    versions: dict[str, str] = {}
    for module in sorted(third_party(modules)):
        distributions = _module_distributions().get(module)
        if not distributions:
            versions[f"module:{module}"] = "missing"
            continue
        for distribution in distributions:
            versions.update(_distribution_closure(distribution))
    return versions


def _import_path_fingerprint() -> list[tuple[str, int]]:
    """Installing, upgrading or removing a package adds or renames entries in a folder on
    sys.path, which changes that folder's modification time."""
    fingerprint: list[tuple[str, int]] = []
    # The running script's folder (or '' for -c) is on sys.path but says nothing about
    # installs; it differs between `mlpath`, `python -m` and a profiler.
    script = sys.argv[0] if sys.argv and sys.argv[0] else ""
    script_dir = os.path.dirname(os.path.realpath(script)) if script else ""
    entries = [e for e in sys.path if e and os.path.realpath(e) != script_dir]
    for entry in entries:
        with contextlib.suppress(OSError):
            fingerprint.append((entry, os.stat(entry or ".").st_mtime_ns))
    return fingerprint


class VersionIndex:
    """`package_versions`, remembered on disk until anything on sys.path changes.

    Scanning every installed distribution costs a few hundred milliseconds; a fully cached
    re-verify must not pay it each time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fingerprint = [list(item) for item in _import_path_fingerprint()]
        self.entries: dict[str, dict[str, str]] = {}
        self.changed = False
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("fingerprint") == self.fingerprint and data.get("python") == sys.version:
                self.entries = dict(data["entries"])

    def versions(self, modules: set[str]) -> dict[str, str]:
        key = ",".join(sorted(third_party(modules)))
        if key not in self.entries:
            self.entries[key] = package_versions(modules)
            self.changed = True
        return self.entries[key]

    def save(self) -> None:
        if not self.changed:
            return
        data = {"python": sys.version, "fingerprint": self.fingerprint, "entries": self.entries}
        _atomic_write_json(self.path, data)
        self.changed = False


def cache_key(lesson: Lesson, versions: VersionIndex | None = None) -> str:
    modules = lesson_imports(lesson)
    payload = {
        "engine": mlpath.__version__,
        "format": RESULT_FORMAT,
        "python": sys.version,
        "cells": [[cell.code, asdict(cell.options)] for cell in lesson.cells],
        "packages": versions.versions(modules) if versions else package_versions(modules),
    }
    encoded = json.dumps(payload, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _atomic_write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class ResultCache:
    """Results on disk, one JSON file per key, written atomically (safe with parallel runs)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> ProgramResult | None:
        try:
            data: dict[str, Any] = json.loads(self._path(key).read_text(encoding="utf-8"))
            return ProgramResult(
                cells=[CellResult.from_dict(cell) for cell in data["cells"]], crash=None
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: ProgramResult) -> None:
        timed_out = any(c.error and c.error.type_name == "TimeoutError" for c in result.cells)
        if result.crash is not None or timed_out:
            return  # a crash, kill or timeout may depend on the machine's load: never cache it
        data = {"python": sys.version, "cells": [cell.to_dict() for cell in result.cells]}
        _atomic_write_json(self._path(key), data)
