"""Checkpoints for the lesson "Length and distance (norms)" (04-norm-distance.md)."""

import numpy as np

from mlpath.grade import NORM, Misconception, checkpoint


def distance_squared(u, v):
    return float(np.sum((u - v) ** 2))


def distance_difference_of_norms(u, v):
    return float(np.sqrt(np.sum(u**2)) - np.sqrt(np.sum(v**2)))


def distance_l1(u, v):
    return float(np.sum(np.abs(u - v)))


@checkpoint("la.norm.distance", concepts=["la.norm"])
class ImplementDistance:
    """Write `distance(u, v)`: the Euclidean (L2) distance between two vectors of the same
    length, $\\|u - v\\| = \\sqrt{\\sum_i (u_i - v_i)^2}$, as a single number.

    For `u = [1, 1]` and `v = [4, 5]` the answer is 5. Build it from the formula: a call that
    computes a length or distance at once (`np.linalg.norm`, `math.dist`, `math.hypot`, SciPy's
    `euclidean` and their relatives) is not accepted.
    """

    function = "distance"
    starter = "import numpy as np\n\n\ndef distance(u, v):\n    ...\n"
    forbidden = [NORM]
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too

    def reference(u, v):
        diff = u - v
        return float(np.sqrt(np.sum(diff**2)))

    def cases(rng):
        return [(rng.normal(size=n), rng.normal(size=n)) for n in (2, 3, 5, 8, 13)]

    edge_cases = [
        (np.array([1.0, 1.0]), np.array([4.0, 5.0])),
        (np.array([3.0, 4.0]), np.array([5.0, 0.0])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "squared-distance",
            distance_squared,
            "returned the squared distance: the square root is missing",
            "The sum of squared differences is the distance squared (in cm² when the data is in "
            "cm). Take np.sqrt of the sum to get back to a length.",
            revisit="la.norm#distance-is-the-norm-of-the-difference",
        ),
        Misconception(
            "difference-of-norms",
            distance_difference_of_norms,
            "subtracted the two lengths, norm(u) - norm(v), instead of taking the length of u - v",
            "Two different points can have the same length, like (3, 4) and (5, 0), and a "
            "difference of lengths can be negative. Subtract the vectors first, then take the "
            "length of the difference.",
            revisit="la.norm#distance-is-the-norm-of-the-difference",
        ),
        Misconception(
            "l1-distance",
            distance_l1,
            "added the absolute differences: that is the L1 (Manhattan) distance",
            "The Euclidean distance squares each difference, adds the squares and takes the "
            "square root; the sum of |u_i - v_i| is the taxicab distance.",
            revisit="la.norm#the-formulas-l2-and-l1-norms",
        ),
    ]
    hints = [
        "Step 1: the difference `u - v`.",
        "Step 2: square it and add up the squares with `np.sum(...)`.",
        "Step 3: take the square root with `np.sqrt(...)`.",
    ]


_QUERY = 60
_OPTIONS = [
    "60: flower 60 itself",
    "93: the nearest other flower",
    "3: the position of one of the four measurements",
    "0.0: the smallest distance",
]


def _iris():
    from sklearn.datasets import load_iris

    return load_iris().data


def _option(value):
    return next(option for option in _OPTIONS if option.startswith(f"{value}:"))


def nearest_self_excluded():
    X = _iris()
    d = np.linalg.norm(X - X[_QUERY], axis=1)
    d[_QUERY] = np.inf
    return _option(int(np.argmin(d)))


def nearest_wrong_axis():
    X = _iris()
    d = np.linalg.norm(X - X[_QUERY], axis=0)
    return _option(int(np.argmin(d)))


def nearest_min_not_argmin():
    X = _iris()
    d = np.linalg.norm(X - X[_QUERY], axis=1)
    return _option(float(np.min(d)))


@checkpoint("la.norm.nearest-self", concepts=["la.norm"], kind="choice")
class NearestSelf:
    """You look for the iris flower nearest to flower 60:

    ```python
    X = load_iris().data                          # shape (150, 4)
    d = np.linalg.norm(X - X[60], axis=1)
    j = np.argmin(d)
    ```

    What is `j`?

    a) 60: flower 60 itself
    b) 93: the nearest other flower
    c) 3: the position of one of the four measurements
    d) 0.0: the smallest distance

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        X = _iris()
        d = np.linalg.norm(X - X[_QUERY], axis=1)
        return _option(int(np.argmin(d)))

    misconceptions = [
        Misconception(
            "query-not-excluded",
            nearest_self_excluded,
            "forgot that flower 60 is in X too, at distance 0 from itself",
            "The query is its own nearest neighbour: d[60] is 0, so argmin returns 60. To find "
            "the nearest *other* flower, set d[60] = np.inf before calling argmin.",
            revisit="la.norm#the-nearest-iris-flower",
        ),
        Misconception(
            "wrong-axis",
            nearest_wrong_axis,
            "took axis=1 to give one distance per measurement",
            "X - X[60] has shape (150, 4). axis=1 runs across each row, over the 4 measurements "
            "of one flower, so d has one distance per flower: shape (150,).",
            revisit="la.norm#the-nearest-iris-flower",
        ),
        Misconception(
            "min-not-argmin",
            nearest_min_not_argmin,
            "took argmin to return the smallest value",
            "np.argmin returns the *index* of the smallest entry; np.min returns the value itself.",
            revisit="la.norm#the-nearest-iris-flower",
        ),
    ]
    hints = [
        "What is the distance from flower 60 to itself?",
        "`np.argmin` returns a position in `d`, and `d` has one entry per flower.",
    ]
