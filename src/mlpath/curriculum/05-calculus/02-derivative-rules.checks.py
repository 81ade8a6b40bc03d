"""Checkpoints for the lesson "The derivative rules worth knowing" (02-derivative-rules.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def nll_slope_sign_error(sigma, v):
    return 1 / sigma + v / sigma**3


def nll_slope_exponent_not_lowered(sigma, v):
    return 1 / sigma - v / sigma**2


def nll_slope_dropped_half(sigma, v):
    return 1 / sigma - 2 * v / sigma**3


@checkpoint("calc.derivative-rules.gaussian-sigma", concepts=["calc.derivative-rules"])
class GaussianSigma:
    """Module 3 fitted a Gaussian by maximum likelihood. Per data point, its negative
    log-likelihood as a function of $\\sigma$ is, up to a constant,

    $$\\ell(\\sigma) = \\ln \\sigma + \\frac{v}{2\\sigma^2},$$

    where $v > 0$ is the mean squared deviation of the data from their mean. Write
    `nll_slope(sigma, v)`: the derivative $\\ell'(\\sigma)$, as a single number, for
    $\\sigma > 0$. Use the rules of the lesson; your function is graded against a central
    difference of $\\ell$ at random points, so any correct formula passes.
    """

    function = "nll_slope"
    starter = "import numpy as np\n\n\ndef nll_slope(sigma, v):\n    ...\n"
    rtol = 1e-6
    atol = 1e-7

    def reference(sigma, v):
        def nll(s):
            return np.log(s) + v / (2 * s**2)

        h = 1e-5 * sigma  # a step relative to sigma: the check works at every scale
        return float((nll(sigma + h) - nll(sigma - h)) / (2 * h))

    def cases(rng):
        return [
            (float(np.round(rng.uniform(0.4, 4.0), 3)), float(np.round(rng.uniform(0.2, 10.0), 3)))
            for _ in range(6)
        ]

    edge_cases = [(0.5, 2.0), (3.0, 4.0)]
    hidden = 2
    misconceptions = [
        Misconception(
            "sign-error",
            nll_slope_sign_error,
            "lost the minus sign: the slope of sigma**-2 is -2 sigma**-3",
            "The power rule n x**(n-1) with n = -2 gives -2 sigma**-3: the exponent is "
            "negative, so the slope is too. v / (2 sigma**2) falls as sigma grows, so its slope "
            "must be negative.",
            revisit="calc.derivative-rules#the-rules",
        ),
        Misconception(
            "exponent-not-lowered",
            nll_slope_exponent_not_lowered,
            "multiplied by the exponent -2 but did not lower the exponent: -2 sigma**-2",
            "The power rule brings the exponent down *and* lowers it by one: x**n -> n x**(n-1). "
            "For sigma**-2 that is -2 sigma**-3, so the term v / (2 sigma**2) has slope "
            "-v / sigma**3.",
            revisit="calc.derivative-rules#the-rules",
        ),
        Misconception(
            "dropped-half",
            nll_slope_dropped_half,
            "dropped the constant factor 1/2 in front of v / sigma**2",
            "A constant multiple stays: (c f)' = c f'. Here c = v / 2, and (v / 2) * "
            "(-2 sigma**-3) = -v / sigma**3.",
            revisit="calc.derivative-rules#the-rules",
        ),
    ]
    hints = [
        "Write the second term as (v / 2) * sigma**-2; then it is a constant times a power.",
        "ln sigma has slope 1 / sigma; sigma**-2 has slope -2 sigma**-3. Add the two slopes.",
    ]


_X = 0.25


def x_exp_own_derivative():
    return (1 + _X) * np.exp(2 * _X)  # took e^{2x} as its own slope


def x_exp_multiplied_derivatives():
    return 1 * 2 * np.exp(2 * _X)  # (x)' * (e^{2x})'


def x_exp_one_term():
    return np.exp(2 * _X)  # f'g only


@checkpoint("calc.derivative-rules.exp-2x", concepts=["calc.derivative-rules"], kind="numeric")
class Exp2x:
    """Find the slope of $f(x) = x\\,e^{2x}$ at $x = 0.25$ with the rules: it is a product, and
    $e^{2x} = e^x \\cdot e^x$ is a product too. Set `answer` to the number (you may compute it
    with NumPy, and check it with a central difference).
    """

    decimals = 3

    def solve():
        x = _X
        d_exp2x = np.exp(x) * np.exp(x) + np.exp(x) * np.exp(x)  # product rule on e^x e^x
        return float(1 * np.exp(2 * x) + x * d_exp2x)  # product rule on x * e^{2x}

    misconceptions = [
        Misconception(
            "exp-2x-own-slope",
            x_exp_own_derivative,
            "took the slope of e^{2x} to be e^{2x}",
            "Only e^x is its own slope. e^{2x} = e^x e^x, and the product rule gives "
            "e^x e^x + e^x e^x = 2 e^{2x}: doubling the exponent doubles the slope.",
            revisit="calc.derivative-rules#the-product-rule-drawn-as-a-rectangle",
        ),
        Misconception(
            "multiplied-derivatives",
            x_exp_multiplied_derivatives,
            "multiplied the two derivatives, (x)' (e^{2x})'",
            "(f g)' is not f' g'. Each factor's slope is weighted by the other factor: "
            "f' g + f g' = 1 * e^{2x} + x * 2 e^{2x}.",
            revisit="calc.derivative-rules#when-the-slope-looks-wrong",
        ),
        Misconception(
            "one-term",
            x_exp_one_term,
            "kept only the first term of the product rule, f' g = e^{2x}",
            "The product rule has two terms: f' g + f g'. The second, x * 2 e^{2x}, is the "
            "change of e^{2x} weighted by x.",
            revisit="calc.derivative-rules#the-product-rule-drawn-as-a-rectangle",
        ),
    ]
    hints = [
        "With f = x and g = e^{2x}: f' = 1, and g' = 2 e^{2x} (product rule on e^x e^x).",
        "The slope is f' g + f g' = e^{2x} + 2x e^{2x}, at x = 0.25.",
    ]
