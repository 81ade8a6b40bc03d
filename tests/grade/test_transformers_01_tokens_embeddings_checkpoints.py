"""The checkpoints of lesson 08-transformers/01 (emb.tokenization, emb.lookup) grade real
submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""


@dataclass(frozen=True)
class Code:
    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


SHAPES = "emb.lookup.predict-shapes"
GRADIENT = "emb.lookup.gradient-rows"

TYPED = [
    Typed(SHAPES, "(3, 4)\n(3, 4, 50)\n(3, 4, 16)\n(4, 16)", True),
    Typed(SHAPES, "\n(3, 4) \n(3, 4, 50)\n(3, 4, 16)\n(4, 16)\n\n", True),
    Typed(SHAPES, "(3, 4)\r\n(3, 4, 50)\r\n(3, 4, 16)\r\n(4, 16)\r\n", True),
    Typed(SHAPES, "(3, 4)\n(3, 4, 50)\n(3, 4, 50)\n(4, 50)", False, "lookup-is-one-hot-wide"),
    Typed(SHAPES, "(3, 4)\n(12, 50)\n(12, 16)\n(4, 16)", False, "batch-flattened"),
    Typed(SHAPES, "(3, 4)\n(3, 4, 50)\n(3, 4, 16)\n(16,)", False, None, "Line 4"),
    Typed(GRADIENT, "47", True),
    Typed(GRADIENT, "47.0", True),
    Typed(GRADIENT, "4.7e1", True),
    Typed(GRADIENT, " 47.000 ", True),
    Typed(GRADIENT, "14", False, "last-write-wins"),
    Typed(GRADIENT, "2", False, "first-occurrence"),
    Typed(GRADIENT, "6", False, "counted-occurrences"),
    Typed(GRADIENT, "41", False, "zero-based"),
    Typed(GRADIENT, "24", False, None),
    # Second reader: no spaces inside the tuples, a leading plus, more digits.
    Typed(SHAPES, "(3,4)\n(3,4,50)\n(3,4,16)\n(4,16)", True),
    Typed(SHAPES, "(3, 4)\n(50, 50)\n(3, 4, 16)\n(4, 16)", False, None, "Line 2"),
    Typed(GRADIENT, "+47", True),
    Typed(GRADIENT, "47.00001", True),
]

MERGE = "emb.tokenization.merge"

CODE = [
    # The lesson's while loop, with the pair unpacked.
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    a, b = pair\n"
        "    out, i = [], 0\n"
        "    while i < len(ids):\n"
        "        if ids[i] == a and i + 1 < len(ids) and ids[i + 1] == b:\n"
        "            out.append(new_id)\n"
        "            i += 2\n"
        "        else:\n"
        "            out.append(ids[i])\n"
        "            i += 1\n"
        "    return out\n",
        True,
    ),
    # A for loop with a skip flag, returning a NumPy array of int64.
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    out, skip = [], False\n"
        "    for i, tok in enumerate(ids):\n"
        "        if skip:\n"
        "            skip = False\n"
        "            continue\n"
        "        if tuple(ids[i:i + 2]) == tuple(pair):\n"
        "            out.append(new_id)\n"
        "            skip = True\n"
        "        else:\n"
        "            out.append(tok)\n"
        "    return np.array(out, dtype=np.int64)\n",
        True,
    ),
    # Recursive, returning a tuple.
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    ids = list(ids)\n"
        "    if len(ids) < 2:\n"
        "        return tuple(ids)\n"
        "    if (ids[0], ids[1]) == tuple(pair):\n"
        "        return (new_id,) + tuple(merge(ids[2:], pair, new_id))\n"
        "    return (ids[0],) + tuple(merge(ids[1:], pair, new_id))\n",
        True,
    ),
    # Through strings: every id becomes one character, then str.replace (left to right).
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    s = ''.join(chr(1000 + t) for t in ids)\n"
        "    s = s.replace(chr(1000 + pair[0]) + chr(1000 + pair[1]), chr(1000 + new_id))\n"
        "    return [ord(c) - 1000 for c in s]\n",
        True,
    ),
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    out = []\n"
        "    for i in range(len(ids)):\n"
        "        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:\n"
        "            out.append(new_id)\n"
        "        else:\n"
        "            out.append(ids[i])\n"
        "    return out\n",
        False,
        "no-skip",
    ),
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    out, i = [], 0\n"
        "    while i < len(ids) - 1:\n"
        "        if (ids[i], ids[i + 1]) == pair:\n"
        "            out.append(new_id)\n"
        "            i += 2\n"
        "        else:\n"
        "            out.append(ids[i])\n"
        "            i += 1\n"
        "    return out\n",
        False,
        "drops-last",
    ),
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    ids = list(ids)\n"
        "    for i in range(len(ids) - 1):\n"
        "        if (ids[i], ids[i + 1]) == pair:\n"
        "            return ids[:i] + [new_id] + ids[i + 2:]\n"
        "    return ids\n",
        False,
        "first-only",
    ),
    # Merges overlapping occurrences: a run a a a becomes new new.
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    out = []\n"
        "    for i in range(len(ids) - 1):\n"
        "        if (ids[i], ids[i + 1]) == pair:\n"
        "            out.append(new_id)\n"
        "        elif i == 0 or (ids[i - 1], ids[i]) != pair:\n"
        "            out.append(ids[i])\n"
        "    if len(ids) < 2 or (ids[-2], ids[-1]) != pair:\n"
        "        out.append(ids[-1])\n"
        "    return out\n",
        False,
        None,
    ),
    # Second reader: in place, slicing the merged pair out of the list it was given.
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    i = 0\n"
        "    while i < len(ids) - 1:\n"
        "        if ids[i] == pair[0] and ids[i + 1] == pair[1]:\n"
        "            ids[i:i + 2] = [new_id]\n"
        "        i += 1\n"
        "    return ids\n",
        True,
    ),
    # Second reader: a stack, merging the top with the incoming token.
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    out, fresh = [], []\n"
        "    for t in ids:\n"
        "        if out and not fresh[-1] and out[-1] == pair[0] and t == pair[1]:\n"
        "            out[-1], fresh[-1] = new_id, True\n"
        "        else:\n"
        "            out.append(t)\n"
        "            fresh.append(False)\n"
        "    return out\n",
        True,
    ),
    # Second reader: the ids written as digits; "1 11" then contains the pair "1 1".
    Code(
        MERGE,
        "def merge(ids, pair, new_id):\n"
        "    s = ' '.join(map(str, ids)).replace(f'{pair[0]} {pair[1]}', str(new_id))\n"
        "    return [int(t) for t in s.split()]\n",
        False,
        "digit-string",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
