"""The checkpoints of lesson 09-embeddings-rag/08 (rag.hybrid-rerank) grade real submissions
right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader
from tests.grade.submissions import (
    Code,
    Typed,
    assert_code_verdict,
    assert_typed_verdict,
    submission_id,
)

BM25 = "rag.hybrid-rerank.bm25-score"
ADD = "rag.hybrid-rerank.add-scores"

TYPED = [
    Typed(BM25, "2.49", True),
    Typed(BM25, "2.4895", True),
    Typed(BM25, "2.489", True),
    Typed(BM25, "answer = 2.49", True),
    Typed(BM25, "3.40", False, "length-ignored"),
    Typed(BM25, "11.53", False, "no-saturation"),
    Typed(BM25, "1.08", False, "log10"),
    Typed(BM25, "2.31", False, "idf-without-one"),
    Typed(BM25, "6.22", False, "k1-plus-one"),
    Typed(BM25, "2.5", False, None),
    # IDFs to 2 decimals and fractions to 3 (2.4906): within the stated precision.
    Typed(BM25, "2.4906", True),
    # Each word's fraction rounded to 2 decimals (2.5091): the prompt warns against it.
    Typed(BM25, "2.51", False, None),
    Typed(BM25, "2,49", False, None, "decimal point"),
    Typed(ADD, "a", True),
    Typed(ADD, "A", True),
    Typed(ADD, " (a) ", True),
    Typed(ADD, "a)", True),
    Typed(
        ADD,
        "BM25's scores spread far wider than the cosines, so the sum ranks the passages almost "
        "as BM25 alone would",
        True,
    ),
    Typed(ADD, "b", False, "negative-cosines"),
    Typed(ADD, "c", False, "double-counting"),
    Typed(ADD, "d", False, "only-probabilities"),
]

RRF = "rag.hybrid-rerank.rrf"

CODE = [
    # SciPy's ranks (1 for the smallest, so rank the negated scores), as floats.
    Code(
        RRF,
        "from scipy.stats import rankdata\n"
        "def rrf(scores, k=60):\n"
        "    return sum(1 / (k + rankdata(-np.asarray(s))) for s in scores)\n",
        True,
    ),
    # Plain Python: sort the ids by score, enumerate from 1, a list back.
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    n = len(scores[0])\n"
        "    fused = [0.0] * n\n"
        "    for s in scores:\n"
        "        by_score = sorted(range(n), key=lambda d: s[d], reverse=True)\n"
        "        for rank, d in enumerate(by_score, start=1):\n"
        "            fused[d] += 1.0 / (k + rank)\n"
        "    return fused\n",
        True,
    ),
    # All retrievers at once: a double argsort along axis 1, in float32.
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    S = np.vstack(scores)\n"
        "    R = np.argsort(np.argsort(-S, axis=1), axis=1) + 1\n"
        "    return (1 / (np.float32(k) + R.astype(np.float32))).sum(axis=0)\n",
        True,
    ),
    # The inverse permutation by assignment, and a rank counted as 1 + how many score higher.
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    total = np.zeros(len(scores[0]))\n"
        "    for s in scores:\n"
        "        s = np.asarray(s)\n"
        "        rank = 1 + (s[None, :] > s[:, None]).sum(axis=1)\n"
        "        total = total + 1 / (k + rank)\n"
        "    return total\n",
        True,
    ),
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    total = 0\n"
        "    for s in scores:\n"
        "        rank = np.argsort(np.argsort(-s))\n"
        "        total = total + 1 / (k + rank)\n"
        "    return total\n",
        False,
        "ranks-from-zero",
    ),
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    total = 0\n"
        "    for s in scores:\n"
        "        total = total + s\n"
        "    return total\n",
        False,
        "raw-scores",
    ),
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    total = np.zeros(len(scores[0]))\n"
        "    for s in scores:\n"
        "        total += 1 / (k + np.argsort(-s) + 1)\n"
        "    return total\n",
        False,
        "order-as-rank",
    ),
    Code(
        RRF,
        "from scipy.stats import rankdata\n"
        "def rrf(scores, k=60):\n"
        "    return sum(1 / (k + rankdata(s)) for s in scores)\n",
        False,
        "ascending",
    ),
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    return sum(1 / (60 + np.argsort(np.argsort(-s)) + 1) for s in scores)\n",
        False,
        "k-ignored",
    ),
    # Reviewer's submissions. Ascending ranks from scipy turned around (n + 1 - rank).
    Code(
        RRF,
        "from scipy.stats import rankdata\n"
        "def rrf(scores, k=60):\n"
        "    total = 0.0\n"
        "    for s in scores:\n"
        "        rank = len(s) + 1 - rankdata(s, method='max')\n"
        "        total = total + 1.0 / (k + rank)\n"
        "    return total\n",
        True,
    ),
    # Ranks by binary search in the sorted scores, accumulated in float32.
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    total = np.zeros(len(scores[0]), dtype=np.float32)\n"
        "    for s in scores:\n"
        "        s = np.asarray(s)\n"
        "        rank = len(s) - np.searchsorted(np.sort(s), s)\n"
        "        total += np.float32(1) / (np.float32(k) + rank.astype(np.float32))\n"
        "    return total\n",
        True,
    ),
    # A dict keyed by passage, (id, score) pairs sorted by score, a list back.
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    fused = {}\n"
        "    for s in scores:\n"
        "        ranked = sorted(enumerate(s), key=lambda pair: -pair[1])\n"
        "        for rank, (d, _) in enumerate(ranked):\n"
        "            fused[d] = fused.get(d, 0) + 1 / (k + rank + 1)\n"
        "    return [fused[d] for d in range(len(scores[0]))]\n",
        True,
    ),
    # The mean over retrievers: the same ranking, not the RRF score.
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    R = [np.argsort(np.argsort(-np.asarray(s))) + 1 for s in scores]\n"
        "    return np.mean([1 / (k + r) for r in R], axis=0)\n",
        False,
        "averaged",
    ),
    # k times the rank instead of k plus the rank.
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    total = 0\n"
        "    for s in scores:\n"
        "        rank = np.argsort(np.argsort(-np.asarray(s))) + 1\n"
        "        total = total + 1 / (k * rank)\n"
        "    return total\n",
        False,
        None,
    ),
    # The fused ranking (ids best first) handed back instead of the fused scores.
    Code(
        RRF,
        "def rrf(scores, k=60):\n"
        "    fused = sum(1 / (k + np.argsort(np.argsort(-s)) + 1) for s in scores)\n"
        "    return np.argsort(-fused)\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
