"""The checkpoints of lesson 07-neural-networks/02 (nn.init-stats) grade real submissions right.

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


DEPTH = "nn.init-stats.relu-depth"
ZERO = "nn.init-stats.all-zero"

TYPED = [
    Typed(DEPTH, "1024", True),
    Typed(DEPTH, "1024.0", True),
    Typed(DEPTH, "1.024e3", True),
    Typed(DEPTH, "1023.7", True),
    Typed(DEPTH, "1048576", False, "mean-square-ratio"),
    Typed(DEPTH, "1", False, "no-halving"),
    # Counted the halving once per two layers.
    Typed(DEPTH, "32", False, None),
    # Second reader: more digits, and the factor written as a power.
    Typed(DEPTH, "1024.00", True),
    Typed(DEPTH, "0.0009765625", False, "inverted"),
    Typed(DEPTH, "1/1024", False, "inverted"),
    Typed(ZERO, "c", True),
    Typed(ZERO, "C)", True),
    Typed(ZERO, "only b2 ever changes: no gradient reaches W1, b1 or W2", True),
    Typed(ZERO, "a", False, "biases-break-symmetry"),
    Typed(ZERO, "b", False, "zero-is-like-any-constant"),
    Typed(ZERO, "d", False, "nothing-moves"),
]

FIX = "nn.init-stats.fix-init-std"

CODE = [
    # The gain as a number, then one square root.
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    gain = 2.0 if activation == 'relu' else 1.0\n"
        "    return (gain / n_in) ** 0.5\n",
        True,
    ),
    # math.sqrt and a dictionary of gains.
    Code(
        FIX,
        "import math\n"
        "GAINS = {'relu': math.sqrt(2), 'tanh': 1.0}\n"
        "def init_std(n_in, n_out, activation):\n"
        "    return GAINS[activation] / math.sqrt(n_in)\n",
        True,
    ),
    # In float32, as a NumPy scalar.
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    var = np.float32(2 if activation == 'relu' else 1) / np.float32(n_in)\n"
        "    return np.sqrt(var)\n",
        True,
    ),
    # The starter returned as it is.
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    if activation == 'relu':\n"
        "        return 2 / n_in\n"
        "    return 1 / n_in\n",
        False,
        "variance-as-std",
    ),
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    return np.sqrt((2 if activation == 'relu' else 1) / n_out)\n",
        False,
        "fan-out",
    ),
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    return np.sqrt((2 if activation == 'tanh' else 1) / n_in)\n",
        False,
        "swapped",
    ),
    # Glorot's average of inputs and outputs, which the prompt does not ask for.
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    gain = 2 if activation == 'relu' else 1\n"
        "    return np.sqrt(2 * gain / (n_in + n_out))\n",
        False,
        None,
    ),
    # Second reader: a float32 scalar from a dictionary of variance gains.
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    return np.float32(np.sqrt({'relu': 2.0, 'tanh': 1.0}[activation]) / np.sqrt(n_in))\n",
        True,
    ),
    # math.pow on the variance.
    Code(
        FIX,
        "import math\n"
        "def init_std(n_in, n_out, activation):\n"
        "    var = 2 / n_in if activation.lower() == 'relu' else 1 / n_in\n"
        "    return math.pow(var, 0.5)\n",
        True,
    ),
    # A negative power.
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    return (2 ** 0.5 if activation == 'relu' else 1) * n_in ** -0.5\n",
        True,
    ),
    # He for ReLU, Glorot's average for tanh: what a PyTorch user may reach for.
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    if activation == 'relu':\n"
        "        return np.sqrt(2 / n_in)\n"
        "    return np.sqrt(2 / (n_in + n_out))\n",
        False,
        "glorot-average",
    ),
    # The 2 put on the standard deviation.
    Code(
        FIX,
        "def init_std(n_in, n_out, activation):\n"
        "    if activation == 'relu':\n"
        "        return 2 / np.sqrt(n_in)\n"
        "    return 1 / np.sqrt(n_in)\n",
        False,
        "factor-outside-root",
    ),
    # The relu-depth factor, computed.
    Code(DEPTH, "answer = np.sqrt(np.float32(2.0) ** 20)\n", True),
    Code(DEPTH, "answer = 1 / (0.5**0.5) ** 20\n", True),
    Code(DEPTH, "answer = 0.5**10\n", False, "inverted"),
    Code(ZERO, "answer = 'C'\n", True),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
