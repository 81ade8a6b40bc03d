"""Every misconception of the module 6 lessons 4-7 (eval.overfitting, nn.backprop,
nn.training-loop, nn.debug-training) sends the learner to a heading that exists in its lesson,
as the web page anchors it."""

from __future__ import annotations

import pytest
from mdit_py_plugins.anchors.index import slugify

from mlpath.course.catalog import load_catalog
from mlpath.grade.loader import load_checkpoints

LESSONS = ("eval.overfitting", "nn.backprop", "nn.training-loop", "nn.debug-training")


def _anchors() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for lesson in load_catalog(strict=False).lessons:
        if lesson.meta.id in LESSONS:
            headings, in_code = set(), False
            for line in lesson.text.splitlines():
                if line.startswith("```"):
                    in_code = not in_code
                elif line.startswith("#") and not in_code:
                    headings.add(slugify(line.lstrip("#").strip()))
            found[lesson.meta.id] = headings
    return found


def _revisits() -> list[tuple[str, str, str]]:
    rows = []
    for checkpoint in load_checkpoints().values():
        for misconception in checkpoint.misconceptions:
            lesson = misconception.revisit.partition("#")[0]
            if lesson in LESSONS:
                rows.append((checkpoint.id, misconception.id, misconception.revisit))
    return rows


@pytest.mark.parametrize(("checkpoint", "misconception", "revisit"), _revisits())
def test_a_revisit_link_points_at_a_heading(
    checkpoint: str, misconception: str, revisit: str
) -> None:
    lesson, _, anchor = revisit.partition("#")
    assert anchor in _anchors()[lesson], f"{checkpoint} / {misconception}: no heading #{anchor}"
