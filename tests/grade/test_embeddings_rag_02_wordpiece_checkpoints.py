"""The checkpoints of lesson 09-embeddings-rag/02 (emb.wordpiece) grade real submissions right.

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

GREEDY = "emb.wordpiece.greedy"
TRUNCATED = "emb.wordpiece.truncated"
PADDING = "emb.wordpiece.padding"

TYPED = [
    Typed(TRUNCATED, "162", True),
    Typed(TRUNCATED, "162.0", True),
    Typed(TRUNCATED, " 162 ", True),
    Typed(TRUNCATED, "1.62e2", True),
    Typed(TRUNCATED, "+162", True),
    Typed(TRUNCATED, "418 - 256", False, None),  # not a number the grader reads
    Typed(TRUNCATED, "44", False, "words-as-tokens"),
    Typed(TRUNCATED, "160", False, "specials-take-no-room"),
    Typed(TRUNCATED, "0", False, "nothing-lost"),
    # 254 subtracted from the count with [CLS] and [SEP]: the two routes mixed up.
    Typed(TRUNCATED, "164", False, "specials-counted-as-lost"),
    Typed(TRUNCATED, "35", False, None),  # the lesson's passage, not this text
    Typed(PADDING, "12", True),
    Typed(PADDING, "12.0", True),
    Typed(PADDING, "1.2e1", True),
    Typed(PADDING, "answer = 12", True),
    Typed(PADDING, "744", False, "padded-to-256"),
    Typed(PADDING, "24", False, "counted-ones"),
    Typed(PADDING, "18", False, "specials-masked"),
    Typed(PADDING, "7", False, None),
]

CODE = [
    # The lesson's function, returning pieces, then their positions in the list.
    Code(
        GREEDY,
        "def pieces(word, vocab):\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        for end in range(len(word), start, -1):\n"
        "            piece = word[start:end] if start == 0 else '##' + word[start:end]\n"
        "            if piece in vocab:\n"
        "                out.append(piece)\n"
        "                break\n"
        "        else:\n"
        "            return ['[UNK]']\n"
        "        start = end\n"
        "    return out\n"
        "def wordpiece(word, vocab):\n"
        "    return [vocab.index(p) for p in pieces(word, set(vocab))]\n",
        True,
    ),
    # Recursion on the rest of the word, ids as a NumPy array of int32.
    Code(
        GREEDY,
        "def split(rest, first, ids):\n"
        "    if not rest:\n"
        "        return []\n"
        "    for end in range(len(rest), 0, -1):\n"
        "        piece = rest[:end] if first else '##' + rest[:end]\n"
        "        if piece in ids:\n"
        "            tail = split(rest[end:], False, ids)\n"
        "            return None if tail is None else [ids[piece]] + tail\n"
        "    return None\n"
        "def wordpiece(word, vocab):\n"
        "    ids = {p: i for i, p in enumerate(vocab)}\n"
        "    found = split(word, True, ids)\n"
        "    return np.array([ids['[UNK]']] if found is None else found, dtype=np.int32)\n",
        True,
    ),
    # max() over the lengths that match, and a tuple back.
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    where = {p: i for i, p in enumerate(vocab)}\n"
        "    out, i = [], 0\n"
        "    while i < len(word):\n"
        "        prefix = '' if i == 0 else '##'\n"
        "        rest = len(word) - i\n"
        "        sizes = [n for n in range(1, rest + 1) if prefix + word[i:i + n] in where]\n"
        "        if not sizes:\n"
        "            return (where['[UNK]'],)\n"
        "        n = max(sizes)\n"
        "        out.append(where[prefix + word[i:i + n]])\n"
        "        i += n\n"
        "    return tuple(out)\n",
        True,
    ),
    # try/except around list.index, the [UNK] id looked up in the list.
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    result, start = [], 0\n"
        "    while start < len(word):\n"
        "        end = len(word)\n"
        "        while True:\n"
        "            if end == start:\n"
        "                return [vocab.index('[UNK]')]\n"
        "            try:\n"
        "                result.append(vocab.index(('##' if start else '') + word[start:end]))\n"
        "                break\n"
        "            except ValueError:\n"
        "                end -= 1\n"
        "        start = end\n"
        "    return result\n",
        True,
    ),
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    ids = {p: i for i, p in enumerate(vocab)}\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        for end in range(len(word), start, -1):\n"
        "            if word[start:end] in ids:\n"
        "                out.append(ids[word[start:end]])\n"
        "                break\n"
        "        else:\n"
        "            return [ids['[UNK]']]\n"
        "        start = end\n"
        "    return out\n",
        False,
        "no-prefix",
    ),
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    ids = {p: i for i, p in enumerate(vocab)}\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        end = start + 1\n"
        "        while end <= len(word):\n"
        "            piece = ('##' if start else '') + word[start:end]\n"
        "            if piece in ids:\n"
        "                break\n"
        "            end += 1\n"
        "        else:\n"
        "            return [ids['[UNK]']]\n"
        "        out.append(ids[piece])\n"
        "        start = end\n"
        "    return out\n",
        False,
        "shortest-first",
    ),
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    ids = {p: i for i, p in enumerate(vocab)}\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        for end in range(len(word), start, -1):\n"
        "            piece = word[start:end] if start == 0 else '##' + word[start:end]\n"
        "            if piece in ids:\n"
        "                out.append(ids[piece])\n"
        "                break\n"
        "        else:\n"
        "            out.append(ids['[UNK]'])\n"
        "            end = start + 1\n"
        "        start = end\n"
        "    return out\n",
        False,
        "unk-per-piece",
    ),
    Code(
        GREEDY,
        "UNK = 100  # [UNK] in MiniLM's vocab.txt\n"
        "def wordpiece(word, vocab):\n"
        "    ids = {p: i for i, p in enumerate(vocab)}\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        for end in range(len(word), start, -1):\n"
        "            piece = word[start:end] if start == 0 else '##' + word[start:end]\n"
        "            if piece in ids:\n"
        "                out.append(ids[piece])\n"
        "                break\n"
        "        else:\n"
        "            return [UNK]\n"
        "        start = end\n"
        "    return out\n",
        False,
        "unk-id-100",
    ),
    # Scans the whole vocabulary at each position for the longest entry that fits.
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        best, best_len = None, 0\n"
        "        for i, entry in enumerate(vocab):\n"
        "            glued = entry.startswith('##')\n"
        "            body = entry[2:] if glued else entry\n"
        "            fits = glued == (start > 0) and word.startswith(body, start)\n"
        "            if fits and len(body) > best_len:\n"
        "                best, best_len = i, len(body)\n"
        "        if best is None:\n"
        "            return [vocab.index('[UNK]')]\n"
        "        out.append(best)\n"
        "        start += best_len\n"
        "    return out\n",
        True,
    ),
    # NumPy int64 ids in a dict, one while loop that shrinks `end`.
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    lookup = dict(zip(vocab, np.arange(len(vocab), dtype=np.int64)))\n"
        "    out, start, end = [], 0, len(word)\n"
        "    while start < len(word):\n"
        "        piece = ('##' if start else '') + word[start:end]\n"
        "        if piece in lookup:\n"
        "            out.append(lookup[piece])\n"
        "            start, end = end, len(word)\n"
        "        elif end - start > 1:\n"
        "            end -= 1\n"
        "        else:\n"
        "            return [lookup['[UNK]']]\n"
        "    return out\n",
        True,
    ),
    # A regular expression per kind of piece, its alternatives longest first.
    Code(
        GREEDY,
        "import re\n"
        "def wordpiece(word, vocab):\n"
        "    firsts = sorted((p for p in vocab if not p.startswith(('##', '['))), key=len)\n"
        "    rests = sorted((p[2:] for p in vocab if p.startswith('##')), key=len)\n"
        "    first_re = re.compile('|'.join(map(re.escape, firsts[::-1])))\n"
        "    rest_re = re.compile('|'.join(map(re.escape, rests[::-1])))\n"
        "    pieces, start = [], 0\n"
        "    while start < len(word):\n"
        "        m = (first_re if start == 0 else rest_re).match(word, start)\n"
        "        if m is None:\n"
        "            return [vocab.index('[UNK]')]\n"
        "        pieces.append(m.group() if start == 0 else '##' + m.group())\n"
        "        start = m.end()\n"
        "    return list(map(vocab.index, pieces))\n",
        True,
    ),
    # The lesson's function pasted as it is: pieces, not ids.
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    pieces, start = [], 0\n"
        "    while start < len(word):\n"
        "        for end in range(len(word), start, -1):\n"
        "            piece = word[start:end] if start == 0 else '##' + word[start:end]\n"
        "            if piece in vocab:\n"
        "                pieces.append(piece)\n"
        "                break\n"
        "        else:\n"
        "            return ['[UNK]']\n"
        "        start = end\n"
        "    return pieces\n",
        False,
        "pieces-not-ids",
        says="not their ids",
    ),
    # Ids counted from 1, as line numbers are.
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    ids = {piece: n for n, piece in enumerate(vocab, start=1)}\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        for end in range(len(word), start, -1):\n"
        "            piece = word[start:end] if start == 0 else '##' + word[start:end]\n"
        "            if piece in ids:\n"
        "                out.append(ids[piece])\n"
        "                break\n"
        "        else:\n"
        "            return [ids['[UNK]']]\n"
        "        start = end\n"
        "    return out\n",
        False,
        "ids-from-1",
    ),
    # Backtracks to a shorter piece at a dead end: not what WordPiece does.
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    ids = {p: i for i, p in enumerate(vocab)}\n"
        "    def split(start):\n"
        "        if start == len(word):\n"
        "            return []\n"
        "        for end in range(len(word), start, -1):\n"
        "            piece = word[start:end] if start == 0 else '##' + word[start:end]\n"
        "            if piece in ids:\n"
        "                rest = split(end)\n"
        "                if rest is not None:\n"
        "                    return [ids[piece]] + rest\n"
        "        return None\n"
        "    found = split(0)\n"
        "    return [ids['[UNK]']] if found is None else found\n",
        False,
        "backtracked",
    ),
    # An unknown word gives no ids at all instead of [UNK].
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    ids = {p: i for i, p in enumerate(vocab)}\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        for end in range(len(word), start, -1):\n"
        "            piece = word[start:end] if start == 0 else '##' + word[start:end]\n"
        "            if piece in ids:\n"
        "                out.append(ids[piece])\n"
        "                break\n"
        "        else:\n"
        "            return []\n"
        "        start = end\n"
        "    return out\n",
        False,
        None,
        says="expected (1,), got (0,)",
    ),
    # ## in front of the first piece too: most words come out as [UNK].
    Code(
        GREEDY,
        "def wordpiece(word, vocab):\n"
        "    ids = {p: i for i, p in enumerate(vocab)}\n"
        "    out, start = [], 0\n"
        "    while start < len(word):\n"
        "        for end in range(len(word), start, -1):\n"
        "            if '##' + word[start:end] in ids:\n"
        "                out.append(ids['##' + word[start:end]])\n"
        "                break\n"
        "        else:\n"
        "            return [ids['[UNK]']]\n"
        "        start = end\n"
        "    return out\n",
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
