"""Checkpoints for the lesson "A dense layer is Wx + b" (11-dense-layer.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def dense_no_bias(X, W, b):
    return X @ W.T


def dense_no_transpose(X, W, b):
    return X @ W + b


def dense_elementwise(X, W, b):
    return X * W + b


def dense_batch_in_columns(X, W, b):
    return W @ X.T + b[:, None]


def _layer(rng, batch, n_in, n_out):
    X = rng.integers(-4, 5, size=(batch, n_in)).astype(float)
    W = rng.integers(-3, 4, size=(n_out, n_in)).astype(float)
    b = rng.integers(1, 6, size=n_out) * rng.choice([-1.0, 1.0], size=n_out)
    return X, W, b


@checkpoint("nn.dense-layer.implement", concepts=["nn.dense-layer"])
class ImplementDense:
    """Write `dense(X, W, b)`: a dense layer applied to a batch.

    - `X` has shape `(B, n_in)`: one input per row.
    - `W` has shape `(n_out, n_in)`: one row of weights per neuron, as in the lesson.
    - `b` has shape `(n_out,)`: one bias per neuron.

    Return the outputs, shape `(B, n_out)`: row $k$ is $W\\mathbf{x}_k + \\mathbf{b}$ for
    input row $\\mathbf{x}_k$ of `X`.
    """

    function = "dense"
    starter = "import numpy as np\n\n\ndef dense(X, W, b):\n    ...\n"

    def reference(X, W, b):
        return X @ W.T + b

    def cases(rng):
        shapes = [(5, 4, 3), (2, 3, 3), (4, 2, 1), (3, 4, 2), (6, 5, 3)]
        return [_layer(rng, batch, n_in, n_out) for batch, n_in, n_out in shapes]

    edge_cases = [
        (  # one neuron (n_out = 1) on a batch of 2 inputs with 3 features
            np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 2.0]]),
            np.array([[2.0, 0.0, -1.0]]),
            np.array([0.5]),
        ),
        (  # 2 neurons, 4 features, batch of 3
            np.array([[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], [6.3, 3.3, 6.0, 2.5]]),
            np.array([[0.0, 0.0, 1.0, 2.0], [1.0, -1.0, 1.0, -1.0]]),
            np.array([-5.0, 1.0]),
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "missing-bias",
            dense_no_bias,
            "left out the bias: returned X @ W.T without + b",
            "Each neuron adds its own bias after the dot product. Without it every output is "
            "forced through the origin (an all-zero input gives all zeros). Add b: it has shape "
            "(n_out,) and broadcasts over the rows of X @ W.T.",
            revisit="nn.dense-layer#a-layer-without-its-bias",
        ),
        Misconception(
            "missing-transpose",
            dense_no_transpose,
            "multiplied by W instead of W.T",
            "W has shape (n_out, n_in), one row per neuron. For a batch in the rows of X, each "
            "row must be dotted with each row of W: X @ W.T, (B, n_in) @ (n_in, n_out). "
            "X @ W only runs when W is square, and then it gives the wrong numbers.",
            revisit="nn.dense-layer#a-batch-one-input-per-row",
        ),
        Misconception(
            "elementwise-product",
            dense_elementwise,
            "used the elementwise product X * W instead of a matrix product",
            "X * W multiplies matching entries (and only runs when the shapes broadcast); the "
            "sums of the dot products are missing. Each output is a dot product plus a bias: "
            "X @ W.T + b.",
            revisit="nn.dense-layer#a-layer-many-neurons-at-once",
        ),
        Misconception(
            "batch-in-columns",
            dense_batch_in_columns,
            "computed W @ X.T (+ b) and returned one column per input",
            "W @ X.T puts the inputs in columns, shape (n_out, B). The batch convention keeps one "
            "input per row, shape (B, n_out): X @ W.T + b, which is (W @ X.T).T + b.",
            revisit="nn.dense-layer#a-batch-one-input-per-row",
        ),
    ]
    hints = [
        "Shapes: (B, n_in) @ (n_in, n_out) -> (B, n_out). Which matrix has shape (n_in, n_out)?",
        "Then add b, shape (n_out,): it broadcasts over the rows.",
    ]


_N_PIXELS, _N_DIGITS = 64, 10


def count_no_bias():
    return _N_DIGITS * _N_PIXELS


def count_one_bias():
    return _N_DIGITS * _N_PIXELS + 1


def count_bias_per_input():
    return _N_DIGITS * _N_PIXELS + _N_PIXELS


@checkpoint("nn.dense-layer.param-count", concepts=["nn.dense-layer"], kind="numeric")
class ParamCount:
    """A `load_digits` image has 64 pixel values. A dense layer takes those 64 numbers as input
    and gives 10 outputs, one score per digit 0 to 9. How many numbers does the layer learn
    (every entry of `W` and of `b`)? Set `answer` to that number.
    """

    decimals = 0

    def solve():
        from sklearn.datasets import load_digits

        n_in = load_digits().data.shape[1]
        W = np.zeros((_N_DIGITS, n_in))
        b = np.zeros(_N_DIGITS)
        return W.size + b.size

    misconceptions = [
        Misconception(
            "no-bias",
            count_no_bias,
            "counted the weights but not the biases",
            "W has 10 x 64 entries, and each of the 10 neurons also has its own bias: b has "
            "shape (10,).",
            revisit="nn.dense-layer#a-layer-many-neurons-at-once",
        ),
        Misconception(
            "one-bias",
            count_one_bias,
            "gave the whole layer a single bias",
            "Every neuron has its own bias, so there is one bias per output: b has shape "
            "(n_out,), here (10,).",
            revisit="nn.dense-layer#a-layer-many-neurons-at-once",
        ),
        Misconception(
            "bias-per-input",
            count_bias_per_input,
            "gave one bias per input instead of one per output",
            "The bias is added to each neuron's output, after the dot product: b has shape "
            "(n_out,), not (n_in,).",
            revisit="nn.dense-layer#one-neuron-a-dot-product-plus-a-bias",
        ),
    ]
    hints = [
        "W has shape (n_out, n_in) and b has shape (n_out,).",
        "Count W.size + b.size.",
    ]
