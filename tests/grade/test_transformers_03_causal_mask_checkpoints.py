"""The checkpoints of lesson 08-transformers/03 (tf.causal-mask) grade real
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


EQUAL = "tf.causal-mask.equal-scores"
ROWS = "tf.causal-mask.which-rows"

TYPED = [
    Typed(EQUAL, "0.25", True),
    Typed(EQUAL, ".25", True),
    Typed(EQUAL, "1/4", True),
    Typed(EQUAL, "0.2500001", True),
    Typed(EQUAL, "0.1667", False, "mask-ignored"),
    Typed(EQUAL, "0.333", False, "self-excluded"),
    Typed(EQUAL, "0", False, "upper-triangle"),
    Typed(EQUAL, "0.2", False, None),
    Typed(EQUAL, "25%", True),
    Typed(EQUAL, "0.2500", True),
    Typed(EQUAL, "1", False, None),
    Typed(ROWS, "a", True),
    Typed(ROWS, "A", True),
    Typed(ROWS, "a) rows 7, 8 and 9", True),
    Typed(ROWS, "rows 7, 8 and 9", True),
    Typed(ROWS, " (a) ", True),
    Typed(ROWS, "b", False, "reversed"),
    Typed(ROWS, "c", False, "own-row-only"),
    Typed(ROWS, "d", False, "self-excluded"),
]

FIX = "tf.causal-mask.fix"

CODE = [
    # Keep the mask after the softmax, but share the weights out again: also right.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    mask = np.tril(np.ones((T, T), dtype=bool))\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = E / E.sum(axis=-1, keepdims=True)\n"
        "    A = A * mask\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    return A @ V\n",
        True,
    ),
    # A large negative fill instead of -inf, and the mask from np.triu(k=1), in float32.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    Q, K, V = (a.astype(np.float32) for a in (Q, K, V))\n"
        "    T = Q.shape[-2]\n"
        "    future = np.triu(np.ones((T, T), dtype=bool), k=1)\n"
        "    S = np.einsum('...id,...jd->...ij', Q, K) / np.float32(np.sqrt(Q.shape[-1]))\n"
        "    S = np.where(future, np.float32(-1e9), S)\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return (E / E.sum(axis=-1, keepdims=True)) @ V\n",
        True,
    ),
    # A loop over positions: each query only ever looks at the keys up to itself.
    Code(
        FIX,
        "def one(Q, K, V):\n"
        "    out = np.zeros_like(V, dtype=float)\n"
        "    for i in range(len(Q)):\n"
        "        s = K[: i + 1] @ Q[i] / np.sqrt(Q.shape[-1])\n"
        "        w = np.exp(s - s.max())\n"
        "        out[i] = (w / w.sum()) @ V[: i + 1]\n"
        "    return out\n"
        "def causal_attention(Q, K, V):\n"
        "    if Q.ndim == 2:\n"
        "        return one(Q, K, V)\n"
        "    return np.array([one(*abc) for abc in zip(Q, K, V)])\n",
        True,
    ),
    # Boolean indexing to set the future to -inf, on a copy.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    S = S.copy()\n"
        "    S[..., ~np.tri(T, dtype=bool)] = -np.inf\n"
        "    S = S - S.max(axis=-1, keepdims=True)\n"
        "    return np.exp(S) / np.exp(S).sum(axis=-1, keepdims=True) @ V\n",
        True,
    ),
    # The starter as given.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    mask = np.tril(np.ones((T, T), dtype=bool))\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = E / E.sum(axis=-1, keepdims=True)\n"
        "    A = A * mask\n"
        "    return A @ V\n",
        False,
        "mask-after-softmax",
    ),
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    S = S * np.tril(np.ones((T, T)))\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1, keepdims=True) @ V\n",
        False,
        "zero-fill",
    ),
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    S = np.where(np.triu(np.ones((T, T), dtype=bool)), S, -np.inf)\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1, keepdims=True) @ V\n",
        False,
        "upper-triangle",
    ),
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1, keepdims=True) @ V\n",
        False,
        "no-mask",
    ),
    # The mask without the diagonal: row 0 is all -inf, and 0 / 0 gives nan.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    S = np.where(np.tril(np.ones((T, T), dtype=bool), k=-1), S, -np.inf)\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1, keepdims=True) @ V\n",
        False,
        "diagonal-excluded",
    ),
    # Second reader: the same mistake spelled with np.triu, forbidding the diagonal too.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    S = np.where(np.triu(np.ones((T, T))) == 1, -np.inf, S)\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1, keepdims=True) @ V\n",
        False,
        "diagonal-excluded",
    ),
    # Second reader: -inf before the softmax, and the starter's A * mask left in: still right.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    mask = np.tril(np.ones((T, T), dtype=bool))\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    S = np.where(mask, S, -np.inf)\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = E / E.sum(axis=-1, keepdims=True)\n"
        "    A = A * mask\n"
        "    return A @ V\n",
        True,
    ),
    # Second reader: float32, the future set through np.triu_indices.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    Q, K, V = (np.asarray(a, np.float32) for a in (Q, K, V))\n"
        "    T = Q.shape[-2]\n"
        "    rows, cols = np.triu_indices(T, 1)\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.float32(np.sqrt(Q.shape[-1]))\n"
        "    S[..., rows, cols] = -np.inf\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return (E / E.sum(axis=-1, keepdims=True)) @ V\n",
        True,
    ),
    # Second reader: the dtype's most negative finite float instead of -inf.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    mask = np.tril(np.ones((T, T), dtype=bool))\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    S = np.where(mask, S, np.finfo(S.dtype).min)\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1, keepdims=True) @ V\n",
        True,
    ),
    # Second reader: the row sum without keepdims divides along the wrong axis.
    Code(
        FIX,
        "def causal_attention(Q, K, V):\n"
        "    T = Q.shape[-2]\n"
        "    mask = np.tril(np.ones((T, T), dtype=bool))\n"
        "    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True)) * mask\n"
        "    return E / E.sum(axis=-1) @ V\n",
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
