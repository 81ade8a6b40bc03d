"""The checkpoints of "Confusion matrix, precision, recall and imbalance" (04-statistics lesson
09) grade real submissions right: three unusual correct answers and two plausible wrong ones each
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checkpoints.
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader
from mlpath.grade.loader import load_checkpoints
from mlpath.run.results import Limits

# (checkpoint, submission, passes, misconception it must be named as, phrase the message has)
TYPED = [
    ("eval.confusion-matrix.layout", "4 2\n1 3", True, None, ""),
    ("eval.confusion-matrix.layout", "\n4 2\n1 3   \n\n", True, None, ""),
    ("eval.confusion-matrix.layout", "4 2\r\n1 3", True, None, ""),
    ("eval.confusion-matrix.layout", "3 1\n2 4", False, "true-positives-first", ""),
    ("eval.confusion-matrix.layout", "4 1\n2 3", False, "rows-are-predictions", ""),
    # Second reader: the textbook layout (predicted positives in the top row) is told which line
    # differs; F1 through 4 decimals passes; P(sick and flagged) is not right; 0.95 is named.
    ("eval.confusion-matrix.layout", "3 2\n1 4", False, None, "Line 1"),
    ("eval.confusion-matrix.screening-precision", "0.15384615", True, None, ""),
    ("eval.confusion-matrix.screening-precision", "0.009", False, None, "not right"),
    ("eval.confusion-matrix.screening-precision", "0.95", False, "specificity", ""),
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
    # Second reader's submissions. One bincount of 2 * truth + prediction gives TN, FP, FN, TP.
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    tn, fp, fn, tp = np.bincount(2 * y_true + y_pred, minlength=4)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return p, r, 2 / (1 / p + 1 / r)
""",
        True,
        None,
        "",
    ),
    # Sets of row numbers, F1 as 2|A and F| / (|A| + |F|).
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    actual = {i for i, t in enumerate(y_true) if t == 1}
    flagged = {i for i, p in enumerate(y_pred) if p == 1}
    hits = len(actual & flagged)
    return (hits / len(flagged), hits / len(actual), 2 * hits / (len(actual) + len(flagged)))
""",
        True,
        None,
        "",
    ),
    # Dot products of the 0/1 vectors, in float32 throughout.
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    t, p = y_true.astype(np.float32), y_pred.astype(np.float32)
    tp = t @ p
    precision, recall = tp / p.sum(), tp / t.sum()
    return precision, recall, np.float32(2) * precision * recall / (precision + recall)
""",
        True,
        None,
        "",
    ),
    # Accuracy where precision was asked.
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    precision = np.mean(y_true == y_pred)
    recall = tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)
""",
        False,
        None,
        "expected 0.6, got 0.7",
    ),
    # F1 without its factor 2.
    (
        PRF,
        """
def precision_recall_f1(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    p, r = tp / (tp + fp), tp / (tp + fn)
    return p, r, p * r / (p + r)
""",
        False,
        None,
        "expected 0.666667, got 0.333333",
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


def test_the_layout_cell_runs_within_the_checkpoints_time_limit() -> None:
    """The predict cell imports scikit-learn, which a cold child can take seconds to do: it runs
    within the checkpoint's 20 s, not the grader's default limit (here 0.2 s, shorter than any
    cold import of scikit-learn)."""
    layout = "eval.confusion-matrix.layout"
    checkpoints = {layout: load_checkpoints()[layout]}
    limits = Limits(timeout=0.2, memory_mb=512, cpu_seconds=30, output_bytes=100_000)
    with Grader(checkpoints, warm=False, limits=limits) as cold:
        feedback = cold.check_text(layout, "4 2\n1 3")
    assert feedback.passed, feedback.message
