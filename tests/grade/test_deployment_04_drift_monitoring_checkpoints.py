"""The checkpoints of lesson 10-deployment/04 (dep.drift-monitoring) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader
from tests.grade.submissions import (
    Code,
    Typed,
    assert_code_verdict,
    assert_typed_verdict,
    submission_id,
)

PSI = "dep.drift-monitoring.psi"
KS = "dep.drift-monitoring.ks-statistic"
LARGE_N = "dep.drift-monitoring.large-n"

TYPED = [
    Typed(KS, "0.6", True),
    Typed(KS, "3/5", True),
    Typed(KS, ".60", True),
    Typed(KS, "60%", True),
    Typed(KS, "answer = 0.6000", True),
    Typed(KS, "0.600", True),
    Typed(KS, "6/10", True),
    Typed(KS, "0.15", False, "one-sided"),
    Typed(KS, "0.4", False, "reference-points-only"),
    Typed(KS, "2", False, "counts"),
    Typed(KS, "0.35", False, None),
    Typed(LARGE_N, "b", True),
    Typed(LARGE_N, "B", True),
    Typed(LARGE_N, "(b)", True),
    Typed(
        LARGE_N,
        "The distributions differ, but by far too little to matter: with 200,000 rows even a "
        "negligible shift gets a tiny p-value. No alert.",
        True,
    ),
    Typed(LARGE_N, "a", False, "significant-means-large"),
    Typed(LARGE_N, "c", False, "p-is-probability-of-null"),
    Typed(LARGE_N, "d", False, "test-invalid"),
]

CODE = [
    # np.searchsorted on the inner edges and np.bincount; epsilon added to every share.
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    inner = np.quantile(reference, np.linspace(0, 1, bins + 1))[1:-1]\n"
        "    p = np.bincount(np.searchsorted(inner, reference), minlength=bins) / len(reference)\n"
        "    q = np.bincount(np.searchsorted(inner, current), minlength=bins) / len(current)\n"
        "    p, q = p + 1e-4, q + 1e-4\n"
        "    return float(np.sum((p - q) * np.log(p / q)))\n",
        True,
    ),
    # Plain Python: bisect for the bins, float32 shares, a loop for the sum.
    Code(
        PSI,
        "import bisect, math\n"
        "def psi(reference, current, bins):\n"
        "    inner = list(np.quantile(reference, np.linspace(0, 1, bins + 1))[1:-1])\n"
        "    def share(x):\n"
        "        counts = [0] * bins\n"
        "        for v in x:\n"
        "            counts[bisect.bisect_right(inner, v)] += 1\n"
        "        return np.array(counts, dtype=np.float32) / np.float32(len(x))\n"
        "    p, q = share(reference), share(current)\n"
        "    total = 0.0\n"
        "    for pi, qi in zip(p, q):\n"
        "        pi, qi = max(float(pi), 1e-4), max(float(qi), 1e-4)\n"
        "        total += (qi - pi) * math.log(qi / pi)\n"
        "    return total\n",
        True,
    ),
    # np.percentile and np.digitize, PSI written as KL both ways.
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    cuts = np.percentile(reference, np.linspace(0, 100, bins + 1))[1:-1]\n"
        "    p = np.array([np.mean(np.digitize(reference, cuts) == i) for i in range(bins)])\n"
        "    q = np.array([np.mean(np.digitize(current, cuts) == i) for i in range(bins)])\n"
        "    p, q = np.maximum(p, 1e-4), np.maximum(q, 1e-4)\n"
        "    return np.sum(q * np.log(q / p)) + np.sum(p * np.log(p / q))\n",
        True,
    ),
    # np.histogram with open outer edges, as in the lesson, terms made positive with abs.
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    edges[0], edges[-1] = -np.inf, np.inf\n"
        "    p = np.clip(np.histogram(reference, edges)[0] / reference.size, 1e-4, 1)\n"
        "    q = np.clip(np.histogram(current, edges)[0] / current.size, 1e-4, 1)\n"
        "    return np.abs((q - p) * np.log(q / p)).sum()\n",
        True,
    ),
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(current, np.linspace(0, 1, bins + 1))\n"
        "    edges[0], edges[-1] = -np.inf, np.inf\n"
        "    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)\n"
        "    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-4, None)\n"
        "    return np.sum((q - p) * np.log(q / p))\n",
        False,
        "bins-from-current",
    ),
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    edges[0], edges[-1] = -np.inf, np.inf\n"
        "    p = np.histogram(reference, edges)[0] / len(reference)\n"
        "    q = np.histogram(current, edges)[0] / len(current)\n"
        "    return np.sum((q - p) * np.log(q / p))\n",
        False,
        "no-epsilon",
    ),
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    edges[0], edges[-1] = -np.inf, np.inf\n"
        "    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)\n"
        "    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-4, None)\n"
        "    return np.sum((q - p) * np.log(p / q))\n",
        False,
        "sign-swapped",
    ),
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)\n"
        "    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-4, None)\n"
        "    return np.sum((q - p) * np.log(q / p))\n",
        False,
        "out-of-range-dropped",
    ),
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    p, _ = np.histogram(reference, edges, density=False)\n"
        "    q, _ = np.histogram(current, edges)\n"
        "    p, q = np.maximum(p / p.sum(), 1e-4), np.maximum(q / q.sum(), 1e-4)\n"
        "    return np.sum((q - p) * np.log(q / p))\n",
        False,
        "out-of-range-renormalised",
    ),
    # Review: np.digitize and np.bincount in float32, np.where for the clip, a dot product.
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    cuts = np.quantile(reference, np.linspace(0, 1, bins + 1))[1:-1]\n"
        "    def shares(x):\n"
        "        s = np.bincount(np.digitize(x, cuts), minlength=bins).astype(np.float32)\n"
        "        s = s / np.float32(x.size)\n"
        "        return np.where(s < 1e-4, np.float32(1e-4), s)\n"
        "    p = shares(np.asarray(reference, np.float32))\n"
        "    q = shares(np.asarray(current, np.float32))\n"
        "    return float(np.dot(q - p, np.log(q) - np.log(p)))\n",
        True,
    ),
    # Review: a loop over half-open bins with open ends, KL both ways.
    Code(
        PSI,
        "import math\n"
        "def psi(reference, current, bins):\n"
        "    e = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    total = 0.0\n"
        "    for i in range(bins):\n"
        "        lo = -math.inf if i == 0 else e[i]\n"
        "        hi = math.inf if i == bins - 1 else e[i + 1]\n"
        "        p = sum(1 for v in reference if lo <= v < hi) / len(reference)\n"
        "        q = sum(1 for v in current if lo <= v < hi) / len(current)\n"
        "        p, q = max(p, 1e-4), max(q, 1e-4)\n"
        "        total += q * math.log(q / p) + p * math.log(p / q)\n"
        "    return total\n",
        True,
    ),
    # Review: np.searchsorted with side="left" (the edges fall between values: same shares).
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    inner = np.quantile(reference, np.linspace(0, 1, bins + 1))[1:-1]\n"
        "    p = np.bincount(np.searchsorted(inner, reference, 'left'), minlength=bins)\n"
        "    q = np.bincount(np.searchsorted(inner, current, 'left'), minlength=bins)\n"
        "    p, q = np.maximum(p / len(reference), 1e-4), np.maximum(q / len(current), 1e-4)\n"
        "    return float(np.sum((q - p) * (np.log(q) - np.log(p))))\n",
        True,
    ),
    # Review: the lesson's last epsilon, 1e-6, instead of the asked 1e-4.
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    edges[0], edges[-1] = -np.inf, np.inf\n"
        "    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-6, None)\n"
        "    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-6, None)\n"
        "    return float(np.sum((q - p) * np.log(q / p)))\n",
        False,
        "other-epsilon",
    ),
    # Review: np.histogram's own equal-width bins over the reference's range.
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    p, edges = np.histogram(reference, bins=bins)\n"
        "    q, _ = np.histogram(current, bins=edges)\n"
        "    p = np.maximum(p / len(reference), 1e-4)\n"
        "    q = np.maximum(q / len(current), 1e-4)\n"
        "    return float(np.sum((q - p) * np.log(q / p)))\n",
        False,
        "equal-width",
    ),
    # Review: base-10 logarithm: 0.434 times the PSI, no named mistake.
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    edges[0], edges[-1] = -np.inf, np.inf\n"
        "    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)\n"
        "    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-4, None)\n"
        "    return float(np.sum((q - p) * np.log10(q / p)))\n",
        False,
        None,
        "0.434294 times",
    ),
    # Only one direction of the KL divergence: not the PSI, and no named mistake.
    Code(
        PSI,
        "def psi(reference, current, bins):\n"
        "    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))\n"
        "    edges[0], edges[-1] = -np.inf, np.inf\n"
        "    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)\n"
        "    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-4, None)\n"
        "    return np.sum(q * np.log(q / p))\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
