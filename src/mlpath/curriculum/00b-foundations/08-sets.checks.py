"""Checkpoints for the lesson "Sets: train/test overlap, precision and recall" (08-sets.md).

The first quick checkpoint (`fd.sets.predict-ops`) is the placement question for fd.sets.
"""

from mlpath.grade import Misconception, checkpoint

_PREDICT_CODE = """A = {1, 2, 3, 4, 5}
B = {4, 5, 6}
print(len(A | B), len(A & B))
print(sorted(A - B))
"""


@checkpoint("fd.sets.predict-ops", concepts=["fd.sets"], kind="predict")
class PredictOps:
    """What does this cell print? Work it out before you run it, then set `answer` to the text,
    one line per `print`.

    ```python
    A = {1, 2, 3, 4, 5}
    B = {4, 5, 6}
    print(len(A | B), len(A & B))
    print(sorted(A - B))
    ```
    """

    code = _PREDICT_CODE
    misconceptions = [
        Misconception(
            "union-size-as-sum",
            "print(8, 2)\nprint([1, 2, 3])\n",
            "added the two sizes to get the size of the union",
            "A | B holds each element once. 4 and 5 are in both sets, so |A| + |B| counts them "
            "twice: subtract the intersection once.",
            revisit="fd.sets#the-idea-a-collection-without-order-or-repeats",
        ),
        Misconception(
            "difference-as-symmetric",
            "print(6, 2)\nprint([1, 2, 3, 6])\n",
            "took A - B as everything in one set but not the other",
            "A - B keeps what is in A and not in B; 6 is not in A, so it cannot be in A - B. "
            "The two differences A - B and B - A are not the same set.",
            revisit="fd.sets#the-idea-a-collection-without-order-or-repeats",
        ),
        Misconception(
            "difference-reversed",
            "print(6, 2)\nprint([6])\n",
            "computed B - A instead of A - B",
            "A - B starts from A and removes what B has: what is left is the part of A that B "
            "does not share.",
            revisit="fd.sets#the-idea-a-collection-without-order-or-repeats",
        ),
        Misconception(
            "sorted-keeps-a-set",
            "print(6, 2)\nprint({1, 2, 3})\n",
            "printed sorted(A - B) as a set",
            "The elements are right, but sorted() always returns a list, whatever it sorts, and "
            "Python prints a list in square brackets.",
            revisit="fd.sets#the-idea-a-collection-without-order-or-repeats",
        ),
    ]
    hints = [
        "List the elements of A | B (each once) and of A & B, then count them.",
        "A - B: go through A and keep the elements that are not in B.",
    ]


_FLAGGED = {3, 5, 8, 9, 12}
_SPAM = {1, 3, 5, 9, 10, 12, 14, 15}


def recall_as_precision():
    return len(_FLAGGED & _SPAM) / len(_FLAGGED)


def recall_over_union():
    return len(_FLAGGED & _SPAM) / len(_FLAGGED | _SPAM)


def recall_over_all_emails():
    return len(_FLAGGED & _SPAM) / 15


@checkpoint("fd.sets.recall", concepts=["fd.sets"], kind="numeric")
class Recall:
    """Fifteen emails are numbered 1 to 15. A spam filter flags the set
    `F = {3, 5, 8, 9, 12}`; the emails that really are spam are
    `S = {1, 3, 5, 9, 10, 12, 14, 15}`. What is the filter's **recall**?
    Set `answer` to the number (a fraction between 0 and 1).
    """

    decimals = 3

    def solve():
        return len(_FLAGGED & _SPAM) / len(_SPAM)

    misconceptions = [
        Misconception(
            "precision-instead",
            recall_as_precision,
            "divided by the flagged emails: that is the precision",
            "Recall asks: of the emails that really are spam, how many did the filter find? Its "
            "denominator is the set of real spam, not the set the filter flagged.",
            revisit="fd.sets#precision-and-recall-are-set-sizes",
            fix="divide |F ∩ S| by |S|, the number of real spam emails.",
        ),
        Misconception(
            "over-union",
            recall_over_union,
            "divided by the size of the union F | S",
            "The union mixes flagged and real spam. Recall divides the true positives by one "
            "set only: the real spam.",
            revisit="fd.sets#precision-and-recall-are-set-sizes",
        ),
        Misconception(
            "over-all-emails",
            recall_over_all_emails,
            "divided by all 15 emails",
            "Recall only looks at the emails that really are spam; the emails that are not spam "
            "do not enter it.",
            revisit="fd.sets#precision-and-recall-are-set-sizes",
        ),
    ]
    hints = [
        "First find F ∩ S: the flagged emails that really are spam.",
        "Recall = |F ∩ S| / |S|.",
    ]


_IDS_ENOUGH = "Yes: the ids are disjoint, so no test flower can be in the training set."
_CHECK_ROWS = (
    "Not necessarily: two different ids can hold identical rows. Compare the rows themselves "
    "(as tuples) between the two sets."
)
_UNION_CHECK = "Not necessarily: also check that train_ids | test_ids has all 150 ids."
_SORTED = "Not necessarily: sets have no order, so sort both id sets before comparing them."


def chose_ids_enough():
    return _IDS_ENOUGH


def chose_union_check():
    return _UNION_CHECK


def chose_sorted():
    return _SORTED


@checkpoint("fd.sets.disjoint-ids", concepts=["fd.sets"], kind="choice")
class DisjointIds:
    """A colleague splits the 150 iris flowers into training and test sets by id (row number)
    and checks `train_ids.isdisjoint(test_ids)`, which prints `True`. They conclude that the
    model can never have seen a test flower during training. Are they right?

    a) Yes: the ids are disjoint, so no test flower can be in the training set.
    b) Not necessarily: also check that train_ids | test_ids has all 150 ids.
    c) Not necessarily: two different ids can hold identical rows. Compare the rows themselves
       (as tuples) between the two sets.
    d) Not necessarily: sets have no order, so sort both id sets before comparing them.

    Set `answer` to the letter of your choice.
    """

    options = [_IDS_ENOUGH, _UNION_CHECK, _CHECK_ROWS, _SORTED]

    def solve():
        return _CHECK_ROWS

    misconceptions = [
        Misconception(
            "ids-are-the-data",
            chose_ids_enough,
            "took disjoint ids for disjoint data",
            "An id is only a row number. In iris, flowers 101 and 142 have the same "
            "measurements: with one in each set, the ids are disjoint but a test row is in the "
            "training data.",
            revisit="fd.sets#train-and-test-must-be-disjoint",
        ),
        Misconception(
            "covering-is-disjointness",
            chose_union_check,
            "checked that the split covers every row",
            "Covering every row says nothing is lost; it says nothing about the same data "
            "sitting on both sides. The overlap to look for is in the rows' contents.",
            revisit="fd.sets#train-and-test-must-be-disjoint",
        ),
        Misconception(
            "order-matters",
            chose_sorted,
            "thought the order of a set changes the comparison",
            "Set operations never depend on order: isdisjoint gives the same answer however "
            "the elements are listed. The problem is what the elements are: ids, not rows.",
            revisit="fd.sets#the-idea-a-collection-without-order-or-repeats",
        ),
    ]
    hints = ["Can two flowers with different ids have exactly the same measurements?"]
