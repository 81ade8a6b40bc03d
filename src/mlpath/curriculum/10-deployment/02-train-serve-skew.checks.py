"""Checkpoints for the lesson "Train/serve skew and distribution shift" (02-train-serve-skew.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = """import numpy as np


def predict_proba(X_raw, train_mean, train_std, w, b):
    mean = X_raw.mean(axis=0)
    std = X_raw.std(axis=0)
    Z = (X_raw - mean) / std
    return 1 / (1 + np.exp(-(Z @ w + b)))
"""


# The variants are graded like a learner's file, so each is self-contained.
def proba_batch_statistics(X_raw, train_mean, train_std, w, b):
    mean = X_raw.mean(axis=0)
    std = X_raw.std(axis=0)
    Z = (X_raw - mean) / std
    return 1 / (1 + np.exp(-(Z @ w + b)))


def proba_batch_statistics_guarded(X_raw, train_mean, train_std, w, b):
    mean = X_raw.mean(axis=0)
    std = X_raw.std(axis=0)
    std[std == 0] = 1.0  # what StandardScaler().fit_transform(X_raw) does
    Z = (X_raw - mean) / std
    return 1 / (1 + np.exp(-(Z @ w + b)))


def proba_raw_features(X_raw, train_mean, train_std, w, b):
    return 1 / (1 + np.exp(-(X_raw @ w + b)))


def proba_centred_only(X_raw, train_mean, train_std, w, b):
    Z = X_raw - train_mean
    return 1 / (1 + np.exp(-(Z @ w + b)))


def proba_batch_mean(X_raw, train_mean, train_std, w, b):
    Z = (X_raw - X_raw.mean(axis=0)) / train_std
    return 1 / (1 + np.exp(-(Z @ w + b)))


def _batch(rng, n, d):
    train_mean = rng.uniform(5.0, 50.0, size=d)
    train_std = rng.uniform(1.0, 10.0, size=d)
    X_raw = train_mean + train_std * rng.normal(size=(n, d))
    return X_raw, train_mean, train_std, rng.normal(0.0, 0.7, size=d), float(rng.normal(0.0, 0.5))


@checkpoint("dep.shift.fix-refit", concepts=["dep.shift"], kind="fix")
class FixRefit:
    """A logistic regression was trained on standardised features: each column minus the
    training rows' mean `train_mean`, divided by their standard deviation `train_std` (both of
    shape `(d,)`). Its weights are `w` (shape `(d,)`) and its bias is `b`.

    `predict_proba(X_raw, train_mean, train_std, w, b)` serves a batch of raw rows `X_raw`
    (shape `(n, d)`) and should return the model's probability of class 1 for each row, shape
    `(n,)`. It gives a row a different probability depending on which rows share its batch, and
    `nan` when the batch holds a single row.
    """

    function = "predict_proba"
    starter = _STARTER

    def reference(X_raw, train_mean, train_std, w, b):
        scores = [
            sum(w[j] * (row[j] - train_mean[j]) / train_std[j] for j in range(len(w))) + b
            for row in X_raw
        ]
        return 1 / (1 + np.exp(-np.array(scores)))

    def cases(rng):
        return [_batch(rng, n, d) for n, d in [(5, 3), (1, 4), (8, 2), (2, 5), (6, 3)]]

    edge_cases = [
        (
            np.array([[12.0, 80.0]]),
            np.array([10.0, 100.0]),
            np.array([2.0, 20.0]),
            np.array([1.0, -0.5]),
            0.2,
        ),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "batch-statistics",
            proba_batch_statistics,
            "standardised with the mean and standard deviation of the batch being served",
            "The model learned its weights for features measured against the training data. "
            "The batch's own statistics measure each row against the other rows of its batch: "
            "the answer then depends on the batch, and a single row has a standard deviation of "
            "0 (0 / 0 = nan). Use the training statistics the function is given.",
            revisit="dep.shift#re-fitting-at-serving-a-skew-that-passes-offline-tests",
            fix="Z = (X_raw - train_mean) / train_std",
        ),
        Misconception(
            "batch-statistics-guarded",
            proba_batch_statistics_guarded,
            "kept the batch's mean and standard deviation and only guarded the division by 0 "
            "(as StandardScaler().fit_transform on the batch does)",
            "The nan is gone, but the bug is not: each row is still measured against the other "
            "rows of its batch, and a single row becomes all zeros, so every lone request gets "
            "the same answer. This is the lesson's serve_refit. Use the training statistics "
            "the function is given.",
            revisit="dep.shift#re-fitting-at-serving-a-skew-that-passes-offline-tests",
            fix="Z = (X_raw - train_mean) / train_std",
        ),
        Misconception(
            "raw-features",
            proba_raw_features,
            "passed the raw features to the model without standardising them",
            "The weights were learned for z-scores; raw values are on other scales (here tens), "
            "so the scores are far from 0 and the probabilities pile up near 0 and 1. "
            "Standardise with the training statistics first.",
            revisit="dep.shift#skew-the-model-is-right-its-inputs-are-not",
            fix="Z = (X_raw - train_mean) / train_std",
        ),
        Misconception(
            "centred-only",
            proba_centred_only,
            "subtracted the training mean but did not divide by the training standard deviation",
            "A z-score is (x - mean) / std: both steps, with the training statistics. Without "
            "the division, every feature keeps its own scale and its weight acts on the wrong "
            "units.",
            revisit="dep.shift#skew-the-model-is-right-its-inputs-are-not",
            fix="Z = (X_raw - train_mean) / train_std",
        ),
        Misconception(
            "batch-mean",
            proba_batch_mean,
            "divided by the training standard deviation but still subtracted the batch's mean",
            "The mean is a statistic too: subtracting the batch's mean measures each row against "
            "its batch-mates, and a single row always becomes all zeros. Subtract train_mean.",
            revisit="dep.shift#re-fitting-at-serving-a-skew-that-passes-offline-tests",
            fix="Z = (X_raw - train_mean) / train_std",
        ),
    ]
    hints = [
        "Which mean and standard deviation did the model see during training: those of the "
        "batch, or those passed in as train_mean and train_std?",
        "Replace X_raw.mean(axis=0) and X_raw.std(axis=0) by train_mean and train_std.",
    ]


_SKEW_OPTIONS = [
    "1 skew, 2 shift, 3 skew",
    "1 shift, 2 shift, 3 shift",
    "1 skew, 2 skew, 3 skew",
    "1 skew, 2 shift, 3 shift",
]


def all_shift():
    return _SKEW_OPTIONS[1]


def all_skew():
    return _SKEW_OPTIONS[2]


def units_as_shift():
    return _SKEW_OPTIONS[3]


@checkpoint("dep.shift.skew-or-shift", concepts=["dep.shift"], kind="choice")
class SkewOrShift:
    """Each of these services answers worse after launch than in its offline tests. Name the
    cause of each: train/serve skew, or distribution shift.

    1. A search index was built from product descriptions with their HTML tags stripped. The
    live service embeds new descriptions as they arrive, tags included.

    2. A credit model was trained on loan applications from 2019 to 2021. By 2023 interest
    rates are much higher, and applicants ask for loan sizes that the training data rarely
    contains. The feature code has not changed.

    3. A fraud model was trained on transaction amounts stored in dollars. The payments service
    that calls the model sends the amounts in cents.

    a) 1 skew, 2 shift, 3 skew    b) 1 shift, 2 shift, 3 shift    c) 1 skew, 2 skew, 3 skew
    d) 1 skew, 2 shift, 3 shift

    Set `answer` to the letter of your choice.
    """

    options = _SKEW_OPTIONS

    def solve():
        return _SKEW_OPTIONS[0]

    misconceptions = [
        Misconception(
            "every-difference-is-shift",
            all_shift,
            "called every difference between training and serving inputs a distribution shift",
            "In both, the served inputs differ from the training ones; what differs is the "
            "cause. Ask: does the same raw record give the same features in the training code "
            "and in the serving code? In 1 and 3 it does not (tags left in; cents for dollars): "
            "that is skew, a bug in the code.",
            revisit="dep.shift#distribution-shift-right-code-new-inputs",
        ),
        Misconception(
            "every-drop-is-skew",
            all_skew,
            "called every drop after launch a train/serve skew",
            "In 2 the code is the same on both paths and the same application gives the same "
            "features; what changed is the applications themselves, which come from a region "
            "the training data barely covers. That is distribution shift: no code fix helps, "
            "new training data does.",
            revisit="dep.shift#distribution-shift-right-code-new-inputs",
        ),
        Misconception(
            "units-as-shift",
            units_as_shift,
            "took the amounts in cents for a shift because the values moved to a new range",
            "The transactions did not change: a 12.50-dollar payment is 12.5 in training and "
            "1250 at serving. The same raw record becomes two different features, so it is "
            "skew, fixed in the code (one conversion, shared by both paths).",
            revisit="dep.shift#distribution-shift-right-code-new-inputs",
        ),
    ]
    hints = [
        "For each case, imagine one raw record sent through the training code and the serving "
        "code. Same features, or different?",
        "Different features for the same record: skew. Same features, but records unlike the "
        "training ones: shift.",
    ]


_CATCH_OPTIONS = [
    "Score the model on the held-out test set and check that the accuracy is as high as expected",
    "Send the same raw records through the training code and the serving code, and check that "
    "the features and predictions are identical",
    "After launch, compare the distribution of each served feature with the training data",
    "Retrain the model every week on the newest data, with the training code",
]


def offline_test():
    return _CATCH_OPTIONS[0]


def monitor_after_launch():
    return _CATCH_OPTIONS[2]


def retrain_often():
    return _CATCH_OPTIONS[3]


@checkpoint("dep.shift.catch-skew", concepts=["dep.shift"], kind="choice")
class CatchSkew:
    """Your team trained a model with a preprocessing step; another team wrote the serving code
    separately. Which check, done before launch, catches a train/serve skew?

    a) Score the model on the held-out test set and check that the accuracy is as high as
    expected

    b) Send the same raw records through the training code and the serving code, and check that
    the features and predictions are identical

    c) After launch, compare the distribution of each served feature with the training data

    d) Retrain the model every week on the newest data, with the training code

    Set `answer` to the letter of your choice.
    """

    options = _CATCH_OPTIONS

    def solve():
        return _CATCH_OPTIONS[1]

    misconceptions = [
        Misconception(
            "offline-test",
            offline_test,
            "trusted the held-out test score",
            "The test set goes through the training code, never through the serving code, so it "
            "cannot see a difference between them: in the lesson it still said 0.986 while the "
            "served accuracy was 0.371.",
            revisit="dep.shift#skew-the-model-is-right-its-inputs-are-not",
        ),
        Misconception(
            "monitor-after-launch",
            monitor_after_launch,
            "chose monitoring the served features",
            "That needs live traffic, so it comes after launch, when users already get wrong "
            "answers; and a difference it finds may be a real shift in the inputs, which it "
            "cannot tell from a skew. A parity test compares the two code paths on the same "
            "records before launch.",
            revisit="dep.shift#distribution-shift-right-code-new-inputs",
        ),
        Misconception(
            "retrain-often",
            retrain_often,
            "chose retraining more often",
            "Retraining runs the training code again; the serving code still prepares inputs "
            "differently, so the skew stays. Retraining answers a shift, not a bug.",
            revisit="dep.shift#the-fix-ship-the-preprocessing-inside-the-model",
        ),
    ]
    hints = [
        "A skew is a difference between two pieces of code. Which check runs both?",
        "The offline test only ever runs the training code.",
    ]
