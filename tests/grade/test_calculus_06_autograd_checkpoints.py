"""The checkpoints of lesson 05-calculus/06 (nn.autograd, calc.multivar-chain-rule) grade real
submissions right: unusual correct engines pass, and engines with a known bug fail naming it
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checks."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader

ENGINE = "nn.autograd.engine"
FLOWS = "nn.autograd.what-flows"

# The lesson's engine, as a learner completes the starter (`gradients` left as given).
LESSON_ENGINE = """import math


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
        out = Value(math.exp(self.data), (self,))

        def _backward():
            self.grad += out.data * out.grad

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


def gradients(program, inputs):
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
"""

RECURSIVE_BACKWARD = """def backward(root):
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
"""

# An explicit stack and Kahn's algorithm: count each node's uses, release a node when all of
# them have sent their gradient.
KAHN_BACKWARD = """def backward(root):
    uses, stack, seen = {}, [root], {id(root)}
    while stack:
        node = stack.pop()
        for parent in node.parents:
            uses[id(parent)] = uses.get(id(parent), 0) + 1
            if id(parent) not in seen:
                seen.add(id(parent))
                stack.append(parent)
    root.grad = 1.0
    ready = [root]
    while ready:
        node = ready.pop()
        node._backward()
        for parent in node.parents:
            uses[id(parent)] -= 1
            if uses[id(parent)] == 0:
                ready.append(parent)
"""


# The reviewer's three unusual engines (whole files, `gradients` kept as the starter has it).
REVIEW_LOCALS = """import math


class Value:
    def __init__(self, data, parents=(), local=()):
        self.data = data
        self.grad = 0.0
        self.parents = parents
        self.local = local          # d(this)/d(parent), one per parent

    def __add__(self, other):
        return Value(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), (1 - t * t,))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), (e,))


def backward(root):
    order, seen = [], set()

    def visit(node):
        if id(node) in seen:
            return
        seen.add(id(node))
        for p in node.parents:
            visit(p)
        order.append(node)

    visit(root)
    root.grad = 1.0
    for node in order[::-1]:
        for parent, d in zip(node.parents, node.local):
            parent.grad += d * node.grad


def gradients(program, inputs):
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

REVIEW_COUNTER = """import math
import itertools

_ticket = itertools.count()


class Value:
    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0.0
        self.parents = parents
        self.born = next(_ticket)
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
        e2 = math.e ** (2 * self.data)
        t = (e2 - 1) / (e2 + 1)
        out = Value(t, (self,))

        def _backward():
            self.grad += (1 + t) * (1 - t) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        out = Value(math.e ** self.data, (self,))

        def _backward():
            self.grad += out.data * out.grad

        out._backward = _backward
        return out


def backward(root):
    # every node is created after its parents, so newest-first is a reverse topological order
    reachable, stack = {}, [root]
    while stack:
        node = stack.pop()
        if node.born not in reachable:
            reachable[node.born] = node
            stack.extend(node.parents)
    root.grad = 1.0
    for born in sorted(reachable, reverse=True):
        reachable[born]._backward()


def gradients(program, inputs):
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

REVIEW_ITERATIVE = """import numpy as np


class Value:
    def __init__(self, data, parents=()):
        self.data = np.float32(data)
        self.grad = np.float32(0.0)
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
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        out = Value(np.tanh(self.data), (self,))
        def _backward():
            self.grad += (1 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        out = Value(np.exp(self.data), (self,))
        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out


def backward(root):
    order, done, stack = [], set(), [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
        elif node not in done:
            done.add(node)
            stack.append((node, True))
            stack.extend((p, False) for p in node.parents)
    root.grad = np.float32(1.0)
    for node in reversed(order):
        node._backward()


def gradients(program, inputs):
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


def _engine(*replacements: tuple[str, str]) -> str:
    source = LESSON_ENGINE
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new)
    return source


@dataclass(frozen=True)
class Row:
    name: str
    checkpoint: str
    source: str  # a whole file, or the `answer` for a prediction
    passed: bool
    misconception: str | None = None


ROWS = [
    Row("lesson-engine", ENGINE, LESSON_ENGINE, True),
    # NumPy's tanh and exp: every gradient is an np.float64.
    Row(
        "numpy-functions",
        ENGINE,
        "import numpy as np\n"
        + _engine(
            ("t = math.tanh(self.data)", "t = np.tanh(self.data)"),
            ("math.exp(self.data)", "np.exp(self.data)"),
        ),
        True,
    ),
    # A topological order without recursion: Kahn's algorithm on use counts.
    Row("kahn-order", ENGINE, _engine((RECURSIVE_BACKWARD, KAHN_BACKWARD)), True),
    # backward as a method (as in the shipped Tensor), the free function calling it; gradients
    # kept in float32 and returned as a NumPy array.
    Row(
        "method-and-float32",
        ENGINE,
        "import numpy as np\n"
        + _engine(
            (RECURSIVE_BACKWARD, "def backward(root):\n    root.backward()\n"),
            (
                "    def exp(self):",
                "    def backward(self):\n"
                "        order, seen = [], set()\n\n"
                "        def visit(node):\n"
                "            if node not in seen:\n"
                "                seen.add(node)\n"
                "                for parent in node.parents:\n"
                "                    visit(parent)\n"
                "                order.append(node)\n\n"
                "        visit(self)\n"
                "        self.grad = 1.0\n"
                "        for node in reversed(order):\n"
                "            node._backward()\n\n"
                "    def exp(self):",
            ),
            (
                "return [node.grad for node in nodes[: len(inputs)]]",
                "return np.array([node.grad for node in nodes[: len(inputs)]], dtype=np.float32)",
            ),
        ),
        True,
    ),
    Row(
        "assign",
        ENGINE,
        _engine(
            ("self.grad += out.grad\n", "self.grad = out.grad\n"),
            ("other.grad += out.grad", "other.grad = out.grad"),
            ("self.grad += other.data", "self.grad = other.data"),
            ("other.grad += self.data", "other.grad = self.data"),
            ("self.grad += (1 - t**2)", "self.grad = (1 - t**2)"),
            ("self.grad += out.data", "self.grad = out.data"),
        ),
        False,
        "assign-not-accumulate",
    ),
    Row(
        "forward-order",
        ENGINE,
        _engine(("for node in reversed(order):", "for node in order:")),
        False,
        "forward-order",
    ),
    Row(
        "recursion-from-the-root",
        ENGINE,
        _engine(
            (
                RECURSIVE_BACKWARD,
                "def backward(root):\n"
                "    root.grad = 1.0\n\n"
                "    def go(node):\n"
                "        node._backward()\n"
                "        for parent in node.parents:\n"
                "            go(parent)\n\n"
                "    go(root)\n",
            )
        ),
        False,
        "no-topological-order",
    ),
    # exp's local derivative taken as 1: no named mistake.
    Row(
        "exp-as-identity",
        ENGINE,
        _engine(("self.grad += out.data * out.grad", "self.grad += out.grad")),
        False,
        None,
    ),
    # The shipped engine does the work: forbidden.
    Row(
        "shipped-tensor",
        ENGINE,
        "from mlpath.toolkit.autograd import Tensor\n\n"
        "def gradients(program, inputs):\n"
        "    nodes = [Tensor(x) for x in inputs]\n"
        "    for op, i, j in program:\n"
        "        if op == 'add':\n"
        "            nodes.append(nodes[i] + nodes[j])\n"
        "        elif op == 'mul':\n"
        "            nodes.append(nodes[i] * nodes[j])\n"
        "        else:\n"
        "            nodes.append(nodes[i].tanh() if op == 'tanh' else nodes[i].exp())\n"
        "    nodes[-1].backward()\n"
        "    return [float(n.grad) for n in nodes[: len(inputs)]]\n",
        False,
        None,
    ),
    # The reviewer's (docs/reviewing-a-lesson.md, section 4). Local derivatives stored on each
    # node and pushed by backward(), no closures.
    Row("local-derivatives", ENGINE, REVIEW_LOCALS, True),
    # Reverse creation order (a counter) as the reverse topological order; tanh built from e**x.
    Row("creation-counter", ENGINE, REVIEW_COUNTER, True),
    # An iterative post-order walk with an explicit stack, everything in np.float32.
    Row("iterative-float32", ENGINE, REVIEW_ITERATIVE, True),
    # The learner's own class may be called Tensor: only the course's engine is forbidden.
    Row("own-class-named-tensor", ENGINE, LESSON_ENGINE.replace("Value", "Tensor"), True),
    Row(
        "tanh-of-input",
        ENGINE,
        _engine(("(1 - t**2) * out.grad", "(1 - self.data**2) * out.grad")),
        False,
        "tanh-of-input",
    ),
    Row(
        "visit-without-seen",
        ENGINE,
        _engine(
            (
                "        if node not in seen:\n"
                "            seen.add(node)\n"
                "            for parent in node.parents:\n"
                "                visit(parent)\n"
                "            order.append(node)",
                "        for parent in node.parents:\n"
                "            visit(parent)\n"
                "        order.append(node)",
            )
        ),
        False,
        "no-seen",
    ),
    # exp's local derivative taken as its input: no named mistake.
    Row(
        "exp-of-input",
        ENGINE,
        _engine(("self.grad += out.data * out.grad", "self.grad += self.data * out.grad")),
        False,
        None,
    ),
    # what-flows is a choice: a letter, or the option's text as printed.
    Row("flows-letter", FLOWS, 'answer = "c"\n', True),
    Row("flows-letter-paren", FLOWS, 'answer = "C)"\n', True),
    Row("flows-text", FLOWS, 'answer = "0.0 2.0 -6.0"\n', True),
    Row("flows-zero-blocks", FLOWS, 'answer = "a"\n', False, "zero-blocks-both"),
    Row("flows-own-value", FLOWS, 'answer = "b"\n', False, "own-value"),
    Row("flows-one-path", FLOWS, 'answer = "d"\n', False, "one-path"),
    Row("flows-not-an-option", FLOWS, 'answer = "0 2 -6"\n', False, None),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_a_submission_gets_its_verdict(grader: Grader, row: Row) -> None:
    feedback = grader.check_source(row.checkpoint, row.source)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
