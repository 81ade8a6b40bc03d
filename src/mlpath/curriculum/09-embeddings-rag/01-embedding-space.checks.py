"""Checkpoints for the lesson "Embedding spaces: meaning as direction" (01-embedding-space.md)."""

import functools

import numpy as np

from mlpath.grade import Misconception, checkpoint

# The lesson's ten sentences, and a new query whose nearest neighbour the learner computes.
_SENTENCES = [
    "How do I choose a learning rate?",
    "What step size should gradient descent take?",
    "Why is my training loss not decreasing?",
    "My network stops improving as it learns.",
    "My laptop will not turn on.",
    "The computer refuses to boot.",
    "The python swallowed a rabbit.",
    "A large snake ate a bunny.",
    "I wrote the script in Python.",
    "This program was written with a scripting language.",
]
_QUERY = "My Python code will not start."
_NEAREST_OPTIONS = [_SENTENCES[4], _SENTENCES[8], _SENTENCES[6], _SENTENCES[0]]


def _words(text):
    return set(text.lower().strip(".?").split())


def most_shared_words():
    shared = [len(_words(_QUERY) & _words(s)) for s in _SENTENCES]
    return _SENTENCES[int(np.argmax(shared))]


def same_keyword_other_sense():
    return "The python swallowed a rabbit."


@functools.cache
def _query_cosines():
    """The query's cosine with each of the ten sentences, computed once per process: solve() and
    least_similar() share it, so grading an answer runs the model once (about a second). The
    nearest is 0.44 and the next 0.32, so no CPU's float32 rounding changes the answer."""
    from mlpath.toolkit.minilm import MiniLM

    E = MiniLM().encode([*_SENTENCES, _QUERY]).astype(np.float64)
    return E[:-1] @ E[-1]


def least_similar():
    return _SENTENCES[int(np.argsort(_query_cosines())[0])]


@checkpoint("emb.semantic-space.nearest", concepts=["emb.semantic-space"], kind="choice")
class Nearest:
    """Embed the new sentence "My Python code will not start." with `model.encode` and compare
    it, by cosine similarity, with the lesson's ten sentences (the rows of `E`). Which of the
    ten is its nearest neighbour?

    a) My laptop will not turn on.    b) I wrote the script in Python.
    c) The python swallowed a rabbit.    d) How do I choose a learning rate?

    Set `answer` to the letter of your choice.
    """

    options = _NEAREST_OPTIONS
    timeout = 30  # loads the model and embeds eleven sentences: about a second

    def solve():
        return _SENTENCES[int(np.argmax(_query_cosines()))]

    misconceptions = [
        Misconception(
            "most-shared-words",
            most_shared_words,
            "picked the sentence that shares the most words with the query, or the second nearest",
            '"My laptop will not turn on." shares the most words with the query ("my", "will", '
            '"not"), and it is the second nearest by cosine. The model compares meanings, not '
            "words. And the query is not one of the ten rows of E, so no result needs dropping "
            "as the query itself: compute E @ q, with q the query's embedding, and take the "
            "largest.",
            revisit="emb.semantic-space#nearest-neighbours",
        ),
        Misconception(
            "keyword-other-sense",
            same_keyword_other_sense,
            "picked the sentence with the word python in its other sense",
            "The snake sentence shares the key word, but the query is about code. A shared word "
            "with another meaning can land far away; compute the cosines and take the largest.",
            revisit="emb.semantic-space#nearest-neighbours",
        ),
        Misconception(
            "least-similar",
            least_similar,
            "took the least similar sentence: sorted the cosines from low to high",
            "np.argsort sorts from low to high, so its first index is the least similar "
            "sentence. Use np.argsort(-sims) or np.argmax(sims).",
            revisit="emb.semantic-space#nearest-neighbours",
        ),
    ]
    hints = [
        "q = model.encode(['My Python code will not start.'])[0]; the rows of E and q have "
        "length 1, so E @ q holds the ten cosines.",
        "The nearest neighbour is the sentence with the largest cosine: np.argmax(E @ q).",
    ]


# The variants are graded like a learner's file, so each is self-contained.
def top_k_raw_dot(E, i, k):
    sims = E @ E[i]
    sims[i] = -np.inf
    return np.argsort(-sims)[:k]


def top_k_self_included(E, i, k):
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    return np.argsort(-(U @ U[i]))[:k]


def top_k_ascending(E, i, k):
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    order = np.argsort(U @ U[i])
    return order[order != i][:k]


def top_k_last_k(E, i, k):
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    sims = U @ U[i]
    sims[i] = -np.inf
    return np.argsort(sims)[-k:]


def top_k_raw_distance(E, i, k):
    distances = np.linalg.norm(E - E[i], axis=1)
    distances[i] = np.inf
    return np.argsort(distances)[:k]


def top_k_unsorted_partition(E, i, k):
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    sims = U @ U[i]
    sims[i] = -np.inf
    return np.argpartition(-sims, k)[:k]


def top_k_columns_normalised(E, i, k):
    U = E / np.linalg.norm(E, axis=0, keepdims=True)
    sims = U @ U[i]
    sims[i] = -np.inf
    return np.argsort(-sims)[:k]


def _orderings_are_clear(E, i):
    """Cosines, raw dot products and raw distances to row i, without ties (a float32 solution
    must sort them the same way)."""
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    for scores in (U @ U[i], E @ E[i], np.linalg.norm(E - E[i], axis=1)):
        rest = np.sort(np.delete(scores, i))
        if np.min(np.diff(rest)) < 1e-3:
            return False
    return True


def _case(rng, n, d, k):
    while True:
        lengths = rng.uniform(0.2, 4.0, size=(n, 1))  # rows of very different lengths
        E = rng.normal(size=(n, d)) * lengths
        i = int(rng.integers(n))
        if _orderings_are_clear(E, i):
            return E, i, k


def _spread_case(rng, n, d, k):
    """n rows whose cosines with row i are evenly spaced (about 1.9 / n apart, above float32's
    rounding), of random lengths and directions. Large enough that the k rows np.argpartition
    picks come out unsorted on every CPU (on small inputs, AVX-512 builds return them sorted)."""
    cosines = rng.permutation(np.linspace(-0.95, 0.95, n - 1))
    sideways = rng.normal(size=(n - 1, d - 1))
    sideways /= np.linalg.norm(sideways, axis=1, keepdims=True)
    rows = np.hstack([cosines[:, None], np.sqrt(1 - cosines[:, None] ** 2) * sideways])
    E = np.vstack([np.eye(d)[:1], rows]) * rng.uniform(0.2, 4.0, size=(n, 1))
    rotation = np.linalg.qr(rng.normal(size=(d, d)))[0]
    order = rng.permutation(n)
    return (E @ rotation)[order], int(np.argmin(order)), k


@checkpoint("emb.semantic-space.top-k", concepts=["emb.semantic-space"])
class TopK:
    """Write `top_k(E, i, k)`: the indices of the `k` rows of `E` most similar to row `i` by
    cosine similarity, the most similar first, leaving out row `i` itself. `E` is an `(n, d)`
    array of embeddings whose rows are **not** of length 1 (they come from a model that does
    not normalise). Return a 1-D array (or list) of `k` integers.

    For `E = [[1, 0], [0.9, 0.2], [5, 4], [0, 1], [-1, 0.3]]`, `i = 0` and `k = 2` the answer
    is `[1, 2]`.
    """

    function = "top_k"
    starter = "import numpy as np\n\n\ndef top_k(E, i, k):\n    ...\n"

    def reference(E, i, k):
        E = np.asarray(E, dtype=float)
        lengths = np.sqrt(np.sum(E * E, axis=1))
        sims = [np.sum(E[j] * E[i]) / (lengths[j] * lengths[i]) for j in range(len(E))]
        candidates = [j for j in range(len(E)) if j != i]
        return np.array(sorted(candidates, key=lambda j: -sims[j])[:k], dtype=np.int64)

    def cases(rng):
        return [
            _case(rng, 6, 3, 2),
            _case(rng, 8, 4, 3),
            _case(rng, 10, 5, 3),
            _case(rng, 12, 8, 4),
            _case(rng, 15, 6, 5),  # hidden
            _spread_case(rng, 1000, 8, 400),  # hidden
        ]

    edge_cases = [
        (np.array([[1.0, 0.0], [0.9, 0.2], [5.0, 4.0], [0.0, 1.0], [-1.0, 0.3]]), 0, 2),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "raw-dot",
            top_k_raw_dot,
            "ranked by the raw dot product, so long rows win whatever their direction",
            "E @ E[i] is a cosine only when every row has length 1, and these rows do not. "
            "Divide each row by its length first: U = E / np.linalg.norm(E, axis=1, "
            "keepdims=True), then rank U @ U[i].",
            revisit="emb.semantic-space#scores-above-1-and-the-long-vector-that-wins",
        ),
        Misconception(
            "self-included",
            top_k_self_included,
            "kept row i itself, which is always its own nearest neighbour",
            "Every row has cosine 1 with itself, the largest possible, so row i comes first. "
            "Leave it out: set its score to -np.inf before sorting, or drop i from the order.",
            revisit="emb.semantic-space#nearest-neighbours",
        ),
        Misconception(
            "ascending",
            top_k_ascending,
            "returned the least similar rows: np.argsort sorts from low to high",
            "np.argsort puts the smallest cosine first. Sort the negated scores, "
            "np.argsort(-sims), so the most similar come first.",
            revisit="emb.semantic-space#nearest-neighbours",
        ),
        Misconception(
            "last-k-unreversed",
            top_k_last_k,
            "returned the right k rows, but the least similar of them first",
            "np.argsort(sims)[-k:] holds the k most similar rows, in increasing order of "
            "similarity. Reverse it ([::-1]) or sort the negated scores.",
            revisit="emb.semantic-space#nearest-neighbours",
        ),
        Misconception(
            "unsorted-partition",
            top_k_unsorted_partition,
            "returned the right k rows from np.argpartition, but not sorted",
            "np.argpartition(-sims, k)[:k] holds the k most similar rows in no guaranteed "
            "order (on a small input it may happen to come out sorted). Sort those k by their "
            "scores: best[np.argsort(-sims[best])].",
            revisit="np.tensors#index-arrays-and-the-top-k",
        ),
        Misconception(
            "raw-distance",
            top_k_raw_distance,
            "ranked by Euclidean distance between the raw rows",
            "Distance and cosine agree only for rows of length 1. Here a row that points the "
            "same way but is longer is far away in distance and close in angle. Normalise the "
            "rows first, or rank by cosine.",
            revisit="emb.semantic-space#scores-above-1-and-the-long-vector-that-wins",
        ),
        Misconception(
            "columns-normalised",
            top_k_columns_normalised,
            "divided by the length of each column (axis=0) instead of each row",
            "np.linalg.norm(E, axis=0) gives one length per feature, a column. Each embedding "
            "is a row and must be divided by its own length: np.linalg.norm(E, axis=1, "
            "keepdims=True).",
            revisit="emb.semantic-space#scores-above-1-and-the-long-vector-that-wins",
        ),
    ]
    hints = [
        "Normalise first: U = E / np.linalg.norm(E, axis=1, keepdims=True); then sims = U @ U[i] "
        "holds every cosine with row i.",
        "Set sims[i] = -np.inf so row i cannot be chosen, then np.argsort(-sims)[:k].",
    ]


_SCORE_OPTIONS = [
    "Passage B answers the question better, since 0.85 is more than 0.62.",
    "There is a 62% chance that passage A answers the question.",
    "Passage A is 62% similar to the question.",
    "Nothing about A against B yet: score both passages with the same model and compare.",
]


def across_models():
    return _SCORE_OPTIONS[0]


def as_probability():
    return _SCORE_OPTIONS[1]


def as_percentage():
    return _SCORE_OPTIONS[2]


@checkpoint("emb.semantic-space.reading-scores", concepts=["emb.semantic-space"], kind="choice")
class ReadingScores:
    """You embed a question and passage A with MiniLM: their cosine similarity is 0.62. A
    colleague embeds the same question and passage B with another embedding model: cosine
    0.85. What can you conclude?

    a) Passage B answers the question better, since 0.85 is more than 0.62.
    b) There is a 62% chance that passage A answers the question.
    c) Passage A is 62% similar to the question.
    d) Nothing about A against B yet: score both passages with the same model and compare.

    Set `answer` to the letter of your choice.
    """

    options = _SCORE_OPTIONS

    def solve():
        return _SCORE_OPTIONS[3]

    misconceptions = [
        Misconception(
            "across-models",
            across_models,
            "compared scores from two different models",
            "Each model spreads its scores its own way: over the course's passages, MiniLM puts "
            "95% of the pairs below 0.36, and averaged token vectors put 95% above 0.67. Scores "
            "are comparable only within one model: score A and B with the same model, then "
            "compare.",
            revisit="emb.semantic-space#what-a-score-does-not-mean",
        ),
        Misconception(
            "as-probability",
            as_probability,
            "read the cosine as a probability",
            "A cosine is the cosine of an angle between two vectors. It can be negative, and "
            "nothing makes it a chance of anything; only its rank among other scores of the "
            "same model tells you something.",
            revisit="emb.semantic-space#what-a-score-does-not-mean",
        ),
        Misconception(
            "as-percentage",
            as_percentage,
            'read the cosine as "percent similar"',
            "0.62 is the cosine of an angle of about 52 degrees, not a share of anything. With "
            "MiniLM, only about one pair of ML passages in 500 reaches 0.6: what a score means "
            "depends on how the model spreads its scores.",
            revisit="emb.semantic-space#what-a-score-does-not-mean",
        ),
    ]
    hints = [
        "Would the same pair of texts get the same score from two different models?",
        "Scores from one model can be ranked against each other; scores from two models cannot.",
    ]
