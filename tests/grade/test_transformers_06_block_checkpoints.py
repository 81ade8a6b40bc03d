"""The checkpoints of lesson 08-transformers/06 (tf.block) grade real submissions right.

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


COUNT = "tf.block.param-count"

TYPED = [
    Typed(COUNT, "3152384", True),
    Typed(COUNT, " 3152384.0 ", True),
    Typed(COUNT, "3.152384e6", True),
    Typed(COUNT, "3 152 384", True),
    Typed(COUNT, "3145728", False, "no-biases"),
    Typed(COUNT, "1577984", False, "mlp-width-c"),
    Typed(COUNT, "10506752", False, "weights-per-head"),
    Typed(COUNT, "3150336", False, "no-layernorm"),
    Typed(COUNT, "3153408", False, None, "not right"),
    # Second reader: the C x C and 4C x C count with the 4C of LayerNorm only (biases forgotten
    # in the dense layers) is 12C^2 + 4C: no named mistake.
    Typed(COUNT, "3147776", False, None, "not right"),
]

FIX = "tf.block.fix-residual"

_HELPERS = (
    "def layer_norm(x, eps=1e-5):\n"
    "    mu = x.mean(axis=-1, keepdims=True)\n"
    "    return (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps)\n"
    "def gelu(z):\n"
    "    return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))\n"
    "def mha(a, Wq, Wk, Wv, Wo, n_heads, causal=True):\n"
    "    B, T, C = a.shape\n"
    "    d = C // n_heads\n"
    "    Qh, Kh, Vh = ((a @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3)\n"
    "                  for W in (Wq, Wk, Wv))\n"
    "    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d)\n"
    "    if causal:\n"
    "        S = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), -np.inf, S)\n"
    "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
    "    A = A / A.sum(axis=-1, keepdims=True)\n"
    "    return (A @ Vh).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo\n"
)

CODE = [
    # The starter, fixed with new names for the normalised copies.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    a = layer_norm(x)\n"
        "    x = x + mha(a, Wq, Wk, Wv, Wo, n_heads)\n"
        "    m = layer_norm(x)\n"
        "    return x + gelu(m @ W1) @ W2\n",
        True,
    ),
    # Everything in float32, the update computed first and added with +=  on a copy.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x, Wq, Wk, Wv, Wo, W1, W2 = (np.asarray(v, dtype=np.float32)\n"
        "                                 for v in (x, Wq, Wk, Wv, Wo, W1, W2))\n"
        "    out = x.copy()\n"
        "    out += mha(layer_norm(out), Wq, Wk, Wv, Wo, n_heads)\n"
        "    out += gelu(layer_norm(out) @ W1) @ W2\n"
        "    return out\n",
        True,
    ),
    # Written from scratch: einsum attention per head, the MLP token by token.
    Code(
        FIX,
        "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    def ln(z):\n"
        "        c = z - z.mean(-1, keepdims=True)\n"
        "        return c / np.sqrt((c ** 2).mean(-1, keepdims=True) + 1e-5)\n"
        "    B, T, C = x.shape\n"
        "    d = C // n_heads\n"
        "    a = ln(x)\n"
        "    q, k, v = (np.einsum('btc,ce->bte', a, W).reshape(B, T, n_heads, d)\n"
        "               for W in (Wq, Wk, Wv))\n"
        "    s = np.einsum('bthd,bshd->bhts', q, k) / math.sqrt(d)\n"
        "    s[:, :, np.triu(np.ones((T, T), dtype=bool), 1)] = -np.inf\n"
        "    w = np.exp(s - s.max(-1, keepdims=True))\n"
        "    w /= w.sum(-1, keepdims=True)\n"
        "    x = x + np.einsum('bhts,bshd->bthd', w, v).reshape(B, T, C) @ Wo\n"
        "    m = ln(x)\n"
        "    out = x.copy()\n"
        "    for b in range(B):\n"
        "        for t in range(T):\n"
        "            z = m[b, t] @ W1\n"
        "            g = 0.5 * z * (1 + np.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)))\n"
        "            out[b, t] += g @ W2\n"
        "    return out\n",
        True,
    ),
    # The starter as given.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x = layer_norm(x)\n"
        "    x = x + mha(x, Wq, Wk, Wv, Wo, n_heads)\n"
        "    x = layer_norm(x)\n"
        "    x = x + gelu(x @ W1) @ W2\n"
        "    return x\n",
        False,
        "stream-normalised",
    ),
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x = layer_norm(x + mha(x, Wq, Wk, Wv, Wo, n_heads))\n"
        "    return layer_norm(x + gelu(x @ W1) @ W2)\n",
        False,
        "post-ln",
    ),
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    a = layer_norm(x)\n"
        "    return x + mha(a, Wq, Wk, Wv, Wo, n_heads) + gelu(a @ W1) @ W2\n",
        False,
        "parallel-sublayers",
    ),
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x = mha(layer_norm(x), Wq, Wk, Wv, Wo, n_heads)\n"
        "    return gelu(layer_norm(x) @ W1) @ W2\n",
        False,
        "no-residual",
    ),
    # Second reader: float32 inputs; the helpers' float64 constants promote the result back to
    # float64, carrying float32 rounding (about 1e-7) into it.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x = np.asarray(x, dtype=np.float32)\n"
        "    def ln(z):\n"
        "        c = z - z.mean(-1, keepdims=True)\n"
        "        return c / np.sqrt(z.std(-1, keepdims=True) ** 2 + 1e-5)\n"
        "    h1 = x + mha(ln(x), *(np.float32(W) for W in (Wq, Wk, Wv, Wo)), n_heads)\n"
        "    return h1 + gelu(ln(h1) @ W1.astype(np.float32)) @ W2.astype(np.float32)\n",
        True,
    ),
    # Second reader: a LayerNorm of its own with eps = 1e-6.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    def ln(z):\n"
        "        c = z - z.mean(-1, keepdims=True)\n"
        "        return c / np.sqrt(z.var(-1, keepdims=True) + 1e-6)\n"
        "    y = x + mha(ln(x), Wq, Wk, Wv, Wo, n_heads)\n"
        "    return y + gelu(ln(y) @ W1) @ W2\n",
        True,
    ),
    # Second reader: the MLP applied token by token in a loop.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x = x + mha(layer_norm(x), Wq, Wk, Wv, Wo, n_heads)\n"
        "    out = x.copy()\n"
        "    for b in range(x.shape[0]):\n"
        "        for t in range(x.shape[1]):\n"
        "            out[b, t] = x[b, t] + gelu(layer_norm(x[b, t]) @ W1) @ W2\n"
        "    return out\n",
        True,
    ),
    # Second reader: only the first line fixed.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x = x + mha(layer_norm(x), Wq, Wk, Wv, Wo, n_heads)\n"
        "    x = layer_norm(x)\n"
        "    x = x + gelu(x @ W1) @ W2\n"
        "    return x\n",
        False,
        "second-stream-normalised",
    ),
    # Second reader: x1, x2 as in the lesson's cell, but the MLP update added to the old x.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x1 = x + mha(layer_norm(x), Wq, Wk, Wv, Wo, n_heads)\n"
        "    x2 = x + gelu(layer_norm(x1) @ W1) @ W2\n"
        "    return x2\n",
        False,
        "attention-update-dropped",
    ),
    # Second reader: the second LayerNorm forgotten: no named mistake.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x = x + mha(layer_norm(x), Wq, Wk, Wv, Wo, n_heads)\n"
        "    return x + gelu(x @ W1) @ W2\n",
        False,
        None,
    ),
    # Residuals right, but the causal mask dropped: no named mistake.
    Code(
        FIX,
        _HELPERS + "def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):\n"
        "    x = x + mha(layer_norm(x), Wq, Wk, Wv, Wo, n_heads, causal=False)\n"
        "    return x + gelu(layer_norm(x) @ W1) @ W2\n",
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
