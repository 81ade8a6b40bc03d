"""Checkpoints for the lesson "Samples, the law of large numbers and the central limit theorem"."""

import numpy as np
from sklearn.datasets import load_diabetes

from mlpath.grade import Invariant, Misconception, checkpoint

_BIG = (25, 4000)  # the large case the statistical invariants look at: n, reps


def means_are_sums(seed, n, reps):
    rng = np.random.default_rng(seed)
    return rng.exponential(1.0, size=(reps, n)).sum(axis=1)


def means_one_sample(seed, n, reps):
    rng = np.random.default_rng(seed)
    x = rng.exponential(1.0, size=n)
    return np.full(reps, x.mean())


def means_wrong_axis(seed, n, reps):
    rng = np.random.default_rng(seed)
    return rng.exponential(1.0, size=(reps, n)).mean(axis=0)


def means_of_normal_draws(seed, n, reps):
    rng = np.random.default_rng(seed)
    return rng.normal(1.0, 1.0, size=(reps, n)).mean(axis=1)


def _average_is_one(seed, n, reps, got):
    """4,000 means of 25 draws: their average has SE 1/sqrt(100,000) ~ 0.003; allow 0.02."""
    if (n, reps) != _BIG:
        return True
    return bool(abs(np.mean(got) - 1.0) <= 0.02)


def _spread_is_se(seed, n, reps, got):
    """The std of 4,000 means of 25 draws is 0.2 give or take 0.003; allow 0.02."""
    if (n, reps) != _BIG:
        return True
    return bool(abs(np.std(got) - 1.0 / np.sqrt(n)) <= 0.02)


@checkpoint("stat.clt.sample-means", concepts=["stat.sampling", "stat.clt"], kind="sample")
class SampleMeans:
    """Write `sample_means(seed, n, reps)`: create a generator with
    `np.random.default_rng(seed)`, draw `reps` independent samples of `n` waiting times each from
    the exponential distribution with mean 1 (`rng.exponential(1.0, ...)`), and return the mean
    of each sample: an array of shape `(reps,)`.

    Your values will not match anyone else's draw for draw, so they are checked by their
    properties: every mean is positive, and for `n = 25, reps = 4000` the means average about 1
    and their standard deviation is about $\\sigma/\\sqrt{n} = 0.2$. Called twice with the same
    arguments, your function must return the same values.
    """

    function = "sample_means"
    starter = "import numpy as np\n\n\ndef sample_means(seed, n, reps):\n    ...\n"

    def reference(seed, n, reps):
        rng = np.random.default_rng(seed)
        samples = rng.exponential(1.0, size=(reps, n))  # one sample per row
        return samples.mean(axis=1)

    def cases(rng):
        return [(int(rng.integers(0, 10_000)), n, reps) for n, reps in [(3, 5), (4, 7), (10, 6)]]

    edge_cases = [(0, *_BIG), (1, 1, 2000), (7, 2, 9)]
    hidden = 1
    invariants = [
        Invariant(
            "every mean of waiting times is positive",
            lambda seed, n, reps, got: bool(np.all(got > 0)),
        ),
        Invariant(
            "over 4,000 samples of 25, the sample means average about 1 (within 0.02)",
            _average_is_one,
        ),
        Invariant(
            "over 4,000 samples of 25, the standard deviation of the means is about "
            "1/sqrt(25) = 0.2 (within 0.02)",
            _spread_is_se,
        ),
    ]
    misconceptions = [
        Misconception(
            "sums",
            means_are_sums,
            "returned the sum of each sample, not its mean",
            "A sample mean divides the sum by n: use .mean(axis=1) on the (reps, n) array, or "
            "divide the sums by n.",
            revisit="stat.sampling#the-standard-error-of-a-mean",
        ),
        Misconception(
            "one-sample-repeated",
            means_one_sample,
            "drew one sample and repeated its mean reps times",
            "Each of the reps samples must be drawn anew, so that the means differ: that "
            "scatter is what the standard error measures. Draw an array of shape (reps, n), "
            "one sample per row.",
            revisit="stat.sampling#the-standard-error-of-a-mean",
        ),
        Misconception(
            "wrong-axis",
            means_wrong_axis,
            "averaged down the columns (axis=0) instead of along each sample's row",
            "With one sample per row, shape (reps, n), each sample's mean is along axis=1. "
            "axis=0 gives n numbers that mix all the samples.",
            revisit="stat.sampling#the-standard-error-of-a-mean",
        ),
        Misconception(
            "normal-draws",
            means_of_normal_draws,
            "drew from a normal distribution instead of the exponential one",
            "The population here is the skewed exponential distribution of waiting times "
            "(rng.exponential(1.0, ...)), which is never negative. The central limit theorem "
            "makes the *means* bell-shaped; the draws themselves stay exponential.",
            revisit="stat.sampling#the-idea-a-sample-stands-in-for-a-population",
        ),
    ]
    hints = [
        "`rng = np.random.default_rng(seed)`, then `rng.exponential(1.0, size=(reps, n))`.",
        "One sample per row: `.mean(axis=1)` gives one mean per sample.",
    ]


def _bmi():
    return load_diabetes(scaled=False).data[:, 2]


def se_over_n():
    x = _bmi()
    return float(np.std(x, ddof=1) / len(x))


def se_is_std():
    return float(np.std(_bmi(), ddof=1))


@checkpoint("stat.clt.standard-error", concepts=["stat.clt"], kind="numeric")
class StandardError:
    """`x = load_diabetes(scaled=False).data[:, 2]` is the body mass index of the 442 diabetes
    patients (`from sklearn.datasets import load_diabetes`). What is the standard error of their
    mean BMI, estimated as $s/\\sqrt{n}$ with the sample standard deviation $s$ (ddof=1)?

    Set `answer` to that number.
    """

    decimals = 3

    def solve():
        x = _bmi()
        return float(np.std(x, ddof=1) / np.sqrt(len(x)))

    misconceptions = [
        Misconception(
            "divided-by-n",
            se_over_n,
            "divided the standard deviation by n instead of the square root of n",
            "The variance of a mean is sigma^2 / n, so its standard deviation is "
            "sigma / sqrt(n). Dividing by n makes the error bar far too small: here 21 times.",
            revisit="stat.sampling#when-the-error-bars-look-too-good",
        ),
        Misconception(
            "standard-deviation",
            se_is_std,
            "gave the standard deviation of the data, not the standard error of its mean",
            "The standard deviation says how much single patients differ; the standard error "
            "says how much the *mean* of 442 of them would change with another sample. Divide "
            "s by sqrt(n).",
            revisit="stat.sampling#the-standard-error-of-a-mean",
        ),
    ]
    hints = ["`np.std(x, ddof=1) / np.sqrt(len(x))`"]


_OPTIONS = [
    "it gets close to the true mean, 1 s",
    "it scatters less, around a value well above 1 s",
    "nothing changes: it scatters as much as with 100 requests",
]


def _logged_means(n, reps, seed):
    """Means of `reps` samples of `n` logged requests (only those slower than 0.5 s)."""
    rng = np.random.default_rng(seed)
    out = np.empty(reps)
    for r in range(reps):
        logged = np.empty(0)
        while len(logged) < n:
            x = rng.exponential(1.0, size=2 * n)
            logged = np.concatenate([logged, x[x > 0.5]])
        out[r] = logged[:n].mean()
    return out


def more_data_fixes_bias():
    return _OPTIONS[0]


def more_data_changes_nothing():
    return _OPTIONS[2]


@checkpoint("stat.sampling.more-biased-data", concepts=["stat.sampling"], kind="choice")
class MoreBiasedData:
    """A service's response times follow the exponential distribution with mean 1 second. A
    logging bug records only the requests slower than 0.5 s. You estimate the mean response
    time from 100 logged requests, and then again from 10,000 logged requests. What happens to
    the estimate with 10,000?

    a) it gets close to the true mean, 1 s
    b) it scatters less, around a value well above 1 s
    c) nothing changes: it scatters as much as with 100 requests

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        small, large = _logged_means(100, 200, 0), _logged_means(10_000, 200, 1)
        if abs(large.mean() - 1.0) < 0.05:
            return _OPTIONS[0]
        if large.std() < 0.5 * small.std() and large.mean() > 1.2:
            return _OPTIONS[1]
        return _OPTIONS[2]

    misconceptions = [
        Misconception(
            "more-data-fixes-bias",
            more_data_fixes_bias,
            "expected more data to remove the bias",
            "More data only shrinks the random error, by the square root of the sample size. "
            "Every logged request is slower than 0.5 s, so the estimate settles, more and more "
            "tightly, on the mean of the slow requests (1.5 s), not on 1 s.",
            revisit="stat.sampling#sampling-bias-precise-and-wrong",
        ),
        Misconception(
            "nothing-changes",
            more_data_changes_nothing,
            "expected the bias to stop the estimate from becoming more precise",
            "The bias fixes *where* the estimate settles; its scatter still shrinks like "
            "1/sqrt(n), here ten times from 100 to 10,000 requests. It becomes precise and "
            "wrong.",
            revisit="stat.sampling#sampling-bias-precise-and-wrong",
        ),
    ]
    hints = ["Which of the two errors does the standard error describe: chance, or bias?"]
