"""Checkpoints for the lesson "Sums and products: reading Σ and Π as loops"
(06-sums-products.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def evaluate_upper_excluded():
    return sum(2 * k - 1 for k in range(2, 5))


def evaluate_from_one():
    return sum(2 * k - 1 for k in range(1, 6))


def evaluate_minus_once():
    return 2 * sum(range(2, 6)) - 1


@checkpoint("fd.summation.evaluate", concepts=["fd.summation"], kind="numeric")
class Evaluate:
    """Work out $\\sum_{k=2}^{5} (2k - 1)$. Set `answer` to the number."""

    decimals = 0

    def solve():
        return sum(2 * k - 1 for k in range(2, 5 + 1))

    misconceptions = [
        Misconception(
            "upper-bound-excluded",
            evaluate_upper_excluded,
            "stopped before k = 5, as Python's range(2, 5) does",
            "Both bounds of a sum are included: k takes the values 2, 3, 4 and 5, four terms. "
            "In Python that is range(2, 5 + 1).",
            revisit="fd.summation#a-sum-is-a-loop-that-adds",
        ),
        Misconception(
            "started-at-one",
            evaluate_from_one,
            "started the index at 1 instead of at the lower bound 2",
            "The index starts where the bottom of the Σ says: k = 2 here, not 1.",
            revisit="fd.summation#a-sum-is-a-loop-that-adds",
        ),
        Misconception(
            "constant-once",
            evaluate_minus_once,
            "subtracted the 1 once instead of once per term",
            "The whole expression 2k - 1 is the term: it is evaluated for every k, so the -1 "
            "is subtracted four times, once per term.",
            revisit="fd.summation#a-sum-is-a-loop-that-adds",
        ),
    ]
    hints = [
        "List the values of k first: from the bottom bound to the top one, both included.",
        "k = 2, 3, 4, 5; the terms 2k - 1 are 3, 5, 7, 9.",
    ]


def causal_inner_off_by_one(A):
    n = len(A)
    return float(sum(A[i][j] for i in range(n) for j in range(i)))


def causal_full(A):
    n = len(A)
    return float(sum(A[i][j] for i in range(n) for j in range(n)))


def causal_upper(A):
    n = len(A)
    return float(sum(A[i][j] for i in range(n) for j in range(i, n)))


_STARTER = "def causal_sum(A):\n    ...\n"


@checkpoint("fd.summation.causal-sum", concepts=["fd.summation"])
class CausalSum:
    """Write `causal_sum(A)` for a square $n \\times n$ NumPy array `A`, returning the number

    $$S = \\sum_{i=1}^{n} \\sum_{j=1}^{i} a_{ij},$$

    where $a_{ij}$ is the entry in row $i$, column $j$ of the formula, which is `A[i - 1, j - 1]`
    in Python. Write it with loops (or any other way that gives the same number).
    """

    function = "causal_sum"
    starter = _STARTER
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too

    def reference(A):
        n = len(A)
        total = 0.0
        for i in range(1, n + 1):
            for j in range(1, i + 1):
                total += A[i - 1, j - 1]
        return float(total)

    def cases(rng):
        return [(rng.normal(size=(n, n)),) for n in (2, 3, 4, 5, 7)]

    edge_cases = [(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]),)]
    hidden = 2
    misconceptions = [
        Misconception(
            "inner-bound-off-by-one",
            causal_inner_off_by_one,
            "left out the diagonal: the inner loop stops one term early",
            "j runs from 1 up to and including i, so row i has i terms and the entry a_ii is "
            "one of them. Count the terms your inner loop adds for the first row: it should "
            "be one.",
            revisit="fd.summation#double-sums",
            fix="with 0-based i and j, the inner loop is `for j in range(i + 1)`.",
        ),
        Misconception(
            "ignored-inner-bound",
            causal_full,
            "summed every entry: the inner bound is i, not n",
            "The inner sum stops at j = i, which changes from row to row: row 1 adds one "
            "entry, row n adds all n. Your inner loop always runs to n.",
            revisit="fd.summation#double-sums",
        ),
        Misconception(
            "upper-triangle",
            causal_upper,
            "summed from j = i to n (on and above the diagonal) instead of j = 1 to i",
            "The inner index starts at 1 and stops at i: the entries on and *below* the "
            "diagonal, columns up to the row's own number.",
            revisit="fd.summation#double-sums",
        ),
    ]
    hints = [
        "Two nested loops: the outer over the rows i, the inner over the columns j of row i.",
        "Formula i = 1..n, j = 1..i; in Python with 0-based indices: `for i in range(n)` and "
        "`for j in range(i + 1)`, adding `A[i, j]`.",
    ]
