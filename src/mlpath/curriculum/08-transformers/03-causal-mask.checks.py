"""Checkpoints for the lesson "Causal masks: no peeking at the future" (03-causal-mask.md)."""

import numpy as np

from mlpath.grade import Invariant, Misconception, checkpoint

_STARTER = """import numpy as np


def causal_attention(Q, K, V):
    T = Q.shape[-2]
    mask = np.tril(np.ones((T, T), dtype=bool))
    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])
    E = np.exp(S - S.max(axis=-1, keepdims=True))
    A = E / E.sum(axis=-1, keepdims=True)
    A = A * mask
    return A @ V
"""


# The variants are graded like a learner's file, so each is self-contained.
def causal_mask_after_softmax(Q, K, V):
    T = Q.shape[-2]
    mask = np.tril(np.ones((T, T), dtype=bool))
    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])
    E = np.exp(S - S.max(axis=-1, keepdims=True))
    A = E / E.sum(axis=-1, keepdims=True)
    A = A * mask
    return A @ V


def causal_zero_fill(Q, K, V):
    T = Q.shape[-2]
    mask = np.tril(np.ones((T, T), dtype=bool))
    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])
    S = np.where(mask, S, 0.0)
    E = np.exp(S - S.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True) @ V


def causal_upper_triangle(Q, K, V):
    T = Q.shape[-2]
    mask = np.triu(np.ones((T, T), dtype=bool))
    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])
    S = np.where(mask, S, -np.inf)
    E = np.exp(S - S.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True) @ V


def causal_diagonal_excluded(Q, K, V):
    T = Q.shape[-2]
    mask = np.tril(np.ones((T, T), dtype=bool), k=-1)
    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])
    S = np.where(mask, S, -np.inf)
    E = np.exp(S - S.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True) @ V


def causal_no_mask(Q, K, V):
    S = Q @ np.swapaxes(K, -2, -1) / np.sqrt(Q.shape[-1])
    E = np.exp(S - S.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True) @ V


def _qkv(rng, lead, T, d):
    return tuple(rng.normal(0.0, 1.5, size=(*lead, T, d)) for _ in range(3))


def _first_row_is_first_value(Q, K, V, got):
    """Position 0 may only see itself, so its output is exactly its own value."""
    got = np.asarray(got, dtype=float)
    if got.shape != V.shape:
        return True
    return bool(np.allclose(got[..., 0, :], V[..., 0, :], rtol=1e-5, atol=1e-6))


@checkpoint("tf.causal-mask.fix", concepts=["tf.causal-mask"], kind="fix")
class FixCausalAttention:
    """`causal_attention(Q, K, V)` should compute causal scaled dot-product attention: query $i$
    may attend to keys $0, \\ldots, i$ only, each row of weights sums to 1, and the output is
    the weights times `V`. `Q`, `K` and `V` have shape `(T, d)` or `(B, T, d)`; return shape
    `(T, d)` or `(B, T, d)`.

    Its future weights are 0, but its outputs are too small: the first row of the output
    should be exactly the first row of `V` and is not. The starter code has a bug: fix it.
    """

    function = "causal_attention"
    starter = _STARTER

    def reference(Q, K, V):
        T = Q.shape[-2]
        out = np.zeros(V.shape)
        for index in np.ndindex(Q.shape[:-2]):
            q, k, v = Q[index], K[index], V[index]
            for i in range(T):
                s = np.array([np.sum(q[i] * k[j]) for j in range(i + 1)]) / np.sqrt(q.shape[-1])
                w = np.exp(s - s.max())
                w = w / w.sum()
                out[index][i] = np.sum(w[:, None] * v[: i + 1], axis=0)
        return out

    def cases(rng):
        return [
            _qkv(rng, (), 4, 3),
            _qkv(rng, (2,), 5, 4),
            _qkv(rng, (3,), 3, 2),
            _qkv(rng, (), 6, 5),
            _qkv(rng, (2,), 7, 4),  # hidden
        ]

    edge_cases = [
        (
            np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
            np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
            np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 3.0]]),
        ),
    ]
    hidden = 1
    invariants = [
        Invariant("the first output row is the first value row", _first_row_is_first_value)
    ]
    misconceptions = [
        Misconception(
            "mask-after-softmax",
            causal_mask_after_softmax,
            "applied the mask after the softmax, so the rows of weights sum to less than 1",
            "Multiplying the weights by the mask zeroes the future, but the softmax already "
            "shared the row's total of 1 among all the keys, future ones included; what is left "
            "sums to less than 1. Mask the scores before the softmax, with -inf.",
            revisit="tf.causal-mask#mask-the-scores-with-minus-infinity-then-take-the-softmax",
        ),
        Misconception(
            "zero-fill",
            causal_zero_fill,
            "filled the forbidden scores with 0 instead of -inf",
            "A score of 0 is an ordinary score: its weight is proportional to e^0 = 1, so the "
            "future still gets weight. Only -inf gives e^(-inf) = 0: np.where(mask, S, -np.inf).",
            revisit="tf.causal-mask#two-masks-that-look-right-and-are-not",
        ),
        Misconception(
            "upper-triangle",
            causal_upper_triangle,
            "kept the upper triangle (np.triu), so each query sees itself and the future",
            "mask[i, j] must be True when key j is at or before query i, j <= i: the lower "
            "triangle, np.tril. np.triu lets query i see keys i to T - 1, the future.",
            revisit="tf.causal-mask#the-idea-each-row-may-only-look-left",
        ),
        Misconception(
            "diagonal-excluded",
            causal_diagonal_excluded,
            "left the diagonal out of the mask (np.tril(..., k=-1)), so query 0 sees no key "
            "and its row is nan",
            "Query i may see keys 0 to i, itself included: the mask is the lower triangle with "
            "its diagonal, np.tril(np.ones((T, T), dtype=bool)). Without the diagonal, row 0 "
            "is all -inf, and its softmax is 0/0 = nan.",
            revisit="tf.causal-mask#the-idea-each-row-may-only-look-left",
        ),
        Misconception(
            "no-mask",
            causal_no_mask,
            "removed the mask altogether, so every query sees every key",
            "Without a mask the rows sum to 1 again, but query i also attends to the tokens "
            "after it. Keep the mask, and apply it to the scores, with -inf, before the softmax.",
            revisit="tf.causal-mask#mask-the-scores-with-minus-infinity-then-take-the-softmax",
        ),
    ]
    hints = [
        "Where does the mask act: on the scores S, or on the weights A?",
        "Replace the forbidden scores before the softmax: S = np.where(mask, S, -np.inf), and "
        "drop the line A = A * mask.",
    ]


_T, _QUERY, _KEY = 6, 3, 0


def weight_without_mask():
    return 1 / _T


def weight_without_self():
    return 1 / _QUERY


def weight_upper_triangle():
    return 0.0


@checkpoint("tf.causal-mask.equal-scores", concepts=["tf.causal-mask"], kind="numeric")
class EqualScores:
    """A causal attention layer works on $T = 6$ tokens, at positions 0 to 5, and every score
    it computes is the same number (for example because $Q = 0$). What weight does the query at
    position 3 give to the key at position 0? Set `answer` to that weight.
    """

    decimals = 3

    def solve():
        S = np.zeros((_T, _T))
        S = np.where(np.tril(np.ones((_T, _T), dtype=bool)), S, -np.inf)
        E = np.exp(S - S.max(axis=-1, keepdims=True))
        return float((E / E.sum(axis=-1, keepdims=True))[_QUERY, _KEY])

    misconceptions = [
        Misconception(
            "mask-ignored",
            weight_without_mask,
            "shared the weight among all 6 keys, as without a mask (or with the mask applied "
            "after the softmax)",
            "Query 3 may only see keys 0 to 3. Masking the scores with -inf before the softmax "
            "takes the other keys out of the sum, so equal scores share the weight among the "
            "keys it can see.",
            revisit="tf.causal-mask#mask-the-scores-with-minus-infinity-then-take-the-softmax",
        ),
        Misconception(
            "self-excluded",
            weight_without_self,
            "counted 3 visible keys: left out the query's own position, or counted from 1",
            "The mask keeps the diagonal: query i sees keys 0, 1, ..., i, itself included. "
            "Positions count from 0, so query 3 sees 4 keys.",
            revisit="tf.causal-mask#the-idea-each-row-may-only-look-left",
        ),
        Misconception(
            "upper-triangle",
            weight_upper_triangle,
            "took key 0 to be hidden from query 3",
            "Key 0 comes before query 3, so it is allowed: a causal mask hides only the keys "
            "after the query (the upper triangle), never the ones before it.",
            revisit="tf.causal-mask#the-idea-each-row-may-only-look-left",
        ),
    ]
    hints = [
        "Which keys can the query at position 3 see? Count them, position 0 included.",
        "Equal scores give equal weights among the visible keys, and they sum to 1.",
    ]


_OPTIONS = ["rows 7, 8 and 9", "rows 0 to 7", "row 7 only", "rows 8 and 9 only"]


def rows_before():
    return _OPTIONS[1]


def row_own_only():
    return _OPTIONS[2]


def rows_after_only():
    return _OPTIONS[3]


@checkpoint("tf.causal-mask.which-rows", concepts=["tf.causal-mask"], kind="choice")
class WhichRows:
    """A correct causal attention layer runs on 10 tokens, at positions 0 to 9. You change the
    token at position 7 only and run the layer again. Which rows of its output can change?

    a) rows 7, 8 and 9    b) rows 0 to 7    c) row 7 only    d) rows 8 and 9 only

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        return _OPTIONS[0]

    misconceptions = [
        Misconception(
            "reversed",
            rows_before,
            "thought the earlier positions see position 7",
            "Query i sees keys 0 to i. Position 7 is a key visible to queries 7, 8 and 9, the "
            "ones at or after it; queries 0 to 6 cannot see it, so their rows cannot move.",
            revisit="tf.causal-mask#causal-attention-and-a-test-that-it-does-not-peek",
        ),
        Misconception(
            "own-row-only",
            row_own_only,
            "thought only the changed token's own output changes",
            "Attention mixes tokens: every later query may attend to position 7, so its value "
            "enters their outputs too. Only the earlier rows are safe.",
            revisit="tf.causal-mask#causal-attention-and-a-test-that-it-does-not-peek",
        ),
        Misconception(
            "self-excluded",
            rows_after_only,
            "left out row 7 itself",
            "The mask keeps the diagonal: query 7 attends to key 7, and its own query changed "
            "as well. Row 7 changes with rows 8 and 9.",
            revisit="tf.causal-mask#the-idea-each-row-may-only-look-left",
        ),
    ]
    hints = [
        "Which queries can see the key at position 7?",
        "Query i sees keys 0 to i, itself included.",
    ]
