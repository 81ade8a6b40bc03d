"""Checkpoints for the lesson "Cosine similarity and unit vectors" (05-cosine-similarity.md)."""

import numpy as np

from mlpath.grade import COSINE, Misconception, checkpoint


def cosine_not_normalised(u, v):
    return float(u @ v)


def cosine_only_length_of_u(u, v):
    return float((u @ v) / np.linalg.norm(u))


def cosine_only_length_of_v(u, v):
    return float((u @ v) / np.linalg.norm(v))


def cosine_missing_parentheses(u, v):
    return float(u @ v / np.linalg.norm(u) * np.linalg.norm(v))


@checkpoint("la.cosine-similarity.implement", concepts=["la.cosine-similarity"])
class ImplementCosine:
    """Write `cosine(u, v)`: the cosine similarity of two non-zero vectors of the same length,
    $\\cos\\theta = \\dfrac{u \\cdot v}{\\|u\\|\\,\\|v\\|}$, as a single number.

    For `u = [2, 1]` and `v = [1, 2]` the answer is 0.8. You may use `@` and `np.linalg.norm`;
    a library's cosine (scikit-learn's `cosine_similarity`, SciPy's `cosine` distance and their
    relatives) is not accepted.
    """

    function = "cosine"
    starter = "import numpy as np\n\n\ndef cosine(u, v):\n    ...\n"
    forbidden = [COSINE]
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too

    def reference(u, v):
        return float((u @ v) / (np.linalg.norm(u) * np.linalg.norm(v)))

    def cases(rng):
        return [
            (rng.normal(size=n) * rng.uniform(0.3, 4.0), rng.normal(size=n) * rng.uniform(0.3, 4.0))
            for n in (2, 3, 5, 8, 12)
        ]

    edge_cases = [
        (np.array([2.0, 1.0]), np.array([1.0, 2.0])),
        (np.array([2.0, 1.0]), np.array([4.0, 2.0])),
        (np.array([3.0, 4.0]), np.array([-6.0, -8.0])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "not-normalised",
            cosine_not_normalised,
            "returned the dot product without dividing by the lengths",
            "The raw dot product grows with the lengths of the vectors, so it can be far above "
            "1 and it ranks long vectors first. A cosine always lies in [-1, 1]: divide by "
            "np.linalg.norm(u) * np.linalg.norm(v).",
            revisit="la.cosine-similarity#when-the-scores-go-above-1",
        ),
        Misconception(
            "only-length-of-u",
            cosine_only_length_of_u,
            "divided by the length of u only",
            "Both lengths must go: the denominator is ||u|| times ||v||. With only one of them, "
            "the score still changes when v is stretched.",
            revisit="la.cosine-similarity#the-formula",
        ),
        Misconception(
            "only-length-of-v",
            cosine_only_length_of_v,
            "divided by the length of v only",
            "Both lengths must go: the denominator is ||u|| times ||v||. With only one of them, "
            "the score still changes when u is stretched.",
            revisit="la.cosine-similarity#the-formula",
        ),
        Misconception(
            "missing-parentheses",
            cosine_missing_parentheses,
            "wrote u @ v / norm(u) * norm(v), which multiplies by the length of v",
            "Python evaluates a / b * c as (a / b) * c. Put the denominator in parentheses: "
            "(u @ v) / (np.linalg.norm(u) * np.linalg.norm(v)).",
            revisit="la.cosine-similarity#the-formula",
        ),
    ]
    hints = [
        "The numerator is the dot product `u @ v`.",
        "The denominator is the product of the two lengths, `np.linalg.norm(u) * np.linalg.norm(v)`"
        "; keep it in parentheses.",
    ]


def nearest_not_normalised(X, q, k):
    return np.argsort(-(X @ q))[:k]


def nearest_ascending(X, q, k):
    X_hat = X / np.linalg.norm(X, axis=1, keepdims=True)
    sims = X_hat @ (q / np.linalg.norm(q))
    return np.argsort(sims)[:k]


def nearest_skipped_first(X, q, k):
    X_hat = X / np.linalg.norm(X, axis=1, keepdims=True)
    sims = X_hat @ (q / np.linalg.norm(q))
    return np.argsort(-sims)[1 : k + 1]


def nearest_wrong_axis(X, q, k):
    X_hat = X / np.linalg.norm(X, axis=0, keepdims=True)
    sims = X_hat @ (q / np.linalg.norm(q))
    return np.argsort(-sims)[:k]


@checkpoint("la.cosine-similarity.nearest", concepts=["la.cosine-similarity"])
class Nearest:
    """Write `nearest(X, q, k)`: the indices of the `k` rows of `X` (shape `(m, n)`) with the
    highest cosine similarity to the query `q` (shape `(n,)`), most similar first, as an array
    of `k` integers.

    For `X = [[3, 0], [10, 8], [0, 1], [1, 1], [-2, 1]]`, `q = [2, 1]` and `k = 2` the answer
    is `[1, 3]`: row 1 has cosine 0.978 and row 3 has 0.949.
    """

    function = "nearest"
    starter = "import numpy as np\n\n\ndef nearest(X, q, k):\n    ...\n"

    def reference(X, q, k):
        X_hat = X / np.linalg.norm(X, axis=1, keepdims=True)  # each row to length 1
        q_hat = q / np.linalg.norm(q)
        sims = X_hat @ q_hat  # one cosine per row
        return np.argsort(-sims)[:k]  # highest first

    def cases(rng):
        out = []
        for m, n, k in [(6, 3, 2), (8, 4, 3), (10, 5, 3), (12, 6, 4), (15, 8, 5)]:
            X = rng.normal(size=(m, n)) * rng.uniform(0.2, 5.0, size=(m, 1))
            q = rng.normal(size=n)
            out.append((X, q, k))
        return out

    edge_cases = [
        (
            np.array([[3.0, 0.0], [10.0, 8.0], [0.0, 1.0], [1.0, 1.0], [-2.0, 1.0]]),
            np.array([2.0, 1.0]),
            2,
        ),
        (
            np.array([[5.0, -2.0], [-3.0, 1.0], [0.0, 5.0], [4.0, 0.0], [2.0, 2.0]]),
            np.array([2.0, 1.0]),
            2,
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "not-normalised",
            nearest_not_normalised,
            "ranked the rows by their raw dot product with q, without normalising",
            "Raw dot products favour long rows whatever their direction. Divide every row by "
            "its own length first (np.linalg.norm(X, axis=1, keepdims=True)); then the dot "
            "products are cosines.",
            revisit="la.cosine-similarity#when-the-scores-go-above-1",
        ),
        Misconception(
            "ascending",
            nearest_ascending,
            "sorted from low to high, so it returned the least similar rows",
            "np.argsort sorts in increasing order. For the most similar first, sort the "
            "negated scores, np.argsort(-sims), or reverse: np.argsort(sims)[::-1].",
            revisit="la.cosine-similarity#nearest-neighbours-among-handwritten-digits",
        ),
        Misconception(
            "skipped-best",
            nearest_skipped_first,
            "dropped the most similar row, as if it were the query itself",
            "The lesson skipped order[0] because its query was a row of X, at similarity 1 with "
            "itself. Here q is not one of the rows, so the most similar row is a real neighbour: "
            "keep it, np.argsort(-sims)[:k].",
            revisit="la.cosine-similarity#nearest-neighbours-among-handwritten-digits",
        ),
        Misconception(
            "wrong-axis",
            nearest_wrong_axis,
            "normalised the columns (axis=0) instead of the rows",
            "Each row is one vector, so each row must be divided by its own length: "
            "np.linalg.norm(X, axis=1, keepdims=True). With axis=0 every feature is rescaled, "
            "which changes the directions of the rows.",
            revisit="la.cosine-similarity#nearest-neighbours-among-handwritten-digits",
        ),
    ]
    hints = [
        "Normalise the rows: `X / np.linalg.norm(X, axis=1, keepdims=True)`, and the query too.",
        "`X_hat @ q_hat` gives one cosine per row; `np.argsort(-sims)[:k]` the top k.",
    ]
