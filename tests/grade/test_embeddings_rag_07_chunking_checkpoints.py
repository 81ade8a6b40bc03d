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
    Typed(COUNT, "≈ 22", True),  # reviewer's
    Typed(COUNT, "22.00", True),  # reviewer's
    Typed(COUNT, "24", False, None),  # reviewer's: 10,000 / 450 rounded up, plus one
    Typed(PAIRED, "a", True),
    Typed(PAIRED, "A", True),
    Typed(PAIRED, "(a)", True),
    Typed(PAIRED, " a) ", True),  # reviewer's
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
    # Reviewer's: a for loop over range with the step, and break at the end.
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    spans = []\n"
        "    for start in range(0, len(text), size - overlap):\n"
        "        spans.append((start, min(start + size, len(text))))\n"
        "        if start + size >= len(text):\n"
        "            break\n"
        "    return spans\n",
        True,
    ),
    # Reviewer's: recursion, with the end measured by slicing, returned as a tuple of tuples.
    Code(
        CHUNK,
        "def chunk(text, size, overlap, start=0):\n"
        "    end = start + len(text[start : start + size])\n"
        "    if end == len(text):\n"
        "        return ((start, end),)\n"
        "    return ((start, end),) + chunk(text, size, overlap, start + size - overlap)\n",
        True,
    ),
    # Reviewer's: a generator of NumPy integers, made a list.
    Code(
        CHUNK,
        "def spans(n, size, step):\n"
        "    s = 0\n"
        "    while True:\n"
        "        yield (np.int64(s), np.int64(min(s + size, n)))\n"
        "        if s + size >= n:\n"
        "            return\n"
        "        s += step\n"
        "def chunk(text, size, overlap):\n"
        "    return list(spans(len(text), size, size - overlap))\n",
        True,
    ),
    # Reviewer's: the off-by-one stop (> instead of >=) adds a chunk after one ending at the end.
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    spans, start = [], 0\n"
        "    while True:\n"
        "        spans.append((start, min(start + size, len(text))))\n"
        "        if start + size > len(text):\n"
        "            return spans\n"
        "        start += size - overlap\n",
        False,
        "stop-past-end",
    ),
    # Reviewer's: the last chunk moved back to end at the end of the text, full size.
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    n, step = len(text), size - overlap\n"
        "    if n <= size:\n"
        "        return [(0, n)]\n"
        "    return [(s, s + size) for s in range(0, n - size, step)] + [(n - size, n)]\n",
        False,
        None,
    ),
    # Reviewer's: inclusive ends, as in text[start:end + 1].
    Code(
        CHUNK,
        "def chunk(text, size, overlap):\n"
        "    spans, start = [], 0\n"
        "    while True:\n"
        "        spans.append((start, min(start + size, len(text)) - 1))\n"
        "        if start + size >= len(text):\n"
        "            return spans\n"
        "        start += size - overlap\n",
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
