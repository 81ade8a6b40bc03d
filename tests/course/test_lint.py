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


def test_floats_printed_to_their_last_bits_are_reported_unless_declared_exact() -> None:
    cell = "```python{options}\nprint(x)\n```\n\n```output\n{output}\n```\n"
    long = "0.7071067811865476 [0.12345679 1.        ]"
    assert lint(cell.format(options="", output=long)) == [
        "l.md:8: prints 0.7071067811865476 to its last bits, which another CPU may change; "
        "round what the cell prints (f'{x:.4f}', np.round), or use compare=numeric "
        "(compare=exact if the digits are exact IEEE arithmetic everywhere)"
    ]
    assert lint(cell.format(options=" compare=exact", output=long)) == []
    assert lint(cell.format(options=" compare=numeric", output=long)) == []
    rounded = "0.7071 1.4901161193847e-08 123456789012.5 [0.12345679 1.        ]"
    assert lint(cell.format(options="", output=rounded)) == [
        "l.md:8: prints 1.4901161193847e-08 to its last bits, which another CPU may change; "
        "round what the cell prints (f'{x:.4f}', np.round), or use compare=numeric "
        "(compare=exact if the digits are exact IEEE arithmetic everywhere)"
    ]
    assert lint(cell.format(options="", output="0.7071 1.490116e-08 12345678901.5")) == []


def test_a_lesson_whose_extras_are_missing_says_so_and_how_to_install_them() -> None:
    from mlpath.course.imports import extras_note
    from mlpath.course.model import Lesson

    def lesson(extras: str) -> Lesson:
        front = FRONT.replace("minutes: 5\n", f"minutes: 5\nrequires-extras: [{extras}]\n")
        return parse_lesson(front + "Prose.\n", Path("l.md"))

    note = extras_note(lesson("not_installed_pkg"))
    assert note is not None and "not_installed_pkg" in note and "mlpath[frameworks]" in note
    assert extras_note(lesson("numpy")) is None


def test_linting_one_lesson_file_applies_the_whole_course_rules_to_it(tmp_path: Path) -> None:
    import shutil

    from mlpath.core import Mlpath
    from mlpath.course.catalog import curriculum_root
    from mlpath.lint import lint_course

    root = tmp_path / "curriculum"
    shutil.copytree(curriculum_root(), root)
    lesson = root / "02-linear-algebra" / "04-norm-distance.md"
    text = lesson.read_text()
    # Minutes far from the estimate: only the whole-course rule sees that.
    front, body = text.split("\n---\n", 1)
    front = "\n".join(
        "minutes: 2" if line.startswith("minutes:") else line for line in front.splitlines()
    )
    lesson.write_text(front + "\n---\n" + body)
    with Mlpath(root=root, warm=False) as core:
        alone = lint_course(core, [lesson], gate=False)
        other = lint_course(core, [root / "02-linear-algebra" / "03-dot-product.md"], gate=False)
    assert any("04-norm-distance.md" in p and "'minutes: 2'" in p for p in alone.problems)
    assert other.problems == []  # another lesson's problems are not this file's


def test_math_in_a_heading_is_reported_because_its_anchor_drops_it() -> None:
    warnings = lint(
        "## Why divide by $\\sqrt{d}$\n\n```python\n# $ not a heading\n```\n## Costs \\$5\n"
    )
    assert len(warnings) == 1
    assert warnings[0].startswith("l.md:8: math in a heading is left out of its anchor")
