"""Checkpoints for the lesson "Events and the rules of probability" (01-events-and-rules.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def at_least_one_added(p, n):
    return n * p


def at_least_one_added_capped(p, n):
    return min(1.0, n * p)


def at_least_one_none(p, n):
    return (1 - p) ** n


def at_least_one_complement_of_all(p, n):
    return 1 - p**n


def at_least_one_exactly_one(p, n):
    return n * p * (1 - p) ** (n - 1)


@checkpoint("prob.basics.at-least-one", concepts=["prob.basics"])
class AtLeastOne:
    """Write `at_least_one(p, n)`: the probability that an event with probability `p` happens at
    least once in `n` independent repeats (a six in `n` rolls, an error in a batch of `n`
    inputs), computed exactly with the rules of the lesson, as a single number.

    For `p = 1/6` and `n = 2` the answer is $11/36 \\approx 0.3056$.
    """

    function = "at_least_one"
    starter = "def at_least_one(p, n):\n    ...\n"
    # float32 arithmetic returned as a Python float is off by about 1e-6 relative (1 - p rounded,
    # then raised to the n-th power); every misconception is off by more than 1e-2.
    rtol = 2e-5

    def reference(p, n):
        return 1 - (1 - p) ** n

    def cases(rng):
        return [(float(rng.uniform(0.05, 0.6)), int(n)) for n in (2, 3, 5, 8, 12)]

    edge_cases = [(1 / 6, 2), (1 / 6, 7), (0.02, 50), (0.5, 3)]
    hidden = 2
    misconceptions = [
        Misconception(
            "added-probabilities",
            at_least_one_added,
            "added the probabilities of the n repeats, n * p",
            "The events 'it happens in repeat 1', 'in repeat 2', ... overlap (it can happen in "
            "several repeats), so adding their probabilities counts those outcomes more than "
            "once; for n * p > 1 the result is not even a probability. Use the complement: "
            "1 - P(it never happens).",
            revisit="prob.basics#when-at-least-one-goes-above-1",
        ),
        Misconception(
            "added-then-capped",
            at_least_one_added_capped,
            "added the probabilities of the n repeats and capped the sum at 1",
            "Capping hides the symptom, not the mistake: the events 'it happens in repeat 1', "
            "'in repeat 2', ... overlap, so n * p counts the outcomes with several hits more "
            "than once even while it is below 1 (2 rolls: 2/6 = 0.333, but the answer is "
            "11/36 = 0.306). Use the complement: 1 - P(it never happens).",
            revisit="prob.basics#when-at-least-one-goes-above-1",
        ),
        Misconception(
            "probability-of-none",
            at_least_one_none,
            "returned (1 - p) ** n, the probability that it never happens",
            "(1 - p) ** n is the probability of the complement, 'not even once'. 'At least once' "
            "is everything else: 1 - (1 - p) ** n.",
            revisit="prob.basics#at-least-one-go-through-the-complement",
        ),
        Misconception(
            "complement-of-every-time",
            at_least_one_complement_of_all,
            "returned 1 - p ** n, the probability that it does not happen every time",
            "p ** n is the probability that it happens in *every* repeat, so 1 - p ** n is "
            "'not every time'. 'At least once' fails only when it misses every time, with "
            "probability (1 - p) ** n: the answer is 1 - (1 - p) ** n.",
            revisit="prob.basics#at-least-one-go-through-the-complement",
        ),
        Misconception(
            "exactly-once",
            at_least_one_exactly_one,
            "computed the probability that it happens exactly once",
            "n * p * (1 - p) ** (n - 1) counts only the outcomes with exactly one hit. 'At least "
            "once' also includes two, three, ... hits; the complement rule gets all of them: "
            "1 - (1 - p) ** n.",
            revisit="prob.basics#at-least-one-go-through-the-complement",
        ),
    ]
    hints = [
        "'At least once' fails only when the event misses in every repeat.",
        "Each repeat misses with probability 1 - p; all n miss with probability (1 - p) ** n. "
        "Subtract that from 1.",
    ]


def _wine():
    from sklearn.datasets import load_wine

    wine = load_wine()
    return wine.target, wine.data[:, 0]


def wine_or_added():
    y, alcohol = _wine()
    return float(np.sum(y == 2) / len(y) + np.sum(alcohol > 13) / len(y))


def wine_or_count():
    y, alcohol = _wine()
    return float(np.sum((y == 2) | (alcohol > 13)))


def wine_or_and():
    y, alcohol = _wine()
    return float(np.sum((y == 2) & (alcohol > 13)) / len(y))


@checkpoint("prob.basics.wine-or", concepts=["prob.basics"], kind="numeric")
class WineOr:
    """Load the wine data with `from sklearn.datasets import load_wine` and pick one of the 178
    wines at random, every row equally likely. Let $A$ be "the wine is cultivar 2"
    (`wine.target == 2`) and $B$ be "its alcohol content, column 0 of `wine.data`, is above 13"
    (`> 13`).

    What is $P(A \\text{ or } B)$? Set `answer` to that probability.
    """

    decimals = 3
    timeout = 20  # solve() loads scikit-learn, which is slow on a cold start

    def solve():
        y, alcohol = _wine()
        return float(np.sum((y == 2) | (alcohol > 13)) / len(y))

    misconceptions = [
        Misconception(
            "added-overlapping",
            wine_or_added,
            "added P(A) and P(B), but the two events overlap",
            "Some cultivar-2 wines have more than 13% alcohol, so P(A) + P(B) counts them "
            "twice. Count the rows in A | B directly, or subtract the overlap once: "
            "P(A) + P(B) - P(A and B).",
            revisit="prob.basics#real-data-wine-cultivars",
        ),
        Misconception(
            "and-instead-of-or",
            wine_or_and,
            "computed P(A and B), the wines in both events",
            "'A or B' holds for a wine in A, in B, or in both: combine the True/False arrays "
            "with |, not &.",
            revisit="prob.basics#the-formula-count-equally-likely-outcomes",
        ),
        Misconception(
            "count-not-probability",
            wine_or_count,
            "gave the number of wines in A or B, not their share",
            "A probability is a share between 0 and 1: divide the number of wines in A or B by "
            "the number of all wines, 178.",
            revisit="prob.basics#real-data-wine-cultivars",
        ),
    ]
    hints = [
        "Build the two True/False arrays, `y == 2` and `alcohol > 13`.",
        "'Or' is `|`; the probability is the number of True entries divided by 178.",
    ]
