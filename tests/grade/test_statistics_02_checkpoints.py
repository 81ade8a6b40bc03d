"""Unusual right answers and plausible wrong ones for the checkpoints of
04-statistics/02-spread-ddof (stat.spread): each must get the verdict written here."""

from __future__ import annotations

import pytest

VARIANCE_RIGHT = {
    "pure-python-loop": """
def sample_variance(x):
    values = [float(v) for v in x]
    mean = sum(values) / len(values)
    total = 0.0
    for v in values:
        total += (v - mean) ** 2
    return total / (len(values) - 1)
""",
    "float32": """
import numpy as np

def sample_variance(x):
    x = np.asarray(x, dtype=np.float32)
    d = x - x.mean()
    return (d @ d) / np.float32(len(x) - 1)
""",
    "shortcut-formula": """
import numpy as np

def sample_variance(x):
    n = len(x)
    return (np.mean(x ** 2) - np.mean(x) ** 2) * n / (n - 1)
""",
}

VARIANCE_WRONG = {
    "divided-by-n": (
        """
import numpy as np

def sample_variance(x):
    return np.sum((x - np.mean(x)) ** 2) / len(x)
""",
        "divided-by-n",
    ),
    "squared-the-sum": (
        """
import numpy as np

def sample_variance(x):
    return np.sum(x - np.mean(x)) ** 2 / (len(x) - 1)
""",
        "sum-then-square",
    ),
}


@pytest.mark.parametrize("name", sorted(VARIANCE_RIGHT))
def test_sample_variance_unusual_right_answers_pass(grader, name):
    feedback = grader.check_source("stat.spread.sample-variance", VARIANCE_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(VARIANCE_WRONG))
def test_sample_variance_wrong_answers(grader, name):
    source, misconception = VARIANCE_WRONG[name]
    feedback = grader.check_source("stat.spread.sample-variance", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


def test_sample_variance_squared_sum_feedback_is_true(grader):
    source, _ = VARIANCE_WRONG["squared-the-sum"]
    feedback = grader.check_source("stat.spread.sample-variance", source)
    # the squared sum of the deviations is 0 up to rounding
    assert "always 0" in feedback.message, feedback.text


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\n\ndef sample_variance(x):\n    return np.var(x, ddof=1)\n",
        "import statistics\n\ndef sample_variance(x):\n    return statistics.variance(x)\n",
        "def sample_variance(x):\n    return x.std(ddof=1) ** 2\n",
    ],
)
def test_sample_variance_forbids_library_variances(grader, source):
    feedback = grader.check_source("stat.spread.sample-variance", source)
    assert not feedback.passed
    assert "variance or standard deviation" in feedback.message


@pytest.mark.parametrize("text", ["9.877", "9.87692", "9.8769"])
def test_bp_std_right(grader, text):
    feedback = grader.check_text("stat.spread.bp-std", text)
    assert feedback.passed, feedback.text


def test_bp_std_statistics_module(grader):
    source = """
import statistics
from sklearn.datasets import load_diabetes
answer = statistics.stdev(load_diabetes(scaled=False).data[:8, 3].tolist())
"""
    feedback = grader.check_source("stat.spread.bp-std", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("text", "misconception"),
    [("9.239", "ddof-0"), ("97.554", "variance"), ("97.55", None), ("9.88", None)],
)
def test_bp_std_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.spread.bp-std", text)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


@pytest.mark.parametrize("text", ["7", "7.0", "7.000", "7.0000001"])
def test_pandas_var_right(grader, text):
    feedback = grader.check_text("stat.spread.pandas-var", text)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("text", "misconception"),
    [
        ("5.67", "wrong-direction"),
        ("6.64", "square-root-factor"),
        ("6.3", "same-everywhere"),
        ("7.7", None),
    ],
)
def test_pandas_var_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.spread.pandas-var", text)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text
