"""The checkpoints of lesson 10-deployment/03 (dep.quantization) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader
from tests.grade.submissions import (
    Code,
    Typed,
    assert_code_verdict,
    assert_typed_verdict,
    submission_id,
)

QUANTIZE = "dep.quantization.quantize"
SIZE = "dep.quantization.size"
BOUND = "dep.quantization.error-bound"

TYPED = [
    Typed(SIZE, "2371584", True),
    Typed(SIZE, "2,371,584", True),
    Typed(SIZE, "2.371584e6", True),
    Typed(SIZE, "answer = 2371584.0", True),
    Typed(SIZE, "2359296", False, "no-scales"),
    Typed(SIZE, "9437184", False, "float32"),
    Typed(SIZE, "2362368", False, "scales-per-column"),
    Typed(SIZE, "2359300", False, "one-scale"),
    # Megabytes instead of bytes: wrong, and no known mistake is named.
    Typed(SIZE, "2.37", False, None),
    Typed(BOUND, "0.0630", True),
    Typed(BOUND, "0.06299", True),
    Typed(BOUND, "6.3%", True),
    Typed(BOUND, "0.0031496/0.05", True),
    Typed(BOUND, "0.003937", False, "per-channel"),
    Typed(BOUND, "0.126", False, "whole-step"),
    Typed(BOUND, "0.0314", False, "range-255"),
    Typed(BOUND, "0.0625", False, "range-128"),
    # The absolute error, not the fraction asked for.
    Typed(BOUND, "0.00315", False, None),
]

_SCALE = "    scale = np.abs(w).max(axis=1, keepdims=True) / 127\n"
_ROUND = "    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)\n"

CODE = [
    # A loop over rows with Python's max and round; the scales a list of one-item lists.
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    q = np.empty(w.shape, dtype=np.int8)\n"
        "    scales = []\n"
        "    for j in range(w.shape[0]):\n"
        "        s = max(abs(float(x)) for x in w[j]) / 127\n"
        "        scales.append([s])\n"
        "        for i in range(w.shape[1]):\n"
        "            q[j, i] = max(-127, min(127, round(float(w[j, i]) / s)))\n"
        "    return q, scales\n",
        True,
    ),
    # float32 throughout, the infinity norm of each row as its max |w|, returned as a list.
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    w = w.astype(np.float32)\n"
        "    scale = np.linalg.norm(w, np.inf, axis=1)[:, None] / np.float32(127)\n"
        "    return [np.clip(np.rint(w / scale), -127, 127).astype(np.int8), scale]\n",
        True,
    ),
    # Float codes clipped to int8's full range [-128, 127] (the same numbers), the scale
    # reshaped to a column.
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = np.max(np.abs(w), axis=1).reshape(-1, 1) / 127\n"
        "    return np.clip(np.round(w / scale), -128, 127), scale\n",
        True,
    ),
    # The lesson's function, its axis defaulting to the rows; no clip (|w| / s <= 127 already).
    Code(
        QUANTIZE,
        "def quantize(W, axis=1):\n"
        "    scale = np.abs(W).max(axis=axis, keepdims=True) / 127\n"
        "    return np.round(W / scale).astype(np.int8), scale\n",
        True,
    ),
    # Multiply by the reciprocal step, keep the codes in int16.
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    step = np.abs(w).max(axis=1, keepdims=True) / 127.0\n"
        "    return np.round(w * (1 / step)).astype(np.int16), step\n",
        True,
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = np.abs(w).mean(axis=1, keepdims=True) / 127\n"
        + _ROUND
        + "    return q, scale\n",
        False,
        "mean-scale",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = np.abs(w).max(axis=1, keepdims=True) / 255\n"
        + _ROUND
        + "    return q, scale\n",
        False,
        "max-over-255",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    lo, hi = w.min(axis=1, keepdims=True), w.max(axis=1, keepdims=True)\n"
        "    scale = (hi - lo) / 255\n"
        "    return np.clip(np.round(w / scale), -128, 127).astype(np.int8), scale\n",
        False,
        "min-max-over-255",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n" + _SCALE + "    return (w / scale).astype(np.int8), scale\n",
        False,
        "truncated",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        + _SCALE
        + "    return np.clip(np.floor(w / scale), -127, 127).astype(np.int8), scale\n",
        False,
        "floor",
    ),
    # The lesson's function called with its default axis=None.
    Code(
        QUANTIZE,
        "def quantize(W, axis=None):\n"
        "    scale = np.abs(W).max(axis=axis, keepdims=True) / 127\n"
        "    q = np.clip(np.round(W / scale), -127, 127).astype(np.int8)\n"
        "    return q, scale\n",
        False,
        "per-tensor",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = float(np.max(np.abs(w))) / 127\n" + _ROUND + "    return q, scale\n",
        False,
        "per-tensor-number",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = np.abs(w).max(axis=0, keepdims=True) / 127\n"
        + _ROUND
        + "    return q, scale\n",
        False,
        "per-column",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = np.abs(w).max(axis=0) / 127\n" + _ROUND + "    return q, scale\n",
        False,
        "per-column-flat",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = w.max(axis=1, keepdims=True) / 127\n" + _ROUND + "    return q, scale\n",
        False,
        "signed-max",
    ),
    # Right codes, the scales as a flat (out,) array: q * scale would scale columns.
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = np.abs(w).max(axis=1) / 127\n"
        "    q = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)\n"
        "    return q, scale\n",
        False,
        "flat-scale",
        says="(out, 1)",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    inv = 127 / np.abs(w).max(axis=1, keepdims=True)\n"
        "    return np.round(w * inv).astype(np.int8), inv\n",
        False,
        "reciprocal-scale",
    ),
    Code(
        QUANTIZE,
        "def quantize(w):\n" + _SCALE + _ROUND + "    return q * scale, scale\n",
        False,
        "dequantised",
    ),
    # The codes alone, as the lesson's earlier cells print them: the pair was asked for.
    Code(
        QUANTIZE,
        "def quantize(w):\n" + _SCALE + _ROUND + "    return q\n",
        False,
        None,
        says="expected a tuple of 2 items, but got an array",
    ),
    # The pair in the wrong order: not a named mistake, and the feedback says which item.
    Code(
        QUANTIZE,
        "def quantize(w):\n" + _SCALE + _ROUND + "    return scale, q\n",
        False,
        None,
        says="item 0 differs",
    ),
    # The row max without keepdims: (out,) does not broadcast against (out, in).
    Code(
        QUANTIZE,
        "def quantize(w):\n"
        "    scale = np.abs(w).max(axis=1) / 127\n" + _ROUND + "    return q, scale\n",
        False,
        None,
        says="ValueError",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
