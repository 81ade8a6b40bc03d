"""The checkpoints of lesson 09-embeddings-rag/07 (rag.chunking) grade real submissions right.

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

CHUNK = "rag.chunking.chunk"
COUNT = "rag.chunking.count"
PAIRED = "eval.metric-uncertainty.paired"

TYPED = [
    Typed(COUNT, "22", True),
    Typed(COUNT, "22.0", True),
    Typed(COUNT, "answer = 22", True),
    Typed(COUNT, "17", False, "ignored-overlap"),
    Typed(COUNT, "64", False, "step-is-overlap"),
    Typed(COUNT, "21", False, "lost-tail"),
    Typed(COUNT, "23", False, "extra-tail"),
    Typed(COUNT, "20", False, None),
    Typed(PAIRED, "a", True),
    Typed(PAIRED, "A", True),
    Typed(PAIRED, "(a)", True),
    Typed(
        PAIRED,
        "Draw 40 question indices with replacement, compute both chunkings' recall@5 on those "
        "same questions and take the difference; repeat 10,000 times and take the 2.5th and "
        "97.5th percentiles of the differences.",
        True,
    ),
    Typed(PAIRED, "b", False, "unpaired"),
    Typed(PAIRED, "c", False, "overlapping-intervals"),
    Typed(PAIRED, "d", False, "no-uncertainty"),
]

CODE = [
    # The number of chunks first, then a comprehension.
    Code(
        CHUNK,
        "import math\n"
        "def chunk(text, size, overlap):\n"
        "    n, step = len(text), size - overlap\n"
        "    count = 1 if n <= size else 1 + math.ceil((n - size) / step)\n"
        "    return [(i * step, min(i * step + size, n)) for i in range(count)]\n",
        True,
    ),
    # range() whose stop leaves out every start that would lie inside the previous chunk.
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    n, step = len(text), size - overlap\n"
        "    return [(s, min(s + size, n)) for s in range(0, max(n - overlap, 1), step)]\n",
        True,
    ),
    # An integer array of shape (chunks, 2).
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    n, step = len(text), size - overlap\n"
        "    starts = np.arange(0, max(n - overlap, 1), step)\n"
        "    return np.stack([starts, np.minimum(starts + size, n)], axis=1)\n",
        True,
    ),
    # A while loop over the end of the chunk, lists instead of tuples.
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    spans, start, end = [], 0, 0\n"
        "    while end < len(text):\n"
        "        end = min(start + size, len(text))\n"
        "        spans.append([start, end])\n"
        "        start = end - overlap\n"
        "    return spans\n",
        True,
    ),
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    return [(s, min(s + size, len(text))) for s in range(0, len(text), size)]\n",
        False,
        "no-overlap",
    ),
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    spans = []\n"
        "    for start in range(0, len(text), overlap):\n"
        "        spans.append((start, min(start + size, len(text))))\n"
        "        if start + size >= len(text):\n"
        "            break\n"
        "    return spans\n",
        False,
        "step-is-overlap",
    ),
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    step = size - overlap\n"
        "    return [(s, s + size) for s in range(0, len(text) - size + 1, step)]\n",
        False,
        "lost-tail",
    ),
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    spans = []\n"
        "    for start in range(0, len(text), size - overlap):\n"
        "        spans.append((start, min(start + size, len(text))))\n"
        "    return spans\n",
        False,
        "extra-tail",
    ),
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    n, step = len(text), size - overlap\n"
        "    return [(s, s + size) for s in range(0, max(n - overlap, 1), step)]\n",
        False,
        "end-past-text",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
