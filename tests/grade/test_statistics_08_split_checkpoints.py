"""The checkpoints of "Train/test split, baselines and leakage" (04-statistics lesson 08) grade
real submissions right: three unusual correct answers and two plausible wrong ones each
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checkpoints.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mlpath.grade.grader import Grader
from mlpath.grade.loader import load_checkpoints


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    """The shipped checkpoints with their own time limits: submissions here import
    scikit-learn, which takes longer than the 1.5 s the shared fixture allows."""
    with Grader(load_checkpoints(), load_allowance=20.0) as shared:
        yield shared


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
