"""Checkpoints for the lesson "Residual connections: a shortcut for the gradient"
(04-residual.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = """import numpy as np


def residual_stack(X, Ws):
    ...
"""


# The variants are graded like a learner's file, so each is self-contained.
def stack_no_skip(X, Ws):
    h = np.array(X, dtype=float)
    for W in Ws:
        h = np.maximum(h @ W, 0.0)
    return h


def stack_relu_after_add(X, Ws):
    h = np.array(X, dtype=float)
    for W in Ws:
        h = np.maximum(h + h @ W, 0.0)
    return h


def stack_skip_once(X, Ws):
    h = np.array(X, dtype=float)
    for W in Ws:
        h = np.maximum(h @ W, 0.0)
    return np.array(X, dtype=float) + h


def stack_linear_branch(X, Ws):
    h = np.array(X, dtype=float)
    for W in Ws:
        h = h + h @ W
    return h


def _stack_case(rng, n, d, depth):
    X = rng.normal(size=(n, d))
    Ws = [rng.normal(0, 0.7, size=(d, d)) for _ in range(depth)]
    return X, Ws


@checkpoint("nn.residual.implement", concepts=["nn.residual"])
class ImplementStack:
    """Write `residual_stack(X, Ws)`: send the rows of `X` (shape $(n, d)$) through one residual
    block per matrix in the list `Ws` (each $(d, d)$), in order, and return the last $h$.

    Each block is the lesson's: $h \\leftarrow h + \\operatorname{relu}(h W)$, starting from
    $h = X$. No biases. Return an array of shape $(n, d)$.
    """

    function = "residual_stack"
    starter = _STARTER

    def reference(X, Ws):
        h = np.array(X, dtype=float)
        for W in Ws:
            h = h + np.maximum(h @ W, 0.0)
        return h

    def cases(rng):
        sizes = [(3, 2, 2), (4, 3, 3), (5, 4, 2), (6, 3, 4), (4, 5, 3)]
        return [_stack_case(rng, *size) for size in sizes]

    edge_cases = [
        (
            np.array([[1.0, -2.0], [0.5, 1.0]]),
            [np.array([[1.0, 0.5], [-0.5, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])],
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "no-skip",
            stack_no_skip,
            "replaced h by relu(h W) instead of adding it to h: a plain stack, no skip",
            "A residual block keeps its input: the new h is the old h *plus* the branch. "
            "Writing h = relu(h @ W) throws the old h away, which is the plain network whose "
            "gradient vanished in the lesson.",
            revisit="nn.residual#the-idea-slopes-multiply",
            fix="h = h + np.maximum(h @ W, 0)",
        ),
        Misconception(
            "relu-after-add",
            stack_relu_after_add,
            "applied the ReLU after the addition, relu(h + h W)",
            "The ReLU belongs to the branch only: relu(h W) is added to an h that passes "
            "through untouched. With relu(h + h W), every block cuts the negative entries of "
            "h itself, so the shortcut is no longer the identity (its slope is 0 wherever "
            "the sum is negative).",
            revisit="nn.residual#thirty-blocks-on-digits",
            fix="h = h + np.maximum(h @ W, 0)",
        ),
        Misconception(
            "skip-once",
            stack_skip_once,
            "added X once around the whole stack instead of around every block",
            "Each block has its own shortcut: h is updated to h + relu(h W) inside the loop. "
            "One skip around a plain stack still leaves the plain stack's product of small "
            "slopes for every block in between.",
            revisit="nn.residual#the-idea-slopes-multiply",
        ),
        Misconception(
            "linear-branch",
            stack_linear_branch,
            "left out the ReLU: the branch is h W, not relu(h W)",
            "The branch is the lesson's block, relu(h W): the ReLU keeps only the positive "
            "entries of h W before they are added to h.",
            revisit="nn.residual#thirty-blocks-on-digits",
        ),
    ]
    hints = [
        "Start with h = X and loop over the matrices in Ws, in order.",
        "Inside the loop: h = h + np.maximum(h @ W, 0). Return h after the loop.",
    ]


_WEIGHTS = [0.5, -0.6, 0.8, -0.3, 1.2]
_H0 = 2.0


def _branch_slopes():
    """The slope of each block's branch relu(w h) at the h it receives, and the final h."""
    h, slopes = _H0, []
    for w in _WEIGHTS:
        on = w * h > 0
        slopes.append(w if on else 0.0)
        h = h + max(w * h, 0.0)
    return slopes, h


def slope_without_skip():
    slopes, _ = _branch_slopes()
    return float(np.prod(slopes))


def slope_ignoring_relu():
    return float(np.prod([1 + w for w in _WEIGHTS]))


def slope_summed():
    slopes, _ = _branch_slopes()
    return 1.0 + float(np.sum(slopes))


def slope_blocks_summed():
    slopes, _ = _branch_slopes()
    return float(np.sum([1 + s for s in slopes]))


def final_value():
    _, h = _branch_slopes()
    return h


@checkpoint("nn.residual.slope", concepts=["nn.residual"], kind="numeric")
class Slope:
    """Five residual blocks act on one number. Block $l$ computes
    $h \\leftarrow h + \\operatorname{relu}(w_l h)$, with
    $w = (0.5, -0.6, 0.8, -0.3, 1.2)$ for blocks 1 to 5, starting from $h_0 = 2$.

    What is the slope of the whole stack at this input, $\\frac{d h_5}{d h_0}$? Work it out by
    the chain rule, block by block (or check it with central differences). Set `answer` to that
    number.
    """

    decimals = 2

    def solve():
        slopes, _ = _branch_slopes()
        return float(np.prod([1 + s for s in slopes]))

    misconceptions = [
        Misconception(
            "without-skip",
            slope_without_skip,
            "multiplied the branches' slopes alone, without the 1 from the skip",
            "Each block's output is h + relu(w h), so its slope is 1 plus the branch's slope. "
            "Without the 1, a single switched-off ReLU (slope 0) makes the product 0: that is "
            "the plain network, not this one.",
            revisit="nn.residual#the-idea-slopes-multiply",
        ),
        Misconception(
            "ignored-relu",
            slope_ignoring_relu,
            "used 1 + w for every block, as if every ReLU were on",
            "relu(w h) has slope w only where w h > 0, and 0 where w h < 0. Follow h through "
            "the blocks: where w is negative, w h is negative here, so that block's slope is "
            "1 + 0 = 1.",
            revisit="nn.residual#the-idea-slopes-multiply",
        ),
        Misconception(
            "summed-slopes",
            slope_summed,
            "added the branches' slopes to 1 instead of multiplying the blocks' slopes",
            "The chain rule multiplies the slopes of functions applied one after another: "
            "the slope of the stack is the product of the five blocks' (1 + branch slope).",
            revisit="nn.residual#the-idea-slopes-multiply",
        ),
        Misconception(
            "summed-block-slopes",
            slope_blocks_summed,
            "added the five blocks' slopes instead of multiplying them",
            "The blocks are applied one after another, so the chain rule multiplies their "
            "slopes: a change of h_0 is scaled by block 1, that scaled change by block 2, and "
            "so on. Adding the slopes would be right for five functions side by side, not in "
            "a chain.",
            revisit="nn.residual#the-idea-slopes-multiply",
        ),
        Misconception(
            "gave-the-value",
            final_value,
            "gave h_5, the value at the end of the stack, not its slope",
            "The question asks for d h_5 / d h_0: how much h_5 moves per unit change of h_0. "
            "Multiply the five blocks' slopes, each 1 + (w_l if w_l h > 0, else 0).",
            revisit="nn.residual#the-idea-slopes-multiply",
        ),
    ]
    hints = [
        "Run the blocks forward first, to know for each block whether w_l h is positive.",
        "A block's slope is 1 + w_l if w_l h > 0, and 1 otherwise. Multiply the five.",
    ]
