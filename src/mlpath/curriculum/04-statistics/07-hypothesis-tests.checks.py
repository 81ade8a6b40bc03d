"""Checkpoints for the lesson "Hypothesis tests and multiple comparisons"
(07-hypothesis-tests.md)."""

import itertools

import numpy as np

from mlpath.grade import Invariant, Misconception, Operation, checkpoint

PERMUTATION_TEST = Operation("a library permutation test", frozenset({"permutation_test"}))


def permutation_one_sided(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    observed = b.mean() - a.mean()
    pooled = np.concatenate([a, b])
    diffs = np.empty(n_perm)
    for i in range(n_perm):
        shuffled = rng.permutation(pooled)
        diffs[i] = shuffled[len(a) :].mean() - shuffled[: len(a)].mean()
    return float(np.mean(diffs >= observed))


def permutation_strictly_greater(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    observed = b.mean() - a.mean()
    pooled = np.concatenate([a, b])
    diffs = np.empty(n_perm)
    for i in range(n_perm):
        shuffled = rng.permutation(pooled)
        diffs[i] = shuffled[len(a) :].mean() - shuffled[: len(a)].mean()
    return float(np.mean(np.abs(diffs) > abs(observed)))


def permutation_within_groups(a, b, n_perm, seed):
    rng = np.random.default_rng(seed)
    observed = b.mean() - a.mean()
    diffs = np.empty(n_perm)
    for i in range(n_perm):
        diffs[i] = rng.permutation(b).mean() - rng.permutation(a).mean()
    return float(np.mean(np.abs(diffs) >= abs(observed)))


_IDEA = "stat.hypothesis-testing#the-idea-what-if-the-groups-did-not-matter"


def _exact_p(a, b):
    """The two-sided p-value over every way of dealing the values into two groups."""
    pooled = np.concatenate([a, b])
    observed = abs(b.mean() - a.mean())
    extreme = total = 0
    for chosen in itertools.combinations(range(len(pooled)), len(a)):
        in_a = np.zeros(len(pooled), dtype=bool)
        in_a[list(chosen)] = True
        extreme += abs(pooled[~in_a].mean() - pooled[in_a].mean()) >= observed
        total += 1
    return extreme / total


def _close_to_exact(a, b, n_perm, seed, got):
    """Within 5 standard errors (plus 2 / n_perm for the (count + 1) / (n_perm + 1) form) of
    the exact p-value; only asked when the groups are small and the shuffles many."""
    if n_perm < 10_000 or len(a) + len(b) > 12:
        return True
    exact = _exact_p(a, b)
    bound = 5 * np.sqrt(exact * (1 - exact) / n_perm) + 2 / n_perm
    return bool(abs(float(got) - exact) <= bound)


@checkpoint(
    "stat.hypothesis-testing.permutation", concepts=["stat.hypothesis-testing"], kind="sample"
)
class Permutation:
    """Write `permutation_p(a, b, n_perm, seed)`: the two-sided permutation-test p-value for the
    difference of the means of two 1-D arrays `a` and `b`, as a single number.

    Create a generator with `np.random.default_rng(seed)`, shuffle the pooled values `n_perm`
    times, deal each shuffle back into groups of `len(a)` and `len(b)` values, and return the
    fraction of shuffles whose difference of means is at least as extreme as the observed one,
    in either direction. (Adding one to the count and to `n_perm`, as some books do, is fine.)
    Write the shuffles yourself: `scipy.stats.permutation_test` is not allowed.

    The result is random, so it is graded by its properties: it lies in $[0, 1]$; on two small
    groups with 20,000 shuffles it is close to the exact p-value, computed over every way of
    dealing the values; and the same `seed` gives the same result.
    """

    function = "permutation_p"
    starter = "import numpy as np\n\n\ndef permutation_p(a, b, n_perm, seed):\n    ...\n"
    forbidden = [PERMUTATION_TEST]
    timeout = 15  # 20,000 shuffles, twice; and the gate runs the reference on 50 seeds at once

    def reference(a, b, n_perm, seed):
        rng = np.random.default_rng(seed)
        observed = b.mean() - a.mean()
        pooled = np.concatenate([a, b])
        diffs = np.empty(n_perm)
        for i in range(n_perm):
            shuffled = rng.permutation(pooled)
            diffs[i] = shuffled[len(a) :].mean() - shuffled[: len(a)].mean()
        return float(np.mean(np.abs(diffs) >= abs(observed)))

    def cases(rng):
        out = []
        for n_a, n_b, n_perm in [(3, 4, 100), (5, 5, 100), (4, 7, 150), (8, 6, 150), (6, 9, 200)]:
            a = rng.integers(0, 10, size=n_a).astype(float)
            b = (rng.integers(0, 10, size=n_b) + rng.integers(0, 4)).astype(float)
            out.append((a, b, n_perm, int(rng.integers(0, 10_000))))
        return out

    edge_cases = [
        (np.array([3.0, 5.0, 4.0, 6.0, 5.0]), np.array([6.0, 7.0, 5.0, 8.0, 7.0]), 20_000, 0),
    ]
    hidden = 2
    invariants = [
        Invariant("a p-value lies between 0 and 1", lambda a, b, n_perm, seed, got: 0 <= got <= 1),
        Invariant(
            "on a = [3, 5, 4, 6, 5], b = [6, 7, 5, 8, 7] with 20,000 shuffles, p is within about "
            "0.008 of the exact two-sided p-value",
            _close_to_exact,
        ),
    ]
    misconceptions = [
        Misconception(
            "one-sided",
            permutation_one_sided,
            "counted only the shuffles that beat the observed difference in one direction",
            "Before looking, either group could have come out higher, so a difference as far "
            "below zero is as extreme as one above. Compare absolute values: "
            "np.abs(diffs) >= abs(observed).",
            revisit=_IDEA,
        ),
        Misconception(
            "strictly-greater",
            permutation_strictly_greater,
            "counted only shuffles strictly more extreme (>) than the observed difference",
            "The p-value counts differences *at least* as extreme: >=. The shuffle that deals "
            "the groups as observed is one of them, and with whole-number data many shuffles "
            "tie with the observed difference exactly; > leaves them out and makes p too small.",
            revisit=_IDEA,
        ),
        Misconception(
            "shuffled-within-groups",
            permutation_within_groups,
            "shuffled each group on its own, so no value ever changed group",
            "Reordering the values inside a group does not change its mean, so every shuffle "
            "reproduces the observed difference and p is 1. Pool a and b, shuffle the pooled "
            "values, then split them into groups of len(a) and len(b).",
            revisit=_IDEA,
        ),
    ]
    hints = [
        "`pooled = np.concatenate([a, b])`; in a loop, `shuffled = rng.permutation(pooled)`, then "
        "`shuffled[len(a):].mean() - shuffled[:len(a)].mean()`.",
        "Keep the differences in an array; p is `np.mean(np.abs(diffs) >= abs(observed))`.",
    ]


_RIGHT = (
    "If the two models were equally good, a difference at least this large would turn up in "
    "about 3% of such experiments."
)
_P_NULL = "There is a 3% chance that the two models are equally good."
_ONE_MINUS_P = "There is a 97% chance that model B is really better."
_EFFECT = "Model B's improvement is large."


def meaning_probability_of_null():
    return _P_NULL


def meaning_one_minus_p():
    return _ONE_MINUS_P


def meaning_effect_size():
    return _EFFECT


@checkpoint(
    "stat.hypothesis-testing.p-value-meaning", concepts=["stat.hypothesis-testing"], kind="choice"
)
class PValueMeaning:
    """You compare model B with model A on the same test questions, and a two-sided test of the
    difference in their accuracy gives $p = 0.03$. Which statement is right?

    a) There is a 3% chance that the two models are equally good.
    b) If the two models were equally good, a difference at least this large would turn up in
       about 3% of such experiments.
    c) There is a 97% chance that model B is really better.
    d) Model B's improvement is large.

    Set `answer` to the letter of your choice.
    """

    options = [_P_NULL, _RIGHT, _ONE_MINUS_P, _EFFECT]

    def solve():
        return _RIGHT

    misconceptions = [
        Misconception(
            "p-is-probability-of-null",
            meaning_probability_of_null,
            "read the p-value as the probability that the null hypothesis is true",
            "The p-value is computed assuming the null hypothesis: P(a difference this extreme "
            "| H0). The probability of H0 given the data is P(H0 | data), the other way round, "
            "and it depends on how plausible H0 was before the experiment (Bayes' rule).",
            revisit="stat.hypothesis-testing#what-a-p-value-is-not",
        ),
        Misconception(
            "one-minus-p",
            meaning_one_minus_p,
            "read 1 - p as the probability that the effect is real",
            "1 - p is not a probability that B is better: the p-value is a statement about the "
            "data under the null hypothesis, not about the hypotheses given the data.",
            revisit="stat.hypothesis-testing#what-a-p-value-is-not",
        ),
        Misconception(
            "p-is-effect-size",
            meaning_effect_size,
            "read a small p-value as a large effect",
            "A p-value mixes the size of the difference with the amount of data: with enough "
            "test questions, a tiny improvement gets a tiny p. Look at the difference itself "
            "(and its confidence interval) for the size.",
            revisit="stat.hypothesis-testing#what-a-p-value-is-not",
        ),
    ]
    hints = [
        "A p-value is computed by pretending the null hypothesis is true, as the permutation "
        "test does when it shuffles the labels.",
    ]


def fifty_expected_count():
    return 50 * 0.05


def fifty_one_test():
    return 0.05


def fifty_none():
    return 0.95**50


@checkpoint(
    "stat.hypothesis-testing.fifty-metrics", concepts=["stat.hypothesis-testing"], kind="numeric"
)
class FiftyMetrics:
    """A dashboard compares a new model with the old one on 50 metrics, each with its own test at
    $\\alpha = 0.05$. In truth the two models are identical, and the 50 tests are independent.

    What is the probability that at least one of the 50 metrics shows a "significant" difference?
    Set `answer` to that number.
    """

    decimals = 3

    def solve():
        return 1 - (1 - 0.05) ** 50

    misconceptions = [
        Misconception(
            "expected-count",
            fifty_expected_count,
            "computed 50 x 0.05, the expected number of false alarms, not a probability",
            "50 x 0.05 = 2.5 is how many false alarms you expect on average; a probability "
            "cannot exceed 1. The chance of none is 0.95^50, so at least one has probability "
            "1 - 0.95^50.",
            revisit="stat.hypothesis-testing#twenty-tests-at-once",
        ),
        Misconception(
            "one-test",
            fifty_one_test,
            "gave the false-alarm rate of a single test",
            "Each test alone raises a false alarm 5% of the time, but there are 50 chances. The "
            "chance that none of them does is 0.95^50.",
            revisit="stat.hypothesis-testing#twenty-tests-at-once",
        ),
        Misconception(
            "probability-of-none",
            fifty_none,
            "computed 0.95^50, the probability that no metric is significant",
            "0.95^50 is the chance that all 50 tests stay quiet. The question asks for the "
            "opposite event, at least one false alarm: 1 - 0.95^50.",
            revisit="stat.hypothesis-testing#twenty-tests-at-once",
        ),
    ]
    hints = [
        "Each test stays quiet with probability 0.95, independently of the others.",
        "P(at least one) = 1 - P(none).",
    ]
