"""Unusual right answers and plausible wrong ones for the checkpoints of
04-statistics/04-sampling-clt (stat.sampling, stat.clt): each must get the verdict written here."""

from __future__ import annotations

import pytest

MEANS_RIGHT = {
    "loop-one-sample-at-a-time": """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(reps):
        out.append(rng.exponential(1.0, size=n).mean())
    return np.array(out)
""",
    "float32-inverse-transform": """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    u = rng.random((reps, n), dtype=np.float32)
    return (-np.log1p(-u)).mean(axis=1)       # -log(1 - U) is exponential with mean 1
""",
    "gamma-distribution-of-the-mean": """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    return rng.gamma(shape=n, scale=1.0 / n, size=reps)   # the mean of n exponentials
""",
}

MEANS_WRONG = {
    "sums": (
        """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    return rng.exponential(1.0, size=(reps, n)).sum(axis=1)
""",
        "sums",
    ),
    "new-generator-per-sample": (
        """
import numpy as np

def sample_means(seed, n, reps):
    means = []
    for _ in range(reps):
        rng = np.random.default_rng(seed)
        means.append(rng.exponential(1.0, size=n).mean())
    return np.array(means)
""",
        "one-sample-repeated",
    ),
    "unseeded-global-generator": (
        """
import numpy as np

def sample_means(seed, n, reps):
    return np.random.exponential(1.0, size=(reps, n)).mean(axis=1)
""",
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(MEANS_RIGHT))
def test_sample_means_unusual_right_answers_pass(grader, name):
    feedback = grader.check_source("stat.clt.sample-means", MEANS_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(MEANS_WRONG))
def test_sample_means_wrong_answers(grader, name):
    source, misconception = MEANS_WRONG[name]
    feedback = grader.check_source("stat.clt.sample-means", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


def test_sample_means_unseeded_feedback_says_so(grader):
    source, _ = MEANS_WRONG["unseeded-global-generator"]
    feedback = grader.check_source("stat.clt.sample-means", source)
    assert "called twice with the same arguments" in feedback.message, feedback.text


@pytest.mark.parametrize("text", ["0.210", "0.21", "0.2101", "0.21015", "0.2099"])
def test_standard_error_right(grader, text):
    # 0.2099 is the ddof=0 version: with 442 values it agrees to the 3 decimals asked for
    feedback = grader.check_text("stat.clt.standard-error", text)
    assert feedback.passed, feedback.text


def test_standard_error_with_scipy_sem(grader):
    source = """
from scipy.stats import sem
from sklearn.datasets import load_diabetes
answer = sem(load_diabetes(scaled=False).data[:, 2])
"""
    feedback = grader.check_source("stat.clt.standard-error", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("text", "misconception"),
    [("0.010", "divided-by-n"), ("4.418", "standard-deviation"), ("0.22", None), ("0.044", None)],
)
def test_standard_error_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.clt.standard-error", text)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


@pytest.mark.parametrize("text", ["b", "B)", "it scatters less, around a value well above 1 s"])
def test_more_biased_data_right(grader, text):
    assert grader.check_text("stat.sampling.more-biased-data", text).passed


@pytest.mark.parametrize(
    ("text", "misconception"), [("a", "more-data-fixes-bias"), ("c", "nothing-changes")]
)
def test_more_biased_data_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.sampling.more-biased-data", text)
    assert not feedback.passed
    assert feedback.misconception == misconception


# Second reader's submissions (docs/reviewing-a-lesson.md, item 4).

REVIEW_MEANS_RIGHT = {
    "one-sample-per-column": """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    return rng.exponential(1.0, size=(n, reps)).mean(axis=0)
""",
    "standard-exponential-float32": """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    draws = rng.standard_exponential((reps, n), dtype=np.float32)
    return draws.sum(axis=1) / n
""",
    "python-random-list": """
import random

def sample_means(seed, n, reps):
    r = random.Random(seed)
    return [sum(r.expovariate(1.0) for _ in range(n)) / n for _ in range(reps)]
""",
    "scipy-expon": """
import numpy as np
from scipy import stats

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    return stats.expon.rvs(size=(reps, n), random_state=rng).mean(axis=1)
""",
}

REVIEW_MEANS_WRONG = {
    # (source, misconception, the rule or fact the feedback must name)
    "uniform-draws": (
        """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    return rng.random((reps, n)).mean(axis=1)
""",
        None,
        "average about 1",
    ),
    "mean-of-everything-repeated": (
        """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    x = rng.exponential(1.0, size=(reps, n))
    return np.full(reps, x.mean())
""",
        None,
        "standard deviation of the means",
    ),
    "axis-0": (
        """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    samples = rng.exponential(1.0, size=(reps, n))
    return np.mean(samples, axis=0)
""",
        "wrong-axis",
        "wrong shape",
    ),
    "scale-2": (
        """
import numpy as np

def sample_means(seed, n, reps):
    rng = np.random.default_rng(seed)
    return rng.exponential(2.0, size=(reps, n)).mean(axis=1)
""",
        None,
        "average about 1",
    ),
}


@pytest.mark.parametrize("name", sorted(REVIEW_MEANS_RIGHT))
def test_review_sample_means_right(grader, name):
    feedback = grader.check_source("stat.clt.sample-means", REVIEW_MEANS_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(REVIEW_MEANS_WRONG))
def test_review_sample_means_wrong(grader, name):
    source, misconception, says = REVIEW_MEANS_WRONG[name]
    feedback = grader.check_source("stat.clt.sample-means", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text
    assert says in feedback.message, feedback.text


_BMI = "from sklearn.datasets import load_diabetes\nx = load_diabetes(scaled=False).data[:, 2]\n"


@pytest.mark.parametrize(
    "last_line",
    [
        "import math, statistics\nanswer = statistics.stdev(x.tolist()) / math.sqrt(len(x))",
        "import numpy as np\nx = x.astype(np.float32)\nanswer = np.sqrt(x.var(ddof=1) / x.size)",
        "answer = 0.210149",
    ],
)
def test_review_standard_error_right(grader, last_line):
    feedback = grader.check_source("stat.clt.standard-error", _BMI + last_line + "\n")
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("last_line", "misconception"),
    [
        ("import numpy as np\nanswer = np.var(x, ddof=1) / np.sqrt(len(x))", None),  # variance
        ("answer = 0.01", "divided-by-n"),  # typed to 2 decimals: 0.009996 is 0.010
    ],
)
def test_review_standard_error_wrong(grader, last_line, misconception):
    feedback = grader.check_source("stat.clt.standard-error", _BMI + last_line + "\n")
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text
