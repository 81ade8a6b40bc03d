"""Checkpoints for the lesson "Standardisation: z-scores and features on one scale"."""

import numpy as np
from sklearn.datasets import load_wine

from mlpath.grade import Misconception, Operation, checkpoint

SCALER = Operation(
    "a ready-made standardisation",
    frozenset(
        {
            "StandardScaler",
            "RobustScaler",
            "MinMaxScaler",
            "scale",
            "robust_scale",
            "minmax_scale",
            "zscore",
            "zmap",
        }
    ),
)


def standardize_fit_on_test(X_train, X_test):
    return (X_test - X_test.mean(axis=0)) / X_test.std(axis=0)


def standardize_fit_on_all(X_train, X_test):
    X_all = np.vstack([X_train, X_test])
    return (X_test - X_all.mean(axis=0)) / X_all.std(axis=0)


def standardize_ddof1(X_train, X_test):
    return (X_test - X_train.mean(axis=0)) / X_train.std(axis=0, ddof=1)


def standardize_by_variance(X_train, X_test):
    return (X_test - X_train.mean(axis=0)) / X_train.var(axis=0)


@checkpoint("stat.standardization.implement", concepts=["stat.standardization"])
class ImplementStandardize:
    """Write `standardize(X_train, X_test)`: the z-scores of the rows of `X_test`, computed with
    the mean and standard deviation (ddof=0, as `StandardScaler` uses) of each column of
    `X_train`. Both are 2-D arrays with the same number of columns; return an array of the
    shape of `X_test`.

    For `X_train = [[1, 100], [3, 300]]` and `X_test = [[2, 400], [4, 0]]` the answer is
    `[[0, 2], [2, -2]]`. Use NumPy (`mean`, `std` and broadcasting); scikit-learn's scalers
    (and its `scale` function), `scipy.stats.zscore` and `zmap` are not allowed.
    """

    function = "standardize"
    starter = "import numpy as np\n\n\ndef standardize(X_train, X_test):\n    ...\n"
    forbidden = [SCALER]

    def reference(X_train, X_test):
        mu = X_train.mean(axis=0)
        sigma = X_train.std(axis=0)
        return (X_test - mu) / sigma

    def cases(rng):
        out = []
        for m, k, d in [(8, 3, 3), (10, 4, 3), (12, 5, 2), (15, 6, 4), (20, 5, 5), (9, 4, 2)]:
            loc = rng.uniform(-50, 50, size=d)
            scale = rng.uniform(0.5, 20, size=d)
            X_train = np.round(rng.normal(loc, scale, size=(m, d)), 2)
            X_test = np.round(rng.normal(loc, scale, size=(k, d)), 2)
            out.append((X_train, X_test))
        return out

    edge_cases = [
        (np.array([[1.0, 100.0], [3.0, 300.0]]), np.array([[2.0, 400.0], [4.0, 0.0]])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "fit-on-test",
            standardize_fit_on_test,
            "computed the mean and standard deviation from X_test itself",
            "New data must be scaled with numbers fixed before it arrived: the training "
            "columns' means and standard deviations. Fitted on the test rows, every test column "
            "comes out with mean exactly 0 and std exactly 1, which is the warning sign.",
            revisit="stat.standardization#when-the-test-set-comes-out-perfectly-standardised",
        ),
        Misconception(
            "fit-on-all",
            standardize_fit_on_all,
            "computed the mean and standard deviation from the training and test rows together",
            "Statistics of all the rows include the test rows, so the test set helps compute "
            "its own preprocessing (leakage). Use X_train.mean(axis=0) and X_train.std(axis=0) "
            "only.",
            revisit="stat.standardization#fit-on-the-training-rows-only",
        ),
        Misconception(
            "ddof-1",
            standardize_ddof1,
            "used the sample standard deviation (ddof=1) instead of ddof=0",
            "StandardScaler, and this checkpoint, divide by the standard deviation with ddof=0, "
            "NumPy's default: X_train.std(axis=0).",
            revisit="stat.standardization#standardscaler-matched-by-hand",
        ),
        Misconception(
            "divided-by-variance",
            standardize_by_variance,
            "divided by the variance instead of the standard deviation",
            "A z-score counts standard deviations: divide by X_train.std(axis=0), the square "
            "root of the variance, so that the units cancel.",
            revisit="stat.standardization#the-formula",
        ),
    ]
    hints = [
        "`mu = X_train.mean(axis=0)` and `sigma = X_train.std(axis=0)`: one number per column.",
        "`(X_test - mu) / sigma` broadcasts them over every test row.",
    ]


def _wine_split():
    X = load_wine().data
    rng = np.random.default_rng(0)
    perm = rng.permutation(len(X))
    return X[perm[:124]], X[perm[124:]]


def mean_fit_on_test():
    _, X_test = _wine_split()
    x = X_test[:, 12]
    return float(np.mean((x - x.mean()) / x.std()))


def mean_fit_on_all():
    X_train, X_test = _wine_split()
    x_all = np.concatenate([X_train[:, 12], X_test[:, 12]])
    return float(np.mean((X_test[:, 12] - x_all.mean()) / x_all.std()))


@checkpoint("stat.standardization.test-mean", concepts=["stat.standardization"], kind="numeric")
class ProlineTestMean:
    """Split the wine data exactly as the lesson does:

    ```python
    import numpy as np
    from sklearn.datasets import load_wine
    X = load_wine().data
    rng = np.random.default_rng(0)
    perm = rng.permutation(len(X))
    X_train, X_test = X[perm[:124]], X[perm[124:]]
    ```

    Standardise the test rows correctly, with the statistics of the training rows, and give the
    mean of the standardised **proline** column (column 12) over the 54 test wines. Set
    `answer` to that number.
    """

    decimals = 3

    def solve():
        X_train, X_test = _wine_split()
        mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
        return float(((X_test - mu) / sigma)[:, 12].mean())

    misconceptions = [
        Misconception(
            "fit-on-test",
            mean_fit_on_test,
            "gave 0, the mean of a column standardised with its own mean and standard deviation",
            "Any column standardised with its own statistics has mean exactly 0: the test column "
            "fitted on the test rows, or the training column itself. Standardise the test rows "
            "with the training rows' mean and std, then average the test column: close to 0, "
            "not equal to it.",
            revisit="stat.standardization#when-the-test-set-comes-out-perfectly-standardised",
        ),
        Misconception(
            "fit-on-all",
            mean_fit_on_all,
            "standardised with the mean and standard deviation of all 178 wines",
            "Statistics of all the wines include the 54 test wines. Compute the mean and std "
            "from X_train only (StandardScaler().fit(X_train)), then transform X_test.",
            revisit="stat.standardization#fit-on-the-training-rows-only",
        ),
    ]
    hints = [
        "`scaler = StandardScaler().fit(X_train)`, then `scaler.transform(X_test)`.",
        "Take column 12 of the result and its mean.",
    ]
