"""Checkpoints for the lesson "Debugging training: five broken runs and their loss curves"
(07-debugging-training.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_BUGS = [
    "learning rate too high",
    "gradient sign flipped",
    "unscaled inputs",
    "sorted data, not shuffled",
    "leakage",
]


def blamed_learning_rate():
    return _BUGS[0]


def blamed_unscaled_inputs():
    return _BUGS[2]


def blamed_sorted_data():
    return _BUGS[3]


@checkpoint("nn.debug-training.which-bug", concepts=["nn.training-loop"], kind="choice")
class WhichBug:
    """A network that classifies images into 10 classes prints its mean training loss after
    every epoch. The loss of the very first mini-batch, before any update, was 2.31.

    ```text
    epoch 1: 2.9
    epoch 2: 14.6
    epoch 3: 97.2
    epoch 4: 655.0
    epoch 5: 4391.7
    ```

    The loss of every mini-batch is a little higher than the one before. You run it again with
    the learning rate divided by 10, then by 100: the loss still rises every epoch, only more
    slowly. Which bug is it?

    a) learning rate too high    b) gradient sign flipped    c) unscaled inputs
    d) sorted data, not shuffled    e) leakage

    Set `answer` to the letter of your choice.
    """

    options = _BUGS

    def solve():
        return _BUGS[1]

    misconceptions = [
        Misconception(
            "blamed-learning-rate",
            blamed_learning_rate,
            "blamed the learning rate for a loss that climbs steadily",
            "A learning rate that is too high can make the loss climb at every step too, but "
            "a smaller one cures it: divided by 10 or 100, the loss falls, at least at first. "
            "A loss that rises at every rate, smaller steps only slowing it down, means every "
            "step goes uphill: the update adds the gradient instead of subtracting it.",
            revisit="nn.debug-training#2-gradient-sign-flipped",
        ),
        Misconception(
            "blamed-unscaled-inputs",
            blamed_unscaled_inputs,
            "blamed the inputs' scale, although the first loss was ln 10",
            "Unscaled inputs show before any update: the first loss is far above ln K. Here "
            "it was 2.31, about ln 10 = 2.30, so the untrained network was guessing, as it "
            "should. The trouble starts with the updates.",
            revisit="nn.debug-training#3-unscaled-inputs",
        ),
        Misconception(
            "blamed-sorted-data",
            blamed_sorted_data,
            "blamed the order of the rows",
            "Sorted, unshuffled data makes the batch losses swing in a pattern that repeats "
            "every epoch, some batches near 0 and some high; it does not make every batch "
            "worse than the one before.",
            revisit="nn.debug-training#4-sorted-data-not-shuffled",
        ),
    ]
    hints = [
        "Was the untrained network's first loss reasonable? For 10 classes, guessing gives "
        "ln 10, about 2.30.",
        "What did dividing the learning rate change? Which bug makes every step go the wrong "
        "way, however small?",
    ]


_STARTER = """import numpy as np
from mlpath.toolkit.autograd import Tensor


def fit_predict(X_train, y_train, X_val, lr, steps):
    k = int(y_train.max()) + 1
    Y = np.zeros((len(y_train), k))
    Y[np.arange(len(y_train)), y_train] = 1.0
    W = Tensor(np.zeros((X_train.shape[1], k)))
    b = Tensor(np.zeros(k))
    for _ in range(steps):
        Z = Tensor(X_train) @ W + b
        Z = Z - Z.data.max(axis=1, keepdims=True)
        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()
        W.zero_grad()
        b.zero_grad()
        loss.backward()
        W.data -= lr * W.grad
        b.data -= lr * b.grad
    Z = X_val @ W.data + b.data
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)
"""


# The reference and the variants are graded like a learner's file, so each is self-contained.
# They use NumPy's gradient of softmax regression, (P - Y) / n, which is what the starter's
# autograd computes.
def fit_predict_unscaled(X_train, y_train, X_val, lr, steps):
    k = int(y_train.max()) + 1
    Y = np.zeros((len(y_train), k))
    Y[np.arange(len(y_train)), y_train] = 1.0
    W, b = np.zeros((X_train.shape[1], k)), np.zeros(k)
    for _ in range(steps):
        Z = X_train @ W + b
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P = P / P.sum(axis=1, keepdims=True)
        W = W - lr * X_train.T @ (P - Y) / len(X_train)
        b = b - lr * (P - Y).mean(axis=0)
    Z = X_val @ W + b
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)


def fit_predict_all_rows(X_train, y_train, X_val, lr, steps):
    X_all = np.vstack([X_train, X_val])
    mean, std = X_all.mean(axis=0), X_all.std(axis=0)
    X_train, X_val = (X_train - mean) / std, (X_val - mean) / std
    k = int(y_train.max()) + 1
    Y = np.zeros((len(y_train), k))
    Y[np.arange(len(y_train)), y_train] = 1.0
    W, b = np.zeros((X_train.shape[1], k)), np.zeros(k)
    for _ in range(steps):
        Z = X_train @ W + b
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P = P / P.sum(axis=1, keepdims=True)
        W = W - lr * X_train.T @ (P - Y) / len(X_train)
        b = b - lr * (P - Y).mean(axis=0)
    Z = X_val @ W + b
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)


def fit_predict_val_own_statistics(X_train, y_train, X_val, lr, steps):
    X_train = (X_train - X_train.mean(axis=0)) / X_train.std(axis=0)
    X_val = (X_val - X_val.mean(axis=0)) / X_val.std(axis=0)
    k = int(y_train.max()) + 1
    Y = np.zeros((len(y_train), k))
    Y[np.arange(len(y_train)), y_train] = 1.0
    W, b = np.zeros((X_train.shape[1], k)), np.zeros(k)
    for _ in range(steps):
        Z = X_train @ W + b
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P = P / P.sum(axis=1, keepdims=True)
        W = W - lr * X_train.T @ (P - Y) / len(X_train)
        b = b - lr * (P - Y).mean(axis=0)
    Z = X_val @ W + b
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)


def fit_predict_sample_std(X_train, y_train, X_val, lr, steps):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
    X_train, X_val = (X_train - mean) / std, (X_val - mean) / std
    k = int(y_train.max()) + 1
    Y = np.zeros((len(y_train), k))
    Y[np.arange(len(y_train)), y_train] = 1.0
    W, b = np.zeros((X_train.shape[1], k)), np.zeros(k)
    for _ in range(steps):
        Z = X_train @ W + b
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P = P / P.sum(axis=1, keepdims=True)
        W = W - lr * X_train.T @ (P - Y) / len(X_train)
        b = b - lr * (P - Y).mean(axis=0)
    Z = X_val @ W + b
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)


_SCALES = np.array([1.0, 250.0, 0.02, 40.0])
_OFFSETS = np.array([0.0, 1000.0, 0.1, -300.0])


def _case(rng, n_train, n_val, d, k):
    X = rng.normal(size=(n_train + n_val, d))
    logits = X @ rng.normal(0, 1.5, size=(d, k))
    y = np.argmax(logits + rng.gumbel(size=logits.shape), axis=1)
    y[:k] = np.arange(k)  # every class appears in the training rows
    X = X * _SCALES[:d] + _OFFSETS[:d]  # the same features, in very different units
    lr = float(rng.choice([0.2, 0.5]))
    return X[:n_train], y[:n_train], X[n_train:], lr, int(rng.choice([20, 30]))


@checkpoint(
    "nn.debug-training.fix-scaling",
    concepts=["nn.training-loop", "stat.standardization"],
    kind="fix",
)
class FixScaling:
    """`fit_predict(X_train, y_train, X_val, lr, steps)` trains a softmax regression (one dense
    layer, weights and biases starting at 0) by full-batch gradient descent on the training
    rows, and returns the predicted class probabilities of the validation rows, one row each.
    `y_train` holds class numbers 0, 1, ..., k - 1.

    The features are measured in very different units (one in the thousands, one in
    hundredths), and the training loss jumps around instead of falling. Fix it by
    standardising the inputs: subtract from each column the mean of the *training* rows and
    divide by their standard deviation, `np.std` with its default (dividing by n, as
    scikit-learn's `StandardScaler` does), and apply the same numbers to the validation rows.
    Keep everything else as it is.
    """

    function = "fit_predict"
    starter = _STARTER
    rtol = 1e-6
    atol = 1e-8

    def reference(X_train, y_train, X_val, lr, steps):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)  # training rows only
        X_train, X_val = (X_train - mean) / std, (X_val - mean) / std
        k = int(y_train.max()) + 1
        Y = np.zeros((len(y_train), k))
        Y[np.arange(len(y_train)), y_train] = 1.0
        W, b = np.zeros((X_train.shape[1], k)), np.zeros(k)
        for _ in range(steps):
            Z = X_train @ W + b
            P = np.exp(Z - Z.max(axis=1, keepdims=True))
            P = P / P.sum(axis=1, keepdims=True)
            W = W - lr * X_train.T @ (P - Y) / len(X_train)
            b = b - lr * (P - Y).mean(axis=0)
        Z = X_val @ W + b
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        return P / P.sum(axis=1, keepdims=True)

    def cases(rng):
        sizes = [(30, 8, 3, 2), (40, 10, 4, 3), (50, 12, 4, 3), (36, 9, 2, 2)]
        return [_case(rng, *size) for size in sizes]

    edge_cases = [
        (
            np.array([[1.0, 900.0], [2.0, 1100.0], [3.0, 1000.0], [4.0, 1300.0], [5.0, 1200.0]]),
            np.array([0, 0, 1, 1, 1]),
            np.array([[2.5, 1000.0], [4.5, 1150.0]]),
            0.5,
            20,
        ),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "unscaled",
            fit_predict_unscaled,
            "trained on the raw features, in their own units",
            "A weight's gradient is proportional to its input, and so is the weight's effect "
            "on the output: per step, a feature in the thousands moves the output about a "
            "million times more than a feature in the units. No single learning rate suits "
            "both: the big feature overshoots while the small one barely moves. "
            "Standardise every column first, with the training rows' mean and std.",
            revisit="nn.debug-training#3-unscaled-inputs",
        ),
        Misconception(
            "statistics-from-all-rows",
            fit_predict_all_rows,
            "computed the mean and std from the training and validation rows together",
            "That lets the validation rows shape the preprocessing, a quiet leak: the "
            "validation score no longer measures data the model has never seen. Compute the "
            "mean and std on the training rows only and apply those numbers to both.",
            revisit="nn.debug-training#5-leakage",
        ),
        Misconception(
            "validation-own-statistics",
            fit_predict_val_own_statistics,
            "standardised the validation rows with their own mean and std",
            "The model learned its weights for inputs scaled with the training statistics; "
            "the validation rows must go through exactly the same transformation. With their "
            "own statistics, a validation set with a different mean is shifted to look like "
            "the training data, and a single row could not be scaled at all.",
            revisit="nn.debug-training#3-unscaled-inputs",
        ),
        Misconception(
            "sample-std",
            fit_predict_sample_std,
            "divided by the sample standard deviation (ddof=1)",
            "Dividing by n - 1 is a fine choice in general, but this checkpoint asks for "
            "the convention of StandardScaler, np.std's default, which divides by n, so that "
            "every answer can be compared exactly: use X_train.std(axis=0).",
            revisit="nn.debug-training#3-unscaled-inputs",
        ),
    ]
    hints = [
        "At the top of the function: mean = X_train.mean(axis=0), std = X_train.std(axis=0).",
        "Then X_train = (X_train - mean) / std and X_val = (X_val - mean) / std, with the "
        "training mean and std for both.",
    ]
