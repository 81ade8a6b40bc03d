"""Checkpoints for the lesson "Decoding: greedy, temperature, top-k, top-p" (08-decoding.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "tf.decoding"


_Z = np.array([2.0, 1.0, 0.0])
_TAU = 0.5


def temperature_after_softmax():
    p = np.exp(_Z) / np.exp(_Z).sum()
    p = p / _TAU
    return float(p[0] / p.sum())


def temperature_after_softmax_unnormalised():
    p = np.exp(_Z) / np.exp(_Z).sum()
    return float(p[0] / _TAU)


def temperature_multiplied():
    e = np.exp(_Z * _TAU)
    return float(e[0] / e.sum())


def temperature_greedy():
    return 1.0


@checkpoint(f"{LESSON}.temperature", concepts=[LESSON, "clf.softmax"], kind="numeric")
class Temperature:
    """A model gives three tokens the logits 2.0, 1.0 and 0.0. You sample at temperature
    $\\tau = 0.5$. With what probability is the first token drawn?
    """

    decimals = 3

    def solve():
        e = np.exp(_Z / _TAU)
        return float(e[0] / e.sum())

    misconceptions = [
        Misconception(
            "after-softmax",
            temperature_after_softmax,
            "divided the probabilities by tau instead of the logits",
            "Dividing every probability by the same tau and renormalising gives back the same "
            "distribution: the temperature has no effect. It divides the logits, before the "
            "softmax.",
            revisit=f"{LESSON}#temperature-that-does-nothing",
        ),
        Misconception(
            "after-softmax-unnormalised",
            temperature_after_softmax_unnormalised,
            "divided the softmax probability by tau, which gives more than 1",
            "A probability is at most 1. The temperature does not act on probabilities: it "
            "divides the logits, before the softmax, and the softmax then sums to 1 by itself.",
            revisit=f"{LESSON}#temperature-sharpen-or-flatten",
        ),
        Misconception(
            "multiplied",
            temperature_multiplied,
            "multiplied the logits by tau instead of dividing",
            "A temperature below 1 sharpens the distribution: the logits are divided by tau, "
            "which widens their gaps when tau < 1. Multiplying narrows them.",
            revisit=f"{LESSON}#temperature-sharpen-or-flatten",
        ),
        Misconception(
            "greedy",
            temperature_greedy,
            "took a temperature below 1 to mean always the likeliest token",
            "Only the limit tau -> 0 is greedy. At tau = 0.5 the logits become 4, 2 and 0, and "
            "the softmax of those still gives the other tokens some probability.",
            revisit=f"{LESSON}#temperature-sharpen-or-flatten",
        ),
    ]
    hints = [
        "Divide the logits by the temperature first: 2 / 0.5, 1 / 0.5, 0 / 0.5.",
        "Then the softmax: e^4 / (e^4 + e^2 + e^0).",
    ]


_TOP_K_STARTER = """import numpy as np


def top_k_probs(z, k):
    kth_largest = np.sort(z)[-k]
    kept = np.where(z > kth_largest, z, -np.inf)
    e = np.exp(kept - kept.max())
    return e / e.sum()
"""


def top_k_minus_one(z, k):
    kth_largest = np.sort(z)[-k]
    kept = np.where(z > kth_largest, z, -np.inf)
    e = np.exp(kept - kept.max())
    return e / e.sum()


def top_k_not_renormalised(z, k):
    e = np.exp(z - np.max(z))
    p = e / e.sum()
    return np.where(z >= np.sort(z)[-k], p, 0.0)


def top_k_smallest(z, k):
    kept = np.where(z <= np.sort(z)[k - 1], z, -np.inf)
    e = np.exp(kept - kept.max())
    return e / e.sum()


@checkpoint(f"{LESSON}.top-k", concepts=[LESSON], kind="fix")
class TopK:
    """`top_k_probs(z, k)` should give the probabilities of top-k sampling: keep the `k` largest
    logits of `z` (a 1-D array with no ties), give every other token probability 0, and
    renormalise with a softmax over the kept ones. A sampler would then call
    `rng.choice(len(z), p=top_k_probs(z, k))`.

    The starter code has a bug: fix it.
    """

    function = "top_k_probs"
    starter = _TOP_K_STARTER

    def reference(z, k):
        kept = np.argsort(z)[-k:]
        out = np.zeros(len(z))
        e = np.exp(z[kept] - z[kept].max())
        out[kept] = e / e.sum()
        return out

    def cases(rng):
        return [(rng.normal(0, 2, size=n), k) for n, k in [(6, 2), (8, 3), (10, 5), (12, 4)]]

    edge_cases = [(np.array([3.0, 1.0, 2.0, 0.0]), 2)]
    hidden = 1
    misconceptions = [
        Misconception(
            "keeps-k-minus-1",
            top_k_minus_one,
            "kept k - 1 tokens: z > kth_largest drops the k-th largest itself",
            "np.sort(z)[-k] is the k-th largest logit, and it belongs to the kept set. With a "
            "strict > only the k - 1 logits above it survive (and for k = 1 none does). Count "
            "the probabilities that are not 0.",
            revisit=f"{LESSON}#top-k-and-top-p-cut-the-tail",
            fix="kept = np.where(z >= kth_largest, z, -np.inf)",
        ),
        Misconception(
            "not-renormalised",
            top_k_not_renormalised,
            "zeroed the other probabilities but did not renormalise the kept ones",
            "After the cut, the kept probabilities sum to less than 1, and rng.choice refuses "
            "them. Take the softmax over the kept logits only (set the others to -inf first), "
            "or divide the kept probabilities by their sum.",
            revisit=f"{LESSON}#top-k-and-top-p-cut-the-tail",
        ),
        Misconception(
            "kept-smallest",
            top_k_smallest,
            "kept the k smallest logits instead of the k largest",
            "np.sort sorts from smallest to largest, so the k largest are at the end: "
            "np.sort(z)[-k] is the k-th largest, np.sort(z)[k - 1] the k-th smallest.",
            revisit=f"{LESSON}#top-k-and-top-p-cut-the-tail",
        ),
    ]
    hints = [
        "Run the starter with k = 2 on [3.0, 1.0, 2.0, 0.0] and count the probabilities that "
        "are not 0.",
        "Is the k-th largest logit itself one of the k largest? Which comparison keeps it?",
    ]


_PROBS = np.array([0.5, 0.2, 0.15, 0.1, 0.05])
_P_KEEP = 0.8


def _n_keep():
    return int(np.searchsorted(np.cumsum(_PROBS), _P_KEEP) + 1)


def top_p_not_renormalised():
    return float(_PROBS[0])


def top_p_stopped_below():
    return float(_PROBS[0] / _PROBS[: _n_keep() - 1].sum())


def top_p_divided_by_p():
    return float(_PROBS[0] / _P_KEEP)


@checkpoint(f"{LESSON}.top-p", concepts=[LESSON], kind="numeric")
class TopP:
    """A model gives five tokens the probabilities 0.5, 0.2, 0.15, 0.1 and 0.05. You sample with
    top-p, $p = 0.8$, at temperature 1. With what probability is the most likely token drawn?
    """

    decimals = 3

    def solve():
        kept = _PROBS[: _n_keep()]
        return float(kept[0] / kept.sum())

    misconceptions = [
        Misconception(
            "not-renormalised",
            top_p_not_renormalised,
            "kept the token's probability as it was, without renormalising",
            "Top-p removes the tail and then renormalises, so the kept probabilities sum to "
            "1 again: each is divided by the total mass kept.",
            revisit=f"{LESSON}#top-k-and-top-p-cut-the-tail",
        ),
        Misconception(
            "stopped-below-p",
            top_p_stopped_below,
            "kept only the tokens whose running sum stays below p",
            "Top-p keeps the smallest set whose probabilities reach at least p: 0.5 + 0.2 = 0.7 "
            "is not yet 0.8, so the third token is kept too (0.85).",
            revisit=f"{LESSON}#top-k-and-top-p-cut-the-tail",
        ),
        Misconception(
            "divided-by-p",
            top_p_divided_by_p,
            "divided by p instead of by the probability actually kept",
            "The kept tokens carry 0.85, not 0.8: renormalise by the sum of the kept "
            "probabilities.",
            revisit=f"{LESSON}#top-k-and-top-p-cut-the-tail",
        ),
    ]
    hints = [
        "Add the probabilities from the largest down until the sum reaches at least 0.8. "
        "Which tokens are kept?",
        "Renormalise: divide the top token's probability by the sum of the kept ones.",
    ]
