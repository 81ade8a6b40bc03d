"""`mlpath lint`: everything that can be wrong with the course, short of a changed output.

The catalog (ids, concepts, figures), unseeded randomness and last-bit floats in lessons,
checkpoint files and references, and the checkpoint gate (which grades starters, references and
misconceptions in the sandbox).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mlpath.course.catalog import check_lesson, duplicate_id
from mlpath.course.lint import lint_lesson
from mlpath.course.minutes import LONGEST_LESSON, Estimate, estimate
from mlpath.course.model import Lesson
from mlpath.course.parser import parse_lesson_file
from mlpath.errors import LessonFormatError
from mlpath.grade.loader import CHECKS_SUFFIX
from mlpath.prerequisites import prerequisite_problems
from mlpath.verify.runner import collect_files

if TYPE_CHECKING:
    from mlpath.core import Mlpath
    from mlpath.grade.model import Checkpoint


@dataclass
class LintReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Essential concepts that no lesson teaches / no checkpoint assesses (a report, not errors).
    without_lesson: list[str] = field(default_factory=list)
    without_checkpoint: list[str] = field(default_factory=list)
    # Lesson id -> (stated minutes, the estimate for a rusty reader).
    minutes: dict[str, tuple[int, Estimate]] = field(default_factory=dict)


def lint_course(
    mlpath: Mlpath,
    paths: Sequence[Path] = (),
    *,
    gate: bool = True,
    on_gate: Callable[[str], None] | None = None,
) -> LintReport:
    """Lint the given files, or (with no paths) the whole course and its checkpoints.

    A lesson file (`.md`, or a folder of them) gets what the catalog checks (unknown concepts,
    duplicate ids, missing figures) and the lesson checks; a `.checks.py` file (or those in a
    given folder) gets the checkpoint gate for the checkpoints it defines.
    """
    report = LintReport()
    checks = [p for p in paths if p.name.endswith(CHECKS_SUFFIX)]
    if gate:
        checks += [c for p in paths if p.is_dir() for c in sorted(p.rglob(f"*{CHECKS_SUFFIX}"))]
    lesson_paths = [p for p in paths if not p.name.endswith(CHECKS_SUFFIX)]
    if paths:
        lessons = _parse(collect_files(lesson_paths), report)
        _catalog_checks(mlpath, lessons, report)
    else:
        lessons = _parse(collect_files([mlpath.catalog.root]), report)
    for lesson in lessons:
        report.warnings.extend(str(w) for w in lint_lesson(lesson))
    if checks:
        from mlpath.grade.loader import load_checkpoints

        loaded = load_checkpoints(mlpath.catalog.root, checks)
        report.problems.extend(loaded.problems)
        _gate(mlpath, list(loaded), report, on_gate, loaded)
    if paths:
        _whole_course_rules(mlpath, lessons, report)
        return report
    _course_checks(mlpath, report)
    _minutes_checks(mlpath, report)
    report.problems.extend(prerequisite_problems(mlpath))
    if gate:
        _gate(mlpath, sorted(mlpath.checkpoints), report, on_gate)
    return report


def _whole_course_rules(mlpath: Mlpath, lessons: list[Lesson], report: LintReport) -> None:
    """The minutes and prerequisite rules, which need the whole course, for the given lessons
    only: linting one file must not pass what linting the course fails."""
    given = {lesson.path.resolve() for lesson in lessons}
    whole = LintReport()
    _minutes_checks(mlpath, whole)
    whole.problems.extend(prerequisite_problems(mlpath))
    report.problems.extend(p for p in whole.problems if Path(p.split(":")[0]).resolve() in given)


def _parse(files: list[Path], report: LintReport) -> list[Lesson]:
    lessons = []
    for path in files:
        try:
            lessons.append(parse_lesson_file(path))
        except LessonFormatError as exc:
            report.problems.append(str(exc))
    return lessons


def _catalog_checks(mlpath: Mlpath, lessons: list[Lesson], report: LintReport) -> None:
    """What `load_catalog` reports about lessons, for lessons given by path."""
    seen = {lesson.meta.id: lesson.path for lesson in mlpath.catalog.lessons}
    for lesson in lessons:
        check_lesson(lesson, mlpath.catalog.concepts, report.problems)
        other = seen.get(lesson.meta.id)
        if other is not None and other.resolve() != lesson.path.resolve():
            report.problems.append(duplicate_id(lesson, other))
        seen.setdefault(lesson.meta.id, lesson.path)


def _course_checks(mlpath: Mlpath, report: LintReport) -> None:
    catalog, checkpoints = mlpath.catalog, mlpath.checkpoints
    report.problems.extend(p for p in catalog.problems if p not in report.problems)
    report.problems.extend(checkpoints.problems)
    from mlpath.learn.graph import ConceptGraph

    for concept, prerequisite in ConceptGraph(catalog.concepts).redundant_edges():
        report.warnings.append(
            f"{catalog.root / 'concepts.yaml'}: '{concept}' requires '{prerequisite}', which "
            "another of its prerequisites already requires; drop the redundant edge"
        )
    taught = {c for lesson in catalog.lessons for c in lesson.meta.teaches}
    assessed = {c for checkpoint in checkpoints.values() for c in checkpoint.concepts}
    essential = [c.id for c in catalog.concepts.values() if c.essential]
    report.without_lesson = [c for c in essential if c not in taught]
    report.without_checkpoint = [c for c in essential if c not in assessed]
    embedded: set[str] = set()
    for lesson in catalog.lessons:
        for ref in lesson.checkpoints:
            embedded.add(ref.id)
            if ref.id not in checkpoints and ref.id not in checkpoints.unavailable:
                report.problems.append(
                    f"{lesson.path}:{ref.line}: embeds the unknown checkpoint '{ref.id}'"
                )
    for checkpoint in checkpoints.values():
        if checkpoint.id not in embedded:
            report.warnings.append(
                f"{checkpoint.path}:{checkpoint.line}: checkpoint '{checkpoint.id}' is not "
                f"embedded in any lesson; add ```{{checkpoint}} {checkpoint.id}``` to its lesson"
            )


def _minutes_checks(mlpath: Mlpath, report: LintReport) -> None:
    """Stated minutes must match the estimate for a rusty reader, and no lesson may run long."""
    functions = {c.id for c in mlpath.checkpoints.values() if c.behaviour.collects == "function"}
    for lesson in mlpath.catalog.lessons:
        found = estimate(lesson, functions)
        stated = lesson.meta.minutes
        report.minutes[lesson.meta.id] = (stated, found)
        where = f"{lesson.path}:{_front_matter_line(lesson, 'minutes')}"
        if found.minutes > LONGEST_LESSON:
            report.problems.append(
                f"{where}: the lesson takes about {found.minutes} minutes for a rusty reader "
                f"({found.describe()}); split it into lessons of at most {LONGEST_LESSON}"
            )
        elif abs(stated - found.minutes) > max(3, 0.2 * found.minutes):
            report.problems.append(
                f"{where}: 'minutes: {stated}' does not match the estimate of {found.minutes} "
                f"for a rusty reader ({found.describe()}); write minutes: {found.minutes}"
            )


def _front_matter_line(lesson: Lesson, key: str) -> int:
    for number, line in enumerate(lesson.text.splitlines()[: lesson.front_matter_end], start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _gate(
    mlpath: Mlpath,
    ids: list[str],
    report: LintReport,
    on_gate: Callable[[str], None] | None,
    checkpoints: Mapping[str, Checkpoint] | None = None,
) -> None:
    """Run the checkpoint gate on the given checkpoints (from the course, or other files)."""
    from mlpath.grade.gate import run_gate
    from mlpath.grade.grader import Grader

    if not ids:
        return
    grader = mlpath.grader
    if checkpoints is not None:
        grader = Grader(checkpoints, executor=mlpath.executor)
    try:
        problems = run_gate(
            grader,
            set(mlpath.catalog.concepts),
            ids,
            on_checked=(lambda cid, found: on_gate(cid)) if on_gate else None,
        )
    finally:
        if grader is not mlpath.grader:
            grader.close()
    report.problems.extend(str(problem) for problem in problems)
