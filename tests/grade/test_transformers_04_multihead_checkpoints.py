"""The checkpoints of lesson 08-transformers/04 (tf.multihead) grade real submissions right.

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


SCALE = "tf.multihead.head-scale"

TYPED = [
    Typed(SCALE, "8", True),
    Typed(SCALE, "8.0000", True),
    Typed(SCALE, " 64/8 ", True),
    Typed(SCALE, "8.004", True),
    Typed(SCALE, "27.71", False, "scale-by-width"),
    Typed(SCALE, "64", False, "no-square-root"),
    Typed(SCALE, "3.46", False, "scale-by-heads"),
    Typed(SCALE, "4", False, None, "not right"),
    # Second reader: the multiplier nanoGPT writes, typed as a decimal or a fraction.
    Typed(SCALE, "0.125", False, "multiplier-not-divisor"),
    Typed(SCALE, "1/8", False, "multiplier-not-divisor"),
    Typed(SCALE, "8.00", True),
    Typed(SCALE, "2", False, None, "not right"),  # the lesson's own sqrt(d), for C = 12, h = 3
]

FIX = "tf.multihead.fix-merge"

_SPLIT = (
    "def split(Z, h):\n"
    "    B, T, C = Z.shape\n"
    "    return Z.reshape(B, T, h, C // h).transpose(0, 2, 1, 3)\n"
)

_ATTEND = (
    "def attend(Qh, Kh, Vh, scale):\n"
    "    T = Qh.shape[-2]\n"
    "    S = Qh @ Kh.swapaxes(-1, -2) / scale\n"
    "    S = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), -np.inf, S)\n"
    "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
    "    return A / A.sum(axis=-1, keepdims=True) @ Vh\n"
)

CODE = [
    # The starter with the merge fixed by swapaxes instead of transpose.
    Code(
        FIX,
        _SPLIT + _ATTEND + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = (split(X @ W, n_heads) for W in (Wq, Wk, Wv))\n"
        "    Yh = attend(Qh, Kh, Vh, np.sqrt(C // n_heads))\n"
        "    return np.swapaxes(Yh, 1, 2).reshape(B, T, C) @ Wo\n",
        True,
    ),
    # Loops over sentences, heads and tokens, in float32, a large negative number as the mask.
    Code(
        FIX,
        "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    X, Wq, Wk, Wv, Wo = (a.astype(np.float32) for a in (X, Wq, Wk, Wv, Wo))\n"
        "    B, T, C = X.shape\n"
        "    d = C // n_heads\n"
        "    Q, K, V = X @ Wq, X @ Wk, X @ Wv\n"
        "    out = np.zeros((B, T, C), dtype=np.float32)\n"
        "    for b in range(B):\n"
        "        for i in range(n_heads):\n"
        "            cols = slice(i * d, (i + 1) * d)\n"
        "            for t in range(T):\n"
        "                s = np.array([Q[b, t, cols] @ K[b, u, cols] if u <= t else -1e9\n"
        "                              for u in range(T)], dtype=np.float32) / np.sqrt(d)\n"
        "                w = np.exp(s - s.max())\n"
        "                out[b, t, cols] = (w / w.sum()) @ V[b, :, cols]\n"
        "    return out @ Wo\n",
        True,
    ),
    # einsum with named axes, moveaxis for the split.
    Code(
        FIX,
        "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    d = C // n_heads\n"
        "    Qh, Kh, Vh = (np.moveaxis((X @ W).reshape(B, T, n_heads, d), 2, 1)\n"
        "                  for W in (Wq, Wk, Wv))\n"
        "    S = np.einsum('bhtd,bhsd->bhts', Qh, Kh) / d ** 0.5\n"
        "    S[..., np.triu_indices(T, 1)[0], np.triu_indices(T, 1)[1]] = -np.inf\n"
        "    A = np.exp(S - S.max(-1, keepdims=True))\n"
        "    A /= A.sum(-1, keepdims=True)\n"
        "    Y = np.einsum('bhts,bhsd->bthd', A, Vh).reshape(B, T, C)\n"
        "    return Y @ Wo\n",
        True,
    ),
    # Splitting the weights by columns per head, concatenating the heads.
    Code(
        FIX,
        _ATTEND + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    d = X.shape[-1] // n_heads\n"
        "    heads = [attend(X @ Wq[:, i*d:(i+1)*d], X @ Wk[:, i*d:(i+1)*d],\n"
        "                    X @ Wv[:, i*d:(i+1)*d], math.sqrt(d)) for i in range(n_heads)]\n"
        "    return np.concatenate(heads, axis=2) @ Wo\n",
        True,
    ),
    # The starter as given.
    Code(
        FIX,
        _SPLIT + _ATTEND + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = (split(X @ W, n_heads) for W in (Wq, Wk, Wv))\n"
        "    return attend(Qh, Kh, Vh, np.sqrt(C // n_heads)).reshape(B, T, C) @ Wo\n",
        False,
        "merge-reshape-only",
    ),
    # "Fixed" by making the split match the merge: reshapes both ways.
    Code(
        FIX,
        _ATTEND + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = ((X @ W).reshape(B, n_heads, T, C // n_heads) for W in (Wq, Wk, Wv))\n"
        "    return attend(Qh, Kh, Vh, np.sqrt(C // n_heads)).reshape(B, T, C) @ Wo\n",
        False,
        "reshape-both-ways",
    ),
    # Merge fixed, but scaled by the full width.
    Code(
        FIX,
        _SPLIT + _ATTEND + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = (split(X @ W, n_heads) for W in (Wq, Wk, Wv))\n"
        "    Yh = attend(Qh, Kh, Vh, np.sqrt(C))\n"
        "    return Yh.transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo\n",
        False,
        "scale-full-width",
    ),
    # Merge fixed, Wo forgotten.
    Code(
        FIX,
        _SPLIT + _ATTEND + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = (split(X @ W, n_heads) for W in (Wq, Wk, Wv))\n"
        "    Yh = attend(Qh, Kh, Vh, np.sqrt(C // n_heads))\n"
        "    return Yh.transpose(0, 2, 1, 3).reshape(B, T, C)\n",
        False,
        "no-output-projection",
    ),
    # Second reader: merge by concatenating the heads, boolean tril mask.
    Code(
        FIX,
        _SPLIT + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = (split(X @ W, n_heads) for W in (Wq, Wk, Wv))\n"
        "    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(C // n_heads)\n"
        "    S = np.where(np.tril(np.ones((T, T))) == 0, -np.inf, S)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    Yh = A / A.sum(axis=-1, keepdims=True) @ Vh\n"
        "    return np.concatenate([Yh[:, i] for i in range(n_heads)], axis=-1) @ Wo\n",
        True,
    ),
    # Second reader: Wo applied per head with einsum, no merge at all.
    Code(
        FIX,
        _SPLIT + _ATTEND + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    d = C // n_heads\n"
        "    Yh = attend(*(split(X @ W, n_heads) for W in (Wq, Wk, Wv)), np.sqrt(d))\n"
        "    return np.einsum('bhtd,hdc->btc', Yh, Wo.reshape(n_heads, d, C))\n",
        True,
    ),
    # Second reader: the mask as a product with tril after exp, renormalised (correct).
    Code(
        FIX,
        _SPLIT + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = (split(X @ W, n_heads) for W in (Wq, Wk, Wv))\n"
        "    S = Qh @ Kh.swapaxes(-1, -2) * (C // n_heads) ** -0.5\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True)) * np.tril(np.ones((T, T)))\n"
        "    Yh = E / E.sum(axis=-1, keepdims=True) @ Vh\n"
        "    return Yh.transpose(0, 2, 1, 3).reshape(B, T, -1) @ Wo\n",
        True,
    ),
    # Second reader: "fixed" with a reshape through (B, T, h, d): still a reshape alone.
    Code(
        FIX,
        _SPLIT + _ATTEND + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Yh = attend(*(split(X @ W, n_heads) for W in (Wq, Wk, Wv)), np.sqrt(C // n_heads))\n"
        "    return Yh.reshape(B, T, n_heads, C // n_heads).reshape(B, T, C) @ Wo\n",
        False,
        "merge-reshape-only",
    ),
    # Second reader: softmax over the query axis: no named mistake in this checkpoint.
    Code(
        FIX,
        _SPLIT + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = (split(X @ W, n_heads) for W in (Wq, Wk, Wv))\n"
        "    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(C // n_heads)\n"
        "    S = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), -np.inf, S)\n"
        "    A = np.exp(S - S.max(axis=-2, keepdims=True))\n"
        "    Yh = A / A.sum(axis=-2, keepdims=True) @ Vh\n"
        "    return Yh.transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo\n",
        False,
        None,
    ),
    # Second reader: inputs cast to float32, the result promoted back to float64 by the
    # float64 scalar np.sqrt(d): float32 rounding in a float64 answer.
    Code(
        FIX,
        "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    X, Wq, Wk, Wv = (a.astype(np.float32) for a in (X, Wq, Wk, Wv))\n"
        "    B, T, C = X.shape\n"
        "    d = C // n_heads\n"
        "    Qh, Kh, Vh = ((X @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3)\n"
        "                  for W in (Wq, Wk, Wv))\n"
        "    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(np.float64(d))\n"
        "    S = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), -np.inf, S)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    Yh = (A / A.sum(axis=-1, keepdims=True) @ Vh).astype(np.float32)\n"
        "    return Yh.transpose(0, 2, 1, 3).reshape(B, T, C).astype(np.float64) @ Wo\n",
        True,
    ),
    # Merge fixed, but the causal mask dropped: no named mistake.
    Code(
        FIX,
        _SPLIT + "def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):\n"
        "    B, T, C = X.shape\n"
        "    Qh, Kh, Vh = (split(X @ W, n_heads) for W in (Wq, Wk, Wv))\n"
        "    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(C // n_heads)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    Yh = A / A.sum(axis=-1, keepdims=True) @ Vh\n"
        "    return Yh.transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo\n",
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
