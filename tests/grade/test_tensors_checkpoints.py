"""The batches-and-tensors lessons' checkpoints, graded on unusual right answers and plausible
wrong ones (docs/reviewing-a-lesson.md, item 4): every right answer passes, and every wrong one
fails with feedback that names its mistake when the mistake is a known one."""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader

SEEDS = (0, 1, 2)

# (checkpoint, submission source) that must pass.
RIGHT = [
    pytest.param(
        "np.tensors.softmax-rows",
        "import math\nimport numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    out = np.zeros(Z.shape)\n"
        "    rows, res = Z.reshape(-1, Z.shape[-1]), out.reshape(-1, Z.shape[-1])\n"
        "    for i, row in enumerate(rows):\n"
        "        m = max(row)\n"
        "        e = [math.exp(v - m) for v in row]\n"
        "        total = math.fsum(e)\n"
        "        res[i] = [x / total for x in e]\n"
        "    return out\n",
        id="softmax-loop-over-rows-with-math-exp",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    Z = Z.astype(np.float32)\n"
        "    E = np.exp(Z - np.max(Z, axis=-1)[..., None])\n"
        "    return E / np.sum(E, axis=-1)[..., None]\n",
        id="softmax-float32-with-none-axis",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    m = Z.max(axis=-1, keepdims=True)\n"
        "    log_norm = m + np.log(np.exp(Z - m).sum(axis=-1, keepdims=True))\n"
        "    return np.exp(Z - log_norm)\n",
        id="softmax-through-its-own-log-sum-exp",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    return np.apply_along_axis(lambda r: np.exp(r - r.max()) / np.exp(r - r.max()).sum(),"
        " -1, Z)\n",
        id="softmax-apply-along-axis",
    ),
    pytest.param(
        "np.tensors.top-k",
        "def top_k(scores, k):\n"
        "    out = []\n"
        "    for row in scores:\n"
        "        pairs = sorted(enumerate(row), key=lambda p: p[1], reverse=True)\n"
        "        out.append([j for j, _ in pairs[:k]])\n"
        "    return out\n",
        id="top-k-sorted-pairs-as-lists",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\n"
        "def top_k(scores, k):\n"
        "    part = np.argpartition(-scores, k - 1, axis=-1)[:, :k]\n"
        "    vals = np.take_along_axis(scores, part, axis=-1)\n"
        "    order = np.argsort(-vals, axis=-1)\n"
        "    return np.take_along_axis(part, order, axis=-1).astype(np.int32)\n",
        id="top-k-argpartition-then-sort-int32",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\n"
        "def top_k(scores, k):\n"
        "    return np.flip(np.argsort(scores.astype(np.float32), axis=1), axis=1)[:, :k]\n",
        id="top-k-flip-of-float32-argsort",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        "    d = f // n_heads\n"
        "    return [[[[X[i, j, h * d + k] for k in range(d)] for j in range(t)]\n"
        "             for h in range(n_heads)] for i in range(b)]\n",
        id="split-heads-nested-lists",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "import numpy as np\n\n"
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        "    return np.swapaxes(X.astype(np.float32).reshape(b, t, n_heads, -1), 1, 2)\n",
        id="split-heads-swapaxes-float32",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "import numpy as np\n\n"
        "def split_heads(X, n_heads):\n"
        "    return np.stack(np.split(X, n_heads, axis=-1), axis=1)\n",
        id="split-heads-split-and-stack",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "import numpy as np\n\n"
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        '    return np.einsum("bthd->bhtd", X.reshape(b, t, n_heads, f // n_heads))\n',
        id="split-heads-einsum",
    ),
    # The reviewer's unusual right answers (docs/reviewing-a-lesson.md, item 4).
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    Zt = np.moveaxis(Z, -1, 0)\n"
        "    E = np.exp(Zt - Zt.max(axis=0))\n"
        "    return np.moveaxis(E / E.sum(axis=0), 0, -1)\n",
        id="softmax-classes-moved-to-axis-0",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    # p_i = 1 / sum_j exp(z_j - z_i): only differences, no max needed\n"
        "    return 1.0 / np.exp(Z[..., None, :] - Z[..., :, None]).sum(axis=-1)\n",
        id="softmax-from-pairwise-differences",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import math\n\n"
        "def softmax_rows(Z):\n"
        "    if Z.ndim > 2:\n"
        "        return [softmax_rows(z) for z in Z]\n"
        "    out = []\n"
        "    for row in Z.tolist():\n"
        "        m = max(row)\n"
        "        e = [math.exp(v - m) for v in row]\n"
        "        out.append([v / sum(e) for v in e])\n"
        "    return out\n",
        id="softmax-recursive-nested-lists",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    Z -= Z.max(axis=-1, keepdims=True)\n"
        "    np.exp(Z, out=Z)\n"
        "    Z /= Z.sum(axis=-1, keepdims=True)\n"
        "    return Z.astype(np.float32)\n",
        id="softmax-in-place-on-its-argument-float32",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\n"
        "def top_k(scores, k):\n"
        "    return np.argsort(scores, axis=-1)[:, :-k - 1:-1]\n",
        id="top-k-negative-step-slice",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import heapq\nimport numpy as np\n\n"
        "def top_k(scores, k):\n"
        "    return np.array([[j for _, j in heapq.nlargest(k, zip(row, range(len(row))))]\n"
        "                     for row in scores])\n",
        id="top-k-heapq-nlargest",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\n"
        "def top_k(scores, k):\n"
        "    s = scores.astype(np.float32)\n"
        "    rows, picks = np.arange(len(s)), []\n"
        "    for _ in range(k):\n"
        "        j = s.argmax(axis=1)\n"
        "        picks.append(j)\n"
        "        s[rows, j] = -np.inf\n"
        "    return np.stack(picks, axis=1).astype(np.uint16)\n",
        id="top-k-repeated-argmax-float32-uint16",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        "    per_feature = X.transpose(0, 2, 1).reshape(b, n_heads, f // n_heads, t)\n"
        "    return per_feature.transpose(0, 1, 3, 2)\n",
        id="split-heads-features-first-then-swap",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "import numpy as np\n\n"
        "def split_heads(X, n_heads):\n"
        "    return np.array(np.array_split(X, n_heads, axis=2)).swapaxes(0, 1)\n",
        id="split-heads-array-split-swapaxes",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "import numpy as np\n\n"
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        "    d = f // n_heads\n"
        "    out = np.empty((b, n_heads, t, d), dtype=np.float32)\n"
        "    for i in range(b):\n"
        "        for h in range(n_heads):\n"
        "            for j in range(t):\n"
        "                for k in range(d):\n"
        "                    out[i, h, j, k] = X[i, j, h * d + k]\n"
        "    return out\n",
        id="split-heads-four-loops-float32",
    ),
]

# (checkpoint, submission source, the misconception it must be named as, or None for one the
# grader explains without naming).
WRONG = [
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    E = np.exp(Z - Z.max(axis=0))\n"
        "    return E / E.sum(axis=0)\n",
        "wrong-axis",
        id="softmax-axis-0-without-keepdims",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    E = np.exp(Z - np.max(Z))\n"
        "    return E / np.sum(E, axis=-1, keepdims=True)\n",
        "one-max-for-the-batch",
        id="softmax-one-max",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    E = np.exp(Z)\n"
        "    return E / E.sum(axis=-1, keepdims=True)\n",
        "no-max-shift",
        id="softmax-no-shift",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    E = np.exp(Z - Z.max(axis=-1, keepdims=True))\n"
        "    return E / E.sum(axis=-1)\n",
        None,
        id="softmax-no-keepdims-raises",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\ndef top_k(scores, k):\n    return np.argsort(scores)[::-1][:k]\n",
        "reversed-the-rows",
        id="top-k-1d-habit-on-a-batch",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\ndef top_k(scores, k):\n    return np.argsort(scores)[:, :k]\n",
        "smallest-k",
        id="top-k-smallest",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\n"
        "def top_k(scores, k):\n"
        "    return np.argsort(scores, axis=1)[:, len(scores[0]) - k:]\n",
        "largest-last",
        id="top-k-largest-in-increasing-order",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "import numpy as np\n\n"
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        "    return np.reshape(X, (b, n_heads, t, f // n_heads))\n",
        "reshape-not-transpose",
        id="split-heads-reshape-only",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        "    return X.reshape(b, t, n_heads, f // n_heads).T\n",
        "dot-t-on-a-tensor",
        id="split-heads-dot-t",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        "    return X.reshape(b, t, n_heads, f // n_heads).transpose(0, 2, 3, 1)\n",
        None,
        id="split-heads-wrong-permutation",
    ),
    # The reviewer's plausible wrong answers.
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    E = np.exp(Z - Z.max(axis=-1, keepdims=True))\n"
        "    return E / np.exp(Z).sum(axis=-1, keepdims=True)\n",
        None,
        id="softmax-shifted-top-raw-bottom",
    ),
    pytest.param(
        "np.tensors.softmax-rows",
        "import numpy as np\n\n"
        "def softmax_rows(Z):\n"
        "    E = np.exp(Z - Z.max(axis=-1)[:, None])\n"
        "    return E / E.sum(axis=-1)[:, None]\n",
        None,
        id="softmax-2d-habit-raises-on-3d",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\n"
        "def top_k(scores, k):\n    return np.argsort(-scores, axis=-1)[:k]\n",
        None,
        id="top-k-rows-cut-instead-of-columns",
    ),
    pytest.param(
        "np.tensors.top-k",
        "import numpy as np\n\n"
        "def top_k(scores, k):\n"
        "    return np.argpartition(-scores, k, axis=-1)[:, :k]\n",
        None,
        id="top-k-argpartition-unordered",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "def split_heads(X, n_heads):\n"
        "    b, t, f = X.shape\n"
        "    d = f // n_heads\n"
        "    return X.reshape(b * t, n_heads, d).transpose(1, 0, 2).reshape(b, n_heads, t, d)\n",
        None,
        id="split-heads-batch-and-tokens-merged",
    ),
    pytest.param(
        "la.batched-matmul.split-heads",
        "import numpy as np\n\n"
        "def split_heads(X, n_heads):\n"
        "    return np.stack(np.split(X, n_heads, axis=-1))\n",
        None,
        id="split-heads-stack-without-axis",
    ),
]

PREDICT = "la.batched-matmul.predict-shapes"


@pytest.mark.parametrize(("checkpoint_id", "source"), RIGHT)
def test_an_unusual_right_answer_passes(grader: Grader, checkpoint_id: str, source: str) -> None:
    feedback = grader.check_source(checkpoint_id, source, seeds=SEEDS)
    assert feedback.passed, feedback.message


@pytest.mark.parametrize(("checkpoint_id", "source", "misconception"), WRONG)
def test_a_plausible_wrong_answer_fails_and_is_named(
    grader: Grader, checkpoint_id: str, source: str, misconception: str | None
) -> None:
    feedback = grader.check_source(checkpoint_id, source, seeds=SEEDS)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.message


def test_an_unordered_top_k_is_told_the_rule_on_every_cpu(grader: Grader) -> None:
    """np.argpartition's picks come out sorted on small rows with NumPy's AVX-512 code and
    unsorted elsewhere; the (3, 400, 300) case fails them everywhere, with the rule named."""
    source = (
        "import numpy as np\n\n"
        "def top_k(scores, k):\n    return np.argpartition(-scores, k, axis=-1)[:, :k]\n"
    )
    feedback = grader.check_source("np.tensors.top-k", source, seeds=SEEDS)
    assert not feedback.passed
    assert "from the largest score down" in feedback.message


def test_a_ready_made_softmax_is_refused_even_when_right(grader: Grader) -> None:
    source = (
        "from scipy.special import softmax\n\ndef softmax_rows(Z):\n    return softmax(Z, -1)\n"
    )
    feedback = grader.check_source("np.tensors.softmax-rows", source)
    assert not feedback.passed and "your results are right" in feedback.message.lower()


@pytest.mark.parametrize(
    "answer",
    [
        "(2, 5, 5)\n(4, 5, 2)",
        "\n(2, 5, 5)\n(4, 5, 2)\n",
        "(2, 5, 5)  \n(4, 5, 2)\n\n",
        "(2, 5, 5)\r\n(4, 5, 2)\r\n",
        "   (2, 5, 5)\n(4, 5, 2)",
        "(2, 5, 5)\t\n(4, 5, 2)\t",
    ],
)
def test_the_shapes_prediction_passes_however_it_is_framed(grader: Grader, answer: str) -> None:
    assert grader.check_text(PREDICT, answer).passed


@pytest.mark.parametrize(
    ("answer", "misconception"),
    [
        ("(2, 5, 5)\n(2, 4, 5)", "dot-t-swaps-last-two"),
        ("(5, 5)\n(4, 5, 2)", "batch-dropped"),
        ("(2, 4, 4)\n(4, 5, 2)", "feature-by-feature"),
        ("(2, 5, 4)\n(4, 5, 2)", None),
        ("(2, 5, 5)\n(5, 4, 2)", None),
        ("(2, 4, 4)\n(2, 4, 5)", None),
    ],
)
def test_a_wrong_shapes_prediction_is_named(
    grader: Grader, answer: str, misconception: str | None
) -> None:
    feedback = grader.check_text(PREDICT, answer)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.message
