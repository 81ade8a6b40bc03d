"""Checkpoints for the lesson "Hybrid retrieval: BM25, dense, and reciprocal rank fusion"
(08-hybrid-retrieval.md)."""

import math

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "rag.hybrid-rerank"


# The variants are graded like a learner's file, so each is self-contained.
def rrf_ranks_from_zero(scores, k=60):
    total = np.zeros(len(scores[0]))
    for s in scores:
        order = np.argsort(-np.asarray(s))
        rank = np.empty(len(s))
        rank[order] = np.arange(len(s))  # 0 for the best: off by one
        total += 1 / (k + rank)
    return total


def rrf_raw_scores(scores, k=60):
    return np.sum(np.asarray(scores, dtype=float), axis=0)  # the scores themselves, added


def rrf_order_as_rank(scores, k=60):
    total = np.zeros(len(scores[0]))
    for s in scores:
        order = np.argsort(-np.asarray(s))  # the ids, best first: not each id's rank
        total += 1 / (k + order + 1)
    return total


def rrf_ascending(scores, k=60):
    total = np.zeros(len(scores[0]))
    for s in scores:
        rank = np.argsort(np.argsort(np.asarray(s))) + 1  # rank 1 for the lowest score
        total += 1 / (k + rank)
    return total


def rrf_averaged(scores, k=60):
    parts = [1 / (k + np.argsort(np.argsort(-np.asarray(s))) + 1) for s in scores]
    return np.mean(parts, axis=0)  # the mean over the retrievers, not the sum


def rrf_k_ignored(scores, k=60):
    total = np.zeros(len(scores[0]))
    for s in scores:
        rank = np.argsort(np.argsort(-np.asarray(s))) + 1
        total += 1 / (60 + rank)  # 60 written in, whatever k was asked for
    return total


def _scores(rng, n, retrievers):
    """BM25-like scores (0 to 12) and cosine-like ones (-0.1 to 0.7), all different."""
    out = [np.round(rng.uniform(0.0, 12.0, size=n), 3)]
    for _ in range(retrievers - 1):
        out.append(np.round(rng.uniform(-0.1, 0.7, size=n), 4))
    return [s + np.arange(n) * 1e-6 for s in out]  # no ties, even after rounding


@checkpoint(f"{LESSON}.rrf", concepts=[LESSON])
class ReciprocalRankFusion:
    """Write `rrf(scores, k=60)`: reciprocal rank fusion. `scores` is a list of 1-D arrays, one
    per retriever, each giving the score of the same $n$ passages (higher is better). No two
    scores within an array are equal, so any way of breaking ties gives the same ranks: you
    need not handle ties. Return a 1-D array of length $n$: passage $d$'s fused score

    $$\\text{RRF}(d) = \\sum_{j} \\frac{1}{k + r_j(d)},$$

    where $r_j(d)$ is the rank of passage $d$ in retriever $j$'s scores, counted from 1 for
    its best passage. Use the `k` you are given.
    """

    function = "rrf"
    starter = "import numpy as np\n\n\ndef rrf(scores, k=60):\n    ...\n"

    def reference(scores, k=60):
        n = len(scores[0])
        total = [0.0] * n
        for s in scores:
            for d in range(n):
                rank = 1 + sum(1 for e in range(n) if s[e] > s[d])
                total[d] += 1 / (k + rank)
        return np.array(total)

    def cases(rng):
        return [
            (_scores(rng, 6, 2), 60),
            (_scores(rng, 8, 3), 60),
            (_scores(rng, 5, 2), 10),
            (_scores(rng, 9, 2), 60),
        ]

    edge_cases = [
        ([np.array([0.2, 0.9, 0.5]), np.array([3.0, 1.0, 7.0])], 60),
        ([np.array([4.1, 0.0, 2.5, 9.3]), np.array([0.12, 0.55, -0.03, 0.31])], 1),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "ranks-from-zero",
            rrf_ranks_from_zero,
            "counted ranks from 0, so the best passage gets 1/k instead of 1/(k + 1)",
            "RRF's ranks start at 1 for the best passage. Positions from np.argsort start at "
            "0: add 1 before dividing.",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
            fix="rank = np.argsort(np.argsort(-s)) + 1",
        ),
        Misconception(
            "raw-scores",
            rrf_raw_scores,
            "added the raw scores instead of fusing ranks",
            "The retrievers' scores live on different scales: added, the larger one decides. "
            "RRF uses only each passage's rank: 1 / (k + rank), summed over retrievers.",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
        ),
        Misconception(
            "order-as-rank",
            rrf_order_as_rank,
            "used np.argsort(-s), the passage ids in order, as if it were each passage's rank",
            "np.argsort(-s) lists passage ids from best to worst: entry 0 is the best "
            "passage's id, not passage 0's rank. The rank of each passage is where its id "
            "sits in that list: np.argsort(np.argsort(-s)) + 1.",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
            fix="rank = np.argsort(np.argsort(-s)) + 1",
        ),
        Misconception(
            "ascending",
            rrf_ascending,
            "ranked from the lowest score up, so the worst passage got rank 1",
            "Higher scores are better: rank 1 goes to the largest score. Sort -s, not s.",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
        ),
        Misconception(
            "averaged",
            rrf_averaged,
            "averaged the retrievers' 1 / (k + rank) instead of adding them",
            "The mean ranks the passages the same way, but it is not the RRF score: RRF adds "
            "1 / (k + rank) over the retrievers, your mean times the number of retrievers. "
            "Use a sum.",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
        ),
        Misconception(
            "k-ignored",
            rrf_k_ignored,
            "used 60 whatever k was given",
            "60 is the usual default, but the function receives k: use it, 1 / (k + rank).",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
        ),
    ]
    hints = [
        "For each retriever, first find every passage's rank: 1 for the highest score.",
        "np.argsort(-s) gives the ids best first; np.argsort of that gives each id's position. "
        "Add 1, then sum 1 / (k + rank) over the retrievers.",
    ]


# The BM25 question: a two-word query against one passage.
_N, _K1, _B = 1000, 1.5, 0.75
_DF = {"argpartition": 2, "array": 250}
_TF = {"argpartition": 1, "array": 4}
_LENGTH, _AVERAGE = 120, 60


def _bm25(idf, tf_part):
    return sum(idf(_DF[t]) * tf_part(_TF[t]) for t in _DF)


def _norm():
    return 1 - _B + _B * _LENGTH / _AVERAGE


def bm25_without_length():
    return _bm25(lambda n: math.log(1 + (_N - n + 0.5) / (n + 0.5)), lambda f: f / (f + _K1))


def bm25_raw_frequency():
    return _bm25(lambda n: math.log(1 + (_N - n + 0.5) / (n + 0.5)), lambda f: f)


def bm25_log10():
    return _bm25(
        lambda n: math.log10(1 + (_N - n + 0.5) / (n + 0.5)),
        lambda f: f / (f + _K1 * _norm()),
    )


def bm25_idf_without_one():
    return _bm25(lambda n: math.log((_N - n + 0.5) / (n + 0.5)), lambda f: f / (f + _K1 * _norm()))


def bm25_k1_plus_one():
    return _bm25(
        lambda n: math.log(1 + (_N - n + 0.5) / (n + 0.5)),
        lambda f: f * (_K1 + 1) / (f + _K1 * _norm()),
    )


@checkpoint(f"{LESSON}.bm25-score", concepts=[LESSON], kind="numeric")
class Bm25Score:
    """A corpus has $N = 1000$ passages. The query is "argpartition array": `argpartition`
    appears in 2 passages, `array` in 250. One passage of 120 words (the average is 60) says
    `argpartition` once and `array` 4 times. What is its BM25 score, with the lesson's formula
    (natural log, $k_1 = 1.5$, $b = 0.75$, no $k_1 + 1$ factor)? Keep at least three decimals
    in the steps: rounding each word's fraction to two moves the score by about 0.02.
    """

    decimals = 2

    def solve():
        return _bm25(
            lambda n: math.log(1 + (_N - n + 0.5) / (n + 0.5)),
            lambda f: f / (f + _K1 * _norm()),
        )

    misconceptions = [
        Misconception(
            "length-ignored",
            bm25_without_length,
            "left out the length normalisation",
            "The passage is twice the average length, so k1 is scaled by "
            "1 - b + b x 120/60 = 1.75: each count is worth less in a long passage.",
            revisit=f"{LESSON}#bm25-word-counts-with-two-corrections",
        ),
        Misconception(
            "no-saturation",
            bm25_raw_frequency,
            "multiplied the IDF by the raw count, with no saturation",
            "BM25's term frequency part is f / (f + k1 (1 - b + b |d|/avg)), which grows ever "
            "more slowly: 4 mentions are not worth 4 times one.",
            revisit=f"{LESSON}#bm25-word-counts-with-two-corrections",
        ),
        Misconception(
            "log10",
            bm25_log10,
            "used log base 10 for the IDF",
            "The IDF uses the natural log, ln (np.log, math.log): log10 makes every IDF 2.303 "
            "times smaller.",
            revisit=f"{LESSON}#bm25-word-counts-with-two-corrections",
        ),
        Misconception(
            "idf-without-one",
            bm25_idf_without_one,
            "left the 1 + out of the IDF's logarithm",
            "The lesson's IDF is ln(1 + (N - n + 0.5) / (n + 0.5)). Without the 1 + (an older "
            "form) a word in more than half the passages gets a negative IDF.",
            revisit=f"{LESSON}#bm25-word-counts-with-two-corrections",
        ),
        Misconception(
            "k1-plus-one",
            bm25_k1_plus_one,
            "used the textbook form with the (k1 + 1) factor",
            "Multiplying by k1 + 1 = 2.5 does not change any ranking, but the question asks for "
            "the lesson's formula, which bm25s computes: leave the factor out.",
            revisit=f"{LESSON}#bm25-word-counts-with-two-corrections",
        ),
    ]
    hints = [
        "First the IDF of each word: ln(1 + (N - n + 0.5) / (n + 0.5)). Then the length "
        "factor 1 - b + b x 120 / 60.",
        "Each word adds IDF x f / (f + 1.5 x 1.75); add the two words' shares.",
    ]


_ADD_OPTIONS = [
    "BM25's scores spread far wider than the cosines, so the sum ranks the passages almost as "
    "BM25 alone would",
    "Cosines can be negative, and a negative term lowers the sum unfairly",
    "A passage that both retrievers rank high is counted twice",
    "BM25 scores are not probabilities, and only probabilities can be added",
]


def add_negative():
    return _ADD_OPTIONS[1]


def add_double_count():
    return _ADD_OPTIONS[2]


def add_probabilities():
    return _ADD_OPTIONS[3]


@checkpoint(f"{LESSON}.add-scores", concepts=[LESSON], kind="choice")
class AddScores:
    """For one question, BM25 scores the passages from 0 to 12.4, with a standard deviation of
    1.1, and the dense retriever's cosines run from $-0.08$ to 0.61, with a standard deviation
    of 0.09. Why is ranking the passages by BM25 score + cosine a poor way to fuse the two?

    a) BM25's scores spread far wider than the cosines, so the sum ranks the passages almost as
       BM25 alone would
    b) Cosines can be negative, and a negative term lowers the sum unfairly
    c) A passage that both retrievers rank high is counted twice
    d) BM25 scores are not probabilities, and only probabilities can be added

    Set `answer` to the letter of your choice.
    """

    options = _ADD_OPTIONS

    def solve():
        return _ADD_OPTIONS[0]

    misconceptions = [
        Misconception(
            "negative-cosines",
            add_negative,
            "blamed the negative cosines",
            "A negative cosine lowers a passage that the dense retriever rates poorly, which is "
            "right. Shifting all cosines by a constant would not change the ranking; their "
            "small scale next to BM25's is the problem.",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
        ),
        Misconception(
            "double-counting",
            add_double_count,
            "thought agreement between the retrievers is counted twice",
            "A passage both retrievers like should come first: every fusion, RRF included, "
            "adds the two contributions. The trouble is that one retriever's contribution is "
            "far larger than the other's.",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
        ),
        Misconception(
            "only-probabilities",
            add_probabilities,
            "thought only probabilities can be added",
            "Any numbers can be added, and RRF adds 1 / (k + rank), which is no probability. "
            "What matters is the scale: BM25's spread is more than ten times the cosines'.",
            revisit=f"{LESSON}#two-scores-cannot-be-added",
        ),
    ]
    hints = [
        "Compare a typical difference between two passages' BM25 scores with the largest "
        "possible difference between two cosines here.",
    ]
