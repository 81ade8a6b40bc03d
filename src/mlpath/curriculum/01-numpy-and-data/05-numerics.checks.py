"""Checkpoints for the lesson "Floating point: precision, overflow and underflow"
(05-numerics.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def loglik_log_of_product(p):
    with np.errstate(divide="ignore"):
        return float(np.log(np.prod(p)))


def loglik_log10(p):
    return float(np.sum(np.log10(p)))


def loglik_mean(p):
    return float(np.mean(np.log(p)))


@checkpoint("np.numerics.log-likelihood", concepts=["np.numerics"])
class LogLikelihood:
    """A model gives each of $n$ events the probability $p_i$ (an array `p` of numbers between 0
    and 1). Write `log_likelihood(p)`: the natural log of the probability of all of them together,
    $\\log \\prod_i p_i$, computed so that it stays finite even for thousands of events.

    For `p = [0.5, 0.25]` the answer is $\\log 0.125 \\approx -2.079$.
    """

    function = "log_likelihood"
    starter = "import numpy as np\n\n\ndef log_likelihood(p):\n    ...\n"

    def reference(p):
        return float(np.sum(np.log(p)))

    def cases(rng):
        return [(rng.uniform(0.05, 1.0, size=n),) for n in (4, 30, 1500, 2500)]

    edge_cases = [
        (np.array([0.5, 0.25]),),
        (np.full(2000, 0.5),),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "log-of-product",
            loglik_log_of_product,
            "multiplied the probabilities first and took the log at the end",
            "The product of many probabilities underflows to exactly 0.0, and log(0) is -inf. "
            "Use the log rule log(ab) = log a + log b: take the log of each probability, then "
            "sum.",
            revisit="np.numerics#underflow-a-product-of-many-probabilities-is-0",
        ),
        Misconception(
            "log10-not-ln",
            loglik_log10,
            "used the base-10 logarithm instead of the natural log",
            "np.log is the natural log (base e); np.log10 gives answers 0.434 times as large. "
            "Log-likelihoods and losses in ML use the natural log.",
            revisit="np.numerics#underflow-a-product-of-many-probabilities-is-0",
        ),
        Misconception(
            "mean-not-sum",
            loglik_mean,
            "averaged the log-probabilities instead of adding them",
            "The log of a product is the sum of the logs. The mean, divided by n, is the average "
            "log-likelihood per event, a different quantity.",
            revisit="np.numerics#underflow-a-product-of-many-probabilities-is-0",
        ),
    ]
    hints = [
        "log(p_1 * p_2 * ... * p_n) = log p_1 + log p_2 + ... + log p_n.",
        "`np.log(p)` takes the log of every entry; then add them up with `np.sum`.",
    ]


@checkpoint("np.numerics.predict-float", concepts=["np.numerics"], kind="predict")
class PredictFloat:
    """What does this cell print? Predict it before you run it, then set `answer` to the text.

    ```python
    import numpy as np
    a = 0.1 + 0.2
    print(a == 0.3)
    print(np.isclose(a, 0.3))
    w = np.float32(1e8)
    print(w + np.float32(1.0) == w)
    ```
    """

    code = (
        "import numpy as np\n"
        "a = 0.1 + 0.2\n"
        "print(a == 0.3)\n"
        "print(np.isclose(a, 0.3))\n"
        "w = np.float32(1e8)\n"
        "print(w + np.float32(1.0) == w)\n"
    )
    misconceptions = [
        Misconception(
            "floats-are-exact",
            "print(True)\nprint(True)\nprint(False)\n",
            "floats were taken to do exact decimal arithmetic",
            "0.1, 0.2 and 0.3 have no exact binary form, so each is rounded and 0.1 + 0.2 ends "
            "up one bit away from 0.3. And a float32 keeps only about 7 significant digits: "
            "the gap between float32 numbers near 1e8 is 8, so adding 1 changes nothing.",
            revisit="np.numerics#rounding-and-comparing-floats-with-npisclose",
        ),
        Misconception(
            "float32-has-room",
            "print(False)\nprint(True)\nprint(False)\n",
            "a float32 was taken to have room for 1e8 + 1",
            "float32 keeps about 7 significant digits; 1e8 + 1 needs 9. Near 1e8 the next "
            "float32 is 1e8 + 8, so 1e8 + 1 rounds back to 1e8 and the comparison is True.",
            revisit="np.numerics#the-gaps-between-floats-grow-with-their-size",
        ),
        Misconception(
            "isclose-is-equality",
            "print(False)\nprint(False)\nprint(True)\n",
            "np.isclose was taken to be as strict as ==",
            "np.isclose allows a small relative difference (rtol = 1e-5 by default), which is "
            "exactly what rounding errors need: np.isclose(0.1 + 0.2, 0.3) is True.",
            revisit="np.numerics#rounding-and-comparing-floats-with-npisclose",
        ),
    ]
    hints = [
        "0.1 has no exact binary representation.",
        "`np.spacing(np.float32(1e8))` is the gap to the next float32.",
    ]
