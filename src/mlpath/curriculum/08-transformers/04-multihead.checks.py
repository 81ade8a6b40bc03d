"""Checkpoints for the lesson "Multi-head attention: split, attend, merge" (04-multihead.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = """import numpy as np


def multihead_attention(X, Wq, Wk, Wv, Wo, n_heads):
    B, T, C = X.shape
    d = C // n_heads
    Qh, Kh, Vh = (
        (X @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv)
    )
    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d)
    future = np.triu(np.ones((T, T), dtype=bool), k=1)
    S = np.where(future, -np.inf, S)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    Yh = A @ Vh
    return Yh.reshape(B, T, C) @ Wo
"""


# The variants are graded like a learner's file, so each is self-contained.
def mha_merge_reshape(X, Wq, Wk, Wv, Wo, n_heads):
    B, T, C = X.shape
    d = C // n_heads
    Qh, Kh, Vh = ((X @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    Yh = A / A.sum(axis=-1, keepdims=True) @ Vh
    return Yh.reshape(B, T, C) @ Wo


def mha_reshape_both(X, Wq, Wk, Wv, Wo, n_heads):
    B, T, C = X.shape
    d = C // n_heads
    Qh, Kh, Vh = ((X @ W).reshape(B, n_heads, T, d) for W in (Wq, Wk, Wv))
    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    Yh = A / A.sum(axis=-1, keepdims=True) @ Vh
    return Yh.reshape(B, T, C) @ Wo


def mha_merge_interleaved(X, Wq, Wk, Wv, Wo, n_heads):
    B, T, C = X.shape
    d = C // n_heads
    Qh, Kh, Vh = ((X @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    Yh = A / A.sum(axis=-1, keepdims=True) @ Vh
    return Yh.transpose(0, 2, 3, 1).reshape(B, T, C) @ Wo


def mha_scale_full_width(X, Wq, Wk, Wv, Wo, n_heads):
    B, T, C = X.shape
    d = C // n_heads
    Qh, Kh, Vh = ((X @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(C) + np.triu(np.full((T, T), -np.inf), k=1)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    Yh = A / A.sum(axis=-1, keepdims=True) @ Vh
    return Yh.transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo


def mha_no_output_projection(X, Wq, Wk, Wv, Wo, n_heads):
    B, T, C = X.shape
    d = C // n_heads
    Qh, Kh, Vh = ((X @ W).reshape(B, T, n_heads, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Qh @ Kh.swapaxes(-1, -2) / np.sqrt(d) + np.triu(np.full((T, T), -np.inf), k=1)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    Yh = A / A.sum(axis=-1, keepdims=True) @ Vh
    return Yh.transpose(0, 2, 1, 3).reshape(B, T, C)


def _case(rng, B, T, h, d):
    C = h * d
    X = rng.normal(size=(B, T, C))
    Wq, Wk, Wv, Wo = (rng.normal(0, 1 / np.sqrt(C), size=(C, C)) for _ in range(4))
    return X, Wq, Wk, Wv, Wo, h


@checkpoint("tf.multihead.fix-merge", concepts=["tf.multihead"], kind="fix")
class FixMerge:
    """`multihead_attention(X, Wq, Wk, Wv, Wo, n_heads)` should be the lesson's causal
    multi-head attention. `X` is a batch of shape `(B, T, C)`; the four weight matrices are
    `(C, C)`; `n_heads` divides `C`. It computes $Q = XW_q$, $K = XW_k$, $V = XW_v$, splits
    their `C` features into `n_heads` blocks of $d = C / h$ (head 0 owns features `0 .. d-1`),
    runs causal attention in every head, $\\operatorname{softmax}(Q_i K_i^\\top / \\sqrt{d} +
    M) V_i$, glues the heads' outputs back side by side (head 0's output in features
    `0 .. d-1` of each token), and multiplies by $W_o$. The result has shape `(B, T, C)`.

    The shapes all come out right, yet the results are wrong: the outputs of early tokens even
    change when a later token changes.
    """

    function = "multihead_attention"
    starter = _STARTER
    # Inputs cast to float32 and promoted back to float64 (np.sqrt(d) is a float64 scalar)
    # carry float32 rounding into a float64 result; every wrong merge is off by more than 0.01.
    rtol = 1e-5
    atol = 1e-6

    def reference(X, Wq, Wk, Wv, Wo, n_heads):
        T, C = X.shape[1:]
        d = C // n_heads
        heads = []
        for i in range(n_heads):  # the loop over slices, as in the lesson
            cols = slice(i * d, (i + 1) * d)
            Q, K, V = X @ Wq[:, cols], X @ Wk[:, cols], X @ Wv[:, cols]
            S = Q @ K.swapaxes(-1, -2) / np.sqrt(d)
            S = S + np.triu(np.full((T, T), -np.inf), k=1)
            A = np.exp(S - S.max(axis=-1, keepdims=True))
            heads.append(A / A.sum(axis=-1, keepdims=True) @ V)
        return np.concatenate(heads, axis=-1) @ Wo

    def cases(rng):
        shapes = [(1, 4, 2, 3), (2, 3, 3, 2), (2, 5, 2, 2), (1, 6, 4, 2), (2, 4, 3, 3)]
        return [_case(rng, *shape) for shape in shapes]

    edge_cases = [
        (
            np.arange(12.0).reshape(1, 3, 4) / 10,
            np.eye(4),
            np.eye(4),
            np.eye(4),
            np.eye(4),
            2,
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "merge-reshape-only",
            mha_merge_reshape,
            "merged the heads with a reshape alone, which pours the heads' outputs of several "
            "tokens into one token's row",
            "After attention the heads are (B, h, T, d). A reshape to (B, T, C) reads the "
            "numbers in order, so token 0's row gets head 0's outputs for the first tokens, "
            "including later ones. Move the head axis back behind the tokens first, then glue "
            "the blocks of each token together.",
            revisit="tf.multihead#merge-transpose-back-then-reshape",
            fix="return Yh.transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo",
        ),
        Misconception(
            "reshape-both-ways",
            mha_reshape_both,
            "split and merged with reshapes alone, so no head gets its own block of features",
            "Reshaping (B, T, C) straight to (B, h, T, d) gives 'head 0' all the features of "
            "the first tokens, not features 0 .. d-1 of every token. The split is reshape to "
            "(B, T, h, d), then a transpose of axes 1 and 2; the merge undoes both in reverse "
            "order.",
            revisit="tf.multihead#split-reshape-then-transpose",
        ),
        Misconception(
            "merge-interleaved",
            mha_merge_interleaved,
            "moved the axes to (B, T, d, h) before the reshape, which interleaves the heads' "
            "features",
            "transpose(0, 2, 3, 1) puts d before h, so the reshape takes feature 0 of every "
            "head, then feature 1 of every head, and so on. Head i's output must stay one block "
            "of d neighbours: transpose(0, 2, 1, 3) gives (B, T, h, d).",
            revisit="tf.multihead#merge-transpose-back-then-reshape",
        ),
        Misconception(
            "scale-full-width",
            mha_scale_full_width,
            "divided the scores by the square root of C, the full width, instead of d",
            "Each head's scores are dot products of d numbers, so their spread grows with d, "
            "not with C. Divide by np.sqrt(d) with d = C // n_heads.",
            revisit="tf.multihead#attend-every-head-in-one-product",
        ),
        Misconception(
            "no-output-projection",
            mha_no_output_projection,
            "returned the merged heads without multiplying by Wo",
            "The merged heads sit side by side, each in its own block of features; Wo mixes "
            "them. End with @ Wo.",
            revisit="tf.multihead#merge-transpose-back-then-reshape",
        ),
    ]
    hints = [
        "Compare with a loop over heads on a tiny input: head i is attention on the features "
        "i*d .. (i+1)*d-1 of Q, K and V.",
        "The split is reshape then transpose. Does the last line undo both steps?",
    ]


def scale_by_width():
    return float(np.sqrt(768))


def no_square_root():
    return 768 / 12


def scale_by_heads():
    return float(np.sqrt(12))


def scale_as_multiplier():
    return float(1 / np.sqrt(768 / 12))


@checkpoint("tf.multihead.head-scale", concepts=["tf.multihead"], kind="numeric")
class HeadScale:
    """GPT-2 small has $C = 768$ features per token and $h = 12$ attention heads. Each head
    divides its scores $Q_i K_i^\\top$ by a number before the softmax. Which number?"""

    decimals = 2

    def solve():
        return float(np.sqrt(768 / 12))

    misconceptions = [
        Misconception(
            "scale-by-width",
            scale_by_width,
            "used the square root of C = 768, the full width of the model",
            "Each head's scores are dot products of its own d features, and the spread of a "
            "dot product of d numbers grows like the square root of d. How many features does "
            "one head have?",
            revisit="tf.multihead#attend-every-head-in-one-product",
        ),
        Misconception(
            "no-square-root",
            no_square_root,
            "divided by d itself, 64, instead of its square root",
            "The spread (standard deviation) of a dot product of d random numbers grows like "
            "the square root of d, so the scores are divided by sqrt(d).",
            revisit="tf.multihead#attend-every-head-in-one-product",
        ),
        Misconception(
            "scale-by-heads",
            scale_by_heads,
            "used the square root of the number of heads",
            "The scaling is about how many numbers each dot product adds up: d = C / h "
            "features per head, not h.",
            revisit="tf.multihead#attend-every-head-in-one-product",
        ),
        Misconception(
            "multiplier-not-divisor",
            scale_as_multiplier,
            "gave the factor the scores are multiplied by, 1/sqrt(d), not the number they are "
            "divided by",
            "Code often writes the scaling as a product, scores * (1 / sqrt(d)), as nanoGPT "
            "does. The question asks for the divisor: the number whose reciprocal that factor is.",
            revisit="tf.multihead#attend-every-head-in-one-product",
        ),
    ]
    hints = ["Each head works on d = C / h features.", "Scores are divided by sqrt(d)."]
