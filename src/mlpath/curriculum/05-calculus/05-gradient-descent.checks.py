"""Checkpoints for the lesson "Gradient descent and the learning rate" (05-gradient-descent.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "calc.gradient-descent"


def descend_sign_error(x, y, w0, lr, steps):
    ws = [w0]
    for _ in range(steps):
        g = np.mean(2 * x * (ws[-1] * x - y))
        ws.append(ws[-1] + lr * g)
    return np.array(ws)


def descend_no_inner_derivative(x, y, w0, lr, steps):
    ws = [w0]
    for _ in range(steps):
        g = np.mean(2 * (ws[-1] * x - y))
        ws.append(ws[-1] - lr * g)
    return np.array(ws)


def descend_no_factor_two(x, y, w0, lr, steps):
    ws = [w0]
    for _ in range(steps):
        g = np.mean(x * (ws[-1] * x - y))
        ws.append(ws[-1] - lr * g)
    return np.array(ws)


def descend_sum_not_mean(x, y, w0, lr, steps):
    ws = [w0]
    for _ in range(steps):
        g = np.sum(2 * x * (ws[-1] * x - y))
        ws.append(ws[-1] - lr * g)
    return np.array(ws)


@checkpoint("calc.gradient-descent.implement", concepts=["calc.gradient-descent"])
class ImplementDescend:
    """Write `descend(x, y, w0, lr, steps)`: gradient descent on the lesson's one-weight loss

    $$L(w) = \\frac{1}{n} \\sum_{i=1}^{n} (w x_i - y_i)^2,$$

    starting at `w0`, with learning rate `lr`, for `steps` steps. `x` and `y` are arrays of the
    same length $n$. Return a NumPy array of `steps + 1` numbers: `w0`, then $w$ after each
    step.

    Your result is compared with gradient descent whose gradient is computed by central
    differences, so any correct formula for $L'(w)$ passes. For `x = [1, 2, 3]`,
    `y = [2, 4, 6]`, `w0 = 0`, `lr = 0.05` and `steps = 2` the answer is
    `[0, 0.9333, 1.4311]` (to 4 decimals).
    """

    function = "descend"
    starter = (
        "import numpy as np\n\n\n"
        "def descend(x, y, w0, lr, steps):\n"
        "    ws = [w0]\n"
        "    ...\n"
        "    return np.array(ws)\n"
    )
    rtol = 1e-6
    atol = 1e-8

    def reference(x, y, w0, lr, steps):
        def loss(w):
            return np.mean((w * x - y) ** 2)

        h = 1e-5
        ws = [w0]
        for _ in range(steps):
            w = ws[-1]
            g = (loss(w + h) - loss(w - h)) / (2 * h)  # central difference
            ws.append(w - lr * g)
        return np.array(ws)

    def cases(rng):
        out = []
        for n, steps in [(5, 3), (8, 4), (12, 5), (20, 6), (30, 8)]:
            x = rng.normal(0.5, 1.5, size=n)
            y = 2.0 * x + rng.normal(size=n)
            lr = float(rng.uniform(0.05, 0.3) / np.mean(x**2))
            out.append((x, y, float(rng.normal()), lr, steps))
        return out

    edge_cases = [
        (np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]), 0.0, 0.05, 2),
        (np.array([0.5, -1.0, 2.0, 1.5]), np.array([1.0, -1.0, 3.0, 2.5]), 1.0, 0.1, 3),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "sign-error",
            descend_sign_error,
            "stepped along the gradient instead of against it, so w climbs uphill",
            "The gradient points uphill. Gradient descent steps against it: "
            "w = w - lr * gradient, where the gradient is mean(2 x (w x - y)), prediction minus "
            "target. A + in the update, or the residual y - w x, flips the sign, and the loss "
            "rises at every step.",
            revisit=f"{LESSON}#when-the-loss-goes-up",
        ),
        Misconception(
            "no-inner-derivative",
            descend_no_inner_derivative,
            "left out the inner derivative x_i: the gradient was mean(2 (w x - y))",
            "By the chain rule, the derivative of (w x_i - y_i)^2 is the outer derivative "
            "2 (w x_i - y_i) times the inner one, the derivative of w x_i - y_i with respect to "
            "w, which is x_i. So L'(w) = mean(2 x (w x - y)).",
            revisit=f"{LESSON}#the-idea-step-downhill",
        ),
        Misconception(
            "no-factor-two",
            descend_no_factor_two,
            "dropped the factor 2 from the derivative of the square",
            "The derivative of u^2 is 2u, so L'(w) = mean(2 x (w x - y)). Without the 2 every "
            "step is half as long as it should be.",
            revisit=f"{LESSON}#the-idea-step-downhill",
        ),
        Misconception(
            "sum-not-mean",
            descend_sum_not_mean,
            "summed the gradient over the examples instead of averaging it",
            "The loss is a mean, so its derivative is a mean too: divide the sum by n (or use "
            "np.mean). A sum makes every step n times too long, which diverges on large data.",
            revisit=f"{LESSON}#the-idea-step-downhill",
        ),
    ]
    hints = [
        "The slope is L'(w) = mean(2 * x * (w * x - y)).",
        "Each step: w = w - lr * slope; append every new w to the list.",
    ]


_CURVATURES = np.array([2 * 3.0, 2 * 0.5])  # L = 3 w1^2 + 0.5 w2^2: second derivatives 6 and 1


def limit_flat_direction():
    return float(2 / _CURVATURES.min())


def limit_no_factor_two():
    return float(2 / (_CURVATURES.max() / 2))


def limit_no_overshoot():
    return float(1 / _CURVATURES.max())


@checkpoint(
    "calc.gradient-descent.largest-rate", concepts=["calc.gradient-descent"], kind="numeric"
)
class LargestRate:
    """Gradient descent on the bowl

    $$L(w_1, w_2) = 3 w_1^2 + 0.5\\, w_2^2,$$

    started anywhere with both weights non-zero, converges to the minimum for every learning
    rate $\\eta$ below a limit, and diverges for every $\\eta$ above it. What is that limit?
    """

    decimals = 2

    def solve():
        # The gradient is (6 w1, 1 w2): a step multiplies w1 by 1 - 6 lr and w2 by 1 - lr.
        # Both factors must lie between -1 and 1; the steeper direction fails first.
        return float(2 / _CURVATURES.max())

    misconceptions = [
        Misconception(
            "flat-direction",
            limit_flat_direction,
            "took the limit of the flat direction w2, not the steep one",
            "Every weight must converge. A step multiplies w1 by 1 - 6 lr and w2 by 1 - lr; the "
            "steep direction w1 reaches a factor of -1 first, so it sets the limit.",
            revisit=f"{LESSON}#two-weights-paths-on-a-contour-plot",
        ),
        Misconception(
            "no-factor-two",
            limit_no_factor_two,
            "used 3 w1 as the gradient's first entry, forgetting that the derivative of 3 w1^2 "
            "is 6 w1",
            "The partial derivative of 3 w1^2 is 6 w1, so a step multiplies w1 by 1 - 6 lr. "
            "That factor stays above -1 only while lr < 2/6.",
            revisit=f"{LESSON}#two-weights-paths-on-a-contour-plot",
        ),
        Misconception(
            "no-overshoot",
            limit_no_overshoot,
            "gave the largest rate that never overshoots, not the largest that converges",
            "A factor between -1 and 0 overshoots, but the distance to the minimum still "
            "shrinks each step: the path zigzags in. Divergence starts only when the factor "
            "passes -1.",
            revisit=f"{LESSON}#the-learning-rate-too-small-right-too-large",
        ),
    ]
    hints = [
        "The gradient is (6 w1, w2). What does one step multiply w1 by? And w2?",
        "Each factor must stay between -1 and 1.",
    ]


_MINIMA_OPTIONS = [
    "all three: the gradient is zero at each",
    "w = -1 and w = 1",
    "only w = 0",
    "none of them",
]


def _quartic_grad(w):
    return 4 * w**3 - 4 * w


def minima_all_three():
    return _MINIMA_OPTIONS[0]


def minima_only_zero():
    return _MINIMA_OPTIONS[2]


@checkpoint("calc.extrema.which-are-minima", concepts=["calc.extrema"], kind="choice")
class WhichAreMinima:
    """The function $f(w) = w^4 - 2w^2$ has the derivative $f'(w) = 4w^3 - 4w$, which is zero at
    $w = -1$, $w = 0$ and $w = 1$. Which of these points are minima of $f$?

    a) all three: the gradient is zero at each    b) w = -1 and w = 1    c) only w = 0
    d) none of them

    Set `answer` to the letter of your choice.
    """

    options = _MINIMA_OPTIONS

    def solve():
        # A minimum: the slope is negative just left of it and positive just right of it.
        minima = [
            w for w in (-1.0, 0.0, 1.0) if _quartic_grad(w - 0.01) < 0 < _quartic_grad(w + 0.01)
        ]
        found = {(): 3, (-1.0, 1.0): 1, (0.0,): 2}.get(tuple(minima), 0)
        return _MINIMA_OPTIONS[found]

    misconceptions = [
        Misconception(
            "zero-gradient-is-minimum",
            minima_all_three,
            "took every point with a zero gradient for a minimum",
            "The gradient is also zero on top of a hill. Look at the slope on either side: "
            "just left of w = 0 it is positive (f rises) and just right negative (f falls), so "
            "w = 0 is a maximum.",
            revisit=f"{LESSON}#where-the-slope-is-zero-minima",
        ),
        Misconception(
            "maximum-for-minimum",
            minima_only_zero,
            "picked the maximum: w = 0 is the top of the hill between two valleys",
            "f(0) = 0 while f(-1) = f(1) = -1, so w = 0 is higher than its neighbours. At a "
            "minimum the slope goes from negative to positive; at w = 0 it goes from positive "
            "to negative.",
            revisit=f"{LESSON}#where-the-slope-is-zero-minima",
        ),
    ]
    hints = [
        "Work out f'(w) at w = -0.1 and w = 0.1: is f rising or falling on each side of 0?",
        "Do the same just left and right of w = 1.",
    ]
