"""The checkpoints of lesson 08-transformers/09 (tf.cost) grade real submissions
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


KV_SIZE = "tf.cost.kv-size"  # 2 x 24 x 8192 x 2048 x 2 bytes = 1.6106 GB
STEP_WORK = "tf.cost.step-work"

TYPED = [
    Typed(KV_SIZE, "1.61", True),
    Typed(KV_SIZE, "1.6106", True),
    Typed(KV_SIZE, "1.611", True),
    Typed(KV_SIZE, "0.805", False, "keys-only"),
    Typed(KV_SIZE, "3.22", False, "float32"),
    Typed(KV_SIZE, "0.067", False, "one-layer"),
    Typed(KV_SIZE, "1.5", False, "gibibytes"),
    Typed(KV_SIZE, "1610.6", False, None),
    Typed(STEP_WORK, "b", True),
    Typed(STEP_WORK, "B)", True),
    Typed(STEP_WORK, "it grows in proportion to t", True),
    Typed(STEP_WORK, "a", False, "cache-makes-it-constant"),
    Typed(STEP_WORK, "c", False, "quadratic-per-step"),
    Typed(STEP_WORK, "d", False, "cubic"),
    # The second reader's.
    Typed(KV_SIZE, "1.610612736", True),
    Typed(KV_SIZE, "1.6", False, None),  # 2 decimals asked for
    Typed(STEP_WORK, "It grows in proportion to t", True),
]

CACHED = "tf.cost.cached-attention"

CODE = [
    # The lesson's loop, with a stable softmax written inline.
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    d = W_Q.shape[1]\n"
        "    K_cache, V_cache, outputs = [], [], []\n"
        "    for x in X:\n"
        "        q, k, v = x @ W_Q, x @ W_K, x @ W_V\n"
        "        K_cache.append(k)\n"
        "        V_cache.append(v)\n"
        "        s = q @ np.array(K_cache).T / np.sqrt(d)\n"
        "        w = np.exp(s - s.max())\n"
        "        outputs.append(w / w.sum() @ np.array(V_cache))\n"
        "    return np.array(outputs)\n",
        True,
    ),
    # No cache at all: the full causal attention with a mask, in float32.
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    X, W_Q, W_K, W_V = (a.astype(np.float32) for a in (X, W_Q, W_K, W_V))\n"
        "    n, d = len(X), W_Q.shape[1]\n"
        "    S = (X @ W_Q) @ (X @ W_K).T / np.float32(np.sqrt(d))\n"
        "    S[np.triu_indices(n, 1)] = -np.inf\n"
        "    E = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1, keepdims=True) @ (X @ W_V)\n",
        True,
    ),
    # Preallocated cache arrays filled row by row, scores with einsum.
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    n, d = len(X), W_Q.shape[1]\n"
        "    K = np.empty((n, d))\n"
        "    V = np.empty((n, d))\n"
        "    out = np.empty((n, d))\n"
        "    for t in range(n):\n"
        "        K[t], V[t] = X[t] @ W_K, X[t] @ W_V\n"
        "        s = np.einsum('j,tj->t', X[t] @ W_Q, K[:t + 1]) / d ** 0.5\n"
        "        w = np.exp(s - s.max())\n"
        "        out[t] = (w / w.sum()) @ V[:t + 1]\n"
        "    return out\n",
        True,
    ),
    # PyTorch's scaled_dot_product_attention with is_causal.
    Code(
        CACHED,
        "import torch\n"
        "import torch.nn.functional as F\n"
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    X, W_Q, W_K, W_V = (torch.tensor(a) for a in (X, W_Q, W_K, W_V))\n"
        "    return F.scaled_dot_product_attention(X @ W_Q, X @ W_K, X @ W_V, is_causal=True)\n",
        True,
    ),
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    d = W_Q.shape[1]\n"
        "    K_cache, V_cache, outputs = [], [], []\n"
        "    for x in X:\n"
        "        q = x @ W_Q\n"
        "        if K_cache:\n"
        "            s = q @ np.array(K_cache).T / np.sqrt(d)\n"
        "            w = np.exp(s - s.max())\n"
        "            outputs.append(w / w.sum() @ np.array(V_cache))\n"
        "        else:\n"
        "            outputs.append(np.zeros(d))\n"
        "        K_cache.append(x @ W_K)\n"
        "        V_cache.append(x @ W_V)\n"
        "    return np.array(outputs)\n",
        False,
        "attend-before-append",
    ),
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    K_cache, V_cache, outputs = [], [], []\n"
        "    for x in X:\n"
        "        K_cache.append(x @ W_K)\n"
        "        V_cache.append(x @ W_V)\n"
        "        s = (x @ W_Q) @ np.array(K_cache).T\n"
        "        w = np.exp(s - s.max())\n"
        "        outputs.append(w / w.sum() @ np.array(V_cache))\n"
        "    return np.array(outputs)\n",
        False,
        "no-scale",
    ),
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    S = (X @ W_Q) @ (X @ W_K).T / np.sqrt(W_Q.shape[1])\n"
        "    E = np.exp(S - S.max(axis=1, keepdims=True))\n"
        "    return E / E.sum(axis=1, keepdims=True) @ (X @ W_V)\n",
        False,
        "sees-the-future",
    ),
    # Multiplied by sqrt(d) instead of dividing: no named mistake.
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    d = W_Q.shape[1]\n"
        "    K_cache, V_cache, outputs = [], [], []\n"
        "    for x in X:\n"
        "        K_cache.append(x @ W_K)\n"
        "        V_cache.append(x @ W_V)\n"
        "        s = (x @ W_Q) @ np.array(K_cache).T * np.sqrt(d)\n"
        "        w = np.exp(s - s.max())\n"
        "        outputs.append(w / w.sum() @ np.array(V_cache))\n"
        "    return np.array(outputs)\n",
        False,
        None,
    ),
    # The second reader's: float32 inputs, a float64 scalar sqrt promotes the result back to
    # float64 with float32's rounding (failed before the checkpoint's tolerance was widened).
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    X, W_Q, W_K, W_V = (a.astype(np.float32) for a in (X, W_Q, W_K, W_V))\n"
        "    d = W_Q.shape[1]\n"
        "    K_cache, V_cache, outputs = [], [], []\n"
        "    for x in X:\n"
        "        K_cache.append(x @ W_K)\n"
        "        V_cache.append(x @ W_V)\n"
        "        s = (x @ W_Q) @ np.array(K_cache).T / np.sqrt(d)\n"
        "        w = np.exp(s - s.max())\n"
        "        outputs.append(w / w.sum() @ np.array(V_cache))\n"
        "    return np.array(outputs)\n",
        True,
    ),
    # np.vstack growing arrays and scipy's softmax.
    Code(
        CACHED,
        "from scipy.special import softmax\n"
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    d = W_Q.shape[1]\n"
        "    K, V, out = np.empty((0, d)), np.empty((0, d)), []\n"
        "    for x in X:\n"
        "        K, V = np.vstack([K, x @ W_K]), np.vstack([V, x @ W_V])\n"
        "        out.append(softmax((x @ W_Q) @ K.T / d**0.5) @ V)\n"
        "    return np.array(out)\n",
        True,
    ),
    # Pure Python lists and loops, no NumPy products.
    Code(
        CACHED,
        "import math\n"
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    d = W_Q.shape[1]\n"
        "    def proj(x, W):\n"
        "        return [sum(x[i] * W[i][j] for i in range(len(x))) for j in range(d)]\n"
        "    Kc, Vc, outs = [], [], []\n"
        "    for x in X:\n"
        "        q = proj(x, W_Q)\n"
        "        Kc.append(proj(x, W_K))\n"
        "        Vc.append(proj(x, W_V))\n"
        "        s = [sum(a * b for a, b in zip(q, k)) / math.sqrt(d) for k in Kc]\n"
        "        e = [math.exp(v - max(s)) for v in s]\n"
        "        outs.append([sum(e[t] / sum(e) * Vc[t][j] for t in range(len(Kc))) "
        "for j in range(d)])\n"
        "    return np.array(outs)\n",
        True,
    ),
    # sqrt of the embedding width C (equal to d in the lesson).
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    C = W_Q.shape[0]\n"
        "    K_cache, V_cache, outputs = [], [], []\n"
        "    for x in X:\n"
        "        K_cache.append(x @ W_K)\n"
        "        V_cache.append(x @ W_V)\n"
        "        s = (x @ W_Q) @ np.array(K_cache).T / np.sqrt(C)\n"
        "        w = np.exp(s - s.max())\n"
        "        outputs.append(w / w.sum() @ np.array(V_cache))\n"
        "    return np.array(outputs)\n",
        False,
        "scaled-by-C",
    ),
    # Returned only the last token's output.
    Code(
        CACHED,
        "def cached_attention(X, W_Q, W_K, W_V):\n"
        "    d = W_Q.shape[1]\n"
        "    K_cache, V_cache = [], []\n"
        "    for x in X:\n"
        "        K_cache.append(x @ W_K)\n"
        "        V_cache.append(x @ W_V)\n"
        "        s = (x @ W_Q) @ np.array(K_cache).T / np.sqrt(d)\n"
        "        w = np.exp(s - s.max())\n"
        "        out = w / w.sum() @ np.array(V_cache)\n"
        "    return out\n",
        False,
        None,
        "wrong shape",
    ),
    Code(KV_SIZE, "import math\nanswer = math.prod([2, 24, 8192, 2048, 2]) / 1e9\n", True),
    Code(KV_SIZE, "answer = 2 * 24 * 8192 * 2048 * 2 / 1024**3\n", False, "gibibytes"),
    Code(STEP_WORK, "answer = 'B'\n", True),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
