"""Checkpoints for the lesson "Bootstrap confidence intervals" (05-bootstrap-ci.md)."""

import numpy as np
from sklearn.datasets import load_diabetes

from mlpath.grade import Invariant, Misconception, checkpoint

_COIN = np.array([0.0, 1.0])
_X200 = np.round(np.random.default_rng(2024).normal(50.0, 10.0, size=200), 2)
_BIG_BOOT = 2000  # large enough for the invariants, small enough for a slow loop


def boot_without_replacement(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    return np.array([rng.choice(x, size=len(x), replace=False).mean() for _ in range(n_boot)])


def boot_same_resample(x, n_boot, seed):
    means = []
    for _ in range(n_boot):
        rng = np.random.default_rng(seed)
        means.append(rng.choice(x, size=len(x), replace=True).mean())
    return np.array(means)


def boot_single_values(x, n_boot, seed):
    rng = np.random.default_rng(seed)
    return rng.choice(x, size=n_boot, replace=True)


def _within_range(x, n_boot, seed, got):
    span = np.max(x) - np.min(x)
    slack = 1e-6 * (span + np.max(np.abs(x)))
    return bool(np.all((got >= np.min(x) - slack) & (got <= np.max(x) + slack)))


def _coin_frequencies(x, n_boot, seed, got):
    """Resampling [0, 1] twice: mean 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4. With 2,000
    resamples each frequency has a standard error of at most 0.011; allow 0.05."""
    if len(x) != 2 or not np.array_equal(x, _COIN) or n_boot != _BIG_BOOT:
        return True
    freq = [np.mean(np.isclose(got, v)) for v in (0.0, 0.5, 1.0)]
    return bool(np.allclose(freq, [0.25, 0.5, 0.25], atol=0.05))


def _spread_is_se(x, n_boot, seed, got):
    """2,000 bootstrap means of 200 values: their std is std(x)/sqrt(200) within about 2%;
    allow 10%."""
    if len(x) != len(_X200) or n_boot != _BIG_BOOT:
        return True
    se = np.std(x) / np.sqrt(len(x))
    return bool(abs(np.std(got) / se - 1.0) <= 0.10)


@checkpoint(
    "stat.confidence-intervals.bootstrap-means",
    concepts=["stat.confidence-intervals"],
    kind="sample",
)
class BootstrapMeans:
    """Write `bootstrap_means(x, n_boot, seed)`: create a generator with
    `np.random.default_rng(seed)`, draw `n_boot` bootstrap resamples of the 1-D array `x` (each
    one `len(x)` values drawn from `x` **with replacement**), and return the mean of each
    resample: an array of shape `(n_boot,)`.

    The values depend on how you draw, so they are checked by their properties: every mean lies
    between `x.min()` and `x.max()`; resampling `x = [0, 1]` 2,000 times gives the means 0, 0.5
    and 1 about a quarter, a half and a quarter of the time; and for 200 values the bootstrap
    means scatter by about $s/\\sqrt{n}$. Called twice with the same arguments, your function
    must return the same values.
    """

    function = "bootstrap_means"
    starter = "import numpy as np\n\n\ndef bootstrap_means(x, n_boot, seed):\n    ...\n"

    def reference(x, n_boot, seed):
        rng = np.random.default_rng(seed)
        n = len(x)
        idx = rng.integers(0, n, size=(n_boot, n))  # each row: one resample's indices
        return x[idx].mean(axis=1)

    def cases(rng):
        return [
            (np.round(rng.normal(10, 3, size=n), 2), n_boot, int(rng.integers(0, 10_000)))
            for n, n_boot in [(5, 8), (8, 12), (12, 7)]
        ]

    edge_cases = [
        (_COIN, _BIG_BOOT, 0),
        (_X200, _BIG_BOOT, 1),
        (np.array([3.0, 5.0, 8.0, 10.0]), 6, 2),
    ]
    hidden = 1
    invariants = [
        Invariant(
            "every bootstrap mean lies between the smallest and largest value", _within_range
        ),
        Invariant(
            "resampling [0, 1] 2,000 times, the means 0, 0.5 and 1 come up about 1/4, 1/2 and "
            "1/4 of the time (within 0.05)",
            _coin_frequencies,
        ),
        Invariant(
            "for 200 values, the bootstrap means scatter by about std(x) / sqrt(200) (within 10%)",
            _spread_is_se,
        ),
    ]
    misconceptions = [
        Misconception(
            "without-replacement",
            boot_without_replacement,
            "resampled without replacement, so every resample is x in another order",
            "Drawn without replacement, a resample of len(x) values is a permutation of x, and "
            "its mean is always x.mean(): the bootstrap means do not vary. Draw with "
            "replacement: rng.choice(x, size=len(x)) (replace=True is the default), or indices "
            "rng.integers(0, len(x), size=...).",
            revisit="stat.confidence-intervals#when-the-interval-has-zero-width",
        ),
        Misconception(
            "same-resample",
            boot_same_resample,
            "created a new generator with the same seed for every resample",
            "Each fresh generator starts from the same state, so every resample is the same "
            "one. Create the generator once, before the loop, or draw all resamples in one call "
            "with size=(n_boot, len(x)).",
            revisit="stat.confidence-intervals#the-idea-resample-the-sample",
        ),
        Misconception(
            "single-values",
            boot_single_values,
            "drew n_boot single values from x instead of n_boot resamples of len(x) values",
            "Each bootstrap result is the mean of a whole resample of len(x) values. Drawing "
            "single values reproduces the spread of the data, not the much smaller spread of "
            "its mean.",
            revisit="stat.confidence-intervals#the-percentile-interval",
        ),
    ]
    hints = [
        "`idx = rng.integers(0, len(x), size=(n_boot, len(x)))`: one resample's indices per row.",
        "`x[idx].mean(axis=1)`: one mean per resample.",
    ]


def _bmi_boot():
    bmi = load_diabetes(scaled=False).data[:, 2]
    rng = np.random.default_rng(1)
    idx = rng.integers(0, len(bmi), size=(5000, len(bmi)))
    return bmi[idx].mean(axis=1)


def lower_end_cut_ten_percent():
    return float(np.percentile(_bmi_boot(), 10))


def lower_end_of_95_interval():
    return float(np.percentile(_bmi_boot(), 2.5))


@checkpoint(
    "stat.confidence-intervals.bmi-interval",
    concepts=["stat.confidence-intervals"],
    kind="numeric",
)
class BmiInterval:
    """Run exactly this code, which draws 5,000 bootstrap means of the BMI of the 442 diabetes
    patients (the seed and the call fix the numbers, so everyone gets the same ones):

    ```python
    import numpy as np
    from sklearn.datasets import load_diabetes
    bmi = load_diabetes(scaled=False).data[:, 2]
    rng = np.random.default_rng(1)
    idx = rng.integers(0, len(bmi), size=(5000, len(bmi)))
    boot = bmi[idx].mean(axis=1)
    ```

    What is the lower end of the **90%** percentile interval for the mean BMI? Set `answer` to
    that number.
    """

    decimals = 2

    def solve():
        lo, _ = np.percentile(_bmi_boot(), [5, 95])  # 90% in the middle: 5% cut on each side
        return float(lo)

    misconceptions = [
        Misconception(
            "cut-ten-percent",
            lower_end_cut_ten_percent,
            "took the 10th percentile, cutting 10% from each side",
            "A 90% interval leaves out 10% in total, half on each side: it runs from the 5th to "
            "the 95th percentile. Cutting 10% from each side leaves an 80% interval.",
            revisit="stat.confidence-intervals#the-percentile-interval",
        ),
        Misconception(
            "ninety-five-percent",
            lower_end_of_95_interval,
            "gave the lower end of the 95% interval (the 2.5th percentile)",
            "The lesson's intervals are 95% ones, from the 2.5th percentile. For 90%, 5% is "
            "left out on each side: np.percentile(boot, 5).",
            revisit="stat.confidence-intervals#the-percentile-interval",
        ),
    ]
    hints = [
        "A 90% interval leaves (100 - 90) / 2 = 5% out on each side: `np.percentile(boot, 5)`."
    ]


_MEANING = [
    "95% of the patients' values lie inside the interval",
    "if the study were repeated many times, about 95% of the intervals built this way would "
    "contain the true mean",
    "the mean of the next sample of 442 patients will lie inside this interval",
]


def meaning_data_spread():
    return _MEANING[0]


def meaning_next_sample():
    return _MEANING[2]


@checkpoint(
    "stat.confidence-intervals.meaning",
    concepts=["stat.confidence-intervals"],
    kind="choice",
)
class Meaning:
    """From the 442 diabetes patients you compute a 95% bootstrap interval for the mean of the
    target, [144.9, 159.4]. What does the "95%" promise?

    a) 95% of the patients' values lie inside the interval
    b) if the study were repeated many times, about 95% of the intervals built this way would
       contain the true mean
    c) the mean of the next sample of 442 patients will lie inside this interval

    Set `answer` to the letter of your choice.
    """

    options = _MEANING

    def solve():
        # Repeat a study many times where the truth is known: normal data, true mean 0.
        rng = np.random.default_rng(0)
        hits = 0
        for _ in range(400):
            x = rng.normal(0.0, 1.0, size=100)
            boot = x[rng.integers(0, 100, size=(400, 100))].mean(axis=1)
            lo, hi = np.percentile(boot, [2.5, 97.5])
            hits += lo <= 0.0 <= hi
        assert 0.9 <= hits / 400 <= 0.99, hits  # the procedure covers the truth ~95% of the time
        return _MEANING[1]

    misconceptions = [
        Misconception(
            "data-spread",
            meaning_data_spread,
            "read the interval as the range of most of the data",
            "The interval is for the *mean*, whose uncertainty shrinks like 1/sqrt(n); only 4.5% "
            "of the patients lie inside it. The range of most of the data is given by "
            "percentiles of the data itself.",
            revisit="stat.confidence-intervals#what-95-means",
        ),
        Misconception(
            "next-sample",
            meaning_next_sample,
            "read it as a promise about the mean of the next sample",
            "The next sample's mean varies around the true mean, and this interval does too, "
            "so the two can easily disagree. The 95% is about the procedure: across many "
            "repetitions, about 95% of the intervals contain the true mean.",
            revisit="stat.confidence-intervals#what-95-means",
        ),
    ]
    hints = ["What is fixed, the true mean or the interval? Which one changes from study to study?"]
