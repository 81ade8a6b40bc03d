"""Checkpoints for the lesson "Thresholds, ROC and precision-recall curves" (10-roc-curves.md)."""

import numpy as np

from mlpath.grade import Misconception, Operation, checkpoint

ROC = Operation(
    "scikit-learn's ROC curve", frozenset({"roc_curve", "RocCurveDisplay", "from_predictions"})
)
_SWEEP = "eval.roc-pr-curves#the-roc-curve-every-threshold-at-once"


def roc_wrong_side(y_true, scores, thresholds):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return np.array([[np.mean(neg < t), np.mean(pos < t)] for t in thresholds])


def roc_strictly_greater(y_true, scores, thresholds):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return np.array([[np.mean(neg > t), np.mean(pos > t)] for t in thresholds])


def roc_columns_swapped(y_true, scores, thresholds):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return np.array([[np.mean(pos >= t), np.mean(neg >= t)] for t in thresholds])


def roc_over_all_rows(y_true, scores, thresholds):
    n = len(y_true)
    rows = []
    for t in thresholds:
        flagged = scores >= t
        rows.append([np.sum(flagged & (y_true == 0)) / n, np.sum(flagged & (y_true == 1)) / n])
    return np.array(rows)


@checkpoint("eval.roc-pr-curves.roc-points", concepts=["eval.roc-pr-curves"])
class RocPoints:
    """Write `roc_points(y_true, scores, thresholds)`: for labels `y_true` (0s and 1s, both
    present), scores `scores` and a 1-D array of thresholds, return an array of shape
    `(len(thresholds), 2)` whose row `i` is the point `(FPR, TPR)` of the ROC curve when every
    row with `score >= thresholds[i]` is flagged as positive.

    For `y_true = [1, 1, 0, 1, 0, 0]`, `scores = [0.9, 0.7, 0.7, 0.4, 0.4, 0.1]` and
    `thresholds = [0.7, 0.4]` the answer is `[[1/3, 2/3], [2/3, 1]]`. `sklearn.metrics.roc_curve`
    is not allowed: sweep the thresholds yourself.
    """

    function = "roc_points"
    starter = "import numpy as np\n\n\ndef roc_points(y_true, scores, thresholds):\n    ...\n"
    forbidden = [ROC]

    def reference(y_true, scores, thresholds):
        pos, neg = scores[y_true == 1], scores[y_true == 0]
        return np.array([[np.mean(neg >= t), np.mean(pos >= t)] for t in thresholds])

    def cases(rng):
        out = []
        for n, k in [(8, 3), (12, 4), (16, 5), (24, 6), (40, 8)]:
            while True:
                y_true = (rng.random(n) < 0.4).astype(int)
                if 0 < y_true.sum() < n - 1:
                    break
            scores = np.clip(np.round(0.35 * y_true + rng.uniform(0, 0.65, n), 1), 0, 1)
            thresholds = np.sort(
                rng.choice(np.unique(scores), size=min(k, len(np.unique(scores))), replace=False)
            )[::-1]
            out.append((y_true, scores, thresholds))
        return out

    edge_cases = [
        (
            np.array([1, 1, 0, 1, 0, 0]),
            np.array([0.9, 0.7, 0.7, 0.4, 0.4, 0.1]),
            np.array([0.7, 0.4]),
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "wrong-side",
            roc_wrong_side,
            "flagged the rows below the threshold (score < t)",
            "A higher score means 'more likely positive', so the flagged rows are those with "
            "score >= t. Flagging the ones below traces the curve upside down, under the "
            "diagonal, with area 1 - AUC.",
            revisit="eval.roc-pr-curves#a-curve-below-the-diagonal",
        ),
        Misconception(
            "strictly-greater",
            roc_strictly_greater,
            "flagged only scores strictly above the threshold (score > t)",
            "The rule is score >= t. With thresholds taken from the scores themselves, > leaves "
            "out exactly the rows that sit on each threshold, so every point moves down the "
            "curve by one step.",
            revisit=_SWEEP,
        ),
        Misconception(
            "columns-swapped",
            roc_columns_swapped,
            "returned (TPR, FPR) instead of (FPR, TPR)",
            "An ROC point has the false positive rate on the x-axis and the true positive rate "
            "on the y-axis: row i must be [FPR, TPR].",
            revisit=_SWEEP,
        ),
        Misconception(
            "over-all-rows",
            roc_over_all_rows,
            "divided the counts by the number of all rows",
            "Each rate is computed inside one class: TPR = TP / (number of positives), FPR = "
            "FP / (number of negatives). Divided by all rows, neither reaches 1.",
            revisit="eval.roc-pr-curves#the-idea-a-score-and-a-line-you-choose",
        ),
    ]
    hints = [
        "Split the scores by class: `pos = scores[y_true == 1]`, `neg = scores[y_true == 0]`.",
        "For each threshold t: TPR is `np.mean(pos >= t)`, FPR is `np.mean(neg >= t)`.",
    ]


_LABELS = np.array([1, 1, 1, 0, 0, 0, 0])
_SCORES = np.array([0.9, 0.6, 0.4, 0.6, 0.4, 0.3, 0.1])


def _pairs():
    pos, neg = _SCORES[_LABELS == 1], _SCORES[_LABELS == 0]
    return pos[:, None], neg[None, :]


def auc_ties_as_wins():
    pos, neg = _pairs()
    return float(np.mean(pos >= neg))


def auc_ties_ignored():
    pos, neg = _pairs()
    return float(np.mean(pos > neg))


def auc_ties_dropped():
    pos, neg = _pairs()
    return float(np.sum(pos > neg) / np.sum(pos != neg))


def auc_upside_down():
    pos, neg = _pairs()
    return float(np.mean(pos < neg) + 0.5 * np.mean(pos == neg))


@checkpoint("eval.roc-pr-curves.auc-by-pairs", concepts=["eval.roc-pr-curves"], kind="numeric")
class AucByPairs:
    """Seven patients, their labels (1 = sick) and a model's scores:

    ```python
    labels = np.array([1, 1, 1, 0, 0, 0, 0])
    scores = np.array([0.9, 0.6, 0.4, 0.6, 0.4, 0.3, 0.1])
    ```

    What is the model's AUC? Use the pair reading of the lesson: over every (sick, healthy)
    pair, the share where the sick patient has the higher score, a tie counting half. Set
    `answer` to that number.
    """

    decimals = 3

    def solve():
        pos, neg = _pairs()
        return float(np.mean(pos > neg) + 0.5 * np.mean(pos == neg))

    misconceptions = [
        Misconception(
            "ties-as-wins",
            auc_ties_as_wins,
            "counted tied pairs as wins for the sick patient",
            "A tie means the model cannot tell the two apart: it ranks them right half of the "
            "time, so a tie counts 1/2. Count higher as 1, equal as 1/2.",
            revisit="eval.roc-pr-curves#what-the-auc-means",
        ),
        Misconception(
            "ties-ignored",
            auc_ties_ignored,
            "counted tied pairs as losses",
            "Two of the twelve pairs are ties; each counts 1/2, not 0. Counting them as 0 makes "
            "the model look worse than its ROC curve, which joins tied points with a diagonal.",
            revisit="eval.roc-pr-curves#what-the-auc-means",
        ),
        Misconception(
            "ties-dropped",
            auc_ties_dropped,
            "left the tied pairs out, dividing by the 10 untied pairs",
            "Every one of the 3 x 4 = 12 pairs counts, ties included: a tie counts 1/2 and the "
            "share is over all 12 pairs. Leaving ties out makes the model look better than its "
            "ROC curve.",
            revisit="eval.roc-pr-curves#what-the-auc-means",
        ),
        Misconception(
            "upside-down",
            auc_upside_down,
            "counted the pairs where the healthy patient scores higher",
            "That is 1 - AUC, the curve read upside down. The AUC counts the pairs the model "
            "ranks right: sick above healthy.",
            revisit="eval.roc-pr-curves#a-curve-below-the-diagonal",
        ),
    ]
    hints = [
        "There are 3 x 4 = 12 (sick, healthy) pairs.",
        "With `pos` and `neg` the two groups' scores: `np.mean(pos[:, None] > neg[None, :])`, "
        "plus half the share of ties.",
    ]
