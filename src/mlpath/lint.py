"""`mlpath lint`: everything that can be wrong with the course, short of a changed output.

The catalog (ids, concepts, figures), unseeded randomness in lessons, checkpoint references, and
the checkpoint gate (which grades starters, references and misconceptions in the sandbox).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mlpath.course.catalog import Catalog, curriculum_root, load_catalog
from mlpath.course.lint import lint_lesson
from mlpath.course.parser import parse_lesson_file
from mlpath.errors import LessonFormatError
from mlpath.grade.loader import CHECKS_SUFFIX
from mlpath.verify.runner import collect_files


@dataclass
class LintReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Essential concepts that no lesson teaches / no checkpoint assesses (a report, not errors).
    without_lesson: list[str] = field(default_factory=list)
    without_checkpoint: list[str] = field(default_factory=list)


def lint_course(
    paths: Sequence[Path] = (),
    *,
    gate: bool = True,
    on_gate: Callable[[str], None] | None = None,
) -> LintReport:
    """Lint the given files, or (with no paths) the whole course and its checkpoints.

    A lesson file (`.md`) is linted for format and unseeded randomness; a `.checks.py` file gets
    the checkpoint gate for the checkpoints it defines.
    """
    report = LintReport()
    checks = [p for p in paths if p.name.endswith(CHECKS_SUFFIX)]
    lessons = [p for p in paths if not p.name.endswith(CHECKS_SUFFIX)]
    for path in collect_files(lessons) if paths else collect_files([curriculum_root()]):
        try:
            report.warnings.extend(str(w) for w in lint_lesson(parse_lesson_file(path)))
        except LessonFormatError as exc:
            report.problems.append(str(exc))
    if checks:
        _gate(report, load_catalog(strict=False), checks, on_gate)
    if paths:
        return report
    catalog = load_catalog(strict=False)
    report.problems.extend(p for p in catalog.problems if p not in report.problems)
    from mlpath.grade.loader import load_checkpoints
    from mlpath.grade.model import DefinitionError

    try:
        checkpoints = load_checkpoints(catalog.root)
    except DefinitionError as exc:
        report.problems.append(str(exc))
        return report
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
            if ref.id not in checkpoints:
                report.problems.append(
                    f"{lesson.path}:{ref.line}: embeds the unknown checkpoint '{ref.id}'"
                )
    for checkpoint in checkpoints.values():
        if checkpoint.id not in embedded:
            report.warnings.append(
                f"{checkpoint.path}:{checkpoint.line}: checkpoint '{checkpoint.id}' is not "
                f"embedded in any lesson; add ```{{checkpoint}} {checkpoint.id}``` to its lesson"
            )
    if gate:
        _gate(report, catalog, None, on_gate)
    return report


def _gate(
    report: LintReport,
    catalog: Catalog,
    files: Sequence[Path] | None,
    on_gate: Callable[[str], None] | None,
) -> None:
    """Run the checkpoint gate on every checkpoint, or on those defined in `files`."""
    from mlpath.grade.gate import run_gate
    from mlpath.grade.grader import Grader
    from mlpath.grade.loader import load_checkpoints
    from mlpath.grade.model import DefinitionError

    try:
        checkpoints = load_checkpoints(catalog.root, files)
    except DefinitionError as exc:
        report.problems.append(str(exc))
        return
    with Grader(checkpoints) as grader:
        problems = run_gate(
            grader,
            set(catalog.concepts),
            on_checked=(lambda cid, found: on_gate(cid)) if on_gate else None,
        )
    report.problems.extend(str(problem) for problem in problems)
