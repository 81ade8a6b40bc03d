"""Checkpoints for the lesson "The chain rule: multiplying sensitivities" (03-chain-rule.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def slope_missing_inner(w, b, x):
    s = 1 / (1 + np.exp(-(w * x + b)))
    return s * (1 - s)


def slope_times_w(w, b, x):
    s = 1 / (1 + np.exp(-(w * x + b)))
    return s * (1 - s) * w


def slope_sigmoid_as_own_slope(w, b, x):
    s = 1 / (1 + np.exp(-(w * x + b)))
    return s * x


@checkpoint("calc.chain-rule.sigmoid-weight", concepts=["calc.chain-rule"])
class SigmoidWeight:
    """A one-feature classifier predicts $p = \\sigma(wx + b)$ with
    $\\sigma(z) = 1 / (1 + e^{-z})$. Write `sigmoid_slope_w(w, b, x)`: the derivative
    $dp/dw$, as a single number, for numbers `w`, `b` and `x`. It is graded against a central
    difference of $p$ in $w$ at random points, so any correct formula passes.
    """

    function = "sigmoid_slope_w"
    starter = "import numpy as np\n\n\ndef sigmoid_slope_w(w, b, x):\n    ...\n"
    rtol = 1e-6
    atol = 1e-8

    def reference(w, b, x):
        def p(weight):
            return 1 / (1 + np.exp(-(weight * x + b)))

        h = 1e-6
        return float((p(w + h) - p(w - h)) / (2 * h))

    def cases(rng):
        out = []
        for _ in range(6):
            w, b, x = np.round(rng.uniform([-2, -1, -2], [2, 1, 2]), 2)
            out.append((float(w), float(b), float(x)))
        return out

    edge_cases = [(0.5, -1.0, 3.0), (-1.5, 0.5, 0.8)]
    hidden = 2
    misconceptions = [
        Misconception(
            "missing-inner-derivative",
            slope_missing_inner,
            "forgot the inner derivative: returned sigma'(z) without the factor x",
            "p = sigma(z) with z = w x + b is a chain of two links. The chain rule multiplies "
            "the outer slope sigma'(z) = sigma(z)(1 - sigma(z)) by the inner slope dz/dw = x.",
            revisit="calc.chain-rule#when-the-slope-looks-wrong",
        ),
        Misconception(
            "inner-slope-for-x",
            slope_times_w,
            "multiplied by w, the inner slope with respect to x, instead of x",
            "You need how z = w x + b changes when w moves, with x held fixed: dz/dw = x. The "
            "factor w is dz/dx, the slope for a change of the input.",
            revisit="calc.chain-rule#the-sigmoid-of-a-linear-function",
        ),
        Misconception(
            "sigmoid-as-own-slope",
            slope_sigmoid_as_own_slope,
            "used sigma(z) as the sigmoid's slope",
            "Only e^x is its own slope. The sigmoid's slope is sigma(z)(1 - sigma(z)), which "
            "is at most 0.25, at z = 0.",
            revisit="calc.chain-rule#the-sigmoid-of-a-linear-function",
        ),
    ]
    hints = [
        "Outer link: sigma'(z) = sigma(z) * (1 - sigma(z)), evaluated at z = w x + b.",
        "Inner link: z = w x + b changes by x per unit of w. Multiply the two slopes.",
    ]


def _texture():
    from sklearn.datasets import load_breast_cancer

    cancer = load_breast_cancer()
    x = cancer.data[:, 1]  # mean texture
    y = (cancer.target == 0).astype(int)  # 1 = malignant
    p = 1 / (1 + np.exp(-(0.1 * x - 2.5)))
    return x, y, p


def texture_missing_inner():
    _, y, p = _texture()
    return float(np.sum(p - y) / len(y))


def texture_sign_flipped():
    x, y, p = _texture()
    return float(np.sum((y - p) * x) / len(y))


def texture_sum_not_mean():
    x, y, p = _texture()
    return float(np.sum((p - y) * x))


@checkpoint("calc.chain-rule.texture-gradient", concepts=["calc.chain-rule"], kind="numeric")
class TextureGradient:
    """Repeat the lesson's classifier with another feature: the **mean texture** of each tumour
    (column 1 of `load_breast_cancer().data`) as $x$, with $w = 0.1$ and $b = -2.5$. The loss
    is the cross-entropy averaged over the 569 tumours, with $y = 1$ for malignant (target 0).
    Set `answer` to $dL/dw$.
    """

    decimals = 4

    def solve():
        from sklearn.datasets import load_breast_cancer

        cancer = load_breast_cancer()
        x = cancer.data[:, 1]
        y = (cancer.target == 0).astype(int)

        def loss(w):
            p = 1 / (1 + np.exp(-(w * x - 2.5)))
            return np.sum(-y * np.log(p) - (1 - y) * np.log(1 - p)) / len(y)

        h = 1e-6
        return float((loss(0.1 + h) - loss(0.1 - h)) / (2 * h))

    misconceptions = [
        Misconception(
            "missing-inner-derivative",
            texture_missing_inner,
            "forgot the inner derivative x: averaged p - y alone",
            "The mean of p - y is the slope for b, whose inner slope is 1. For w, the link "
            "z = w x + b contributes dz/dw = x: average (p - y) * x.",
            revisit="calc.chain-rule#when-the-slope-looks-wrong",
        ),
        Misconception(
            "sign-flipped",
            texture_sign_flipped,
            "used y - p instead of p - y, which flips the sign",
            "dL/dp * dp/dz simplifies to p - y, the prediction minus the label. With the sign "
            "flipped, a gradient step would climb the loss instead of descending it.",
            revisit="calc.chain-rule#gradients-flow-backwards-a-classifier-on-real-data",
        ),
        Misconception(
            "sum-not-mean",
            texture_sum_not_mean,
            "summed over the tumours without dividing by n",
            "The loss is an average over the 569 tumours, so its slope is an average too: "
            "divide the sum by n.",
            revisit="calc.chain-rule#gradients-flow-backwards-a-classifier-on-real-data",
        ),
    ]
    hints = [
        "Forward: z = 0.1 * x - 2.5, p = 1 / (1 + exp(-z)). Backward: dL/dz = p - y, dz/dw = x.",
        "Average (p - y) * x over the tumours; check it with a central difference of the loss.",
    ]
