"""Module 1's checkpoints grade a second reader's submissions right (docs/reviewing-a-lesson.md,
section 4).

For every checkpoint of module 1 (NumPy and data), the reviewer's own three unusual correct
submissions and two plausible wrong ones, different from the author's in
tests/grade/test_course_checkpoints.py, each with the verdict it must get: passed, or failed
naming the misconception (None: failed with no misconception named), and, where the feedback
makes a claim, a phrase it must contain.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    """An answer typed into the form (numeric, choice and predict checkpoints)."""

    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""  # a phrase the feedback must contain


@dataclass(frozen=True)
class Code:
    """A file handed in as source code, run in the sandbox."""

    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]!r}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


# --- np.arrays (01-arrays) --------------------------------------------------------------------

ARRAYS_TYPED = [
    # predict-shapes prints "2\n(3,)\n(4,)".
    Typed("np.arrays.predict-shapes", "2  \r\n(3,) \r\n(4,)\r\n", True),  # pasted from Windows
    Typed("np.arrays.predict-shapes", "\n\n2\n(3,)\n(4,)\n\n", True),
    Typed("np.arrays.predict-shapes", "12\n(3,)\n(4,)", False, "ndim-is-size", "X.size"),
    Typed("np.arrays.predict-shapes", "(4, 3)\n(3,)\n(4,)", False, None, "Line 1"),  # the shape
    # wine-entry: X[7, 9] = 5.05, to 2 decimals.
    Typed("np.arrays.wine-entry", "+5.05", True),
    Typed("np.arrays.wine-entry", "5.05e0", True),
    Typed("np.arrays.wine-entry", "5.25", False, None, "not right"),  # row counted from 1
    Typed("np.arrays.wine-entry", "1.25", False, None, "not right"),  # column counted from 1
]

ARRAYS_CODE = [
    Code(
        "np.arrays.wine-entry",
        "from sklearn.datasets import load_wine\n\nanswer = load_wine().data.T[9][7]\n",
        True,
    ),
    Code(
        "np.arrays.predict-shapes", 'answer = "\\n".join(str(v) for v in [2, (3,), (4,)])\n', True
    ),
    Code(
        "np.arrays.flat-to-image",
        "def to_image(row):\n    return (row / 16).astype(np.float32).reshape(8, 8)\n",
        True,
    ),
    Code(
        "np.arrays.flat-to-image",
        "def to_image(row):\n"
        "    img = np.zeros((8, 8))\n"
        "    for r in range(8):\n"
        "        for c in range(8):\n"
        "            img[r, c] = row[8 * r + c] / 16\n"
        "    return img\n",
        True,
    ),
    Code(
        "np.arrays.flat-to-image",
        "def to_image(row):\n"
        "    return np.array([row[8 * r : 8 * r + 8] for r in range(8)]) * 0.0625\n",
        True,
    ),
    Code(
        "np.arrays.flat-to-image",
        "def to_image(row):\n"
        '    return np.divide(row, 16, dtype=np.float64).reshape((8, -1), order="C")\n',
        True,
    ),
    # Floor division gives the integer buffer's result; the feedback must not talk of a buffer
    # only (it did: "A buffer with row's dtype ...").
    Code(
        "np.arrays.flat-to-image",
        "def to_image(row):\n    return row.reshape(8, 8) // 16\n",
        False,
        "float-into-int-array",
        "13 // 16 is 0",
    ),
    Code(
        "np.arrays.flat-to-image",
        "def to_image(row):\n    return row.reshape(8, 8) / 255\n",  # the usual 8-bit scale
        False,
        None,
        "0.0627451 times the expected one",
    ),
    Code(
        "np.arrays.flat-to-image",
        'def to_image(row):\n    return row.reshape(8, 8, order="F") / 16\n',
        False,
        "filled-column-by-column",
        'order="F"',
    ),
]

# --- np.vectorization (02-vectorization) ------------------------------------------------------

VECTORIZATION_TYPED = [
    # wine-mean: magnesium over cultivar 0, X[:59].mean(axis=0)[4] = 106.339, to 2 decimals.
    Typed("np.vectorization.wine-mean", "106.339", True),
    Typed("np.vectorization.wine-mean", " +106.34\n", True),
    Typed("np.vectorization.wine-mean", "1.0634E+02", True),
    Typed("np.vectorization.wine-mean", "6274", False, "sum-not-mean", "divide"),
    Typed("np.vectorization.wine-mean", "104.0", False, None, "not right"),  # the median
    Typed("np.vectorization.wine-mean", "105.68", False, None, "not right"),  # X[1:60]
    # predict-shapes prints "(3,)\n(5, 1)\n()".
    Typed("np.vectorization.predict-shapes", "(3,)\r\n(5, 1)\r\n()", True),
    Typed("np.vectorization.predict-shapes", "(3,)   \n(5, 1)\n()\n\n", True),
    Typed("np.vectorization.predict-shapes", "(3,)\n(5,)\n()", False, "keepdims-ignored"),
    Typed("np.vectorization.predict-shapes", "(3,)\n(5, 1)\n(1,)", False, "scalar-has-length-one"),
    Typed("np.vectorization.predict-shapes", "(1, 3)\n(5, 1)\n()", False, None, "Line 1"),
]

VECTORIZATION_CODE = [
    Code(
        "np.vectorization.wine-mean",
        "from sklearn.datasets import load_wine\n\n"
        "wine = load_wine()\n"
        "answer = wine.data[wine.target == 0, 4].mean()  # by label, not by row numbers\n",
        True,
    ),
    Code(
        "np.vectorization.predict-shapes",
        'answer = "\\n".join(str(s) for s in [(3,), (5, 1), ()])\n',
        True,
    ),
    Code(
        "np.vectorization.feature-range",
        "def feature_range(X):\n    S = np.sort(X, axis=0)\n    return S[-1] - S[0]\n",
        True,
    ),
    Code(
        "np.vectorization.feature-range",
        "def feature_range(X):\n    return np.max(X.T, axis=1) - np.min(X.T, axis=1)\n",
        True,
    ),
    Code(
        "np.vectorization.feature-range",
        "def feature_range(X):\n"
        "    hi, lo = X[0].copy(), X[0].copy()\n"
        "    for row in X[1:]:\n"
        "        hi, lo = np.maximum(hi, row), np.minimum(lo, row)\n"
        "    return hi - lo\n",
        True,
    ),
    Code(
        "np.vectorization.feature-range",
        "def feature_range(X):\n    return np.subtract(*np.percentile(X, [100, 0], axis=0))\n",
        True,
    ),
    Code(
        "np.vectorization.feature-range",
        "def feature_range(X):\n    return X.max(axis=0) - X.min()\n",  # one axis= forgotten
        False,
        None,
        "expected 3, got 4",
    ),
    Code(
        "np.vectorization.feature-range",
        "def feature_range(X):\n    return X[-1] - X[0]\n",  # as if the rows were sorted
        False,
        None,
        "expected 1.21, got 0.14",
    ),
]

# --- np.broadcasting (03-broadcasting) --------------------------------------------------------

BROADCASTING_TYPED = [
    # row-mean: X - X.mean(axis=1) with X (150, 4) raises a ValueError (option d).
    Typed("np.broadcasting.row-mean", "D", True),
    Typed("np.broadcasting.row-mean", "d.", True),
    Typed("np.broadcasting.row-mean", "(150, 4)", False, "matched-to-rows", "from the right"),
    Typed("np.broadcasting.row-mean", "c", False, None, "'(4,)', which is not right"),
]

BROADCASTING_CODE = [
    Code("np.broadcasting.row-mean", 'answer = "d"\n', True),
    Code(
        "np.broadcasting.mse",
        "def mse(y_hat, y):\n    return np.mean(np.square(np.subtract(y_hat.T, y)))\n",
        True,
    ),
    Code(
        "np.broadcasting.mse",
        "def mse(y_hat, y):\n    return ((y_hat.squeeze() - y) ** 2).sum() / len(y)\n",
        True,
    ),
    Code(
        "np.broadcasting.mse",
        "def mse(y_hat, y):\n    return sum((a[0] - b) ** 2 for a, b in zip(y_hat, y)) / len(y)\n",
        True,
    ),
    Code(
        "np.broadcasting.mse",
        "def mse(y_hat, y):\n    return np.mean((y_hat.squeeze() - y) ** 2, dtype=np.float32)\n",
        True,
    ),
    Code(
        "np.broadcasting.mse",
        "def mse(y_hat, y):\n    return np.sqrt(np.mean((y_hat[:, 0] - y) ** 2))\n",  # the RMSE
        False,
        None,
        "the square root of the expected value",
    ),
    Code(
        "np.broadcasting.mse",
        "def mse(y_hat, y):\n    return np.mean((y_hat - y.reshape(1, -1)) ** 2)\n",  # still (n, n)
        False,
        "column-broadcast",
    ),
]

# --- np.randomness (04-randomness) ------------------------------------------------------------

RANDOMNESS_TYPED = [
    # same-seed prints "True\nTrue\nFalse".
    Typed("np.randomness.same-seed", "True \r\nTrue\r\nFalse\r\n", True),
    Typed("np.randomness.same-seed", "\nTrue\nTrue\nFalse\n\n", True),
    Typed("np.randomness.same-seed", "True\nTrue\nTrue", False, "generator-repeats"),
    Typed("np.randomness.same-seed", "True\nFalse\nFalse", False, None, "Line 2"),
    # shuffle-pairs: the test setosas of seed 9 average 1.50769, to 2 decimals.
    Typed("np.randomness.shuffle-pairs", "1.50769", True),
    Typed("np.randomness.shuffle-pairs", "+1.51", True),
    Typed("np.randomness.shuffle-pairs", "1.5077e0", True),
    # The first 30 shuffled rows taken as the test set give 1.4625, within the tolerance of
    # all 50 setosas (1.462): the feedback, which said "averaged all 50", now names both.
    Typed("np.randomness.shuffle-pairs", "1.4625", False, "no-split", "first 30 shuffled rows"),
    Typed("np.randomness.shuffle-pairs", "3.52", False, None, "not right"),  # every test flower
    Typed("np.randomness.shuffle-pairs", "5.06", False, None, "not right"),  # sepal, column 0
]

RANDOMNESS_CODE = [
    Code(
        "np.randomness.shuffle-pairs",
        "from sklearn.datasets import load_iris\n\n"
        "X, y = load_iris(return_X_y=True)\n"
        "table = np.random.default_rng(9).permutation(np.column_stack([X, y]))  # rows together\n"
        "test = table[120:]\n"
        "answer = test[test[:, 4] == 0, 2].mean()\n",
        True,
    ),
    Code(
        "np.randomness.same-seed",
        'answer = "\\n".join(str(b) for b in (True, True, False))\n',
        True,
    ),
    Code(
        "np.randomness.dice",
        "def roll_dice(seed, n):\n"
        "    return np.random.default_rng(seed).integers(1, 6, size=n, endpoint=True)\n",
        True,
    ),
    Code(
        "np.randomness.dice",
        "def roll_dice(seed, n):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return np.floor(rng.random(n) * 6).astype(int) + 1\n",
        True,
    ),
    Code(
        "np.randomness.dice",
        "def roll_dice(seed, n):\n"
        "    return np.random.default_rng(seed).integers(6, size=n, dtype=np.uint8) + 1\n",
        True,
    ),
    Code(
        "np.randomness.dice",
        "def roll_dice(seed, n):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return np.floor(rng.uniform(1, 7, size=n))\n",  # whole numbers, as floats
        True,
    ),
    Code(
        "np.randomness.dice",
        "def roll_dice(seed, n):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return np.round(rng.uniform(1, 6, size=n)).astype(int)\n",  # 1 and 6 half as often
        False,
        None,
        "1,000 ± 144 times",
    ),
    Code(
        "np.randomness.dice",
        "def roll_dice(seed, n):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return (rng.random(n) * 6).astype(int)\n",  # 0 to 5
        False,
        None,
        "every roll is a whole number from 1 to 6",
    ),
    Code(
        "np.randomness.dice",
        "def roll_dice(seed, n):\n"
        "    return np.random.default_rng(seed).integers(1, 7, size=(n, 1))\n",
        False,
        None,
        "wrong shape",
    ),
]

# --- np.numerics (05-numerics) ----------------------------------------------------------------

NUMERICS_TYPED = [
    # predict-float prints "False\nTrue\nTrue".
    Typed("np.numerics.predict-float", "False\r\nTrue\r\nTrue", True),
    Typed("np.numerics.predict-float", "False  \nTrue\nTrue\n\n", True),
    Typed("np.numerics.predict-float", "False\nTrue\nFalse", False, "float32-has-room", "1e8 + 8"),
    Typed("np.numerics.predict-float", "False\nFalse\nFalse", False, None, "Line 2"),
]

NUMERICS_CODE = [
    Code(
        "np.numerics.predict-float",
        'answer = f"{0.1 + 0.2 == 0.3}\\n{True}\\n{True}"\n',
        True,
    ),
    Code(
        "np.numerics.log-likelihood",
        "def log_likelihood(p):\n    return np.log(p).cumsum()[-1]\n",
        True,
    ),
    Code(
        "np.numerics.log-likelihood",
        "def log_likelihood(p):\n"
        "    total = 0.0\n"
        "    for q in p:\n"
        "        total += np.log(q)\n"
        "    return total\n",
        True,
    ),
    Code(
        "np.numerics.log-likelihood",
        "def log_likelihood(p):\n    return np.sum(np.log2(p)) * np.log(2)\n",  # change of base
        True,
    ),
    Code(
        "np.numerics.log-likelihood",
        "def log_likelihood(p):\n    return float(np.sum(np.log1p(p - 1)))\n",
        True,
    ),
    Code(
        "np.numerics.log-likelihood",
        "def log_likelihood(p):\n    return -np.sum(np.log(p))\n",  # the loss, not the likelihood
        False,
        None,
        "opposite sign",
    ),
    Code(
        "np.numerics.log-likelihood",
        "def log_likelihood(p):\n    return np.sum(np.log(p)) / len(p)\n",
        False,
        "mean-not-sum",
        "n times too small",
    ),
    Code(
        "np.numerics.log-likelihood",
        "def log_likelihood(p):\n    return np.log(np.sum(p))\n",  # log of the sum
        False,
        None,
        "expected -2.07944, got -0.287682",
    ),
]

# --- np.log-sum-exp (06-log-sum-exp) ----------------------------------------------------------

LOG_SUM_EXP_CODE = [
    Code(
        "np.log-sum-exp.implement",
        "import math\n"
        "from functools import reduce\n\n"
        "def logsumexp(x):\n"
        "    def add(a, b):  # log(e^a + e^b), by hand\n"
        "        hi, lo = max(a, b), min(a, b)\n"
        "        return hi + math.log1p(math.exp(lo - hi))\n"
        "    return reduce(add, x.tolist())\n",
        True,
    ),
    Code(
        "np.log-sum-exp.implement",
        "def logsumexp(x):\n    m = np.sort(x)[-1]\n    return m + np.log(np.exp(x - m).sum())\n",
        True,
    ),
    Code(
        "np.log-sum-exp.implement",
        "import math\n\n"
        "def logsumexp(x):\n"
        "    m = max(x)\n"
        "    return m + math.log(math.fsum(math.exp(v - m) for v in x))\n",
        True,
    ),
    Code(
        "np.log-sum-exp.implement",
        "def logsumexp(x):\n"
        "    m = x.max(keepdims=True)\n"
        "    return (m + np.log(np.exp(x - m).sum(keepdims=True)))[0]\n",
        True,
    ),
    Code(
        "np.log-sum-exp.implement",
        "def logsumexp(x):\n    m = np.max(x)\n    return m + np.log(np.mean(np.exp(x - m)))\n",
        False,
        None,
        "expected 2.40761, got 1.30899",  # log n too small
    ),
    Code(
        "np.log-sum-exp.implement",
        "def logsumexp(x):\n"
        "    c = np.median(x)\n"
        "    return float(c + np.log(np.sum(np.exp(x - c))))\n",
        False,
        None,
        "inf",
    ),
    Code(
        "np.log-sum-exp.implement",
        "def logsumexp(x):\n    return float(np.max(x))\n",  # "a soft maximum", taken literally
        False,
        None,
        "expected 2.40761, got 2",
    ),
    # fix-softmax: the module's "fix the bug" checkpoint.
    Code(
        "np.log-sum-exp.fix-softmax",
        # p_i = 1 / sum_j exp(z_j - z_i): no max at all; overflow gives 1 / inf = 0, the limit.
        "def softmax(z):\n    return 1.0 / np.sum(np.exp(z[None, :] - z[:, None]), axis=1)\n",
        True,
    ),
    Code(
        "np.log-sum-exp.fix-softmax",
        "def softmax(z):\n    z -= np.max(z)\n    e = np.exp(z)\n    return e / np.sum(e)\n",
        True,  # shifts the caller's array in place
    ),
    Code(
        "np.log-sum-exp.fix-softmax",
        "import math\n\n"
        "def softmax(z):\n"
        "    m = max(z)\n"
        "    e = [math.exp(v - m) for v in z]\n"
        "    s = math.fsum(e)\n"
        "    return np.array([v / s for v in e])\n",
        True,
    ),
    Code(
        "np.log-sum-exp.fix-softmax",
        "def softmax(z):\n"
        "    e = np.exp(z - np.sort(z)[-1])\n"
        "    return e / e.sum(keepdims=True)\n",
        True,
    ),
    # Shifting by the mean was named shift-by-min, "subtracted the smallest score" (untrue): a
    # case with one low score now tells the two apart, and the mean has its own misconception.
    Code(
        "np.log-sum-exp.fix-softmax",
        "def softmax(z):\n    e = np.exp(z - np.mean(z))\n    return e / np.sum(e)\n",
        False,
        "shift-by-mean",
        "the mean score",
    ),
    Code(
        "np.log-sum-exp.fix-softmax",
        "def softmax(z):\n    e = np.exp(z - np.median(z))\n    return e / np.sum(e)\n",
        False,
        "shift-by-mean",
        "such as the median",
    ),
    Code(
        "np.log-sum-exp.fix-softmax",
        "def softmax(z):\n    e = np.exp(z / np.max(z))\n    return e / np.sum(e)\n",  # divided
        False,
        None,
        "expected 0.659001, got 0.501688",
    ),
    Code(
        "np.log-sum-exp.fix-softmax",
        "def softmax(z):\n    return np.exp(z - np.max(z))\n",  # not normalised
        False,
        None,
        "expected 0.659001, got 1",
    ),
    Code(
        "np.log-sum-exp.fix-softmax",
        "def softmax(z):\n    e = np.exp(z - z[0])\n    return e / np.sum(e)\n",  # first entry
        False,
        None,
        "has nan",
    ),
]

TYPED = ARRAYS_TYPED + VECTORIZATION_TYPED + BROADCASTING_TYPED + RANDOMNESS_TYPED + NUMERICS_TYPED
CODE = (
    ARRAYS_CODE
    + VECTORIZATION_CODE
    + BROADCASTING_CODE
    + RANDOMNESS_CODE
    + NUMERICS_CODE
    + LOG_SUM_EXP_CODE
)


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_file_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
