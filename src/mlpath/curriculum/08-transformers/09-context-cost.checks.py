"""Checkpoints for the lesson "The cost of context: n² attention and the KV cache"
(09-context-cost.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "tf.cost"

_LAYERS, _WIDTH, _TOKENS, _BYTES = 24, 2048, 8192, 2


def kv_size_keys_only():
    return _LAYERS * _TOKENS * _WIDTH * _BYTES / 1e9


def kv_size_float32():
    return 2 * _LAYERS * _TOKENS * _WIDTH * 4 / 1e9


def kv_size_one_layer():
    return 2 * _TOKENS * _WIDTH * _BYTES / 1e9


def kv_size_gib():
    return 2 * _LAYERS * _TOKENS * _WIDTH * _BYTES / 2**30


@checkpoint(f"{LESSON}.kv-size", concepts=[LESSON], kind="numeric")
class KvSize:
    """A model has 24 layers of width $C = 2048$ and stores its KV cache in float16 (2 bytes a
    number). How many gigabytes (1 GB = $10^9$ bytes) does the cache of one text of 8192 tokens
    take?
    """

    decimals = 2

    def solve():
        return 2 * _LAYERS * _TOKENS * _WIDTH * _BYTES / 1e9

    misconceptions = [
        Misconception(
            "keys-only",
            kv_size_keys_only,
            "counted the keys but not the values",
            "The cache keeps two rows per token and layer: a key and a value, each of width "
            "C. That is the 2 in 2 x layers x n x C.",
            revisit=f"{LESSON}#what-the-cache-saves-and-what-it-costs",
        ),
        Misconception(
            "float32",
            kv_size_float32,
            "used 4 bytes a number instead of float16's 2",
            "float16 numbers take 2 bytes each; 4 bytes is float32. The cache stores whatever "
            "type the model computes in.",
            revisit=f"{LESSON}#what-the-cache-saves-and-what-it-costs",
        ),
        Misconception(
            "one-layer",
            kv_size_one_layer,
            "counted one layer's cache instead of all 24",
            "Every layer has its own attention, with its own keys and values for every token, "
            "so the cache is per layer: multiply by the number of layers.",
            revisit=f"{LESSON}#what-the-cache-saves-and-what-it-costs",
        ),
        Misconception(
            "gibibytes",
            kv_size_gib,
            "divided by 2^30 (GiB) instead of 10^9 (GB)",
            "The question asks for GB, 10^9 bytes. 2^30 bytes is a GiB, about 7% larger.",
            revisit=f"{LESSON}#what-the-cache-saves-and-what-it-costs",
        ),
    ]
    hints = [
        "Per token and per layer the cache holds a key and a value of C numbers each.",
        "2 x layers x tokens x C numbers, times the bytes a number takes, divided by 10^9.",
    ]


_STEP_OPTIONS = [
    "it stays the same at every step",
    "it grows in proportion to t",
    "it grows in proportion to t²",
    "it grows in proportion to t³",
]


def step_constant():
    return _STEP_OPTIONS[0]


def step_quadratic():
    return _STEP_OPTIONS[2]


def step_cubic():
    return _STEP_OPTIONS[3]


@checkpoint(f"{LESSON}.step-work", concepts=[LESSON], kind="choice")
class StepWork:
    """A model generates with a KV cache. When it computes token number $t$ (with $t - 1$
    tokens already in the cache), how does the work of that token's **attention** (its scores
    against the cached keys, their softmax, the weighted sum of the values) depend on $t$?

    a) it stays the same at every step
    b) it grows in proportion to t
    c) it grows in proportion to t²
    d) it grows in proportion to t³

    Set `answer` to the letter of your choice.
    """

    options = _STEP_OPTIONS

    def solve():
        return _STEP_OPTIONS[1]

    misconceptions = [
        Misconception(
            "cache-makes-it-constant",
            step_constant,
            "thought the cache makes each step's attention cost constant",
            "The cache saves recomputing the keys and values of earlier tokens, but the new "
            "query still meets every one of the t cached keys: t dot products, a softmax over "
            "t scores, a weighted sum of t values.",
            revisit=f"{LESSON}#what-the-cache-saves-and-what-it-costs",
        ),
        Misconception(
            "quadratic-per-step",
            step_quadratic,
            "took one step's cost for the whole n x n attention",
            "The n x n score matrix is for n queries at once. With a cache, one step has one "
            "query: one row of that matrix, t scores. Summed over all n steps, that gives the "
            "n² total.",
            revisit=f"{LESSON}#what-the-cache-saves-and-what-it-costs",
        ),
        Misconception(
            "cubic",
            step_cubic,
            "chose t³, the total of recomputing the full attention at every step",
            "Recomputing the whole t x t attention at every step, without a cache, would cost "
            "t² per step. With the cache, one query meets t keys.",
            revisit=f"{LESSON}#what-the-cache-saves-and-what-it-costs",
        ),
    ]
    hints = [
        "How many queries does one step of generation with a cache have? How many keys?",
        "One query against t keys: how many dot products?",
    ]


_CACHED_STARTER = """import numpy as np


def cached_attention(X, W_Q, W_K, W_V):
    K_cache, V_cache, outputs = [], [], []
    for x in X:
        ...
    return np.array(outputs)
"""


def cached_attend_before_append(X, W_Q, W_K, W_V):
    d = W_Q.shape[1]
    K_cache, V_cache, outputs = [], [], []
    for x in X:
        q = x @ W_Q
        if K_cache:
            K, V = np.array(K_cache), np.array(V_cache)
            s = q @ K.T / np.sqrt(d)
            w = np.exp(s - s.max())
            outputs.append((w / w.sum()) @ V)
        else:
            outputs.append(np.zeros(d))
        K_cache.append(x @ W_K)
        V_cache.append(x @ W_V)
    return np.array(outputs)


def cached_no_scale(X, W_Q, W_K, W_V):
    K_cache, V_cache, outputs = [], [], []
    for x in X:
        q = x @ W_Q
        K_cache.append(x @ W_K)
        V_cache.append(x @ W_V)
        K, V = np.array(K_cache), np.array(V_cache)
        s = q @ K.T
        w = np.exp(s - s.max())
        outputs.append((w / w.sum()) @ V)
    return np.array(outputs)


def cached_scaled_by_c(X, W_Q, W_K, W_V):
    C = W_Q.shape[0]
    K_cache, V_cache, outputs = [], [], []
    for x in X:
        q = x @ W_Q
        K_cache.append(x @ W_K)
        V_cache.append(x @ W_V)
        K, V = np.array(K_cache), np.array(V_cache)
        s = q @ K.T / np.sqrt(C)
        w = np.exp(s - s.max())
        outputs.append((w / w.sum()) @ V)
    return np.array(outputs)


def cached_whole_sequence(X, W_Q, W_K, W_V):
    d = W_Q.shape[1]
    Q, K, V = X @ W_Q, X @ W_K, X @ W_V
    S = Q @ K.T / np.sqrt(d)
    W = np.exp(S - S.max(axis=1, keepdims=True))
    return (W / W.sum(axis=1, keepdims=True)) @ V


def cached_softmax_wrong_axis(X, W_Q, W_K, W_V):
    d = W_Q.shape[1]
    n = len(X)
    Q, K, V = X @ W_Q, X @ W_K, X @ W_V
    S = np.where(np.tril(np.ones((n, n), dtype=bool)), Q @ K.T / np.sqrt(d), -np.inf)
    W = np.exp(S - S.max(axis=0, keepdims=True))
    return (W / W.sum(axis=0, keepdims=True)) @ V


@checkpoint(f"{LESSON}.cached-attention", concepts=[LESSON, "tf.causal-mask"])
class CachedAttention:
    """Write `cached_attention(X, W_Q, W_K, W_V)`: one head of causal attention computed the
    way generation does it, one token at a time with a KV cache. `X` holds $n$ token
    embeddings, one per row, in the order they arrive; the weight matrices are $(C, d)$. For
    each token, compute its query, key and value, add the key and value to the cache, and
    attend with the query over the cache (scaled by $\\sqrt{d}$). Return the $(n, d)$ array of
    outputs, row $t$ for token $t$: it must equal the lesson's `causal_attention(X)`.
    """

    function = "cached_attention"
    starter = _CACHED_STARTER
    # A float32 solution whose float64 scalar (np.sqrt(d)) promotes its result back to float64
    # keeps float32's rounding; the named mistakes differ by far more than this.
    rtol = 1e-5
    atol = 1e-6

    def reference(X, W_Q, W_K, W_V):
        d = W_Q.shape[1]
        n = len(X)
        Q, K, V = X @ W_Q, X @ W_K, X @ W_V
        S = np.where(np.tril(np.ones((n, n), dtype=bool)), Q @ K.T / np.sqrt(d), -np.inf)
        W = np.exp(S - S.max(axis=1, keepdims=True))
        return (W / W.sum(axis=1, keepdims=True)) @ V

    def cases(rng):
        out = []
        for n, C, d in [(3, 4, 2), (5, 6, 3), (6, 4, 4), (8, 8, 4)]:
            X = rng.normal(size=(n, C))
            W_Q, W_K, W_V = (rng.normal(0, 1.5, size=(C, d)) for _ in range(3))
            out.append((X, W_Q, W_K, W_V))
        return out

    edge_cases = [
        (
            np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
            np.array([[1.0, 0.0], [0.0, 2.0]]),
            np.array([[2.0, 0.0], [0.0, 1.0]]),
            np.array([[1.0, 2.0], [3.0, 4.0]]),
        )
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "attend-before-append",
            cached_attend_before_append,
            "attended over the cache before adding the new token's key and value",
            "A token attends to itself too: the causal mask keeps the diagonal. Append k and v "
            "to the cache first, then compute the weights over all of it.",
            revisit=f"{LESSON}#generation-and-what-it-recomputes",
        ),
        Misconception(
            "no-scale",
            cached_no_scale,
            "left out the division by sqrt(d)",
            "The scores are q @ K.T / sqrt(d), as in every attention; without it the softmax is "
            "sharper than the model's.",
            revisit=f"{LESSON}#where-the-cost-comes-from",
        ),
        Misconception(
            "scaled-by-C",
            cached_scaled_by_c,
            "divided the scores by sqrt(C), the embedding width, instead of sqrt(d)",
            "The scores are dot products of a query and a key, vectors of width d (the columns "
            "of W_Q), so their scale is sqrt(d). C, the width of the embeddings, happened to "
            "equal d in the lesson; here it does not.",
            revisit=f"{LESSON}#where-the-cost-comes-from",
        ),
        Misconception(
            "sees-the-future",
            cached_whole_sequence,
            "let every token attend to the whole sequence, later tokens included",
            "During generation, token t does not exist before step t: a cache only ever holds "
            "the past. Computing all rows at once needs the causal mask to match.",
            revisit=f"{LESSON}#generation-and-what-it-recomputes",
        ),
        Misconception(
            "softmax-wrong-axis",
            cached_softmax_wrong_axis,
            "took the softmax down each column instead of along each row",
            "Each output row is a weighted average over that token's keys, so its weights sum "
            "to 1 along the row: softmax over the last axis.",
            revisit=f"{LESSON}#where-the-cost-comes-from",
        ),
    ]
    hints = [
        "In the loop: q, k, v = x @ W_Q, x @ W_K, x @ W_V; append k and v to the caches.",
        "Then K = np.array(K_cache), scores q @ K.T / np.sqrt(d), softmax, weights @ V.",
    ]
