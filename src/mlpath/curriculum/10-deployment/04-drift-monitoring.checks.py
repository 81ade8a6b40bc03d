"""Checkpoints for the lesson "Drift monitoring: PSI and the KS test" (04-drift-monitoring.md)."""

import numpy as np

from mlpath.grade import Invariant, Misconception, checkpoint

_EPS = 1e-4


# The variants are graded like a learner's file, so each is self-contained.
def psi_bins_from_current(reference, current, bins):
    edges = np.quantile(current, np.linspace(0, 1, bins + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)
    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-4, None)
    return float(np.sum((q - p) * np.log(q / p)))


def psi_no_epsilon(reference, current, bins):
    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    p = np.histogram(reference, edges)[0] / len(reference)
    q = np.histogram(current, edges)[0] / len(current)
    with np.errstate(divide="ignore"):
        return float(np.sum((q - p) * np.log(q / p)))


def psi_other_epsilon(reference, current, bins):
    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-6, None)
    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-6, None)
    return float(np.sum((q - p) * np.log(q / p)))


def psi_equal_width(reference, current, bins):
    p, edges = np.histogram(reference, bins)  # equal widths from min to max
    q = np.histogram(current, edges)[0]
    p = np.clip(p / len(reference), 1e-4, None)
    q = np.clip(q / len(current), 1e-4, None)
    return float(np.sum((q - p) * np.log(q / p)))


def psi_sign_swapped(reference, current, bins):
    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)
    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-4, None)
    return float(np.sum((p - q) * np.log(q / p)))


def psi_out_of_range_dropped(reference, current, bins):
    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))  # outer edges: min and max
    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)
    q = np.clip(np.histogram(current, edges)[0] / len(current), 1e-4, None)
    return float(np.sum((q - p) * np.log(q / p)))


def psi_out_of_range_renormalised(reference, current, bins):
    edges = np.quantile(reference, np.linspace(0, 1, bins + 1))  # outer edges: min and max
    counts = np.histogram(current, edges)[0]
    p = np.clip(np.histogram(reference, edges)[0] / len(reference), 1e-4, None)
    q = np.clip(counts / counts.sum(), 1e-4, None)
    return float(np.sum((q - p) * np.log(q / p)))


# Reference sizes n with n - 1 coprime to the number of bins: np.quantile's edges then fall
# strictly between two reference values, so no value sits on an edge and every way of
# counting (np.histogram, np.searchsorted left or right, np.digitize) gives the same shares.
_SHAPES = [
    # (reference size, current size, bins, current mean, current sd)
    (1000, 800, 10, 0.4, 1.0),
    (640, 500, 8, -0.3, 1.3),
    (1000, 1200, 5, 0.8, 0.9),
    (300, 60, 10, 1.0, 0.6),  # a small window: empty bins
    (1000, 900, 10, 2.0, 1.2),  # hidden: strong drift, many values above the reference's max
    (500, 40, 6, -1.5, 0.5),  # hidden: empty bins at the top, values below the minimum
]


def _psi_is_not_negative(reference, current, bins, got):
    try:
        return bool(float(got) >= -1e-9)
    except (TypeError, ValueError):
        return True


@checkpoint("dep.drift-monitoring.psi", concepts=["dep.drift-monitoring"])
class ImplementPSI:
    """Write `psi(reference, current, bins)`: the Population Stability Index of the 1-D array
    `current` (a production window) against the 1-D array `reference` (the training data), as a
    float.

    - The `bins` bins are cut at the quantiles of `reference`,
      `np.quantile(reference, np.linspace(0, 1, bins + 1))` (NumPy's default method), and every
      value of `current` is counted, including values below the reference's smallest or above
      its largest value (they belong to the first or last bin).
    - $p_i$ and $q_i$ are the shares of `reference` and of `current` in bin $i$.
    - Replace every share below $\\varepsilon = 10^{-4}$ by $10^{-4}$ before the logarithm
      (exactly this $\\varepsilon$: with an empty bin, PSI depends on it).
    - Return $\\sum_i (q_i - p_i) \\ln(q_i / p_i)$.

    Your function is run on new data, with empty bins and values beyond the reference's range.
    Results are checked to within 1%, so adding $10^{-4}$ to every share instead of clipping is
    accepted too.
    """

    function = "psi"
    starter = "import numpy as np\n\n\ndef psi(reference, current, bins):\n    ...\n"
    rtol = 0.01
    atol = 1e-6

    def reference(reference, current, bins):
        inner = np.quantile(reference, np.linspace(0, 1, bins + 1))[1:-1]
        p = np.bincount(np.searchsorted(inner, reference, side="right"), minlength=bins)
        q = np.bincount(np.searchsorted(inner, current, side="right"), minlength=bins)
        p = np.maximum(p / len(reference), 1e-4)
        q = np.maximum(q / len(current), 1e-4)
        return float(sum((qi - pi) * np.log(qi / pi) for pi, qi in zip(p, q, strict=True)))

    def cases(rng):
        return [
            (np.round(rng.normal(0.0, 1.0, n), 6), np.round(rng.normal(mu, sd, m), 6), bins)
            for n, m, bins, mu, sd in _SHAPES
        ]

    edge_cases = [
        (np.arange(1.0, 12.0), np.array([6.0, 9.0, 10.0, 12.0, 15.0]), 3),
    ]
    hidden = 2
    invariants = [Invariant("PSI is never negative", _psi_is_not_negative)]
    misconceptions = [
        Misconception(
            "bins-from-current",
            psi_bins_from_current,
            "cut the bins at the quantiles of the current window instead of the reference",
            "The bins are the ruler every window is measured with: cut them once, at the "
            "reference's quantiles. Cut at the current window's quantiles, each window gets its "
            "own ruler, its shares are about 1/bins whatever happened, and the drift hides in "
            "where the edges moved.",
            revisit="dep.drift-monitoring#the-population-stability-index",
            fix="edges = np.quantile(reference, np.linspace(0, 1, bins + 1))",
        ),
        Misconception(
            "no-epsilon",
            psi_no_epsilon,
            "took the logarithm of an empty bin's share of 0, so PSI is infinite",
            "An empty bin has q_i = 0, and ln(0 / p_i) is -infinity: one empty bin makes the "
            "whole sum infinite. Replace every share below 1e-4 by 1e-4 before the logarithm.",
            revisit="dep.drift-monitoring#an-empty-bin-psi-is-infinite",
            fix="p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)",
        ),
        Misconception(
            "other-epsilon",
            psi_other_epsilon,
            "clipped the shares at 1e-6 instead of 1e-4",
            "Right method, other epsilon: an empty bin contributes about p_i ln(p_i / eps), so "
            "PSI with empty bins depends on eps (2.240 with 1e-4, 3.565 with 1e-6 in the "
            "lesson). Use eps = 1e-4, as asked.",
            revisit="dep.drift-monitoring#an-empty-bin-psi-is-infinite",
            fix="p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)",
        ),
        Misconception(
            "equal-width",
            psi_equal_width,
            "cut bins of equal width with np.histogram(reference, bins), not at the reference's "
            "quantiles",
            "np.histogram(reference, bins) cuts equal widths from the reference's smallest to "
            "its largest value: the tails get nearly empty bins, and current values beyond that "
            "range are dropped. Cut at np.quantile(reference, ...) so each bin holds about "
            "1/bins of the reference, and set the outer edges to -inf and +inf.",
            revisit="dep.drift-monitoring#the-population-stability-index",
            fix="edges = np.quantile(reference, np.linspace(0, 1, bins + 1))",
        ),
        Misconception(
            "sign-swapped",
            psi_sign_swapped,
            "wrote p and q in opposite orders in the two factors, so no term is positive",
            "The two factors must be written in the same order, (q - p) * ln(q / p) or "
            "(p - q) * ln(p / q): then both have the same sign and each term is at least 0. "
            "With the orders mixed, every term flips sign and the sum is minus the PSI.",
            revisit="dep.drift-monitoring#the-population-stability-index",
            fix="np.sum((q - p) * np.log(q / p))",
        ),
        Misconception(
            "out-of-range-dropped",
            psi_out_of_range_dropped,
            "kept the reference's smallest and largest values as the outer edges, so "
            "np.histogram dropped the current values beyond them",
            "np.histogram ignores values outside its first and last edge, and those are "
            "exactly the values drift produces. Set the outer edges to -inf and +inf, so every "
            "value lands in a bin.",
            revisit="dep.drift-monitoring#the-population-stability-index",
            fix="edges[0], edges[-1] = -np.inf, np.inf",
        ),
        Misconception(
            "out-of-range-renormalised",
            psi_out_of_range_renormalised,
            "kept the reference's smallest and largest values as the outer edges, so "
            "np.histogram dropped the current values beyond them (and the shares were taken of "
            "the values that were left)",
            "np.histogram ignores values outside its first and last edge, and those are "
            "exactly the values drift produces; dividing by the count that is left hides the "
            "loss. Set the outer edges to -inf and +inf, and divide by len(current).",
            revisit="dep.drift-monitoring#the-population-stability-index",
            fix="edges[0], edges[-1] = -np.inf, np.inf",
        ),
    ]
    hints = [
        "`edges = np.quantile(reference, np.linspace(0, 1, bins + 1))`, then "
        "`edges[0], edges[-1] = -np.inf, np.inf`.",
        "`p = np.histogram(reference, edges)[0] / len(reference)`, the same for `q`; then "
        "`np.clip(..., 1e-4, None)` on both before `np.sum((q - p) * np.log(q / p))`.",
    ]


_KS_REFERENCE = np.array([24.0, 25.0, 31.0, 32.0, 34.0])
_KS_CURRENT = np.array([22.0, 26.0, 29.0, 30.0])


def _ecdf(sample, t):
    return np.searchsorted(np.sort(sample), t, side="right") / len(sample)


def ks_one_sided():
    t = np.concatenate([_KS_REFERENCE, _KS_CURRENT])
    return float(np.max(_ecdf(_KS_REFERENCE, t) - _ecdf(_KS_CURRENT, t)))


def ks_reference_points_only():
    t = _KS_REFERENCE
    return float(np.max(np.abs(_ecdf(_KS_REFERENCE, t) - _ecdf(_KS_CURRENT, t))))


def ks_counts():
    t = np.concatenate([_KS_REFERENCE, _KS_CURRENT])
    below_ref = np.searchsorted(_KS_REFERENCE, t, side="right")
    below_cur = np.searchsorted(_KS_CURRENT, t, side="right")
    return float(np.max(np.abs(below_ref - below_cur)))


@checkpoint("dep.drift-monitoring.ks-statistic", concepts=["dep.drift-monitoring"], kind="numeric")
class KSStatistic:
    """A feature's reference window holds the five values 24, 25, 31, 32, 34; today's window
    holds the four values 22, 26, 29, 30. What is the two-sample KS statistic $D$, the largest
    gap between their empirical CDFs? Set `answer` to $D$.
    """

    decimals = 2

    def solve():
        from scipy.stats import ks_2samp

        return float(ks_2samp(_KS_REFERENCE, _KS_CURRENT).statistic)

    misconceptions = [
        Misconception(
            "one-sided",
            ks_one_sided,
            "took the largest of F_ref - F_cur without the absolute value",
            "D is the largest gap in either direction, max |F_ref(t) - F_cur(t)|. Here the "
            "current window's CDF runs above the reference's for most t, so the gap that counts "
            "is F_cur - F_ref.",
            revisit="dep.drift-monitoring#the-ks-test-the-largest-gap-between-two-cdfs",
        ),
        Misconception(
            "reference-points-only",
            ks_reference_points_only,
            "compared the two CDFs only at the reference's values",
            "The gap changes at every value of either sample, and here it is largest at a value "
            "of today's window. Evaluate both CDFs at all nine values.",
            revisit="dep.drift-monitoring#the-ks-test-the-largest-gap-between-two-cdfs",
        ),
        Misconception(
            "counts",
            ks_counts,
            "compared counts of values at or below t, not shares",
            "An empirical CDF is a share, the count at or below t divided by the sample's "
            "size: 5 for the reference, 4 for today. D is between 0 and 1.",
            revisit="dep.drift-monitoring#the-ks-test-the-largest-gap-between-two-cdfs",
        ),
    ]
    hints = [
        "At t = 30, what share of each window is at or below 30?",
        "Make a table with a row for each of the nine values: F_ref(t), F_cur(t) and their "
        "difference.",
    ]


_RIGHT = (
    "The distributions differ, but by far too little to matter: with 200,000 rows even a "
    "negligible shift gets a tiny p-value. No alert."
)
_RETRAIN = "The feature drifted significantly, so the model must be retrained."
_P_NULL = "There is a 0.01% probability that the feature did not drift."
_INVALID = "The KS test is not valid for samples this large, so the result means nothing."


def large_n_retrain():
    return _RETRAIN


def large_n_probability_of_null():
    return _P_NULL


def large_n_invalid():
    return _INVALID


@checkpoint("dep.drift-monitoring.large-n", concepts=["dep.drift-monitoring"], kind="choice")
class LargeN:
    """Your monitor compares this week's 200,000 requests with 200,000 from launch week. For the
    feature "session length", `ks_2samp` gives $D = 0.007$ and $p = 10^{-4}$, and the
    PSI is 0.0005; your team alerts when PSI exceeds 0.1. What do you conclude?

    a) The feature drifted significantly, so the model must be retrained.
    b) The distributions differ, but by far too little to matter: with 200,000 rows even a
       negligible shift gets a tiny p-value. No alert.
    c) There is a 0.01% probability that the feature did not drift.
    d) The KS test is not valid for samples this large, so the result means nothing.

    Set `answer` to the letter of your choice.
    """

    options = [_RETRAIN, _RIGHT, _P_NULL, _INVALID]

    def solve():
        return _RIGHT

    misconceptions = [
        Misconception(
            "significant-means-large",
            large_n_retrain,
            "read a tiny p-value as a large drift",
            "The p-value mixes the size of the difference with the amount of data. With "
            "200,000 rows per window, a gap of D = 0.007 is already unlikely by chance, yet it "
            "means that below any value, the two windows' shares differ by at most 0.7 "
            "percentage points. Judge the size by D and PSI against a threshold that matters "
            "to the model.",
            revisit="dep.drift-monitoring#with-enough-data-everything-is-significant",
        ),
        Misconception(
            "p-is-probability-of-null",
            large_n_probability_of_null,
            "read the p-value as the probability that nothing changed",
            "The p-value is computed assuming the two windows come from the same distribution: "
            "P(a gap this large | no drift), not P(no drift | this gap). And even a certain "
            "drift can be too small to matter.",
            revisit="stat.hypothesis-testing#what-a-p-value-is-not",
        ),
        Misconception(
            "test-invalid",
            large_n_invalid,
            "thought the KS test breaks down on large samples",
            "The test is valid at any size: its tiny p-value rightly says that the two windows "
            "differ a little. A large sample detects small differences, which is why the size "
            "of the difference, not the p-value, decides whether to act.",
            revisit="dep.drift-monitoring#with-enough-data-everything-is-significant",
        ),
    ]
    hints = [
        "How large is the difference, measured by D and by PSI?",
        "What happens to the p-value of a fixed, small difference as the windows grow?",
    ]
