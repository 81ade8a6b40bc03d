"""Unusual right answers and plausible wrong ones for the checkpoints of
04-statistics/05-bootstrap-ci (stat.confidence-intervals): each must get the verdict here."""

from __future__ import annotations

import pytest

BOOT_RIGHT = {
    "loop-with-choice": """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    out = np.empty(n_boot)
    for b in range(n_boot):
        out[b] = rng.choice(x, size=len(x)).mean()    # replace=True is the default
    return out
""",
    "float32": """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=np.float32)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    return x[idx].mean(axis=1)
""",
    "multinomial-counts": """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    n = len(x)
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot)   # how often each value is drawn
    return counts @ x / n
""",
}

BOOT_WRONG = {
    "without-replacement": (
        """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    return np.array([rng.permutation(x).mean() for _ in range(n_boot)])
""",
        "without-replacement",
    ),
    "generator-in-loop": (
        """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    means = []
    for _ in range(n_boot):
        rng = np.random.default_rng(seed)
        means.append(rng.choice(x, size=len(x), replace=True).mean())
    return np.array(means)
""",
        "same-resample",
    ),
    "half-size-resamples": (
        """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    return np.array([rng.choice(x, size=len(x) // 2).mean() for _ in range(n_boot)])
""",
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(BOOT_RIGHT))
def test_bootstrap_means_unusual_right_answers_pass(grader, name):
    feedback = grader.check_source("stat.confidence-intervals.bootstrap-means", BOOT_RIGHT[name])
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(BOOT_WRONG))
def test_bootstrap_means_wrong_answers(grader, name):
    source, misconception = BOOT_WRONG[name]
    feedback = grader.check_source("stat.confidence-intervals.bootstrap-means", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


def test_bootstrap_half_size_feedback_names_a_broken_rule(grader):
    source, _ = BOOT_WRONG["half-size-resamples"]
    feedback = grader.check_source("stat.confidence-intervals.bootstrap-means", source)
    assert "breaks a rule every correct answer follows" in feedback.message, feedback.text


@pytest.mark.parametrize("text", ["26.04", "26.036", "26.0357"])
def test_bmi_interval_right(grader, text):
    feedback = grader.check_text("stat.confidence-intervals.bmi-interval", text)
    assert feedback.passed, feedback.text


def test_bmi_interval_float32_and_quantile(grader):
    source = """
import numpy as np
from sklearn.datasets import load_diabetes
bmi = load_diabetes(scaled=False).data[:, 2].astype(np.float32)
rng = np.random.default_rng(1)
idx = rng.integers(0, len(bmi), size=(5000, len(bmi)))
boot = bmi[idx].mean(axis=1)
answer = np.quantile(boot, 0.05)
"""
    feedback = grader.check_source("stat.confidence-intervals.bmi-interval", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("text", "misconception"),
    [
        ("26.10", "cut-ten-percent"),
        ("25.96", "ninety-five-percent"),
        ("26.73", None),  # the upper end
        ("26.4", None),
    ],
)
def test_bmi_interval_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.confidence-intervals.bmi-interval", text)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text


@pytest.mark.parametrize("text", ["b", "B)", " b. "])
def test_meaning_right(grader, text):
    assert grader.check_text("stat.confidence-intervals.meaning", text).passed


@pytest.mark.parametrize(("text", "misconception"), [("a", "data-spread"), ("c", "next-sample")])
def test_meaning_wrong(grader, text, misconception):
    feedback = grader.check_text("stat.confidence-intervals.meaning", text)
    assert not feedback.passed
    assert feedback.misconception == misconception


# Second reader's submissions (docs/reviewing-a-lesson.md, item 4).

REVIEW_BOOT_RIGHT = {
    "choice-in-one-call": """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    return rng.choice(x, size=(n_boot, len(x)), replace=True).mean(axis=1)
""",
    "python-random-choices-list": """
import random

def bootstrap_means(x, n_boot, seed):
    r = random.Random(seed)
    values = [float(v) for v in x]
    return [sum(r.choices(values, k=len(values))) / len(values) for _ in range(n_boot)]
""",
    "one-stream-per-resample": """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    out = []
    for b in range(n_boot):
        rng = np.random.default_rng([seed, b])   # different, reproducible, per resample
        out.append(x[rng.integers(len(x), size=len(x))].mean())
    return np.array(out)
""",
    "float32-bincount-weights": """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=np.float32)
    n = len(x)
    means = np.empty(n_boot, dtype=np.float32)
    for b in range(n_boot):
        counts = np.bincount(rng.integers(0, n, n), minlength=n)
        means[b] = (counts * x).sum() / n
    return means
""",
}

REVIEW_BOOT_WRONG = {
    # (source, misconception, the rule or fact the feedback must name)
    "indices-stop-one-short": (
        """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x) - 1, size=(n_boot, len(x)))   # never picks the last value
    return x[idx].mean(axis=1)
""",
        None,
        "1/4, 1/2 and 1/4",
    ),
    "medians-not-means": (
        """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    return np.median(x[rng.integers(0, len(x), size=(n_boot, len(x)))], axis=1)
""",
        None,
        "scatter by about std(x) / sqrt(200)",
    ),
    "single-draws": (
        """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    return np.array([rng.choice(x) for _ in range(n_boot)])
""",
        "single-values",
        "1/4, 1/2 and 1/4",
    ),
    "unseeded-generator": (
        """
import numpy as np

def bootstrap_means(x, n_boot, seed):
    rng = np.random.default_rng()
    return x[rng.integers(0, len(x), size=(n_boot, len(x)))].mean(axis=1)
""",
        None,
        "called twice with the same arguments",
    ),
}


@pytest.mark.parametrize("name", sorted(REVIEW_BOOT_RIGHT))
def test_review_bootstrap_means_right(grader, name):
    source = REVIEW_BOOT_RIGHT[name]
    feedback = grader.check_source("stat.confidence-intervals.bootstrap-means", source)
    assert feedback.passed, feedback.text


@pytest.mark.parametrize("name", sorted(REVIEW_BOOT_WRONG))
def test_review_bootstrap_means_wrong(grader, name):
    source, misconception, says = REVIEW_BOOT_WRONG[name]
    feedback = grader.check_source("stat.confidence-intervals.bootstrap-means", source)
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text
    assert says in feedback.message, feedback.text


_BOOT = """
import numpy as np
from sklearn.datasets import load_diabetes
bmi = load_diabetes(scaled=False).data[:, 2]
rng = np.random.default_rng(1)
idx = rng.integers(0, len(bmi), size=(5000, len(bmi)))
boot = bmi[idx].mean(axis=1)
"""


@pytest.mark.parametrize(
    "last_line",
    [
        "answer = np.sort(boot)[int(0.05 * len(boot))]",  # the 251st smallest, no interpolation
        "lo, hi = np.percentile(boot, [5, 95], method='nearest')\nanswer = lo",
        "answer = 26.0357",
    ],
)
def test_review_bmi_interval_right(grader, last_line):
    feedback = grader.check_source(
        "stat.confidence-intervals.bmi-interval", _BOOT + last_line + "\n"
    )
    assert feedback.passed, feedback.text


@pytest.mark.parametrize(
    ("last_line", "misconception"),
    [
        # the normal formula instead of the bootstrap percentiles: 26.030, not 26.036
        ("answer = bmi.mean() - 1.645 * bmi.std(ddof=1) / np.sqrt(len(bmi))", None),
        ("answer = np.percentile(bmi, 5)", None),  # a percentile of the data, not of boot
        ("answer = 26.1", "cut-ten-percent"),
    ],
)
def test_review_bmi_interval_wrong(grader, last_line, misconception):
    feedback = grader.check_source(
        "stat.confidence-intervals.bmi-interval", _BOOT + last_line + "\n"
    )
    assert not feedback.passed
    assert feedback.misconception == misconception, feedback.text
