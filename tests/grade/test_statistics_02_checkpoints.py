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


# Second reader's submissions (docs/reviewing-a-lesson.md, item 4).

REVIEW_VARIANCE_RIGHT = {
    "pairwise-differences-fsum": """
import math

def sample_variance(x):
    n = len(x)
    # s^2 is half the mean squared difference over all ordered pairs (i != j)
    return math.fsum((a - b) ** 2 for a in x for b in x) / (2 * n * (n - 1))
""",
    "welford-one-pass": """
def sample_variance(x):
    mean, m2 = 0.0, 0.0
    for k, v in enumerate(x, start=1):
        d = v - mean
        mean += d / k
        m2 += d * (v - mean)
    return m2 / (k - 1)
""",
    "average-and-inner": """
import numpy as np

def sample_variance(x):
    d = x - np.average(x)
    return float(np.inner(d, d)) / (len(x) - 1)
""",
    "float32-own-name-var": """
import numpy as np

def sample_variance(x):
    x = np.float32(x)
    var = np.sum(np.square(x - np.mean(x)))   # a variable of the learner's own named var
    return var / (x.size - 1)
""",
}

REVIEW_VARIANCE_WRONG = {
    "absolute-deviations": (
        """
import numpy as np

def sample_variance(x):
    return np.sum(np.abs(x - np.mean(x))) / (len(x) - 1)
""",
        None,
    ),
    "n-minus-1-in-the-mean-too": (
        """
import numpy as np

def sample_variance(x):
    n = len(x)
    m = np.sum(x) / (n - 1)
    return np.sum((x - m) ** 2) / (n - 1)
""",
        None,
    ),
    "standard-deviation": (
        """
import numpy as np

def sample_variance(x):
    return np.sqrt(np.sum((x - x.mean()) ** 2) / (len(x) - 1))
""",
        "square-root",
    ),
}


@pytest.mark.parametrize("name", sorted(REVIEW_VARIANCE_RIGHT))
def test_review_sample_variance_right(grader, name):
    feedback = grader.check_source("stat.spread.sample-variance", REVIEW_VARIANCE_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(REVIEW_VARIANCE_WRONG))
def test_review_sample_variance_wrong(grader, name):
    source, misconception = REVIEW_VARIANCE_WRONG[name]
    feedback = grader.check_source("stat.spread.sample-variance", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\n\ndef sample_variance(x):\n    return float(np.cov(x))\n",
        "import statistics\n\ndef sample_variance(x):\n    return statistics.covariance(x, x)\n",
    ],
)
def test_review_sample_variance_forbids_covariance_of_x_with_itself(grader, source):
    feedback = grader.check_source("stat.spread.sample-variance", source)
    assert not feedback.passed
    assert "variance or standard deviation" in feedback.message, feedback.text


@pytest.mark.parametrize(
    "source",
    [
        """
import math
from sklearn.datasets import load_diabetes
x = load_diabetes(scaled=False).data[:8, 3]
m = sum(x) / len(x)
answer = math.sqrt(sum((v - m) ** 2 for v in x) / (len(x) - 1))
""",
        """
import numpy as np
from sklearn.datasets import load_diabetes
x = load_diabetes(scaled=False).data[:8, 3].astype(np.float32)
answer = x.std() * np.sqrt(8 / 7)          # ddof=0, then the factor sqrt(n/(n-1))
""",
        "answer = 9.876921\n",
    ],
)
def test_review_bp_std_right(grader, source):
    feedback = grader.check_source("stat.spread.bp-std", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    "source",
    [
        # all 442 patients instead of the first 8
        """
import numpy as np
from sklearn.datasets import load_diabetes
answer = np.std(load_diabetes(scaled=False).data[:, 3], ddof=1)
""",
        # the default, rescaled columns
        """
import numpy as np
from sklearn.datasets import load_diabetes
answer = np.std(load_diabetes().data[:8, 3], ddof=1)
""",
    ],
)
def test_review_bp_std_wrong(grader, source):
    feedback = grader.check_source("stat.spread.bp-std", source)
    assert not feedback.passed
    assert feedback.misconception is None, feedback.text


@pytest.mark.parametrize("source", ["answer = 6.3 * 10 / 9\n", "answer = 63 / 9\n"])
def test_review_pandas_var_right(grader, source):
    feedback = grader.check_source("stat.spread.pandas-var", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("text", ["5.98", "63"])  # sqrt factor the wrong way; the sum itself
def test_review_pandas_var_wrong(grader, text):
    feedback = grader.check_text("stat.spread.pandas-var", text)
    assert not feedback.passed
    assert feedback.misconception is None, feedback.text
