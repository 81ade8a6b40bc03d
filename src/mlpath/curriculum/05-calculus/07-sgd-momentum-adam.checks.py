"""Checkpoints for the lesson "Mini-batches, momentum and Adam" (07-sgd-momentum-adam.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "calc.sgd"

_STARTER = """import numpy as np
from mlpath.toolkit.autograd import Tensor


def train(X, y, lr, steps):
    w = Tensor(np.zeros((X.shape[1], 1)))
    losses = []
    for step in range(steps):
        loss = ((Tensor(X) @ w - y) ** 2).mean()
        loss.backward()
        w.data = w.data - lr * w.grad
        losses.append(float(loss.data))
    return losses
"""


def train_no_zero_grad(X, y, lr, steps):
    from mlpath.toolkit.autograd import Tensor

    w = Tensor(np.zeros((X.shape[1], 1)))
    losses = []
    for _ in range(steps):
        loss = ((Tensor(X) @ w - y) ** 2).mean()
        loss.backward()  # adds to w.grad: the sum of every gradient so far
        w.data = w.data - lr * w.grad
        losses.append(float(loss.data))
    return losses


def train_zero_after_backward(X, y, lr, steps):
    from mlpath.toolkit.autograd import Tensor

    w = Tensor(np.zeros((X.shape[1], 1)))
    losses = []
    for _ in range(steps):
        loss = ((Tensor(X) @ w - y) ** 2).mean()
        loss.backward()
        w.zero_grad()  # wipes the gradient before it is used
        w.data = w.data - lr * w.grad
        losses.append(float(loss.data))
    return losses


def train_sign_error(X, y, lr, steps):
    from mlpath.toolkit.autograd import Tensor

    w = Tensor(np.zeros((X.shape[1], 1)))
    losses = []
    for _ in range(steps):
        loss = ((Tensor(X) @ w - y) ** 2).mean()
        w.zero_grad()
        loss.backward()
        w.data = w.data + lr * w.grad
        losses.append(float(loss.data))
    return losses


def _regression(rng, n, d):
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=(d, 1)) + 0.5 * rng.normal(size=(n, 1))
    return X, y


@checkpoint("calc.sgd.fix-zero-grad", concepts=["calc.sgd", "nn.autograd"], kind="fix")
class FixZeroGrad:
    """`train(X, y, lr, steps)` fits a linear model by full-batch gradient descent with the
    course's engine: the weights `w` (shape `(d, 1)`) start at zeros, and each step minimises
    the mean squared error `mean((X @ w - y) ** 2)`, with `X` of shape `(n, d)` and `y` of shape
    `(n, 1)`. It returns the list of the `steps` losses, each computed before that step's
    update.

    It runs, but its loss falls for a few steps and then swings up and down, and the gradient
    grows when it should shrink.
    """

    function = "train"
    starter = _STARTER

    def reference(X, y, lr, steps):
        w = np.zeros((X.shape[1], 1))
        losses = []
        for _ in range(steps):
            error = X @ w - y
            losses.append(float(np.mean(error**2)))
            w = w - lr * 2 / len(X) * X.T @ error  # the gradient of this step only
        return losses

    def cases(rng):
        out = []
        for n, d, steps in [(20, 2, 6), (30, 3, 8), (25, 4, 8), (40, 5, 10), (30, 3, 10)]:
            X, y = _regression(rng, n, d)
            lr = float(rng.uniform(0.05, 0.15))
            out.append((X, y, lr, steps))
        return out

    edge_cases = [
        (
            np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0]]),
            np.array([[1.0], [2.0], [3.0], [0.0]]),
            0.1,
            6,
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "no-zero-grad",
            train_no_zero_grad,
            "never reset w.grad, so each step used the sum of all past gradients",
            "backward() adds to .grad (the += of the autograd lesson), so without a reset every "
            "step follows the sum of all gradients so far: momentum with no decay. Call "
            "w.zero_grad() before loss.backward() in every step.",
            revisit=f"{LESSON}#when-the-gradient-keeps-growing",
        ),
        Misconception(
            "zero-after-backward",
            train_zero_after_backward,
            "reset w.grad after backward(), so the step used a zero gradient and w never moved",
            "The reset belongs before backward(): forget the old gradient, then compute this "
            "step's. Resetting between backward() and the update throws the new one away.",
            revisit=f"{LESSON}#the-training-loop",
        ),
        Misconception(
            "sign-error",
            train_sign_error,
            "added the gradient to w instead of subtracting it",
            "The gradient points uphill; the step is w.data - lr * w.grad.",
            revisit="calc.gradient-descent#when-the-loss-goes-up",
        ),
    ]
    hints = [
        "What does `loss.backward()` do to `w.grad` if `w.grad` already holds last step's "
        "gradient?",
        "Reset it with `w.zero_grad()` at the right point of each step.",
    ]


def adam_no_bias_correction(w, g, m, s, t, lr):
    m = 0.9 * m + 0.1 * g
    s = 0.999 * s + 0.001 * g**2
    return w - lr * m / (np.sqrt(s) + 1e-8), m, s


def adam_no_one_minus_beta(w, g, m, s, t, lr):
    m = 0.9 * m + g
    s = 0.999 * s + g**2
    m_hat, s_hat = m / (1 - 0.9**t), s / (1 - 0.999**t)
    return w - lr * m_hat / (np.sqrt(s_hat) + 1e-8), m, s


def adam_no_sqrt(w, g, m, s, t, lr):
    m = 0.9 * m + 0.1 * g
    s = 0.999 * s + 0.001 * g**2
    m_hat, s_hat = m / (1 - 0.9**t), s / (1 - 0.999**t)
    return w - lr * m_hat / (s_hat + 1e-8), m, s


def adam_returns_corrected(w, g, m, s, t, lr):
    m = 0.9 * m + 0.1 * g
    s = 0.999 * s + 0.001 * g**2
    m_hat, s_hat = m / (1 - 0.9**t), s / (1 - 0.999**t)
    return w - lr * m_hat / (np.sqrt(s_hat) + 1e-8), m_hat, s_hat


@checkpoint("calc.sgd.adam", concepts=["calc.sgd"])
class AdamStep:
    """Write `adam_step(w, g, m, s, t, lr)`: one Adam update with $\\beta_1 = 0.9$,
    $\\beta_2 = 0.999$ and $\\varepsilon = 10^{-8}$. `w` are the weights, `g` their gradient,
    `m` and `s` the running averages of the gradient and of its square before this step, and
    `t` the number of this step (1 for the first). All arrays have the same shape. Return the
    tuple `(w, m, s)` after the step:

    $$\\mathbf{m} \\leftarrow \\beta_1 \\mathbf{m} + (1 - \\beta_1)\\mathbf{g}, \\quad
    \\mathbf{s} \\leftarrow \\beta_2 \\mathbf{s} + (1 - \\beta_2)\\mathbf{g}^2, \\quad
    \\mathbf{w} \\leftarrow \\mathbf{w} - \\eta
    \\frac{\\mathbf{m} / (1 - \\beta_1^t)}{\\sqrt{\\mathbf{s} / (1 - \\beta_2^t)} + \\varepsilon}.$$

    At the first step, with `m` and `s` zero, each weight moves by almost exactly `lr`, against
    the sign of its gradient.
    """

    function = "adam_step"
    starter = "import numpy as np\n\n\ndef adam_step(w, g, m, s, t, lr):\n    ...\n"
    # The Adam paper's rearranged step puts epsilon in a slightly different place; that moves
    # the result by about 1e-7 of a step, and is Adam too.
    rtol = 1e-5
    atol = 1e-8

    def reference(w, g, m, s, t, lr):
        beta1, beta2, eps = 0.9, 0.999, 1e-8
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)  # bias correction: the averages start at 0
        s_hat = s / (1 - beta2**t)
        return w - lr * m_hat / (np.sqrt(s_hat) + eps), m, s

    def cases(rng):
        out = []
        for size, t in [(3, 1), (4, 2), (5, 3), (4, 10), (6, 100), (3, 5)]:
            w, g = rng.normal(size=size), rng.normal(size=size)
            if t == 1:
                m, s = np.zeros(size), np.zeros(size)
            else:
                m, s = 0.3 * rng.normal(size=size), 0.05 * rng.uniform(0.1, 1.0, size=size)
            out.append((w, g, m, s, t, float(rng.choice([0.001, 0.01, 0.1]))))
        return out

    edge_cases = [
        (np.array([1.0, -2.0]), np.array([0.5, -4.0]), np.zeros(2), np.zeros(2), 1, 0.1),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "no-bias-correction",
            adam_no_bias_correction,
            "left out the bias correction: divided by neither 1 - beta1^t nor 1 - beta2^t",
            "m and s start at 0, so in the first steps they are far too small: after one step "
            "m is 0.1 g and sqrt(s) is about 0.03 |g|, which makes the step about three times "
            "too big. Divide m by 1 - 0.9**t and s by 1 - 0.999**t before the update.",
            revisit=f"{LESSON}#momentum-and-adam",
        ),
        Misconception(
            "no-one-minus-beta",
            adam_no_one_minus_beta,
            "added the whole gradient to m and s instead of weighting it by 1 - beta",
            "m and s are running averages: the new gradient enters with weight 1 - beta1 = 0.1 "
            "(and g squared with 1 - beta2 = 0.001), so the old and new weights add up to 1. "
            "Without that, m and s grow into sums of past gradients.",
            revisit=f"{LESSON}#momentum-and-adam",
        ),
        Misconception(
            "no-square-root",
            adam_no_sqrt,
            "divided by s_hat + eps instead of sqrt(s_hat) + eps",
            "s averages squared gradients, so its square root has the gradient's scale; "
            "m_hat / sqrt(s_hat) is then about 1 and each weight moves by about lr. Without "
            "the root, the step depends on the gradient's scale again.",
            revisit=f"{LESSON}#momentum-and-adam",
        ),
        Misconception(
            "returned-corrected",
            adam_returns_corrected,
            "returned the bias-corrected m_hat and s_hat as the new m and s",
            "The correction is applied only to compute the step. The running averages carry on "
            "uncorrected: the next step corrects them again with its own t, so storing m_hat "
            "would correct twice.",
            revisit=f"{LESSON}#momentum-and-adam",
        ),
    ]
    hints = [
        "Update m and s first, then the corrected m_hat = m / (1 - 0.9**t) and "
        "s_hat = s / (1 - 0.999**t).",
        "Return the new weights together with the new m and s (not the corrected ones).",
    ]
