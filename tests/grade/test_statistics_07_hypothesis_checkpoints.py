"""The checkpoints of "Hypothesis tests and multiple comparisons" (04-statistics lesson 07) grade
real submissions right: three unusual correct answers and two plausible wrong ones each
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checkpoints.
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader

# (checkpoint, submission, passes, misconception it must be named as, phrase the message has)
TYPED = [
    ("stat.hypothesis-testing.fifty-metrics", "0.923", True, None, ""),
    ("stat.hypothesis-testing.fifty-metrics", "0.9230550", True, None, ""),
    ("stat.hypothesis-testing.fifty-metrics", " .92305 ", True, None, ""),
    ("stat.hypothesis-testing.fifty-metrics", "2.5", False, "expected-count", ""),
    ("stat.hypothesis-testing.fifty-metrics", "0.077", False, "probability-of-none", ""),
    ("stat.hypothesis-testing.p-value-meaning", "b", True, None, ""),
    ("stat.hypothesis-testing.p-value-meaning", "B)", True, None, ""),
    (
        "stat.hypothesis-testing.p-value-meaning",
        "If the two models were equally good, a difference at least this large would turn up "
        "in about 3% of such experiments.",
        True,
        None,
        "",
    ),
    ("stat.hypothesis-testing.p-value-meaning", "a", False, "p-is-probability-of-null", ""),
    ("stat.hypothesis-testing.p-value-meaning", "c", False, "one-minus-p", ""),
    # Second reader: four decimals pass; the lesson's answer for 20 tests, and the Bonferroni
    # threshold 0.05 / 50, are told as not right; a spaced letter passes; d is named.
    ("stat.hypothesis-testing.fifty-metrics", "0.9231", True, None, ""),
    ("stat.hypothesis-testing.fifty-metrics", "0.642", False, None, "not right"),
    ("stat.hypothesis-testing.fifty-metrics", "0.001", False, None, "not right"),
    ("stat.hypothesis-testing.fifty-metrics", "0.05", False, "one-test", ""),
    ("stat.hypothesis-testing.p-value-meaning", " b ", True, None, ""),
    ("stat.hypothesis-testing.p-value-meaning", "d", False, "p-is-effect-size", ""),
]

PERMUTATION = "stat.hypothesis-testing.permutation"
CODE = [
    # Shuffled indices instead of values, and the (count + 1) / (n_perm + 1) form.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    observed = abs(a.mean() - b.mean())
    count = 0
    for _ in range(n_perm):
        idx = rng.permutation(len(pooled))
        d = pooled[idx[: len(a)]].mean() - pooled[idx[len(a) :]].mean()
        if abs(d) >= observed:
            count += 1
    return (count + 1) / (n_perm + 1)
""",
        True,
        None,
        "",
    ),
    # All shuffles at once with Generator.permuted, in float32.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    a, b = a.astype(np.float32), b.astype(np.float32)
    shuffled = rng.permuted(np.tile(np.concatenate([a, b]), (n_perm, 1)), axis=1)
    diffs = shuffled[:, len(a):].mean(axis=1) - shuffled[:, :len(a)].mean(axis=1)
    observed = b.mean() - a.mean()
    return np.mean(np.abs(diffs) >= np.abs(observed))
""",
        True,
        None,
        "",
    ),
    # Group a drawn with rng.choice without replacement, shuffled in place with rng.shuffle.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    n = len(pooled)
    observed = b.mean() - a.mean()
    diffs = []
    for _ in range(n_perm):
        in_a = np.zeros(n, dtype=bool)
        in_a[rng.choice(n, size=len(a), replace=False)] = True
        diffs.append(pooled[~in_a].mean() - pooled[in_a].mean())
    return float(np.mean(np.abs(np.array(diffs)) >= abs(observed)))
""",
        True,
        None,
        "",
    ),
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    observed = b.mean() - a.mean()
    pooled = np.concatenate([a, b])
    diffs = np.empty(n_perm)
    for i in range(n_perm):
        shuffled = rng.permutation(pooled)
        diffs[i] = shuffled[len(a):].mean() - shuffled[:len(a)].mean()
    return float(np.mean(diffs >= observed))
""",
        False,
        "one-sided",
        "in one direction",
    ),
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    observed = abs(b.mean() - a.mean())
    pooled = np.concatenate([a, b])
    count = 0
    for i in range(n_perm):
        shuffled = rng.permutation(pooled)
        if abs(shuffled[len(a):].mean() - shuffled[:len(a)].mean()) > observed:
            count += 1
    return count / n_perm
""",
        False,
        "strictly-greater",
        "",
    ),
    # One-sided again, with shuffled indices: rng.permutation(n) draws the same permutation as
    # rng.permutation(pooled), so the variant's values match and the mistake is named.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    observed = b.mean() - a.mean()
    count = 0
    for _ in range(n_perm):
        idx = rng.permutation(len(pooled))
        if pooled[idx[len(a):]].mean() - pooled[idx[:len(a)]].mean() >= observed:
            count += 1
    return count / n_perm
""",
        False,
        "one-sided",
        "exact two-sided p-value",
    ),
    # The count of extreme shuffles, not their share: no variant matches; an invariant says it.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    observed = abs(b.mean() - a.mean())
    count = 0
    for _ in range(n_perm):
        shuffled = rng.permutation(pooled)
        count += abs(shuffled[len(a):].mean() - shuffled[:len(a)].mean()) >= observed
    return int(count)
""",
        False,
        None,
        "a p-value lies between 0 and 1",
    ),
    # Unseeded: a different result on every call.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng()
    pooled = np.concatenate([a, b])
    observed = abs(b.mean() - a.mean())
    diffs = np.array([
        (s := rng.permutation(pooled))[len(a):].mean() - s[:len(a)].mean()
        for _ in range(n_perm)
    ])
    return float(np.mean(np.abs(diffs) >= observed))
""",
        False,
        None,
        "called twice with the same arguments",
    ),
    # Second reader's submissions. The pooled values in float32, shuffled in place with
    # rng.shuffle, the observed difference from the float64 inputs: the ties with the observed
    # difference must still count.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b]).astype(np.float32)
    observed = b.mean() - a.mean()
    count = 0
    for _ in range(n_perm):
        rng.shuffle(pooled)
        d = pooled[len(a):].mean() - pooled[:len(a)].mean()
        count += abs(d) >= abs(observed)
    return count / n_perm
""",
        True,
        None,
        "",
    ),
    # The difference of means as a dot product with a weight vector, all shuffles in one array.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    w = np.concatenate([np.full(len(a), -1 / len(a)), np.full(len(b), 1 / len(b))])
    observed = pooled @ w
    shuffled = np.array([rng.permutation(pooled) for _ in range(n_perm)])
    return float(np.mean(np.abs(shuffled @ w) >= abs(observed)))
""",
        True,
        None,
        "",
    ),
    # The standard library only: random.Random(seed).shuffle on a list, sums by hand.
    (
        PERMUTATION,
        """
import random

def permutation_p(a, b, n_perm, seed):
    r = random.Random(seed)
    pooled = [float(v) for v in a] + [float(v) for v in b]
    na, nb = len(a), len(b)
    observed = abs(sum(b) / nb - sum(a) / na)
    hits = 0
    for _ in range(n_perm):
        r.shuffle(pooled)
        hits += abs(sum(pooled[na:]) / nb - sum(pooled[:na]) / na) >= observed
    return hits / n_perm
""",
        True,
        None,
        "",
    ),
    # The generator created inside the loop: every shuffle is the same one.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    pooled = np.concatenate([a, b])
    observed = b.mean() - a.mean()
    diffs = []
    for _ in range(n_perm):
        rng = np.random.default_rng(seed)
        s = rng.permutation(pooled)
        diffs.append(s[len(a):].mean() - s[:len(a)].mean())
    return float(np.mean(np.abs(diffs) >= abs(observed)))
""",
        False,
        None,
        "of the exact two-sided p-value",
    ),
    # Resampling with replacement (a bootstrap), not dealing the values again.
    (
        PERMUTATION,
        """
def permutation_p(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    observed = abs(b.mean() - a.mean())
    count = 0
    for _ in range(n_perm):
        s = rng.choice(pooled, size=len(pooled), replace=True)
        count += abs(s[len(a):].mean() - s[:len(a)].mean()) >= observed
    return count / n_perm
""",
        False,
        None,
        "of the exact two-sided p-value",
    ),
    # SciPy's permutation test gives the right number, but the checkpoint asks for the shuffles.
    (
        PERMUTATION,
        """
from scipy import stats

def permutation_p(a, b, n_perm, seed):
    def diff(x, y, axis):
        return np.mean(y, axis=axis) - np.mean(x, axis=axis)
    return float(stats.permutation_test((a, b), diff, n_resamples=n_perm, random_state=seed).pvalue)
""",
        False,
        None,
        "a library permutation test",
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
