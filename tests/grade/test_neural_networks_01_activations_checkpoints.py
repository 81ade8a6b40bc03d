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
    # Second reader: plain Python over the columns of a list of lists.
    Code(
        DEAD,
        "def count_dead(H):\n    return sum(1 for col in zip(*H.tolist()) if max(col) == 0)\n",
        True,
    ),
    # float32, and a length of an index array.
    Code(
        DEAD,
        "def count_dead(H):\n"
        "    return len(np.flatnonzero(~(H.astype(np.float32) > 0).any(axis=0)))\n",
        True,
    ),
    # einsum for the column counts of firing, then a Python count of the zeros.
    Code(
        DEAD,
        "def count_dead(H):\n"
        '    return np.einsum("ij->j", (H > 0).astype(int)).tolist().count(0)\n',
        True,
    ),
    # A row-wise test spelled with <= 0: still the inputs, not the units.
    Code(
        DEAD,
        "def count_dead(H):\n    return int(np.all(H <= 0, axis=1).sum())\n",
        False,
        "per-image",
    ),
    # "Mostly off" is not dead.
    Code(DEAD, "def count_dead(H):\n    return int((H.mean(axis=0) < 0.5).sum())\n", False, None),
    # Numeric checkpoints answered in code.
    Code(
        GELU,
        "from scipy.stats import norm\n\nanswer = norm.cdf(-1) - norm.pdf(-1)\n",
        True,
    ),
    Code(
        GELU,
        "import math\n\n"
        "answer = 0.5 * math.erfc(1 / math.sqrt(2)) - math.exp(-0.5) / math.sqrt(2 * math.pi)\n",
        True,
    ),
    # A central difference in float32.
    Code(
        GELU,
        "import math\n\n"
        "def g(a):\n    return a * 0.5 * (1 + math.erf(a / math.sqrt(2)))\n\n"
        "answer = np.float32((g(-1 + 1e-6) - g(-1 - 1e-6)) / 2e-6)\n",
        True,
    ),
    # The density without its 1/sqrt(2 pi).
    Code(
        GELU,
        "import math\n\nanswer = 0.5 * (1 + math.erf(-1 / math.sqrt(2))) - math.exp(-0.5)\n",
        False,
        None,
    ),
    Code(
        CHAIN,
        "x, g = np.float32(0.5), np.float32(1.0)\n"
        "for w in np.float32([2, -1.5, 3]):\n"
        "    x = 1 / (1 + np.exp(-w * x))\n"
        "    g = g * w * x * (1 - x)\n"
        "answer = g\n",
        True,
    ),
    Code(
        CHAIN,
        "from scipy.special import expit\n\n"
        "def f(x):\n    for w in (2, -1.5, 3):\n        x = expit(w * x)\n    return x\n\n"
        "answer = (f(0.5 + 1e-5) - f(0.5 - 1e-5)) / 2e-5\n",
        True,
    ),
    Code(
        CHAIN,
        "from scipy.special import expit\n\n"
        "h1 = expit(1.0)\nh2 = expit(-1.5 * h1)\nh3 = expit(3 * h2)\n"
        "answer = h3 * (1 - h3) * 3 * h2 * (1 - h2) * -1.5 * h1 * (1 - h1) * 2\n",
        True,
    ),
    # Every layer fed x instead of the previous layer's output.
    Code(
        CHAIN,
        "from scipy.special import expit\n\n"
        "d = 1.0\nfor w in (2, -1.5, 3):\n    h = expit(w * 0.5)\n    d *= w * h * (1 - h)\n"
        "answer = d\n",
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
