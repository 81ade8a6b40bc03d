"""The checkpoints of "Correlation, causation and Simpson's paradox" (04-statistics lesson 06)
grade real submissions right: three unusual correct answers and two plausible wrong ones each
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checkpoints.
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader

# (checkpoint, submission, passes, misconception it must be named as, phrase the message has)
TYPED = [
    ("stat.correlation.within-group", "-0.854", True, None, ""),
    ("stat.correlation.within-group", "-0.8538306", True, None, ""),
    ("stat.correlation.within-group", "\u22120.8538", True, None, ""),  # a typographic minus
    ("stat.correlation.within-group", "0.349", False, "pooled", ""),
    ("stat.correlation.within-group", "-0.880", False, "mean-of-group-rs", ""),
    # Second reader: a leading-dot decimal and scientific notation pass; centring x only is
    # named; standardising within each region (-0.881) is another number, told as not right.
    ("stat.correlation.within-group", "-.854", True, None, ""),
    ("stat.correlation.within-group", "-8.54e-1", True, None, ""),
    ("stat.correlation.within-group", "-0.385", False, "centred-x-only", "left y as it was"),
    ("stat.correlation.within-group", "-0.881", False, None, "not right"),
]

CODE = [
    # A loop with math.fsum: covariance over the product of the standard deviations.
    (
        "stat.correlation.pearson",
        """
import math

def pearson(x, y):
    n = len(x)
    mx, my = math.fsum(x) / n, math.fsum(y) / n
    sxy = math.fsum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = math.fsum((a - mx) ** 2 for a in x)
    syy = math.fsum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)
""",
        True,
        None,
        "",
    ),
    # Everything in float32, returned as a float32 scalar.
    (
        "stat.correlation.pearson",
        """
def pearson(x, y):
    x = x.astype(np.float32)
    y = y.astype(np.float32)
    zx = (x - x.mean()) / x.std(ddof=1)
    zy = (y - y.mean()) / y.std(ddof=1)
    return (zx * zy).sum() / np.float32(len(x) - 1)
""",
        True,
        None,
        "",
    ),
    # ddof=0 on both sides is also consistent: the mean of the products of z-scores.
    (
        "stat.correlation.pearson",
        """
def pearson(x, y):
    zx = (x - np.mean(x)) / np.std(x)
    zy = (y - np.mean(y)) / np.std(y)
    return float(np.mean(zx * zy))
""",
        True,
        None,
        "",
    ),
    (
        "stat.correlation.pearson",
        """
def pearson(x, y):
    return float(np.sum(x * y) / np.sqrt(np.sum(x * x) * np.sum(y * y)))
""",
        False,
        "not-centred",
        "did not subtract the means",
    ),
    (
        "stat.correlation.pearson",
        """
def pearson(x, y):
    n = len(x)
    zx = (x - x.mean()) / x.std()
    zy = (y - y.mean()) / y.std()
    return float(np.sum(zx * zy) / (n - 1))
""",
        False,
        "ddof0-over-n-minus-1",
        "",
    ),
    # The right number through a forbidden shortcut, reached as a function of the stdlib.
    (
        "stat.correlation.pearson",
        """
import statistics

def pearson(x, y):
    return statistics.correlation(list(x), list(y))
""",
        False,
        None,
        "a covariance or correlation",
    ),
    # Second reader's submissions. The cosine of the centred columns, through np.linalg.norm.
    (
        "stat.correlation.pearson",
        """
def pearson(x, y):
    dx, dy = x - x.mean(), y - y.mean()
    return dx @ dy / (np.linalg.norm(dx) * np.linalg.norm(dy))
""",
        True,
        None,
        "",
    ),
    # Plain lists with statistics.fmean and statistics.stdev (ddof=1), a generator sum.
    (
        "stat.correlation.pearson",
        """
import statistics

def pearson(x, y):
    xs, ys = [float(v) for v in x], [float(v) for v in y]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sx, sy = statistics.stdev(xs), statistics.stdev(ys)
    return sum((a - mx) / sx * (b - my) / sy for a, b in zip(xs, ys)) / (len(xs) - 1)
""",
        True,
        None,
        "",
    ),
    # A 0-d array instead of a float.
    (
        "stat.correlation.pearson",
        """
def pearson(x, y):
    zx = (x - x.mean()) / x.std(ddof=1)
    zy = (y - y.mean()) / y.std(ddof=1)
    return np.array(np.dot(zx, zy) / (len(x) - 1))
""",
        True,
        None,
        "",
    ),
    # Forgot to divide by n - 1: the feedback shows expected and got on the smallest case.
    (
        "stat.correlation.pearson",
        """
def pearson(x, y):
    zx = (x - x.mean()) / x.std(ddof=1)
    zy = (y - y.mean()) / y.std(ddof=1)
    return float(zx @ zy)
""",
        False,
        None,
        "expected -0.993708, got -2.98112",
    ),
    # Centred y but not x.
    (
        "stat.correlation.pearson",
        """
def pearson(x, y):
    dy = y - y.mean()
    return float(x @ dy / np.sqrt((x @ x) * (dy @ dy)))
""",
        False,
        None,
        "expected -0.993708",
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
