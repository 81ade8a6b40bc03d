"""The checkpoints of lesson 09-embeddings-rag/05 (emb.ann) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader
from tests.grade.submissions import Typed, assert_typed_verdict, submission_id

RECALL = "emb.ann.recall-by-hand"
NPROBE = "emb.ann.choose-nprobe"
AGAINST = "emb.ann.measure-against"

TYPED = [
    # recall@5: ids 12, 7 and 19 of the exact top 5 were found, 3 / 5.
    Typed(RECALL, "0.6", True),
    Typed(RECALL, "3/5", True),
    Typed(RECALL, "60%", True),
    Typed(RECALL, ".600", True),
    Typed(RECALL, "0.75", False, "divided-by-returned"),
    Typed(RECALL, "3/4", False, "divided-by-returned"),
    Typed(RECALL, "0.2", False, "counted-positions"),
    Typed(RECALL, "3", False, None),
    Typed(RECALL, "0.8", False, None),
    # Second reader's submissions: more digits, spaced fraction, a percent with decimals; the
    # ids in the exact list that were missed (2 of 5) instead of those found.
    Typed(RECALL, "0.60", True),
    Typed(RECALL, "3 / 5", True),
    Typed(RECALL, "60.0 %", True),
    Typed(RECALL, "2/5", False, None),
    # The first nprobe whose recall is at least 0.95.
    Typed(NPROBE, "64", True),
    Typed(NPROBE, "64.0", True),
    Typed(NPROBE, " 64 ", True),
    Typed(NPROBE, "32", False, "rounded-up"),
    Typed(NPROBE, "973", False, "recall-is-share-probed"),
    Typed(NPROBE, "972.8", False, "recall-is-share-probed"),
    Typed(NPROBE, "128", False, "best-recall"),
    Typed(NPROBE, "16", False, None),
    Typed(NPROBE, "6.4e1", True),
    Typed(NPROBE, "33", False, None),
    Typed(NPROBE, "1024", False, None),
    # Compare with exact search, on held-out queries.
    Typed(AGAINST, "a", True),
    Typed(AGAINST, "A", True),
    Typed(AGAINST, " (a) ", True),
    Typed(
        AGAINST,
        "for held-out queries, the HNSW top 10 with the exact top 10 over the same vectors "
        "(recall@10)",
        True,
    ),
    Typed(AGAINST, "a)", True),
    Typed(AGAINST, "a.", True),
    Typed(AGAINST, "b", False, "ann-is-exact", says="about 87%"),
    Typed(AGAINST, "c", False, "wrong-reference"),
    Typed(AGAINST, "d", False, "queries-from-collection"),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)
