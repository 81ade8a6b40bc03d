"""The checkpoints of "Confusion matrix, precision, recall and imbalance" (04-statistics lesson
09) grade real submissions right: three unusual correct answers and two plausible wrong ones each
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checkpoints.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mlpath.grade.grader import Grader
from mlpath.grade.loader import load_checkpoints


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    """The shipped checkpoints with their own time limits: the layout cell and one submission
    import scikit-learn, which takes longer than the 1.5 s the shared fixture allows."""
    with Grader(load_checkpoints(), load_allowance=20.0) as shared:
        yield shared


# (checkpoint, submission, passes, misconception it must be named as, phrase the message has)
TYPED = [
    ("eval.confusion-matrix.layout", "[[4 2]\n [1 3]]", True, None, ""),
    ("eval.confusion-matrix.layout", "\n[[4 2]\n [1 3]]   \n\n", True, None, ""),
    ("eval.confusion-matrix.layout", "[[4 2]\r\n [1 3]]", True, None, ""),
    ("eval.confusion-matrix.layout", "[[3 1]\n [2 4]]", False, "true-positives-first", ""),
    ("eval.confusion-matrix.layout", "[[4 1]\n [2 3]]", False, "rows-are-predictions", ""),
    ("eval.confusion-matrix.screening-precision", "0.154", True, None, ""),
    ("eval.confusion-matrix.screening-precision", "0.15385", True, None, ""),
    ("eval.confusion-matrix.screening-precision", "0.1538", True, None, ""),
    ("eval.confusion-matrix.screening-precision", "0.9", False, "recall", ""),
    ("eval.confusion-matrix.screening-precision", "0.947", False, "ignored-base-rate", ""),
]

PRF = "eval.confusion-matrix.precision-recall-f1"
CODE = [
    # A loop over the rows with plain integers, returning a list.
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    tp = fp = fn = 0
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        if p == 1 and t == 1:
            tp += 1
        elif p == 1:
            fp += 1
        elif t == 1:
            fn += 1
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return [precision, recall, 2 * precision * recall / (precision + recall)]
""",
        True,
        None,
        "",
    ),
    # scikit-learn's confusion matrix, an array in float32, F1 as 2TP / (2TP + FP + FN).
    (
        PRF,
        """
from sklearn.metrics import confusion_matrix

def precision_recall_f1(y_true, y_pred):
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    return np.array([tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn)],
                    dtype=np.float32)
""",
        True,
        None,
        "",
    ),
    # Means of boolean masks: precision is the share of flagged rows that are positive.
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    precision = np.mean(y_true[y_pred == 1] == 1)
    recall = np.mean(y_pred[y_true == 1] == 1)
    f1 = 1 / ((1 / precision + 1 / recall) / 2)
    return precision, recall, f1
""",
        True,
        None,
        "",
    ),
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    precision = tp / np.sum(y_true == 1)
    recall = tp / np.sum(y_pred == 1)
    return precision, recall, 2 * precision * recall / (precision + recall)
""",
        False,
        "swapped",
        "swapped precision and recall",
    ),
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    precision = tp / np.sum(y_pred == 1)
    recall = tp / np.sum(y_true == 1)
    return precision, recall, (precision + recall) / 2
""",
        False,
        "arithmetic-mean-f1",
        "",
    ),
    (
        PRF,
        """
from sklearn.metrics import precision_recall_fscore_support

def precision_recall_f1(y_true, y_pred):
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary")
    return p, r, f
""",
        False,
        None,
        "a precision, recall or F1 function",
    ),
]


def _id(row: tuple) -> str:
    checkpoint, submission, passes, misconception, _ = row
    last = submission.strip().splitlines()[-1].strip()
    return f"{checkpoint}|{last[:40]}|{'pass' if passes else f'fail:{misconception}'}"


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: tuple) -> None:
    checkpoint, text, passes, misconception, says = row
    feedback = grader.check_text(checkpoint, text)
    assert feedback.passed == passes, feedback.message
    if not passes:
        assert feedback.misconception == misconception, feedback.message
    assert says in feedback.message, feedback.message


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: tuple) -> None:
    checkpoint, body, passes, misconception, says = row
    feedback = grader.check_source(checkpoint, "import numpy as np\n" + body)
    assert feedback.passed == passes, feedback.message
    if not passes:
        assert feedback.misconception == misconception, feedback.message
    assert says in feedback.message, feedback.message
