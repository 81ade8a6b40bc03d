"""The course's tiny reverse-mode autograd, on NumPy arrays (micrograd, one axis up).

Module 5 builds this engine in front of the learner, step by step; module 6 trains a network on
digits with it. Every operation records how to send gradients back to its inputs; `backward()`
visits the graph in reverse topological order and applies the chain rule. Gradients of
broadcast inputs are summed back to the input's shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def _unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum a gradient over the axes broadcasting added or stretched, back to `shape`."""
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


class Tensor:
    """An array that remembers how it was computed, so gradients can flow back to its inputs."""

    def __init__(self, data: Any, parents: tuple[Tensor, ...] = (), op: str = "") -> None:
        self.data = np.asarray(data, dtype=float)
        self.grad = np.zeros_like(self.data)
        self.parents = parents
        self.op = op
        self._backward: Callable[[], None] = lambda: None

    def __repr__(self) -> str:
        return f"Tensor(shape={self.data.shape}, op={self.op or 'leaf'!r})"

    @staticmethod
    def _lift(other: Any) -> Tensor:
        return other if isinstance(other, Tensor) else Tensor(other)

    def __add__(self, other: Any) -> Tensor:
        other = self._lift(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def backward() -> None:
            self.grad += _unbroadcast(out.grad, self.data.shape)
            other.grad += _unbroadcast(out.grad, other.data.shape)

        out._backward = backward
        return out

    def __mul__(self, other: Any) -> Tensor:
        other = self._lift(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def backward() -> None:
            self.grad += _unbroadcast(out.grad * other.data, self.data.shape)
            other.grad += _unbroadcast(out.grad * self.data, other.data.shape)

        out._backward = backward
        return out

    def __matmul__(self, other: Any) -> Tensor:
        other = self._lift(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def backward() -> None:
            # Treat vectors as a row (left) or a column (right), as @ does, then drop the axis.
            a = self.data if self.data.ndim > 1 else self.data[None, :]
            b = other.data if other.data.ndim > 1 else other.data[:, None]
            g = out.grad.reshape(a.shape[0], b.shape[1])
            self.grad += (g @ b.T).reshape(self.data.shape)
            other.grad += (a.T @ g).reshape(other.data.shape)

        out._backward = backward
        return out

    def __pow__(self, exponent: float) -> Tensor:
        out = Tensor(self.data**exponent, (self,), f"**{exponent}")

        def backward() -> None:
            self.grad += out.grad * exponent * self.data ** (exponent - 1)

        out._backward = backward
        return out

    def _unary(self, value: np.ndarray, local: np.ndarray, op: str) -> Tensor:
        """An elementwise function whose derivative at the input is `local`."""
        out = Tensor(value, (self,), op)

        def backward() -> None:
            self.grad += out.grad * local

        out._backward = backward
        return out

    def relu(self) -> Tensor:
        return self._unary(np.maximum(self.data, 0.0), (self.data > 0).astype(float), "relu")

    def tanh(self) -> Tensor:
        t = np.tanh(self.data)
        return self._unary(t, 1.0 - t**2, "tanh")

    def exp(self) -> Tensor:
        e = np.exp(self.data)
        return self._unary(e, e, "exp")

    def log(self) -> Tensor:
        return self._unary(np.log(self.data), 1.0 / self.data, "log")

    def sum(self, axis: int | None = None, keepdims: bool = False) -> Tensor:
        out = Tensor(self.data.sum(axis=axis, keepdims=keepdims), (self,), "sum")

        def backward() -> None:
            grad = out.grad if keepdims or axis is None else np.expand_dims(out.grad, axis)
            self.grad += np.broadcast_to(grad, self.data.shape)

        out._backward = backward
        return out

    def mean(self, axis: int | None = None, keepdims: bool = False) -> Tensor:
        count = self.data.size if axis is None else self.data.shape[axis]
        return self.sum(axis, keepdims) * (1.0 / count)

    @property
    def T(self) -> Tensor:
        out = Tensor(self.data.T, (self,), "T")

        def backward() -> None:
            self.grad += out.grad.T

        out._backward = backward
        return out

    def __neg__(self) -> Tensor:
        return self * -1.0

    def __sub__(self, other: Any) -> Tensor:
        return self + (-self._lift(other))

    def __truediv__(self, other: Any) -> Tensor:
        return self * self._lift(other) ** -1.0

    def __rsub__(self, other: Any) -> Tensor:
        return self._lift(other) - self

    def __rtruediv__(self, other: Any) -> Tensor:
        return self._lift(other) / self

    __radd__ = __add__
    __rmul__ = __mul__

    def backward(self) -> None:
        """Fill `.grad` of every tensor this one depends on (this one's gradient is 1)."""
        order: list[Tensor] = []
        seen: set[int] = set()

        def visit(node: Tensor) -> None:
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = np.ones_like(self.data)
        for node in reversed(order):
            node._backward()

    def zero_grad(self) -> None:
        self.grad = np.zeros_like(self.data)


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6
) -> np.ndarray:
    """Central differences: (f(x + h e_i) - f(x - h e_i)) / 2h for every entry i of x."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        up = f(x)
        x[index] = saved - h
        down = f(x)
        x[index] = saved
        grad[index] = (up - down) / (2 * h)
    return grad
