"""The checkpoints of lesson 10-deployment/05 (dep.ab-testing) grade real submissions right.

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

SIZE = "dep.ab-testing.sample-size"
PEEK = "dep.ab-testing.peeking"
ZTEST = "dep.ab-testing.z-test"

TYPED = [
    # 30% -> 32%, alpha 0.05 two-sided, power 0.9: 11,232.4 per arm with each arm's variance.
    Typed(SIZE, "11233", True),
    Typed(SIZE, "11232.44", True),
    Typed(SIZE, "11238", True),  # 2 p(1 - p) with the average rate 0.31
    Typed(SIZE, "11033", True),  # 2 p(1 - p) with the baseline rate 0.30
    Typed(SIZE, "11332", True),  # with Fleiss's continuity correction
    Typed(SIZE, "11500", True),  # rounded generously up
    Typed(SIZE, "9155", False, "one-sided"),
    Typed(SIZE, "5517", False, "one-arm-variance"),
    Typed(SIZE, "22465", False, "total-not-per-arm"),
    Typed(SIZE, "492", False, "power-flipped"),
    Typed(SIZE, "8391", False, "default-power"),
    Typed(SIZE, "15000", False, None),
    # Second reader: statsmodels' arcsine form (NormalIndPower with Cohen's h), Evan Miller's
    # calculator form (baseline variance under the null), z values rounded to 1.96 and 1.28,
    # scientific notation; a generous round-up past 3% and a round-down fail unnamed.
    Typed(SIZE, "11235", True),
    Typed(SIZE, "11111", True),
    Typed(SIZE, "11222", True),
    Typed(SIZE, "1.1232e4", True),
    Typed(SIZE, "12000", False, None),
    Typed(SIZE, "10800", False, None),
    # Peeking: keep going to the planned size.
    Typed(PEEK, "a", True),
    Typed(PEEK, "A", True),
    Typed(PEEK, " a) ", True),
    Typed(
        PEEK,
        "keep the test running to the planned 25,000 users per arm, and decide on the p-value then",
        True,
    ),
    Typed(PEEK, "b", False, "peeking-is-harmless"),
    Typed(PEEK, "c", False, "p-is-posterior"),
    Typed(PEEK, "d", False, "streak-rule", says="10-12%"),
    Typed(PEEK, "(a)", True),
    Typed(PEEK, "b)", False, "peeking-is-harmless"),
    Typed(PEEK, "c.", False, "p-is-posterior"),
]

CODE = [
    # Unpooled standard error, pure Python with math.erfc: P(|Z| >= |z|) = erfc(|z| / sqrt 2).
    Code(
        ZTEST,
        "import math\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p_a, p_b = x_a / n_a, x_b / n_b\n"
        "    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)\n"
        "    return math.erfc(abs(p_b - p_a) / se / math.sqrt(2))\n",
        True,
    ),
    # Pooled, in float32, with 1 - cdf.
    Code(
        ZTEST,
        "from scipy.stats import norm\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = np.float32((x_a + x_b) / (n_a + n_b))\n"
        "    se = np.sqrt(p * (1 - p) * np.float32(1 / n_a + 1 / n_b))\n"
        "    z = np.float32(x_b / n_b - x_a / n_a) / se\n"
        "    return np.float32(2 * (1 - norm.cdf(abs(z))))\n",
        True,
    ),
    # z squared is chi-square with one degree of freedom: its upper tail is the two-sided p.
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    pooled = (x_a + x_b) / (n_a + n_b)\n"
        "    var = pooled * (1 - pooled) * (1 / n_a + 1 / n_b)\n"
        "    return stats.chi2.sf((x_b / n_b - x_a / n_a) ** 2 / var, df=1)\n",
        True,
    ),
    # Welch's t-test on the 0/1 outcomes of every user: the same test for arms this large.
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    a = np.r_[np.ones(x_a), np.zeros(n_a - x_a)]\n"
        "    b = np.r_[np.ones(x_b), np.zeros(n_b - x_b)]\n"
        "    return float(stats.ttest_ind(b, a, equal_var=False).pvalue)\n",
        True,
    ),
    # Both tails added up explicitly.
    Code(
        ZTEST,
        "from scipy.stats import norm\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    z = (x_b / n_b - x_a / n_a) / (p * (1 - p) * (1 / n_a + 1 / n_b)) ** 0.5\n"
        "    return norm.cdf(-abs(z)) + norm.sf(abs(z))\n",
        True,
    ),
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    z = (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))\n"
        "    return stats.norm.sf(abs(z))\n",
        False,
        "one-sided",
    ),
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    z = (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))\n"
        "    return 1 - stats.norm.cdf(z)\n",
        False,
        "one-sided-b-better",
    ),
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    z = (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))\n"
        "    return 2 * stats.norm.sf(z)\n",
        False,
        "signed-z",
    ),
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    se = np.sqrt(p * (1 - p) / (n_a + n_b))\n"
        "    return 2 * stats.norm.sf(abs((x_b / n_b - x_a / n_a) / se))\n",
        False,
        "total-n",
    ),
    Code(
        ZTEST,
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    return (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))\n",
        False,
        "returned-z",
    ),
    # Counts instead of rates in the difference: z is n times too large, p is 0; the feedback
    # names both usual causes of a z far too large.
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    z = (x_b - x_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))\n"
        "    return 2 * stats.norm.sf(abs(z))\n",
        False,
        "z-far-too-large",
        "not of counts",
    ),
    # Second reader: the standard library's NormalDist, A minus B (the sign does not matter).
    Code(
        ZTEST,
        "from statistics import NormalDist\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    pooled = (x_a + x_b) / (n_a + n_b)\n"
        "    se = (pooled * (1 - pooled) * (1 / n_a + 1 / n_b)) ** 0.5\n"
        "    z = (x_a / n_a - x_b / n_b) / se\n"
        "    return 2 * (1 - NormalDist().cdf(abs(z)))\n",
        True,
    ),
    # The tail integrated numerically, sums over lists.
    Code(
        ZTEST,
        "import math\n"
        "from scipy import integrate\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = sum([x_a, x_b]) / sum([n_a, n_b])\n"
        "    se = math.sqrt(p * (1 - p) * sum(1 / n for n in (n_a, n_b)))\n"
        "    z = abs(x_b / n_b - x_a / n_a) / se\n"
        "    density = lambda t: math.exp(-t * t / 2) / math.sqrt(2 * math.pi)\n"
        "    return 2 * integrate.quad(density, z, math.inf)[0]\n",
        True,
    ),
    # float32 arrays of the two arms, math.erf.
    Code(
        ZTEST,
        "import math\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    x = np.array([x_a, x_b], dtype=np.float32)\n"
        "    n = np.array([n_a, n_b], dtype=np.float32)\n"
        "    p = x.sum() / n.sum()\n"
        "    z = float(np.diff(x / n)[0] / np.sqrt(p * (1 - p) * (1 / n).sum()))\n"
        "    return 1 - math.erf(abs(z) / math.sqrt(2))\n",
        True,
    ),
    # Student's t with n_a + n_b - 2 degrees of freedom: the same as the normal at these sizes.
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    z = (x_b / n_b - x_a / n_a) / (p * (1 - p) * (1 / n_a + 1 / n_b)) ** 0.5\n"
        "    return 2 * stats.t.sf(abs(z), df=n_a + n_b - 2)\n",
        True,
    ),
    # The variance used as the standard error (no square root).
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    se = p * (1 - p) * (1 / n_a + 1 / n_b)\n"
        "    return 2 * stats.norm.sf(abs((x_b / n_b - x_a / n_a) / se))\n",
        False,
        "z-far-too-large",
    ),
    # The cdf below |z| instead of the tails beyond it.
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    z = (x_b / n_b - x_a / n_a) / (p * (1 - p) * (1 / n_a + 1 / n_b)) ** 0.5\n"
        "    return stats.norm.cdf(abs(z))\n",
        False,
        "cdf-not-tail",
    ),
    # Twice the lower tail of the signed z: right only when B is worse.
    Code(
        ZTEST,
        "from scipy import stats\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    p = (x_a + x_b) / (n_a + n_b)\n"
        "    z = (x_b / n_b - x_a / n_a) / (p * (1 - p) * (1 / n_a + 1 / n_b)) ** 0.5\n"
        "    return 2 * stats.norm.cdf(z)\n",
        False,
        None,
    ),
    # The library test is forbidden, even though it gives the right number.
    Code(
        ZTEST,
        "from scipy.stats import chi2_contingency\n"
        "def ab_p_value(x_a, n_a, x_b, n_b):\n"
        "    table = [[x_a, n_a - x_a], [x_b, n_b - x_b]]\n"
        "    return chi2_contingency(table, correction=False).pvalue\n",
        False,
        None,
        "a library test of two proportions",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
