"""The checkpoints of lesson 07-neural-networks/01 (nn.activations) grade real submissions right.

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


CHAIN = "nn.activations.sigmoid-chain"

TYPED = [
    Typed(CHAIN, "-0.0723", True),
    Typed(CHAIN, "\u22120.07234", True),  # a typographic minus
    Typed(CHAIN, "-0.072337373", True),
    Typed(CHAIN, "-7.2337e-2", True),
    Typed(CHAIN, "0.0080", False, "slopes-only"),
    Typed(CHAIN, "-1.1193", False, "values-not-slopes"),
    Typed(CHAIN, "0.0723", False, None),
]

GELU = "nn.activations.gelu-slope"

TYPED += [
    Typed(GELU, "-0.0833", True),
    Typed(GELU, "\u22120.08332", True),  # a typographic minus
    Typed(GELU, "-0.083315470588", True),
    Typed(GELU, "-8.33e-2", True),
    Typed(GELU, "0.1587", False, "cdf-only"),
    Typed(GELU, "-0.1587", False, "value-not-slope"),
    Typed(GELU, "0.4006", False, "missing-a"),
    # The slope of GPT-2's tanh approximation at -1: close, but not the exact GELU's.
    Typed(GELU, "-0.0830", False, None),
]

DEAD = "nn.activations.count-dead"

CODE = [
    # A loop over the columns.
    Code(
        DEAD,
        "def count_dead(H):\n"
        "    dead = 0\n"
        "    for j in range(H.shape[1]):\n"
        "        if all(H[i, j] == 0 for i in range(H.shape[0])):\n"
        "            dead += 1\n"
        "    return dead\n",
        True,
    ),
    # The largest output of each unit is 0; a NumPy integer returned.
    Code(DEAD, "def count_dead(H):\n    return (H.max(axis=0) == 0).sum()\n", True),
    # Units minus the units that fire at least once, over the transpose.
    Code(
        DEAD,
        "def count_dead(H):\n    return H.shape[1] - np.count_nonzero(H.T.any(axis=1))\n",
        True,
    ),
    # ReLU outputs are never negative, so a zero column sum means a zero column.
    Code(DEAD, "def count_dead(H):\n    return int(np.sum(H.sum(axis=0) == 0.0))\n", True),
    Code(
        DEAD,
        "def count_dead(H):\n    return int(np.all(H == 0, axis=1).sum())\n",
        False,
        "per-image",
    ),
    Code(DEAD, "def count_dead(H):\n    return int((H == 0).sum())\n", False, "zero-entries"),
    Code(
        DEAD,
        "def count_dead(H):\n    return int(np.any(H == 0, axis=0).sum())\n",
        False,
        "off-for-some-input",
    ),
    # Looking for negative outputs, which a ReLU never gives.
    Code(DEAD, "def count_dead(H):\n    return int(np.all(H < 0, axis=0).sum())\n", False, None),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
