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
