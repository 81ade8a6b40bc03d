"""The checkpoints of "Thresholds, ROC and precision-recall curves" (04-statistics lesson 10)
grade real submissions right: three unusual correct answers and two plausible wrong ones each
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checkpoints.
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader

# (checkpoint, submission, passes, misconception it must be named as, phrase the message has)
TYPED = [
    ("eval.roc-pr-curves.auc-by-pairs", "0.833", True, None, ""),
    ("eval.roc-pr-curves.auc-by-pairs", "0.83333333", True, None, ""),
    ("eval.roc-pr-curves.auc-by-pairs", "0.8334", True, None, ""),
    ("eval.roc-pr-curves.auc-by-pairs", "0.917", False, "ties-as-wins", ""),
    ("eval.roc-pr-curves.auc-by-pairs", "0.75", False, "ties-ignored", ""),
    ("eval.roc-pr-curves.auc-by-pairs", "0.167", False, "upside-down", ""),
    # Second reader: a leading-dot decimal passes; leaving the ties out (9 / 10) is named; two
    # decimals are not enough.
    ("eval.roc-pr-curves.auc-by-pairs", ".833", True, None, ""),
    ("eval.roc-pr-curves.auc-by-pairs", "0.9", False, "ties-dropped", "10 untied pairs"),
    ("eval.roc-pr-curves.auc-by-pairs", "0.83", False, None, "not right"),
]

ROC = "eval.roc-pr-curves.roc-points"
CODE = [
    # Counts in a loop, returned as a list of lists.
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    positives = int(np.sum(y_true == 1))
    negatives = len(y_true) - positives
    points = []
    for t in thresholds:
        tp = fp = 0
        for label, s in zip(y_true, scores):
            if s >= t:
                if label == 1:
                    tp += 1
                else:
                    fp += 1
        points.append([fp / negatives, tp / positives])
    return points
""",
        True,
        None,
        "",
    ),
    # Broadcasting all thresholds at once, in float32.
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    flagged = scores[None, :] >= thresholds[:, None]          # (k, n)
    tpr = flagged[:, y_true == 1].mean(axis=1)
    fpr = flagged[:, y_true == 0].mean(axis=1)
    return np.stack([fpr, tpr], axis=1).astype(np.float32)
""",
        True,
        None,
        "",
    ),
    # scikit-learn's confusion matrix at each threshold.
    (
        ROC,
        """
from sklearn.metrics import confusion_matrix

def roc_points(y_true, scores, thresholds):
    out = np.zeros((len(thresholds), 2))
    for i, t in enumerate(thresholds):
        tn, fp, fn, tp = confusion_matrix(y_true, (scores >= t).astype(int), labels=[0, 1]).ravel()
        out[i] = fp / (fp + tn), tp / (tp + fn)
    return out
""",
        True,
        None,
        "",
    ),
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return np.array([[np.mean(neg < t), np.mean(pos < t)] for t in thresholds])
""",
        False,
        "wrong-side",
        "below the threshold",
    ),
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    return np.array([[np.mean(scores[y_true == 1] >= t), np.mean(scores[y_true == 0] >= t)]
                     for t in thresholds])
""",
        False,
        "columns-swapped",
        "",
    ),
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return np.array([[np.mean(neg > t), np.mean(pos > t)] for t in thresholds])
""",
        False,
        "strictly-greater",
        "",
    ),
    # Second reader's submissions. Counts by np.searchsorted on each class's sorted scores.
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    pos, neg = np.sort(scores[y_true == 1]), np.sort(scores[y_true == 0])
    tp = len(pos) - np.searchsorted(pos, thresholds, side="left")
    fp = len(neg) - np.searchsorted(neg, thresholds, side="left")
    return np.column_stack([fp / len(neg), tp / len(pos)])
""",
        True,
        None,
        "",
    ),
    # Plain Python: generator sums, a tuple of tuples.
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    labels, s = list(y_true), list(scores)
    P = sum(labels)
    N = len(labels) - P
    return tuple(
        (sum(1 for l, v in zip(labels, s) if v >= t and l == 0) / N,
         sum(1 for l, v in zip(labels, s) if v >= t and l == 1) / P)
        for t in thresholds)
""",
        True,
        None,
        "",
    ),
    # The flag matrix times one-hot labels, divided by the class sizes.
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    flagged = (scores >= thresholds[:, None]).astype(float)     # (k, n)
    onehot = np.stack([1 - y_true, y_true], axis=1)              # (n, 2): negative, positive
    return flagged @ onehot / onehot.sum(axis=0)
""",
        True,
        None,
        "",
    ),
    # The share of flagged rows that are negative, where the FPR was asked.
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    out = []
    for t in thresholds:
        f = scores >= t
        out.append([np.mean(y_true[f] == 0), np.mean(f[y_true == 1])])
    return np.array(out)
""",
        False,
        None,
        "first difference at index (1, 0): expected 0.666667, got 0.4",
    ),
    # Counts instead of rates.
    (
        ROC,
        """
def roc_points(y_true, scores, thresholds):
    return np.array([[np.sum((scores >= t) & (y_true == 0)), np.sum((scores >= t) & (y_true == 1))]
                     for t in thresholds])
""",
        False,
        None,
        "expected 0.333333, got 1",
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
