"""Unusual right answers and plausible wrong ones for the checkpoints of
04-statistics/03-standardization (stat.standardization): each must get the verdict written here."""

from __future__ import annotations

import pytest

STANDARDIZE_RIGHT = {
    "loop-over-columns": """
import statistics
import numpy as np

def standardize(X_train, X_test):
    Z = np.empty(X_test.shape)
    for j in range(X_train.shape[1]):
        column = X_train[:, j].tolist()
        mean = sum(column) / len(column)
        std = statistics.pstdev(column)
        Z[:, j] = [(v - mean) / std for v in X_test[:, j]]
    return Z
""",
    "float32": """
import numpy as np

def standardize(X_train, X_test):
    A = X_train.astype(np.float32)
    B = X_test.astype(np.float32)
    return (B - A.mean(axis=0)) / A.std(axis=0)
""",
    "keepdims-and-sqrt": """
import numpy as np

def standardize(X_train, X_test):
    mu = np.mean(X_train, axis=0, keepdims=True)
    sigma = np.sqrt(np.mean((X_train - mu) ** 2, axis=0, keepdims=True))
    return (X_test - mu) / sigma
""",
}

STANDARDIZE_WRONG = {
    "fit-on-all": (
        """
import numpy as np

def standardize(X_train, X_test):
    X = np.concatenate([X_train, X_test], axis=0)
    return (X_test - X.mean(axis=0)) / X.std(axis=0)
""",
        "fit-on-all",
    ),
    "not-centred": (
        """
import numpy as np

def standardize(X_train, X_test):
    return X_test / X_train.std(axis=0)
""",
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(STANDARDIZE_RIGHT))
def test_standardize_unusual_right_answers_pass(grader, name):
    feedback = grader.check_source("stat.standardization.implement", STANDARDIZE_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(STANDARDIZE_WRONG))
def test_standardize_wrong_answers(grader, name):
    source, misconception = STANDARDIZE_WRONG[name]
    feedback = grader.check_source("stat.standardization.implement", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


def test_standardize_not_centred_feedback_is_true(grader):
    source, _ = STANDARDIZE_WRONG["not-centred"]
    feedback = grader.check_source("stat.standardization.implement", source)
    # the smallest visible case is the 2 x 2 example: z-scores [[0, 2], [2, -2]], got x / std
    assert "expected" in feedback.message and "got" in feedback.message, feedback.text


def test_standardize_forbids_standard_scaler(grader):
    source = """
from sklearn.preprocessing import StandardScaler

def standardize(X_train, X_test):
    return StandardScaler().fit(X_train).transform(X_test)
"""
    feedback = grader.check_source("stat.standardization.implement", source)
    assert not feedback.passed
    assert "ready-made standardisation" in feedback.message


@pytest.mark.parametrize("text", ["0.096", "0.09601", "0.0960"])
def test_test_mean_right(grader, text):
    feedback = grader.check_text("stat.standardization.test-mean", text)
    assert feedback.passed, feedback.text


def test_test_mean_with_standard_scaler_in_float32(grader):
    source = """
import numpy as np
from sklearn.datasets import load_wine
from sklearn.preprocessing import StandardScaler
X = load_wine().data
rng = np.random.default_rng(0)
perm = rng.permutation(len(X))
X_train, X_test = X[perm[:124]], X[perm[124:]]
Z = StandardScaler().fit(X_train.astype(np.float32)).transform(X_test.astype(np.float32))
answer = Z[:, 12].mean()
"""
    feedback = grader.check_source("stat.standardization.test-mean", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("text", "misconception"),
    [("0", "fit-on-test"), ("0.0", "fit-on-test"), ("0.066", "fit-on-all"), ("0.1", None)],
)
def test_test_mean_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.standardization.test-mean", text)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


# Second reader's submissions (docs/reviewing-a-lesson.md, item 4).

REVIEW_STANDARDIZE_RIGHT = {
    "column-loop-own-name-scale": """
import numpy as np

def standardize(X_train, X_test):
    out = []
    for col_train, col_test in zip(X_train.T, X_test.T):
        mean = col_train.mean()
        scale = np.sqrt(((col_train - mean) ** 2).mean())   # a variable named like sklearn's
        out.append((col_test - mean) / scale)
    return np.array(out).T
""",
    "float32-sqrt-of-var": """
import numpy as np

def standardize(X_train, X_test):
    A = np.asarray(X_train, dtype=np.float32)
    return (np.float32(X_test) - A.mean(axis=0)) / np.sqrt(A.var(axis=0))
""",
    "nested-lists": """
import statistics

def standardize(X_train, X_test):
    cols = list(zip(*X_train.tolist()))
    mus = [statistics.fmean(c) for c in cols]
    sds = [statistics.pstdev(c) for c in cols]
    return [[(v - m) / s for v, m, s in zip(row, mus, sds)] for row in X_test.tolist()]
""",
}

REVIEW_STANDARDIZE_WRONG = {
    "one-mean-for-all-columns": (
        """
def standardize(X_train, X_test):
    return (X_test - X_train.mean()) / X_train.std()
""",
        None,
    ),
    "fitted-on-the-test-rows": (
        """
import numpy as np

def standardize(X_train, X_test):
    mu, sd = np.mean(X_test, axis=0), np.std(X_test, axis=0)
    return (X_test - mu) / sd
""",
        "fit-on-test",
    ),
}


@pytest.mark.parametrize("name", sorted(REVIEW_STANDARDIZE_RIGHT))
def test_review_standardize_right(grader, name):
    feedback = grader.check_source("stat.standardization.implement", REVIEW_STANDARDIZE_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(REVIEW_STANDARDIZE_WRONG))
def test_review_standardize_wrong(grader, name):
    source, misconception = REVIEW_STANDARDIZE_WRONG[name]
    feedback = grader.check_source("stat.standardization.implement", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


def test_review_standardize_forbids_zmap_and_says_so(grader):
    source = """
from scipy.stats import zmap

def standardize(X_train, X_test):
    return zmap(X_test, X_train, axis=0)
"""
    feedback = grader.check_source("stat.standardization.implement", source)
    assert not feedback.passed
    assert "ready-made standardisation" in feedback.message
    assert "zmap" in grader.get("stat.standardization.implement").prompt


_SPLIT = """
import numpy as np
from sklearn.datasets import load_wine
X = load_wine().data
perm = np.random.default_rng(0).permutation(len(X))
X_train, X_test = X[perm[:124]], X[perm[124:]]
tr, te = X_train[:, 12], X_test[:, 12]
"""


@pytest.mark.parametrize(
    "last_line",
    [
        # statistics in pure Python
        "import statistics\nm, s = statistics.fmean(tr), statistics.pstdev(tr)\n"
        "answer = statistics.fmean([(v - m) / s for v in te])",
        # the mean of the z-scores is the z-score of the test mean
        "answer = (te.mean() - tr.mean()) / tr.std()",
        # the prompt does not fix ddof: with ddof=1 the answer agrees to the 3 decimals asked for
        "answer = ((te - tr.mean()) / tr.std(ddof=1)).mean()",
    ],
)
def test_review_test_mean_right(grader, last_line):
    feedback = grader.check_source("stat.standardization.test-mean", _SPLIT + last_line + "\n")
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("last_line", "misconception"),
    [
        # the training column standardised and averaged: 0, and the feedback must not claim
        # that the test rows were used
        ("answer = ((tr - tr.mean()) / tr.std()).mean()", "fit-on-test"),
        # column 11 instead of 12
        (
            "answer = ((X_test[:, 11] - X_train[:, 11].mean()) / X_train[:, 11].std()).mean()",
            None,
        ),
    ],
)
def test_review_test_mean_wrong(grader, last_line, misconception):
    feedback = grader.check_source("stat.standardization.test-mean", _SPLIT + last_line + "\n")
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text
    assert "the test rows with their own" not in feedback.message, feedback.text
