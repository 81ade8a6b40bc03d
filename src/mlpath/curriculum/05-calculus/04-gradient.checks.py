"""Checkpoints for the lesson "Partial derivatives and the gradient" (04-gradient.md)."""

import numpy as np

from mlpath.grade import Misconception, Operation, checkpoint


def grad_sign_error(w, b, x, y):
    r = y - (w * x + b)  # target minus prediction
    return np.array([2 * np.mean(r * x), 2 * np.mean(r)])


def grad_missing_two(w, b, x, y):
    r = w * x + b - y
    return np.array([np.mean(r * x), np.mean(r)])


def grad_missing_inner_x(w, b, x, y):
    r = w * x + b - y
    return np.array([2 * np.mean(r), 2 * np.mean(r)])


def grad_swapped(w, b, x, y):
    r = w * x + b - y
    return np.array([2 * np.mean(r), 2 * np.mean(r * x)])


def grad_sum_not_mean(w, b, x, y):
    r = w * x + b - y
    return np.array([2 * np.sum(r * x), 2 * np.sum(r)])


@checkpoint("calc.gradient.mse-gradient", concepts=["calc.gradient"])
class MseGradient:
    """A line $\\hat{y} = w x + b$ is scored by the mean squared error
    $L(w, b) = \\frac{1}{n}\\sum_i (w x_i + b - y_i)^2$. Write `mse_gradient(w, b, x, y)`: the
    gradient $\\big(\\partial L/\\partial w,\\ \\partial L/\\partial b\\big)$ as a NumPy array of
    two numbers, in that order, for numbers `w`, `b` and arrays `x`, `y` of the same length.
    It is graded against a numerical gradient (central differences) at random points, so any
    correct formula passes.
    """

    function = "mse_gradient"
    starter = "import numpy as np\n\n\ndef mse_gradient(w, b, x, y):\n    ...\n"
    rtol = 1e-6
    # A partial near 0 can be a difference of terms near 10: in float32 (w mean(x^2) + b mean(x)
    # - mean(x y) as well as mean(r x)) that leaves up to ~3e-6, above float32's default atol.
    atol = 1e-5

    def reference(w, b, x, y):
        def loss(params):
            return np.mean((params[0] * x + params[1] - y) ** 2)

        theta, h = np.array([w, b], dtype=float), 1e-5
        grad = np.zeros(2)
        for i in range(2):
            up, down = theta.copy(), theta.copy()
            up[i] += h
            down[i] -= h
            grad[i] = (loss(up) - loss(down)) / (2 * h)
        return grad

    def cases(rng):
        out = []
        for n in (4, 7, 10, 15, 20, 30):
            x = np.round(rng.normal(2.0, 1.5, size=n), 2)
            y = np.round(0.8 * x - 1 + rng.normal(size=n), 2)
            w, b = np.round(rng.uniform(-2, 2, size=2), 2)
            out.append((float(w), float(b), x, y))
        return out

    edge_cases = [(1.0, 0.5, np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 2.5, 4.5, 4.0]))]
    hidden = 2
    misconceptions = [
        Misconception(
            "sign-error",
            grad_sign_error,
            "used the residual y - (w x + b), which flips the sign of the gradient",
            "The derivative of (w x + b - y)**2 is 2 (w x + b - y) times the inner slope. With "
            "y - prediction both entries change sign: the vector points downhill, and a "
            "training step along minus it would climb.",
            revisit="calc.gradient#the-formula",
        ),
        Misconception(
            "missing-factor-2",
            grad_missing_two,
            "dropped the factor 2 from the slope of the square",
            "The slope of r**2 is 2 r (the power rule), so both partials carry the factor 2: "
            "(2/n) sum(r x) and (2/n) sum(r).",
            revisit="calc.gradient#the-formula",
        ),
        Misconception(
            "missing-inner-x",
            grad_missing_inner_x,
            "forgot the inner derivative x in dL/dw",
            "The residual w x_i + b - y_i changes by x_i per unit of w, and by 1 per unit of b. "
            "So dL/dw = (2/n) sum(r_i x_i), while dL/db = (2/n) sum(r_i).",
            revisit="calc.gradient#the-formula",
        ),
        Misconception(
            "swapped-order",
            grad_swapped,
            "returned (dL/db, dL/dw), the partials in the wrong order",
            "Entry i of the gradient belongs to parameter i: first dL/dw, then dL/db, in the "
            "same order as the arguments (w, b).",
            revisit="calc.gradient#the-formula",
        ),
        Misconception(
            "sum-not-mean",
            grad_sum_not_mean,
            "summed over the points without dividing by n",
            "L is a mean, so its partials are means too: divide the sums by n (or use np.mean).",
            revisit="calc.gradient#the-formula",
        ),
    ]
    hints = [
        "Compute the residuals r = w * x + b - y first.",
        "dL/dw = 2 * mean(r * x) and dL/db = 2 * mean(r); return np.array([dL_dw, dL_db]).",
    ]


# The numerical-gradient checkpoint: a 3-weight logistic model on 4 examples. Reference and
# variants are graded from their source alone, so each defines the data and the loss itself.
_STARTER = """import numpy as np

X = np.array([[1.0, 2.0, -1.0],
              [0.5, -1.0, 2.0],
              [-1.5, 0.5, 1.0],
              [2.0, 1.0, 0.5]])
y = np.array([1.0, 0.0, 1.0, 0.0])


def loss(theta):
    \"\"\"Cross-entropy of a logistic model with 3 weights on 4 examples.\"\"\"
    p = 1 / (1 + np.exp(-(X @ theta)))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def numerical_gradient(theta, h):
    ...
"""


def numgrad_forward(theta, h):
    X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]])
    y = np.array([1.0, 0.0, 1.0, 0.0])

    def loss(t):
        p = 1 / (1 + np.exp(-(X @ t)))
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    grad = np.zeros_like(theta)
    for i in range(len(theta)):
        plus = theta.copy()
        plus[i] += h
        grad[i] = (loss(plus) - loss(theta)) / h
    return grad


def numgrad_no_copy(theta, h):
    X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]])
    y = np.array([1.0, 0.0, 1.0, 0.0])

    def loss(t):
        p = 1 / (1 + np.exp(-(X @ t)))
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    grad = np.zeros_like(theta)
    for i in range(len(theta)):
        plus = theta  # not a copy
        plus[i] += h
        f_plus = loss(plus)
        minus = theta  # the same array, nudged up
        minus[i] -= h
        grad[i] = (f_plus - loss(minus)) / (2 * h)
    return grad


def numgrad_not_restored(theta, h):
    X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]])
    y = np.array([1.0, 0.0, 1.0, 0.0])

    def loss(t):
        p = 1 / (1 + np.exp(-(X @ t)))
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    theta = theta.copy()
    grad = np.zeros_like(theta)
    for i in range(len(theta)):
        theta[i] += h
        f_plus = loss(theta)
        theta[i] -= 2 * h
        f_minus = loss(theta)  # theta[i] is left at theta[i] - h
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def numgrad_divided_by_h(theta, h):
    X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]])
    y = np.array([1.0, 0.0, 1.0, 0.0])

    def loss(t):
        p = 1 / (1 + np.exp(-(X @ t)))
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    grad = np.zeros_like(theta)
    for i in range(len(theta)):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (loss(plus) - loss(minus)) / h
    return grad


READY_MADE = Operation(
    "a ready-made numerical gradient",
    frozenset({"numerical_gradient", "approx_fprime", "approx_derivative", "check_grad"}),
)


@checkpoint("calc.numerical-gradient.implement", concepts=["calc.numerical-gradient"])
class NumericalGradient:
    """The starter defines a loss of three weights, `loss(theta)`. Keep it, and write
    `numerical_gradient(theta, h)`: the gradient of `loss` at `theta` by central differences,
    one weight at a time,

    $$g_i = \\frac{L(\\theta + h e_i) - L(\\theta - h e_i)}{2h},$$

    where $e_i$ is 1 in entry $i$ and 0 elsewhere. Return an array of the same shape as
    `theta`. It is checked with steps from 0.05 to 0.2, where a one-sided difference is far
    off. Write the loop yourself: the course's `mlpath.toolkit.autograd.numerical_gradient`
    and SciPy's `approx_fprime` are not allowed.
    """

    function = "numerical_gradient"
    starter = _STARTER
    forbidden = [READY_MADE]
    # A float32 loss rounds log(1 - p) near p = 1, and the difference quotient multiplies that
    # by 1 / (2h) = 10: correct float32 loops are off by up to ~5e-5 on some seeds' cases. Every
    # misconception stays at least 8e-4 away from the reference on every case (1000 seeds).
    atol = 1e-4

    def reference(theta, h):
        X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]])
        y = np.array([1.0, 0.0, 1.0, 0.0])

        def loss(t):
            p = 1 / (1 + np.exp(-(X @ t)))
            return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

        grad = np.zeros(len(theta))
        for i in range(len(theta)):
            plus, minus = theta.astype(float), theta.astype(float)  # astype makes copies
            plus[i] += h
            minus[i] -= h
            grad[i] = (loss(plus) - loss(minus)) / (2 * h)
        return grad

    def cases(rng):
        return [
            (np.round(rng.normal(scale=0.8, size=3), 2), h) for h in (0.1, 0.05, 0.2, 0.1, 0.05)
        ]

    edge_cases = [(np.array([0.5, -0.5, 0.25]), 0.1)]
    hidden = 2
    misconceptions = [
        Misconception(
            "forward-difference",
            numgrad_forward,
            "used the forward difference (L(theta + h e_i) - L(theta)) / h",
            "A one-sided step is off by an amount proportional to h; with h = 0.1 that shows. "
            "Nudge both ways and divide by the distance 2h.",
            revisit="calc.gradient#many-weights-the-numerical-gradient",
        ),
        Misconception(
            "no-copy",
            numgrad_no_copy,
            "nudged theta itself instead of a copy, so the result is half a forward difference",
            "plus = theta is a second name for the same array. plus[i] += h moves theta, and "
            "minus[i] -= h only moves it back: the quotient is (L(theta + h e_i) - L(theta)) / "
            "2h. Use plus, minus = theta.copy(), theta.copy().",
            revisit="calc.gradient#when-the-check-fails-by-exactly-half",
        ),
        Misconception(
            "not-restored",
            numgrad_not_restored,
            "nudged theta in place and never put weight i back, so later weights are "
            "measured at a shifted point",
            "After theta[i] -= 2 * h the weight stays at theta[i] - h, and every later partial "
            "is taken at the wrong point. Restore theta[i] after each weight, or nudge copies.",
            revisit="calc.gradient#many-weights-the-numerical-gradient",
        ),
        Misconception(
            "divided-by-h",
            numgrad_divided_by_h,
            "divided by h instead of 2h, so every entry is twice too large",
            "theta + h e_i and theta - h e_i are 2h apart: divide the difference by 2 * h.",
            revisit="calc.gradient#many-weights-the-numerical-gradient",
        ),
    ]
    hints = [
        "Start from grad = np.zeros(len(theta)) and loop over i in range(len(theta)).",
        "In the loop: plus, minus = theta.copy(), theta.copy(); plus[i] += h; minus[i] -= h; "
        "grad[i] = (loss(plus) - loss(minus)) / (2 * h).",
    ]
