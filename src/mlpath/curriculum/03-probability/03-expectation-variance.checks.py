"""Checkpoints for the lesson "Expectation and variance" (03-expectation-variance.md)."""

import numpy as np

from mlpath.grade import Misconception, Operation, checkpoint

VARIANCE = Operation(
    "a ready-made variance or standard deviation",
    frozenset({"var", "std", "nanvar", "nanstd", "cov", "pvariance", "variance", "pstdev"}),
)


def variance_no_square(values, probs):
    mu = np.sum(values * probs)
    return float(np.sum((values - mu) * probs))


def variance_std(values, probs):
    mu = np.sum(values * probs)
    return float(np.sqrt(np.sum((values - mu) ** 2 * probs)))


def variance_unweighted(values, probs):
    mu = np.sum(values) / len(values)
    return float(np.sum((values - mu) ** 2) / len(values))


def variance_mean_unweighted(values, probs):
    mu = np.sum(values) / len(values)
    return float(np.sum((values - mu) ** 2 * probs))


def variance_second_moment(values, probs):
    return float(np.sum(values**2 * probs))


def variance_absolute(values, probs):
    mu = np.sum(values * probs)
    return float(np.sum(np.abs(values - mu) * probs))


@checkpoint("prob.variance.implement", concepts=["prob.variance", "prob.expectation"])
class ImplementVariance:
    """Write `variance(values, probs)`: the variance of a discrete random variable that takes
    `values[i]` with probability `probs[i]` (the probabilities add up to 1), as a single number:

    $$\\operatorname{Var}(X) = \\sum_x (x - \\mu)^2\\, p(x), \\qquad \\mu = \\sum_x x\\, p(x).$$

    For a fair die, `values = [1, 2, 3, 4, 5, 6]` and six probabilities of 1/6, the answer is
    $35/12 \\approx 2.9167$. Build it from the formula: a ready-made variance or standard
    deviation (`np.var`, `np.std`, `np.cov`, `statistics.pvariance`) does not count.
    """

    function = "variance"
    starter = "import numpy as np\n\n\ndef variance(values, probs):\n    ...\n"
    forbidden = [VARIANCE]

    def reference(values, probs):
        mu = np.sum(values * probs)  # E[X]
        return float(np.sum((values - mu) ** 2 * probs))  # E[(X - mu)^2]

    def cases(rng):
        out = []
        for k in (3, 4, 5, 6, 8):
            values = rng.integers(-10, 11, size=k).astype(float)
            probs = rng.dirichlet(np.ones(k))
            out.append((values, probs))
        return out

    edge_cases = [
        (np.arange(1.0, 7.0), np.full(6, 1 / 6)),
        (np.array([0.0, 1.0]), np.array([0.7, 0.3])),
        (np.array([0.0, 7.0, 10.0]), np.array([0.2, 0.5, 0.3])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "no-square",
            variance_no_square,
            "averaged the distances from the mean without squaring them",
            "The distances x - mu are positive and negative, and weighted by p(x) they cancel "
            "exactly: the result is always 0 (up to rounding). Square them first: "
            "np.sum((values - mu) ** 2 * probs).",
            revisit="prob.expectation#when-the-variance-comes-out-0",
        ),
        Misconception(
            "standard-deviation",
            variance_std,
            "returned the standard deviation, the square root of the variance",
            "The variance is the expected squared distance, in squared units. Its square root "
            "is the standard deviation, a different quantity: leave out the square root.",
            revisit="prob.expectation#variance-the-expected-squared-distance-from-the-mean",
        ),
        Misconception(
            "ignored-probabilities",
            variance_unweighted,
            "treated every value as equally likely, ignoring probs",
            "That is the variance of a uniform choice among the values. Each value counts with "
            "its own probability: weight the squared distances, and the mean, by probs.",
            revisit="prob.expectation#the-formula-a-probability-weighted-average",
        ),
        Misconception(
            "unweighted-mean",
            variance_mean_unweighted,
            "weighted the squared distances by probs, but took mu as the plain average of the "
            "values",
            "The mean is also a probability-weighted average: mu = np.sum(values * probs). "
            "The plain average of the values is only right when all probabilities are equal.",
            revisit="prob.expectation#the-formula-a-probability-weighted-average",
        ),
        Misconception(
            "no-mean-subtracted",
            variance_second_moment,
            "computed E[X²], the average of the squared values, without subtracting the mean",
            "The variance measures the spread around the mean: square x - mu, not x. (E[X²] "
            "minus mu² also works: Var(X) = E[X²] - mu².)",
            revisit="prob.expectation#variance-the-expected-squared-distance-from-the-mean",
        ),
        Misconception(
            "absolute-distances",
            variance_absolute,
            "averaged the absolute distances |x - mu| instead of the squared ones",
            "The absolute distances do not cancel, but their average is a different measure of "
            "spread (the mean absolute deviation). The variance squares them: (x - mu) ** 2.",
            revisit="prob.expectation#variance-the-expected-squared-distance-from-the-mean",
        ),
    ]
    hints = [
        "First the mean: `mu = np.sum(values * probs)`.",
        "Then the probability-weighted average of the squared distances: "
        "`np.sum((values - mu) ** 2 * probs)`.",
    ]


_DIE_VAR = 35 / 12


def dice_added_stds():
    return 3 * np.sqrt(_DIE_VAR)


def dice_variance():
    return 3 * _DIE_VAR


def dice_one_die():
    return float(np.sqrt(_DIE_VAR))


@checkpoint("prob.variance.sum-of-dice", concepts=["prob.variance"], kind="numeric")
class SumOfDice:
    """Roll three fair dice, independently, and add their faces. What is the *standard
    deviation* of the total? Compute it exactly, from the variance of one die: a simulation
    only estimates it, and 100,000 rolls can miss the second decimal. Set `answer` to that
    number.
    """

    decimals = 2

    def solve():
        values = np.arange(1, 7)
        mu = np.sum(values / 6)
        var_one = np.sum((values - mu) ** 2 / 6)  # 35/12 for one die
        return float(np.sqrt(3 * var_one))  # variances of independent dice add

    misconceptions = [
        Misconception(
            "added-standard-deviations",
            dice_added_stds,
            "added the three standard deviations",
            "For independent variables the *variances* add, not the standard deviations: "
            "Var(total) = 3 x 35/12, and the standard deviation is its square root. Adding "
            "standard deviations overstates the spread, because the dice partly cancel each "
            "other out. (It is the spread of one die counted three times, 3X, which is not "
            "three independent dice.)",
            revisit="prob.expectation#adding-independent-variables",
        ),
        Misconception(
            "variance-not-std",
            dice_variance,
            "gave the variance of the total, not its standard deviation",
            "3 x 35/12 is the variance, in squared units. The question asks for the standard "
            "deviation: take its square root.",
            revisit="prob.expectation#variance-the-expected-squared-distance-from-the-mean",
        ),
        Misconception(
            "one-die",
            dice_one_die,
            "gave the standard deviation of one die",
            "The total of three dice spreads more than one die: its variance is the sum of the "
            "three variances.",
            revisit="prob.expectation#adding-independent-variables",
        ),
    ]
    hints = [
        "One die has variance 35/12 (the lesson computes it).",
        "Variances of independent variables add; the standard deviation is the square root.",
    ]


def tiny_sample_mean():
    return "4.4"


def tiny_large_sample():
    return "3.499"


def tiny_pooled():
    return "3.95"


@checkpoint("prob.expectation.tiny-sample", concepts=["prob.expectation"], kind="choice")
class TinySample:
    """Ana rolls a fair six-sided die 5 times, and her rolls average 4.4. Ben rolls the same die
    100,000 times, and his rolls average 3.499. What is the expectation $\\mathbb{E}[X]$ of one
    roll of this die?

    a) 4.4    b) 3.499    c) 3.5    d) 3.95, the average of the two averages

    Set `answer` to the letter of your choice.
    """

    options = ["4.4", "3.499", "3.5", "3.95"]

    def solve():
        values = np.arange(1, 7)
        return f"{np.sum(values * (1 / 6)):.1f}"  # sum of x p(x) for a fair die

    misconceptions = [
        Misconception(
            "sample-mean-is-expectation",
            tiny_sample_mean,
            "took the average of a tiny sample as the expectation",
            "The average of 5 rolls is itself random: another 5 rolls give another average. "
            "The expectation is a fixed property of the distribution, sum of x p(x), which for "
            "a fair die is (1 + 2 + ... + 6) / 6.",
            revisit="prob.expectation#the-idea-the-long-run-average",
        ),
        Misconception(
            "large-sample-is-expectation",
            tiny_large_sample,
            "took the average of a large sample as the expectation",
            "100,000 rolls give an average *close* to the expectation, but it is still a random "
            "estimate. For a die whose probabilities you know, compute it exactly: sum of "
            "x p(x) = 3.5.",
            revisit="prob.expectation#the-formula-a-probability-weighted-average",
        ),
        Misconception(
            "averaged-the-averages",
            tiny_pooled,
            "averaged the two sample averages",
            "Neither sample changes the die. The expectation comes from the distribution: each "
            "face has probability 1/6, so E[X] = (1 + 2 + ... + 6) / 6. (Pooling the rolls "
            "would weight Ben's 100,000 rolls, not give both samples equal say.)",
            revisit="prob.expectation#the-formula-a-probability-weighted-average",
        ),
    ]
    hints = ["The expectation is computed from the PMF: sum of x p(x)."]
