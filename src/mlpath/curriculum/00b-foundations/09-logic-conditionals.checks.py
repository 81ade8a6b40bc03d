"""Checkpoints for the lesson "Logic: truth tables, if-then, and boolean masks"
(09-logic-conditionals.md).

The first quick checkpoint (`fd.logic.contrapositive`) is the placement question for fd.logic.
"""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_CONTRAPOSITIVE = "If x <= 3, then x <= 5."
_CONVERSE = "If x > 3, then x > 5."
_INVERSE = "If x <= 5, then x <= 3."
_BICONDITIONAL = "x > 5 exactly when x > 3: each one implies the other."


def chose_converse():
    return _CONVERSE


def chose_inverse():
    return _INVERSE


def chose_biconditional():
    return _BICONDITIONAL


@checkpoint("fd.logic.contrapositive", concepts=["fd.logic"], kind="choice")
class Contrapositive:
    """For a number $x$, the claim "if $x > 5$, then $x > 3$" is true. Which of these is
    **guaranteed** by it (true for every number $x$)?

    a) If x > 3, then x > 5.
    b) If x <= 3, then x <= 5.
    c) If x <= 5, then x <= 3.
    d) x > 5 exactly when x > 3: each one implies the other.

    Set `answer` to the letter of your choice.
    """

    options = [_CONVERSE, _CONTRAPOSITIVE, _INVERSE, _BICONDITIONAL]

    def solve():
        return _CONTRAPOSITIVE

    misconceptions = [
        Misconception(
            "converse",
            chose_converse,
            "reversed the arrow: the converse is a different claim",
            "Try x = 4: it is greater than 3 but not greater than 5. Knowing the 'then' part "
            "tells you nothing about the 'if' part; concluding it affirms the consequent.",
            revisit="fd.logic#if-then-its-contrapositive-and-its-converse",
        ),
        Misconception(
            "inverse",
            chose_inverse,
            "negated both sides without swapping them",
            "Try x = 4 again: it is at most 5 but not at most 3. 'If not P then not Q' is the "
            "converse in disguise. Negate both sides and swap them: if not Q, then not P.",
            revisit="fd.logic#if-then-its-contrapositive-and-its-converse",
        ),
        Misconception(
            "if-and-only-if",
            chose_biconditional,
            "read 'if' as 'if and only if'",
            "An if-then claim works in one direction only. Look for a number greater than 3 "
            "that is not greater than 5.",
            revisit="fd.logic#if-then-its-contrapositive-and-its-converse",
        ),
    ]
    hints = [
        "Test each option with a few numbers: 2, 4, 6. An option that fails for one number is "
        "not guaranteed.",
        "The contrapositive negates both sides and swaps them.",
    ]


def neither_or(y, a, b):
    return (y != a) | (y != b)


def neither_one_side(y, a, b):
    return ~(y == a) | (y == b)


def neither_either(y, a, b):
    return (y == a) | (y == b)


_STARTER = """import numpy as np


def neither(y, a, b):
    return (y != a) | (y != b)
"""


@checkpoint("fd.logic.fix-neither", concepts=["fd.logic"], kind="fix")
class FixNeither:
    """`neither(y, a, b)` should return a boolean mask, one entry per entry of the integer
    array `y`: `True` where the label is **neither** `a` **nor** `b`, `False` elsewhere
    (`a` and `b` are two different labels). Then `y[neither(y, 0, 2)]` keeps the
    versicolors of iris.
    """

    function = "neither"
    starter = _STARTER

    def reference(y, a, b):
        return (y != a) & (y != b)

    def cases(rng):
        return [
            (rng.integers(0, 4, size=n), a, b)
            for n, a, b in [(6, 0, 1), (9, 1, 3), (12, 2, 0), (20, 3, 1)]
        ]

    edge_cases = [(np.array([0, 1, 2, 1, 0, 2]), 0, 2)]
    hidden = 1
    misconceptions = [
        Misconception(
            "or-of-nots",
            neither_or,
            "joined 'not a' and 'not b' with or: every label passes",
            "Every label is 'not a' or 'not b' (it cannot be both a and b), so the mask is all "
            "True. 'Neither a nor b' needs both 'not a' and 'not b' to hold.",
            revisit="fd.logic#boolean-masks-logic-on-whole-columns",
            fix="join the two masks with `&`: `(y != a) & (y != b)`.",
        ),
        Misconception(
            "negated-one-side",
            neither_one_side,
            "negated only the first comparison",
            "`~` applies to the mask right after it, so `~(y == a) | (y == b)` is 'not a, or "
            "b'. De Morgan's law negates the whole or: `~((y == a) | (y == b))`.",
            revisit="fd.logic#boolean-masks-logic-on-whole-columns",
        ),
        Misconception(
            "either",
            neither_either,
            "kept the labels that are a or b instead of the others",
            "This mask is True exactly where the label is a or b: the opposite of what is "
            "asked. Negate it, or compare with != and join with &.",
            revisit="fd.logic#boolean-masks-logic-on-whole-columns",
        ),
    ]
    hints = [
        "Count what the starter's mask keeps on `np.array([0, 1, 2, 1, 0, 2])` with a=0, b=2.",
        "'Neither a nor b' is 'not a and not b'.",
    ]
