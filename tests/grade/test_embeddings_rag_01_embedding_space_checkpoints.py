"""The checkpoints of lesson 09-embeddings-rag/01 (emb.semantic-space) grade real submissions
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

NEAREST = "emb.semantic-space.nearest"
SCORES = "emb.semantic-space.reading-scores"
TOP_K = "emb.semantic-space.top-k"

TYPED = [
    Typed(NEAREST, "b", True),
    Typed(NEAREST, "B", True),
    Typed(NEAREST, "(b)", True),
    Typed(NEAREST, "I wrote the script in Python.", True),
    Typed(NEAREST, "i wrote the script in python", True),
    Typed(NEAREST, " b) ", True),
    Typed(NEAREST, "a", False, "most-shared-words"),
    # The second nearest, as a learner who drops the top result as if it were the query gets it:
    # the feedback must say so, not only blame shared words.
    Typed(NEAREST, "A", False, "most-shared-words", says="second nearest"),
    Typed(NEAREST, "My laptop will not turn on.", False, "most-shared-words"),
    Typed(NEAREST, "c", False, "keyword-other-sense"),
    Typed(NEAREST, "d", False, "least-similar"),
    Typed(NEAREST, "e", False, None, says="Answer with one of the options"),
    Typed(SCORES, "d", True),
    Typed(SCORES, "D.", True),
    Typed(
        SCORES,
        "Nothing about A against B yet: score both passages with the same model and compare.",
        True,
    ),
    Typed(SCORES, "a", False, "across-models", says="averaged token vectors"),
    Typed(SCORES, "b", False, "as-probability"),
    Typed(SCORES, "c", False, "as-percentage"),
]

CODE = [
    # Loops and plain Python floats, returning a list.
    Code(
        TOP_K,
        "import math\n"
        "def top_k(E, i, k):\n"
        "    def cos(u, v):\n"
        "        dot = sum(a * b for a, b in zip(u, v))\n"
        "        return dot / math.sqrt(sum(a * a for a in u) * sum(b * b for b in v))\n"
        "    scores = [(cos(E[i], row), j) for j, row in enumerate(E) if j != i]\n"
        "    scores.sort(reverse=True)\n"
        "    return [j for _, j in scores[:k]]\n",
        True,
    ),
    # float32, np.argpartition, then a sort of the k that are left.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E.astype(np.float32)\n"
        "    U /= np.linalg.norm(U, axis=1, keepdims=True)\n"
        "    sims = U @ U[i]\n"
        "    sims[i] = -np.inf\n"
        "    best = np.argpartition(-sims, k)[:k]\n"
        "    return best[np.argsort(-sims[best])]\n",
        True,
    ),
    # Euclidean distance between the *normalised* rows ranks exactly as the cosine does.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.sqrt((E ** 2).sum(axis=1))[:, None]\n"
        "    d = np.linalg.norm(U - U[i], axis=1)\n"
        "    order = [j for j in np.argsort(d) if j != i]\n"
        "    return np.array(order[:k])\n",
        True,
    ),
    # Dividing by the row lengths only: the query's length is the same for every row.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    sims = np.einsum('nd,d->n', E, E[i]) / np.linalg.norm(E, axis=1)\n"
        "    order = np.argsort(-sims, kind='stable')\n"
        "    return order[order != i][:k].astype(np.int32)\n",
        True,
    ),
    # The raw dot product: long rows win.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    sims = E @ E[i]\n"
        "    sims[i] = -np.inf\n"
        "    return np.argsort(-sims)[:k]\n",
        False,
        "raw-dot",
    ),
    # Row i is its own best match and was not left out.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.linalg.norm(E, axis=1, keepdims=True)\n"
        "    return list(np.argsort(U @ U[i])[::-1][:k])\n",
        False,
        "self-included",
    ),
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.linalg.norm(E, axis=1, keepdims=True)\n"
        "    sims = U @ U[i]\n"
        "    sims[i] = np.inf\n"
        "    return np.argsort(sims)[:k]\n",
        False,
        "ascending",
    ),
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.linalg.norm(E, axis=1, keepdims=True)\n"
        "    sims = U @ U[i]\n"
        "    sims[i] = -1e9\n"
        "    return np.argsort(sims)[-k:]\n",
        False,
        "last-k-unreversed",
    ),
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    d = np.sqrt(((E - E[i]) ** 2).sum(axis=1))\n"
        "    return [j for j in np.argsort(d) if j != i][:k]\n",
        False,
        "raw-distance",
    ),
    # Normalised the columns instead of the rows.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.linalg.norm(E, axis=0, keepdims=True)\n"
        "    sims = U @ U[i]\n"
        "    sims[i] = -np.inf\n"
        "    return np.argsort(-sims)[:k]\n",
        False,
        "columns-normalised",
    ),
    # Normalised the rows, but compared them with the raw query row: right after all.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.linalg.norm(E, axis=1, keepdims=True)\n"
        "    sims = U @ E[i]\n"
        "    return [int(j) for j in np.argsort(-sims) if j != i][:k]\n",
        True,
    ),
    # scikit-learn's cosine_similarity and heapq.nlargest, returning a tuple.
    Code(
        TOP_K,
        "import heapq\n"
        "from sklearn.metrics.pairwise import cosine_similarity\n"
        "def top_k(E, i, k):\n"
        "    sims = cosine_similarity(E, E[i : i + 1]).ravel()\n"
        "    rest = (j for j in range(len(E)) if j != i)\n"
        "    return tuple(heapq.nlargest(k, rest, key=lambda j: sims[j]))\n",
        True,
    ),
    # SciPy's cosine distance in float32; row i, at distance 0, is first and sliced off.
    Code(
        TOP_K,
        "from scipy.spatial.distance import cdist\n"
        "def top_k(E, i, k):\n"
        "    E = np.asarray(E, dtype=np.float32)\n"
        "    return np.argsort(cdist(E[[i]], E, 'cosine')[0])[1 : k + 1]\n",
        True,
    ),
    # Pure Python with math.fsum and a dict sorted by its values.
    Code(
        TOP_K,
        "import math\n"
        "def top_k(E, i, k):\n"
        "    unit = [[float(x) / math.hypot(*row) for x in row] for row in E]\n"
        "    sims = {j: math.fsum(a * b for a, b in zip(unit[i], u))\n"
        "            for j, u in enumerate(unit) if j != i}\n"
        "    return sorted(sims, key=sims.get, reverse=True)[:k]\n",
        True,
    ),
    # Normalised the query row only: every score shrinks by the same factor, the ranking is the
    # raw dot product's.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    sims = E @ (E[i] / np.linalg.norm(E[i]))\n"
        "    sims[i] = -np.inf\n"
        "    return np.argsort(-sims)[:k]\n",
        False,
        "raw-dot",
    ),
    # Divided by one length for the whole matrix (no axis): the raw dot product again.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.linalg.norm(E)\n"
        "    sims = U @ U[i]\n"
        "    sims[i] = -np.inf\n"
        "    return np.argsort(-sims)[:k]\n",
        False,
        "raw-dot",
    ),
    # np.argpartition without sorting the k it picks: sorted by luck on small inputs on AVX-512
    # builds of NumPy, so the large hidden case catches it on every CPU.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.linalg.norm(E, axis=1, keepdims=True)\n"
        "    sims = U @ U[i]\n"
        "    sims[i] = -np.inf\n"
        "    return np.argpartition(-sims, k)[:k]\n",
        False,
        "unsorted-partition",
    ),
    # Sorted by cosine but counted k from the sorted list before removing row i: one short.
    Code(
        TOP_K,
        "def top_k(E, i, k):\n"
        "    U = E / np.linalg.norm(E, axis=1, keepdims=True)\n"
        "    order = np.argsort(-(U @ U[i]))[:k]\n"
        "    return order[order != i]\n",
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
