"""Checkpoints for the lesson "The dot product" (03-dot-product.md)."""

import numpy as np

from mlpath.grade import PRODUCT, Misconception, checkpoint


def dot_elementwise(u, v):
    return u * v


def dot_sum_of_sums(u, v):
    return np.sum(u) * np.sum(v)


def dot_return_in_loop(u, v):
    total = 0.0
    for i in range(len(u)):
        total += u[i] * v[i]
        return total  # indented into the loop: returns after the first pair


@checkpoint("la.dot-product.implement", concepts=["la.dot-product"])
class ImplementDot:
    """Write `dot(u, v)` for two vectors of the same length: multiply pairwise, then sum,
    $u \\cdot v = \\sum_i u_i v_i$. Build it from those two steps: a call that computes the whole
    product at once (`@`, `np.dot`, `np.inner`, `np.matmul`, `np.einsum` and their relatives) is
    not accepted.
    """

    function = "dot"
    starter = "import numpy as np\n\n\ndef dot(u, v):\n    ...\n"
    forbidden = [PRODUCT]
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too

    def reference(u, v):
        return float(np.sum(u * v))

    def cases(rng):
        return [(rng.normal(size=n), rng.normal(size=n)) for n in (2, 3, 5, 8, 13)]

    edge_cases = [
        (np.array([2.0, 1.0, 3.0]), np.array([4.0, 10.0, 1.0])),
        (np.array([2.0, 1.0]), np.array([-1.0, 2.0])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "elementwise-product",
            dot_elementwise,
            "returned the elementwise product instead of its sum",
            "u * v is only step 1: the pairwise products, still a vector. The dot product is "
            "one number: step 2 combines those products.",
            revisit="la.dot-product#the-idea-multiply-pairwise-then-sum",
            fix="return `np.sum(u * v)`: the sum of the pairwise products.",
        ),
        Misconception(
            "product-of-sums",
            dot_sum_of_sums,
            "multiplied the two sums instead of summing the pairwise products",
            "(sum of u) x (sum of v) multiplies every entry of u with every entry of v; the dot "
            "product pairs entry i only with entry i.",
            revisit="la.dot-product#the-idea-multiply-pairwise-then-sum",
        ),
        Misconception(
            "return-in-loop",
            dot_return_in_loop,
            "returned from inside the loop, after the first pair",
            "The return statement is indented into the for loop, so the function stops after "
            "adding u[0] * v[0]. Dedent it to the level of the for: return once every pair has "
            "been added.",
            revisit="la.dot-product#three-ways-to-compute-it",
        ),
    ]
    hints = [
        "Step 1: the pairwise products are `u * v`.",
        "Step 2: add them up with `np.sum(...)`, or a loop with a running total.",
    ]


def _flower_50():
    from sklearn.datasets import load_iris

    return load_iris().data[50]


def score_unweighted():
    return float(np.sum(_flower_50()))


def score_width_added():
    return float(_flower_50() @ np.array([1.0, 1.0, 2.0, 0.0]))


@checkpoint("la.dot-product.iris-score", concepts=["la.dot-product"], kind="numeric")
class IrisScore:
    """Score iris flower number 50 (a versicolor, `load_iris().data[50]`) with the weights
    $w = (1, -1, 2, 0)$: sepal length minus sepal width plus twice the petal length.
    Set `answer` to the score, a single number.
    """

    decimals = 2

    def solve():
        return float(_flower_50() @ np.array([1.0, -1.0, 2.0, 0.0]))

    misconceptions = [
        Misconception(
            "ignored-weights",
            score_unweighted,
            "added the measurements without weighting them",
            "A weighted score multiplies each feature by its weight before adding: w @ x.",
            revisit="la.dot-product#a-weighted-score-on-real-data",
        ),
        Misconception(
            "dropped-negative-weight",
            score_width_added,
            "counted the sepal width with +1 instead of -1",
            "A negative weight counts a feature against the score: 'minus sepal width' is -1.",
            revisit="la.dot-product#a-weighted-score-on-real-data",
        ),
    ]
    hints = ["`x = load_iris().data[50]`, `w = np.array([1.0, -1.0, 2.0, 0.0])`, then `x @ w`."]
