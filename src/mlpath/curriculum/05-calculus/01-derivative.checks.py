"""Checkpoints for the lesson "The derivative: a slope you can measure" (01-derivative.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

A = 212 / 569  # the fraction of malignant tumours in the breast cancer data


def loss(p):
    return -(A * np.log(p) + (1 - A) * np.log(1 - p))


# Reference and variants are graded from their source alone (as a learner's file would be), so
# each defines the loss itself.


def central_forward(p, h):
    def loss(q):
        return -(212 / 569 * np.log(q) + (1 - 212 / 569) * np.log(1 - q))

    return (loss(p + h) - loss(p)) / h


def central_backward(p, h):
    def loss(q):
        return -(212 / 569 * np.log(q) + (1 - 212 / 569) * np.log(1 - q))

    return (loss(p) - loss(p - h)) / h


def central_divided_by_h(p, h):
    def loss(q):
        return -(212 / 569 * np.log(q) + (1 - 212 / 569) * np.log(1 - q))

    return (loss(p + h) - loss(p - h)) / h


def central_precedence(p, h):
    def loss(q):
        return -(212 / 569 * np.log(q) + (1 - 212 / 569) * np.log(1 - q))

    return (loss(p + h) - loss(p - h)) / 2 * h


def central_swapped(p, h):
    def loss(q):
        return -(212 / 569 * np.log(q) + (1 - 212 / 569) * np.log(1 - q))

    return (loss(p - h) - loss(p + h)) / (2 * h)


_STARTER = """import numpy as np

A = 212 / 569   # the fraction of malignant tumours


def loss(p):
    return -(A * np.log(p) + (1 - A) * np.log(1 - p))


def central_difference(p, h):
    ...
"""


@checkpoint("calc.derivative.central-difference", concepts=["calc.derivative"])
class CentralDifference:
    """The starter defines the lesson's loss, `loss(p)`. Keep it, and write
    `central_difference(p, h)`: the central-difference estimate of the slope $L'(p)$ with step
    `h`,

    $$\\frac{L(p + h) - L(p - h)}{2h},$$

    as a single number. It is checked against that formula with steps from 0.05 to 0.2, where
    a one-sided difference is far off; both `p - h` and `p + h` stay between 0 and 1.
    """

    function = "central_difference"
    starter = _STARTER

    def reference(p, h):
        def loss(q):
            return -(212 / 569 * np.log(q) + (1 - 212 / 569) * np.log(1 - q))

        return float((loss(p + h) - loss(p - h)) / (2 * h))

    def cases(rng):
        out = []
        for h in (0.1, 0.05, 0.1, 0.05, 0.1):
            low, high = (0.15, 0.28) if rng.random() < 0.5 else (0.5, 0.8)
            out.append((float(np.round(rng.uniform(low, high), 3)), h))
        return out

    edge_cases = [(0.2, 0.1), (0.6, 0.2)]
    hidden = 2
    misconceptions = [
        Misconception(
            "forward-difference",
            central_forward,
            "computed the forward difference (L(p + h) - L(p)) / h",
            "A one-sided step measures the average slope between p and p + h; on a curved loss "
            "its error is proportional to h, so with h = 0.1 it is far off. The central "
            "difference steps both ways, (L(p + h) - L(p - h)) / (2h), and the curve's bend "
            "cancels.",
            revisit="calc.derivative#the-formula",
        ),
        Misconception(
            "backward-difference",
            central_backward,
            "computed the backward difference (L(p) - L(p - h)) / h",
            "A one-sided step to the left measures the average slope between p - h and p; its "
            "error is proportional to h, as for the forward difference, with the opposite sign. "
            "Step both ways: (L(p + h) - L(p - h)) / (2h).",
            revisit="calc.derivative#the-formula",
        ),
        Misconception(
            "divided-by-h",
            central_divided_by_h,
            "divided by h instead of 2h, so the slope is twice too large",
            "The two points p - h and p + h are 2h apart: the slope of the line through them is "
            "the rise divided by 2h.",
            revisit="calc.derivative#the-formula",
        ),
        Misconception(
            "precedence",
            central_precedence,
            "wrote / 2 * h, which divides by 2 and then multiplies by h",
            "Python reads a / 2 * h as (a / 2) * h. Put the whole denominator in parentheses: "
            "(loss(p + h) - loss(p - h)) / (2 * h).",
            revisit="calc.derivative#the-formula",
        ),
        Misconception(
            "swapped-order",
            central_swapped,
            "subtracted in the wrong order, L(p - h) - L(p + h), which flips the sign",
            "A slope is (value on the right - value on the left) / distance. With the order "
            "swapped, uphill reads as downhill: exactly the sign error that makes training "
            "climb instead of descend.",
            revisit="calc.derivative#the-idea-nudge-the-input-watch-the-output",
        ),
    ]
    hints = [
        "Evaluate the loss twice: `loss(p + h)` and `loss(p - h)`.",
        "Divide their difference, right minus left, by the distance between the two points, "
        "`2 * h`.",
    ]


def _float32_error(h, p=0.6):
    """How far the central difference, computed in float32 with step h, is from the slope."""
    p32, h32 = np.float32(p), np.float32(h)
    estimate = (loss(p32 + h32) - loss(p32 - h32)) / (2 * h32)
    exact = -A / p + (1 - A) / (1 - p)
    return abs(float(estimate) - exact)


_STEPS = {"h = 1e-1": 1e-1, "h = 1e-3": 1e-3, "h = 1e-6": 1e-6, "h = 1e-9": 1e-9}


def float32_largest_step():
    return "h = 1e-1"


def float32_float64_habit():
    return "h = 1e-6"


def float32_smallest_step():
    return "h = 1e-9"


@checkpoint("calc.derivative.float32-step", concepts=["calc.derivative"], kind="choice")
class Float32Step:
    """A training script keeps its weights in float32. You check the slope of the lesson's loss
    at $p = 0.6$ with a central difference computed entirely in float32: the nudged inputs
    `p + h` and `p - h` and the loss values are all float32. Which step gives the estimate
    closest to the exact slope?

    a) h = 1e-1    b) h = 1e-3    c) h = 1e-6    d) h = 1e-9

    Set `answer` to the letter of your choice.
    """

    options = list(_STEPS)

    def solve():
        return min(_STEPS, key=lambda option: _float32_error(_STEPS[option]))

    misconceptions = [
        Misconception(
            "step-too-large",
            float32_largest_step,
            "chose a step so large that the curve's bend dominates",
            "With h = 0.1 the secant spans a long stretch of a curved loss: its truncation "
            "error, proportional to h squared for the central difference, is far larger than "
            "the rounding error at h = 1e-3. Rounding is not the only enemy.",
            revisit="calc.derivative#the-formula",
        ),
        Misconception(
            "float64-step",
            float32_float64_habit,
            "used a float64-sized step in float32",
            "h around 1e-6 suits float64, which keeps 16 digits. Float32 keeps about 7: "
            "L(p + h) and L(p - h) then agree in almost all their digits, and the difference "
            "is mostly rounding. In float32 the best central step is near eps**(1/3), about "
            "1e-3 to 1e-2.",
            revisit="calc.derivative#when-the-slope-looks-wrong",
        ),
        Misconception(
            "smallest-step",
            float32_smallest_step,
            "thought a smaller step is always more accurate",
            "Float32 numbers near 0.6 are about 6e-8 apart. For h below half that gap, p + h "
            "and p - h round back to p itself, and the estimate is exactly 0. Round-off grows "
            "as h shrinks, roughly like eps * |L| / h.",
            revisit="calc.derivative#how-small-should-h-be",
        ),
    ]
    hints = [
        "Two errors compete: the bend of the curve (grows with h) and rounding (grows as h "
        "shrinks). The best step balances them.",
        "The lesson's rule of thumb for the central difference is h near eps**(1/3); float32's "
        "eps is about 1.2e-7.",
    ]
