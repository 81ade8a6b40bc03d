"""The checkpoints of module 3, lesson 2 (prob.distributions, 02-distributions) grade real
submissions right: for each checkpoint, three unusual correct solutions and two plausible wrong ones
(docs/reviewing-a-lesson.md, section 4), each with the verdict it must get.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    """An answer typed into the form (numeric, choice and predict checkpoints)."""

    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""  # a phrase the feedback must contain


@dataclass(frozen=True)
class Code:
    """A function handed in as source code, run in the sandbox."""

    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


TYPED = [
    # prob.common-distributions.uniform-interval: density 2 times width 0.2 = 0.4, to 2 decimals.
    Typed("prob.common-distributions.uniform-interval", "0.4", True),
    Typed("prob.common-distributions.uniform-interval", ".40", True),
    Typed("prob.common-distributions.uniform-interval", "0.399999", True),
    Typed("prob.common-distributions.uniform-interval", "2", False, "density-as-probability"),
    Typed("prob.common-distributions.uniform-interval", "0.2", False, "width-only"),
    Typed("prob.common-distributions.uniform-interval", "0.08", False, "divided-by-b"),
    Typed("prob.common-distributions.uniform-interval", "0.5", False, None, "is not right"),
    # prob.common-distributions.gaussian-tail: 1 - F(2) = 0.02275, to 3 decimals.
    Typed("prob.common-distributions.gaussian-tail", "0.023", True),
    Typed("prob.common-distributions.gaussian-tail", "0.0227501", True),
    Typed("prob.common-distributions.gaussian-tail", "2.28e-2", True),
    Typed("prob.common-distributions.gaussian-tail", "0.421", False, "scale-is-variance"),
    Typed("prob.common-distributions.gaussian-tail", "0.977", False, "cdf-not-complement"),
    Typed("prob.common-distributions.gaussian-tail", "0.025", False, "rounded-95-rule"),
    Typed("prob.common-distributions.gaussian-tail", "0.0054", False, "density-at-a-point"),
    Typed("prob.common-distributions.gaussian-tail", "0.05", False, None, "is not right"),
    # The second reader's submissions (docs/reviewing-a-lesson.md, section 4).
    Typed("prob.common-distributions.uniform-interval", "0.40000000001", True),
    Typed("prob.common-distributions.uniform-interval", "0.6", False, "cdf-at-the-right-end-only"),
    Typed("prob.common-distributions.uniform-interval", "40", False, None, "is not right"),
    Typed("prob.common-distributions.gaussian-tail", "0.0228", True),
    Typed("prob.common-distributions.gaussian-tail", "0.0455", False, "both-tails"),
    Typed("prob.common-distributions.gaussian-tail", "0", False, None, "is not right"),  # cdf(190)
]

ANSWER_FILES = [
    # Answers computed in a file, as `mlpath check ID FILE.py` grades them.
    Code(
        "prob.common-distributions.uniform-interval",
        "rng = np.random.default_rng(7)          # a simulation, close enough for 2 decimals\n"
        "x = rng.uniform(2, 2.5, size=1_000_000)\n"
        "answer = np.count_nonzero((x >= 2.1) & (x < 2.3)) / len(x)\n",
        True,
    ),
    Code("prob.common-distributions.uniform-interval", "answer = (2.3 - 2.1) / (2.5 - 2)\n", True),
    Code(
        "prob.common-distributions.gaussian-tail",
        "from scipy.stats import norm\nanswer = norm.sf(190, loc=170, scale=10)\n",
        True,
    ),
    Code(
        "prob.common-distributions.gaussian-tail",
        "import math\nanswer = 0.5 * math.erfc((190 - 170) / (10 * math.sqrt(2)))\n",
        True,
    ),
]

_SAMPLE = "prob.distributions.sample-categorical"

CODE = [
    # prob.distributions.sample-categorical: graded by properties, not by the exact labels.
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return rng.choice(len(p), size=n, p=p)\n",
        True,
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    running = np.cumsum(p)\n"
        "    labels = []\n"
        "    for _ in range(n):\n"
        "        u = rng.random()\n"
        "        j = 0\n"
        "        while j < len(p) - 1 and u >= running[j]:\n"
        "            j += 1\n"
        "        labels.append(j)\n"
        "    return np.array(labels)\n",
        True,
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    u = rng.random(n, dtype=np.float32)\n"
        "    edges = np.cumsum(np.asarray(p, dtype=np.float32))[:-1]\n"
        "    return np.searchsorted(edges, u, side='right').astype(np.int8)\n",
        True,
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return rng.integers(0, len(p), size=n)\n",
        False,
        "ignores-probabilities",
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    u = rng.random(n)\n"
        "    return np.sum(u[:, None] >= np.cumsum(p)[:-1], axis=1) + 1   # labels 1..k\n",
        False,
        None,
        "every label is a whole number from 0 to k - 1",
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng()        # no seed\n"
        "    return rng.choice(len(p), size=n, p=p)\n",
        False,
        None,
        "called twice with the same arguments",
    ),
    # The second reader's submissions.
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return rng.multinomial(1, p, size=n).argmax(axis=1)   # one-hot rows\n",
        True,
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    labels = np.repeat(np.arange(len(p)), rng.multinomial(n, p))\n"
        "    return rng.permutation(labels)\n",
        True,
    ),
    Code(
        _SAMPLE,
        "import random\n"
        "def sample_categorical(p, n, seed):\n"
        "    return random.Random(seed).choices(range(len(p)), weights=list(p), k=n)   # a list\n",
        True,
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    with np.errstate(divide='ignore'):\n"
        "        logp = np.log(p)\n"
        "    return np.argmax(logp + rng.gumbel(size=(n, len(p))), axis=1)   # Gumbel-max\n",
        True,
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    u = rng.random(n)\n"
        "    return np.searchsorted(np.cumsum(p), u, side='right').astype(float)\n",
        True,
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return rng.choice(len(p), size=n)       # p not passed\n",
        False,
        "ignores-probabilities",
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    u = rng.random()                        # one number, reused for every label\n"
        "    return np.sum(u >= np.cumsum(p)[:-1]) * np.ones(n, dtype=int)\n",
        False,
        "one-uniform-for-all",
    ),
    Code(
        _SAMPLE,
        "def sample_categorical(p, n, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return rng.choice(p, size=n)            # draws the probabilities themselves\n",
        False,
        None,
        "every label is a whole number from 0 to k - 1",
    ),
]


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", ANSWER_FILES, ids=_id)
def test_an_answer_file_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
