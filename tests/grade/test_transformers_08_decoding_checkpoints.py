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
    # The second reader's.
    Typed(TEMPERATURE, ".867", True),
    Typed(TEMPERATURE, "86.7 %", True),
    Typed(TOP_P, "58.82%", True),
    Typed(TOP_P, "0.59", False, None),  # 3 decimals asked for
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
    # The second reader's: the (k+1)-th largest with a strict >.
    Code(
        TOP_K,
        "def top_k_probs(z, k):\n"
        "    below = np.sort(z)[::-1][k] if k < len(z) else -np.inf\n"
        "    kept = np.where(z > below, z, -np.inf)\n"
        "    e = np.exp(kept - kept.max())\n"
        "    return e / e.sum()\n",
        True,
    ),
    # heapq and a list of floats.
    Code(
        TOP_K,
        "import heapq, math\n"
        "def top_k_probs(z, k):\n"
        "    best = heapq.nlargest(k, range(len(z)), key=lambda i: z[i])\n"
        "    s = sum(math.exp(z[i]) for i in best)\n"
        "    return [math.exp(z[i]) / s if i in best else 0.0 for i in range(len(z))]\n",
        True,
    ),
    # argpartition and scipy's softmax over the kept logits.
    Code(
        TOP_K,
        "from scipy.special import softmax\n"
        "def top_k_probs(z, k):\n"
        "    idx = np.argpartition(-z, k - 1)[:k]\n"
        "    out = np.zeros_like(z)\n"
        "    out[idx] = softmax(z[idx])\n"
        "    return out\n",
        True,
    ),
    # Forgot the minus: np.sort(z)[k] is the (k+1)-th smallest.
    Code(
        TOP_K,
        "def top_k_probs(z, k):\n"
        "    kth_largest = np.sort(z)[k]\n"
        "    kept = np.where(z >= kth_largest, z, -np.inf)\n"
        "    e = np.exp(kept - kept.max())\n"
        "    return e / e.sum()\n",
        False,
        None,
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

# The second reader's: whole files setting `answer` (numpy is prepended too).
ANSWERS = [
    # Temperature on probabilities done right: p ** (1 / tau), renormalised.
    Code(
        TEMPERATURE,
        "p = np.exp([2.0, 1.0, 0.0])\n"
        "p = p / p.sum()\n"
        "q = p ** (1 / 0.5)\n"
        "answer = q[0] / q.sum()\n",
        True,
    ),
    Code(
        TEMPERATURE,
        "answer = np.float32(1) / (1 + np.exp(np.float32(-2)) + np.exp(np.float32(-4)))\n",
        True,
    ),
    Code(
        TEMPERATURE,
        "from scipy.special import softmax\nanswer = softmax([4.0, 2.0, 0.0])[0]\n",
        True,
    ),
    Code(
        TEMPERATURE,
        "z = np.array([2.0, 1.0, 0.0])\np = np.exp(z) / np.exp(z).sum()\nanswer = (p / 0.5)[0]\n",
        False,
        "after-softmax-unnormalised",
    ),
    # The temperature in the numerator only: no named mistake.
    Code(
        TEMPERATURE,
        "z = np.array([2.0, 1.0, 0.0])\nanswer = np.exp(z / 0.5)[0] / np.exp(z).sum()\n",
        False,
        None,
    ),
    Code(
        TOP_P,
        "p = np.array([0.5, 0.2, 0.15, 0.1, 0.05], dtype=np.float32)\n"
        "n = int(np.argmax(np.cumsum(p) >= 0.8)) + 1\n"
        "answer = p[0] / p[:n].sum()\n",
        True,
    ),
    Code(
        TOP_P,
        "kept = []\n"
        "for q in [0.5, 0.2, 0.15, 0.1, 0.05]:\n"
        "    kept.append(q)\n"
        "    if sum(kept) >= 0.8:\n"
        "        break\n"
        "answer = kept[0] / sum(kept)\n",
        True,
    ),
    Code(TOP_P, "answer = 10 / 17\n", True),
    # Kept one token too many: no named mistake.
    Code(TOP_P, "answer = 0.5 / (0.5 + 0.2 + 0.15 + 0.1)\n", False, None),
]


@pytest.mark.parametrize("row", ANSWERS, ids=_id)
def test_a_submitted_answer_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
