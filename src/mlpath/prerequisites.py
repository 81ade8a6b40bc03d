"""The prerequisite rule: a lesson's code may use only what it teaches, what it lists in
`needs:` (and what those require), what earlier lessons teach and it lists, and foundations.

What code uses is read with the `explain` code map (`np.linalg.norm` -> la.norm), so the rule
catches a NumPy lesson that quietly relies on a later linear-algebra lesson, or a lesson that
uses broadcasting without saying so (then `mlpath why` would leave its lesson out). Operators
are left out: `u @ v` is a dot product on vectors and a matrix product on matrices, and the
syntax tree cannot tell which. So are idioms (`X @ W.T` then softmax reads like attention
scores; a reshape and transpose in a preview reads like multi-head attention): they are
evidence for a learner's explanation, not proof for a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlpath.explain import CodeMap, ExplainError, explain_source, load_code_map
from mlpath.learn.graph import ConceptGraph

if TYPE_CHECKING:
    from mlpath.core import Mlpath
    from mlpath.course.model import Lesson

FOUNDATIONS = "foundations"
OPERATORS = frozenset({"@", "*", "/", "**", "+", "-"})
IDIOM = "idiom:"


def prerequisite_problems(mlpath: Mlpath) -> list[str]:
    """One sentence per lesson line that breaks the rule, with the fix."""
    catalog = mlpath.catalog
    concepts = catalog.concepts
    graph = ConceptGraph(concepts)
    code_map = load_code_map(known_concepts=set(concepts))
    taught_by: dict[str, tuple[int, Lesson]] = {}
    for position, lesson in enumerate(catalog.lessons):
        for concept in lesson.meta.teaches:
            taught_by.setdefault(concept, (position, lesson))
    problems: list[str] = []
    for position, lesson in enumerate(catalog.lessons):
        declared = {c for c in (*lesson.meta.teaches, *lesson.meta.needs) if c in concepts}
        allowed = declared | {a for c in declared for a in graph.ancestors(c)}
        for concept in lesson.meta.needs:
            teacher = taught_by.get(concept)
            if teacher is not None and teacher[0] > position:
                problems.append(
                    f"{lesson.path}:{_needs_line(lesson)}: needs '{concept}', which only a later "
                    f"lesson teaches ({teacher[1].meta.id}); reorder the lessons or drop it"
                )
        for concept, line, code in _uses(lesson, code_map):
            if concept in allowed or concepts[concept].area == FOUNDATIONS:
                continue
            allowed.add(concept)  # one report per concept and lesson
            teacher = taught_by.get(concept)
            title = concepts[concept].title
            if teacher is None:
                fix = "no lesson teaches it yet; avoid it here or teach it first"
            elif teacher[0] < position:
                fix = f"{teacher[1].meta.id} teaches it; add {concept} to needs"
            else:
                fix = f"only the later lesson {teacher[1].meta.id} teaches it; avoid it here"
            problems.append(f"{lesson.path}:{line}: `{code}` uses {concept} ({title}): {fix}")
    return problems


def _uses(lesson: Lesson, code_map: CodeMap) -> list[tuple[str, int, str]]:
    """(concept, file line, code) for each concept the lesson's cells use, in order.

    The cells are read as the one program they are (`import numpy as np` in the first cell
    names `np` in all of them); a cell that does not parse is left out (verify reports it).
    """
    program: list[str] = []
    file_line: list[int] = []  # program line (0-based) -> the lesson file's line
    for cell in lesson.cells:
        try:
            compile(cell.code, str(lesson.path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        lines = cell.code.splitlines() or [""]
        program.extend(lines)
        file_line.extend(cell.line + 1 + offset for offset in range(len(lines)))
    try:
        explanation = explain_source("\n".join(program), str(lesson.path), code_map)
    except ExplainError:
        return []
    found = []
    for finding in explanation.findings:
        if finding.qualified in OPERATORS or finding.qualified.startswith(IDIOM):
            continue
        for concept in finding.concepts:
            found.append((concept, file_line[finding.line - 1], finding.code))
    return found


def _needs_line(lesson: Lesson) -> int:
    for number, line in enumerate(lesson.text.splitlines()[: lesson.front_matter_end], start=1):
        if line.startswith("needs:"):
            return number
    return 1
