"""The checkpoints of lesson 09-embeddings-rag/09 (rag.pipeline) grade real submissions right.

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

HOW_MANY = "rag.pipeline.how-many"
CITATIONS = "rag.pipeline.citations"

TYPED = [
    Typed(HOW_MANY, "4", True),
    Typed(HOW_MANY, "4.0", True),
    Typed(HOW_MANY, "answer = 4", True),
    Typed(HOW_MANY, " 4 ", True),
    Typed(HOW_MANY, "6", False, "index-order"),
    Typed(HOW_MANY, "2", False, "stop-at-first-misfit"),
    Typed(HOW_MANY, "3", False, "budget-overflow"),
    Typed(HOW_MANY, "5", False, "fixed-part-ignored"),
    Typed(HOW_MANY, "8", False, None),
    # Shortest first (to fit the most passages) also gives 6: the feedback names any wrong order.
    Typed(HOW_MANY, "6.00", False, "index-order", says="shortest first"),
    Typed(CITATIONS, "2", True),
    Typed(CITATIONS, "2.0", True),
    Typed(CITATIONS, "answer = 2", True),
    Typed(CITATIONS, "1", False, "zero-based"),
    Typed(CITATIONS, "5", False, "any-source"),
    Typed(CITATIONS, "4", False, "number-only"),
    Typed(CITATIONS, "3", False, "zero-wraps"),
    Typed(CITATIONS, "0", False, None),
    Typed(CITATIONS, "2.000", True),
]

ASSEMBLE = "rag.pipeline.assemble"
_TOKENIZER = (
    "from mlpath.toolkit.minilm import load_tokenizer\n"
    "tok = load_tokenizer()\n"
    "tok.no_truncation()\n"
)

CODE = [
    # Pairs sorted by score, a running total of tokens.
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    kept, used = [], 0\n"
        "    for score, i in sorted(zip(scores, range(len(passages))), reverse=True):\n"
        "        n = len(tok.encode(passages[i], add_special_tokens=False).ids)\n"
        "        if used + n <= budget:\n"
        "            kept.append(i)\n"
        "            used += n\n"
        "    return kept\n",
        True,
    ),
    # Counts for all passages at once with encode_batch, real tokens only (the attention mask);
    # a shrinking room; a NumPy array back.
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    counts = np.array([sum(e.attention_mask) for e in tok.encode_batch(\n"
        "        list(passages), add_special_tokens=False)])\n"
        "    room = budget\n"
        "    kept = []\n"
        "    for i in np.argsort(scores)[::-1]:\n"
        "        if counts[i] <= room:\n"
        "            kept.append(i)\n"
        "            room -= counts[i]\n"
        "    return np.array(kept, dtype=np.int64)\n",
        True,
    ),
    # The tokenizer file read directly (it pads and truncates to 128: both switched off),
    # tokens counted by their strings, the tokenizer loaded inside the function.
    Code(
        ASSEMBLE,
        "def assemble_context(passages, scores, budget):\n"
        "    from tokenizers import Tokenizer\n"
        "    from mlpath.toolkit.minilm import model_dir\n"
        "    t = Tokenizer.from_file(str(model_dir() / 'tokenizer.json'))\n"
        "    t.no_truncation()\n"
        "    t.no_padding()\n"
        "    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)\n"
        "    kept = []\n"
        "    for i in order:\n"
        "        total = sum(len(t.encode(passages[j], add_special_tokens=False).tokens)\n"
        "                    for j in kept + [i])\n"
        "        if total <= budget:\n"
        "            kept.append(i)\n"
        "    return tuple(kept)\n",
        True,
    ),
    # Special tokens counted, then taken off again: also right.
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    used, kept = 0, []\n"
        "    for i in np.argsort(-scores):\n"
        "        n = len(tok.encode(passages[i]).ids) - 2\n"
        "        if used + n > budget:\n"
        "            continue\n"
        "        used += n\n"
        "        kept.append(int(i))\n"
        "    return kept\n",
        True,
    ),
    Code(
        ASSEMBLE,
        "def assemble_context(passages, scores, budget):\n"
        "    kept, used = [], 0\n"
        "    for i in np.argsort(-scores):\n"
        "        if used + len(passages[i]) <= budget:\n"
        "            kept.append(int(i))\n"
        "            used += len(passages[i])\n"
        "    return kept\n",
        False,
        "characters",
    ),
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    kept, used = [], 0\n"
        "    for i, p in enumerate(passages):\n"
        "        n = len(tok.encode(p, add_special_tokens=False).ids)\n"
        "        if used + n <= budget:\n"
        "            kept.append(i)\n"
        "            used += n\n"
        "    return kept\n",
        False,
        "index-order",
    ),
    # Adds, then stops once the budget is passed: the last passage overflows it.
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    kept, used = [], 0\n"
        "    for i in np.argsort(-scores):\n"
        "        if used >= budget:\n"
        "            break\n"
        "        kept.append(int(i))\n"
        "        used += len(tok.encode(passages[i], add_special_tokens=False).ids)\n"
        "    return kept\n",
        False,
        "budget-overflow",
    ),
    Code(
        ASSEMBLE,
        "from mlpath.toolkit.minilm import load_tokenizer\n"
        "tok = load_tokenizer()\n"
        "def assemble_context(passages, scores, budget):\n"
        "    kept, used = [], 0\n"
        "    for i in np.argsort(-scores):\n"
        "        n = len(tok.encode(passages[i], add_special_tokens=False).ids)\n"
        "        if used + n <= budget:\n"
        "            kept.append(int(i))\n"
        "            used += n\n"
        "    return kept\n",
        False,
        "truncated-count",
    ),
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    kept, used = [], 0\n"
        "    for i in np.argsort(-scores):\n"
        "        n = len(tok.encode(passages[i], add_special_tokens=False).ids)\n"
        "        if used + n > budget:\n"
        "            break\n"
        "        kept.append(int(i))\n"
        "        used += n\n"
        "    return kept\n",
        False,
        "stop-at-first-misfit",
    ),
    # Counts from encode_batch, padding included.
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    encodings = tok.encode_batch(passages, add_special_tokens=False)\n"
        "    kept, used = [], 0\n"
        "    for i in np.argsort(-scores):\n"
        "        n = len(encodings[i].ids)\n"
        "        if used + n <= budget:\n"
        "            kept.append(int(i))\n"
        "            used += n\n"
        "    return kept\n",
        False,
        "padding-counted",
    ),
    # Reviewer's submissions. The tokenizer loaded on every call, and every candidate set
    # recounted as one text (the passages joined by blank lines): slow but right, and well
    # within the time limit.
    Code(
        ASSEMBLE,
        "from mlpath.toolkit.minilm import load_tokenizer\n"
        "def assemble_context(passages, scores, budget):\n"
        "    tok = load_tokenizer()\n"
        "    tok.no_truncation()\n"
        "    order = sorted(range(len(passages)), key=lambda i: scores[i], reverse=True)\n"
        "    kept = []\n"
        "    for i in order:\n"
        "        text = '\\n\\n'.join(passages[j] for j in kept + [i])\n"
        "        if len(tok.encode(text, add_special_tokens=False)) <= budget:\n"
        "            kept.append(i)\n"
        "    return kept\n",
        True,
    ),
    # encode_batch with padding switched off, then (score, index) pairs sorted.
    Code(
        ASSEMBLE,
        _TOKENIZER + "tok.no_padding()\n"
        "def assemble_context(passages, scores, budget):\n"
        "    counts = [len(e.ids) for e in tok.encode_batch(list(passages),\n"
        "                                                     add_special_tokens=False)]\n"
        "    room, kept = budget, []\n"
        "    for s, i in sorted(((float(s), i) for i, s in enumerate(scores)), reverse=True):\n"
        "        if counts[i] <= room:\n"
        "            kept.append(i)\n"
        "            room -= counts[i]\n"
        "    return kept\n",
        True,
    ),
    # A heap, memoised counts, and a truncation limit that never bites instead of
    # no_truncation().
    Code(
        ASSEMBLE,
        "import heapq\n"
        "from functools import lru_cache\n"
        "from mlpath.toolkit.minilm import load_tokenizer\n"
        "tok = load_tokenizer(max_tokens=10**6)\n"
        "@lru_cache(maxsize=None)\n"
        "def count_tokens(text):\n"
        "    return len(tok.encode(text, add_special_tokens=False).tokens)\n"
        "def assemble_context(passages, scores, budget):\n"
        "    heap = [(-float(s), i) for i, s in enumerate(scores)]\n"
        "    heapq.heapify(heap)\n"
        "    kept, used = [], 0\n"
        "    while heap:\n"
        "        _, i = heapq.heappop(heap)\n"
        "        n = count_tokens(passages[i])\n"
        "        if used + n <= budget:\n"
        "            kept.append(i)\n"
        "            used += n\n"
        "    return kept\n",
        True,
    ),
    # np.argsort sorts ascending: the weakest passages fill the budget.
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    kept, used = [], 0\n"
        "    for i in np.argsort(scores):\n"
        "        n = len(tok.encode(passages[i], add_special_tokens=False).ids)\n"
        "        if used + n <= budget:\n"
        "            kept.append(int(i))\n"
        "            used += n\n"
        "    return kept\n",
        False,
        "ascending-order",
    ),
    # Counted with the model's own tokenize: [CLS]/[SEP] taken off, but truncated at 256, so
    # the 289-token passage seems to fit (no misconception of its own; the case shows it).
    Code(
        ASSEMBLE,
        "from mlpath.toolkit.minilm import MiniLM\n"
        "model = MiniLM()\n"
        "def assemble_context(passages, scores, budget):\n"
        "    ids, mask = model.tokenize(list(passages))\n"
        "    counts = mask.sum(axis=1) - 2\n"
        "    kept, used = [], 0\n"
        "    for i in np.argsort(-np.asarray(scores)):\n"
        "        if used + counts[i] <= budget:\n"
        "            kept.append(int(i))\n"
        "            used += int(counts[i])\n"
        "    return kept\n",
        False,
        None,
        says="expected 2, got 0",
    ),
    # Right passages, returned in corpus order instead of best first.
    Code(
        ASSEMBLE,
        _TOKENIZER + "def assemble_context(passages, scores, budget):\n"
        "    kept, used = [], 0\n"
        "    for i in np.argsort(-scores):\n"
        "        n = len(tok.encode(passages[i], add_special_tokens=False).ids)\n"
        "        if used + n <= budget:\n"
        "            kept.append(int(i))\n"
        "            used += n\n"
        "    return sorted(kept)\n",
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
