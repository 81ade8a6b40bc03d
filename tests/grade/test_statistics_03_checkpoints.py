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
