"""Checkpoints for the lesson "Exponentials and logarithms" (04-exp-log.md).

The first checkpoint is the quick placement question for fd.exp-log: three log-probabilities
back to one probability (exp undoes ln, and a sum of logs is the log of a product).
"""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LOG_PROBS = (-0.5, -1.2, -0.3)


def forgot_exp():
    return sum(LOG_PROBS)


def multiplied_logs():
    return LOG_PROBS[0] * LOG_PROBS[1] * LOG_PROBS[2]


def exp_then_added():
    return sum(np.exp(v) for v in LOG_PROBS)


def base_ten():
    return 10.0 ** sum(LOG_PROBS)


@checkpoint("fd.exp-log.logs-to-probability", concepts=["fd.exp-log"], kind="numeric")
class LogsToProbability:
    """A model's log-probabilities (natural logs) for the true labels of three test examples
    are $-0.5$, $-1.2$ and $-0.3$. What is the product of the three probabilities?

    You may use Python or a calculator. Type the number itself, a decimal such as `0.25`,
    not an expression.
    """

    decimals = 3

    def solve():
        return float(np.exp(sum(LOG_PROBS)))

    misconceptions = [
        Misconception(
            "forgot-exp",
            forgot_exp,
            "gave the log of the product, not the product itself",
            "Adding the logs gives ln(p1 p2 p3), a negative number. The product of "
            "probabilities lies between 0 and 1: undo the ln.",
            revisit="fd.exp-log#e-exp-and-ln",
            fix="exp(-0.5 - 1.2 - 0.3) = exp(-2).",
        ),
        Misconception(
            "multiplied-logs",
            multiplied_logs,
            "multiplied the logs instead of adding them",
            "ln(ab) = ln a + ln b: the log of a product is the sum of the logs. Multiplying "
            "logs has no such meaning, and a probability is never negative.",
            revisit="fd.exp-log#three-rules",
        ),
        Misconception(
            "exp-then-added",
            exp_then_added,
            "turned each log back into a probability, then added them",
            "The question asks for the product of the three probabilities. A sum of "
            "probabilities above 1 is a warning sign.",
            revisit="fd.exp-log#log-probabilities",
        ),
        Misconception(
            "base-ten",
            base_ten,
            "undid the logs with 10 to the power, but they are natural logs",
            "Natural logs have base e: the inverse of ln is exp, e to the power, not 10 to "
            "the power.",
            revisit="fd.exp-log#e-exp-and-ln",
        ),
    ]
    hints = [
        "The sum of the logs is the log of the product: ln(p1 p2 p3) = -0.5 - 1.2 - 0.3.",
        "exp undoes ln: the product is e raised to that sum.",
    ]


def product_underflows(p):
    return np.log(np.prod(p))


def log_of_sum(p):
    return np.log(np.sum(p))


def base_ten_logs(p):
    return np.sum(np.log10(p))


def mean_of_logs(p):
    return np.mean(np.log(p))


def negated(p):
    return -np.sum(np.log(p))


_STARTER = """import numpy as np


def log_likelihood(p):
    return np.log(np.prod(p))
"""


@checkpoint("fd.exp-log.fix-log-likelihood", concepts=["fd.exp-log"], kind="fix")
class FixLogLikelihood:
    """`log_likelihood(p)` should return the log-likelihood of a test set: the natural log of
    the product of the probabilities in the 1-D array `p` (each strictly between 0 and 1),
    $\\ln(p_1 p_2 \\cdots p_n)$. It is right for a few probabilities, but for a few thousand it
    returns `-inf`. Make it return the right number for any length.
    """

    function = "log_likelihood"
    starter = _STARTER

    def reference(p):
        return float(np.sum(np.log(p)))

    def cases(rng):
        # From about 1000 entries on, the product of these probabilities underflows to 0.0.
        return [(rng.uniform(0.05, 1.0, size=n),) for n in (3, 20, 1500, 3000, 2500)]

    edge_cases = [
        (np.array([0.5, 0.25, 0.125]),),
        (np.full(2000, 0.6),),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "product-underflows",
            product_underflows,
            "multiplied the probabilities first, which underflows to 0.0, and ln(0) is -inf",
            "The product of thousands of probabilities is smaller than the smallest float, so "
            "np.prod returns exactly 0.0 before the log is taken. Use the product rule the "
            "other way round: the log of a product is the sum of the logs.",
            revisit="fd.exp-log#log-probabilities",
            fix="return np.sum(np.log(p)): take the log of each probability, then add.",
        ),
        Misconception(
            "log-of-sum",
            log_of_sum,
            "took the log of the sum of the probabilities: a log of a sum does not split",
            "ln(p1) + ln(p2) is ln(p1 p2), the log of a product. ln(p1 + p2) is something "
            "else, with no rule to split it. Take the log of each probability first, then add "
            "the logs.",
            revisit="fd.exp-log#three-rules",
        ),
        Misconception(
            "base-ten",
            base_ten_logs,
            "used log10 where the natural log was asked",
            "The log-likelihood uses the natural log, ln, which is np.log in NumPy. np.log10 "
            "gives the same sum times a constant 1 / ln 10, about 0.434.",
            revisit="fd.exp-log#e-exp-and-ln",
        ),
        Misconception(
            "mean-not-sum",
            mean_of_logs,
            "averaged the logs instead of adding them",
            "The log of a product is the sum of the logs, not their mean. (Losses often "
            "report the mean, but the log-likelihood itself is the sum.)",
            revisit="fd.exp-log#log-probabilities",
        ),
        Misconception(
            "negated",
            negated,
            "returned minus the log-likelihood, the loss that training minimises",
            "The log of a probability is negative, so the log-likelihood is negative too. "
            "Losses flip its sign so that smaller is better; the function asks for the "
            "log-likelihood itself.",
            revisit="fd.exp-log#log-probabilities",
        ),
    ]
    hints = [
        "np.prod(p) is 0.0 for a long array: avoid the product altogether.",
        "ln(p1 p2 ... pn) = ln p1 + ln p2 + ... + ln pn.",
    ]
