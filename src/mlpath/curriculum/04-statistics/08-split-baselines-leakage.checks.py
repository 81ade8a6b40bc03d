"""Checkpoints for the lesson "Train/test split, baselines and leakage"
(08-split-baselines-leakage.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_BOX = "eval.split#scaling-before-splitting"


def standardise_on_all_rows(X, n_train):
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    return (X - mean) / std


def standardise_test_rows_on_their_own(X, n_train):
    train, test = X[:n_train], X[n_train:]
    z_train = (train - train.mean(axis=0)) / train.std(axis=0)
    z_test = (test - test.mean(axis=0)) / test.std(axis=0)
    return np.vstack([z_train, z_test])


def standardise_ddof1(X, n_train):
    mean = X[:n_train].mean(axis=0)
    std = X[:n_train].std(axis=0, ddof=1)
    return (X - mean) / std


@checkpoint("eval.split.fix-scaling", concepts=["eval.leakage", "eval.split"], kind="fix")
class FixScaling:
    """`standardise(X, n_train)` is the function from the lesson's "when the result looks wrong"
    box. The rows of `X` are already in random order; the first `n_train` rows are the training
    set and the rest the test set. It should return **all** rows of `X` (shape unchanged),
    standardised with the mean and standard deviation of the **training rows**, computed per
    column with `ddof=0` as `np.std` and scikit-learn's `StandardScaler` do.

    For `X = [[1, 10], [2, 20], [3, 30], [10, 0], [4, 50]]` and `n_train = 3`, the two test
    rows become `[9.798, -2.449]` and `[2.449, 3.674]` (rounded).
    """

    function = "standardise"
    starter = (
        "import numpy as np\n\n\n"
        "def standardise(X, n_train):\n"
        "    mean = X.mean(axis=0)\n"
        "    std = X.std(axis=0)\n"
        "    return (X - mean) / std\n"
    )

    def reference(X, n_train):
        mean = X[:n_train].mean(axis=0)
        std = X[:n_train].std(axis=0)
        return (X - mean) / std

    def cases(rng):
        out = []
        for n, d in [(6, 2), (9, 3), (12, 2), (16, 4), (25, 5)]:
            n_train = int(0.75 * n)
            X = rng.normal(rng.uniform(-20, 20, size=d), rng.uniform(0.5, 8, size=d), size=(n, d))
            X[n_train:] += rng.uniform(1, 5, size=d)  # the test rows drift a little
            out.append((X, n_train))
        return out

    edge_cases = [
        (np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [10.0, 0.0], [4.0, 50.0]]), 3),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "fit-on-all-rows",
            standardise_on_all_rows,
            "computed the mean and standard deviation over every row, test rows included",
            "That is scaling before splitting: the test rows shape the numbers the training "
            "rows are scaled with, so the training columns no longer have mean 0 and std 1. "
            "Compute mean and std from X[:n_train] only, then apply them to every row.",
            revisit=_BOX,
        ),
        Misconception(
            "test-rows-on-their-own",
            standardise_test_rows_on_their_own,
            "standardised the test rows with their own mean and standard deviation",
            "A fitted step is fitted once, on the training rows, and then applied unchanged, as "
            "it will be to each new row in production, where there is no 'test mean'. Scale "
            "the test rows with the training mean and std (StandardScaler: fit on the training "
            "rows, transform the test rows; never fit_transform them).",
            revisit=_BOX,
        ),
        Misconception(
            "ddof-1",
            standardise_ddof1,
            "used the sample standard deviation (ddof=1)",
            "The task asks for ddof=0, as np.std and StandardScaler compute it. With ddof=1 "
            "every standardised value shrinks by the factor sqrt((n - 1) / n), where n is the "
            "number of training rows.",
            revisit=_BOX,
        ),
    ]
    hints = [
        "Which rows should the mean and std come from? Only `X[:n_train]`.",
        "`mean = X[:n_train].mean(axis=0)`, the same for `std`; then `(X - mean) / std` for all "
        "rows.",
    ]


def _diabetes_split():
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split

    X, y = load_diabetes(return_X_y=True)
    _, _, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)
    return y, y_train, y_test


def baseline_test_mean():
    _, _, y_test = _diabetes_split()
    return float(np.mean(np.abs(y_test - y_test.mean())))


def baseline_all_rows_mean():
    y, _, y_test = _diabetes_split()
    return float(np.mean(np.abs(y_test - y.mean())))


def baseline_training_rows():
    _, y_train, _ = _diabetes_split()
    return float(np.mean(np.abs(y_train - y_train.mean())))


@checkpoint("eval.split.mean-baseline", concepts=["eval.baselines", "eval.split"], kind="numeric")
class MeanBaseline:
    """Split the diabetes data with

    ```python
    X, y = load_diabetes(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)
    ```

    What is the mean absolute error of the **mean predictor** on the test rows? (It predicts the
    same number for every row, learned from the training rows.) Set `answer` to that number.
    """

    decimals = 1
    timeout = 20  # the submission loads scikit-learn, which is slow on a cold start

    def solve():
        _, y_train, y_test = _diabetes_split()
        return float(np.mean(np.abs(y_test - y_train.mean())))

    misconceptions = [
        Misconception(
            "test-mean",
            baseline_test_mean,
            "predicted the mean of the test targets",
            "The baseline is a model like any other: it learns from the training rows only. "
            "Predicting with y_test.mean() uses the answers you are scoring against, a leak. "
            "Predict y_train.mean() for every test row.",
            revisit="eval.split#baselines-what-does-doing-nothing-score",
        ),
        Misconception(
            "all-rows-mean",
            baseline_all_rows_mean,
            "predicted the mean of all the targets, test rows included",
            "y.mean() includes the test targets, so the test rows shaped the prediction: the "
            "same leak as scaling before splitting. Use y_train.mean().",
            revisit="eval.split#leakage-when-the-test-rows-shape-the-model",
        ),
        Misconception(
            "scored-on-training-rows",
            baseline_training_rows,
            "measured the error on the training rows",
            "The question is how the baseline does on rows it did not learn from: average "
            "|y_test - y_train.mean()| over the test rows.",
            revisit="eval.split#the-idea-hold-some-rows-out",
        ),
    ]
    hints = [
        "The prediction is one number, `y_train.mean()`.",
        "The error is `np.mean(np.abs(y_test - prediction))`.",
    ]


_HONEST = (
    "The 0.93 is optimistic: the test set was used to choose. Choose on a validation set, then "
    "score the chosen model once on the test set."
)
_NOTHING = "Nothing: no model was trained on the test rows, so 0.93 is an honest estimate."
_TRAINING = "The test set is small; the training accuracy of the chosen model is more reliable."
_AVERAGE = (
    "Report the average of the 20 test scores instead: it is the honest score of the chosen model."
)


def chose_nothing_wrong():
    return _NOTHING


def chose_training_score():
    return _TRAINING


def chose_average():
    return _AVERAGE


@checkpoint("eval.split.chosen-on-test", concepts=["eval.split"], kind="choice")
class ChosenOnTest:
    """You train 20 versions of a classifier (different seeds and settings) on the training
    set, score each on the test set, and report the best test accuracy, 0.93, as the accuracy
    to expect in production. Which statement is right?

    a) Nothing: no model was trained on the test rows, so 0.93 is an honest estimate.
    b) The 0.93 is optimistic: the test set was used to choose. Choose on a validation set,
       then score the chosen model once on the test set.
    c) The test set is small; the training accuracy of the chosen model is more reliable.
    d) Report the average of the 20 test scores instead: it is the honest score of the chosen
       model.

    Set `answer` to the letter of your choice.
    """

    options = [_NOTHING, _HONEST, _TRAINING, _AVERAGE]

    def solve():
        return _HONEST

    misconceptions = [
        Misconception(
            "choosing-is-not-training",
            chose_nothing_wrong,
            "thought a test set used only for choosing stays honest",
            "Picking the best of 20 scores is a form of fitting: the winner is partly the "
            "version that got lucky on these particular test rows, as the best of 20 p-values "
            "is partly luck. Expect it to score lower on fresh rows.",
            revisit="eval.split#the-idea-hold-some-rows-out",
        ),
        Misconception(
            "training-score",
            chose_training_score,
            "trusted the training accuracy",
            "The training accuracy measures rows the model learned from; the lesson's forest "
            "scored 1.0 there. It says nothing about new rows.",
            revisit="eval.split#scoring-on-the-training-data",
        ),
        Misconception(
            "average-of-scores",
            chose_average,
            "averaged the 20 test scores",
            "The average describes a typical version, not the one you chose, and it still comes "
            "from the test rows you chose with. Keep a validation set for choosing and score "
            "the winner once on untouched test rows.",
            revisit="eval.split#the-idea-hold-some-rows-out",
        ),
    ]
    hints = ["Is choosing the best of 20 on some rows a way of learning from those rows?"]
