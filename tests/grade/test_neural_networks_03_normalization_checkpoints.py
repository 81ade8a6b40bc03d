"""The checkpoints of lesson 07-neural-networks/03 (nn.normalization) grade real submissions
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


DIGIT = "nn.normalization.digit-max"
AXIS = "nn.normalization.which-axis"

TYPED = [
    Typed(DIGIT, "2.008", True),
    Typed(DIGIT, "2.0077", True),
    Typed(DIGIT, "2.00766369", True),
    # eps added to the standard deviation: the same to these digits.
    Typed(DIGIT, " 2.00766 ", True),
    Typed(DIGIT, "1.906", False, "batch-axis"),
    Typed(DIGIT, "1.992", False, "sample-variance"),
    Typed(DIGIT, "2.894", False, "not-centred"),
    Typed(DIGIT, "2.1", False, None),
    Typed(AXIS, "a", True),
    Typed(AXIS, "A.", True),
    Typed(AXIS, "the C features of one token: one mean for each sequence and token", True),
    Typed(AXIS, "b", False, "batch-axis"),
    Typed(AXIS, "c", False, "token-axis"),
    Typed(AXIS, "d", False, "whole-sequence"),
]

NORM = "nn.normalization.layer-norm"

CODE = [
    # A loop over every row of features, whatever the axes in front.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    out = np.empty_like(X)\n"
        "    for index in np.ndindex(X.shape[:-1]):\n"
        "        row = X[index]\n"
        "        mu = sum(row) / len(row)\n"
        "        var = sum((v - mu) ** 2 for v in row) / len(row)\n"
        "        out[index] = gamma * (row - mu) / (var + eps) ** 0.5 + beta\n"
        "    return out\n",
        True,
    ),
    # The variance as the mean square minus the squared mean, with np.mean.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    mu = np.mean(X, axis=X.ndim - 1, keepdims=True)\n"
        "    var = np.mean((X - mu) ** 2, axis=-1)[..., None]\n"
        "    return (X - mu) / np.sqrt(var + eps) * gamma + beta\n",
        True,
    ),
    # In float32.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    X = X.astype(np.float32)\n"
        "    mu = X.mean(-1, keepdims=True)\n"
        "    var = X.var(-1, keepdims=True)\n"
        "    return gamma.astype(np.float32) * (X - mu) / np.sqrt(var + np.float32(eps)) "
        "+ beta.astype(np.float32)\n",
        True,
    ),
    # The square root with eps taken first, then one expression.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    std = np.sqrt(X.var(axis=-1, keepdims=True) + eps)\n"
        "    return gamma * (X - X.mean(axis=-1, keepdims=True)) / std + beta\n",
        True,
    ),
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    mu, var = X.mean(axis=0), X.var(axis=0)\n"
        "    return gamma * (X - mu) / np.sqrt(var + eps) + beta\n",
        False,
        "batch-axis",
    ),
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    mu = X.mean(axis=1, keepdims=True)\n"
        "    return gamma * (X - mu) / np.sqrt(X.var(axis=1, keepdims=True) + eps) + beta\n",
        False,
        "axis-1",
    ),
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    mu = X.mean(axis=-1, keepdims=True)\n"
        "    return gamma * (X - mu) / (X.std(axis=-1, keepdims=True) + eps) + beta\n",
        False,
        "eps-outside-sqrt",
    ),
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    mu = X.mean(axis=-1, keepdims=True)\n"
        "    return (X - mu) / np.sqrt(X.var(axis=-1, keepdims=True) + eps)\n",
        False,
        "no-gain-bias",
    ),
    # The mean subtracted but no division at all.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    return gamma * (X - X.mean(axis=-1, keepdims=True)) + beta\n",
        False,
        None,
    ),
    # Second reader: np.apply_along_axis on a per-row function.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    def one(row):\n"
        "        return (row - row.mean()) / np.sqrt(row.var() + eps)\n"
        "    return np.apply_along_axis(one, -1, X) * gamma + beta\n",
        True,
    ),
    # np.average and np.std, reshaped by hand instead of keepdims.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    shape = X.shape[:-1] + (1,)\n"
        "    mu = np.average(X, axis=-1).reshape(shape)\n"
        "    sd = np.sqrt(np.std(X, axis=-1) ** 2 + eps).reshape(shape)\n"
        "    return np.multiply(gamma, (X - mu) / sd) + beta\n",
        True,
    ),
    # Rows flattened to 2 axes; the mean by a product, the variance by einsum.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    d = X.shape[-1]\n"
        "    flat = X.reshape(-1, d)\n"
        "    centred = flat - flat @ np.full((d, d), 1 / d)\n"
        "    var = np.einsum('ij,ij->i', centred, centred)[:, None] / d\n"
        "    return (gamma * centred / np.sqrt(var + eps) + beta).reshape(X.shape)\n",
        True,
    ),
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    mu = X.mean(axis=-1, keepdims=True)\n"
        "    return gamma * (X - mu) / X.std(axis=-1, keepdims=True) + beta\n",
        False,
        "no-eps",
    ),
    # No axis at all.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    return gamma * (X - X.mean()) / np.sqrt(X.var() + eps) + beta\n",
        False,
        "whole-array",
    ),
    # gamma and beta applied before the division.
    Code(
        NORM,
        "def layer_norm(X, gamma, beta, eps=1e-5):\n"
        "    mu = X.mean(axis=-1, keepdims=True)\n"
        "    return (gamma * (X - mu) + beta) / np.sqrt(X.var(axis=-1, keepdims=True) + eps)\n",
        False,
        None,
    ),
    # digit-max computed in code.
    Code(
        DIGIT,
        "from sklearn.datasets import load_digits\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "x = load_digits().data[0]\n"
        "answer = StandardScaler().fit_transform(x.reshape(-1, 1)).max()\n",
        True,
    ),
    # Pixels scaled to 0..1 as module 6 did, in float32: LayerNorm ignores the scale.
    Code(
        DIGIT,
        "from sklearn.datasets import load_digits\n"
        "x = np.float32(load_digits().data[0] / 16)\n"
        "answer = max((x - x.mean()) / np.sqrt(x.var() + np.float32(1e-5)))\n",
        True,
    ),
    Code(
        DIGIT,
        "import statistics as st\n"
        "from sklearn.datasets import load_digits\n"
        "x = list(load_digits().data[0])\n"
        "answer = (max(x) - st.fmean(x)) / (st.pvariance(x) + 1e-5) ** 0.5\n",
        True,
    ),
    Code(
        DIGIT,
        "from sklearn.datasets import load_digits\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "answer = StandardScaler().fit_transform(load_digits().data)[0].max()\n",
        False,
        "batch-axis",
    ),
    # The position of the largest value, not the value.
    Code(
        DIGIT,
        "from sklearn.datasets import load_digits\n"
        "x = load_digits().data[0]\n"
        "answer = ((x - x.mean()) / np.sqrt(x.var() + 1e-5)).argmax()\n",
        False,
        None,
    ),
    Code(AXIS, "answer = 'a'\n", True),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
