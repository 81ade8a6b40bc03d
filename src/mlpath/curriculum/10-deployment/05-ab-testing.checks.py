"""Checkpoints for the lesson "A/B tests: sample size, power, and the peeking problem"
(05-ab-testing.md)."""

import numpy as np
from scipy import stats

from mlpath.grade import Misconception, Operation, checkpoint

_TEST = "dep.ab-testing#one-test-did-the-new-retriever-help"
_SIZE = "dep.ab-testing#how-many-users-power-and-sample-size"
_PEEK = "dep.ab-testing#looking-every-day"

# The sample-size question: 30% -> 32%, alpha 0.05 two-sided, power 0.9.
_P1, _MDE, _ALPHA, _POWER = 0.30, 0.02, 0.05, 0.9


def _variances():
    p2 = _P1 + _MDE
    return _P1 * (1 - _P1) + p2 * (1 - p2)


def size_one_sided():
    p2 = _P1 + _MDE
    z = stats.norm.ppf(1 - _ALPHA) + stats.norm.ppf(_POWER)
    return z**2 * (_P1 * (1 - _P1) + p2 * (1 - p2)) / _MDE**2


def size_one_variance():
    z = stats.norm.ppf(1 - _ALPHA / 2) + stats.norm.ppf(_POWER)
    return z**2 * _P1 * (1 - _P1) / _MDE**2


def size_both_arms():
    p2 = _P1 + _MDE
    z = stats.norm.ppf(1 - _ALPHA / 2) + stats.norm.ppf(_POWER)
    return 2 * z**2 * (_P1 * (1 - _P1) + p2 * (1 - p2)) / _MDE**2


def size_default_power():
    p2 = _P1 + _MDE
    z = stats.norm.ppf(1 - _ALPHA / 2) + stats.norm.ppf(0.8)
    return z**2 * (_P1 * (1 - _P1) + p2 * (1 - p2)) / _MDE**2


def size_power_flipped():
    p2 = _P1 + _MDE
    z = stats.norm.ppf(1 - _ALPHA / 2) + stats.norm.ppf(1 - _POWER)
    return z**2 * (_P1 * (1 - _P1) + p2 * (1 - p2)) / _MDE**2


@checkpoint("dep.ab-testing.sample-size", concepts=["dep.ab-testing"], kind="numeric")
class SampleSize:
    """Today 30% of answers are accepted. A new reranker is worth shipping if it lifts that by
    2 percentage points, to 32%. You will run a two-sided test at $\\alpha = 0.05$ and want a
    power of 0.9. How many users does the test need **in each arm**? Set `answer` to that number.

    Calculators use slightly different forms of the formula (the pooled rate or each arm's own
    rate in the variance, a continuity correction); every usual form is within a few percent
    of the others, so any answer within 3% of the lesson's formula is accepted.
    """

    rtol = 0.03
    atol = 0.0

    def solve():
        z = stats.norm.ppf(1 - _ALPHA / 2) + stats.norm.ppf(_POWER)
        return z**2 * _variances() / _MDE**2

    misconceptions = [
        Misconception(
            "one-sided",
            size_one_sided,
            "used the one-sided critical value z = 1.645 instead of the two-sided 1.96",
            "A two-sided test at alpha = 0.05 rejects when |z| > 1.96: it puts 0.025 in each "
            "tail, so the critical value is norm.ppf(1 - alpha / 2), not norm.ppf(1 - alpha). "
            "The one-sided value makes the test look cheaper than the test you will run.",
            revisit=_SIZE,
        ),
        Misconception(
            "one-arm-variance",
            size_one_variance,
            "used the variance of one arm, p(1 - p), instead of the sum over both arms",
            "The difference of two independent rates has the variance of the first plus the "
            "variance of the second: p1(1 - p1) + p2(1 - p2). With one of them, you plan for "
            "about half the users the test needs.",
            revisit=_SIZE,
        ),
        Misconception(
            "total-not-per-arm",
            size_both_arms,
            "gave the users of both arms together",
            "The formula with p1(1 - p1) + p2(1 - p2) in it gives n for each arm; the test "
            "needs n users in A and n in B. The question asks for one arm.",
            revisit=_SIZE,
        ),
        Misconception(
            "default-power",
            size_default_power,
            "used a power of 0.8, the usual default, instead of the 0.9 asked for",
            "The question asks for a power of 0.9: z(power) = norm.ppf(0.9) = 1.28, not "
            "norm.ppf(0.8) = 0.84. More power needs more users.",
            revisit=_SIZE,
        ),
        Misconception(
            "power-flipped",
            size_power_flipped,
            "used norm.ppf(1 - power) = -1.28 instead of norm.ppf(power) = +1.28",
            "For a power of 0.9, delta / SE must reach z(1 - alpha/2) + z(power), with "
            "z(power) = norm.ppf(0.9) = 1.28. norm.ppf(1 - 0.9) is -1.28, which subtracts "
            "instead of adds and gives a far too small test.",
            revisit=_SIZE,
        ),
    ]
    hints = [
        "p1 = 0.30, p2 = 0.32, delta = 0.02; z for alpha is norm.ppf(1 - 0.05 / 2), z for power "
        "is norm.ppf(0.9).",
        "n = (z_alpha + z_power)**2 * (p1 * (1 - p1) + p2 * (1 - p2)) / delta**2",
    ]


_OPTIONS = [
    "keep the test running to the planned 25,000 users per arm, and decide on the p-value then",
    "stop now and ship B: p < 0.05 means the same whenever it is computed",
    "stop now and ship B: there is a 97% chance that B is better",
    "wait until p stays below 0.05 for three days in a row, then stop and ship B",
]


def peek_harmless():
    return _OPTIONS[1]


def peek_posterior():
    return _OPTIONS[2]


def peek_streak():
    return _OPTIONS[3]


@checkpoint("dep.ab-testing.peeking", concepts=["dep.ab-testing"], kind="choice")
class Peeking:
    """An A/B test of a new retriever was planned, with a power calculation, for 25,000 users
    per arm, about three weeks of traffic. The dashboard updates every day. On day 5, the
    two-sided p-value for the acceptance rate is 0.03, with B ahead. What do you do?

    a) keep the test running to the planned 25,000 users per arm, and decide on the p-value
    then
    b) stop now and ship B: p < 0.05 means the same whenever it is computed
    c) stop now and ship B: there is a 97% chance that B is better
    d) wait until p stays below 0.05 for three days in a row, then stop and ship B

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        return _OPTIONS[0]

    misconceptions = [
        Misconception(
            "peeking-is-harmless",
            peek_harmless,
            "treated a p-value looked at along the way like the planned final one",
            "The 5% promise holds for one test at a sample size fixed in advance. Looking every "
            "day and stopping at the first p < 0.05 gives noise a new chance at each look: in "
            "the lesson's A/A tests, daily looks declared more than a quarter of them "
            "significant.",
            revisit=_PEEK,
        ),
        Misconception(
            "p-is-posterior",
            peek_posterior,
            "read 1 - p as the probability that B is better",
            "A p-value of 0.03 is the chance of a difference at least this large *if* A and B "
            "were equal, not the chance that B is better. And this one was picked at an early "
            "look, so even that 3% is not what it seems.",
            revisit=_PEEK,
        ),
        Misconception(
            "streak-rule",
            peek_streak,
            "made up a stopping rule from repeated looks",
            "Three days in a row below 0.05 is still a decision taken while watching the "
            "p-value move. Days in a row share most of their users, so once noise pushes p "
            "below 0.05 it tends to stay there: in A/A tests looked at daily for three to four "
            "weeks, this rule declares about twice the promised 5% significant (10-12%), and "
            "more the longer you watch. Stop at the planned size, or use a sequential test "
            "designed for repeated looks.",
            revisit=_PEEK,
        ),
    ]
    hints = [
        "For which decision rule does the 5% false-alarm promise hold?",
        "Look at the peeking simulation: what happens to A/A tests stopped at their first "
        "p < 0.05?",
    ]


TWO_PROPORTION_TEST = Operation(
    "a library test of two proportions",
    frozenset(
        {
            "chi2_contingency",
            "proportions_ztest",
            "test_proportions_2indep",
            "fisher_exact",
            "barnard_exact",
            "boschloo_exact",
        }
    ),
)


def p_one_sided(x_a, n_a, x_b, n_b):
    from scipy import stats

    p = (x_a + x_b) / (n_a + n_b)
    z = (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))
    return float(stats.norm.sf(abs(z)))


def p_one_sided_b_better(x_a, n_a, x_b, n_b):
    from scipy import stats

    p = (x_a + x_b) / (n_a + n_b)
    z = (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))
    return float(1 - stats.norm.cdf(z))


def p_signed_z(x_a, n_a, x_b, n_b):
    from scipy import stats

    p = (x_a + x_b) / (n_a + n_b)
    z = (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))
    return float(2 * (1 - stats.norm.cdf(z)))


def p_total_n(x_a, n_a, x_b, n_b):
    from scipy import stats

    p = (x_a + x_b) / (n_a + n_b)
    z = (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) / (n_a + n_b))
    return float(2 * stats.norm.sf(abs(z)))


def p_no_square_root(x_a, n_a, x_b, n_b):
    from scipy import stats

    p = (x_a + x_b) / (n_a + n_b)
    z = (x_b / n_b - x_a / n_a) / (p * (1 - p) * (1 / n_a + 1 / n_b))
    return float(2 * stats.norm.sf(abs(z)))


def p_cdf_not_tail(x_a, n_a, x_b, n_b):
    from scipy import stats

    p = (x_a + x_b) / (n_a + n_b)
    z = (x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))
    return float(stats.norm.cdf(abs(z)))


def p_returned_z(x_a, n_a, x_b, n_b):
    p = (x_a + x_b) / (n_a + n_b)
    return float((x_b / n_b - x_a / n_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b)))


_STARTER = """import numpy as np
from scipy import stats


def ab_p_value(x_a, n_a, x_b, n_b):
    ...
"""


def _case(rng):
    """Two arms of about the same size (within 5%), rates from 5% to 50%, a lift of 0.3 to 2.6
    standard errors (of A's rate; the test's |z| then lies between 0.3 and about 3.2). There the
    pooled and unpooled p-values, and Welch's t-test on the 0/1 outcomes, agree within 4.3% (the
    worst corner: a 5% rate, z = -2.6, B's arm 5% smaller, 3,000 users), inside rtol = 0.05."""
    n_a = int(rng.integers(3_000, 20_001))
    n_b = int(n_a + rng.integers(-(n_a // 20), n_a // 20 + 1))
    p_a = float(rng.uniform(0.05, 0.5))
    x_a = round(p_a * n_a)
    z = float(rng.choice([-1.0, 1.0]) * rng.uniform(0.3, 2.6))
    se = np.sqrt(p_a * (1 - p_a) * (1 / n_a + 1 / n_b))
    x_b = round(float((p_a + z * se) * n_b))
    return (x_a, n_a, x_b, n_b)


@checkpoint("dep.ab-testing.z-test", concepts=["dep.ab-testing"])
class ZTest:
    """Write `ab_p_value(x_a, n_a, x_b, n_b)`: the two-sided p-value of the two-proportion
    z-test, for `x_a` accepted answers out of `n_a` users in arm A and `x_b` out of `n_b` in
    arm B (all whole numbers). Return one number.

    Use the pooled rate in the standard error, as the lesson does; each arm's own rate
    (unpooled) is accepted too, since on these tests' arms of about equal size the two agree
    within 5%, the tolerance. No continuity correction. `scipy.stats.norm` and `math.erf` are
    fine; a library test that does the whole job (`chi2_contingency`, `proportions_ztest`,
    `fisher_exact`) is not allowed.
    """

    function = "ab_p_value"
    starter = _STARTER
    forbidden = [TWO_PROPORTION_TEST]
    rtol = 0.05
    atol = 1e-9

    def reference(x_a, n_a, x_b, n_b):
        from scipy import stats

        p = (x_a + x_b) / (n_a + n_b)
        se = np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))
        z = (x_b / n_b - x_a / n_a) / se
        return float(2 * stats.norm.sf(abs(z)))

    def cases(rng):
        return [_case(rng) for _ in range(6)]

    edge_cases = [
        (2000, 10_000, 2110, 10_000),  # the lesson's test
        (1300, 6000, 1180, 6100),  # B worse than A
        (500, 5000, 500, 5000),  # the same rate: p = 1
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "one-sided",
            p_one_sided,
            "returned a one-sided p-value, half the two-sided one",
            "Before the test either arm could have come out ahead, so a difference as large in "
            "the other direction is as extreme: count both tails, p = 2 * (1 - Phi(|z|)), "
            "which is 2 * stats.norm.sf(abs(z)).",
            revisit=_TEST,
        ),
        Misconception(
            "one-sided-b-better",
            p_one_sided_b_better,
            "returned the one-sided p-value for 'B is better', 1 - Phi(z)",
            "1 - Phi(z) is the upper tail only: it asks whether B beat A, and comes out above "
            "0.5 when B is worse. The two-sided p-value counts both tails: "
            "2 * (1 - Phi(|z|)).",
            revisit=_TEST,
        ),
        Misconception(
            "signed-z",
            p_signed_z,
            "doubled the upper tail of z without its absolute value, so p > 1 when B is worse",
            "2 * (1 - Phi(z)) is right only for z > 0; for a negative z it exceeds 1, which no "
            "probability can. Take the absolute value first: 2 * (1 - Phi(|z|)).",
            revisit=_TEST,
        ),
        Misconception(
            "total-n",
            p_total_n,
            "used p(1 - p) / (n_a + n_b) as the variance, the variance of one rate over all "
            "users, not of a difference of two",
            "The difference of two independent rates has the variance of the first plus the "
            "variance of the second: p(1 - p) / n_a + p(1 - p) / n_b. Dividing by the total "
            "number of users makes the standard error about half as large and p far too small.",
            revisit=_TEST,
        ),
        Misconception(
            "z-far-too-large",
            p_no_square_root,
            "got a p-value of about 0 where the arms differ by a few standard errors at most: "
            "z came out far too large",
            "Check the two usual causes. The standard error is the square root of "
            "p(1 - p)(1/n_a + 1/n_b): without the square root you divide by the variance, a "
            "much smaller number. And the difference is of rates, x_b / n_b - x_a / n_a, not of "
            "counts.",
            revisit=_TEST,
        ),
        Misconception(
            "cdf-not-tail",
            p_cdf_not_tail,
            "returned Phi(|z|), the chance of a z below |z|, instead of the tails beyond it",
            "norm.cdf(|z|) is the probability of a value below |z|: close to 1 for a large "
            "difference, the opposite of a p-value. The p-value is the chance of a |z| at least "
            "this large: the two tails beyond it, 2 * (1 - Phi(|z|)) = 2 * stats.norm.sf(abs(z)).",
            revisit=_TEST,
        ),
        Misconception(
            "returned-z",
            p_returned_z,
            "returned the z statistic instead of the p-value",
            "z says how many standard errors apart the two rates are. The p-value is the chance "
            "of a |z| at least that large under the null hypothesis: 2 * stats.norm.sf(abs(z)).",
            revisit=_TEST,
        ),
    ]
    hints = [
        "Pooled rate p = (x_a + x_b) / (n_a + n_b); SE = sqrt(p (1 - p) (1/n_a + 1/n_b)); "
        "z = (x_b / n_b - x_a / n_a) / SE.",
        "Two-sided: p = 2 * stats.norm.sf(abs(z)).",
    ]
