"""Checkpoints for the lesson "Entropy, cross-entropy and KL divergence"
(07-entropy-cross-entropy.md)."""

import numpy as np

from mlpath.grade import Misconception, Operation, checkpoint

LIBRARY_CROSS_ENTROPY = Operation(
    "a library's cross-entropy, log loss or entropy",
    frozenset(
        {
            "log_loss",
            "cross_entropy",
            "binary_cross_entropy",
            "nll_loss",
            "CrossEntropyLoss",
            "NLLLoss",
            "entropy",
        }
    ),
)


def ce_swapped(p, q):
    return float(-np.sum(q * np.log(p)))


def ce_log2(p, q):
    return float(-np.sum(p * np.log2(q)))


def ce_missing_minus(p, q):
    return float(np.sum(p * np.log(q)))


def ce_mean(p, q):
    return float(-np.mean(p * np.log(q)))


def _one_hot(k, i):
    p = np.zeros(k)
    p[i] = 1.0
    return p


@checkpoint("prob.entropy.cross-entropy", concepts=["prob.entropy"])
class CrossEntropy:
    """Write `cross_entropy(p, q)`: the cross-entropy
    $H(p, q) = -\\sum_i p_i \\ln q_i$, in nats, of a true distribution `p` and a predicted
    distribution `q`, two 1-D arrays of the same length. The entries of `p` are $\\ge 0$ (it
    may be one-hot, with zeros) and those of `q` are $> 0$; each sums to 1. Return a single
    number.

    For `p = [0, 1, 0]` and `q = [0.2, 0.7, 0.1]` the answer is $-\\ln 0.7 \\approx 0.357$.
    Build it from `np.log` and a sum; library losses (`log_loss`, `cross_entropy`,
    `scipy.stats.entropy`, ...) are not allowed here.
    """

    function = "cross_entropy"
    starter = "import numpy as np\n\n\ndef cross_entropy(p, q):\n    ...\n"
    forbidden = [LIBRARY_CROSS_ENTROPY]
    # float32 arithmetic returned as a Python float is right; it is off by up to 2e-7 relative
    # (measured over 2000 seeds), more than the default rtol of 1e-7.
    rtol = 2e-5

    def reference(p, q):
        return float(-np.sum(p * np.log(q)))

    def cases(rng):
        out = []
        for k in (3, 4, 6, 10):
            out.append((rng.dirichlet(np.ones(k)), rng.dirichlet(np.ones(k))))
        out.append((_one_hot(5, int(rng.integers(0, 5))), rng.dirichlet(np.ones(5))))
        return out

    edge_cases = [
        (np.array([0.0, 1.0, 0.0]), np.array([0.2, 0.7, 0.1])),
        (np.array([0.7, 0.2, 0.1]), np.array([0.6, 0.3, 0.1])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "swapped-arguments",
            ce_swapped,
            "swapped the arguments: took the log of the true distribution p, not of q",
            "H(p, q) averages the surprise -log q_i of the *prediction* over the *truth* p: "
            "-sum(p * log(q)). With the arguments swapped, a one-hot p gives log 0 and the loss "
            "is inf; with two full distributions you get a plausible but wrong number.",
            revisit="prob.entropy#when-the-loss-is-inf",
        ),
        Misconception(
            "log2-not-ln",
            ce_log2,
            "used log2 (bits) instead of the natural log (nats)",
            "np.log2 gives bits, 1 / 0.693 = 1.443 times the answer in nats. Losses in ML, and "
            "this checkpoint, use the natural log, np.log.",
            revisit="prob.entropy#bits-and-nats",
        ),
        Misconception(
            "missing-minus",
            ce_missing_minus,
            "left out the minus sign, so the result is negative",
            "log q is negative for every q below 1, so sum(p * log(q)) is negative. The surprise "
            "is -log q: put a minus in front of the sum, and the cross-entropy is >= 0.",
            revisit="prob.entropy#cross-entropy-and-kl-divergence",
        ),
        Misconception(
            "mean-not-sum",
            ce_mean,
            "averaged the terms p_i log q_i over the classes instead of adding them",
            "The p_i already weight the terms, so H(p, q) is their sum. np.mean divides that by "
            "the number of classes as well. (The *average cross-entropy* of a classifier is a "
            "mean over examples, of one such sum per example.)",
            revisit="prob.entropy#cross-entropy-and-kl-divergence",
        ),
    ]
    hints = [
        "Multiply each p_i by log q_i (np.log), add them up, and negate.",
        "-np.sum(p * np.log(q)). Zeros in p are fine: q is never 0.",
    ]


_P = np.array([0.5, 0.3, 0.2])
_Q = np.array([0.2, 0.5, 0.3])


def _kl_bits(p, q):
    return float(np.sum(p * np.log2(p / q)))


def kl_in_nats():
    return float(np.sum(_P * np.log(_P / _Q)))


def kl_swapped():
    return _kl_bits(_Q, _P)


def kl_cross_entropy():
    return float(-np.sum(_P * np.log2(_Q)))


@checkpoint("prob.entropy.kl-bits", concepts=["prob.entropy"], kind="numeric")
class KlBits:
    """In a dataset, three classes occur with frequencies $p = (0.5, 0.3, 0.2)$. A model, on
    average, predicts them with probabilities $q = (0.2, 0.5, 0.3)$.

    What is the KL divergence $D_{\\mathrm{KL}}(p \\,\\|\\, q)$ **in bits**? Set `answer` to
    that number.
    """

    decimals = 3

    def solve():
        return _kl_bits(_P, _Q)

    misconceptions = [
        Misconception(
            "nats-not-bits",
            kl_in_nats,
            "gave the divergence in nats (natural log), not in bits",
            "np.log gives nats. Bits use log2: np.log2, or the answer in nats divided by "
            "ln 2 = 0.693.",
            revisit="prob.entropy#bits-and-nats",
        ),
        Misconception(
            "swapped-arguments",
            kl_swapped,
            "computed D_KL(q || p), with the two distributions swapped",
            "KL is not symmetric. D_KL(p || q) = sum of p_i log(p_i / q_i): the weights and the "
            "numerator are the true distribution p.",
            revisit="prob.entropy#cross-entropy-and-kl-divergence",
        ),
        Misconception(
            "cross-entropy-not-kl",
            kl_cross_entropy,
            "gave the cross-entropy H(p, q), without subtracting the entropy H(p)",
            "KL is the *excess* surprise: D_KL(p || q) = H(p, q) - H(p). Subtract the entropy "
            "of p, or compute sum of p_i log2(p_i / q_i) directly.",
            revisit="prob.entropy#cross-entropy-and-kl-divergence",
        ),
    ]
    hints = [
        "D_KL(p || q) = sum over i of p_i * log2(p_i / q_i).",
        "Three terms: 0.5 log2(0.5 / 0.2) + 0.3 log2(0.3 / 0.5) + 0.2 log2(0.2 / 0.3).",
    ]


_K = 10
_PRINTED = round(float(-np.log2(1 / _K)), 2)  # uniform predictions, loss computed with log2
_OPTIONS = [
    "the loss is in bits (log2): in nats it is ln 10 = 2.30, as expected before training",
    "the model is confidently wrong: its loss is far above ln 10",
    "the model has already learned something: its loss is below ln 10",
    "nothing: 3.32 is ln 10, the expected loss of an untrained model",
]


def _diagnosis(loss):
    if abs(loss - np.log(_K)) < 0.01:
        return _OPTIONS[3]
    if abs(loss - np.log2(_K)) < 0.01:
        return _OPTIONS[0]
    return _OPTIONS[1] if loss > np.log(_K) else _OPTIONS[2]


def first_loss_is_ln_k():
    return _OPTIONS[3]


def first_loss_confidently_wrong():
    return _OPTIONS[1]


@checkpoint("prob.entropy.first-loss", concepts=["prob.entropy"], kind="choice")
class FirstLoss:
    """You train a classifier for the 10 digits with a training loop you wrote yourself. Before
    the first update the untrained model predicts about 1/10 for every class, and your loop
    prints an average cross-entropy of 3.32. What does that tell you?

    - a) the loss is in bits (log2): in nats it is ln 10 = 2.30, as expected before training
    - b) the model is confidently wrong: its loss is far above ln 10
    - c) the model has already learned something: its loss is below ln 10
    - d) nothing: 3.32 is ln 10, the expected loss of an untrained model

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        return _diagnosis(_PRINTED)

    misconceptions = [
        Misconception(
            "thought-3.32-is-ln-10",
            first_loss_is_ln_k,
            "took 3.32 for ln 10",
            "ln 10 = 2.303. The number 3.32 is log2(10): the same uniform loss measured in bits. "
            "A loss in nats is the loss in bits times 0.693.",
            revisit="prob.entropy#bits-and-nats",
        ),
        Misconception(
            "confidently-wrong",
            first_loss_confidently_wrong,
            "read 3.32 as nats, far above ln 10, and blamed the model",
            "A model that predicts about 1/10 for every class is not confident about anything: "
            "its loss is about -log(1/10), ln 10 = 2.30 in nats or 3.32 in bits. The loop's log "
            "is the problem, not the model.",
            revisit="prob.entropy#why-classifiers-minimise-cross-entropy",
        ),
    ]
    hints = [
        "Each example's loss is -log(1/10), whatever its label. What is that in nats, and in bits?",
    ]
