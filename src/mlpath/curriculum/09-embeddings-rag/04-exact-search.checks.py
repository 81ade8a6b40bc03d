"""Checkpoints for the lesson "Exact nearest-neighbour search: one product and a top-k"
(04-exact-search.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

# ---------------------------------------------------------------------------------------------
# top_k by cosine similarity, on vectors that are not normalised.

_TOP_K_STARTER = """import numpy as np


def top_k(query, corpus, k):
    ...
"""


# The variants are graded like a learner's file, so each is self-contained.
def top_k_dot_product(query, corpus, k):
    scores = corpus @ query
    return np.argsort(-scores)[:k]


def top_k_unsorted(query, corpus, k):
    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)
    scores = unit @ (query / np.linalg.norm(query))
    return np.argpartition(-scores, k - 1)[:k]


def top_k_last_k_unsorted(query, corpus, k):
    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)
    scores = unit @ (query / np.linalg.norm(query))
    return np.argpartition(scores, -k)[-k:]


def top_k_ascending(query, corpus, k):
    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)
    scores = unit @ (query / np.linalg.norm(query))
    return np.argsort(scores)[:k]


def top_k_best_last(query, corpus, k):
    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)
    scores = unit @ (query / np.linalg.norm(query))
    return np.argsort(scores)[-k:]


def top_k_columns_normalised(query, corpus, k):
    unit = corpus / np.linalg.norm(corpus, axis=0, keepdims=True)
    scores = unit @ (query / np.linalg.norm(query))
    return np.argsort(-scores)[:k]


def top_k_raw_distance(query, corpus, k):
    distances = np.linalg.norm(corpus - query, axis=1)
    return np.argsort(distances)[:k]


def _top_k_case(rng, n, d, k):
    query = rng.normal(size=d)
    directions = rng.normal(size=(n, d))
    # Lengths from about 0.2 to 5, so a plain dot product ranks by length as much as by angle.
    corpus = directions * rng.lognormal(0.0, 0.8, size=(n, 1))
    return query, corpus, k


@checkpoint("emb.knn.top-k", concepts=["emb.knn"])
class TopK:
    """Write `top_k(query, corpus, k)`: the indices of the `k` rows of `corpus` most similar to
    `query` by **cosine similarity**, best first. `query` has shape `(d,)` and `corpus`
    `(n, d)`; neither is normalised, and the rows of `corpus` have very different lengths.
    Return `k` integer indices, as a list or an array.

    Any correct method passes: `np.argsort`, `np.argpartition` then a sort, `heapq`, a loop.
    The test data has no ties.
    """

    function = "top_k"
    starter = _TOP_K_STARTER

    def reference(query, corpus, k):
        # Plain Python: every cosine, then a sort of (score, index) pairs, best first.
        q_len = sum(x * x for x in query) ** 0.5
        cosines = []
        for j, row in enumerate(corpus):
            dot = sum(a * b for a, b in zip(row, query, strict=True))
            cosines.append((dot / (sum(a * a for a in row) ** 0.5 * q_len), j))
        cosines.sort(reverse=True)
        return np.array([j for _, j in cosines[:k]], dtype=np.int64)

    def cases(rng):
        return [
            _top_k_case(rng, 12, 4, 3),
            _top_k_case(rng, 30, 8, 5),
            _top_k_case(rng, 20, 3, 4),
            _top_k_case(rng, 50, 16, 6),
            # A large k. On x86 CPUs with AVX2 or AVX-512, NumPy's argpartition (x86-simd-sort)
            # sorts the last piece of at most 256 elements that holds the k-th, so a small
            # top-k comes back sorted and an unsorted answer passes every small case. A top 280
            # of 320 is never sorted: at least 24 of the 280 are left in partition order.
            _top_k_case(rng, 320, 6, 280),
            _top_k_case(rng, 40, 6, 5),  # hidden
            _top_k_case(rng, 25, 10, 4),  # hidden
        ]

    edge_cases = [
        (
            np.array([1.0, 0.0]),
            np.array([[2.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.0], [0.5, 0.1]]),
            3,
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "not-normalised",
            top_k_dot_product,
            "ranked by the plain dot product of vectors that are not normalised",
            "A dot product is |q| |p| cos(angle): a long row scores high whatever its angle. "
            "Divide each row of corpus by its length first (np.linalg.norm(corpus, axis=1, "
            "keepdims=True)); then the dot product is the cosine, up to the query's length, "
            "which does not change the order.",
            revisit="emb.knn#when-the-result-looks-wrong-the-same-long-vectors-win-every-query",
        ),
        Misconception(
            "argpartition-unsorted",
            top_k_unsorted,
            "returned np.argpartition's k indices without sorting them",
            "np.argpartition finds the right k indices, but leaves them in an undefined order. "
            "Sort those k by their scores, best first: best[np.argsort(-scores[best])].",
            revisit="emb.knn#the-k-best-without-sorting-everything",
        ),
        Misconception(
            "argpartition-last-k-unsorted",
            top_k_last_k_unsorted,
            "returned np.argpartition(scores, -k)[-k:] without sorting it",
            "The last k of np.argpartition(scores, -k) are the k best, but in an undefined "
            "order: on some machines ascending, so the best comes last, on others mixed. Sort "
            "them by score, best first: best[np.argsort(-scores[best])].",
            revisit="emb.knn#the-k-best-without-sorting-everything",
        ),
        Misconception(
            "ascending",
            top_k_ascending,
            "took the first k of an ascending sort: the k least similar rows",
            "np.argsort sorts from smallest to largest, so its first k are the worst matches. "
            "Sort the negated scores, np.argsort(-scores)[:k], to put the best first.",
            revisit="emb.knn#the-k-best-without-sorting-everything",
        ),
        Misconception(
            "best-last",
            top_k_best_last,
            "returned the right k rows, but best last (np.argsort(scores)[-k:])",
            "The last k of an ascending sort are the k best, with the best at the end. Reverse "
            "them, or sort the negated scores: np.argsort(-scores)[:k].",
            revisit="emb.knn#the-k-best-without-sorting-everything",
        ),
        Misconception(
            "normalised-columns",
            top_k_columns_normalised,
            "divided by the norms of the columns (axis=0), not of the rows",
            "Each passage is a row; its length is the norm along axis=1: "
            "np.linalg.norm(corpus, axis=1, keepdims=True).",
            revisit="emb.knn#when-the-result-looks-wrong-the-same-long-vectors-win-every-query",
        ),
        Misconception(
            "raw-distance",
            top_k_raw_distance,
            "ranked by Euclidean distance on vectors that are not normalised",
            "Distance and cosine give the same ranking only for unit vectors, where "
            "|a - b|^2 = 2 - 2 a.b. Normalise the rows and the query first, or compute the "
            "cosine directly.",
            revisit="emb.knn#cosine-dot-product-and-distance-agree-on-unit-vectors",
        ),
    ]
    hints = [
        "First make every row of corpus length 1: divide it by np.linalg.norm(corpus, axis=1, "
        "keepdims=True). Then scores = unit @ query ranks by cosine.",
        "np.argsort(-scores)[:k] gives the k best, best first.",
    ]


# ---------------------------------------------------------------------------------------------
# The memory an exact index needs.

_CHUNKS, _DIMS = 2_500_000, 768


def memory_float64():
    return 2_500_000 * 768 * 8 / 1e9


def memory_numbers_not_bytes():
    return 2_500_000 * 768 / 1e9


def memory_gibibytes():
    return 2_500_000 * 768 * 4 / 2**30


def memory_bits():
    return 2_500_000 * 768 * 4 * 8 / 1e9


def memory_bytes():
    return 2_500_000 * 768 * 4


def memory_minilm_dims():
    return 2_500_000 * 384 * 4 / 1e9


@checkpoint("emb.knn.index-memory", concepts=["emb.knn"], kind="numeric")
class IndexMemory:
    """You search 2.5 million document chunks exactly, embedded by a model with 768
    dimensions, the vectors stored as float32. How much memory does the matrix of vectors take,
    in GB (1 GB = $10^9$ bytes)? Set `answer` to it.
    """

    decimals = 2

    def solve():
        return _CHUNKS * _DIMS * np.dtype(np.float32).itemsize / 1e9

    misconceptions = [
        Misconception(
            "float64",
            memory_float64,
            "counted 8 bytes per number, as for float64",
            "float32 takes 4 bytes per number (32 bits / 8); float64 takes 8.",
            revisit="emb.knn#what-it-costs",
        ),
        Misconception(
            "numbers-not-bytes",
            memory_numbers_not_bytes,
            "counted the numbers, not the bytes",
            "The matrix holds n x d numbers, and each float32 number takes 4 bytes: n x d x 4.",
            revisit="emb.knn#what-it-costs",
        ),
        Misconception(
            "gibibytes",
            memory_gibibytes,
            "divided by 2^30 (GiB) instead of 10^9 (GB)",
            "The question asks for GB, 10^9 bytes. 2^30 bytes is a GiB, about 7% more.",
        ),
        Misconception(
            "bits",
            memory_bits,
            "counted bits, not bytes",
            "A float32 is 32 bits, which is 4 bytes; memory is counted in bytes.",
            revisit="emb.knn#what-it-costs",
        ),
        Misconception(
            "bytes-not-gb",
            memory_bytes,
            "gave the number of bytes, not GB",
            "Your byte count is right; the question asks for GB: divide it by 10^9.",
        ),
        Misconception(
            "minilm-dims",
            memory_minilm_dims,
            "used MiniLM's 384 dimensions instead of the 768 in the question",
            "Memory grows with the dimension too: n x d x 4 bytes with d = 768 here.",
            revisit="emb.knn#what-it-costs",
        ),
    ]
    hints = [
        "Each vector is d float32 numbers, 4 bytes each.",
        "n x d x 4 bytes, divided by 10^9.",
    ]


# ---------------------------------------------------------------------------------------------
# Which normalisation fixes a dot-product search.

_FIX_OPTIONS = [
    "divide each passage vector by its length",
    "divide the query vector by its length",
    "use np.argsort instead of np.argpartition",
    "rank by Euclidean distance instead of the dot product",
]


def fix_query_only():
    return _FIX_OPTIONS[1]


def fix_sorting():
    return _FIX_OPTIONS[2]


def fix_distance():
    return _FIX_OPTIONS[3]


@checkpoint("emb.knn.which-normalisation", concepts=["emb.knn"], kind="choice")
class WhichNormalisation:
    """An index holds passage vectors that were never normalised, and a dot-product search
    returns the same few long passages for almost every query. Which single change makes the
    search rank the passages by cosine similarity?

    a) divide each passage vector by its length
    b) divide the query vector by its length
    c) use `np.argsort` instead of `np.argpartition`
    d) rank by Euclidean distance instead of the dot product

    Set `answer` to the letter of your choice.
    """

    options = _FIX_OPTIONS

    def solve():
        return _FIX_OPTIONS[0]

    misconceptions = [
        Misconception(
            "query-only",
            fix_query_only,
            "normalised the query only",
            "Dividing the query by its length multiplies every passage's score by the same "
            "positive number, so the ranking does not change: the long passages still win. "
            "It is the passages' different lengths that distort the scores.",
            revisit="emb.knn#when-the-result-looks-wrong-the-same-long-vectors-win-every-query",
        ),
        Misconception(
            "sorting",
            fix_sorting,
            "changed how the top k is found",
            "argsort and argpartition find the same k largest scores; the scores themselves "
            "are wrong, because a long vector scores high whatever its angle.",
            revisit="emb.knn#the-k-best-without-sorting-everything",
        ),
        Misconception(
            "distance",
            fix_distance,
            "switched to Euclidean distance on the same vectors",
            "Distance ranks like the cosine only for unit vectors (|a - b|^2 = 2 - 2 a.b). On "
            "vectors of different lengths, each passage's length still enters its distance, so "
            "the ranking is still not the cosine's.",
            revisit="emb.knn#cosine-dot-product-and-distance-agree-on-unit-vectors",
        ),
    ]
    hints = [
        "A dot product is |q| |p| cos(angle). Which of the two lengths differs from passage to "
        "passage?",
    ]
