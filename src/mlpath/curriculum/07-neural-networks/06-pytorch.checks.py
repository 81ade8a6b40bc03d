"""Checkpoints for the lesson "The same network in PyTorch, checked against your own"
(06-pytorch.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = """import numpy as np


def linear(X, weight, bias):
    ...
"""


# The variants are graded like a learner's file, so each is self-contained.
def linear_reshaped(X, weight, bias):
    n_out, n_in = weight.shape
    return X @ weight.reshape(n_in, n_out) + bias


def linear_outputs_as_columns(X, weight, bias):
    return weight @ X.T + bias[:, None]


def _linear_case(rng, n, n_in, n_out):
    return (
        rng.normal(size=(n, n_in)),
        rng.normal(0, 1 / np.sqrt(n_in), size=(n_out, n_in)),
        rng.normal(0, 0.5, size=n_out),
    )


@checkpoint("nn.pytorch.linear-layout", concepts=["nn.pytorch"])
class LinearLayout:
    """Write `linear(X, weight, bias)` in NumPy: what PyTorch's `nn.Linear` computes, given its
    parameters as NumPy arrays in PyTorch's layout. `X` is a batch of shape $(n, n_\\text{in})$,
    `weight` has shape $(n_\\text{out}, n_\\text{in})$ (outputs by inputs, as `nn.Linear`
    stores it) and `bias` shape $(n_\\text{out},)$. Return the $(n, n_\\text{out})$ outputs,
    one row per row of `X`. Use NumPy only.
    """

    function = "linear"
    starter = _STARTER

    def reference(X, weight, bias):
        return X @ weight.T + bias

    def cases(rng):
        sizes = [(4, 3, 2), (5, 2, 4), (3, 5, 3), (6, 4, 2), (2, 3, 5)]
        return [_linear_case(rng, *size) for size in sizes]

    edge_cases = [
        (
            np.array([[1.0, 2.0, 3.0]]),
            np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]]),
            np.array([0.5, -1.0]),
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "reshaped",
            linear_reshaped,
            "reshaped the (out, in) weight to (in, out) instead of transposing it",
            "reshape keeps the numbers in row order and only cuts them differently, so the "
            "columns you multiply by are not the weight's rows. To turn outputs-by-inputs "
            "into inputs-by-outputs, transpose: weight.T.",
            revisit="nn.pytorch#the-weight-that-is-reshaped-not-transposed",
            fix="return X @ weight.T + bias",
        ),
        Misconception(
            "outputs-as-columns",
            linear_outputs_as_columns,
            "returned the outputs as columns, shape (n_out, n), instead of one row per example",
            "weight @ X.T computes the right numbers but lays them out with one column per "
            "example. A batch keeps one row per example: X @ weight.T + bias, shape "
            "(n, n_out), which is (weight @ X.T).T.",
            revisit="nn.pytorch#the-network-as-an-nnmodule",
        ),
    ]
    hints = [
        "weight is (n_out, n_in); X is (n, n_in). Which product gives (n, n_out)?",
        "X @ weight.T is (n, n_out); the bias broadcasts over the rows.",
    ]


_STEPS, _LR, _W0 = 3, 0.1, 3.0


def w_zeroed():
    w = _W0
    for _ in range(_STEPS):
        w -= _LR * 2 * w
    return w


def w_first_gradient_reused():
    return _W0 - _STEPS * _LR * 2 * _W0


@checkpoint("nn.pytorch.no-zero-grad", concepts=["nn.pytorch"], kind="numeric")
class NoZeroGrad:
    """This loop forgot `optimizer.zero_grad()`:

    ```python
    import torch

    w = torch.tensor(3.0, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1)
    for step in range(3):
        loss = w * w
        loss.backward()
        optimizer.step()
    ```

    What is `w` after the loop? Work it out step by step before you run it: the slope of
    $w^2$ is $2w$, and `step()` computes `w -= lr * w.grad`. Set `answer` to that number.
    """

    decimals = 3

    def solve():
        w, grad = _W0, 0.0
        for _ in range(_STEPS):
            grad += 2 * w
            w -= _LR * grad
        return w

    misconceptions = [
        Misconception(
            "as-if-zeroed",
            w_zeroed,
            "computed the steps as if the gradients were zeroed every time",
            "Without zero_grad(), each backward() adds the new gradient to w.grad, and step() "
            "uses that sum: the second step moves by lr times (6 + 4.8), not lr times 4.8. "
            "optimizer.step() does not clear the gradients; only zero_grad() does.",
            revisit="nn.pytorch#tensors-that-record-their-operations",
        ),
        Misconception(
            "first-gradient-reused",
            w_first_gradient_reused,
            "moved by the first gradient, 6, at every step",
            "backward() recomputes the slope at the current w every time (2w, with the new w) "
            "and adds it to what .grad holds; the stored sum grows with every step.",
            revisit="nn.pytorch#tensors-that-record-their-operations",
        ),
    ]
    hints = [
        "Step 1: w.grad = 6, so w = 3 - 0.1 * 6 = 2.4.",
        "Step 2: backward() adds 2 * 2.4 = 4.8 to w.grad, which becomes 10.8; w = 2.4 - 1.08. "
        "Now step 3.",
    ]
