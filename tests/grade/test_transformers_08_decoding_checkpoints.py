"""The checkpoints of lesson 08-transformers/08 (tf.decoding) grade real submissions
right.

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


TOP_P = "tf.decoding.top-p"  # 0.5 / 0.85 = 0.588235...

TEMPERATURE = "tf.decoding.temperature"  # e^4 / (e^4 + e^2 + 1) = 0.866813...

TYPED = [
    Typed(TEMPERATURE, "0.867", True),
    Typed(TEMPERATURE, "0.86681", True),
    Typed(TEMPERATURE, "86.68%", True),
    Typed(TEMPERATURE, "0.665", False, "after-softmax"),
    Typed(TEMPERATURE, "0.506", False, "multiplied"),
    Typed(TEMPERATURE, "1", False, "greedy"),
    Typed(TEMPERATURE, "0.9", False, None),
    Typed(TOP_P, "0.588", True),
    Typed(TOP_P, "0.5882353", True),
    Typed(TOP_P, "10/17", True),
    Typed(TOP_P, "0.5", False, "not-renormalised"),
    Typed(TOP_P, "0.714", False, "stopped-below-p"),
    Typed(TOP_P, "0.625", False, "divided-by-p"),
    Typed(TOP_P, "0.85", False, None),
]

TOP_K = "tf.decoding.top-k"

CODE = [
    # The starter with the comparison fixed.
    Code(
        TOP_K,
        "def top_k_probs(z, k):\n"
        "    kth_largest = np.sort(z)[-k]\n"
        "    kept = np.where(z >= kth_largest, z, -np.inf)\n"
        "    e = np.exp(kept - kept.max())\n"
        "    return e / e.sum()\n",
        True,
    ),
    # np.partition and a boolean mask, probabilities divided by their kept sum.
    Code(
        TOP_K,
        "def top_k_probs(z, k):\n"
        "    threshold = np.partition(z, len(z) - k)[len(z) - k]\n"
        "    p = np.exp(z - z.max())\n"
        "    p[z < threshold] = 0.0\n"
        "    return p / p.sum()\n",
        True,
    ),
    # A loop over the indices sorted by logit, in float32.
    Code(
        TOP_K,
        "import math\n"
        "def top_k_probs(z, k):\n"
        "    best = sorted(range(len(z)), key=lambda i: z[i], reverse=True)[:k]\n"
        "    out = np.zeros(len(z), dtype=np.float32)\n"
        "    m = max(z[i] for i in best)\n"
        "    for i in best:\n"
        "        out[i] = math.exp(z[i] - m)\n"
        "    return out / out.sum()\n",
        True,
    ),
    # PyTorch's topk.
    Code(
        TOP_K,
        "import torch\n"
        "def top_k_probs(z, k):\n"
        "    t = torch.tensor(z)\n"
        "    values, indices = torch.topk(t, k)\n"
        "    out = torch.zeros_like(t)\n"
        "    out[indices] = torch.softmax(values, dim=0)\n"
        "    return out\n",
        True,
    ),
    # The starter as given.
    Code(
        TOP_K,
        "def top_k_probs(z, k):\n"
        "    kth_largest = np.sort(z)[-k]\n"
        "    kept = np.where(z > kth_largest, z, -np.inf)\n"
        "    e = np.exp(kept - kept.max())\n"
        "    return e / e.sum()\n",
        False,
        "keeps-k-minus-1",
    ),
    Code(
        TOP_K,
        "def top_k_probs(z, k):\n"
        "    p = np.exp(z - z.max())\n"
        "    p = p / p.sum()\n"
        "    p[np.argsort(z)[:-k]] = 0.0\n"
        "    return p\n",
        False,
        "not-renormalised",
    ),
    Code(
        TOP_K,
        "def top_k_probs(z, k):\n"
        "    kept = np.where(z <= np.sort(z)[k - 1], z, -np.inf)\n"
        "    e = np.exp(kept - kept.max())\n"
        "    return e / e.sum()\n",
        False,
        "kept-smallest",
    ),
    # Kept k + 1: no named mistake.
    Code(
        TOP_K,
        "def top_k_probs(z, k):\n"
        "    kept = np.where(z >= np.sort(z)[-k - 1], z, -np.inf)\n"
        "    e = np.exp(kept - kept.max())\n"
        "    return e / e.sum()\n",
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
