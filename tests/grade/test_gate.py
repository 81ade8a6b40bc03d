"""The checkpoint gate over the shipped checkpoints, and proof that it catches a bad catalogue."""

from __future__ import annotations

import numpy as np

from mlpath.course.catalog import load_catalog
from mlpath.grade import Misconception, checkpoint
from mlpath.grade.gate import run_gate
from mlpath.grade.grader import Grader


def test_every_shipped_checkpoint_passes_the_gate(grader: Grader) -> None:
    problems = run_gate(grader, set(load_catalog().concepts))
    assert problems == [], "\n".join(map(str, problems))


def test_every_lesson_with_checkpoints_has_two_each_with_a_misconception(
    grader: Grader,
) -> None:
    by_lesson: dict[str, int] = {}
    for found in grader.checkpoints.values():
        assert found.misconceptions, found.id
        by_lesson[found.lesson] = by_lesson.get(found.lesson, 0) + 1
    pilots = {"01-vectors.md", "03-dot-product.md", "08-matmul-shapes.md"}
    assert pilots <= {path.rsplit("/", 1)[-1] for path in by_lesson}
    assert min(by_lesson.values()) >= 2, by_lesson


def total(u):  # type: ignore[no-untyped-def]
    return float(np.sum(u))


def total_twice(u):  # type: ignore[no-untyped-def]
    return 2 * float(np.sum(u))


def total_doubled(u):  # type: ignore[no-untyped-def]
    return float(np.sum(u + u))


def total_plus_one(u):  # type: ignore[no-untyped-def]
    return float(np.sum(u)) + 1


def _helper(u):  # type: ignore[no-untyped-def]
    return float(np.sum(u)) - 1


def total_with_a_helper(u):  # type: ignore[no-untyped-def]
    return _helper(u)  # a module-level helper: not there when the variant runs alone


@checkpoint("test.total", concepts=["fd.summation", "no.such-concept"])
class Total:
    """Write `total(u)`."""

    function = "total"
    starter = "def total(u):\n    return 0.0\n"
    reference = total

    def cases(rng):  # type: ignore[no-untyped-def]
        return [(rng.normal(size=4),)]

    misconceptions = [
        Misconception("twice", total_twice, "doubled", "..."),
        Misconception("doubled", total_doubled, "doubled another way", "..."),
        Misconception("plus-one", total_plus_one, "added one", "..."),
        Misconception("uses-a-helper", total_with_a_helper, "used a helper", "..."),
    ]


def test_the_gate_fails_when_a_misconception_is_not_uniquely_identified() -> None:
    with Grader({"test.total": Total}) as grader:
        problems = [str(p) for p in run_gate(grader, set(load_catalog().concepts), seeds=3)]
    assert any("unknown concept 'no.such-concept'" in p for p in problems)
    assert any("misconception 'doubled' is identified as twice" in p for p in problems), problems
    assert not any("'plus-one'" in p for p in problems)
    assert any(
        "'uses-a-helper': its variant raised (" in p and "NameError" in p and "inside it" in p
        for p in problems
    ), problems
    assert not any("starter" in p for p in problems)


def test_every_revisit_link_points_to_a_heading_of_its_lesson(grader: Grader) -> None:
    import re

    from mlpath.web.render import markdown_html

    catalog = load_catalog()
    for found in grader.checkpoints.values():
        for misconception in found.misconceptions:
            if not misconception.revisit:
                continue
            lesson_id, _, anchor = misconception.revisit.partition("#")
            lesson = catalog.lesson(lesson_id)
            assert lesson is not None, f"{found.id}/{misconception.id}: no lesson {lesson_id}"
            body = "\n".join(lesson.text.splitlines()[lesson.front_matter_end :])
            ids = set(re.findall(r'<h\d id="([^"]+)"', markdown_html(body)))
            assert not anchor or anchor in ids, (
                f"{found.id}/{misconception.id}: {lesson_id} has no heading #{anchor}; "
                f"headings: {sorted(ids)}"
            )
