"""The checkpoints of "Train/test split, baselines and leakage" (04-statistics lesson 08) grade
real submissions right: three unusual correct answers and two plausible wrong ones each
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checkpoints.
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader

# (checkpoint, submission, passes, misconception it must be named as, phrase the message has)
TYPED = [
    ("eval.split.mean-baseline", "62.58", True, None, ""),
    ("eval.split.mean-baseline", "62.580354", True, None, ""),
    ("eval.split.mean-baseline", "62.6", True, None, ""),
    ("eval.split.mean-baseline", "61.73", False, "test-mean", ""),
    ("eval.split.mean-baseline", "62.37", False, "all-rows-mean", ""),
    ("eval.split.mean-baseline", "66.75", False, "scored-on-training-rows", ""),
    ("eval.split.chosen-on-test", "b", True, None, ""),
    ("eval.split.chosen-on-test", " B. ", True, None, ""),
    (
        "eval.split.chosen-on-test",
        "The 0.93 is optimistic: the test set was used to choose. Choose on a validation set, "
        "then score the chosen model once on the test set.",
        True,
        None,
        "",
    ),
    ("eval.split.chosen-on-test", "a", False, "choosing-is-not-training", ""),
    ("eval.split.chosen-on-test", "d", False, "average-of-scores", ""),
    # Second reader: scientific notation and four decimals pass; the median predictor's error
    # and the RMSE of the mean predictor are other numbers; c is named.
    ("eval.split.mean-baseline", "6.26e1", True, None, ""),
    ("eval.split.mean-baseline", "62.5804", True, None, ""),
    ("eval.split.mean-baseline", "61.26", False, None, "not right"),
    ("eval.split.mean-baseline", "73.26", False, None, "not right"),
    ("eval.split.chosen-on-test", "c", False, "training-score", "scored 1.0"),
]

FIX = "eval.split.fix-scaling"
CODE = [
    # scikit-learn's scaler, fitted on the training rows and applied to all of them.
    (
        FIX,
        """
from sklearn.preprocessing import StandardScaler

def standardise(X, n_train):
    return StandardScaler().fit(X[:n_train]).transform(X)
""",
        True,
        None,
        "",
    ),
    # A loop over the columns, in float32, the std from the mean of squares.
    (
        FIX,
        """
def standardise(X, n_train):
    X = X.astype(np.float32)
    Z = np.empty_like(X)
    for j in range(X.shape[1]):
        column = X[:n_train, j]
        mean = column.sum() / n_train
        std = np.sqrt(((column - mean) ** 2).sum() / n_train)
        Z[:, j] = (X[:, j] - mean) / std
    return Z
""",
        True,
        None,
        "",
    ),
    # Train and test rows transformed separately with the training statistics, then stacked.
    (
        FIX,
        """
def standardise(X, n_train):
    train, test = X[:n_train], X[n_train:]
    mean = np.mean(train, axis=0, keepdims=True)
    std = np.sqrt(np.var(train, axis=0, keepdims=True))
    return np.concatenate([(train - mean) / std, (test - mean) / std])
""",
        True,
        None,
        "",
    ),
    (
        FIX,
        """
from sklearn.preprocessing import StandardScaler

def standardise(X, n_train):
    return StandardScaler().fit_transform(X)
""",
        False,
        "fit-on-all-rows",
        "test rows included",
    ),
    (
        FIX,
        """
from sklearn.preprocessing import StandardScaler

def standardise(X, n_train):
    train = StandardScaler().fit_transform(X[:n_train])
    test = StandardScaler().fit_transform(X[n_train:])
    return np.vstack([train, test])
""",
        False,
        "test-rows-on-their-own",
        "",
    ),
    (
        FIX,
        """
def standardise(X, n_train):
    train = X[:n_train]
    return (X - train.mean(axis=0)) / train.std(axis=0, ddof=1)
""",
        False,
        "ddof-1",
        "",
    ),
    # Second reader's submissions. A copy scaled in place, the mean through einsum, the std
    # from the mean of squared deviations.
    (
        FIX,
        """
def standardise(X, n_train):
    Z = X.copy()
    mean = np.einsum("ij->j", X[:n_train]) / n_train
    Z -= mean
    Z /= np.sqrt(((X[:n_train] - mean) ** 2).mean(axis=0))
    return Z
""",
        True,
        None,
        "",
    ),
    # Lists of rows and columns, statistics.fmean and statistics.pstdev (ddof=0).
    (
        FIX,
        """
import statistics

def standardise(X, n_train):
    columns = list(zip(*X[:n_train].tolist()))
    mu = [statistics.fmean(c) for c in columns]
    sd = [statistics.pstdev(c) for c in columns]
    return np.array([[(v - m) / s for v, m, s in zip(row, mu, sd)] for row in X.tolist()])
""",
        True,
        None,
        "",
    ),
    # Scales the caller's array in place and returns it.
    (
        FIX,
        """
def standardise(X, n_train):
    mean = X[:n_train].mean(axis=0)
    std = X[:n_train].std(axis=0)
    X -= mean
    X /= std
    return X
""",
        True,
        None,
        "",
    ),
    # Returns only the training rows: the shape is named.
    (
        FIX,
        """
def standardise(X, n_train):
    train = X[:n_train]
    return (train - train.mean(axis=0)) / train.std(axis=0)
""",
        False,
        None,
        "wrong shape: expected (5, 2), got (3, 2)",
    ),
    # Divided by the variance instead of the standard deviation.
    (
        FIX,
        """
def standardise(X, n_train):
    mean = X[:n_train].mean(axis=0)
    return (X - mean) / X[:n_train].var(axis=0)
""",
        False,
        None,
        "expected -1.22474, got -1.5",
    ),
    # The training mean, but the standard deviation of every row.
    (
        FIX,
        """
def standardise(X, n_train):
    return (X - X[:n_train].mean(axis=0)) / X.std(axis=0)
""",
        False,
        None,
        "expected -1.22474, got -0.316228",
    ),
]


def _id(row: tuple) -> str:
    checkpoint, submission, passes, misconception, _ = row
    last = submission.strip().splitlines()[-1].strip()
    return f"{checkpoint}|{last[:40]}|{'pass' if passes else f'fail:{misconception}'}"


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: tuple) -> None:
    checkpoint, text, passes, misconception, says = row
    feedback = grader.check_text(checkpoint, text)
    assert feedback.passed == passes, feedback.message
    if not passes:
        assert feedback.misconception == misconception, feedback.message
    assert says in feedback.message, feedback.message


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: tuple) -> None:
    checkpoint, body, passes, misconception, says = row
    feedback = grader.check_source(checkpoint, "import numpy as np\n" + body)
    assert feedback.passed == passes, feedback.message
    if not passes:
        assert feedback.misconception == misconception, feedback.message
    assert says in feedback.message, feedback.message
