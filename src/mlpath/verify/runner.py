"""Verify lessons: run them (or take cached results), compare, and optionally re-record."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mlpath.config import Settings
from mlpath.course.catalog import lesson_files
from mlpath.course.imports import missing_extras, preload_modules
from mlpath.course.model import Lesson, Recorded
from mlpath.course.parser import parse_lesson_file
from mlpath.course.writer import write_results
from mlpath.errors import LessonFormatError
from mlpath.run.results import CellResult, Limits, ProgramResult
from mlpath.verify.cache import ResultCache, VersionIndex, cache_key
from mlpath.verify.compare import check_cell, output_text, recordable
from mlpath.verify.figures import figure_problem, rms_difference

if TYPE_CHECKING:
    from mlpath.run.executor import CellRequest, Mode


@dataclass(frozen=True)
class CellFailure:
    """One cell that did not verify."""

    path: Path
    line: int
    cell: int
    reason: str
    details: str = ""


@dataclass
class LessonOutcome:
    """What happened to one lesson file."""

    path: Path
    lesson: Lesson | None = None
    failures: list[CellFailure] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None
    cached: bool = False
    updated: bool = False
    result: ProgramResult | None = None

    @property
    def cell_count(self) -> int:
        return len(self.lesson.cells) if self.lesson and not self.skipped else 0

    @property
    def failed(self) -> int:
        return len(self.failures) + (1 if self.error else 0)


@dataclass
class VerifyReport:
    outcomes: list[LessonOutcome]

    @property
    def lessons(self) -> int:
        return len(self.outcomes)

    @property
    def cells(self) -> int:
        return sum(o.cell_count for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(o.failed for o in self.outcomes)

    @property
    def summary(self) -> str:
        skipped = sum(1 for o in self.outcomes if o.skipped)
        extra = f", {skipped} skipped" if skipped else ""
        return f"verified: {self.lessons} lessons, {self.cells} cells, {self.failed} failed{extra}"


def collect_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(lesson_files(path))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _requests(lesson: Lesson, settings: Settings) -> list[CellRequest]:
    from mlpath.run.executor import CellRequest

    return [
        CellRequest(cell.code, cell.options.timeout or settings.cell_timeout)
        for cell in lesson.cells
    ]


def _compare(outcome: LessonOutcome, lesson: Lesson, result: ProgramResult) -> None:
    for cell, cell_result in zip(lesson.cells, result.cells, strict=False):
        label = f"{lesson.path}:{cell.line}"
        problem = check_cell(cell, cell_result, label)
        if problem is None:
            problem_text = _figures_problem(
                lesson, cell.recorded, cell_result.figures, cell.options.figure_tolerance
            )
            if problem_text:
                outcome.failures.append(
                    CellFailure(lesson.path, cell.line, cell.index, problem_text)
                )
            continue
        outcome.failures.append(
            CellFailure(lesson.path, cell.line, cell.index, problem.reason, problem.details)
        )
        if cell_result.crash:
            break  # the rest are "not run"; one line about the crash is enough


def _figures_problem(
    lesson: Lesson, recorded: Recorded, figures: Sequence[bytes], tolerance: float
) -> str | None:
    if len(figures) != len(recorded.figures):
        return f"drew {len(figures)} figure(s), {len(recorded.figures)} recorded"
    for name, png in zip(recorded.figures, figures, strict=True):
        problem = figure_problem(lesson.path.parent / name, png, tolerance)
        if problem:
            return problem
    return None


def _atomic_write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _record(lesson: Lesson, result: ProgramResult) -> bool:
    """Re-record the cells whose output or figures changed. Returns True if the file changed."""
    updates: dict[int, Recorded] = {}
    figure_number = 0
    wanted: set[str] = set()
    for cell, cell_result in zip(lesson.cells, result.cells, strict=False):
        problem = check_cell(cell, cell_result, "")
        if (
            cell_result.crash
            or cell_result.not_run
            or (
                problem is not None
                and cell_result.error is not None
                and not (cell.options.raises and cell_result.error.is_a(cell.options.raises))
            )
        ):
            wanted.update(cell.recorded.figures)
            continue  # never record a crash or an unexpected error as if it were output
        names = []
        for png in cell_result.figures:
            figure_number += 1
            name = f"{lesson.figures_dir_name}/fig-{figure_number}.png"
            target = lesson.path.parent / name
            if not target.exists() or rms_difference(target.read_bytes(), png) != 0.0:
                target.parent.mkdir(exist_ok=True)
                _atomic_write(target, png)
            names.append(name)
        wanted.update(names)
        text = recordable(output_text(cell_result, cell.options))
        if cell.options.compare == "skip" and cell.recorded.text is not None:
            text = cell.recorded.text
        new = Recorded(text=text, figures=tuple(names))
        # A skipped cell (timings) is recorded once, so its page shows what it printed.
        same_text = problem is None and not (
            cell.options.compare == "skip" and cell.recorded.text is None
        )
        if not (same_text and tuple(names) == cell.recorded.figures):
            updates[cell.index] = new
    if lesson.figures_dir.is_dir():
        for stale in lesson.figures_dir.glob("fig-*.png"):
            if f"{lesson.figures_dir_name}/{stale.name}" not in wanted:
                stale.unlink()
        with contextlib.suppress(OSError):
            lesson.figures_dir.rmdir()  # only succeeds when empty
    if not updates:
        return False
    text = write_results(lesson, updates)
    if text == lesson.text:
        return False
    _atomic_write(lesson.path, text.encode("utf-8"))
    return True


def run_lessons(
    lessons: Sequence[Lesson],
    settings: Settings,
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    mode: Mode = "auto",
    on_result: Callable[[Lesson, ProgramResult, bool], None] | None = None,
) -> dict[Path, tuple[ProgramResult, bool]]:
    """Results for each lesson (from the cache where possible): path -> (result, was_cached)."""
    cache = ResultCache(settings.cache_dir / "verify")
    results: dict[Path, tuple[ProgramResult, bool]] = {}
    versions = VersionIndex(settings.cache_dir / "versions.json")
    keys = {lesson.path: cache_key(lesson, versions) for lesson in lessons}
    versions.save()
    to_run: list[Lesson] = []
    for lesson in lessons:
        cached = cache.get(keys[lesson.path]) if use_cache else None
        if cached is not None and len(cached.cells) == len(lesson.cells):
            results[lesson.path] = (cached, True)
            if on_result:
                on_result(lesson, cached, True)
        else:
            to_run.append(lesson)
    if not to_run:
        return results
    limits = Limits(
        timeout=settings.cell_timeout,
        memory_mb=settings.memory_mb,
        output_bytes=settings.output_bytes,
    )
    from mlpath.run.executor import Executor  # only when something must run

    with Executor(
        jobs=jobs or settings.jobs,
        preload=preload_modules(to_run),
        limits=limits,
        mode=mode,
        cache_dir=settings.cache_dir,
    ) as executor:
        programs = [_requests(lesson, settings) for lesson in to_run]
        for index, result in executor.run_programs(programs):
            lesson = to_run[index]
            missing = len(lesson.cells) - len(result.cells)
            result.cells.extend(
                CellResult(not_run=True, crash=result.crash) for _ in range(missing)
            )
            cache.put(keys[lesson.path], result)
            results[lesson.path] = (result, False)
            if on_result:
                on_result(lesson, result, False)
    return results


def verify(
    paths: Sequence[Path],
    settings: Settings,
    *,
    update: bool = False,
    use_cache: bool = True,
    jobs: int | None = None,
    mode: Mode = "auto",
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[LessonOutcome], None] | None = None,
) -> VerifyReport:
    """Verify (and with `update`, re-record) every lesson file under `paths`."""
    outcomes: dict[Path, LessonOutcome] = {}
    runnable: list[Lesson] = []
    files = collect_files(paths)
    if on_start:
        on_start(len(files))
    for path in files:
        outcome = LessonOutcome(path=path)
        outcomes[path] = outcome
        try:
            outcome.lesson = parse_lesson_file(path)
        except LessonFormatError as exc:
            outcome.error = str(exc)
        else:
            missing = missing_extras(outcome.lesson)
            if missing:
                outcome.skipped = (
                    f"skipped: needs {', '.join(missing)} (install mlpath[frameworks])"
                )
            else:
                runnable.append(outcome.lesson)
                continue
        if on_outcome:
            on_outcome(outcome)

    def finish(lesson: Lesson, result: ProgramResult, cached: bool) -> None:
        outcome = outcomes[lesson.path]
        outcome.result, outcome.cached = result, cached
        if update:
            outcome.updated = _record(lesson, result)
            if outcome.updated:
                try:
                    lesson = outcome.lesson = parse_lesson_file(lesson.path)
                except LessonFormatError as exc:
                    outcome.error = str(exc)
        _compare(outcome, lesson, result)
        if on_outcome:
            on_outcome(outcome)

    run_lessons(runnable, settings, use_cache=use_cache, jobs=jobs, mode=mode, on_result=finish)
    return VerifyReport([outcomes[path] for path in files])
