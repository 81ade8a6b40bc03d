"""Compare figures by pixels: identical files match at once; otherwise by RMS difference.

RMS is the root-mean-square difference of RGBA values on a 0-255 scale, as matplotlib's own
image tests compute it. The default tolerance is 0 (every pixel equal); a cell may allow more with
`figure-tolerance=` where fonts differ between machines.
"""

from __future__ import annotations

import io
from pathlib import Path


def rms_difference(expected_png: bytes, actual_png: bytes) -> float | None:
    """RMS pixel difference, or None when the images differ in size."""
    if expected_png == actual_png:
        return 0.0
    import numpy as np
    from PIL import Image

    expected = np.asarray(Image.open(io.BytesIO(expected_png)).convert("RGBA"), dtype=float)
    actual = np.asarray(Image.open(io.BytesIO(actual_png)).convert("RGBA"), dtype=float)
    if expected.shape != actual.shape:
        return None
    return float(np.sqrt(np.mean((expected - actual) ** 2)))


def figure_problem(recorded: Path | None, actual_png: bytes, tolerance: float) -> str | None:
    """A one-line reason when the recorded figure file does not match, else None."""
    if recorded is None:
        return "a new figure is not recorded"
    if not recorded.exists():
        return f"the recorded figure {recorded.name} is missing"
    rms = rms_difference(recorded.read_bytes(), actual_png)
    if rms is None:
        return f"{recorded.name} changed size"
    if rms > tolerance:
        return f"{recorded.name} changed (RMS pixel difference {rms:.3g} > {tolerance:g})"
    return None
