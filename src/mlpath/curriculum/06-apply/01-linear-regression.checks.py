"""Checkpoints for the lesson "Linear regression three ways" (01-linear-regression.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "reg.linear-model"


def gradient_sign_error(X, y, w, b):
    e = y - (X @ w + b)  # truth minus prediction: the opposite sign
    n = len(y)
    return np.append(2 / n * (X.T @ e), 2 / n * np.sum(e))


def gradient_without_two(X, y, w, b):
    e = X @ w + b - y
    n = len(y)
    return np.append(X.T @ e / n, np.sum(e) / n)


def gradient_sum_not_mean(X, y, w, b):
    e = X @ w + b - y
    return np.append(2 * (X.T @ e), 2 * np.sum(e))


def gradient_without_bias(X, y, w, b):
    e = X @ w - y  # the prediction forgets + b
    n = len(y)
    return np.append(2 / n * (X.T @ e), 2 / n * np.sum(e))


@checkpoint(f"{LESSON}.mse-gradient", concepts=["reg.gd-training", "reg.loss", "reg.linear-model"])
class MseGradient:
    """Write `mse_gradient(X, y, w, b)`: the gradient of the mean squared error of the linear
    model $\\hat{y} = X\\mathbf{w} + b$,

    $$\\text{MSE}(\\mathbf{w}, b) = \\frac{1}{n}\\sum_{i=1}^{n} (\\hat{y}_i - y_i)^2,$$

    for `X` of shape `(n, d)`, `y` of shape `(n,)`, weights `w` of shape `(d,)` and a bias `b`
    (a number). Return one array of `d + 1` numbers: the `d` partial derivatives with respect to
    the weights, then the one with respect to `b`.

    Your result is compared with a finite-difference gradient of the MSE at random points, so
    any correct formula passes.
    """

    function = "mse_gradient"
    starter = "import numpy as np\n\n\ndef mse_gradient(X, y, w, b):\n    ...\n"
    rtol = 1e-5
    atol = 1e-6

    def reference(X, y, w, b):
        def loss(theta):  # the MSE as a function of (w, b) together
            return np.mean((X @ theta[:-1] + theta[-1] - y) ** 2)

        theta = np.append(w, b).astype(float)
        h = 1e-5
        grad = np.zeros(len(theta))
        for j in range(len(theta)):  # central differences, one parameter at a time
            step = np.zeros(len(theta))
            step[j] = h
            grad[j] = (loss(theta + step) - loss(theta - step)) / (2 * h)
        return grad

    def cases(rng):
        out = []
        for n, d in [(5, 1), (7, 2), (9, 3), (12, 4), (20, 3), (15, 5)]:
            X = rng.normal(size=(n, d))
            y = rng.normal(size=n) * 2 + rng.uniform(-3, 3)
            w = rng.normal(size=d)
            b = float(rng.uniform(0.5, 2.0) * rng.choice([-1, 1]))
            out.append((X, y, w, b))
        return out

    edge_cases = [
        (np.array([[1.0], [2.0], [3.0]]), np.array([2.0, 4.0, 7.0]), np.array([1.0]), 0.5),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "sign-error",
            gradient_sign_error,
            "used truth minus prediction, y - ŷ, so every entry has the wrong sign",
            "The derivative of (ŷ - y)² with respect to ŷ is 2(ŷ - y), prediction minus truth. "
            "With y - ŷ the gradient points uphill, and gradient descent would make the loss "
            "grow at every step.",
            revisit=f"{LESSON}#way-1-gradient-descent-by-hand",
        ),
        Misconception(
            "missing-factor-2",
            gradient_without_two,
            "left out the factor 2 from the square, so every entry is half the right one",
            "The derivative of e² is 2e. Dropping the 2 gives the gradient of MSE / 2, a "
            "different loss; it still trains, with half the step, but it is not the MSE's "
            "gradient.",
            revisit=f"{LESSON}#way-1-gradient-descent-by-hand",
        ),
        Misconception(
            "sum-not-mean",
            gradient_sum_not_mean,
            "summed over the rows instead of averaging, so the result is n times too large",
            "The MSE is a mean, so its gradient carries the 1/n too: 2/n times X.T @ e. Without "
            "it, the step grows with the size of the dataset.",
            revisit=f"{LESSON}#the-model-and-the-loss",
        ),
        Misconception(
            "missing-bias",
            gradient_without_bias,
            "computed the predictions as X @ w, without + b",
            "The model is ŷ = X @ w + b: the errors e = X @ w + b - y include the bias, and so "
            "do both parts of the gradient.",
            revisit=f"{LESSON}#when-the-intercept-is-stuck-at-0",
        ),
    ]
    hints = [
        "Start from the errors e = X @ w + b - y, one per row.",
        "The weights' part is 2 / n * (X.T @ e); the bias's part is 2 / n * np.sum(e). "
        "`np.append` joins them.",
    ]


def _s5_split():
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split

    X, y = load_diabetes(scaled=False, return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    return X_train[:, 8], X_test[:, 8], y_train, y_test


def _line_fit(x, y, bias=True):
    A = np.column_stack([x, np.ones(len(x))]) if bias else x[:, None]
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    return theta if bias else np.append(theta, 0.0)


def _test_errors(bias=True, on_train=False):
    x_train, x_test, y_train, y_test = _s5_split()
    w, b = _line_fit(x_train, y_train, bias)
    x, y = (x_train, y_train) if on_train else (x_test, y_test)
    return w * x + b - y


def rmse_answered_mse():
    return float(np.mean(_test_errors() ** 2))


def rmse_answered_mae():
    return float(np.mean(np.abs(_test_errors())))


def rmse_without_bias():
    return float(np.sqrt(np.mean(_test_errors(bias=False) ** 2)))


def rmse_on_training_rows():
    return float(np.sqrt(np.mean(_test_errors(on_train=True) ** 2)))


@checkpoint(f"{LESSON}.one-feature-rmse", concepts=["reg.loss", "reg.linear-model"], kind="numeric")
class OneFeatureRmse:
    """Fit a line $\\hat{y} = w x + b$ to a single feature of the diabetes data, `s5`
    (column 8 of `load_diabetes(scaled=False)`), using the lesson's split
    (`train_test_split(X, y, test_size=0.25, random_state=0)`) and only the training rows.
    Any of the lesson's three ways works (one feature needs no standardising for least squares
    or scikit-learn). What is the RMSE of this line on the **test** rows?
    """

    decimals = 1
    timeout = 20  # solve() loads scikit-learn, which is slow on a cold start

    def solve():
        return float(np.sqrt(np.mean(_test_errors() ** 2)))

    misconceptions = [
        Misconception(
            "answered-mse",
            rmse_answered_mse,
            "gave the MSE, the square of the RMSE",
            "The RMSE is the square root of the MSE, so it is in the target's own units: "
            "np.sqrt(np.mean(e ** 2)).",
            revisit=f"{LESSON}#the-model-and-the-loss",
        ),
        Misconception(
            "answered-mae",
            rmse_answered_mae,
            "gave the MAE, the mean absolute error",
            "The MAE averages |e|; the RMSE averages e² and then takes the square root. The "
            "RMSE is never smaller than the MAE.",
            revisit=f"{LESSON}#the-model-and-the-loss",
        ),
        Misconception(
            "missing-bias",
            rmse_without_bias,
            "fitted the line without a bias, through the origin",
            "A design matrix with only the feature column forces b = 0. Add a column of ones "
            "(np.column_stack([x, np.ones(len(x))])) or use LinearRegression(), which fits "
            "the intercept by default.",
            revisit=f"{LESSON}#when-the-intercept-is-stuck-at-0",
        ),
        Misconception(
            "scored-on-training-rows",
            rmse_on_training_rows,
            "computed the RMSE on the training rows, not the test rows",
            "Fit on X_train, y_train, but measure the error on X_test, y_test: rows the line "
            "never saw.",
            revisit=f"{LESSON}#how-good-is-it-errors-on-the-test-rows",
        ),
    ]
    hints = [
        "x_train = X_train[:, 8]. Least squares: A = np.column_stack([x_train, "
        "np.ones(len(x_train))]), then np.linalg.lstsq(A, y_train, rcond=None).",
        "Errors on the test rows: e = w * X_test[:, 8] + b - y_test; "
        "then np.sqrt(np.mean(e ** 2)).",
    ]
