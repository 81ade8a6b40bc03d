"""Checkpoints for the lesson "Training diagnostics: overfit one batch, watch the gradient,
find the learning rate" (05-training-diagnostics.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = """import numpy as np


def clip_by_norm(grads, max_norm):
    ...
"""


# The variants are graded like a learner's file, so each is self-contained.
def clip_each_array(grads, max_norm):
    out = []
    for g in grads:
        g = np.asarray(g, dtype=float)
        length = np.sqrt(np.sum(g**2))
        out.append(g * (max_norm / length) if length > max_norm else g)
    return out


def clip_entries(grads, max_norm):
    return [np.clip(np.asarray(g, dtype=float), -max_norm, max_norm) for g in grads]


def clip_always_rescale(grads, max_norm):
    grads = [np.asarray(g, dtype=float) for g in grads]
    total = np.sqrt(sum(np.sum(g**2) for g in grads))
    return [g * (max_norm / total) for g in grads]


def clip_no_sqrt(grads, max_norm):
    grads = [np.asarray(g, dtype=float) for g in grads]
    total = sum(np.sum(g**2) for g in grads)
    return [g * (max_norm / total) if total > max_norm else g for g in grads]


def _clip_case(rng, shapes, scale, max_norm):
    return [rng.normal(0, scale, size=shape) for shape in shapes], max_norm


@checkpoint("nn.training-diagnostics.clip", concepts=["nn.training-diagnostics"])
class Clip:
    """Write `clip_by_norm(grads, max_norm)`, gradient clipping by the *global* norm, as
    PyTorch's `torch.nn.utils.clip_grad_norm_` does. `grads` is a list of NumPy arrays, one per
    parameter (the checks give arrays of one shape, but your code should work for any
    shapes). Compute the length of the whole gradient,
    $\\lVert g \\rVert = \\sqrt{\\sum_p \\sum_i g_{p,i}^2}$ over every entry of every array, as
    the lesson's `grad_norm` does. If it is larger than `max_norm`, return every array
    multiplied by the same factor $\\text{max\\_norm} / \\lVert g \\rVert$, so that the whole
    gradient's length becomes `max_norm` and its direction is kept; otherwise return the arrays
    unchanged. Return a list of arrays with the shapes of `grads`.
    """

    function = "clip_by_norm"
    starter = _STARTER
    # PyTorch's clip_grad_norm_ divides by the length + 1e-6: a relative difference of up to
    # 2e-6 on these cases, far below what any misconception changes.
    rtol = 1e-5

    def reference(grads, max_norm):
        grads = [np.asarray(g, dtype=float) for g in grads]
        total = np.sqrt(sum(np.sum(g**2) for g in grads))
        if total <= max_norm:
            return grads
        return [g * (max_norm / total) for g in grads]

    def cases(rng):
        return [
            _clip_case(rng, [(3, 2), (3, 2)], 2.0, 1.0),
            _clip_case(rng, [(4,), (4,), (4,)], 0.1, 5.0),
            _clip_case(rng, [(2, 2), (2, 2)], 3.0, 2.5),
            _clip_case(rng, [(5,), (5,)], 1.5, 0.5),
            _clip_case(rng, [(2, 3), (2, 3), (2, 3)], 0.2, 4.0),
        ]

    edge_cases = [
        ([np.array([3.0, 0.0]), np.array([0.0, 4.0])], 1.0),
        ([np.array([0.3, -0.4]), np.array([0.0, 0.0])], 2.0),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "per-array",
            clip_each_array,
            "clipped each array by its own length instead of the whole gradient's",
            "Clipping by the global norm treats all the arrays as one long vector: one length "
            "for all of them, and one factor that scales every array. Clipping each array on "
            "its own changes the direction of the whole gradient, since the arrays are scaled "
            "by different factors.",
            revisit="nn.training-diagnostics#the-network-and-one-new-measurement",
        ),
        Misconception(
            "clipped-entries",
            clip_entries,
            "clipped each entry to [-max_norm, max_norm] instead of scaling by the length",
            "max_norm bounds the length of the whole gradient, not each number in it. Cutting "
            "the large entries leaves the small ones alone, which changes the direction; "
            "compute the total length first, then multiply everything by max_norm / length.",
            revisit="nn.training-diagnostics#the-network-and-one-new-measurement",
        ),
        Misconception(
            "always-rescale",
            clip_always_rescale,
            "rescaled the gradient to length max_norm even when it was shorter",
            "Clipping only ever shortens: a gradient already shorter than max_norm is returned "
            "unchanged. Scaling every gradient to the same length would make small gradients "
            "larger.",
        ),
        Misconception(
            "no-sqrt",
            clip_no_sqrt,
            "used the sum of squares as the length, without the square root",
            "The length of a vector is the square root of the sum of its squared entries. "
            "Without the root, the comparison with max_norm and the factor are both wrong.",
            revisit="nn.training-diagnostics#the-network-and-one-new-measurement",
        ),
    ]
    hints = [
        "total = np.sqrt(sum(np.sum(g ** 2) for g in grads)): one number for all the arrays.",
        "If total > max_norm, return [g * (max_norm / total) for g in grads]; else the grads.",
    ]


_RANGE_LRS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
_RANGE_LOSSES = [2.31, 2.30, 2.28, 2.05, 1.41, 0.83, 1.62, 6.9, 41.0]


def took_the_lowest():
    return _RANGE_LRS[int(np.argmin(_RANGE_LOSSES))]


def took_the_smallest():
    return _RANGE_LRS[0]


def took_last_below_start():
    below = [
        lr for lr, loss in zip(_RANGE_LRS, _RANGE_LOSSES, strict=True) if loss < _RANGE_LOSSES[0]
    ]
    return below[-1]


@checkpoint(
    "nn.training-diagnostics.range-pick", concepts=["nn.training-diagnostics"], kind="numeric"
)
class RangePick:
    """A learning-rate range test on a new network recorded these batch losses while the rate
    was raised step by step:

    ```text
    learning rate  0.001  0.003  0.01  0.03  0.1   0.3   1.0   3.0   10.0
    batch loss     2.31   2.30   2.28  2.05  1.41  0.83  1.62  6.9   41.0
    ```

    Using the lesson's rule, which learning rate do you train with? Set `answer` to that
    number.
    """

    decimals = 3

    def solve():
        return _RANGE_LRS[int(np.argmin(_RANGE_LOSSES))] / 10

    misconceptions = [
        Misconception(
            "took-the-lowest",
            took_the_lowest,
            "took the rate at the lowest loss itself",
            "The lowest point is where the steps are already at the edge of stability: just "
            "after it the loss explodes, and a whole run at that rate can blow up after a good "
            "start, as the lesson's did. Take a rate about 10 times smaller.",
            revisit="nn.training-diagnostics#check-3-a-learning-rate-range-test",
        ),
        Misconception(
            "took-the-smallest",
            took_the_smallest,
            "took the smallest rate, to be safe",
            "At the smallest rates the loss barely moves: they are safe but far too slow (the "
            "lesson's rate 100 times below the pick was still at 1.6 after 10 epochs). Take "
            "the rate about 10 times below the lowest point, where the loss is falling fast.",
            revisit="nn.training-diagnostics#check-3-a-learning-rate-range-test",
        ),
        Misconception(
            "last-below-start",
            took_last_below_start,
            "took the largest rate whose loss is still below the first",
            "Past the lowest point the loss is already climbing: those rates overshoot. The "
            "rule starts from the lowest point and goes 10 times lower.",
            revisit="nn.training-diagnostics#check-3-a-learning-rate-range-test",
        ),
    ]
    hints = [
        "Find the rate at which the loss is lowest.",
        "Divide it by 10.",
    ]
