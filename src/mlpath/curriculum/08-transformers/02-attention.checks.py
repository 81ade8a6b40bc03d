"""Checkpoints for the lesson "Attention as matrix products" (02-attention.md)."""

import numpy as np

from mlpath.grade import Invariant, Misconception, checkpoint


# The variants are graded like a learner's file, so each is self-contained.
def attention_no_scale(Q, K, V):
    S = Q @ np.swapaxes(K, -2, -1)
    W = np.exp(S - S.max(axis=-1, keepdims=True))
    return W / W.sum(axis=-1, keepdims=True) @ V


def attention_wrong_axis(Q, K, V):
    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])
    W = np.exp(S - S.max(axis=-2, keepdims=True))
    return W / W.sum(axis=-2, keepdims=True) @ V


def attention_scale_by_d(Q, K, V):
    S = Q @ np.swapaxes(K, -2, -1) / Q.shape[-1]
    W = np.exp(S - S.max(axis=-1, keepdims=True))
    return W / W.sum(axis=-1, keepdims=True) @ V


def attention_scale_by_tokens(Q, K, V):
    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-2])
    W = np.exp(S - S.max(axis=-1, keepdims=True))
    return W / W.sum(axis=-1, keepdims=True) @ V


def attention_scaled_output(Q, K, V):
    S = Q @ np.swapaxes(K, -2, -1)
    W = np.exp(S - S.max(axis=-1, keepdims=True))
    return W / W.sum(axis=-1, keepdims=True) @ V / np.sqrt(Q.shape[-1])


def _qkv(rng, lead, T, d, d_v):
    Q = rng.normal(0.0, 1.5, size=(*lead, T, d))
    K = rng.normal(0.0, 1.5, size=(*lead, T, d))
    V = rng.normal(0.0, 1.0, size=(*lead, T, d_v))
    return Q, K, V


def _rows_of_values(Q, K, V, got):
    """Each output row is an average of value rows, so it lies within their range."""
    got = np.asarray(got, dtype=float)
    if got.shape != V.shape:
        return True
    low = V.min(axis=-2, keepdims=True) - 1e-9
    high = V.max(axis=-2, keepdims=True) + 1e-9
    return bool(np.all((got >= low) & (got <= high)))


@checkpoint("tf.attention.implement", concepts=["tf.attention"])
class ImplementAttention:
    """Write `attention(Q, K, V)`: scaled dot-product attention,

    $$\\operatorname{softmax}\\!\\left(\\frac{QK^\\top}{\\sqrt{d}}\\right) V,$$

    with the softmax taken over each row of scores. `Q` and `K` have shape `(T, d)` or
    `(B, T, d)`; `V` has shape `(T, d_v)` or `(B, T, d_v)` (`d_v` may differ from `d`). Return
    the output, shape `(T, d_v)` or `(B, T, d_v)`. Here $d$ is the length of one query, the last
    axis of `Q`.

    `Q` may hold fewer queries than `K` holds keys: for the lesson's tiny example, one query
    `Q = [[2.0, 0.0]]` with its three keys and values, the scores are divided by $\\sqrt{2}$.
    """

    function = "attention"
    starter = "import numpy as np\n\n\ndef attention(Q, K, V):\n    ...\n"

    def reference(Q, K, V):
        d = Q.shape[-1]
        out = np.zeros((*Q.shape[:-1], V.shape[-1]))
        for index in np.ndindex(Q.shape[:-2]):
            q, k, v = Q[index], K[index], V[index]
            for i in range(q.shape[0]):
                s = np.array([np.sum(q[i] * k[j]) for j in range(k.shape[0])]) / np.sqrt(d)
                w = np.exp(s - s.max())
                w = w / w.sum()
                out[index][i] = np.sum(w[:, None] * v, axis=0)
        return out

    def cases(rng):
        return [
            _qkv(rng, (), 3, 4, 2),
            _qkv(rng, (2,), 4, 3, 5),
            _qkv(rng, (3,), 5, 8, 4),
            _qkv(rng, (), 6, 2, 3),
            _qkv(rng, (2,), 7, 6, 6),  # hidden
        ]

    edge_cases = [
        (
            np.array([[2.0, 0.0]]),
            np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
            np.array([[1.0, 0.0], [0.0, 1.0], [5.0, 5.0]]),
        ),
    ]
    hidden = 1
    invariants = [Invariant("each output row is an average of the value rows", _rows_of_values)]
    misconceptions = [
        Misconception(
            "no-scale",
            attention_no_scale,
            "took the softmax of QK^T without dividing by sqrt(d)",
            "A dot product of d terms has a spread that grows with d; the lesson measured its "
            "variance as about d. Dividing the scores by the square root of the query length "
            "brings it back to about 1 before the softmax.",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
        Misconception(
            "wrong-axis",
            attention_wrong_axis,
            "took the softmax over the queries (axis=-2) instead of over each row",
            "Row i of the scores is query i against every key, and its weights must sum to 1. "
            "A softmax along axis=-2 (axis=0 for 2-D, axis=1 for a batch) makes each key's "
            "column sum to 1 instead. Use axis=-1.",
            revisit="tf.attention#softmax-over-the-last-axis-then-mix-the-values",
        ),
        Misconception(
            "scale-by-d",
            attention_scale_by_d,
            "divided the scores by d instead of by sqrt(d)",
            "The dot product's variance is d, so its spread (standard deviation) is sqrt(d). "
            "Dividing by sqrt(d) gives variance 1; dividing by d shrinks it to 1/d and makes "
            "the weights too even.",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
        Misconception(
            "scale-by-tokens",
            attention_scale_by_tokens,
            "divided by the square root of the number of tokens T instead of the query length d",
            "Each score is one dot product of two vectors of d numbers; how many tokens there "
            "are does not change its spread. d is the last axis of Q: Q.shape[-1].",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
        Misconception(
            "scaled-output",
            attention_scaled_output,
            "divided the output by sqrt(d) instead of the scores",
            "The division belongs inside the softmax: it shrinks the scores so that the softmax "
            "does not turn one-hot. Dividing afterwards leaves the weights as peaked as before and "
            "shrinks the average of the values, which is then no longer an average.",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
    ]
    hints = [
        "Scores: `Q @ K.swapaxes(-2, -1) / np.sqrt(Q.shape[-1])` works for 2 or 3 axes.",
        "Softmax along `axis=-1` (subtract each row's max first), then `@ V`.",
    ]


_VAR_Q, _VAR_K, _D = 2.0, 3.0, 64


def variance_unscaled():
    return _D * _VAR_Q * _VAR_K


def variance_divided_by_sqrt_d():
    return _D * _VAR_Q * _VAR_K / np.sqrt(_D)


def variance_sum_of_variances():
    return _VAR_Q + _VAR_K


def standard_deviation():
    return float(np.sqrt(_VAR_Q * _VAR_K))


def variance_always_one():
    return 1.0


@checkpoint("tf.attention.scaled-variance", concepts=["tf.attention"], kind="numeric")
class ScaledVariance:
    """A query $\\mathbf{q}$ and a key $\\mathbf{k}$ each have $d = 64$ entries. All entries are
    independent with mean 0; every entry of $\\mathbf{q}$ has variance 2, and every entry of
    $\\mathbf{k}$ has variance 3. What is the variance of the scaled score
    $\\mathbf{q} \\cdot \\mathbf{k} / \\sqrt{d}$? Set `answer` to that number.
    """

    decimals = 2

    def solve():
        # Var(q_i k_i) = E[q_i^2] E[k_i^2] for independent zero-mean entries; d such terms add;
        # dividing by sqrt(d) divides the variance by d.
        return _D * (_VAR_Q * _VAR_K) / _D

    misconceptions = [
        Misconception(
            "unscaled",
            variance_unscaled,
            "gave the variance of q . k before dividing by sqrt(d)",
            "The question asks about the scaled score. Dividing a number by c divides its "
            "variance by c squared, so dividing by sqrt(d) divides the variance by d.",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
        Misconception(
            "divided-variance-by-sqrt-d",
            variance_divided_by_sqrt_d,
            "divided the variance by sqrt(d) instead of by d",
            "Scaling a number by 1/c scales its variance by 1/c squared: Var(x / sqrt(d)) = "
            "Var(x) / d.",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
        Misconception(
            "added-variances",
            variance_sum_of_variances,
            "added the variances of q_i and k_i instead of multiplying them",
            "Each term is a product q_i k_i. For independent entries with mean 0, "
            "Var(q_i k_i) = E[q_i^2] E[k_i^2], the product of the two variances.",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
        Misconception(
            "always-one",
            variance_always_one,
            "assumed the scaled score always has variance 1",
            "Dividing by sqrt(d) removes the factor d from the d terms; it gives exactly 1 only "
            "when the entries have variance 1. Here each term has variance 2 times 3.",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
        Misconception(
            "standard-deviation",
            standard_deviation,
            "gave the standard deviation of the scaled score, not its variance",
            "The question asks for the variance. The standard deviation is its square root; "
            "square your answer.",
            revisit="tf.attention#why-divide-by-the-square-root-of-d-measure-it",
        ),
    ]
    hints = [
        "The variance of one term q_i k_i, for independent entries with mean 0, is "
        "E[q_i^2] E[k_i^2].",
        "d independent terms: their variances add. Then divide by sqrt(d): the variance is "
        "divided by d.",
    ]


_SHAPES_CODE = """import numpy as np

B, T, C, d, d_v = 2, 5, 16, 4, 8
X = np.zeros((B, T, C))
W_Q, W_K, W_V = np.zeros((C, d)), np.zeros((C, d)), np.zeros((C, d_v))
Q, K, V = X @ W_Q, X @ W_K, X @ W_V
S = Q @ K.swapaxes(-2, -1)
print(Q.shape)
print(S.shape)
print((S @ V).shape)
"""


@checkpoint("tf.qkv.predict-shapes", concepts=["tf.qkv"], kind="predict")
class PredictShapes:
    """What does this cell print? Predict it before you run it, then set `answer` to the text:
    one line per `print`, each shape written as Python prints a tuple, `(2, 5)`.

    ```python
    import numpy as np

    B, T, C, d, d_v = 2, 5, 16, 4, 8
    X = np.zeros((B, T, C))
    W_Q, W_K, W_V = np.zeros((C, d)), np.zeros((C, d)), np.zeros((C, d_v))
    Q, K, V = X @ W_Q, X @ W_K, X @ W_V
    S = Q @ K.swapaxes(-2, -1)
    print(Q.shape)
    print(S.shape)
    print((S @ V).shape)
    ```
    """

    code = _SHAPES_CODE
    misconceptions = [
        Misconception(
            "scores-d-by-d",
            "print('(2, 5, 4)\\n(2, 4, 4)\\n(2, 4, 8)')",
            "expected the scores to be d x d, one per pair of features",
            "S = Q @ K^T multiplies (T, d) by (d, T): the inner d is summed away, and there is "
            "one score per pair of tokens, (T, T) for each text.",
            revisit="tf.attention#scores-every-query-against-every-key",
        ),
        Misconception(
            "output-width-d",
            "print('(2, 5, 4)\\n(2, 5, 5)\\n(2, 5, 4)')",
            "expected the output to have the width d of the queries",
            "The output mixes rows of V, so each output row has V's width: (T, T) @ (T, d_v) "
            "-> (T, d_v), here 8.",
            revisit="tf.attention#softmax-over-the-last-axis-then-mix-the-values",
        ),
    ]
    hints = [
        "(2, 5, 16) @ (16, 4): the same weights for every token of every text.",
        "swapaxes(-2, -1) turns K into (B, d, T); then (T, d) @ (d, T) for each text.",
    ]
