"""Checkpoints for the lesson "Overfitting, regularisation and cross-validation"
(04-overfitting-regularization.md)."""

import numpy as np

from mlpath.grade import Misconception, Operation, checkpoint

CROSS_VALIDATION = Operation(
    "cross-validation in one call",
    frozenset({"cross_val_score", "cross_validate", "cross_val_predict"}),
)

_STARTER = '''import numpy as np


def fit_ridge(X, y, alpha):
    """Ridge regression with an unpenalised bias: the w and b of Ridge(alpha=alpha).fit(X, y)."""
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (y - y_mean))
    b = y_mean - x_mean @ w
    return w, b


def cv_mse(X, y, fold, alpha):
    ...
'''


# The reference and the variants are graded like a learner's file, so each is self-contained.
def cv_scored_on_training(X, y, fold, alpha):
    errors = []
    for j in np.unique(fold):
        train = fold != j
        x_mean, y_mean = X[train].mean(axis=0), y[train].mean()
        Xc = X[train] - x_mean
        w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (y[train] - y_mean))
        b = y_mean - x_mean @ w
        errors.append(np.mean((y[train] - (X[train] @ w + b)) ** 2))
    return float(np.mean(errors))


def cv_fit_on_all(X, y, fold, alpha):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (y - y_mean))
    b = y_mean - x_mean @ w
    errors = [np.mean((y[fold == j] - (X[fold == j] @ w + b)) ** 2) for j in np.unique(fold)]
    return float(np.mean(errors))


def cv_swapped(X, y, fold, alpha):
    errors = []
    for j in np.unique(fold):
        train = fold == j
        x_mean, y_mean = X[train].mean(axis=0), y[train].mean()
        Xc = X[train] - x_mean
        w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (y[train] - y_mean))
        b = y_mean - x_mean @ w
        errors.append(np.mean((y[~train] - (X[~train] @ w + b)) ** 2))
    return float(np.mean(errors))


def cv_penalised_bias(X, y, fold, alpha):
    errors = []
    for j in np.unique(fold):
        train = fold != j
        X1 = np.column_stack([np.ones(train.sum()), X[train]])  # the bias as a column of ones
        coef = np.linalg.solve(X1.T @ X1 + alpha * np.eye(X1.shape[1]), X1.T @ y[train])
        errors.append(np.mean((y[fold == j] - (coef[0] + X[fold == j] @ coef[1:])) ** 2))
    return float(np.mean(errors))


def _case(rng, k, m, d):
    n = k * m
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + 0.5 + rng.normal(0, 0.5, size=n)
    fold = rng.permutation(np.repeat(np.arange(k), m))
    return X, y, fold, float(rng.choice([0.1, 0.5, 2.0]))


@checkpoint(
    "eval.cross-validation.fold-labels",
    concepts=["eval.cross-validation", "reg.regularization"],
)
class FoldLabels:
    """Write `cv_mse(X, y, fold, alpha)`: the k-fold cross-validation MSE of ridge regression
    with strength `alpha`. `X` has one row per example and `y` one target per row; `fold` gives
    each row's fold number, from 0 to k - 1 (every fold has the same number of rows). For each
    fold j, fit ridge on the rows whose fold is *not* j, and compute the mean squared error on
    the rows whose fold *is* j. Return the mean of the k errors, as one number.

    Fit with `fit_ridge(X, y, alpha)` from the starter code (NumPy, fast), or with scikit-learn's
    `Ridge(alpha=alpha)`: both give the same weights `w` and bias `b`, and the predictions are
    `X @ w + b`. Write the loop yourself: `cross_val_score`, `cross_validate` and
    `cross_val_predict` are not allowed.
    """

    function = "cv_mse"
    starter = _STARTER
    forbidden = [CROSS_VALIDATION]

    def reference(X, y, fold, alpha):
        errors = []
        for j in np.unique(fold):
            held_out = fold == j
            Xt, yt = X[~held_out], y[~held_out]  # the training rows: every other fold
            x_mean, y_mean = Xt.mean(axis=0), yt.mean()
            Xc = Xt - x_mean
            w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (yt - y_mean))
            b = y_mean - x_mean @ w
            errors.append(np.mean((y[held_out] - (X[held_out] @ w + b)) ** 2))
        return float(np.mean(errors))

    def cases(rng):
        return [_case(rng, k, m, d) for k, m, d in [(3, 4, 2), (4, 3, 2), (5, 4, 3), (4, 5, 3)]]

    edge_cases = [
        (
            np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]),
            np.array([0.0, 1.5, 1.5, 3.5, 3.0, 5.5]),
            np.array([0, 1, 2, 0, 1, 2]),
            1.0,
        ),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "scored-on-training",
            cv_scored_on_training,
            "scored each model on the rows it was trained on",
            "The error of a model on its own training rows is optimistic: it has already "
            "seen them. Each fold's error must be computed on that fold's rows (fold == j), "
            "which the model was fitted without.",
            revisit="eval.overfitting#when-the-training-score-looks-perfect",
        ),
        Misconception(
            "fit-on-all-rows",
            cv_fit_on_all,
            "fitted one model on all the rows, then scored it on each fold",
            "A model fitted on every row has seen the fold it is scored on, so this is a "
            "training error in disguise. Fit a new model for each fold, on the other folds "
            "only (fold != j).",
            revisit="eval.overfitting#k-fold-cross-validation-by-hand",
        ),
        Misconception(
            "swapped-train-and-validation",
            cv_swapped,
            "trained on fold j and scored on the other folds",
            "The roles are the other way round: each fold takes one turn as the *validation* "
            "rows, while the model trains on the other k - 1 folds, which hold most of the "
            "data.",
            revisit="eval.overfitting#k-fold-cross-validation-by-hand",
        ),
        Misconception(
            "penalised-bias",
            cv_penalised_bias,
            "penalised the bias along with the weights",
            "The L2 price is on the weights w only: shifting every prediction up or down is "
            "not what overfits. With a column of ones in X and alpha * I over every column, "
            "the bias is shrunk towards 0 too. Centre X and y on the training rows first, as "
            "`fit_ridge` does (or `Ridge`, which does not penalise its intercept).",
            revisit="eval.overfitting#l2-regularisation-a-price-on-large-weights",
        ),
    ]
    hints = [
        "Loop over the fold numbers: `for j in np.unique(fold):` (or `range(fold.max() + 1)`); "
        "the boolean mask `fold == j` picks the validation rows, `fold != j` the training rows.",
        "In the loop: `w, b = fit_ridge(X[fold != j], y[fold != j], alpha)`, then the MSE of "
        "`X[fold == j] @ w + b` against `y[fold == j]`; return the mean of the k MSEs.",
    ]


# Four strengths of a degree-12 ridge model: training MSE, 5-fold CV MSE on the development
# set, and the MSE on the test set (a scenario; the numbers are typical of the lesson's data).
_TABLE = [
    ("0.0001", 0.020, 0.081, 0.090),
    ("0.01", 0.031, 0.066, 0.071),
    ("0.1", 0.045, 0.074, 0.058),
    ("1", 0.140, 0.150, 0.160),
]
_OPTIONS = [f"alpha = {alpha}" for alpha, *_ in _TABLE]


def _table_markdown():
    rows = ["| alpha | training MSE | 5-fold CV MSE | test MSE |", "|---|---|---|---|"]
    rows += [f"| {a} | {tr:.3f} | {cv:.3f} | {te:.3f} |" for a, tr, cv, te in _TABLE]
    return "\n".join(rows)


def _pick(score):
    return _OPTIONS[int(np.argmin([score(row) for row in _TABLE]))]


def pick_by_training():
    return _pick(lambda row: row[1])


def pick_by_test():
    return _pick(lambda row: row[3])


def pick_by_smallest_gap():
    return _pick(lambda row: row[2] - row[1])


_PICK_PROMPT = f"""You fit ridge regression on polynomial features of degree 12 with four
strengths. For each you computed the training MSE, the 5-fold cross-validation MSE on the
development set, and the MSE on the test set:

{_table_markdown()}

Which strength do you choose for the final model?

a) alpha = 0.0001    b) alpha = 0.01    c) alpha = 0.1    d) alpha = 1

Set `answer` to the letter of your choice."""


@checkpoint(
    "reg.regularization.pick-alpha",
    concepts=["reg.regularization", "eval.overfitting", "eval.cross-validation"],
    kind="choice",
)
class PickAlpha:
    __doc__ = _PICK_PROMPT

    options = _OPTIONS

    def solve():
        return _pick(lambda row: row[2])

    misconceptions = [
        Misconception(
            "lowest-training-error",
            pick_by_training,
            "chose the strength with the lowest training error",
            "The training error always favours the weakest penalty: the freer the model, the "
            "closer it fits the rows it was trained on, noise included. That says nothing "
            "about new data. Choose by the error on held-out rows: the cross-validation MSE.",
            revisit="eval.overfitting#the-idea-a-curve-through-every-point",
        ),
        Misconception(
            "chose-on-test-set",
            pick_by_test,
            "chose the strength with the lowest test error",
            "The test set is for one honest measurement at the end. If it picks alpha, its "
            "winner's error is the smallest of several noisy numbers and is optimistic, and "
            "you have no unseen data left. Choose by cross-validation on the development set.",
            revisit="eval.overfitting#choose-alpha-by-cross-validation-never-by-the-test-set",
        ),
        Misconception(
            "smallest-gap",
            pick_by_smallest_gap,
            "chose the strength whose training and CV errors are closest",
            "A small gap between training and validation error only says the model is not "
            "overfitting; a model that underfits has a small gap too, with both errors high. "
            "Choose the lowest cross-validation error.",
            revisit="eval.overfitting#l2-regularisation-a-price-on-large-weights",
        ),
    ]
    hints = [
        "Which column measures the error on rows that the model was not fitted on, and was "
        "not used for anything else yet?",
        "The test set is looked at once, after every choice is made.",
    ]
