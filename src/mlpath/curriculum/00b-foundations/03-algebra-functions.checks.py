"""Checkpoints for the lesson "Equations, functions and argmax" (03-algebra-functions.md).

The first checkpoint of each concept is its quick placement question: fd.algebra.time-budget for
fd.algebra, fd.functions.predict-compose for fd.functions.
"""

from mlpath.grade import Misconception, checkpoint

SETUP, PER_STEP, BUDGET = 45.0, 0.25, 4 * 60.0


def ignored_setup():
    return BUDGET / PER_STEP


def added_setup():
    return (BUDGET + SETUP) / PER_STEP


def divided_one_term():
    return BUDGET - SETUP / PER_STEP


def multiplied_by_step_time():
    return (BUDGET - SETUP) * PER_STEP


@checkpoint("fd.algebra.time-budget", concepts=["fd.algebra"], kind="numeric")
class TimeBudget:
    """A training run spends 45 seconds loading data, then 0.25 seconds on each training step.
    How many steps fit in a budget of 4 minutes? Write the equation for the total time, then
    solve it for the number of steps.
    """

    decimals = 0

    def solve():
        return (BUDGET - SETUP) / PER_STEP

    misconceptions = [
        Misconception(
            "ignored-setup",
            ignored_setup,
            "left out the 45 seconds of loading",
            "The budget pays for the loading as well as the steps: total = 45 + 0.25 n. Only "
            "what is left after loading is shared among the steps.",
            revisit="fd.algebra#solving-a-linear-equation",
        ),
        Misconception(
            "added-setup",
            added_setup,
            "added the 45 seconds to the budget instead of subtracting them",
            "45 + 0.25 n = 240. To get 0.25 n alone, subtract 45 from both sides: the loading "
            "uses up part of the budget.",
            revisit="fd.algebra#solving-a-linear-equation",
            fix="0.25 n = 240 - 45 = 195, so n = 195 / 0.25.",
        ),
        Misconception(
            "divided-one-term",
            divided_one_term,
            "divided only the 45 by 0.25, not the whole remaining budget",
            "Both sides of 0.25 n = 240 - 45 are divided by 0.25, so the whole of 240 - 45 is "
            "divided: (240 - 45) / 0.25, with the brackets. 240 - 45 / 0.25 divides only the 45.",
            revisit="fd.algebra#solving-a-linear-equation",
        ),
        Misconception(
            "multiplied-by-step-time",
            multiplied_by_step_time,
            "multiplied by the time per step instead of dividing by it",
            "0.25 n = 195 means 0.25 times n; to undo a multiplication by 0.25, divide both "
            "sides by 0.25. Check: your n times 0.25 seconds should be the 195 seconds left.",
            revisit="fd.algebra#solving-a-linear-equation",
        ),
    ]
    hints = [
        "4 minutes is 240 seconds. The total time is 45 + 0.25 n.",
        "Solve 45 + 0.25 n = 240: subtract 45 from both sides, then divide by 0.25.",
    ]


_COMPOSE_CODE = """import numpy as np

def f(x):
    return 2 * x + 1

def g(x):
    return x**2

xs = np.array([-2, -1, 0, 4])
ys = g(f(xs))
print(np.max(ys), np.argmax(ys))
"""


@checkpoint("fd.functions.predict-compose", concepts=["fd.functions"], kind="predict")
class PredictCompose:
    """What does this cell print? Work it out before you run it, then set `answer` to the text
    it prints (`print` puts its two values on one line, separated by a space). Arithmetic on
    a NumPy array acts on each entry, and `np.argmax` gives a position in `ys`, counting
    from 0.

    ```python
    import numpy as np

    def f(x):
        return 2 * x + 1

    def g(x):
        return x**2

    xs = np.array([-2, -1, 0, 4])
    ys = g(f(xs))
    print(np.max(ys), np.argmax(ys))
    ```
    """

    code = _COMPOSE_CODE
    misconceptions = [
        Misconception(
            "wrong-order",
            "print(33, 3)\n",
            "applied g first, then f",
            "g(f(x)) applies the inner function first: f doubles and adds 1, then g squares "
            "the result. For x = 4 that is f(4) = 9, then g(9).",
            revisit="fd.algebra#functions-and-composition",
        ),
        Misconception(
            "argmax-is-input",
            "print(81, 4)\n",
            "gave the input x where the maximum is, not its position in ys",
            "np.argmax(ys) knows only ys: it returns the index of the largest entry, counting "
            "from 0. The input at that index would be xs[np.argmax(ys)].",
            revisit="fd.algebra#max-and-argmax",
        ),
        Misconception(
            "argmax-is-value",
            "print(81, 81)\n",
            "took argmax to return the largest value itself",
            "The maximum is the largest value, a height; the argmax is where it is, a "
            "position. np.argmax returns an index into ys.",
            revisit="fd.algebra#max-and-argmax",
        ),
    ]
    hints = [
        "First f(xs) for each entry: 2x + 1. Then square each result.",
        "np.argmax returns the index (0, 1, 2 or 3) of the largest entry of ys.",
    ]


MEAN, STD, Z = 5.8, 0.8, -1.5


def divided_by_std():
    return MEAN + Z / STD


def lost_the_sign():
    return MEAN - Z * STD


def forgot_the_mean():
    return Z * STD


def undid_in_wrong_order():
    return (Z + MEAN) * STD


@checkpoint("fd.algebra.rearrange", concepts=["fd.algebra"], kind="numeric")
class Rearrange:
    """A standardised score is $z = (x - m) / s$: how many units of $s$ a value $x$ lies above
    $m$. For iris sepal lengths take $m = 5.8$ and $s = 0.8$ (cm). Rearrange the formula for
    $x$: which sepal length has $z = -1.5$?
    """

    decimals = 2

    def solve():
        return MEAN + Z * STD

    misconceptions = [
        Misconception(
            "divided-by-s",
            divided_by_std,
            "divided z by s where the rearranged formula multiplies",
            "In z = (x - m) / s, x - m is divided by s. To undo that, multiply both sides by s: "
            "z s = x - m.",
            revisit="fd.algebra#solving-a-linear-equation",
            fix="x = m + z s = 5.8 + (-1.5)(0.8).",
        ),
        Misconception(
            "lost-the-sign",
            lost_the_sign,
            "lost the minus sign of z: a negative z lies below the mean",
            "z = -1.5 means 1.5 units of s below m, so x is smaller than 5.8. Keep the sign "
            "when you substitute: m + z s with z negative.",
            revisit="fd.algebra#solving-a-linear-equation",
        ),
        Misconception(
            "forgot-the-mean",
            forgot_the_mean,
            "stopped at z s = x - m and forgot to add m back",
            "z s is x - m, the distance from the mean. Add m to both sides to get x alone.",
            revisit="fd.algebra#solving-a-linear-equation",
        ),
        Misconception(
            "undid-in-wrong-order",
            undid_in_wrong_order,
            "undid the steps in the wrong order: added m before multiplying by s",
            "Undo the last step first. The formula subtracts m, then divides by s; so multiply "
            "by s first, then add m.",
            revisit="fd.algebra#solving-a-linear-equation",
        ),
    ]
    hints = [
        "Multiply both sides by s: z s = x - m.",
        "Then add m to both sides: x = m + z s.",
    ]
