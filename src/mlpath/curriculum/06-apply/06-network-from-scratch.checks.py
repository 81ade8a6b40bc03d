"""Checkpoints for the lesson "A neural network from scratch: backpropagation by hand"
(06-network-from-scratch.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = """import numpy as np


def grad_W1(X, Y, W1, b1, W2, b2):
    ...
"""


# The variants are graded like a learner's file, so each is self-contained: the lesson's
# forward and backward passes, each with one known mistake.
def grad_w1_no_relu_mask(X, Y, W1, b1, W2, b2):
    A = X @ W1 + b1
    H = np.maximum(A, 0)
    Z = H @ W2 + b2
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = P / P.sum(axis=1, keepdims=True)
    dZ = (P - Y) / len(X)
    dA = dZ @ W2.T
    return X.T @ dA


def grad_w1_sign_flipped(X, Y, W1, b1, W2, b2):
    A = X @ W1 + b1
    H = np.maximum(A, 0)
    Z = H @ W2 + b2
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = P / P.sum(axis=1, keepdims=True)
    dZ = (Y - P) / len(X)
    dA = (dZ @ W2.T) * (A > 0)
    return X.T @ dA


def grad_w1_no_mean(X, Y, W1, b1, W2, b2):
    A = X @ W1 + b1
    H = np.maximum(A, 0)
    Z = H @ W2 + b2
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = P / P.sum(axis=1, keepdims=True)
    dZ = P - Y
    dA = (dZ @ W2.T) * (A > 0)
    return X.T @ dA


def grad_w1_softmax_axis_0(X, Y, W1, b1, W2, b2):
    A = X @ W1 + b1
    H = np.maximum(A, 0)
    Z = H @ W2 + b2
    P = np.exp(Z - Z.max(axis=0, keepdims=True))
    P = P / P.sum(axis=0, keepdims=True)
    dZ = (P - Y) / len(X)
    dA = (dZ @ W2.T) * (A > 0)
    return X.T @ dA


def grad_w1_transposed(X, Y, W1, b1, W2, b2):
    A = X @ W1 + b1
    H = np.maximum(A, 0)
    Z = H @ W2 + b2
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = P / P.sum(axis=1, keepdims=True)
    dZ = (P - Y) / len(X)
    dA = (dZ @ W2.T) * (A > 0)
    return dA.T @ X


def _case(rng, n, n_in, n_hidden, n_out):
    X = rng.normal(size=(n, n_in))
    Y = np.zeros((n, n_out))
    Y[np.arange(n), rng.integers(0, n_out, size=n)] = 1.0
    W1 = rng.normal(0, 1 / np.sqrt(n_in), size=(n_in, n_hidden))
    b1 = rng.normal(0, 0.5, size=n_hidden)
    W2 = rng.normal(0, 1 / np.sqrt(n_hidden), size=(n_hidden, n_out))
    b2 = rng.normal(0, 0.5, size=n_out)
    return X, Y, W1, b1, W2, b2


@checkpoint("nn.backprop.grad-w1", concepts=["nn.backprop", "nn.mlp"])
class GradW1:
    """Write `grad_W1(X, Y, W1, b1, W2, b2)`: the gradient of the lesson's loss with respect to
    `W1`, for the network

    $A = X W_1 + \\mathbf{b}_1$, $H = \\operatorname{relu}(A)$, $Z = H W_2 + \\mathbf{b}_2$,
    $P = \\operatorname{softmax}(Z)$ (over each row), and the mean cross-entropy
    $L = -\\frac{1}{n} \\sum_i \\sum_k Y_{ik} \\log P_{ik}$.

    `X` is $(n, n_\\text{in})$, `Y` one-hot $(n, n_\\text{out})$, `W1` $(n_\\text{in},
    n_\\text{hidden})$, `W2` $(n_\\text{hidden}, n_\\text{out})$. Return an array with the
    shape of `W1`. Your result is compared with central differences of the loss on random
    inputs, so any correct way of computing it passes.
    """

    function = "grad_W1"
    starter = _STARTER
    rtol = 1e-5
    atol = 1e-7

    def reference(X, Y, W1, b1, W2, b2):
        # Central differences of the loss: the referee, with no calculus in it.
        def loss(W):
            H = np.maximum(X @ W + b1, 0)
            Z = H @ W2 + b2
            Z = Z - Z.max(axis=1, keepdims=True)
            log_P = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
            return -np.mean(np.sum(Y * log_P, axis=1))

        h = 1e-6
        grad = np.zeros_like(W1)
        for index in np.ndindex(W1.shape):
            up, down = W1.copy(), W1.copy()
            up[index] += h
            down[index] -= h
            grad[index] = (loss(up) - loss(down)) / (2 * h)
        return grad

    def cases(rng):
        sizes = [(4, 3, 5, 3), (6, 4, 3, 4), (8, 5, 4, 3), (5, 3, 6, 4), (7, 6, 4, 5)]
        return [_case(rng, *size) for size in sizes]

    edge_cases = [
        (
            np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]),
            np.array([[1.0, 0.0], [0.0, 1.0]]),
            np.array([[0.5, -0.5], [0.25, 1.0], [-1.0, 0.5]]),
            np.array([0.1, 0.2]),
            np.array([[1.0, -1.0], [0.5, 0.5]]),
            np.array([0.0, 0.3]),
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "no-relu-mask",
            grad_w1_no_relu_mask,
            "passed the gradient through the ReLU everywhere, without the mask A > 0",
            "relu(a) = max(a, 0) has slope 1 where a > 0 and slope 0 where a < 0. So the "
            "gradient only flows back through the units that were active: "
            "dA = dH * (A > 0).",
            revisit="nn.backprop#when-one-gradient-is-wrong",
        ),
        Misconception(
            "sign-flipped",
            grad_w1_sign_flipped,
            "used Y - P instead of P - Y, which flips the sign of every gradient",
            "The gradient of the loss with respect to the logits is (P - Y) / n: raising the "
            "score of a class the model over-predicts raises the loss. With Y - P, gradient "
            "descent climbs the loss instead of descending it.",
            revisit="nn.backprop#backpropagation-the-chain-rule-backwards",
        ),
        Misconception(
            "no-mean",
            grad_w1_no_mean,
            "left out the 1/n of the mean, so the gradient is n times too large",
            "The loss is the *mean* cross-entropy over the n rows, so every gradient carries "
            "a factor 1/n: dZ = (P - Y) / n. Without it, the step size silently grows with "
            "the batch size.",
            revisit="nn.backprop#backpropagation-the-chain-rule-backwards",
        ),
        Misconception(
            "softmax-axis-0",
            grad_w1_softmax_axis_0,
            "normalised the softmax down the columns (axis=0) instead of along each row",
            "Each row of Z holds one example's scores, and its probabilities must sum to 1 "
            "across the classes: np.exp(Z).sum(axis=1, keepdims=True). With axis=0, each "
            "class's column sums to 1 over the batch instead.",
            revisit="nn.backprop#the-network-two-dense-layers-and-a-relu",
        ),
        Misconception(
            "transposed",
            grad_w1_transposed,
            "returned dA.T @ X, the transpose of the gradient",
            "A gradient has the shape of its parameter. Here W1 is (inputs, hidden) because "
            "the batch goes through as X @ W1, so dW1 = X.T @ dA. (The dense-layer lesson "
            "stores W as (outputs, inputs); then the gradient is dA.T @ X, the transpose.)",
            revisit="nn.backprop#backpropagation-the-chain-rule-backwards",
        ),
    ]
    hints = [
        "Run the forward pass first and keep A, H and P. Then go backwards: "
        "dZ = (P - Y) / n, dH = dZ @ W2.T.",
        "Through the ReLU: dA = dH * (A > 0). Finally dW1 = X.T @ dA, of the shape of W1.",
    ]


_OPTIONS = [
    "the line that computes db1",
    "the ReLU mask, in the line that computes dA",
    "the line that computes dZ from P and Y",
    "nowhere: a relative error of that size is rounding noise",
]


def blamed_relu_mask():
    return _OPTIONS[1]


def blamed_dz():
    return _OPTIONS[2]


def blamed_noise():
    return _OPTIONS[3]


@checkpoint("nn.backprop.which-line", concepts=["nn.backprop"], kind="choice")
class WhichLine:
    """You changed the lesson's `backward` and ran the gradient check again. It prints:

    ```text
    W1: relative error 2.6e-09
    b1: relative error 9.4e-01
    W2: relative error 2.2e-09
    b2: relative error 1.3e-09
    ```

    Where is the bug?

    a) the line that computes db1
    b) the ReLU mask, in the line that computes dA
    c) the line that computes dZ from P and Y
    d) nowhere: a relative error of that size is rounding noise

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        return _OPTIONS[0]

    misconceptions = [
        Misconception(
            "blamed-relu-mask",
            blamed_relu_mask,
            "blamed dA, which both dW1 and db1 are computed from",
            "dW1 = X.T @ dA and db1 sums the rows of dA. A wrong dA would spoil both, but W1 "
            "is exact, so dA is right: only the bias's own line can be wrong (a missing sum "
            "over the rows, or a mean instead of a sum).",
            revisit="nn.backprop#when-one-gradient-is-wrong",
        ),
        Misconception(
            "blamed-dz",
            blamed_dz,
            "blamed dZ, which every gradient is computed from",
            "Every gradient in backward starts from dZ, so a wrong dZ would make all four "
            "checks fail. Three of them are exact: look at what only b1 depends on.",
            revisit="nn.backprop#when-one-gradient-is-wrong",
        ),
        Misconception(
            "blamed-noise",
            blamed_noise,
            "read a relative error of 0.94 as rounding noise",
            "Rounding noise gives relative errors around 1e-9 or below, as the other three "
            "show. An error near 1 means the two gradients barely agree: a wrong formula.",
            revisit="nn.backprop#check-the-gradients-against-central-differences",
        ),
    ]
    hints = [
        "A bug in one line spoils every gradient computed from that line's result.",
        "Which gradients use dZ? Which use dA? Which use nothing after it?",
    ]
