"""Checkpoints for the lesson "Normalisation: LayerNorm per row, BatchNorm per column"
(03-normalization.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def layer_norm_batch_axis(X, gamma, beta, eps=1e-5):
    mu = X.mean(axis=0, keepdims=True)
    var = X.var(axis=0, keepdims=True)
    return gamma * (X - mu) / np.sqrt(var + eps) + beta


def layer_norm_axis_1(X, gamma, beta, eps=1e-5):
    mu = X.mean(axis=1, keepdims=True)
    var = X.var(axis=1, keepdims=True)
    return gamma * (X - mu) / np.sqrt(var + eps) + beta


def layer_norm_whole_array(X, gamma, beta, eps=1e-5):
    return gamma * (X - X.mean()) / np.sqrt(X.var() + eps) + beta


def layer_norm_no_eps(X, gamma, beta, eps=1e-5):
    mu = X.mean(axis=-1, keepdims=True)
    var = X.var(axis=-1, keepdims=True)
    return gamma * (X - mu) / np.sqrt(var) + beta


def layer_norm_eps_outside(X, gamma, beta, eps=1e-5):
    mu = X.mean(axis=-1, keepdims=True)
    std = X.std(axis=-1, keepdims=True)
    return gamma * (X - mu) / (std + eps) + beta


def layer_norm_sample_var(X, gamma, beta, eps=1e-5):
    mu = X.mean(axis=-1, keepdims=True)
    var = X.var(axis=-1, ddof=1, keepdims=True)
    return gamma * (X - mu) / np.sqrt(var + eps) + beta


def layer_norm_no_gain_bias(X, gamma, beta, eps=1e-5):
    mu = X.mean(axis=-1, keepdims=True)
    var = X.var(axis=-1, keepdims=True)
    return (X - mu) / np.sqrt(var + eps)


def _case(rng, shape):
    X = rng.normal(rng.normal(0, 2), rng.uniform(0.5, 3), size=shape)
    d = shape[-1]
    return X, rng.uniform(0.5, 2.0, size=d), rng.normal(0, 1, size=d), 1e-5


@checkpoint("nn.normalization.layer-norm", concepts=["nn.normalization"])
class LayerNorm:
    """Write `layer_norm(X, gamma, beta, eps)`: LayerNorm over the **last** axis of `X`, which
    may have two axes (examples, features) or three (sequences, tokens, features). Each row of
    features is standardised with its own mean and variance (dividing by the number of
    features, `ddof=0`), then scaled by the gain `gamma` and shifted by the bias `beta`, one
    entry per feature:
    $y = \\gamma \\, (x - \\mu) / \\sqrt{\\sigma^2 + \\varepsilon} + \\beta$.
    Return an array of the shape of `X`.
    """

    function = "layer_norm"
    starter = "import numpy as np\n\n\ndef layer_norm(X, gamma, beta, eps=1e-5):\n    ...\n"
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too

    def reference(X, gamma, beta, eps=1e-5):
        mu = X.mean(axis=-1, keepdims=True)
        var = X.var(axis=-1, keepdims=True)
        return gamma * (X - mu) / np.sqrt(var + eps) + beta

    def cases(rng):
        return [_case(rng, shape) for shape in [(4, 5), (3, 6), (2, 3, 4), (5, 3), (2, 4, 6)]]

    edge_cases = [
        (
            # the last row barely varies: eps matters there
            np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 20.0, 30.0, 60.0], [0.001, -0.001, 0.0, 0.002]]),
            np.array([1.0, 1.0, 2.0, 2.0]),
            np.array([0.0, 0.5, 0.0, -0.5]),
            1e-5,
        ),
        (
            np.array([[[1.0, 3.0, 2.0], [4.0, 0.0, 2.0]], [[0.0, 1.0, 5.0], [2.0, 2.5, 3.5]]]),
            np.array([1.0, 2.0, 0.5]),
            np.array([0.1, 0.0, -0.1]),
            1e-5,
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "batch-axis",
            layer_norm_batch_axis,
            "averaged over axis 0, the batch axis: that is BatchNorm",
            "LayerNorm standardises each example by itself, over its features; averaging "
            "down axis 0 compares each feature across the examples of the batch, so one "
            "example's output depends on the others.",
            revisit="nn.normalization#layernorm-over-the-wrong-axis",
            fix="use `axis=-1, keepdims=True` for both the mean and the variance.",
        ),
        Misconception(
            "axis-1",
            layer_norm_axis_1,
            "averaged over axis 1, which is the last axis only for two-axis arrays",
            "For (sequences, tokens, features) arrays, axis 1 is the tokens. LayerNorm "
            "normalises each token's features: the last axis, axis=-1, whatever the number "
            "of axes in front of it.",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
        ),
        Misconception(
            "whole-array",
            layer_norm_whole_array,
            "took one mean and one variance over the whole array (no axis)",
            "X.mean() without an axis averages every number of the batch at once, so each "
            "example is standardised with the others' numbers. LayerNorm computes one mean and "
            "one variance per row of features: reduce over the last axis only, and keep it.",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
            fix="use `X.mean(axis=-1, keepdims=True)` and `X.var(axis=-1, keepdims=True)`.",
        ),
        Misconception(
            "no-eps",
            layer_norm_no_eps,
            "left eps out: divided by the standard deviation alone",
            "eps is added to the variance inside the square root, sqrt(var + eps). Without it "
            "a row that barely varies is blown up to values of size 1, and a constant row "
            "gives 0/0 = nan.",
            revisit="nn.normalization#gain-bias-and-eps",
        ),
        Misconception(
            "eps-outside-sqrt",
            layer_norm_eps_outside,
            "added eps to the standard deviation instead of to the variance",
            "The formula adds eps to the variance, then takes the root: sqrt(var + eps), not "
            "std + eps. The two differ when a row's variance is not much larger than eps.",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
        ),
        Misconception(
            "sample-variance",
            layer_norm_sample_var,
            "divided the variance by d - 1 (ddof=1)",
            "LayerNorm, in the frameworks and here, divides the sum of squares by the number "
            "of features d: NumPy's default, X.var(axis=-1).",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
        ),
        Misconception(
            "no-gain-bias",
            layer_norm_no_gain_bias,
            "standardised the rows but never applied gamma and beta",
            "After standardising, multiply by the gain gamma and add the bias beta: they are "
            "the layer's learned parameters, one per feature.",
            revisit="nn.normalization#gain-bias-and-eps",
        ),
    ]
    hints = [
        "mu = X.mean(axis=-1, keepdims=True); the variance the same way with X.var.",
        "keepdims=True keeps a length-1 last axis, so X - mu broadcasts row by row.",
    ]


def _image0():
    from sklearn.datasets import load_digits

    return load_digits().data


def digit_max_batch_axis():
    pixels = _image0()
    Y = (pixels - pixels.mean(axis=0)) / np.sqrt(pixels.var(axis=0) + 1e-5)
    return float(Y[0].max())


def digit_max_sample_var():
    x = _image0()[0]
    return float(((x - x.mean()) / np.sqrt(x.var(ddof=1) + 1e-5)).max())


def digit_max_not_centred():
    x = _image0()[0]
    return float((x / np.sqrt(x.var() + 1e-5)).max())


@checkpoint("nn.normalization.digit-max", concepts=["nn.normalization"], kind="numeric")
class DigitMax:
    """Apply LayerNorm to the first image of `load_digits().data`, its 64 raw pixel values
    (0 to 16) as one row of features, with $\\gamma = 1$, $\\beta = 0$ and
    $\\varepsilon = 10^{-5}$. What is the largest value in the result? Set `answer` to it.
    """

    decimals = 3

    def solve():
        x = _image0()[0]
        return float(((x - x.mean()) / np.sqrt(x.var() + 1e-5)).max())

    misconceptions = [
        Misconception(
            "batch-axis",
            digit_max_batch_axis,
            "normalised each pixel over all 1797 images: that is BatchNorm",
            "LayerNorm uses the image's own 64 pixels: one mean and one variance for the row, "
            "not one per pixel over the data set.",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
        ),
        Misconception(
            "sample-variance",
            digit_max_sample_var,
            "divided the variance by 63 instead of 64 (ddof=1)",
            "LayerNorm divides by the number of features, 64: x.var() with NumPy's default ddof=0.",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
        ),
        Misconception(
            "not-centred",
            digit_max_not_centred,
            "divided by the standard deviation without subtracting the mean",
            "Standardising has two steps: subtract the row's mean, then divide by its "
            "standard deviation.",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
        ),
    ]
    hints = [
        "x = load_digits().data[0] is one row of 64 numbers.",
        "(x - x.mean()) / np.sqrt(x.var() + 1e-5), then its max().",
    ]


_AXIS_OPTIONS = [
    "the C features of one token: one mean for each sequence and token",
    "the B sequences of the batch: one mean for each token position and feature",
    "the T tokens of one sequence: one mean for each sequence and feature",
    "all T x C numbers of one sequence: one mean for each sequence",
]


def axis_batch():
    return _AXIS_OPTIONS[1]


def axis_tokens():
    return _AXIS_OPTIONS[2]


def axis_sequence():
    return _AXIS_OPTIONS[3]


@checkpoint("nn.normalization.which-axis", concepts=["nn.normalization"], kind="choice")
class WhichAxis:
    """A transformer's activations have shape $(B, T, C)$: $B$ sequences in the batch, $T$
    tokens in each, $C$ features per token. Its LayerNorm is PyTorch's `nn.LayerNorm(C)`. Over
    which numbers does it compute each mean and variance?

    a) the C features of one token: one mean for each sequence and token
    b) the B sequences of the batch: one mean for each token position and feature
    c) the T tokens of one sequence: one mean for each sequence and feature
    d) all T x C numbers of one sequence: one mean for each sequence

    Set `answer` to the letter of your choice.
    """

    options = _AXIS_OPTIONS

    def solve():
        return _AXIS_OPTIONS[0]

    misconceptions = [
        Misconception(
            "batch-axis",
            axis_batch,
            "averaged over the batch: that is BatchNorm",
            "Averaging over the B sequences would make one sequence's output depend on the "
            "others in its batch. LayerNorm treats each token on its own.",
            revisit="nn.normalization#layernorm-over-the-wrong-axis",
        ),
        Misconception(
            "token-axis",
            axis_tokens,
            "averaged over the tokens of a sequence",
            "That mixes the tokens of a sequence: a later token's values would change an "
            "earlier token's output. LayerNorm(C) normalises the last axis, the C features of "
            "each token.",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
        ),
        Misconception(
            "whole-sequence",
            axis_sequence,
            "averaged over all the numbers of a sequence",
            "nn.LayerNorm(C) is given only the last axis's length, C, so it normalises that "
            "axis alone: each token's C features, one mean per token.",
            revisit="nn.normalization#the-idea-the-same-z-score-two-axes",
        ),
    ]
    hints = ["LayerNorm normalises the last axis, axis=-1. Which one is it in (B, T, C)?"]
