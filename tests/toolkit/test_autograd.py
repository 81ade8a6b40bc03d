"""The course's autograd against central differences, on the operations a network needs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from mlpath.toolkit.autograd import Tensor, numerical_gradient

rng = np.random.default_rng(0)
X = rng.normal(size=(5, 3))
W0 = rng.normal(size=(3, 4))
b0 = rng.normal(size=(4,))
Y = np.eye(4)[rng.integers(0, 4, size=5)]

LOSSES: dict[str, Callable[[Tensor], Tensor]] = {
    "linear mse": lambda W: ((Tensor(X) @ W + Tensor(b0) - Tensor(Y)) ** 2).mean(),
    "relu layer": lambda W: (Tensor(X) @ W).relu().sum(),
    "tanh and product": lambda W: ((Tensor(X) @ W).tanh() * Tensor(Y)).sum(),
    "softmax cross-entropy": lambda W: (
        -(
            (Tensor(X) @ W - (Tensor(X) @ W).exp().sum(axis=1, keepdims=True).log()) * Tensor(Y)
        ).mean()
    ),
    "division and broadcast": lambda W: (Tensor(X) @ W / ((W * W).sum(axis=0) + 1.0)).mean(),
    "subtraction reused": lambda W: ((Tensor(X) @ W) - (Tensor(X) @ W) ** 3).sum(),
    "transpose and reflected ops": lambda W: (
        (1.0 - (W.T @ Tensor(X).T)).sum() / 3.0 + (2.0 / (W * W + 1.0)).sum()
    ),
    "vector on the right": lambda W: ((Tensor(X) @ W) @ Tensor(b0)).tanh().sum(),
    "vector on the left": lambda W: (Tensor(X[0]) @ W).relu().sum(),
}


@pytest.mark.parametrize("name", list(LOSSES))
def test_gradients_match_central_differences(name: str) -> None:
    loss = LOSSES[name]
    W = Tensor(W0.copy())
    loss(W).backward()
    expected = numerical_gradient(lambda w: float(loss(Tensor(w)).data), W0)
    assert np.allclose(W.grad, expected, rtol=1e-5, atol=1e-7), name


def test_a_broadcast_bias_gets_its_gradient_summed_over_the_batch() -> None:
    b = Tensor(b0.copy())
    ((Tensor(X) @ Tensor(W0) + b) ** 2).sum().backward()
    expected = numerical_gradient(lambda v: float((((X @ W0) + v) ** 2).sum()), b0)
    assert b.grad.shape == (4,) and np.allclose(b.grad, expected, rtol=1e-5)


def test_backward_accumulates_until_zeroed() -> None:
    w = Tensor([2.0])
    (w * w).sum().backward()
    (w * w).sum().backward()
    assert w.grad.tolist() == [8.0]
    w.zero_grad()
    assert w.grad.tolist() == [0.0]
