"""Checkpoints for the lesson "Dense retrieval, measured: recall@k, MRR and nDCG"
(06-retrieval-metrics.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "rag.dense-retrieval"


# The variants are graded like a learner's file, so each is self-contained.
def recall_precision(rankings, relevant, k):
    scores = [len(set(r[:k]) & set(rel)) / k for r, rel in zip(rankings, relevant, strict=True)]
    return sum(scores) / len(scores)


def recall_fraction_found(rankings, relevant, k):
    pairs = zip(rankings, relevant, strict=True)
    scores = [len(set(r[:k]) & set(rel)) / len(set(rel)) for r, rel in pairs]
    return sum(scores) / len(scores)


def recall_k_plus_one(rankings, relevant, k):
    hits = 0
    for r, rel in zip(rankings, relevant, strict=True):
        for position, passage in enumerate(r):
            if position <= k and passage in rel:  # positions count from 0: keeps k + 1
                hits += 1
                break
    return hits / len(rankings)


def recall_k_minus_one(rankings, relevant, k):
    hits = 0
    for r, rel in zip(rankings, relevant, strict=True):
        for rank, passage in enumerate(r, start=1):
            if rank < k and passage in rel:  # ranks count from 1: keeps only k - 1
                hits += 1
                break
    return hits / len(rankings)


def recall_all_found(rankings, relevant, k):
    hits = [set(rel) <= set(r[:k]) for r, rel in zip(rankings, relevant, strict=True)]
    return sum(hits) / len(hits)


def recall_whole_list(rankings, relevant, k):
    hits = [any(p in rel for p in r) for r, rel in zip(rankings, relevant, strict=True)]
    return sum(hits) / len(hits)


def _queries(rng, n, length, pool):
    """n ranked lists of `length` distinct ids from range(pool), and 1-3 relevant ids each."""
    rankings, relevant = [], []
    for _ in range(n):
        rankings.append([int(p) for p in rng.permutation(pool)[:length]])
        size = int(rng.integers(1, 4))
        relevant.append([int(p) for p in rng.choice(pool, size=size, replace=False)])
    return rankings, relevant


@checkpoint(f"{LESSON}.recall-at-k", concepts=["rag.retrieval-eval"])
class RecallAtK:
    """Write `recall_at_k(rankings, relevant, k)`: the recall@k of a retriever over a set of
    questions, as the hit rate. `rankings` is a list with one ranked list of passage ids per
    question, best first; `relevant` is a list with, for each question, the ids of its relevant
    passages (at least one). A question scores 1 when at least one of its relevant passages is
    among its first `k` retrieved passages, and 0 otherwise; return the mean over all questions.
    """

    function = "recall_at_k"
    starter = "def recall_at_k(rankings, relevant, k):\n    ...\n"

    def reference(rankings, relevant, k):
        hits = 0
        for ranking, rel in zip(rankings, relevant, strict=True):
            if set(ranking[:k]) & set(rel):
                hits += 1
        return hits / len(rankings)

    def cases(rng):
        out = []
        for n, k in [(5, 3), (6, 2), (8, 5), (7, 1), (9, 4), (6, 3)]:
            rankings, relevant = _queries(rng, n, 8, 14)
            out.append((rankings, relevant, k))
        return out

    edge_cases = [
        # question 0: two relevant passages, both in the top 3; question 1: its relevant
        # passage at rank 4, just past k; question 2: nothing relevant retrieved at all.
        ([[7, 2, 5, 9, 1], [3, 8, 6, 4, 0], [1, 0, 3, 2, 6]], [[2, 5], [4], [9]], 3),
        ([[4, 1, 2], [0, 6, 5], [2, 3, 1], [5, 4, 3]], [[1, 9], [5], [2, 8], [7]], 2),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "precision",
            recall_precision,
            "divided the relevant passages found by k, the retrieved set: that is precision@k",
            "Recall asks whether the relevant set was reached, so k does not belong in the "
            "denominator: with one relevant passage and k = 10, a perfect hit would score 0.1. "
            "Score each question 1 if any relevant passage is in its top k, else 0.",
            revisit=f"{LESSON}#when-the-numbers-look-too-good-or-too-bad",
        ),
        Misconception(
            "fraction-found",
            recall_fraction_found,
            "computed the fraction of each question's relevant passages found in the top k, the "
            "other definition of recall@k, where this checkpoint asks for the hit rate",
            "Both definitions are in use; this one asks for the hit rate: a question scores 1 as "
            "soon as one of its relevant passages is in the top k, however many it has.",
            revisit=f"{LESSON}#recallk-is-a-relevant-passage-in-the-top-k",
        ),
        Misconception(
            "k-plus-one",
            recall_k_plus_one,
            "kept k + 1 passages: positions counted from 0 and compared with <= k",
            "Python positions start at 0, so the top k are positions 0 to k - 1: ranking[:k], "
            "or position < k.",
            revisit=f"{LESSON}#dense-retrieval-embed-score-rank",
            fix="ranking[:k]",
        ),
        Misconception(
            "k-minus-one",
            recall_k_minus_one,
            "kept k - 1 passages: ranks counted from 1 and compared with < k",
            "With ranks from 1 the top k are ranks 1 to k, so compare with rank <= k (or, with "
            "Python positions from 0, take ranking[:k]).",
            revisit=f"{LESSON}#dense-retrieval-embed-score-rank",
            fix="rank <= k",
        ),
        Misconception(
            "all-found",
            recall_all_found,
            "scored a question 1 only when all of its relevant passages are in the top k",
            "One relevant passage in the top k is enough for a hit: a question scores 1 as soon "
            "as any of its relevant passages is there.",
            revisit=f"{LESSON}#recallk-is-a-relevant-passage-in-the-top-k",
        ),
        Misconception(
            "whole-list",
            recall_whole_list,
            "looked for a relevant passage in the whole ranking, not only in its first k",
            "recall@k only counts the first k passages, the ones that would be handed to the "
            "generator: cut each ranking at k before looking.",
            revisit=f"{LESSON}#recallk-is-a-relevant-passage-in-the-top-k",
        ),
    ]
    hints = [
        "For one question: is any id of ranking[:k] also in its relevant list? That is 1 or 0.",
        "Add those up over all questions and divide by the number of questions, all of them.",
    ]


def mrr_answered_only(rankings, relevant):
    scores = []
    for r, rel in zip(rankings, relevant, strict=True):
        for position, passage in enumerate(r):
            if passage in rel:
                scores.append(1 / (position + 1))
                break
    return sum(scores) / len(scores)  # only the questions with a hit


def mrr_last_relevant(rankings, relevant):
    total = 0.0
    for r, rel in zip(rankings, relevant, strict=True):
        found = [position + 1 for position, passage in enumerate(r) if passage in rel]
        if found:
            total += 1 / found[-1]
    return total / len(rankings)


def mrr_all_relevant(rankings, relevant):
    total = 0.0
    for r, rel in zip(rankings, relevant, strict=True):
        found = [1 / (position + 1) for position, passage in enumerate(r) if passage in rel]
        if found:
            total += sum(found) / len(found)
    return total / len(rankings)


def mrr_every_relevant_summed(rankings, relevant):
    total = 0.0
    for r, rel in zip(rankings, relevant, strict=True):
        for rank, passage in enumerate(r, start=1):
            if passage in rel:
                total += 1 / rank  # no break: later relevant passages are added too
    return total / len(rankings)


def mrr_argmax_no_hit(rankings, relevant):
    scores = [
        1 / (np.argmax(np.isin(r, rel)) + 1) for r, rel in zip(rankings, relevant, strict=True)
    ]
    return float(np.mean(scores))  # np.argmax of an all-False array is 0


def mrr_zero_based_numpy(rankings, relevant):
    total = 0.0
    for r, rel in zip(rankings, relevant, strict=True):
        hits = np.flatnonzero(np.isin(r, rel))
        if hits.size:
            with np.errstate(divide="ignore"):
                total += 1 / hits[0]  # a NumPy integer 0: 1 / 0 is inf, not an error
    return total / len(rankings)


def mrr_zero_based(rankings, relevant):
    total = 0.0
    for r, rel in zip(rankings, relevant, strict=True):
        for position, passage in enumerate(r):
            if passage in rel:
                total += 1 / position  # rank counted from 0: the top hit divides by zero
                break
    return total / len(rankings)


@checkpoint(f"{LESSON}.mrr", concepts=["rag.retrieval-eval"])
class MeanReciprocalRank:
    """Write `mrr(rankings, relevant)`: the mean reciprocal rank of a retriever over a set of
    questions. `rankings` is a list with one ranked list of passage ids per question, best
    first, already cut off at the length the retriever returns; `relevant` is a list with, for
    each question, the ids of its relevant passages. A question's reciprocal rank is $1/r$,
    where $r$ is the rank of its first relevant passage (the top passage has rank 1), or 0 when
    none of its relevant passages is in its list. Return the mean over all questions.
    """

    function = "mrr"
    starter = "def mrr(rankings, relevant):\n    ...\n"

    def reference(rankings, relevant):
        total = 0.0
        for ranking, rel in zip(rankings, relevant, strict=True):
            for rank, passage in enumerate(ranking, start=1):
                if passage in rel:
                    total += 1 / rank
                    break
        return total / len(rankings)

    def cases(rng):
        out = []
        for n, length in [(5, 4), (6, 6), (8, 5), (7, 3), (9, 6), (6, 5)]:
            out.append(_queries(rng, n, length, 12))
        return out

    edge_cases = [
        # question 0: relevant at ranks 2 and 4; question 1: at rank 1; question 2: none.
        ([[6, 1, 8, 3, 0], [4, 7, 2, 5, 9], [0, 2, 6, 5, 8]], [[1, 3], [4], [7]]),
        ([[3, 0, 2], [1, 5, 4], [8, 6, 7], [2, 9, 1]], [[2, 0], [6], [6, 7], [1, 9]]),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "answered-only",
            mrr_answered_only,
            "averaged over only the questions with a relevant passage in their list, dropping "
            "the zeros",
            "A question whose list holds no relevant passage scores 0, and it still counts: "
            "divide by the number of all questions. Skipping them makes a retriever that finds "
            "little look good.",
            revisit=f"{LESSON}#when-the-numbers-look-too-good-or-too-bad",
        ),
        Misconception(
            "last-relevant",
            mrr_last_relevant,
            "used the rank of the last relevant passage in the list, not the first",
            "MRR asks how soon the reader meets a relevant passage: stop at the first one, the "
            "highest in the list.",
            revisit=f"{LESSON}#mrr-how-high-is-the-first-relevant-passage",
        ),
        Misconception(
            "all-relevant",
            mrr_all_relevant,
            "averaged 1/rank over every relevant passage in the list, not only the first",
            "Only the first relevant passage counts in MRR; later ones add nothing and must not "
            "pull the score down. (Rewarding every relevant passage is what average precision "
            "does.)",
            revisit=f"{LESSON}#mrr-how-high-is-the-first-relevant-passage",
        ),
        Misconception(
            "every-relevant-summed",
            mrr_every_relevant_summed,
            "added 1/rank for every relevant passage in the list: the loop does not stop at the "
            "first one",
            "Only the first relevant passage counts in MRR; later ones add nothing. Stop the "
            "loop (break) once the first relevant passage has been scored.",
            revisit=f"{LESSON}#mrr-how-high-is-the-first-relevant-passage",
            fix="break  # right after adding 1 / rank",
        ),
        Misconception(
            "argmax-no-hit",
            mrr_argmax_no_hit,
            "gave a question with no relevant passage in its list the score 1: np.argmax of an "
            "all-False array is 0, as if the top passage were relevant",
            "Check that the question has a hit first (hits.any()); a question with none scores 0.",
            revisit=f"{LESSON}#mrr-how-high-is-the-first-relevant-passage",
        ),
        Misconception(
            "zero-based-numpy",
            mrr_zero_based_numpy,
            "counted ranks from 0, so a relevant passage at the top divides by zero: with a NumPy "
            "integer, 1 / 0 gives inf instead of an error",
            "The top passage has rank 1. With positions from np.flatnonzero, np.argmax or "
            "enumerate, the rank is position + 1.",
            revisit=f"{LESSON}#dense-retrieval-embed-score-rank",
            fix="1 / (position + 1)",
        ),
        Misconception(
            "zero-based",
            mrr_zero_based,
            "counted ranks from 0, so a relevant passage at the top divides by zero",
            "The top passage has rank 1. With Python positions from enumerate or .index, the "
            "rank is position + 1.",
            revisit=f"{LESSON}#dense-retrieval-embed-score-rank",
            fix="1 / (position + 1)",
        ),
    ]
    hints = [
        "For one question, walk its list with enumerate(ranking, start=1) and stop at the first "
        "relevant id: its score is 1 / rank; no relevant id, score 0.",
        "Divide the sum of the scores by the number of questions, all of them.",
    ]


_RETURNED = [1, 0, 3, 0, 2]  # the grades of the five returned passages, rank 1 first
_JUDGED = [3, 2, 2, 1]  # every passage of the corpus with a grade above 0


def _dcg(gains):
    return sum(g / np.log2(rank + 1) for rank, g in enumerate(gains, start=1))


def ndcg_unnormalised():
    return float(sum(g / np.log2(rank + 1) for rank, g in enumerate(_RETURNED, start=1)))


def ndcg_ideal_from_returned():
    def dcg(gains):
        return sum(g / np.log2(rank + 1) for rank, g in enumerate(gains, start=1))

    return float(dcg(_RETURNED) / dcg(sorted(_RETURNED, reverse=True)))


def ndcg_exponential_gain():
    def dcg(gains):
        return sum((2**g - 1) / np.log2(rank + 1) for rank, g in enumerate(gains, start=1))

    return float(dcg(_RETURNED) / dcg(sorted(_JUDGED, reverse=True)[:5]))


def ndcg_discount_off_by_one():
    def dcg(gains):
        return sum(g / np.log2(rank + 2) for rank, g in enumerate(gains, start=1))

    return float(dcg(_RETURNED) / dcg(sorted(_JUDGED, reverse=True)[:5]))


@checkpoint(f"{LESSON}.ndcg", concepts=["rag.retrieval-eval"], kind="numeric")
class NdcgByHand:
    """A retriever returns five passages for a question. Their relevance grades, in the order
    returned (rank 1 first), are 1, 0, 3, 0, 2 (3: answers the question, 0: unrelated). The
    corpus holds one more passage with grade 2 that was not returned; every other passage has
    grade 0. With the gain equal to the grade and the discount $\\log_2(\\text{rank} + 1)$ for
    ranks from 1, what is nDCG@5? Set `answer` to it.
    """

    decimals = 3

    def solve():
        ideal = sorted(_JUDGED, reverse=True)[:5]
        return float(_dcg(_RETURNED) / _dcg(ideal))

    misconceptions = [
        Misconception(
            "unnormalised",
            ndcg_unnormalised,
            "gave the DCG without dividing by the ideal DCG",
            "nDCG is the DCG divided by the DCG of the best possible order, so it lies between "
            "0 and 1.",
            revisit=f"{LESSON}#ndcg-graded-relevance-and-a-log-discount",
        ),
        Misconception(
            "ideal-from-returned",
            ndcg_ideal_from_returned,
            "built the ideal order from the five returned passages only",
            "The ideal order sorts every judged passage of the question, returned or not: the "
            "grade-2 passage the retriever missed belongs in it, and missing it must cost.",
            revisit=f"{LESSON}#ndcg-graded-relevance-and-a-log-discount",
        ),
        Misconception(
            "exponential-gain",
            ndcg_exponential_gain,
            "used the gain 2^grade - 1, where this question asks for the gain equal to the grade",
            "Some libraries use 2^g - 1 to stress the top grades; here the gain of a passage is "
            "its grade itself.",
            revisit=f"{LESSON}#ndcg-graded-relevance-and-a-log-discount",
        ),
        Misconception(
            "discount-off-by-one",
            ndcg_discount_off_by_one,
            "divided by log2(rank + 2): the discount of the next rank",
            "With ranks from 1 the discount is log2(rank + 1), so rank 1 is divided by "
            "log2(2) = 1 and counts fully.",
            revisit=f"{LESSON}#ndcg-graded-relevance-and-a-log-discount",
        ),
    ]
    hints = [
        "DCG: 1/log2(2) + 0 + 3/log2(4) + 0 + 2/log2(6).",
        "The ideal order is every graded passage sorted by grade: 3, 2, 2, 1, 0. Divide the two "
        "DCGs.",
    ]
