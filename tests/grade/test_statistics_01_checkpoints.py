"""Unusual right answers and plausible wrong ones for the checkpoints of
04-statistics/01-describing-data (stat.descriptive): each must get the verdict written here."""

from __future__ import annotations

import pytest

MEDIAN_RIGHT = {
    "pure-python-loop": """
def median(x):
    values = sorted(float(v) for v in x)
    n = len(values)
    if n % 2:
        return values[n // 2]
    return (values[n // 2 - 1] + values[n // 2]) / 2
""",
    "float32": """
import numpy as np

def median(x):
    s = np.sort(np.asarray(x, dtype=np.float32))
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / np.float32(2)
""",
    "fancy-index-mean": """
import numpy as np

def median(x):
    s = np.sort(x)
    n = len(s)
    return s[[(n - 1) // 2, n // 2]].mean()   # the same index twice when n is odd
""",
}

MEDIAN_WRONG = {
    # (source, the misconception it must be named as, or None)
    "no-sort": (
        """
def median(x):
    n = len(x)
    if n % 2:
        return x[n // 2]
    return (x[n // 2 - 1] + x[n // 2]) / 2
""",
        "not-sorted",
    ),
    "lower-middle-only": (
        """
import numpy as np

def median(x):
    s = np.sort(x)
    return s[(len(s) - 1) // 2]
""",
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(MEDIAN_RIGHT))
def test_median_unusual_right_answers_pass(grader, name):
    feedback = grader.check_source("stat.descriptive.median", MEDIAN_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(MEDIAN_WRONG))
def test_median_wrong_answers_fail_with_true_feedback(grader, name):
    source, misconception = MEDIAN_WRONG[name]
    feedback = grader.check_source("stat.descriptive.median", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


def test_median_forbids_numpy_median(grader):
    source = "import numpy as np\n\ndef median(x):\n    return float(np.median(x))\n"
    feedback = grader.check_source("stat.descriptive.median", source)
    assert not feedback.passed
    assert "np.median" in feedback.message


def test_median_lower_middle_feedback_is_about_the_even_case(grader):
    source, _ = MEDIAN_WRONG["lower-middle-only"]
    feedback = grader.check_source("stat.descriptive.median", source)
    # odd lengths pass, so the smallest failing visible case has an even length
    assert "([3., 1., 4., 2.]): expected 2.5, got 2" in feedback.message, feedback.text


@pytest.mark.parametrize(
    "text",
    [
        "0.88",  # as asked
        "0.8836",  # more digits
        "0.884",
        "+0.88",
    ],
)
def test_outlier_shift_right(grader, text):
    feedback = grader.check_text("stat.descriptive.outlier-shift", text)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("text", "misconception"),
    [
        ("0.05", "median-shift"),
        ("0.045", "median-shift"),
        ("-0.04", "dropped-last-row"),
        ("-0.88", None),
        ("0.87", None),
    ],
)
def test_outlier_shift_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.descriptive.outlier-shift", text)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


def test_outlier_shift_float32_computation(grader):
    source = """
import numpy as np
from sklearn.datasets import load_breast_cancer
x = load_breast_cancer().data[:, 13].astype(np.float32)
answer = float(x.mean() - np.delete(x, x.argmax()).mean())
"""
    feedback = grader.check_source("stat.descriptive.outlier-shift", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("text", ["a", "A)", "the mean", " a. "])
def test_mean_or_median_right(grader, text):
    assert grader.check_text("stat.descriptive.mean-or-median", text).passed


@pytest.mark.parametrize(
    ("text", "misconception"), [("b", "median-pulled-by-tail"), ("c", "always-equal")]
)
def test_mean_or_median_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.descriptive.mean-or-median", text)
    assert not feedback.passed
    assert feedback.misconception == misconception


# Second reader's submissions (docs/reviewing-a-lesson.md, item 4).

REVIEW_MEDIAN_RIGHT = {
    "np-partition": """
import numpy as np

def median(x):
    n = len(x)
    k = n // 2
    if n % 2:
        return np.partition(x, k)[k]
    p = np.partition(x, [k - 1, k])
    return (p[k - 1] + p[k]) / 2
""",
    "peel-off-min-and-max": """
def median(x):
    values = list(x)
    while len(values) > 2:
        values.remove(max(values))
        values.remove(min(values))
    return sum(values) / len(values)
""",
    "heapq-largest-half": """
import heapq

def median(x):
    n = len(x)
    top = heapq.nlargest(n // 2 + 1, x)   # the largest half, in descending order
    if n % 2:
        return float(top[-1])
    return 0.5 * (top[-1] + top[-2])
""",
    "zero-d-array": """
import numpy as np

def median(x):
    s = np.sort(x)
    n = s.size
    return np.asarray(s[(n - 1) // 2 : n // 2 + 1].mean())
""",
}

REVIEW_MEDIAN_WRONG = {
    # (source, misconception, a piece of the feedback that must be there)
    "floor-division-of-the-pair": (
        """
import numpy as np

def median(x):
    s = np.sort(x)
    n = len(s)
    if n % 2 == 1:
        return s[n // 2]
    return (s[n // 2 - 1] + s[n // 2]) // 2
""",
        None,
        "([3., 1., 4., 2.]): expected 2.5, got 2",
    ),
    "midrange": ("def median(x):\n    return (min(x) + max(x)) / 2\n", None, "expected"),
    "one-based-indices": (
        """
import numpy as np

def median(x):
    s = np.sort(x)
    n = len(s)
    if n % 2 == 1:
        return s[(n + 1) // 2]
    return (s[n // 2] + s[n // 2 + 1]) / 2
""",
        "one-based-index",
        "IndexError",
    ),
}


@pytest.mark.parametrize("name", sorted(REVIEW_MEDIAN_RIGHT))
def test_review_median_right(grader, name):
    feedback = grader.check_source("stat.descriptive.median", REVIEW_MEDIAN_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(REVIEW_MEDIAN_WRONG))
def test_review_median_wrong(grader, name):
    source, misconception, says = REVIEW_MEDIAN_WRONG[name]
    feedback = grader.check_source("stat.descriptive.median", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text
    assert says in feedback.message, feedback.text


@pytest.mark.parametrize(
    "source",
    [
        # a list and the built-in max, no NumPy reduction
        """
from sklearn.datasets import load_breast_cancer
x = list(load_breast_cancer().data[:, 13])
old = sum(x) / len(x)
x.remove(max(x))
answer = old - sum(x) / len(x)
""",
        # removing the largest value m moves the mean by (m - mean) / (n - 1)
        """
from sklearn.datasets import load_breast_cancer
x = load_breast_cancer().data[:, 13]
answer = (x.max() - x.mean()) / (len(x) - 1)
""",
    ],
)
def test_review_outlier_shift_right(grader, source):
    feedback = grader.check_source("stat.descriptive.outlier-shift", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("source", "misconception"),
    [
        ("answer = -0.88\n", None),  # new minus old
        (  # the two large values (525.6 and 542.2) both removed
            """
import numpy as np
from sklearn.datasets import load_breast_cancer
x = np.sort(load_breast_cancer().data[:, 13])
answer = x.mean() - x[:-2].mean()
""",
            None,
        ),
    ],
)
def test_review_outlier_shift_wrong(grader, source, misconception):
    feedback = grader.check_source("stat.descriptive.outlier-shift", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


def test_review_outlier_shift_typographic_minus_is_read_as_minus(grader):
    feedback = grader.check_text("stat.descriptive.outlier-shift", "\u22120.88")
    assert not feedback.passed
    assert "-0.88" in feedback.message, feedback.text
