from __future__ import annotations

from pathlib import Path

from mlpath.course.catalog import load_catalog
from mlpath.course.lint import lint_lesson
from mlpath.course.parser import parse_lesson

FRONT = "---\nid: la.x\ntitle: X\nteaches: [la.vectors]\nneeds: []\nminutes: 5\n---\n"


def lint(body: str) -> list[str]:
    return [str(w) for w in lint_lesson(parse_lesson(FRONT + body, Path("l.md")))]


def test_unseeded_randomness_is_reported_at_its_line() -> None:
    warnings = lint(
        "```python\nimport numpy as np\nrng = np.random.default_rng()\n"
        "x = np.random.rand(3)\n```\n\n"
        "```python\nfrom sklearn.model_selection import train_test_split\n"
        "a, b = train_test_split([1, 2, 3, 4])\n```\n"
    )
    assert len(warnings) == 3
    assert warnings[0].startswith("l.md:10: np.random.default_rng() without a seed")
    assert warnings[1].startswith("l.md:11: np.random.rand() uses NumPy's unseeded")
    assert warnings[2].startswith("l.md:16: train_test_split(...) without random_state")


def test_seeded_randomness_is_fine() -> None:
    assert (
        lint(
            "```python\nimport numpy as np, random\nrng = np.random.default_rng(0)\n"
            "np.random.seed(1)\nx = np.random.rand(3)\nrandom.seed(0)\nrandom.random()\n```\n"
        )
        == []
    )


def test_the_shipped_lessons_are_lint_clean() -> None:
    for lesson in load_catalog().lessons:
        assert lint_lesson(lesson) == [], lesson.path
