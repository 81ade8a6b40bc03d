"""Compare figures by pixels: identical files match at once; otherwise by RMS difference.

RMS is the root-mean-square difference of RGBA values on a 0-255 scale, as matplotlib's own
image tests compute it. The default tolerance (`course.model.DEFAULT_FIGURE_TOLERANCE`)
absorbs what another CPU's floating-point kernels change (measured with scripts/portability.py;
see docs/lesson-format.md) and nothing a reader could see. When a figure fails, the new figure
and an amplified difference image are written next to the recorded one.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

FAILED_SUFFIX = "-failed"
DIFF_SUFFIX = "-failed-diff"
# Differences of one or two grey levels are invisible; the diff image scales them up (as
# matplotlib's `save_diff_image` does) so that where the figures differ can be seen.
_DIFF_GAIN = 10


def _pixels(png: bytes) -> np.ndarray:
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"), dtype=float)


def rms_difference(expected_png: bytes, actual_png: bytes) -> float | None:
    """RMS pixel difference, or None when the images differ in size."""
    if expected_png == actual_png:
        return 0.0
    import numpy as np

    expected, actual = _pixels(expected_png), _pixels(actual_png)
    if expected.shape != actual.shape:
        return None
    return float(np.sqrt(np.mean((expected - actual) ** 2)))


def failure_files(recorded: Path) -> tuple[Path, Path]:
    """Where the new figure and the difference image go when `recorded` fails."""
    stem = recorded.with_suffix("")
    return (
        stem.with_name(stem.name + FAILED_SUFFIX + ".png"),
        stem.with_name(stem.name + DIFF_SUFFIX + ".png"),
    )


def _write_failure(recorded: Path, expected_png: bytes, actual_png: bytes) -> Path | None:
    """Write the new figure and, when sizes agree, the amplified difference; return the diff."""
    import numpy as np
    from PIL import Image

    actual_path, diff_path = failure_files(recorded)
    try:
        actual_path.write_bytes(actual_png)
        expected, actual = _pixels(expected_png), _pixels(actual_png)
        if expected.shape != actual.shape:
            return None
        diff = np.clip(np.abs(expected - actual) * _DIFF_GAIN, 0, 255).astype(np.uint8)
        diff[..., 3] = 255
        Image.fromarray(diff, "RGBA").save(diff_path)
    except OSError:
        return None  # a read-only checkout still gets the one-line reason
    return diff_path


def clear_failure(recorded: Path) -> None:
    """Remove the files an earlier failure of this figure left behind."""
    for path in failure_files(recorded):
        path.unlink(missing_ok=True)


def figure_problem(recorded: Path | None, actual_png: bytes, tolerance: float) -> str | None:
    """A one-line reason when the recorded figure file does not match, else None.

    On a mismatch the new figure is written beside the recorded one (`fig-1-failed.png`), with
    a difference image (`fig-1-failed-diff.png`) where the sizes agree.
    """
    if recorded is None:
        return "a new figure is not recorded"
    if not recorded.exists():
        return f"the recorded figure {recorded.name} is missing"
    expected_png = recorded.read_bytes()
    rms = rms_difference(expected_png, actual_png)
    if rms is not None and rms <= tolerance:
        clear_failure(recorded)
        return None
    diff = _write_failure(recorded, expected_png, actual_png)
    if rms is None:
        return f"{recorded.name} changed size (new figure: {failure_files(recorded)[0]})"
    where = f"; difference image: {diff}" if diff else ""
    return f"{recorded.name} changed (RMS pixel difference {rms:.3g} > {tolerance:g}{where})"
