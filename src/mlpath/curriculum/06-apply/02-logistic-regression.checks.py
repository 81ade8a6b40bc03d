"""Checkpoints for the lesson "Logistic regression on breast cancer" (02-logistic-regression.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "clf.logistic-regression"


def gradient_sign_error(X, y, w, b):
    p = 1 / (1 + np.exp(-(X @ w + b)))
    g = y - p  # truth minus probability: the opposite sign
    return np.append(X.T @ g, np.sum(g)) / len(y)


def gradient_without_sigmoid(X, y, w, b):
    z = X @ w + b
    g = z - y  # the score used as if it were the probability
    return np.append(X.T @ g, np.sum(g)) / len(y)


def gradient_sum_not_mean(X, y, w, b):
    p = 1 / (1 + np.exp(-(X @ w + b)))
    g = p - y
    return np.append(X.T @ g, np.sum(g))


def gradient_without_bias(X, y, w, b):
    p = 1 / (1 + np.exp(-(X @ w)))  # the score forgets + b
    g = p - y
    return np.append(X.T @ g, np.sum(g)) / len(y)


def gradient_extra_sigmoid_derivative(X, y, w, b):
    p = 1 / (1 + np.exp(-(X @ w + b)))
    g = (p - y) * p * (1 - p)  # the sigmoid's derivative kept, though it cancels
    return np.append(X.T @ g, np.sum(g)) / len(y)


def gradient_missing_inner_derivative(X, y, w, b):
    p = 1 / (1 + np.exp(-(X @ w + b)))
    g = -(y / p - (1 - y) / (1 - p))  # dL/dp used as if it were dL/dz: no sigmoid'(z)
    return np.append(X.T @ g, np.sum(g)) / len(y)


def gradient_factor_two(X, y, w, b):
    p = 1 / (1 + np.exp(-(X @ w + b)))
    g = p - y
    return 2 * np.append(X.T @ g, np.sum(g)) / len(y)


@checkpoint(f"{LESSON}.gradient", concepts=["clf.logistic-regression", "clf.sigmoid"])
class LogLossGradient:
    """Write `log_loss_gradient(X, y, w, b)`: the gradient of the log loss of logistic
    regression,

    $$L(\\mathbf{w}, b) = -\\frac{1}{n}\\sum_{i=1}^{n}
    \\left[\\, y_i \\ln p_i + (1 - y_i) \\ln(1 - p_i) \\,\\right], \\qquad
    p_i = \\sigma(\\mathbf{w} \\cdot \\mathbf{x}_i + b),$$

    for `X` of shape `(n, d)`, labels `y` of 0s and 1s, weights `w` of shape `(d,)` and a bias
    `b` (a number). Return one array of `d + 1` numbers: the `d` partial derivatives with
    respect to the weights, then the one with respect to `b`.

    Your result is compared with a finite-difference gradient of $L$ at random points, so any
    correct formula passes.
    """

    function = "log_loss_gradient"
    starter = "import numpy as np\n\n\ndef log_loss_gradient(X, y, w, b):\n    ...\n"
    rtol = 1e-5
    atol = 1e-7

    def reference(X, y, w, b):
        def loss(theta):  # the log loss as a function of (w, b) together
            p = 1 / (1 + np.exp(-(X @ theta[:-1] + theta[-1])))
            return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

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
        for n, d in [(6, 1), (8, 2), (10, 3), (12, 2), (20, 4), (15, 3)]:
            X = rng.normal(size=(n, d))
            y = np.resize([0, 1], n)[rng.permutation(n)]  # both classes in every case
            w = rng.normal(size=d)
            b = float(rng.uniform(0.3, 1.5) * rng.choice([-1, 1]))
            out.append((X, y, w, b))
        return out

    edge_cases = [
        (np.array([[1.0], [-1.0], [2.0]]), np.array([1, 0, 0]), np.array([0.5]), 0.25),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "sign-error",
            gradient_sign_error,
            "used y - p instead of p - y, so every entry has the wrong sign",
            "The derivative of the log loss with respect to the score z_i is (p_i - y_i) / n, "
            "probability minus label. With y - p, gradient descent climbs the loss.",
            revisit=f"{LESSON}#when-the-loss-goes-up",
        ),
        Misconception(
            "no-sigmoid",
            gradient_without_sigmoid,
            "used the score z = X @ w + b where the probability p = sigmoid(z) belongs",
            "The errors in the gradient are p - y, with p = 1 / (1 + exp(-z)) between 0 and 1; "
            "the raw score z is not a probability.",
            revisit=f"{LESSON}#the-idea-from-a-score-to-a-probability",
        ),
        Misconception(
            "sum-not-mean",
            gradient_sum_not_mean,
            "summed over the rows instead of averaging, so the result is n times too large",
            "The loss is a mean over the rows, so its gradient is divided by n too: "
            "X.T @ (p - y) / n.",
            revisit=f"{LESSON}#the-loss-and-its-gradient",
        ),
        Misconception(
            "missing-bias",
            gradient_without_bias,
            "computed the probabilities from X @ w, without + b",
            "The score is z = X @ w + b: leave out b and every probability, and so the "
            "gradient, is wrong whenever b is not 0.",
            revisit=f"{LESSON}#the-loss-and-its-gradient",
        ),
        Misconception(
            "extra-sigmoid-derivative",
            gradient_extra_sigmoid_derivative,
            "multiplied by the sigmoid's derivative p(1 - p), which cancels for the log loss",
            "The derivative of -ln p with respect to z is -(1 - p), and of -ln(1 - p) it is p: "
            "together (p - y), with no p(1 - p) left. (p - y) p (1 - p) is the gradient of a "
            "squared error on the probabilities, a different loss.",
            revisit=f"{LESSON}#the-loss-and-its-gradient",
        ),
        Misconception(
            "missing-inner-derivative",
            gradient_missing_inner_derivative,
            "used the derivative with respect to p, -(y/p - (1 - y)/(1 - p)), as if it were the "
            "one with respect to the score z",
            "The chain rule has one more factor: p depends on z through the sigmoid, whose "
            "derivative is p(1 - p). Multiplying -(y/p - (1 - y)/(1 - p)) by p(1 - p) leaves "
            "p - y.",
            revisit=f"{LESSON}#the-loss-and-its-gradient",
        ),
        Misconception(
            "factor-two",
            gradient_factor_two,
            "kept the factor 2 of the squared error, so every entry is twice the right one",
            "The 2 comes from differentiating a square; the log loss has no square, so its "
            "gradient is X.T @ (p - y) / n.",
            revisit=f"{LESSON}#the-loss-and-its-gradient",
        ),
    ]
    hints = [
        "Compute the probabilities p = 1 / (1 + np.exp(-(X @ w + b))), one per row.",
        "The weights' part is X.T @ (p - y) / n and the bias's part np.mean(p - y); "
        "`np.append` joins them.",
    ]


_P = 0.9


def log_odds_log10():
    return float(np.log10(_P / (1 - _P)))


def log_odds_log_p():
    return float(np.log(_P))


def log_odds_upside_down():
    return float(np.log((1 - _P) / _P))


@checkpoint(f"{LESSON}.log-odds", concepts=["clf.sigmoid"], kind="numeric")
class LogOdds:
    """A hospital wants the lesson's model to flag a tumour only when it gives it a probability
    of malignancy of at least $p = 0.9$. The model computes a score $z = \\mathbf{w} \\cdot
    \\mathbf{x} + b$ and $p = \\sigma(z)$. Above which value of the score $z$ is a tumour
    flagged?
    """

    decimals = 2

    def solve():
        return float(np.log(_P / (1 - _P)))

    misconceptions = [
        Misconception(
            "log10",
            log_odds_log10,
            "took the base-10 logarithm of the odds",
            "The sigmoid uses e: p = 1 / (1 + e^-z), so its inverse is the natural log, "
            "z = ln(p / (1 - p)) (np.log, not np.log10).",
            revisit=f"{LESSON}#the-idea-from-a-score-to-a-probability",
        ),
        Misconception(
            "log-of-p",
            log_odds_log_p,
            "took ln p instead of the log of the odds p / (1 - p)",
            "The inverse of the sigmoid is the log-odds, z = ln(p / (1 - p)): the log of the "
            "odds, not of the probability.",
            revisit=f"{LESSON}#the-idea-from-a-score-to-a-probability",
        ),
        Misconception(
            "odds-upside-down",
            log_odds_upside_down,
            "wrote the odds upside down, (1 - p) / p, which flips the sign",
            "A probability above 0.5 must give a positive score. The odds are p / (1 - p), "
            "here 9 to 1.",
            revisit=f"{LESSON}#the-threshold-is-yours-to-choose",
        ),
    ]
    hints = [
        "Flagging p >= t is the same as flagging z >= ln(t / (1 - t)).",
        "The odds of p = 0.9 are 0.9 / 0.1.",
    ]


def _test_probabilities(on_train=False, benign_is_1=False):
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    data = load_breast_cancer()
    X = data.data[:, [0, 1]]
    y = data.target if benign_is_1 else (data.target == 0).astype(int)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=y
    )
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    Z_train, Z_test = (X_train - mean) / std, (X_test - mean) / std
    w, b = np.zeros(2), 0.0
    for _ in range(2000):  # converged: the weights stop changing long before
        p = 1 / (1 + np.exp(-(Z_train @ w + b)))
        w = w - Z_train.T @ (p - y_train) / len(y_train)
        b = b - np.mean(p - y_train)
    Z, y = (Z_train, y_train) if on_train else (Z_test, y_test)
    return 1 / (1 + np.exp(-(Z @ w + b))), y


_T = 0.35


def recall_wrong_side():
    p, y = _test_probabilities()
    return float(np.mean((p < _T)[y == 1]))


def recall_on_training_rows():
    p, y = _test_probabilities(on_train=True)
    return float(np.mean((p >= _T)[y == 1]))


def recall_answered_precision():
    p, y = _test_probabilities()
    return float(np.mean(y[p >= _T] == 1))


def recall_of_benign():
    p, y = _test_probabilities(benign_is_1=True)  # the dataset's own coding, everywhere
    return float(np.mean((p >= _T)[y == 1]))


@checkpoint(f"{LESSON}.recall-at-threshold", concepts=["clf.threshold"], kind="numeric")
class RecallAtThreshold:
    """Take the lesson's model: the two features, the same split
    (`test_size=0.25, random_state=0, stratify=y`), standardised with the training rows, and
    fitted by gradient descent or by `LogisticRegression(C=np.inf)`. Flag a tumour as malignant
    when its probability is at least $t = 0.35$. What is the **recall** on the test rows: the
    share of the malignant test tumours that are flagged?
    """

    decimals = 3
    timeout = 20  # solve() loads scikit-learn, which is slow on a cold start

    def solve():
        p, y = _test_probabilities()
        return float(np.mean((p >= _T)[y == 1]))

    misconceptions = [
        Misconception(
            "wrong-side",
            recall_wrong_side,
            "flagged the tumours below the threshold, p < t, instead of p >= t",
            "The model's p is the probability of malignant, so a tumour is flagged when p is "
            "at least t; p < t picks the ones the model thinks benign.",
            revisit=f"{LESSON}#the-threshold-is-yours-to-choose",
        ),
        Misconception(
            "scored-on-training-rows",
            recall_on_training_rows,
            "measured the recall on the training rows",
            "The honest number comes from the test rows, which the model never saw: use "
            "Z_test and y_test.",
            revisit=f"{LESSON}#honest-evaluation-the-test-rows",
        ),
        Misconception(
            "answered-precision",
            recall_answered_precision,
            "gave the precision, the share of flagged tumours that are malignant",
            "Recall divides by the malignant tumours: of the 53 malignant test tumours, how "
            "many have p >= t? Precision divides by the flagged ones instead.",
            revisit=f"{LESSON}#honest-evaluation-the-test-rows",
        ),
        Misconception(
            "benign-as-positive",
            recall_of_benign,
            "used the dataset's coding, 1 = benign, so you flagged and counted benign tumours",
            "The dataset codes malignant as 0; the lesson turns it into y = 1 with "
            "(data.target == 0). The positive class is malignant.",
            revisit=f"{LESSON}#the-data-two-measurements-per-tumour",
        ),
    ]
    hints = [
        "Rebuild p_test as in the lesson, then flagged = p_test >= 0.35.",
        "Recall: np.sum(flagged & (y_test == 1)) / np.sum(y_test == 1).",
    ]
