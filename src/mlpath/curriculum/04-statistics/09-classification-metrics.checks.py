"""Checkpoints for the lesson "Confusion matrix, precision, recall and imbalance"
(09-classification-metrics.md)."""

import numpy as np

from mlpath.grade import Misconception, Operation, checkpoint

METRIC = Operation(
    "a precision, recall or F1 function",
    frozenset(
        {
            "precision_score",
            "recall_score",
            "f1_score",
            "fbeta_score",
            "precision_recall_fscore_support",
            "classification_report",
        }
    ),
)
_METRICS = "eval.confusion-matrix#accuracy-precision-recall-and-f1"


def _counts(y_true, y_pred, positive=1):
    tp = np.sum((y_pred == positive) & (y_true == positive))
    fp = np.sum((y_pred == positive) & (y_true != positive))
    fn = np.sum((y_pred != positive) & (y_true == positive))
    return tp, fp, fn


def prf_swapped(y_true, y_pred):
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    fn = np.sum((y_pred == 0) & (y_true == 1))
    precision, recall = tp / (tp + fn), tp / (tp + fp)
    return (float(precision), float(recall), float(2 * precision * recall / (precision + recall)))


def prf_arithmetic_mean(y_true, y_pred):
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    fn = np.sum((y_pred == 0) & (y_true == 1))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return (float(precision), float(recall), float((precision + recall) / 2))


def prf_negative_class(y_true, y_pred):
    tp = np.sum((y_pred == 0) & (y_true == 0))
    fp = np.sum((y_pred == 0) & (y_true == 1))
    fn = np.sum((y_pred == 1) & (y_true == 0))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return (float(precision), float(recall), float(2 * precision * recall / (precision + recall)))


@checkpoint(
    "eval.confusion-matrix.precision-recall-f1",
    concepts=["eval.confusion-matrix", "eval.precision-recall"],
)
class PrecisionRecallF1:
    """Write `precision_recall_f1(y_true, y_pred)`: for two 1-D arrays of 0s and 1s (1 is the
    positive class), return the tuple `(precision, recall, f1)`.

    For `y_true = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]` and `y_pred = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]`
    the answer is `(0.6, 0.75, 0.667)` (rounded). The inputs always have at least one true
    positive. Count TP, FP and FN yourself (`np.sum` of boolean masks, or
    `sklearn.metrics.confusion_matrix`); scikit-learn's `precision_score`, `recall_score`,
    `f1_score` and the like are not allowed.
    """

    function = "precision_recall_f1"
    starter = "import numpy as np\n\n\ndef precision_recall_f1(y_true, y_pred):\n    ...\n"
    forbidden = [METRIC]

    def reference(y_true, y_pred):
        tp = np.sum((y_pred == 1) & (y_true == 1))
        fp = np.sum((y_pred == 1) & (y_true == 0))
        fn = np.sum((y_pred == 0) & (y_true == 1))
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        return (
            float(precision),
            float(recall),
            float(2 * precision * recall / (precision + recall)),
        )

    def cases(rng):
        out = []
        for n in (12, 16, 20, 30, 45):
            while True:
                y_true = (rng.random(n) < rng.uniform(0.3, 0.6)).astype(int)
                flip = rng.random(n) < rng.uniform(0.15, 0.35)
                y_pred = np.where(flip, 1 - y_true, y_true)
                tp, fp, fn = _counts(y_true, y_pred)
                tn = np.sum((y_pred == 0) & (y_true == 0))
                if min(tp, fp, fn, tn) > 0 and fp != fn:
                    break
            out.append((y_true, y_pred))
        return out

    edge_cases = [
        (np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0]), np.array([1, 1, 1, 0, 1, 1, 0, 0, 0, 0])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "swapped",
            prf_swapped,
            "swapped precision and recall",
            "Precision divides by what the model *flagged*: TP / (TP + FP), how much to trust a "
            "flag. Recall divides by what is *actually* positive: TP / (TP + FN), how many "
            "positives the model finds.",
            revisit=_METRICS,
        ),
        Misconception(
            "arithmetic-mean-f1",
            prf_arithmetic_mean,
            "took the ordinary average of precision and recall as F1",
            "F1 is the harmonic mean, 2PR / (P + R), which stays low when either one is low; "
            "the ordinary average (P + R) / 2 lets a high recall hide a poor precision.",
            revisit=_METRICS,
        ),
        Misconception(
            "negative-class",
            prf_negative_class,
            "computed the metrics for class 0 instead of class 1",
            "The positive class is 1: TP counts rows where both y_true and y_pred are 1. "
            "Precision and recall of class 0 answer a different question.",
            revisit="eval.confusion-matrix#the-idea-four-kinds-of-answers",
        ),
    ]
    hints = [
        "`TP = np.sum((y_pred == 1) & (y_true == 1))`; FP and FN the same way.",
        "precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R).",
    ]


_LAYOUT_CODE = (
    "from sklearn.metrics import confusion_matrix\n"
    "y_true = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]\n"
    "y_pred = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]\n"
    "cm = confusion_matrix(y_true, y_pred)\n"
    "print(cm[0, 0], cm[0, 1])\n"
    "print(cm[1, 0], cm[1, 1])\n"
)


@checkpoint("eval.confusion-matrix.layout", concepts=["eval.confusion-matrix"], kind="predict")
class Layout:
    """What does this cell print? Predict it before you run it, then set `answer` to the text
    (two lines of two numbers).

    ```python
    from sklearn.metrics import confusion_matrix
    y_true = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    y_pred = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]
    cm = confusion_matrix(y_true, y_pred)
    print(cm[0, 0], cm[0, 1])
    print(cm[1, 0], cm[1, 1])
    ```
    """

    code = _LAYOUT_CODE
    timeout = 20  # the cell loads scikit-learn
    misconceptions = [
        Misconception(
            "true-positives-first",
            "print('3 1')\nprint('2 4')\n",
            "put the true positives in the top-left corner",
            "scikit-learn orders rows and columns by label, 0 before 1, so the top-left count "
            "is TN and the bottom-right TP: [[TN, FP], [FN, TP]]. Many textbooks draw the "
            "positives first; check the layout before reading off counts.",
            revisit="eval.confusion-matrix#the-idea-four-kinds-of-answers",
        ),
        Misconception(
            "rows-are-predictions",
            "print('4 1')\nprint('2 3')\n",
            "made the rows the predicted labels and the columns the true ones",
            "In confusion_matrix(y_true, y_pred) row i is the true label i and column j the "
            "predicted label j: the 2 rows with true label 0 and prediction 1 are counted in "
            "row 0, column 1.",
            revisit="eval.confusion-matrix#the-idea-four-kinds-of-answers",
        ),
    ]
    hints = [
        "Count TP, FP, FN and TN first.",
        "Rows are the true labels 0, 1; columns the predicted labels 0, 1.",
    ]


def screening_recall():
    return 0.90


def screening_without_base_rate():
    return 0.90 / (0.90 + 0.05)


def screening_specificity():
    return 1 - 0.05


@checkpoint(
    "eval.confusion-matrix.screening-precision",
    concepts=["eval.imbalance", "eval.precision-recall"],
    kind="numeric",
)
class ScreeningPrecision:
    """A screening model has recall 0.90 (it flags 90% of the sick) and a false-positive rate of
    0.05 (it flags 5% of the healthy). It is used on a population where 1% of the people are
    sick.

    What is its precision: of the people it flags, what share are sick? Set `answer` to that
    number.
    """

    decimals = 3

    def solve():
        recall, fpr, pi = 0.90, 0.05, 0.01
        return recall * pi / (recall * pi + fpr * (1 - pi))

    misconceptions = [
        Misconception(
            "recall",
            screening_recall,
            "gave the recall: P(flagged | sick) instead of P(sick | flagged)",
            "Recall and precision are the two conditional probabilities the two ways round. "
            "Precision is P(sick | flagged), and it depends on how many healthy people are "
            "flagged too: use Bayes' rule with the 1% base rate.",
            revisit="eval.confusion-matrix#when-one-class-is-rare",
        ),
        Misconception(
            "ignored-base-rate",
            screening_without_base_rate,
            "compared 0.90 with 0.05 as if sick and healthy people were equally common",
            "Out of 10,000 people, 100 are sick (90 flagged) and 9,900 are healthy (495 "
            "flagged). The flags are weighted by how common each group is: precision = "
            "0.90 x 0.01 / (0.90 x 0.01 + 0.05 x 0.99).",
            revisit="eval.confusion-matrix#when-one-class-is-rare",
        ),
        Misconception(
            "specificity",
            screening_specificity,
            "gave 1 - FPR, the share of healthy people correctly left alone",
            "0.95 is the specificity, P(not flagged | healthy). Precision asks about the "
            "flagged people: true flags / all flags.",
            revisit="eval.confusion-matrix#when-one-class-is-rare",
        ),
    ]
    hints = [
        "Imagine 10,000 people: how many are sick, and how many of them are flagged? How many "
        "healthy people are flagged?",
        "precision = flagged sick / (flagged sick + flagged healthy).",
    ]
