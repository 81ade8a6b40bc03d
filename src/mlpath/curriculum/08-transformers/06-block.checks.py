"""Checkpoints for the lesson "The transformer block: attention, MLP, LayerNorm and residuals"
(06-block.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = """import numpy as np


def layer_norm(x, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps)


def gelu(z):
    return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))


def mha(a, Wq, Wk, Wv, Wo, n_heads):
    B, T, C = a.shape
    d = C // n_heads
    Qh, Kh, Vh = ((a @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d)
    S = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), -np.inf, S)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    return (A @ Vh).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo


def block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):
    x = layer_norm(x)
    x = x + mha(x, Wq, Wk, Wv, Wo, n_heads)
    x = layer_norm(x)
    x = x + gelu(x @ W1) @ W2
    return x
"""


# The variants are graded like a learner's file, so each carries its own helpers.
def block_stream_normalised(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):
    def ln(z):
        return (z - z.mean(-1, keepdims=True)) / np.sqrt(z.var(-1, keepdims=True) + 1e-5)

    def attn(a):
        B, T, C = a.shape
        d = C // n_heads
        Qh, Kh, Vh = ((a @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
        S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
        A = np.exp(S - S.max(-1, keepdims=True))
        return (A / A.sum(-1, keepdims=True) @ Vh).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo

    def mlp(a):
        z = a @ W1
        return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) @ W2

    x = ln(x)
    x = x + attn(x)
    x = ln(x)
    return x + mlp(x)


def block_post_ln(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):
    def ln(z):
        return (z - z.mean(-1, keepdims=True)) / np.sqrt(z.var(-1, keepdims=True) + 1e-5)

    def attn(a):
        B, T, C = a.shape
        d = C // n_heads
        Qh, Kh, Vh = ((a @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
        S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
        A = np.exp(S - S.max(-1, keepdims=True))
        return (A / A.sum(-1, keepdims=True) @ Vh).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo

    def mlp(a):
        z = a @ W1
        return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) @ W2

    x = ln(x + attn(x))
    return ln(x + mlp(x))


def block_no_residual(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):
    def ln(z):
        return (z - z.mean(-1, keepdims=True)) / np.sqrt(z.var(-1, keepdims=True) + 1e-5)

    def attn(a):
        B, T, C = a.shape
        d = C // n_heads
        Qh, Kh, Vh = ((a @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
        S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
        A = np.exp(S - S.max(-1, keepdims=True))
        return (A / A.sum(-1, keepdims=True) @ Vh).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo

    def mlp(a):
        z = a @ W1
        return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) @ W2

    x = attn(ln(x))
    return mlp(ln(x))


def block_parallel(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):
    def ln(z):
        return (z - z.mean(-1, keepdims=True)) / np.sqrt(z.var(-1, keepdims=True) + 1e-5)

    def attn(a):
        B, T, C = a.shape
        d = C // n_heads
        Qh, Kh, Vh = ((a @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
        S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
        A = np.exp(S - S.max(-1, keepdims=True))
        return (A / A.sum(-1, keepdims=True) @ Vh).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo

    def mlp(a):
        z = a @ W1
        return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) @ W2

    return x + attn(ln(x)) + mlp(ln(x))


def block_second_stream_normalised(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):
    def ln(z):
        return (z - z.mean(-1, keepdims=True)) / np.sqrt(z.var(-1, keepdims=True) + 1e-5)

    def attn(a):
        B, T, C = a.shape
        d = C // n_heads
        Qh, Kh, Vh = ((a @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
        S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
        A = np.exp(S - S.max(-1, keepdims=True))
        return (A / A.sum(-1, keepdims=True) @ Vh).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo

    def mlp(a):
        z = a @ W1
        return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) @ W2

    x = x + attn(ln(x))
    x = ln(x)
    return x + mlp(x)


def block_attention_update_dropped(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):
    def ln(z):
        return (z - z.mean(-1, keepdims=True)) / np.sqrt(z.var(-1, keepdims=True) + 1e-5)

    def attn(a):
        B, T, C = a.shape
        d = C // n_heads
        Qh, Kh, Vh = ((a @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
        S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
        A = np.exp(S - S.max(-1, keepdims=True))
        return (A / A.sum(-1, keepdims=True) @ Vh).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo

    def mlp(a):
        z = a @ W1
        return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) @ W2

    x1 = x + attn(ln(x))
    return x + mlp(ln(x1))


def _case(rng, B, T, h, d):
    C = h * d
    x = rng.normal(0, 2, size=(B, T, C)) + rng.normal(0, 1, size=C)
    Wq, Wk, Wv, Wo = (rng.normal(0, 1 / np.sqrt(C), size=(C, C)) for _ in range(4))
    W1 = rng.normal(0, 1 / np.sqrt(C), size=(C, 4 * C))
    W2 = rng.normal(0, 1 / np.sqrt(4 * C), size=(4 * C, C))
    return x, Wq, Wk, Wv, Wo, W1, W2, h


def _identity_case():
    x = np.array([[[1.0, 2.0, 0.0, 5.0], [3.0, -1.0, 2.0, 0.0], [0.5, 0.5, 4.0, -2.0]]])
    W = np.array(
        [[0.5, -0.2, 0.1, 0.0], [0.3, 0.4, -0.5, 0.2], [0.0, 0.1, 0.2, -0.3], [0.2, 0.0, 0.3, 0.1]]
    )
    W1 = np.tile(W, (1, 4))
    return x, W, W.T, W, np.zeros((4, 4)), W1, np.zeros((16, 4)), 2


@checkpoint("tf.block.fix-residual", concepts=["tf.block"], kind="fix")
class FixResidual:
    """`block(x, Wq, Wk, Wv, Wo, W1, W2, n_heads)` should be the lesson's pre-LN transformer
    block, without biases and with plain LayerNorms (gain 1, bias 0):

    $$\\mathbf{x} \\leftarrow \\mathbf{x} + \\operatorname{attn}(\\operatorname{ln}(\\mathbf{x})),
    \\qquad
    \\mathbf{x} \\leftarrow \\mathbf{x} + \\operatorname{mlp}(\\operatorname{ln}(\\mathbf{x})),$$

    with `mha` for the attention and $\\operatorname{mlp}(\\mathbf{a}) =
    \\operatorname{gelu}(\\mathbf{a} W_1) W_2$. `x` is `(B, T, C)`; the result has the same
    shape. Keep the helpers `layer_norm`, `gelu` and `mha` as they are: they are right.

    It runs and the shapes are right, but when `Wo` and `W2` are all zeros it does not return
    `x` unchanged, as a block whose sublayers add nothing must.
    """

    function = "block"
    starter = _STARTER
    # Float32 steps inside the float64 helpers, or another LayerNorm eps (1e-6, 0), move the
    # result by up to about 1e-5; every wrong wiring moves it by more than 0.01.
    rtol = 1e-4
    atol = 1e-5

    def reference(x, Wq, Wk, Wv, Wo, W1, W2, n_heads):
        def ln(z):
            return (z - z.mean(-1, keepdims=True)) / np.sqrt(z.var(-1, keepdims=True) + 1e-5)

        T, C = x.shape[1:]
        d = C // n_heads
        a = ln(x)
        heads = []
        for i in range(n_heads):  # the loop over slices
            cols = slice(i * d, (i + 1) * d)
            Q, K, V = a @ Wq[:, cols], a @ Wk[:, cols], a @ Wv[:, cols]
            S = Q @ K.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
            A = np.exp(S - S.max(-1, keepdims=True))
            heads.append(A / A.sum(-1, keepdims=True) @ V)
        x = x + np.concatenate(heads, axis=-1) @ Wo
        z = ln(x) @ W1
        return x + 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))) @ W2

    def cases(rng):
        shapes = [(1, 3, 2, 2), (2, 4, 2, 3), (1, 5, 3, 2), (2, 3, 2, 4), (2, 4, 4, 2)]
        return [_case(rng, *shape) for shape in shapes]

    edge_cases = [_identity_case()]
    hidden = 2
    misconceptions = [
        Misconception(
            "stream-normalised",
            block_stream_normalised,
            "overwrote the stream with its LayerNorm (x = layer_norm(x)) before each sublayer",
            "The residual path must carry x itself; only the sublayer's input is normalised. "
            "After x = layer_norm(x), the block adds to ln(x), so with zero output weights it "
            "returns ln(x), not x. Keep the normalised copy under another name, or write it "
            "inside the call.",
            revisit="tf.block#the-stream-overwritten-by-its-layernorm",
            fix="x = x + mha(layer_norm(x), Wq, Wk, Wv, Wo, n_heads)\n"
            "x = x + gelu(layer_norm(x) @ W1) @ W2",
        ),
        Misconception(
            "second-stream-normalised",
            block_second_stream_normalised,
            "fixed the attention line but still overwrote the stream with x = layer_norm(x) "
            "before the MLP",
            "The same mistake, once: after x = layer_norm(x) the MLP's update is added to ln(x), "
            "so with W2 all zeros the block returns ln of the stream, not the stream. Normalise "
            "only the MLP's input.",
            revisit="tf.block#the-stream-overwritten-by-its-layernorm",
            fix="x = x + gelu(layer_norm(x) @ W1) @ W2",
        ),
        Misconception(
            "attention-update-dropped",
            block_attention_update_dropped,
            "added the MLP's update to the x from before attention, so attention's update is lost",
            "The second residual add starts from the stream *after* attention: x1 = x + "
            "mha(...), then x1 + mlp(ln(x1)). Adding to the old x throws attention's output "
            "away. The zero-output test cannot see this (every update is 0 there); compare with "
            "the lesson's block on random weights.",
            revisit="tf.block#shapes-through-the-block",
        ),
        Misconception(
            "post-ln",
            block_post_ln,
            "normalised after the residual add, x = ln(x + f(x)), as the 2017 transformer did",
            "That is the post-LN block. The lesson's block, like GPT-2's, normalises only the "
            "input of each sublayer and adds the update to the raw stream: x + f(ln(x)).",
            revisit="tf.block#the-idea-a-stream-that-sublayers-add-to",
        ),
        Misconception(
            "no-residual",
            block_no_residual,
            "replaced x by each sublayer's output instead of adding the output to x",
            "A residual block adds: x = x + f(ln(x)). Without the x + the block forgets its "
            "input, and a stack of such blocks loses the gradient path that skips each f.",
            revisit="tf.block#the-idea-a-stream-that-sublayers-add-to",
        ),
        Misconception(
            "parallel-sublayers",
            block_parallel,
            "fed the MLP the stream from before attention, so both sublayers read the same x",
            "The two updates are applied one after the other: the MLP reads ln of the stream "
            "*after* attention's update has been added, x = x + mha(...) first, then "
            "x = x + mlp(ln(x)).",
            revisit="tf.block#shapes-through-the-block",
        ),
    ]
    hints = [
        "Which x does the residual path carry after the line x = layer_norm(x)?",
        "Normalise only what goes into each sublayer: x = x + mha(layer_norm(x), ...).",
    ]


_C, _H = 512, 8


def count_no_biases():
    return 12 * _C**2


def count_mlp_width_c():
    return 4 * _C**2 + 4 * _C + 2 * _C**2 + 2 * _C + 4 * _C


def count_per_head():
    return _H * (4 * _C**2 + 4 * _C) + 8 * _C**2 + 5 * _C + 4 * _C


def count_no_layernorm():
    return 12 * _C**2 + 9 * _C


@checkpoint("tf.block.param-count", concepts=["tf.block"], kind="numeric")
class ParamCount:
    """How many parameters does one block of the lesson have for $C = 512$ features and
    $h = 8$ heads? Count everything the block learns: the weights and biases of its dense
    layers (attention's four, the MLP's two with hidden width $4C$) and the gain and bias of
    both LayerNorms. Type the number without thousands separators."""

    decimals = 0

    def solve():
        return 12 * _C**2 + 13 * _C

    misconceptions = [
        Misconception(
            "no-biases",
            count_no_biases,
            "counted the weight matrices only",
            "Every dense layer has a bias vector as long as its output, and each LayerNorm a "
            "gain and a bias of C numbers. Add them.",
            revisit="tf.block#counting-the-parameters",
        ),
        Misconception(
            "mlp-width-c",
            count_mlp_width_c,
            "gave the MLP a hidden width of C instead of 4C",
            "The MLP widens each token to 4C features and back: W1 is C x 4C and W2 is 4C x C, "
            "with biases of 4C and C numbers.",
            revisit="tf.block#counting-the-parameters",
        ),
        Misconception(
            "weights-per-head",
            count_per_head,
            "gave every head its own four C x C matrices",
            "The heads split the C features of one Q, one K and one V; they add no weights. "
            "The number of heads does not change the count.",
            revisit="tf.block#counting-the-parameters",
        ),
        Misconception(
            "no-layernorm",
            count_no_layernorm,
            "left out the LayerNorms' gains and biases",
            "Each of the two LayerNorms learns a gain and a bias of C numbers each: 4C in all.",
            revisit="tf.block#counting-the-parameters",
        ),
    ]
    hints = [
        "Attention: four C x C matrices and four biases of C. MLP: C x 4C and 4C x C, biases "
        "4C and C. LayerNorms: 2 x 2C.",
    ]
