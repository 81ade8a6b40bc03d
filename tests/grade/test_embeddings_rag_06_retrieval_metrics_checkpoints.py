"""The checkpoints of lesson 09-embeddings-rag/06 (rag.dense-retrieval) grade real submissions
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

NDCG = "rag.dense-retrieval.ndcg"

TYPED = [
    Typed(NDCG, "0.575", True),
    Typed(NDCG, ".5751", True),
    Typed(NDCG, "0.57509", True),
    Typed(NDCG, "57.5%", True),
    Typed(NDCG, "answer = 0.575", True),
    Typed(NDCG, "5.751e-1", True),
    Typed(NDCG, "3.2737/5.6925", True),
    Typed(NDCG, "3.274", False, "unnormalised"),
    Typed(NDCG, "0.6875", False, "ideal-from-returned"),
    Typed(NDCG, "0.523", False, "exponential-gain"),
    Typed(NDCG, "0.636", False, "discount-off-by-one"),
    Typed(NDCG, "0.45", False, None),
    # Two decimals where three are asked for.
    Typed(NDCG, "0.58", False, None, "3 decimal places"),
    # The returned grades read as already sorted: the DCG of 3, 2, 1, 0, 0 over the ideal.
    Typed(NDCG, "0.8365", False, None),
]

RECALL = "rag.dense-retrieval.recall-at-k"
MRR = "rag.dense-retrieval.mrr"

CODE = [
    # NumPy: np.isin on each cut ranking.
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    hits = [np.isin(r[:k], rel).any() for r, rel in zip(rankings, relevant)]\n"
        "    return float(np.mean(hits))\n",
        True,
    ),
    # The rank of the first relevant passage, counted from 1, compared with k; float32 result.
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    hits = []\n"
        "    for ranking, rel in zip(rankings, relevant):\n"
        "        ranks = [ranking.index(p) + 1 for p in rel if p in ranking]\n"
        "        hits.append(bool(ranks) and min(ranks) <= k)\n"
        "    return np.float32(sum(hits) / len(hits))\n",
        True,
    ),
    # Positions from 0, compared with < k; a running count.
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    count = 0\n"
        "    for ranking, rel in zip(rankings, relevant):\n"
        "        for position, passage in enumerate(ranking):\n"
        "            if position < k and passage in set(rel):\n"
        "                count += 1\n"
        "                break\n"
        "    return count / len(rankings)\n",
        True,
    ),
    # any() over a generator, mean with statistics.fmean.
    Code(
        RECALL,
        "import statistics\n"
        "def recall_at_k(rankings, relevant, k):\n"
        "    return statistics.fmean(\n"
        "        any(p in rel for p in r[:k]) for r, rel in zip(rankings, relevant)\n"
        "    )\n",
        True,
    ),
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    pairs = zip(rankings, relevant)\n"
        "    return np.mean([len(set(r[:k]) & set(rel)) / k for r, rel in pairs])\n",
        False,
        "precision",
    ),
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    return np.mean([np.isin(rel, r[:k]).mean() for r, rel in zip(rankings, relevant)])\n",
        False,
        "fraction-found",
    ),
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    pairs = zip(rankings, relevant)\n"
        "    return np.mean([np.isin(r[: k + 1], rel).any() for r, rel in pairs])\n",
        False,
        "k-plus-one",
    ),
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    return np.mean([np.isin(r, rel).any() for r, rel in zip(rankings, relevant)])\n",
        False,
        "whole-list",
    ),
    # Ranks from 1 and a break once past k; a plain float division.
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    n = 0\n"
        "    for ranking, rel in zip(rankings, relevant):\n"
        "        for rank, p in enumerate(ranking, start=1):\n"
        "            if rank > k:\n"
        "                break\n"
        "            if p in rel:\n"
        "                n += 1\n"
        "                break\n"
        "    return n / len(rankings)\n",
        True,
    ),
    # set.isdisjoint, float32 array, its mean.
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    pairs = zip(rankings, relevant)\n"
        "    hits = [not set(r[:k]).isdisjoint(rel) for r, rel in pairs]\n"
        "    out = np.array(hits, dtype=np.float32)\n"
        "    return out.mean()\n",
        True,
    ),
    # The rank of the first relevant passage, inf when there is none, compared with k.
    Code(
        RECALL,
        "import math\n"
        "def recall_at_k(rankings, relevant, k):\n"
        "    def first(r, rel):\n"
        "        return min((i + 1 for i, p in enumerate(r) if p in rel), default=math.inf)\n"
        "    ranks = np.array([first(r, rel) for r, rel in zip(rankings, relevant)])\n"
        "    return np.mean(ranks <= k)\n",
        True,
    ),
    # Ranks from 1 compared with < k: only k - 1 passages kept.
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    hits = 0\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        for rank, p in enumerate(r, start=1):\n"
        "            if rank < k and p in rel:\n"
        "                hits += 1\n"
        "                break\n"
        "    return hits / len(rankings)\n",
        False,
        "k-minus-one",
    ),
    # Every relevant passage required in the top k.
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    return np.mean([set(rel) <= set(r[:k]) for r, rel in zip(rankings, relevant)])\n",
        False,
        "all-found",
    ),
    # The count of questions with a hit, not the share.
    Code(
        RECALL,
        "def recall_at_k(rankings, relevant, k):\n"
        "    return float(sum(np.isin(r[:k], rel).any() for r, rel in zip(rankings, relevant)))\n",
        False,
        None,
    ),
    # next() with a default of 0, ranks from 1.
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    rr = [\n"
        "        next((1 / rank for rank, p in enumerate(r, start=1) if p in rel), 0.0)\n"
        "        for r, rel in zip(rankings, relevant)\n"
        "    ]\n"
        "    return sum(rr) / len(rr)\n",
        True,
    ),
    # NumPy positions of the relevant passages; float32 result.
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    scores = np.zeros(len(rankings), dtype=np.float32)\n"
        "    for i, (r, rel) in enumerate(zip(rankings, relevant)):\n"
        "        hits = np.flatnonzero(np.isin(r, rel))\n"
        "        if hits.size:\n"
        "            scores[i] = 1 / (hits[0] + 1)\n"
        "    return scores.mean()\n",
        True,
    ),
    # Exact fractions, and the best rank over the relevant passages found.
    Code(
        MRR,
        "from fractions import Fraction\n"
        "def mrr(rankings, relevant):\n"
        "    total = Fraction(0)\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        found = [r.index(p) + 1 for p in rel if p in r]\n"
        "        if found:\n"
        "            total += Fraction(1, min(found))\n"
        "    return float(total / len(rankings))\n",
        True,
    ),
    # A while loop over positions; float32 result.
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    s = []\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        i = 0\n"
        "        while i < len(r) and r[i] not in rel:\n"
        "            i += 1\n"
        "        s.append(1 / (i + 1) if i < len(r) else 0)\n"
        "    return np.float32(np.mean(s))\n",
        True,
    ),
    # np.argmax, guarded by any().
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    rr = []\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        hit = np.isin(np.array(r), np.array(rel))\n"
        "        rr.append(1.0 / (np.argmax(hit) + 1) if hit.any() else 0.0)\n"
        "    return float(np.mean(rr))\n",
        True,
    ),
    # No break: every relevant passage in the list adds its 1 / rank.
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    total = 0.0\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        for rank, p in enumerate(r, start=1):\n"
        "            if p in rel:\n"
        "                total += 1 / rank\n"
        "    return total / len(rankings)\n",
        False,
        "every-relevant-summed",
    ),
    # np.argmax without checking for a hit: a question with none scores 1.
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    rr = [1 / (np.argmax(np.isin(r, rel)) + 1) for r, rel in zip(rankings, relevant)]\n"
        "    return float(np.mean(rr))\n",
        False,
        "argmax-no-hit",
    ),
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    rr = []\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        hits = np.flatnonzero(np.isin(r, rel))\n"
        "        if hits.size:\n"
        "            rr.append(1 / (hits[0] + 1))\n"
        "    return float(np.mean(rr))\n",
        False,
        "answered-only",
    ),
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    total = 0.0\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        hits = np.flatnonzero(np.isin(r, rel))\n"
        "        if hits.size:\n"
        "            total += 1 / (hits[-1] + 1)\n"
        "    return total / len(rankings)\n",
        False,
        "last-relevant",
    ),
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    total = 0.0\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        hits = np.flatnonzero(np.isin(r, rel))\n"
        "        if hits.size:\n"
        "            total += np.mean(1 / (hits + 1))\n"
        "    return total / len(rankings)\n",
        False,
        "all-relevant",
    ),
    # Ranks from 0 with Python's list.index: the top hit raises ZeroDivisionError.
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    total = 0.0\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        found = [r.index(p) for p in rel if p in r]\n"
        "        if found:\n"
        "            total += 1 / min(found)\n"
        "    return total / len(rankings)\n",
        False,
        "zero-based",
    ),
    # Ranks from 0 with NumPy integers: 1 / 0 is inf (with a warning), not an exception.
    Code(
        MRR,
        "def mrr(rankings, relevant):\n"
        "    total = 0.0\n"
        "    for r, rel in zip(rankings, relevant):\n"
        "        hits = np.flatnonzero(np.isin(r, rel))\n"
        "        if hits.size:\n"
        "            with np.errstate(divide='ignore'):\n"
        "                total += 1 / hits[0]\n"
        "    return total / len(rankings)\n",
        False,
        "zero-based-numpy",
        "inf",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
