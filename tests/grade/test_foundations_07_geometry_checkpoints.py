"""The checkpoints of lesson 00b-foundations/07 (fd.geometry) grade real submissions right.

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


DISTANCE = "fd.geometry.distance"
COSINE = "fd.geometry.fix-cosine"

TYPED = [
    Typed(DISTANCE, "11", True),
    Typed(DISTANCE, "11.000", True),
    Typed(DISTANCE, "11.0001", True),
    Typed(DISTANCE, "1.1e1", True),
    Typed(DISTANCE, "121", False, "no-square-root"),
    Typed(DISTANCE, "17", False, "sum-of-differences"),
    Typed(DISTANCE, "6.32", False, "dropped-a-coordinate"),
    Typed(DISTANCE, "\u221211", False, None),
    # 13 is the distance the lesson prints for differences (3, 4, 12): not this one.
    Typed(DISTANCE, "13", False, None),
]

CODE = [
    Code(DISTANCE, "import math\nanswer = math.dist((2, -1, 4), (4, 5, -5))\n", True),
    Code(DISTANCE, "answer = np.linalg.norm(np.array([4, 5, -5]) - np.array([2, -1, 4]))\n", True),
    Code(DISTANCE, "answer = np.float32(2**2 + 6**2 + 9**2) ** np.float32(0.5)\n", True),
    Code(DISTANCE, "import math\nanswer = math.hypot(2, 6, -9)\n", True),
    Code(DISTANCE, "answer = 2**2 + 6**2 + (-9) ** 2\n", False, "no-square-root"),
    Code(DISTANCE, "answer = abs(4 - 2) + abs(5 + 1) + abs(-5 - 4)\n", False, "sum-of-differences"),
    # The starter fixed with parentheses.
    Code(
        COSINE,
        "import math\n"
        "def length(u):\n"
        "    return math.sqrt(sum(u_i**2 for u_i in u))\n"
        "def cosine(u, v):\n"
        "    dot = sum(u[i] * v[i] for i in range(len(u)))\n"
        "    return dot / (length(u) * length(v))\n",
        True,
    ),
    # Dividing twice is the same thing.
    Code(
        COSINE,
        "import math\n"
        "def length(u):\n"
        "    return math.sqrt(sum(u_i**2 for u_i in u))\n"
        "def cosine(u, v):\n"
        "    dot = sum(u[i] * v[i] for i in range(len(u)))\n"
        "    return dot / length(u) / length(v)\n",
        True,
    ),
    # Another valid API, in float32.
    Code(
        COSINE,
        "def cosine(u, v):\n"
        "    u, v = np.asarray(u, np.float32), np.asarray(v, np.float32)\n"
        "    return (u @ v) / (np.linalg.norm(u) * np.linalg.norm(v))\n",
        True,
    ),
    # Normalise each vector first, then add the products.
    Code(
        COSINE,
        "import math\n"
        "def cosine(u, v):\n"
        "    nu = math.hypot(*u)\n"
        "    nv = math.hypot(*v)\n"
        "    return math.fsum((a / nu) * (b / nv) for a, b in zip(u, v))\n",
        True,
    ),
    Code(
        COSINE,
        "import math\n"
        "def length(u):\n"
        "    return math.sqrt(sum(u_i**2 for u_i in u))\n"
        "def cosine(u, v):\n"
        "    dot = sum(u[i] * v[i] for i in range(len(u)))\n"
        "    return dot / length(u) * length(v)\n",
        False,
        "precedence",
    ),
    Code(
        COSINE,
        "def cosine(u, v):\n    return sum(a * b for a, b in zip(u, v))\n",
        False,
        "not-normalised",
    ),
    Code(
        COSINE,
        "def cosine(u, v):\n    return np.sum(u * v) / (np.sum(u**2) * np.sum(v**2))\n",
        False,
        "squared-lengths",
    ),
    # Another valid API: scikit-learn's cosine similarity of two one-row matrices.
    Code(
        COSINE,
        "from sklearn.metrics.pairwise import cosine_similarity\n"
        "def cosine(u, v):\n"
        "    return float(cosine_similarity([u], [v])[0, 0])\n",
        True,
    ),
    Code(
        COSINE,
        "import math\n"
        "def length(u):\n"
        "    return math.sqrt(sum(u_i**2 for u_i in u))\n"
        "def cosine(u, v):\n"
        "    dot = sum(u[i] * v[i] for i in range(len(u)))\n"
        "    return dot / length(u)\n",
        False,
        "one-length",
    ),
    # Divided by the sum of the lengths: no named mistake.
    Code(
        COSINE,
        "import math\n"
        "def length(u):\n"
        "    return math.sqrt(sum(u_i**2 for u_i in u))\n"
        "def cosine(u, v):\n"
        "    dot = sum(u[i] * v[i] for i in range(len(u)))\n"
        "    return dot / (length(u) + length(v))\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_answer_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
