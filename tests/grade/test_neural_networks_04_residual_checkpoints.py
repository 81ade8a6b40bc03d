"""The checkpoints of lesson 07-neural-networks/04 (nn.residual) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""


@dataclass(frozen=True)
class Code:
    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


SLOPE = "nn.residual.slope"

TYPED = [
    Typed(SLOPE, "5.94", True),
    Typed(SLOPE, "5.9400000001", True),
    Typed(SLOPE, "  5.94 ", True),
    Typed(SLOPE, "5.936", True),
    Typed(SLOPE, "0", False, "without-skip"),
    Typed(SLOPE, "1.6632", False, "ignored-relu"),
    Typed(SLOPE, "3.5", False, "summed-slopes"),
    Typed(SLOPE, "11.88", False, "gave-the-value"),
    Typed(SLOPE, "\u22125.94", False, None),
    # Second reader: more spellings of 5.94, and the sum of the blocks' slopes.
    Typed(SLOPE, "+5.94", True),
    Typed(SLOPE, "5.94e0", True),
    Typed(SLOPE, "5.940", True),
    Typed(SLOPE, "7.5", False, "summed-block-slopes"),
    Typed(SLOPE, "5.9", False, None, "2 decimal places"),
]

IMPLEMENT = "nn.residual.implement"

CODE = [
    # Vectorised, the usual way.
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = X\n"
        "    for W in Ws:\n"
        "        h = h + np.maximum(h @ W, 0)\n"
        "    return h\n",
        True,
    ),
    # Loops over rows and entries, no matmul, a list of lists turned into an array.
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    rows = [list(map(float, r)) for r in X]\n"
        "    for W in Ws:\n"
        "        new = []\n"
        "        for r in rows:\n"
        "            out = []\n"
        "            for j in range(len(r)):\n"
        "                z = sum(r[i] * W[i][j] for i in range(len(r)))\n"
        "                out.append(r[j] + (z if z > 0 else 0.0))\n"
        "            new.append(out)\n"
        "        rows = new\n"
        "    return np.array(rows)\n",
        True,
    ),
    # float32, in place, ReLU as z * (z > 0).
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = np.array(X, dtype=np.float32)\n"
        "    for W in Ws:\n"
        "        z = h @ W.astype(np.float32)\n"
        "        h += z * (z > 0)\n"
        "    return h\n",
        True,
    ),
    # functools.reduce with np.clip and einsum.
    Code(
        IMPLEMENT,
        "from functools import reduce\n"
        "def residual_stack(X, Ws):\n"
        "    block = lambda h, W: h + np.clip(np.einsum('nd,de->ne', h, W), 0, None)\n"
        "    return reduce(block, Ws, np.asarray(X, dtype=float))\n",
        True,
    ),
    # Second reader: in place on the caller's X, recursion over the list, ReLU as (z + |z|) / 2.
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = X\n"
        "    for W in Ws:\n"
        "        h += np.maximum(h @ W, 0)\n"
        "    return h\n",
        True,
    ),
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    if not Ws:\n"
        "        return np.asarray(X, dtype=float)\n"
        "    h = residual_stack(X, Ws[:-1])\n"
        "    z = h @ Ws[-1]\n"
        "    return h + np.where(z > 0, z, 0)\n",
        True,
    ),
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = np.asarray(X)\n"
        "    for W in Ws:\n"
        "        z = np.matmul(h, W)\n"
        "        h = h + (z + np.abs(z)) / 2\n"
        "    return h\n",
        True,
    ),
    # The weight transposed, W.T: no named mistake.
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = X\n"
        "    for W in Ws:\n"
        "        h = h + np.maximum(h @ W.T, 0)\n"
        "    return h\n",
        False,
        None,
    ),
    # Plain stack.
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = X\n"
        "    for W in Ws:\n"
        "        h = np.maximum(h @ W, 0)\n"
        "    return h\n",
        False,
        "no-skip",
    ),
    # ReLU applied after the addition.
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = X\n"
        "    for W in Ws:\n"
        "        h = np.maximum(h + h @ W, 0)\n"
        "    return h\n",
        False,
        "relu-after-add",
    ),
    # One skip around the whole stack.
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = X\n"
        "    for W in Ws:\n"
        "        h = np.maximum(h @ W, 0)\n"
        "    return X + h\n",
        False,
        "skip-once",
    ),
    # The skip adds the original X at every block instead of the current h: no named mistake.
    Code(
        IMPLEMENT,
        "def residual_stack(X, Ws):\n"
        "    h = X\n"
        "    for W in Ws:\n"
        "        h = X + np.maximum(h @ W, 0)\n"
        "    return h\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
