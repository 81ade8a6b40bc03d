"""Checkpoints for the lesson "Checking gradients numerically" (05-numerical-gradient.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "calc.numerical-gradient"


def central_forward_difference(X, y, w, h):
    def L(v):
        return np.mean((X @ v - y) ** 4)

    grad = np.zeros_like(w)
    for j in range(len(w)):
        up = w.copy()
        up[j] += h
        grad[j] = (L(up) - L(w)) / h
    return grad


def central_divided_by_h(X, y, w, h):
    def L(v):
        return np.mean((X @ v - y) ** 4)

    grad = np.zeros_like(w)
    for j in range(len(w)):
        up, down = w.copy(), w.copy()
        up[j] += h
        down[j] -= h
        grad[j] = (L(up) - L(down)) / h
    return grad


def central_no_restore(X, y, w, h):
    def L(v):
        return np.mean((X @ v - y) ** 4)

    w = w.copy()
    grad = np.zeros_like(w)
    for j in range(len(w)):
        saved = w[j]
        w[j] = saved + h
        up = L(w)
        w[j] = saved - h
        down = L(w)
        grad[j] = (up - down) / (2 * h)  # w[j] is never put back
    return grad


def central_all_at_once(X, y, w, h):
    def L(v):
        return np.mean((X @ v - y) ** 4)

    return np.full(len(w), (L(w + h) - L(w - h)) / (2 * h))


def central_exact_gradient(X, y, w, h):
    return 4 / len(y) * X.T @ (X @ w - y) ** 3


@checkpoint("calc.numerical-gradient.central", concepts=["calc.numerical-gradient"])
class Central:
    """Write `central_gradient(X, y, w, h)`: the central-difference estimate of the gradient of

    $$L(\\mathbf{w}) = \\frac{1}{n} \\sum_{i=1}^{n} (\\mathbf{x}_i \\cdot \\mathbf{w} - y_i)^4,$$

    the mean *fourth* power of the errors, at the point `w` with step `h`: entry $j$ is
    $\\big(L(\\mathbf{w} + h\\,\\mathbf{e}_j) - L(\\mathbf{w} - h\\,\\mathbf{e}_j)\\big) / 2h$.
    `X` has shape `(n, d)`, `y` shape `(n,)` and `w` shape `(d,)`; return an array of shape
    `(d,)`, in float64.

    The steps `h` are large (0.02 to 0.1), so the estimate differs from the exact gradient in
    the third digit or so: return the estimate itself, as a gradient check would compute it.
    """

    function = "central_gradient"
    starter = "import numpy as np\n\n\ndef central_gradient(X, y, w, h):\n    ...\n"

    def reference(X, y, w, h):
        def L(v):
            return np.mean((X @ v - y) ** 4)

        grad = np.zeros_like(w)
        for j in range(len(w)):
            step = np.zeros_like(w)
            step[j] = h  # h e_j
            grad[j] = (L(w + step) - L(w - step)) / (2 * h)
        return grad

    def cases(rng):
        out = []
        for n, d, h in [(5, 2, 0.1), (8, 3, 0.05), (10, 3, 0.1), (12, 4, 0.02), (15, 4, 0.05)]:
            X = rng.normal(size=(n, d))
            out.append((X, rng.normal(size=n), rng.normal(scale=0.5, size=d), h))
        return out

    edge_cases = [
        (
            np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]),
            np.array([1.0, 0.0, 2.0]),
            np.array([0.5, -0.5]),
            0.1,
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "forward-difference",
            central_forward_difference,
            "used the forward difference (L(w + h e_j) - L(w)) / h",
            "The forward difference is off by about h/2 times the curvature. The central "
            "difference nudges both ways and divides by the whole distance 2h: "
            "(L(w + h e_j) - L(w - h e_j)) / (2h); its error is proportional to h^2.",
            revisit=f"{LESSON}#the-idea-nudge-and-measure",
        ),
        Misconception(
            "divided-by-h",
            central_divided_by_h,
            "divided the central difference by h instead of 2h",
            "From w - h e_j to w + h e_j the weight moves by 2h, so the slope is the change in "
            "L divided by 2h. Dividing by h doubles every entry.",
            revisit=f"{LESSON}#the-idea-nudge-and-measure",
        ),
        Misconception(
            "no-restore",
            central_no_restore,
            "did not put w[j] back after nudging it, so later entries are measured elsewhere",
            "After the two evaluations for weight j, reset w[j] to its saved value (or nudge a "
            "copy). Otherwise every later partial derivative is taken at a shifted point.",
            revisit=f"{LESSON}#every-entry-of-a-gradient",
        ),
        Misconception(
            "all-at-once",
            central_all_at_once,
            "nudged every weight at once, so every entry is the same number",
            "L(w + h) - L(w - h) with all weights moved measures the slope along the diagonal "
            "direction, not one partial derivative. Move only weight j: w + h e_j.",
            revisit=f"{LESSON}#every-entry-of-a-gradient",
        ),
        Misconception(
            "exact-gradient",
            central_exact_gradient,
            "returned the exact gradient (4/n) X^T (Xw - y)^3 instead of the central difference",
            "That formula is right, but the task is the estimate a gradient check computes. "
            "With a large h the two differ; compute (L(w + h e_j) - L(w - h e_j)) / (2h) for "
            "each j.",
            revisit=f"{LESSON}#every-entry-of-a-gradient",
        ),
    ]
    hints = [
        "Write L(v) = np.mean((X @ v - y) ** 4) first.",
        "For each j, make a copy of w with h added to entry j and one with h subtracted; the "
        "difference of their losses divided by 2 * h is entry j.",
    ]


_FLOAT32_OPTIONS = [
    "the gradient formula is wrong",
    "the check is unreliable: in float32 a step of 1e-6 drowns in rounding, so rerun it in float64",
    "some error is normal: central differences are exact only for linear functions",
    "the step is too large: use h = 1e-10",
]


def _central(f, w, h):
    return (f(w + h) - f(w - h)) / (2 * h)


def _quartic(w):
    return w * w * w * w - 3 * w * w + w


def float32_formula_wrong():
    return _FLOAT32_OPTIONS[0]


def float32_smaller_step():
    return _FLOAT32_OPTIONS[3]


@checkpoint(
    "calc.numerical-gradient.float32-check", concepts=["calc.numerical-gradient"], kind="choice"
)
class Float32Check:
    """You check a gradient formula you are confident in with the lesson's
    `numerical_gradient` and its default step `h = 1e-6`. The data and the weights are float32
    arrays. The relative error comes out as 0.03. What is the most likely explanation?

    a) the gradient formula is wrong
    b) the check is unreliable: in float32 a step of 1e-6 drowns in rounding, so rerun it in
    float64
    c) some error is normal: central differences are exact only for linear functions
    d) the step is too large: use h = 1e-10

    Set `answer` to the letter of your choice.
    """

    options = _FLOAT32_OPTIONS

    def solve():
        # The same central difference of f(w) = w^4 - 3w^2 + w at w = 1 (exact slope -1):
        # float32 with h = 1e-6 is off by percents, float64 is right to 1e-9.
        off32 = abs(float(_central(_quartic, np.float32(1.0), np.float32(1e-6))) + 1.0)
        off64 = abs(_central(_quartic, 1.0, 1e-6) + 1.0)
        return _FLOAT32_OPTIONS[1] if off32 > 1e-2 and off64 < 1e-9 else _FLOAT32_OPTIONS[0]

    misconceptions = [
        Misconception(
            "blames-the-formula",
            float32_formula_wrong,
            "blamed the formula, though a float32 check with h = 1e-6 is itself unreliable",
            "float32 keeps about 7 digits, so L(w + h) and L(w - h) share almost all of them and "
            "their difference is mostly rounding. Redo the check in float64 before you doubt "
            "the formula: a real bug still shows, a false alarm goes away.",
            revisit=f"{LESSON}#when-a-right-gradient-fails-the-check",
        ),
        Misconception(
            "smaller-step",
            float32_smaller_step,
            "made the step smaller, which makes rounding worse",
            "Below the best step the error grows as h shrinks, because the difference "
            "L(w + h) - L(w - h) is left with only rounding. In float32, 1 + 1e-10 is exactly 1, "
            "so the estimate would be 0.",
            revisit=f"{LESSON}#how-small-should-the-step-be",
        ),
    ]
    hints = [
        "Look at the figure of error against h: where does float32 sit at h = 1e-6?",
        "Which change makes the check trustworthy without touching the formula?",
    ]
