"""Checkpoints for the lesson "Random variables and their distributions" (02-distributions.md)."""

import numpy as np

from mlpath.grade import Invariant, Misconception, checkpoint


def categorical_ignores_p(p, n, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, len(p), size=n)


def categorical_probabilities_as_cuts(p, n, seed):
    rng = np.random.default_rng(seed)
    u = rng.random(n)
    cuts = np.asarray(p)[:-1]  # forgot the running sum
    return np.sum(u[:, None] >= cuts, axis=1)


def categorical_one_uniform(p, n, seed):
    rng = np.random.default_rng(seed)
    u = rng.random()  # one number for all n labels
    cuts = np.cumsum(p)[:-1]
    return np.full(n, np.sum(u >= cuts))


def _labels_in_range(p, n, seed, got):
    return bool(np.all((got >= 0) & (got < len(p)) & (got == np.round(got))))


def _no_impossible_class(p, n, seed, got):
    p = np.asarray(p)
    inside = got[(got >= 0) & (got < len(p))].astype(int)
    return bool(np.all(p[inside] > 0))


def _shares_match(p, n, seed, got):
    """Each class's count within 5 standard deviations of n p_j, on a large case only (a right
    sampler fails this about once in a million checks)."""
    if n < 5000:
        return True
    p = np.asarray(p)
    counts = np.array([np.sum(got == j) for j in range(len(p))])
    spread = 5 * np.sqrt(n * p * (1 - p)) + 1
    return bool(np.all(np.abs(counts - n * p) <= spread))


@checkpoint(
    "prob.distributions.sample-categorical",
    concepts=["prob.distributions", "prob.common-distributions"],
    kind="sample",
)
class SampleCategorical:
    """Write `sample_categorical(p, n, seed)`: `n` draws from the categorical distribution with
    probabilities `p` (an array of $k$ numbers that add up to 1), as an array of $n$ class labels
    from $0$ to $k - 1$. Label $j$ must come up with probability `p[j]`.

    Create the generator inside the function with `np.random.default_rng(seed)`, so that the same
    `seed` gives the same labels. Cut $[0, 1)$ at the running sums of `p` as in the lesson, or use
    the generator's `choice`.
    """

    function = "sample_categorical"
    starter = "import numpy as np\n\n\ndef sample_categorical(p, n, seed):\n    ...\n"

    def reference(p, n, seed):
        rng = np.random.default_rng(seed)
        u = rng.random(n)
        cuts = np.cumsum(p)[:-1]
        return np.sum(u[:, None] >= cuts, axis=1)

    def cases(rng):
        out = []
        for k, n in [(2, 6), (3, 10), (4, 12), (5, 15), (3, 20)]:
            p = rng.dirichlet(np.ones(k))
            out.append((p, n, int(rng.integers(0, 10_000))))
        return out

    edge_cases = [
        (np.array([0.5, 0.3, 0.2]), 10, 0),
        (np.array([0.1, 0.0, 0.6, 0.3]), 20_000, 1),
        (np.array([0.7, 0.2, 0.1]), 20_000, 2),
    ]
    hidden = 2
    invariants = [
        Invariant("every label is a whole number from 0 to k - 1", _labels_in_range),
        Invariant("a class with probability 0 never comes up", _no_impossible_class),
        Invariant(
            "in 20,000 draws, the share of each label j is close to p[j] (within 5 standard "
            "deviations of the count)",
            _shares_match,
        ),
    ]
    misconceptions = [
        Misconception(
            "ignores-probabilities",
            categorical_ignores_p,
            "drew every class equally often, ignoring p",
            "rng.integers(0, k) is the *uniform* distribution over the classes. A categorical "
            "distribution gives class j the probability p[j]: cut [0, 1) into pieces of lengths "
            "p[0], p[1], ... and return the piece a uniform number lands in.",
            revisit="prob.distributions#categorical-one-of-k-classes",
        ),
        Misconception(
            "probabilities-as-cuts",
            categorical_probabilities_as_cuts,
            "cut [0, 1) at the probabilities themselves instead of at their running sums",
            "The pieces must have lengths p[0], p[1], ..., so the cuts sit at p[0], p[0] + p[1], "
            "...: the running sums, np.cumsum(p)[:-1]. Cutting at p[0], p[1], ... gives pieces "
            "of the wrong lengths (and out of order).",
            revisit="prob.distributions#categorical-one-of-k-classes",
        ),
        Misconception(
            "one-uniform-for-all",
            categorical_one_uniform,
            "used one uniform number for all n labels, so every label is the same",
            "Each label needs its own uniform number: draw u = rng.random(n), n of them at once. "
            "(Creating a new generator with the same seed for every draw has the same effect: "
            "each one starts from the same state.)",
            revisit="prob.distributions#categorical-one-of-k-classes",
        ),
    ]
    hints = [
        "`rng = np.random.default_rng(seed)`, then `u = rng.random(n)`: n uniform numbers.",
        "`cuts = np.cumsum(p)[:-1]`; the label of each u is the number of cuts it has passed: "
        "`np.sum(u[:, None] >= cuts, axis=1)`.",
    ]


def uniform_density_as_probability():
    a, b = 2.0, 2.5
    return 1 / (b - a)


def uniform_width_only():
    return 2.3 - 2.1


def uniform_divided_by_b():
    return (2.3 - 2.1) / 2.5


def uniform_left_area_only():
    a, b = 2.0, 2.5
    return (2.3 - a) / (b - a)  # F(2.3), without subtracting F(2.1)


@checkpoint(
    "prob.common-distributions.uniform-interval",
    concepts=["prob.distributions", "prob.common-distributions"],
    kind="numeric",
)
class UniformInterval:
    """A delivery arrives at a time $X$, in hours after noon, uniform on $[2, 2.5)$: every moment
    between 2:00 and 2:30 is equally likely.

    What is $P(2.1 \\le X < 2.3)$? Set `answer` to that probability.
    """

    decimals = 2

    def solve():
        a, b = 2.0, 2.5
        density = 1 / (b - a)
        return density * (2.3 - 2.1)  # area of a rectangle: density times width

    misconceptions = [
        Misconception(
            "density-as-probability",
            uniform_density_as_probability,
            "gave the density 1 / (b - a) as the probability",
            "A density is probability per unit of length, not a probability (here it is 2, "
            "which no probability can be). The probability of an interval is the area under the "
            "density: density times the width of the interval.",
            revisit="prob.distributions#continuous-uniform-and-gaussian-densities",
        ),
        Misconception(
            "width-only",
            uniform_width_only,
            "gave the width of the interval, as if the density were 1",
            "The area is density times width, and the density of the uniform on [2, 2.5) is "
            "1 / (2.5 - 2) = 2, not 1: the whole range is only half an hour long.",
            revisit="prob.distributions#continuous-uniform-and-gaussian-densities",
        ),
        Misconception(
            "divided-by-b",
            uniform_divided_by_b,
            "divided the width by 2.5 instead of by the length of the range, 2.5 - 2",
            "The uniform density on [a, b) is 1 / (b - a): the total area, density times the "
            "length of the range, must be 1.",
            revisit="prob.distributions#continuous-uniform-and-gaussian-densities",
        ),
        Misconception(
            "cdf-at-the-right-end-only",
            uniform_left_area_only,
            "gave P(X < 2.3), the whole area to the left of 2.3",
            "That area also counts the arrivals between 2.0 and 2.1. The interval's probability "
            "is F(2.3) - F(2.1): the area between the two ends, density times width.",
            revisit="prob.distributions#continuous-uniform-and-gaussian-densities",
        ),
    ]
    hints = [
        "The density of the uniform on [a, b) is 1 / (b - a).",
        "A probability is an area: density times the width of the interval.",
    ]


def _norm():
    from scipy.stats import norm

    return norm


def tail_scale_is_variance():
    return float(1 - _norm().cdf(190, loc=170, scale=10**2))


def tail_cdf_not_complement():
    return float(_norm().cdf(190, loc=170, scale=10))


def tail_rounded_rule():
    return (1 - 0.95) / 2


def tail_density_at_point():
    return float(_norm().pdf(190, loc=170, scale=10))


def tail_both_tails():
    norm = _norm()
    return float(1 - (norm.cdf(190, loc=170, scale=10) - norm.cdf(150, loc=170, scale=10)))


@checkpoint(
    "prob.common-distributions.gaussian-tail",
    concepts=["prob.common-distributions", "prob.distributions"],
    kind="numeric",
)
class GaussianTail:
    """Heights in a population follow a Gaussian $\\mathcal{N}(170, 10^2)$, in cm: mean
    $\\mu = 170$ and standard deviation $\\sigma = 10$. SciPy's `norm.cdf(x, loc, scale)` is the
    CDF $F(x) = P(X \\le x)$.

    What is the probability that a person picked at random is taller than 190 cm? Set `answer`
    to that probability.
    """

    decimals = 3
    timeout = 20  # solve() imports SciPy, which is slow on a cold start

    def solve():
        return float(1 - _norm().cdf(190, loc=170, scale=10))

    misconceptions = [
        Misconception(
            "scale-is-variance",
            tail_scale_is_variance,
            "passed the variance 10² = 100 as the scale",
            "In N(170, 10²) the second number is the variance sigma²; SciPy's scale, like "
            "NumPy's rng.normal(loc, scale), is the standard deviation sigma = 10.",
            revisit="prob.distributions#continuous-uniform-and-gaussian-densities",
        ),
        Misconception(
            "cdf-not-complement",
            tail_cdf_not_complement,
            "gave F(190) = P(X <= 190), the probability of being *at most* 190 cm",
            "The CDF is the area to the left. 'Taller than 190' is the area to the right, the "
            "complement: 1 - F(190).",
            revisit="prob.distributions#continuous-uniform-and-gaussian-densities",
        ),
        Misconception(
            "rounded-95-rule",
            tail_rounded_rule,
            "used 'about 95% within 2 sigma', so 2.5% above",
            "The idea is right: 190 is 2 sigma above the mean, and the two tails outside 2 sigma "
            "are the same size. But 95% is rounded: the area within 2 sigma is 0.9545, so each "
            "tail is (1 - 0.9545) / 2. Compute it exactly with 1 - norm.cdf(190, 170, 10).",
            revisit="prob.distributions#continuous-uniform-and-gaussian-densities",
        ),
        Misconception(
            "density-at-a-point",
            tail_density_at_point,
            "gave the density at 190, norm.pdf(190, ...), instead of an area",
            "The density at one height is not the probability of anything: probabilities are "
            "areas under it. The area to the right of 190 is 1 - norm.cdf(190, 170, 10).",
            revisit="prob.distributions#when-the-bars-dwarf-the-curve",
        ),
        Misconception(
            "both-tails",
            tail_both_tails,
            "gave the probability of being more than 2 sigma away on either side",
            "1 - 0.9545 is the area outside [150, 190]: the people shorter than 150 cm count "
            "too. 'Taller than 190' is only the right tail, half of it: 1 - F(190).",
            revisit="prob.distributions#continuous-uniform-and-gaussian-densities",
        ),
    ]
    hints = [
        "norm.cdf(190, loc=170, scale=10) is the probability of being at most 190 cm.",
        "'Taller than' is the complement of 'at most'.",
    ]
