"""Checkpoints for the lesson "Geometry: Pythagoras, distance, angles and the cosine"
(07-geometry.md)."""

import math

import numpy as np

from mlpath.grade import Misconception, checkpoint

_P, _Q = (2.0, -1.0, 4.0), (4.0, 5.0, -5.0)


def distance_no_root():
    return sum((q - p) ** 2 for p, q in zip(_P, _Q, strict=True))


def distance_abs_sum():
    return sum(abs(q - p) for p, q in zip(_P, _Q, strict=True))


def distance_first_two():
    return math.sqrt(sum((q - p) ** 2 for p, q in zip(_P[:2], _Q[:2], strict=True)))


@checkpoint("fd.geometry.distance", concepts=["fd.geometry"], kind="numeric")
class Distance:
    """Two points in 3 dimensions: $p = (2, -1, 4)$ and $q = (4, 5, -5)$. What is the
    (straight-line) distance between them? Set `answer` to the number.
    """

    decimals = 2

    def solve():
        return math.sqrt(sum((q - p) ** 2 for p, q in zip(_P, _Q, strict=True)))

    misconceptions = [
        Misconception(
            "no-square-root",
            distance_no_root,
            "gave the squared distance: the square root is missing",
            "Pythagoras gives c squared as the sum of the squared sides; the distance is c "
            "itself. Your number is the distance times itself.",
            revisit="fd.geometry#distance-in-any-number-of-dimensions",
            fix="take math.sqrt of the sum of squared differences.",
        ),
        Misconception(
            "sum-of-differences",
            distance_abs_sum,
            "added the sizes of the differences instead of using Pythagoras",
            "Going 2, then 6, then 9 along the axes is a path with corners, longer than the "
            "straight line. The straight line is the square root of the sum of the squared "
            "differences.",
            revisit="fd.geometry#pythagoras-distance-in-the-plane",
        ),
        Misconception(
            "dropped-a-coordinate",
            distance_first_two,
            "used only the first two coordinates",
            "Every coordinate contributes a squared difference: in 3 dimensions there are "
            "three of them under the square root.",
            revisit="fd.geometry#distance-in-any-number-of-dimensions",
        ),
    ]
    hints = [
        "Subtract coordinate by coordinate: q - p = (2, 6, -9).",
        "Square each difference, add the squares, take the square root.",
    ]


_STARTER = """import math


def length(u):
    return math.sqrt(sum(u_i**2 for u_i in u))


def cosine(u, v):
    dot = sum(u[i] * v[i] for i in range(len(u)))
    return dot / length(u) * length(v)
"""


# The variants are graded like a learner's file, so each is self-contained.
def cosine_precedence(u, v):
    import math

    dot = sum(u[i] * v[i] for i in range(len(u)))
    return dot / math.sqrt(sum(x**2 for x in u)) * math.sqrt(sum(x**2 for x in v))


def cosine_not_normalised(u, v):
    return sum(u[i] * v[i] for i in range(len(u)))


def cosine_one_length(u, v):
    import math

    dot = sum(u[i] * v[i] for i in range(len(u)))
    return dot / math.sqrt(sum(x**2 for x in u))


def cosine_squared_lengths(u, v):
    dot = sum(u[i] * v[i] for i in range(len(u)))
    return dot / (sum(x**2 for x in u) * sum(x**2 for x in v))


@checkpoint("fd.geometry.fix-cosine", concepts=["fd.geometry"], kind="fix")
class FixCosine:
    """`cosine(u, v)` should return the cosine of the angle between two vectors of the same
    length,
    $$\\cos\\theta = \\frac{\\sum_{i=1}^{n} u_i v_i}{|u|\\,|v|},$$
    but it returns numbers far outside $[-1, 1]$. The starter code has a bug: fix it.
    """

    function = "cosine"
    starter = _STARTER
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too

    def reference(u, v):
        import math

        dot = sum(u[i] * v[i] for i in range(len(u)))
        return dot / (math.sqrt(sum(x**2 for x in u)) * math.sqrt(sum(x**2 for x in v)))

    def cases(rng):
        return [(rng.normal(size=n) * 3, rng.normal(size=n) * 3) for n in (2, 3, 5, 8, 13)]

    edge_cases = [
        (np.array([4.0, 3.0]), np.array([8.0, 6.0])),
        (np.array([4.0, 3.0]), np.array([1.0, 0.0])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "precedence",
            cosine_precedence,
            "divided by |u| and then multiplied by |v|: the denominator needs parentheses",
            "Python evaluates a / b * c as (a / b) * c, left to right. The formula divides "
            "by the product of both lengths.",
            revisit="fd.geometry#when-the-cosine-looks-wrong",
            fix="return `dot / (length(u) * length(v))`.",
        ),
        Misconception(
            "not-normalised",
            cosine_not_normalised,
            "returned the sum of products without dividing by the lengths",
            "The sum of pairwise products grows with the lengths of the arrows. Dividing by "
            "both lengths leaves only the direction, a number between -1 and 1.",
            revisit="fd.geometry#the-cosine-between-two-arrows",
        ),
        Misconception(
            "one-length",
            cosine_one_length,
            "divided by one length only",
            "The denominator holds both lengths, |u| times |v|. Check: the cosine of a "
            "vector with itself must be exactly 1.",
            revisit="fd.geometry#the-cosine-between-two-arrows",
        ),
        Misconception(
            "squared-lengths",
            cosine_squared_lengths,
            "divided by the squared lengths: the square roots are missing",
            "A length is the square root of the sum of squares. Dividing by the sums "
            "themselves divides by |u| squared times |v| squared.",
            revisit="fd.geometry#the-cosine-between-two-arrows",
        ),
    ]
    hints = [
        "Try the starter on u = (4, 3), v = (8, 6): the answer must be 1. What does it give?",
        "In Python, a / b * c means (a / b) * c.",
    ]
