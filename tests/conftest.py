"""Every test gets its own MLPATH_HOME, so no test sees another's cache or the user's state."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlpath.course.catalog import curriculum_root
from mlpath.run import Executor
from mlpath.verify.cache import clear_version_cache

PILOT_MODULE = curriculum_root() / "02-linear-algebra"


@pytest.fixture(autouse=True)
def mlpath_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "mlpath-home"
    monkeypatch.setenv("MLPATH_HOME", str(home))
    # MLPATH_DATABASE_URL too: a test that inherits it writes into a real database.
    for key in (
        "MLPATH_JOBS",
        "MLPATH_CELL_TIMEOUT",
        "MLPATH_MEMORY_MB",
        "MLPATH_OUTPUT_BYTES",
        "MLPATH_DATABASE_URL",
    ):
        monkeypatch.delenv(key, raising=False)
    # Building the whole course's meaning index takes minutes; tests/course/test_semantic.py
    # turns it on for a three-lesson course.
    monkeypatch.setenv("MLPATH_SEARCH_MEANING", "false")
    clear_version_cache()
    return home


@pytest.fixture(scope="session")
def executor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Executor]:
    """One warm zygote shared by the executor tests (starting one costs most of a second)."""
    with Executor(jobs=2, cache_dir=tmp_path_factory.mktemp("cache")) as shared:
        yield shared


PILOT_LESSONS = ("01-vectors", "03-dot-product", "08-matmul-shapes")


@pytest.fixture
def pilot_copy(tmp_path: Path) -> Path:
    """A private copy of the three pilot lessons (files and figures) that a test may edit."""
    target = tmp_path / "lessons"
    target.mkdir()
    for stem in PILOT_LESSONS:
        shutil.copy(PILOT_MODULE / f"{stem}.md", target)
        figures = PILOT_MODULE / f"{stem}.figures"
        if figures.is_dir():
            shutil.copytree(figures, target / figures.name)
    return target


def write_lesson(folder: Path, name: str, cells: str, lesson_id: str | None = None) -> Path:
    """Write a small lesson file with the given body (code cells and outputs)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    front = (
        f"---\nid: {lesson_id or 'test.' + path.stem}\ntitle: Test lesson\n"
        "teaches: [la.vectors]\nneeds: []\nminutes: 5\n---\n\n"
    )
    path.write_text(front + cells, encoding="utf-8")
    return path
