"""Verification end to end on real lesson files, through real child processes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mlpath.config import load_settings
from mlpath.verify.cache import clear_version_cache
from mlpath.verify.runner import verify
from tests.conftest import write_lesson


def run(paths: list[Path], **options: object) -> object:
    return verify(paths, load_settings(), jobs=2, **options)  # type: ignore[arg-type]


def test_the_pilot_lessons_verify(pilot_copy: Path) -> None:
    report = run([pilot_copy])
    assert report.failed == 0, [f.reason for o in report.outcomes for f in o.failures]
    assert report.lessons == 3 and report.cells > 15
    assert re.fullmatch(r"verified: 3 lessons, \d+ cells, 0 failed", report.summary)


def test_one_changed_digit_fails_with_a_diff_and_update_restores_the_file(pilot_copy: Path) -> None:
    lesson = pilot_copy / "03-dot-product.md"
    original = lesson.read_text(encoding="utf-8")
    tampered = original.replace("```output\n21.0\n", "```output\n21.5\n", 1)
    assert tampered != original
    lesson.write_text(tampered, encoding="utf-8")
    line = tampered.splitlines().index("21.5") + 1

    report = run([lesson])
    (failure,) = report.outcomes[0].failures
    assert report.failed == 1
    assert "output differs" in failure.reason
    assert f"{lesson}:" in failure.details and "-21.5" in failure.details
    assert "+21.0" in failure.details
    assert failure.line < line  # the cell's fence line, just above its output

    updated = run([lesson], update=True)
    assert updated.failed == 0 and updated.outcomes[0].updated
    assert lesson.read_text(encoding="utf-8") == original  # byte-identical


def test_update_on_a_verified_lesson_changes_nothing(pilot_copy: Path) -> None:
    before = {p: p.read_bytes() for p in pilot_copy.rglob("*") if p.is_file()}
    report = run([pilot_copy], update=True)
    assert report.failed == 0
    assert not any(o.updated for o in report.outcomes)
    assert {p: p.read_bytes() for p in pilot_copy.rglob("*") if p.is_file()} == before


def test_broken_lessons_get_one_line_reasons_and_the_rest_still_verify(
    pilot_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLPATH_MEMORY_MB", "512")
    write_lesson(pilot_copy, "90-loop.md", "```python timeout=1\nwhile True:\n    pass\n```\n")
    write_lesson(
        pilot_copy,
        "91-alloc.md",
        "```python\nimport numpy as np\nbig = np.ones(50 * 10**9, dtype=np.uint8)\n```\n",
    )
    write_lesson(pilot_copy, "92-segv.md", "```python\nimport ctypes\nctypes.string_at(0)\n```\n")
    (pilot_copy / "93-front.md").write_text("---\nid: [oops\n---\n\nText\n", encoding="utf-8")

    report = run([pilot_copy])
    by_name = {o.path.name: o for o in report.outcomes}
    assert all(
        not by_name[n].failed for n in ("01-vectors.md", "03-dot-product.md", "08-matmul-shapes.md")
    )
    assert "longer than its 1 s limit" in by_name["90-loop.md"].failures[0].reason
    alloc = by_name["91-alloc.md"].failures[0]
    assert "MemoryError" in alloc.reason and "memory limit" in alloc.reason
    assert "SIGSEGV" in by_name["92-segv.md"].failures[0].reason
    assert by_name["93-front.md"].error is not None
    assert by_name["93-front.md"].error.startswith(f"{pilot_copy / '93-front.md'}:2: ")
    assert report.failed == 4
    for outcome in report.outcomes:
        for failure in outcome.failures:
            assert "\n" not in failure.reason


def test_expected_exceptions_and_missing_ones(tmp_path: Path) -> None:
    good = write_lesson(
        tmp_path,
        "a.md",
        "```python raises=ValueError\nprint('before')\nint('x')\n```\n\n```output\nbefore\n"
        "ValueError: invalid literal for int() with base 10: 'x'\n```\n",
    )
    bad = write_lesson(tmp_path, "b.md", "```python raises=KeyError\nx = 1\n```\n")
    report = run([good, bad])
    assert report.outcomes[0].failed == 0
    assert "expected to raise KeyError" in report.outcomes[1].failures[0].reason


def test_figures_are_recorded_and_a_changed_figure_is_reported(tmp_path: Path) -> None:
    lesson = write_lesson(
        tmp_path,
        "plot.md",
        "```python\nimport matplotlib.pyplot as plt\nplt.plot([0, 1], [0, 1])\nplt.show()\n```\n",
    )
    assert run([lesson], update=True).failed == 0
    figure = tmp_path / "plot.figures" / "fig-1.png"
    assert figure.exists()
    assert "![Figure 1](plot.figures/fig-1.png)" in lesson.read_text()
    assert run([lesson], use_cache=False).failed == 0

    shutil.copy(figure, tmp_path / "saved.png")
    text = lesson.read_text().replace("[0, 1], [0, 1]", "[0, 1], [1, 0]")
    lesson.write_text(text)
    report = run([lesson])
    assert "fig-1.png changed (RMS pixel difference" in report.outcomes[0].failures[0].reason


def test_cache_hits_and_is_invalidated_by_a_package_version_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (site / "mlpathfake").mkdir(parents=True)
    (site / "mlpathfake" / "__init__.py").write_text("VALUE = 3\n")
    dist_info = site / "mlpathfake-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: mlpathfake\nVersion: 1.0\n")
    (dist_info / "top_level.txt").write_text("mlpathfake\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", str(site))
    clear_version_cache()
    lesson = write_lesson(
        tmp_path / "lessons",
        "fake.md",
        "```python\nimport mlpathfake\nprint(mlpathfake.VALUE)\n```\n\n```output\n3\n```\n",
    )

    first = run([lesson]).outcomes[0]
    second = run([lesson]).outcomes[0]
    assert (first.cached, second.cached) == (False, True)
    assert first.failed == second.failed == 0

    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: mlpathfake\nVersion: 1.1\n")
    dist_info.rename(site / "mlpathfake-1.1.dist-info")
    clear_version_cache()
    third = run([lesson]).outcomes[0]
    assert third.cached is False and third.failed == 0


def test_a_cache_hit_still_catches_an_edited_output(tmp_path: Path) -> None:
    lesson = write_lesson(tmp_path, "a.md", "```python\nprint(2 + 2)\n```\n\n```output\n4\n```\n")
    assert run([lesson]).failed == 0
    lesson.write_text(lesson.read_text().replace("```output\n4", "```output\n5"))
    report = run([lesson])
    assert report.outcomes[0].cached and report.failed == 1


def test_missing_extras_skip_the_lesson(tmp_path: Path) -> None:
    lesson = write_lesson(tmp_path, "t.md", "```python\nimport not_installed_pkg\n```\n")
    lesson.write_text(
        lesson.read_text().replace("minutes: 5", "minutes: 5\nrequires-extras: [not_installed_pkg]")
    )
    report = run([lesson])
    assert report.failed == 0
    assert report.outcomes[0].skipped and "not_installed_pkg" in report.outcomes[0].skipped
    assert report.summary.endswith("1 skipped")


def _shift_grey_levels(png: Path, pixels: int) -> None:
    """Move the first `pixels` pixels of a figure by one grey level, as another CPU may."""
    import numpy as np
    from PIL import Image

    with Image.open(png) as opened:
        image = np.array(opened.convert("RGBA"))
    flat = image.reshape(-1, 4)
    flat[:pixels, :3] = np.where(flat[:pixels, :3] > 0, flat[:pixels, :3] - 1, 1)
    Image.fromarray(image, "RGBA").save(png)


def test_figures_tolerate_other_cpus_and_a_failure_leaves_a_diff_image(tmp_path: Path) -> None:
    lesson = write_lesson(
        tmp_path,
        "plot.md",
        "```python\nimport matplotlib.pyplot as plt\nplt.plot([0, 1], [0, 1])\nplt.show()\n```\n",
    )
    assert run([lesson], update=True).failed == 0
    figure = tmp_path / "plot.figures" / "fig-1.png"
    failed, diff = figure.with_name("fig-1-failed.png"), figure.with_name("fig-1-failed-diff.png")
    original = figure.read_bytes()

    # One grey level on 5% of a 640x480 figure's pixels: RMS 0.19, what another CPU does.
    _shift_grey_levels(figure, 640 * 480 // 20)
    report = run([lesson], use_cache=False)
    assert report.failed == 0, report.outcomes[0].failures
    assert not failed.exists() and not diff.exists()

    # One grey level everywhere: RMS 0.87, more than kernels ever moved a figure.
    figure.write_bytes(original)
    _shift_grey_levels(figure, 640 * 480)
    (outcome,) = run([lesson]).outcomes
    reason = outcome.failures[0].reason
    assert re.search(r"fig-1\.png changed \(RMS pixel difference 0\.8\d+ > 0\.3; diff", reason)
    assert str(diff) in reason and failed.read_bytes() == original
    from PIL import Image

    with Image.open(diff) as difference, Image.open(figure) as recorded:
        assert difference.size == recorded.size

    figure.write_bytes(original)
    assert run([lesson]).failed == 0
    assert not failed.exists() and not diff.exists()


def test_a_figure_tolerance_of_zero_demands_equal_pixels(tmp_path: Path) -> None:
    lesson = write_lesson(
        tmp_path,
        "plot.md",
        "```python figure-tolerance=0\nimport matplotlib.pyplot as plt\nplt.plot([0, 1])\n```\n",
    )
    assert run([lesson], update=True).failed == 0
    _shift_grey_levels(tmp_path / "plot.figures" / "fig-1.png", 10)
    assert "> 0;" in run([lesson]).outcomes[0].failures[0].reason


def test_a_skipped_cell_is_recorded_once_and_then_left_alone(tmp_path: Path) -> None:
    lesson = write_lesson(
        tmp_path, "timing.md", "```python compare=skip\nimport time\nprint(time.time_ns())\n```\n"
    )
    assert run([lesson], update=True).failed == 0
    recorded = lesson.read_text(encoding="utf-8")
    assert re.search(r"```output\n\d+\n```", recorded), recorded
    # Its output changes on every run; the record does not, and verification passes.
    report = run([lesson], update=True, use_cache=False)
    assert report.failed == 0 and not report.outcomes[0].updated
    assert lesson.read_text(encoding="utf-8") == recorded
