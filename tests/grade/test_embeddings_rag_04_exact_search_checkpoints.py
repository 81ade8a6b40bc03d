"""The checkpoints of lesson 09-embeddings-rag/04 (emb.knn) grade real submissions right.

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

TOP_K = "emb.knn.top-k"
WHICH = "emb.knn.which-normalisation"
MEMORY = "emb.knn.index-memory"

TYPED = [
    Typed(WHICH, "a", True),
    Typed(WHICH, "A", True),
    Typed(WHICH, "(a)", True),
    Typed(WHICH, "divide each passage vector by its length", True),
    Typed(WHICH, "b", False, "query-only"),
    Typed(WHICH, "c", False, "sorting"),
    Typed(WHICH, "d", False, "distance"),
    Typed(MEMORY, "7.68", True),
    Typed(MEMORY, "7.7", False, None),  # two decimals were asked: 7.7 is off by 0.02
    Typed(MEMORY, "7.680", True),
    Typed(MEMORY, "7.68 ", True),
    Typed(MEMORY, "192/25", True),
    Typed(MEMORY, "15.36", False, "float64"),
    Typed(MEMORY, "1.92", False, "numbers-not-bytes"),
    Typed(MEMORY, "7.15", False, "gibibytes"),
    Typed(MEMORY, "61.44", False, "bits"),
    Typed(MEMORY, "3.84", False, "minilm-dims"),
    Typed(MEMORY, "7680", False, None),  # MB, not GB
    Typed(MEMORY, "7680000000/1e9", True),
    Typed(MEMORY, "7,68", False, None, "decimal point"),
    Typed(MEMORY, "7,680,000,000", False, "bytes-not-gb"),
    Typed(MEMORY, "7.2", False, None),  # GiB to one place
    Typed(WHICH, "Divide each passage vector by its length.", True),
    Typed(WHICH, "b)", False, "query-only"),
]

CODE = [
    # Normalise the rows only (the query's length does not change the order), argpartition
    # then a sort of the k.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)\n"
        "    scores = unit @ query\n"
        "    best = np.argpartition(-scores, k - 1)[:k]\n"
        "    return best[np.argsort(-scores[best])]\n",
        True,
    ),
    # heapq over a list of Python floats, returning a list.
    Code(
        TOP_K,
        "import heapq\n"
        "import math\n"
        "def top_k(query, corpus, k):\n"
        "    qn = math.sqrt(sum(x * x for x in query))\n"
        "    cos = [sum(a * b for a, b in zip(row, query)) / (math.sqrt(sum(a * a for a in row))"
        " * qn) for row in corpus]\n"
        "    return heapq.nlargest(k, range(len(cos)), key=cos.__getitem__)\n",
        True,
    ),
    # float32, einsum for the row norms, a reversed ascending argsort, int32 indices.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    c = np.asarray(corpus, dtype=np.float32)\n"
        "    q = np.asarray(query, dtype=np.float32)\n"
        "    norms = np.sqrt(np.einsum('ij,ij->i', c, c))\n"
        "    cos = (c @ q) / (norms * np.linalg.norm(q))\n"
        "    return np.argsort(cos)[::-1][:k].astype(np.int32)\n",
        True,
    ),
    # Ranking by distance after normalising both: the same order on unit vectors.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.linalg.norm(corpus, axis=1)[:, None]\n"
        "    q = query / np.linalg.norm(query)\n"
        "    return list(np.argsort(np.linalg.norm(unit - q, axis=1))[:k])\n",
        True,
    ),
    # sorted() on (score, index) pairs.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    cos = corpus @ query / np.linalg.norm(corpus, axis=1) / np.linalg.norm(query)\n"
        "    pairs = sorted(zip(cos.tolist(), range(len(cos))), reverse=True)\n"
        "    return [j for _, j in pairs[:k]]\n",
        True,
    ),
    # Reviewer's: the other argpartition idiom, the k largest at the end, then sorted.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    cos = corpus @ query / (np.linalg.norm(corpus, axis=1) * np.linalg.norm(query))\n"
        "    idx = np.argpartition(cos, -k)[-k:]\n"
        "    return idx[np.argsort(cos[idx])[::-1]]\n",
        True,
    ),
    # Reviewer's: float32, einsum for the product and the norms, kth = k (also a valid
    # partition), a stable sort of the k.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    c, q = corpus.astype(np.float32), query.astype(np.float32)\n"
        "    s = np.einsum('nd,d->n', c, q) / np.sqrt(np.einsum('nd,nd->n', c, c))\n"
        "    part = np.argpartition(-s, min(k, len(s) - 1))[:k]\n"
        "    return part[np.argsort(-s[part], kind='stable')]\n",
        True,
    ),
    # Reviewer's: a bounded heap of (cosine, index), pushed and popped one row at a time.
    Code(
        TOP_K,
        "import heapq\n"
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.sqrt((corpus ** 2).sum(axis=1, keepdims=True))\n"
        "    heap = []\n"
        "    for j, c in enumerate(unit @ query):\n"
        "        if len(heap) < k:\n"
        "            heapq.heappush(heap, (c, j))\n"
        "        else:\n"
        "            heapq.heappushpop(heap, (c, j))\n"
        "    return [j for _, j in sorted(heap, reverse=True)]\n",
        True,
    ),
    # Reviewer's: scipy's cosine distance (1 - cosine), smallest first.
    Code(
        TOP_K,
        "from scipy.spatial.distance import cdist\n"
        "def top_k(query, corpus, k):\n"
        "    return np.argsort(cdist(query[None, :], corpus, metric='cosine')[0])[:k]\n",
        True,
    ),
    # Reviewer's: sorted() over the indices with a key.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    s = corpus @ query / np.sqrt(np.einsum('ij,ij->i', corpus, corpus))\n"
        "    return sorted(range(len(s)), key=lambda j: -s[j])[:k]\n",
        True,
    ),
    # Reviewer's: the common idiom np.argpartition(scores, -k)[-k:], left unsorted.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    cos = corpus @ query / (np.linalg.norm(corpus, axis=1) * np.linalg.norm(query))\n"
        "    return np.argpartition(cos, -k)[-k:]\n",
        False,
        "argpartition-last-k-unsorted",
    ),
    # Reviewer's: only the query normalised: the ranking of the plain dot product.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    return np.argsort(-(corpus @ (query / np.linalg.norm(query))))[:k]\n",
        False,
        "not-normalised",
    ),
    # Reviewer's: np.linalg.norm without axis, one number for the whole matrix.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    return np.argsort(-(corpus / np.linalg.norm(corpus) @ query))[:k]\n",
        False,
        "not-normalised",
    ),
    # Reviewer's: the best match skipped, as if it were the query itself.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)\n"
        "    return np.argsort(-(unit @ query))[1 : k + 1]\n",
        False,
        None,
    ),
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n    return np.argsort(-(corpus @ query))[:k]\n",
        False,
        "not-normalised",
    ),
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)\n"
        "    scores = unit @ (query / np.linalg.norm(query))\n"
        "    return np.argpartition(-scores, k - 1)[:k]\n",
        False,
        "argpartition-unsorted",
    ),
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)\n"
        "    return np.argsort(unit @ query)[:k]\n",
        False,
        "ascending",
    ),
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)\n"
        "    return np.argsort(unit @ query)[-k:]\n",
        False,
        "best-last",
    ),
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.linalg.norm(corpus, axis=0)\n"
        "    return np.argsort(-(unit @ query))[:k]\n",
        False,
        "normalised-columns",
    ),
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    return np.argsort(np.linalg.norm(corpus - query, axis=1))[:k]\n",
        False,
        "raw-distance",
    ),
    # One index too many: not a named mistake, but still wrong.
    Code(
        TOP_K,
        "def top_k(query, corpus, k):\n"
        "    unit = corpus / np.linalg.norm(corpus, axis=1, keepdims=True)\n"
        "    return np.argsort(-(unit @ query))[: k + 1]\n",
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
