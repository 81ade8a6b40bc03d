"""Checkpoints for the lesson "Softmax and cross-entropy" (03-softmax-cross-entropy.md)."""

import numpy as np

from mlpath.grade import LOGSUMEXP, Misconception, Operation, checkpoint

LESSON = "clf.softmax"

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


def ce_overflow(Z, Y):
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        E = np.exp(Z)  # no shift: exp(1000) is inf
        P = E / E.sum(axis=-1, keepdims=True)
        return float(-np.mean(np.sum(Y * np.log(P), axis=-1)))


def ce_log_of_softmax(Z, Y):
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    P = E / E.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(np.sum(Y * np.log(P), axis=-1)))  # ln 0 when P underflows


def ce_softmax_twice(Z, Y):
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    P = E / E.sum(axis=-1, keepdims=True)  # probabilities, then used as scores
    shifted = P - P.max(axis=-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return float(-np.mean(np.sum(Y * log_p, axis=-1)))


def ce_wrong_axis(Z, Y):
    shifted = Z - Z.max(axis=0, keepdims=True)  # over the samples, not the classes
    log_p = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    return float(-np.mean(np.sum(Y * log_p, axis=-1)))


def ce_global_max(Z, Y):
    shifted = Z - np.max(Z)  # one shift for the whole batch, not each row's own max
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        return float(-np.mean(np.sum(Y * log_p, axis=-1)))


def ce_mean_over_all_entries(Z, Y):
    shifted = Z - Z.max(axis=-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return float(-np.mean(Y * log_p))  # divides by n * K, not n


def ce_sum_not_mean(Z, Y):
    shifted = Z - Z.max(axis=-1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return float(-np.sum(Y * log_p))


def _one_hot(labels, K):
    Y = np.zeros((len(labels), K))
    Y[np.arange(len(labels)), labels] = 1
    return Y


@checkpoint(f"{LESSON}.cross-entropy", concepts=["clf.cross-entropy", "clf.softmax", "clf.one-hot"])
class CrossEntropy:
    """Write `cross_entropy(Z, Y)`: the mean cross-entropy loss of a batch, computed from the raw
    scores. `Z` has shape `(n, K)`, one row of $K$ logits per sample; `Y` has the same shape and
    holds the one-hot targets. Return one number,

    $$L = -\\frac{1}{n}\\sum_{i=1}^{n}\\sum_{k=1}^{K} Y_{ik} \\ln P_{ik}, \\qquad
    P = \\text{the softmax of each row of } Z.$$

    Some scores are in the hundreds or thousands: the loss must still be right, and finite.
    Compute the log-softmax yourself; ready-made softmax, log-sum-exp and cross-entropy
    functions (`scipy.special`, `sklearn.metrics.log_loss`, PyTorch) are not allowed.
    """

    function = "cross_entropy"
    starter = "import numpy as np\n\n\ndef cross_entropy(Z, Y):\n    ...\n"
    forbidden = [LOGSUMEXP, LIBRARY_CROSS_ENTROPY]
    rtol = 1e-6

    def reference(Z, Y):
        total = 0.0
        for z, y in zip(Z, Y, strict=True):
            m = np.max(z)
            log_p = z - m - np.log(np.sum(np.exp(z - m)))  # log-softmax of one row
            total -= np.sum(y * log_p)
        return float(total / len(Z))

    def cases(rng):
        out = []
        for n, K in [(4, 3), (5, 2), (6, 4), (7, 5), (8, 3), (6, 10)]:
            Z = np.round(rng.normal(0.0, 3.0, size=(n, K)), 2)
            out.append((Z, _one_hot(rng.integers(0, K, size=n), K)))
        return out

    edge_cases = [
        (np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0]]), np.array([[1.0, 0, 0], [0, 0, 1.0]])),
        # the true class's probability underflows to 0: the log of the softmax is -inf
        (np.array([[-400.0, 400.0, 400.0]]), np.array([[1.0, 0, 0]])),
        # scores in the thousands: exp overflows without the shift
        (np.array([[1000.0, 999.0, 998.0], [0.0, 1.0, 2.0]]), np.array([[1.0, 0, 0], [0, 1.0, 0]])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "overflow",
            ce_overflow,
            "took exp of the raw scores, which overflows to inf for scores in the thousands",
            "exp(1000) is inf, and inf / inf is nan. Subtract each row's max before exp: the "
            "softmax does not change, and the largest exponent is exp(0) = 1.",
            revisit=f"{LESSON}#the-idea-one-score-per-class",
        ),
        Misconception(
            "log-of-softmax",
            ce_log_of_softmax,
            "took np.log of the softmax, which is -inf when a probability underflows to 0",
            "A probability like e^-800 rounds to 0, and ln 0 is -inf. Take the log on paper "
            "first: ln P_ik = z_k - m - ln(sum_j e^(z_j - m)), the log-softmax, which stays "
            "finite.",
            revisit=f"{LESSON}#cross-entropy-from-the-scores",
        ),
        Misconception(
            "softmax-twice",
            ce_softmax_twice,
            "applied a softmax to Z first, then computed the loss from those probabilities as "
            "if they were scores",
            "Z already holds the raw scores (logits); the loss applies the one softmax it needs. "
            "A second softmax squeezes every row towards uniform, and the loss cannot go "
            "below a floor far above 0.",
            revisit=f"{LESSON}#when-the-loss-will-not-go-below-146",
        ),
        Misconception(
            "wrong-axis",
            ce_wrong_axis,
            "took the softmax over axis=0, across the samples, instead of across each row",
            "Each row is one sample and its K classes: the max and the sum run along the last "
            "axis, axis=-1 with keepdims=True.",
            revisit=f"{LESSON}#the-idea-one-score-per-class",
        ),
        Misconception(
            "global-max",
            ce_global_max,
            "subtracted the largest score of the whole batch, np.max(Z) without an axis, instead "
            "of each row's own max",
            "One shift for all rows is still a valid shift, but a row whose scores lie far below "
            "the batch's max gets exp(...) = 0 for every class, and ln 0 = -inf. Shift each row "
            "by its own max: Z.max(axis=-1, keepdims=True).",
            revisit=f"{LESSON}#the-idea-one-score-per-class",
        ),
        Misconception(
            "mean-over-all-entries",
            ce_mean_over_all_entries,
            "averaged Y * log P over all n * K entries, so the loss is K times too small",
            "The zeros of the one-hot rows are entries too. Sum over the classes of each row "
            "first (axis=-1), then average over the n rows.",
            revisit=f"{LESSON}#cross-entropy-from-the-scores",
        ),
        Misconception(
            "sum-not-mean",
            ce_sum_not_mean,
            "returned the total over the batch instead of the mean",
            "The loss is an average over the n samples, so it does not grow with the batch: "
            "divide the total by n.",
            revisit=f"{LESSON}#cross-entropy-from-the-scores",
        ),
    ]
    hints = [
        "Log-softmax of each row: shifted = Z - Z.max(axis=-1, keepdims=True), then "
        "shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True)).",
        "Multiply by Y, sum along axis=-1, take the mean over the rows and flip the sign.",
    ]


_K = 4


def floor_untrained():
    return float(np.log(_K))


def floor_zero():
    return 0.0


def floor_probability():
    return float(np.e / (np.e + _K - 1))


def floor_lesson_k():
    return float(np.log(np.e + 10 - 1) - 1)


@checkpoint(f"{LESSON}.twice-floor", concepts=["clf.cross-entropy", "clf.softmax"], kind="numeric")
class TwiceFloor:
    """A classifier of $K = 4$ classes outputs probabilities, and by mistake they go into a
    cross-entropy that applies its own softmax, as in the lesson's "looks wrong" box. The model
    becomes perfect: for every sample it gives the true class probability 1. What loss does the
    buggy training loop print?
    """

    decimals = 3

    def solve():
        row = np.zeros(_K)
        row[0] = 1.0  # the perfect model's output, treated as scores
        log_p = row - np.log(np.sum(np.exp(row)))
        return float(-log_p[0])

    misconceptions = [
        Misconception(
            "untrained-loss",
            floor_untrained,
            "gave ln K, the loss of an untrained model",
            "A second softmax does not flatten the output completely: softmax(1, 0, 0, 0) "
            "still favours the true class, so the loss is below ln K, though far above 0.",
            revisit=f"{LESSON}#when-the-loss-will-not-go-below-146",
        ),
        Misconception(
            "zero",
            floor_zero,
            "answered 0, the loss of a perfect model without the bug",
            "The loss sees the probabilities (1, 0, 0, 0) as scores and applies its softmax "
            "again, so the true class gets e / (e + 3), not 1.",
            revisit=f"{LESSON}#when-the-loss-will-not-go-below-146",
        ),
        Misconception(
            "probability-not-loss",
            floor_probability,
            "gave the probability e / (e + K - 1), not the loss",
            "The loss is minus the log of the probability of the true class: -ln(e / (e + 3)).",
            revisit=f"{LESSON}#cross-entropy-from-the-scores",
        ),
        Misconception(
            "lesson-k",
            floor_lesson_k,
            "gave the floor for K = 10, from the lesson",
            "The floor depends on K: the true class gets e / (e + K - 1). Here K = 4.",
            revisit=f"{LESSON}#when-the-loss-will-not-go-below-146",
        ),
    ]
    hints = [
        "The row the loss receives is (1, 0, 0, 0). Apply the softmax to it.",
        "The loss is -ln of the first entry: -ln(e / (e + 3)).",
    ]
