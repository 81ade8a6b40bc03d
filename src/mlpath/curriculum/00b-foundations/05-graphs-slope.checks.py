"""Checkpoints for the lesson "Graphs and slope" (05-graphs-slope.md)."""

import math

from mlpath.grade import Misconception, checkpoint

_P, _Q = (2.0, 7.0), (6.0, 1.0)


def slope_mixed_order():
    (x1, y1), (x2, y2) = _P, _Q
    return (y2 - y1) / (x1 - x2)


def slope_run_over_rise():
    (x1, y1), (x2, y2) = _P, _Q
    return (x2 - x1) / (y2 - y1)


def slope_rise_only():
    return _Q[1] - _P[1]


@checkpoint("fd.graphs.slope", concepts=["fd.graphs"], kind="numeric")
class Slope:
    """A straight line passes through the points $(2, 7)$ and $(6, 1)$. What is its slope?
    Set `answer` to the number (it has a sign).
    """

    decimals = 2

    def solve():
        (x1, y1), (x2, y2) = _P, _Q
        return (y2 - y1) / (x2 - x1)

    misconceptions = [
        Misconception(
            "sign-flipped",
            slope_mixed_order,
            "subtracted the points in a different order on top and bottom, flipping the sign",
            "Going from (2, 7) to (6, 1) the line moves right and down. A line that falls to "
            "the right has a negative slope; check the sign of your rise and of your run.",
            revisit="fd.graphs#slope-rise-over-run",
            fix="rise = 1 - 7 = -6 and run = 6 - 2 = 4, both point 2 minus point 1.",
        ),
        Misconception(
            "run-over-rise",
            slope_run_over_rise,
            "divided the run by the rise: the slope upside down",
            "Slope is how much y changes per unit of x, so the change in y goes on top.",
            revisit="fd.graphs#slope-rise-over-run",
            fix="slope = (y2 - y1) / (x2 - x1) = -6 / 4.",
        ),
        Misconception(
            "rise-only",
            slope_rise_only,
            "gave the rise without dividing by the run",
            "The rise is the change in y over the whole stretch. The slope is that change per "
            "unit of x: divide it by how far x moved.",
            revisit="fd.graphs#slope-rise-over-run",
        ),
    ]
    hints = [
        "The rise is the change in y from the first point to the second; the run is the change "
        "in x, in the same order.",
        "Rise = 1 - 7, run = 6 - 2; the slope is rise / run.",
    ]


def log_axis_average():
    return (0.01 + 0.1) / 2


def log_axis_five():
    return 0.05


# Numeric, not a choice: a learner who computes 10 ** -1.5 gets 0.0316227..., which a choice
# between option texts would refuse.
@checkpoint("fd.graphs.log-axis", concepts=["fd.graphs"], kind="numeric")
class LogAxis:
    """A plot of validation loss against learning rate has a logarithmic x axis with ticks at
    0.001, 0.01, 0.1 and 1. The lowest point sits exactly halfway between the ticks 0.01 and
    0.1. Which learning rate is it? Set `answer` to the number.
    """

    decimals = 4

    def solve():
        position = (math.log10(0.01) + math.log10(0.1)) / 2  # halfway, in log10 units
        return 10**position

    misconceptions = [
        Misconception(
            "linear-average",
            log_axis_average,
            "took the ordinary average of the two ticks",
            "On a log axis the position of x is log10(x), so halfway means halfway in log10 "
            "units, not halfway in value. The average (0.01 + 0.1) / 2 sits much closer to "
            "the 0.1 tick there.",
            revisit="fd.graphs#log-axes-equal-steps-are-equal-factors",
            fix="halfway is 10 ** ((log10(0.01) + log10(0.1)) / 2) = 10 ** -1.5.",
        ),
        Misconception(
            "five-is-halfway",
            log_axis_five,
            "read the log axis as if 5 were halfway between 1 and 10",
            "5 is halfway between 1 and 10 on an ordinary axis only. On a log axis 5 sits at "
            "log10(5), about 0.7 of the way through the decade; the halfway point is the "
            "value whose log10 is halfway.",
            revisit="fd.graphs#log-axes-equal-steps-are-equal-factors",
        ),
    ]
    hints = [
        "A log axis places x at position log10(x). Where are 0.01 and 0.1?",
        "They are at -2 and -1; halfway is -1.5. Which number has log10 equal to -1.5?",
    ]
