"""The checkpoints of lesson 08-transformers/02 (tf.qkv, tf.attention) grade real
submissions right.

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


SHAPES = "tf.qkv.predict-shapes"
VARIANCE = "tf.attention.scaled-variance"

TYPED = [
    Typed(SHAPES, "(2, 5, 4)\n(2, 5, 5)\n(2, 5, 8)", True),
    Typed(SHAPES, "  (2, 5, 4)\n  (2, 5, 5)\n  (2, 5, 8)\n", True),
    Typed(SHAPES, "(2, 5, 4)\r\n(2, 5, 5)\r\n(2, 5, 8)", True),
    Typed(SHAPES, "(2, 5, 4)\n(2, 4, 4)\n(2, 4, 8)", False, "scores-d-by-d"),
    Typed(SHAPES, "(2, 5, 4)\n(2, 5, 5)\n(2, 5, 4)", False, "output-width-d"),
    Typed(SHAPES, "(2, 5, 4)\n(5, 5)\n(5, 8)", False, None, "Line 2"),
    Typed(VARIANCE, "6", True),
    Typed(VARIANCE, "6.0", True),
    Typed(VARIANCE, "6.001", True),
    Typed(VARIANCE, "6e0", True),
    Typed(VARIANCE, "384", False, "unscaled"),
    Typed(VARIANCE, "48", False, "divided-variance-by-sqrt-d"),
    Typed(VARIANCE, "5", False, "added-variances"),
    Typed(VARIANCE, "1", False, "always-one"),
    Typed(VARIANCE, "0.09375", False, None),
    # Second reader.
    Typed(VARIANCE, "12/2", True),
    Typed(VARIANCE, "2.449", False, "standard-deviation"),
    Typed(SHAPES, "(2,5,4)\n(2,5,5)\n(2,5,8)", True),
]

ATTENTION = "tf.attention.implement"

CODE = [
    # einsum in float32, with the softmax written out.
    Code(
        ATTENTION,
        "def attention(Q, K, V):\n"
        "    Q, K, V = (np.asarray(a, dtype=np.float32) for a in (Q, K, V))\n"
        "    S = np.einsum('...id,...jd->...ij', Q, K) / np.float32(np.sqrt(Q.shape[-1]))\n"
        "    W = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    W /= W.sum(axis=-1, keepdims=True)\n"
        "    return np.einsum('...ij,...jv->...iv', W, V)\n",
        True,
    ),
    # Loops over the batch and the queries, math.sqrt, no max shift (the scores are small).
    Code(
        ATTENTION,
        "import math\n"
        "def one(Q, K, V):\n"
        "    rows = []\n"
        "    for q in Q:\n"
        "        s = np.array([float(np.sum(q * k)) for k in K]) / math.sqrt(len(q))\n"
        "        w = np.exp(s) / np.exp(s).sum()\n"
        "        rows.append(sum(w[j] * V[j] for j in range(len(K))))\n"
        "    return np.array(rows)\n"
        "def attention(Q, K, V):\n"
        "    if Q.ndim == 2:\n"
        "        return one(Q, K, V)\n"
        "    return np.stack([one(q, k, v) for q, k, v in zip(Q, K, V)])\n",
        True,
    ),
    # scipy's softmax and np.matmul with np.moveaxis.
    Code(
        ATTENTION,
        "from scipy.special import softmax\n"
        "def attention(Q, K, V):\n"
        "    S = np.matmul(Q, np.moveaxis(K, -1, -2)) * Q.shape[-1] ** -0.5\n"
        "    return np.matmul(softmax(S, axis=-1), V)\n",
        True,
    ),
    # Transposing by the number of axes, scaling Q before the product.
    Code(
        ATTENTION,
        "def attention(Q, K, V):\n"
        "    Kt = K.T if K.ndim == 2 else K.transpose(0, 2, 1)\n"
        "    S = (Q / np.sqrt(Q.shape[-1])) @ Kt\n"
        "    S = S - S.max(axis=-1, keepdims=True)\n"
        "    return np.exp(S) / np.exp(S).sum(axis=-1, keepdims=True) @ V\n",
        True,
    ),
    Code(
        ATTENTION,
        "def attention(Q, K, V):\n"
        "    S = Q @ np.swapaxes(K, -2, -1)\n"
        "    W = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return W / W.sum(axis=-1, keepdims=True) @ V\n",
        False,
        "no-scale",
    ),
    # The 2-D habit axis=0, written as axis=0 / axis=1 by the number of axes.
    Code(
        ATTENTION,
        "def attention(Q, K, V):\n"
        "    ax = Q.ndim - 2\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    W = np.exp(S - S.max(axis=ax, keepdims=True))\n"
        "    return W / W.sum(axis=ax, keepdims=True) @ V\n",
        False,
        "wrong-axis",
    ),
    Code(
        ATTENTION,
        "def attention(Q, K, V):\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / Q.shape[-1]\n"
        "    W = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return W / W.sum(axis=-1, keepdims=True) @ V\n",
        False,
        "scale-by-d",
    ),
    # The scale applied after the softmax: rows sum to 1/sqrt(d).
    Code(
        ATTENTION,
        "def attention(Q, K, V):\n"
        "    S = Q @ np.swapaxes(K, -2, -1)\n"
        "    W = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    W = W / W.sum(axis=-1, keepdims=True) / np.sqrt(Q.shape[-1])\n"
        "    return W @ V\n",
        False,
        "scaled-output",
    ),
    # Second reader: pure Python on nested lists, math.fsum, returning lists.
    Code(
        ATTENTION,
        "import math\n"
        "def attention(Q, K, V):\n"
        "    if Q.ndim == 3:\n"
        "        return [attention(q, k, v) for q, k, v in zip(Q, K, V)]\n"
        "    out = []\n"
        "    for q in Q.tolist():\n"
        "        s = [math.fsum(a * b for a, b in zip(q, k)) / math.sqrt(len(q))\n"
        "             for k in K.tolist()]\n"
        "        e = [math.exp(x - max(s)) for x in s]\n"
        "        z = math.fsum(e)\n"
        "        out.append([math.fsum(e[j] / z * V[j, c] for j in range(len(e)))\n"
        "                    for c in range(V.shape[-1])])\n"
        "    return out\n",
        True,
    ),
    # Second reader: d read from K, one max over the whole array (still a valid shift).
    Code(
        ATTENTION,
        "def attention(Q, K, V):\n"
        "    S = Q @ np.swapaxes(K, -1, -2) / K.shape[-1] ** 0.5\n"
        "    W = np.exp(S - S.max())\n"
        "    return (W / W.sum(axis=-1, keepdims=True)) @ V\n",
        True,
    ),
    # Second reader: normalised by the sum of all the weights, not each row's.
    Code(
        ATTENTION,
        "def attention(Q, K, V):\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    W = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return W / W.sum() @ V\n",
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
