"""Checkpoints for the lesson "Computation graphs and a tiny autograd" (06-autograd.md)."""

import math

import numpy as np

from mlpath.grade import Misconception, Operation, checkpoint

LESSON = "nn.autograd"

# Each variant below is the lesson's engine with one known bug, written out whole: the gate
# grades a variant by its own source, as it would grade a learner's file.


def gradients_assign(program, inputs):
    class Value:
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents
            self._backward = lambda: None

        def __add__(self, other):
            out = Value(self.data + other.data, (self, other))

            def _backward():
                self.grad = out.grad
                other.grad = out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            out = Value(self.data * other.data, (self, other))

            def _backward():
                self.grad = other.data * out.grad
                other.grad = self.data * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Value(t, (self,))

            def _backward():
                self.grad = (1 - t**2) * out.grad

            out._backward = _backward
            return out

        def exp(self):
            e = math.exp(self.data)
            out = Value(e, (self,))

            def _backward():
                self.grad = e * out.grad

            out._backward = _backward
            return out

    def backward(root):
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(root)
        root.grad = 1.0
        for node in reversed(order):
            node._backward()

    nodes = [Value(x) for x in inputs]
    for op, i, j in program:
        if op == "add":
            nodes.append(nodes[i] + nodes[j])
        elif op == "mul":
            nodes.append(nodes[i] * nodes[j])
        else:
            nodes.append(nodes[i].tanh() if op == "tanh" else nodes[i].exp())
    backward(nodes[-1])
    return [node.grad for node in nodes[: len(inputs)]]


def gradients_forward_order(program, inputs):
    class Value:
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents
            self._backward = lambda: None

        def __add__(self, other):
            out = Value(self.data + other.data, (self, other))

            def _backward():
                self.grad += out.grad
                other.grad += out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            out = Value(self.data * other.data, (self, other))

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Value(t, (self,))

            def _backward():
                self.grad += (1 - t**2) * out.grad

            out._backward = _backward
            return out

        def exp(self):
            e = math.exp(self.data)
            out = Value(e, (self,))

            def _backward():
                self.grad += e * out.grad

            out._backward = _backward
            return out

    def backward(root):
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(root)
        root.grad = 1.0
        for node in order:
            node._backward()

    nodes = [Value(x) for x in inputs]
    for op, i, j in program:
        if op == "add":
            nodes.append(nodes[i] + nodes[j])
        elif op == "mul":
            nodes.append(nodes[i] * nodes[j])
        else:
            nodes.append(nodes[i].tanh() if op == "tanh" else nodes[i].exp())
    backward(nodes[-1])
    return [node.grad for node in nodes[: len(inputs)]]


def gradients_no_topological_order(program, inputs):
    class Value:
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents
            self._backward = lambda: None

        def __add__(self, other):
            out = Value(self.data + other.data, (self, other))

            def _backward():
                self.grad += out.grad
                other.grad += out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            out = Value(self.data * other.data, (self, other))

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Value(t, (self,))

            def _backward():
                self.grad += (1 - t**2) * out.grad

            out._backward = _backward
            return out

        def exp(self):
            e = math.exp(self.data)
            out = Value(e, (self,))

            def _backward():
                self.grad += e * out.grad

            out._backward = _backward
            return out

    def backward(root):
        root.grad = 1.0

        def go(node):
            node._backward()
            for parent in node.parents:
                go(parent)

        go(root)

    nodes = [Value(x) for x in inputs]
    for op, i, j in program:
        if op == "add":
            nodes.append(nodes[i] + nodes[j])
        elif op == "mul":
            nodes.append(nodes[i] * nodes[j])
        else:
            nodes.append(nodes[i].tanh() if op == "tanh" else nodes[i].exp())
    backward(nodes[-1])
    return [node.grad for node in nodes[: len(inputs)]]


def gradients_own_value(program, inputs):
    class Value:
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents
            self._backward = lambda: None

        def __add__(self, other):
            out = Value(self.data + other.data, (self, other))

            def _backward():
                self.grad += out.grad
                other.grad += out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            out = Value(self.data * other.data, (self, other))

            def _backward():
                self.grad += self.data * out.grad
                other.grad += other.data * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Value(t, (self,))

            def _backward():
                self.grad += (1 - t**2) * out.grad

            out._backward = _backward
            return out

        def exp(self):
            e = math.exp(self.data)
            out = Value(e, (self,))

            def _backward():
                self.grad += e * out.grad

            out._backward = _backward
            return out

    def backward(root):
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(root)
        root.grad = 1.0
        for node in reversed(order):
            node._backward()

    nodes = [Value(x) for x in inputs]
    for op, i, j in program:
        if op == "add":
            nodes.append(nodes[i] + nodes[j])
        elif op == "mul":
            nodes.append(nodes[i] * nodes[j])
        else:
            nodes.append(nodes[i].tanh() if op == "tanh" else nodes[i].exp())
    backward(nodes[-1])
    return [node.grad for node in nodes[: len(inputs)]]


def gradients_local_derivative_only(program, inputs):
    class Value:
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents
            self._backward = lambda: None

        def __add__(self, other):
            out = Value(self.data + other.data, (self, other))

            def _backward():
                self.grad += out.grad
                other.grad += out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            out = Value(self.data * other.data, (self, other))

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Value(t, (self,))

            def _backward():
                self.grad += 1 - t**2

            out._backward = _backward
            return out

        def exp(self):
            e = math.exp(self.data)
            out = Value(e, (self,))

            def _backward():
                self.grad += e

            out._backward = _backward
            return out

    def backward(root):
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(root)
        root.grad = 1.0
        for node in reversed(order):
            node._backward()

    nodes = [Value(x) for x in inputs]
    for op, i, j in program:
        if op == "add":
            nodes.append(nodes[i] + nodes[j])
        elif op == "mul":
            nodes.append(nodes[i] * nodes[j])
        else:
            nodes.append(nodes[i].tanh() if op == "tanh" else nodes[i].exp())
    backward(nodes[-1])
    return [node.grad for node in nodes[: len(inputs)]]


def gradients_tanh_of_input(program, inputs):
    class Value:
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents
            self._backward = lambda: None

        def __add__(self, other):
            out = Value(self.data + other.data, (self, other))

            def _backward():
                self.grad += out.grad
                other.grad += out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            out = Value(self.data * other.data, (self, other))

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Value(t, (self,))

            def _backward():
                self.grad += (1 - self.data**2) * out.grad  # the input, not tanh

            out._backward = _backward
            return out

        def exp(self):
            e = math.exp(self.data)
            out = Value(e, (self,))

            def _backward():
                self.grad += e * out.grad

            out._backward = _backward
            return out

    def backward(root):
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(root)
        root.grad = 1.0
        for node in reversed(order):
            node._backward()

    nodes = [Value(x) for x in inputs]
    for op, i, j in program:
        if op == "add":
            nodes.append(nodes[i] + nodes[j])
        elif op == "mul":
            nodes.append(nodes[i] * nodes[j])
        else:
            nodes.append(nodes[i].tanh() if op == "tanh" else nodes[i].exp())
    backward(nodes[-1])
    return [node.grad for node in nodes[: len(inputs)]]


def gradients_no_seen(program, inputs):
    class Value:
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents
            self._backward = lambda: None

        def __add__(self, other):
            out = Value(self.data + other.data, (self, other))

            def _backward():
                self.grad += out.grad
                other.grad += out.grad

            out._backward = _backward
            return out

        def __mul__(self, other):
            out = Value(self.data * other.data, (self, other))

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad

            out._backward = _backward
            return out

        def tanh(self):
            t = math.tanh(self.data)
            out = Value(t, (self,))

            def _backward():
                self.grad += (1 - t**2) * out.grad

            out._backward = _backward
            return out

        def exp(self):
            e = math.exp(self.data)
            out = Value(e, (self,))

            def _backward():
                self.grad += e * out.grad

            out._backward = _backward
            return out

    def backward(root):
        order = []

        def visit(node):  # no check of seen: a node goes in once per path to it
            for parent in node.parents:
                visit(parent)
            order.append(node)

        visit(root)
        root.grad = 1.0
        for node in reversed(order):
            node._backward()

    nodes = [Value(x) for x in inputs]
    for op, i, j in program:
        if op == "add":
            nodes.append(nodes[i] + nodes[j])
        elif op == "mul":
            nodes.append(nodes[i] * nodes[j])
        else:
            nodes.append(nodes[i].tanh() if op == "tanh" else nodes[i].exp())
    backward(nodes[-1])
    return [node.grad for node in nodes[: len(inputs)]]


_STARTER = """import math


class Value:
    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0.0
        self.parents = parents
        self._backward = lambda: None

    def __add__(self, other):
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        out = Value(self.data * other.data, (self, other))

        def _backward():
            ...  # send out.grad back to self and to other

        out._backward = _backward
        return out

    def tanh(self):
        ...  # like __mul__: compute out, give it a _backward, return out

    def exp(self):
        ...  # new: the derivative of exp(a) is exp(a)


def backward(root):
    ...  # every node after its parents; root.grad = 1.0; each node's _backward, in reverse


def gradients(program, inputs):
    \"\"\"Do not change: builds the expression `program` describes from Value(x) for each x in
    `inputs`, runs backward on its last node, and returns the gradients of the inputs.\"\"\"
    nodes = [Value(x) for x in inputs]
    for op, i, j in program:
        if op == "add":
            nodes.append(nodes[i] + nodes[j])
        elif op == "mul":
            nodes.append(nodes[i] * nodes[j])
        else:  # "tanh" or "exp": one input, nodes[i]
            nodes.append(nodes[i].tanh() if op == "tanh" else nodes[i].exp())
    backward(nodes[-1])
    return [node.grad for node in nodes[: len(inputs)]]
"""

_OPS = ["add", "mul", "mul", "tanh", "exp"]


def _program(rng, n_inputs, n_ops):
    """A random expression: each op reads earlier nodes, mostly the newest, often one used twice."""
    while True:
        inputs = [float(v) for v in np.round(rng.uniform(-1.5, 1.5, size=n_inputs), 2)]
        values = list(inputs)
        program = []
        for _ in range(n_ops):
            size = len(values)
            op = _OPS[int(rng.integers(len(_OPS)))]
            i = size - 1 if rng.random() < 0.6 else int(rng.integers(size))
            j = int(rng.integers(size)) if op in ("add", "mul") else i
            a, b = values[i], values[j]
            values.append(
                {"add": a + b, "mul": a * b, "tanh": math.tanh(a), "exp": math.exp(min(a, 50))}[op]
            )
            program.append((op, i, j))
        if max(abs(v) for v in values) < 20:
            return program, inputs


@checkpoint("nn.autograd.engine", concepts=["nn.autograd", "calc.multivar-chain-rule"])
class Engine:
    """Build the lesson's engine yourself. The starter has a `Value` with `__add__` done; write
    the `_backward` of `__mul__`, the whole of `tanh`, a new operation `exp` (the derivative of
    $e^a$ is $e^a$), and `backward(root)`, which visits the graph in reverse topological order.

    Leave `gradients(program, inputs)` at the bottom as it is: it builds an expression from
    your `Value`, calls your `backward` on it and returns each input's gradient. The checks run
    it on expressions the lesson never showed: random chains of `add`, `mul`, `tanh` and `exp`
    over two to four inputs, many with a node used twice. A program is a list of steps
    `(op, i, j)`: node `i` op node `j` (for `tanh` and `exp`, only node `i`) becomes the next
    node. With `inputs = [3.0]` and `program = [("mul", 0, 0)]` the expression is $a \\cdot a$
    and the answer is `[6.0]`.

    Your gradients are compared with central differences (relative tolerance $10^{-5}$), so
    any correct engine passes. Write it yourself: `mlpath.toolkit.autograd` is not allowed here.
    """

    function = "gradients"
    starter = _STARTER
    forbidden = [
        Operation("a ready-made autograd engine", frozenset({"Tensor", "numerical_gradient"}))
    ]
    rtol = 1e-5
    atol = 1e-6

    def reference(program, inputs):
        def run(xs):
            nodes = list(xs)
            for op, i, j in program:
                a, b = nodes[i], nodes[j]
                if op == "add":
                    nodes.append(a + b)
                elif op == "mul":
                    nodes.append(a * b)
                elif op == "tanh":
                    nodes.append(math.tanh(a))
                else:
                    nodes.append(math.exp(a))
            return nodes[-1]

        h = 1e-6
        grads = []
        for k in range(len(inputs)):
            up, down = list(inputs), list(inputs)
            up[k] += h
            down[k] -= h
            grads.append((run(up) - run(down)) / (2 * h))  # central difference
        return grads

    def cases(rng):
        return [
            _program(rng, n_inputs, n_ops)
            for n_inputs, n_ops in [(2, 4), (3, 5), (3, 6), (4, 7), (3, 8), (4, 6), (2, 7)]
        ]

    edge_cases = [
        ([("mul", 0, 0)], [3.0]),
        ([("mul", 1, 0), ("add", 3, 2), ("tanh", 4, 4), ("mul", 5, 5)], [2.0, -1.0, 0.5]),
        ([("exp", 0, 0), ("mul", 2, 1), ("add", 3, 0)], [0.5, 2.0]),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "assign-not-accumulate",
            gradients_assign,
            "wrote grad = ... instead of grad += ... in the _backward functions",
            "A node used twice receives a gradient along each use, and the chain rule adds "
            "them. With = the last use overwrites the others: a * a gives a.grad = a instead "
            "of 2a. Write self.grad += ... everywhere.",
            revisit=f"{LESSON}#when-a-gradient-comes-out-too-small",
        ),
        Misconception(
            "forward-order",
            gradients_forward_order,
            "called the _backward functions in topological order instead of its reverse",
            "A node may pass its gradient on only once it is complete, after every node that "
            "uses it. Those come later in the topological order, so walk it backwards: "
            "for node in reversed(order).",
            revisit=f"{LESSON}#backward-the-right-order-automatically",
        ),
        Misconception(
            "no-topological-order",
            gradients_no_topological_order,
            "recursed from the root into the parents without a topological order",
            "Walking from the root to the parents runs a shared node's _backward once per use, "
            "and before all of its gradient has arrived. Build the topological order first "
            "(each node once, after its parents), then call _backward in reverse.",
            revisit=f"{LESSON}#backward-the-right-order-automatically",
        ),
        Misconception(
            "no-seen",
            gradients_no_seen,
            "built the order without the seen set, so a shared node is listed once per path",
            "Without `if node not in seen`, visit() appends a node once for every path that "
            "reaches it, and its _backward runs that many times, sending its gradient again "
            "each time. Mark each node as seen and add it to the order only once.",
            revisit=f"{LESSON}#backward-the-right-order-automatically",
        ),
        Misconception(
            "own-value",
            gradients_own_value,
            "in __mul__, sent each input its own value instead of the other input's",
            "The derivative of a * b with respect to a is b: self.grad += other.data * "
            "out.grad, and other.grad += self.data * out.grad.",
            revisit=f"{LESSON}#the-idea-a-graph-of-small-steps",
        ),
        Misconception(
            "local-derivative-only",
            gradients_local_derivative_only,
            "in tanh and exp, added the local derivative without multiplying by out.grad",
            "The chain rule multiplies the local derivative by the gradient that arrived from "
            "above: self.grad += (1 - t**2) * out.grad for tanh, and e * out.grad for exp.",
            revisit=f"{LESSON}#a-value-that-remembers-how-it-was-made",
        ),
        Misconception(
            "tanh-of-input",
            gradients_tanh_of_input,
            "in tanh, used 1 - a**2 with the input a instead of 1 - tanh(a)**2",
            "The derivative of tanh(a) is 1 - tanh(a)**2: square the output t = tanh(a), which "
            "the lesson keeps in t, not the input self.data.",
            revisit=f"{LESSON}#a-value-that-remembers-how-it-was-made",
        ),
    ]
    hints = [
        "`__mul__`: `self.grad += other.data * out.grad` and `other.grad += self.data * out.grad`.",
        "`tanh` and `exp` follow `__mul__`: `out = Value(value, (self,))`; its `_backward` adds "
        "the local derivative times `out.grad` to `self.grad`.",
        "`backward`: copy the lesson's `visit()` to build the order, set `root.grad = 1.0`, then "
        "call `node._backward()` for `node in reversed(order)`.",
    ]


_FLOWS_OPTIONS = ["0.0 0.0 -6.0", "2.0 0.0 -6.0", "0.0 2.0 -6.0", "0.0 2.0 -3.0"]


def flows_zero_blocks_both():
    return _FLOWS_OPTIONS[0]


def flows_own_value():
    return _FLOWS_OPTIONS[1]


def flows_one_path():
    return _FLOWS_OPTIONS[3]


# A choice, not a predict-the-output: a prediction is compared as text, so "0 2 -6" or a
# typographic minus would fail a learner who knows exactly what flows where.
@checkpoint(
    "nn.autograd.what-flows", concepts=["calc.multivar-chain-rule", "nn.autograd"], kind="choice"
)
class WhatFlows:
    """What does this cell print? `Tensor` is the course's engine, the same design as the
    lesson's `Value`. Work it out before you run it.

    ```python
    from mlpath.toolkit.autograd import Tensor

    a, b, c = Tensor(2.0), Tensor(0.0), Tensor(-3.0)
    L = a * b + c * c
    L.backward()
    print(a.grad, b.grad, c.grad)
    ```

    a) 0.0 0.0 -6.0    b) 2.0 0.0 -6.0    c) 0.0 2.0 -6.0    d) 0.0 2.0 -3.0

    Set `answer` to the letter of your choice.
    """

    options = _FLOWS_OPTIONS

    def solve():
        from mlpath.toolkit.autograd import Tensor

        a, b, c = Tensor(2.0), Tensor(0.0), Tensor(-3.0)
        L = a * b + c * c
        L.backward()
        return f"{float(a.grad)} {float(b.grad)} {float(c.grad)}"

    misconceptions = [
        Misconception(
            "zero-blocks-both",
            flows_zero_blocks_both,
            "expected nothing to flow through a * b because b is 0",
            "The gradient a product sends to one input is the *other* input: a.grad gets b = 0, "
            "but b.grad gets a = 2. A zero input stops the gradient to its partner, not to "
            "itself.",
            revisit=f"{LESSON}#the-idea-a-graph-of-small-steps",
        ),
        Misconception(
            "own-value",
            flows_own_value,
            "gave each input of a product its own value as its gradient",
            "d(a b)/da = b, not a: the product sends each input the other input's value. So "
            "a.grad = b = 0 and b.grad = a = 2.",
            revisit=f"{LESSON}#the-idea-a-graph-of-small-steps",
        ),
        Misconception(
            "one-path",
            flows_one_path,
            "counted only one of the two uses of c in c * c",
            "c enters c * c twice, and each use sends back the other factor, c = -3. The engine "
            "adds them: c.grad = 2c = -6.",
            revisit=f"{LESSON}#when-a-gradient-comes-out-too-small",
        ),
    ]
    hints = [
        "L.grad = 1 flows unchanged through the + to both products.",
        "A product a * b sends b to a and a to b; c * c uses c twice.",
    ]
