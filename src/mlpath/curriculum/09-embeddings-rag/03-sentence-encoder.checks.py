"""Checkpoints for the lesson "A sentence encoder: MiniLM's forward pass in NumPy"
(03-sentence-encoder.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

# ---------------------------------------------------------------------------------------------
# Mean pooling with a mask, on one feature of a padded sentence.

_STATES = np.array([0.8, -0.4, 1.5, 2.1, 1.2, 1.3])  # feature 0 of sentence 2, positions 0-5
_MASK = np.array([1, 1, 1, 1, 0, 0])


def pool_padding_included():
    return 6.5 / 6


def pool_divided_by_padded_length():
    return 4.0 / 6


def pool_cls_only():
    return 0.8


def pool_sum_not_mean():
    return 4.0


def pool_special_tokens_dropped():
    return (-0.4 + 1.5) / 2  # positions 1 and 2: [CLS] (0) and [SEP] (3) left out


@checkpoint("emb.sentence-encoder.mean-pool", concepts=["emb.sentence-encoder"], kind="numeric")
class MeanPool:
    """Two sentences are embedded in one batch, padded to $T = 6$ tokens. Their attention mask
    is

    `[[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0]]`

    After the six blocks, feature 0 of the *second* sentence's token states is, position by
    position,

    `[0.8, -0.4, 1.5, 2.1, 1.2, 1.3]`

    What is feature 0 of the second sentence's mean-pooled vector, before the vector is scaled
    to length 1? Set `answer` to it.
    """

    decimals = 3

    def solve():
        return float((_STATES * _MASK).sum() / _MASK.sum())

    misconceptions = [
        Misconception(
            "padding-included",
            pool_padding_included,
            "averaged over all 6 positions, the 2 padding positions included",
            "The states at padding positions are not zero: the blocks compute a row for every "
            "position. Mean pooling keeps only the real tokens, the ones where the mask is 1: "
            "sum their states and divide by their number.",
            revisit="emb.sentence-encoder#when-the-result-looks-wrong-padding-in-the-mean",
        ),
        Misconception(
            "padded-length",
            pool_divided_by_padded_length,
            "summed the real tokens but divided by the padded length 6",
            "The mean over the real tokens divides by how many there are, the sum of the "
            "mask (4 here), not by the padded length T.",
            revisit="emb.sentence-encoder#six-blocks-then-one-vector-per-sentence",
        ),
        Misconception(
            "cls-only",
            pool_cls_only,
            "took the state of the first token, [CLS], alone",
            "Some models use the [CLS] token's state as the sentence vector, but this one "
            "averages the states of all the real tokens, [CLS] and [SEP] included.",
            revisit="emb.sentence-encoder#six-blocks-then-one-vector-per-sentence",
        ),
        Misconception(
            "sum-not-mean",
            pool_sum_not_mean,
            "summed the real tokens' states without dividing by their number",
            "Mean pooling divides the masked sum by the number of real tokens, the sum of the "
            "mask.",
            revisit="emb.sentence-encoder#six-blocks-then-one-vector-per-sentence",
        ),
        Misconception(
            "special-tokens-dropped",
            pool_special_tokens_dropped,
            "left out [CLS] and [SEP] (positions 0 and 3) and averaged only the two words",
            "[CLS] and [SEP] are real tokens: the mask is 1 there, and this model's mean "
            "includes them. Only padding, where the mask is 0, is left out.",
            revisit="emb.sentence-encoder#six-blocks-then-one-vector-per-sentence",
        ),
    ]
    hints = [
        "Which positions of the second sentence are real tokens? The mask says.",
        "Add the states where the mask is 1, and divide by how many there are.",
    ]


# ---------------------------------------------------------------------------------------------
# The parameters of BERT-base, MiniLM's architecture at a larger size.

_C, _BLOCKS, _FF, _VOCAB, _POSITIONS, _SEGMENTS, _HEADS = 768, 12, 3072, 30522, 512, 2, 12


def _tables():
    return (_VOCAB + _POSITIONS + _SEGMENTS) * _C + 2 * _C


def _block():
    attention = 4 * (_C * _C + _C)
    feed_forward = _C * _FF + _FF + _FF * _C + _C
    return attention + feed_forward + 2 * 2 * _C


def params_blocks_only():
    C = 768
    return 12 * (4 * (C * C + C) + C * 3072 + 3072 + 3072 * C + C + 4 * C) / 1e6


def params_without_word_table():
    C = 768
    block = 4 * (C * C + C) + C * 3072 + 3072 + 3072 * C + C + 4 * C
    return (12 * block + (512 + 2) * C + 2 * C) / 1e6


def params_matrices_only():
    C = 768
    return (12 * (4 * C * C + 2 * C * 3072) + (30522 + 512 + 2) * C) / 1e6


def params_heads_multiply():
    C, h = 768, 12
    attention = 3 * h * (C * C + C) + C * C + C  # a full C x C query, key, value per head
    block = attention + C * 3072 + 3072 + 3072 * C + C + 4 * C
    return (12 * block + (30522 + 512 + 2) * C + 2 * C) / 1e6


def params_six_blocks():
    C = 768
    block = 4 * (C * C + C) + C * 3072 + 3072 + 3072 * C + C + 4 * C
    return (6 * block + (30522 + 512 + 2) * C + 2 * C) / 1e6


def params_with_pooler():
    C = 768
    block = 4 * (C * C + C) + C * 3072 + 3072 + 3072 * C + C + 4 * C
    return (12 * block + (30522 + 512 + 2) * C + 2 * C + C * C + C) / 1e6


def params_not_in_millions():
    C = 768
    block = 4 * (C * C + C) + C * 3072 + 3072 + 3072 * C + C + 4 * C
    return float(12 * block + (30522 + 512 + 2) * C + 2 * C)


@checkpoint("emb.sentence-encoder.param-count", concepts=["emb.sentence-encoder"], kind="numeric")
class ParamCount:
    """BERT-base has MiniLM's architecture at a larger size: $C = 768$ features, 12 heads of 64,
    12 blocks, each with a feed-forward layer 3,072 wide, and the same three tables (30,522
    words, 512 positions, 2 segments) followed by a LayerNorm. Every dense layer has a bias,
    and every LayerNorm a gain and a bias.

    How many parameters does BERT-base have, not counting the pooler? Set `answer` to the
    number **in millions** (for 1,500,000 parameters, answer 1.5).
    """

    # Two places: with one, a correct count truncated (not rounded) would read as the
    # count without biases (matrices-only), 0.12 million lower.
    decimals = 2

    def solve():
        return (_BLOCKS * _block() + _tables()) / 1e6

    misconceptions = [
        Misconception(
            "blocks-only",
            params_blocks_only,
            "counted the 12 blocks and left out the three tables and their LayerNorm",
            "The tables are parameters too, and the word table is a large share of them: "
            "30,522 rows of 768 numbers. Add the word, position and segment tables and the "
            "embedding LayerNorm.",
            revisit="emb.sentence-encoder#counting-the-parameters",
        ),
        Misconception(
            "no-word-table",
            params_without_word_table,
            "left out the word table",
            "The word table holds one row of C numbers for each of the 30,522 tokens: 23.4 "
            "million parameters here. In MiniLM it is more than half of the model.",
            revisit="emb.sentence-encoder#counting-the-parameters",
        ),
        Misconception(
            "matrices-only",
            params_matrices_only,
            "counted the weight matrices and tables but no biases or LayerNorm parameters",
            "Each dense layer has a bias (C or 3,072 numbers), and each LayerNorm a gain and a "
            "bias of C numbers: a block has 12C^2 + 13C parameters with a 4C-wide feed-forward "
            "layer, not 12C^2.",
            revisit="emb.sentence-encoder#counting-the-parameters",
        ),
        Misconception(
            "heads-multiply",
            params_heads_multiply,
            "gave every head its own full C x C query, key and value matrices",
            "Heads split the C features of one Q, K and V into 12 blocks of 64; they add no "
            "weights. A block's attention has four C x C matrices whatever the number of heads.",
            revisit="emb.sentence-encoder#one-block-module-8s-with-four-differences",
        ),
        Misconception(
            "six-blocks",
            params_six_blocks,
            "counted six blocks, as in MiniLM",
            "BERT-base has 12 blocks; MiniLM-L6 has 6.",
            revisit="emb.sentence-encoder#counting-the-parameters",
        ),
        Misconception(
            "with-pooler",
            params_with_pooler,
            "counted the pooler, a 768 x 768 dense layer on [CLS] with its bias",
            "The question leaves the pooler out: mean pooling never calls it. Count the three "
            "tables with their LayerNorm and the 12 blocks.",
            revisit="emb.sentence-encoder#counting-the-parameters",
        ),
        Misconception(
            "not-millions",
            params_not_in_millions,
            "gave the count itself, not the count in millions",
            "Your count is right; divide it by 1,000,000 and give the result to two decimals.",
        ),
    ]
    hints = [
        "One block: four C x C attention matrices, a C x 3072 and a 3072 x C feed-forward "
        "matrix, their biases, and two LayerNorms with a gain and a bias each.",
        "Then the tables: (30,522 + 512 + 2) rows of C numbers, and one more LayerNorm.",
    ]


# ---------------------------------------------------------------------------------------------
# Fix the bug: a post-norm attention sublayer written the pre-norm way.

_FIX_STARTER = """import numpy as np


def layer_norm(x, gain, bias, eps=1e-12):
    mu = x.mean(axis=-1, keepdims=True)
    return gain * (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps) + bias


def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):
    B, T, C = x.shape
    d = C // h

    def heads(z):
        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)

    a = layer_norm(x, gain, bias)
    Q, K, V = heads(a @ Wq.T), heads(a @ Wk.T), heads(a @ Wv.T)
    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)
    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)
    return x + context @ Wo.T
"""


# The variants are graded like a learner's file, so each is self-contained.
def sublayer_pre_norm(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):
    B, T, C = x.shape
    d = C // h
    mu = x.mean(axis=-1, keepdims=True)
    a = gain * (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + 1e-12) + bias
    Q, K, V = ((a @ W.T).reshape(B, T, h, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)
    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)
    return x + context @ Wo.T


def sublayer_normalised_twice(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):
    B, T, C = x.shape
    d = C // h
    mu = x.mean(axis=-1, keepdims=True)
    a = gain * (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + 1e-12) + bias
    Q, K, V = ((a @ W.T).reshape(B, T, h, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)
    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    y = x + (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo.T
    mu = y.mean(axis=-1, keepdims=True)
    return gain * (y - mu) / np.sqrt(y.var(axis=-1, keepdims=True) + 1e-12) + bias


def sublayer_norm_before_add(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):
    B, T, C = x.shape
    d = C // h
    Q, K, V = ((x @ W.T).reshape(B, T, h, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)
    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    out = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo.T
    mu = out.mean(axis=-1, keepdims=True)
    return x + gain * (out - mu) / np.sqrt(out.var(axis=-1, keepdims=True) + 1e-12) + bias


def sublayer_mask_after_softmax(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):
    B, T, C = x.shape
    d = C // h
    Q, K, V = ((x @ W.T).reshape(B, T, h, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    A = A * mask[:, None, None, :]
    y = x + (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo.T
    mu = y.mean(axis=-1, keepdims=True)
    return gain * (y - mu) / np.sqrt(y.var(axis=-1, keepdims=True) + 1e-12) + bias


def sublayer_no_mask(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):
    B, T, C = x.shape
    d = C // h
    Q, K, V = ((x @ W.T).reshape(B, T, h, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    y = x + (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo.T
    mu = y.mean(axis=-1, keepdims=True)
    return gain * (y - mu) / np.sqrt(y.var(axis=-1, keepdims=True) + 1e-12) + bias


def sublayer_causal(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):
    B, T, C = x.shape
    d = C // h
    Q, K, V = ((x @ W.T).reshape(B, T, h, d).transpose(0, 2, 1, 3) for W in (Wq, Wk, Wv))
    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)
    allowed = (mask[:, None, None, :] == 1) & np.tril(np.ones((T, T), dtype=bool))
    S = np.where(allowed, S, -np.inf)
    A = np.exp(S - S.max(axis=-1, keepdims=True))
    A = A / A.sum(axis=-1, keepdims=True)
    y = x + (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C) @ Wo.T
    mu = y.mean(axis=-1, keepdims=True)
    return gain * (y - mu) / np.sqrt(y.var(axis=-1, keepdims=True) + 1e-12) + bias


def _fix_case(rng, B, T, C, h, real):
    x = rng.normal(0.0, 1.0, size=(B, T, C))
    mask = np.zeros((B, T), dtype=np.int64)
    for row, n in enumerate(real):
        mask[row, :n] = 1
    Wq, Wk, Wv, Wo = (rng.normal(0.0, 1.5 / np.sqrt(C), size=(C, C)) for _ in range(4))
    gain = 1.0 + rng.normal(0.0, 0.2, size=C)
    bias = rng.normal(0.0, 0.2, size=C)
    return x, mask, Wq, Wk, Wv, Wo, gain, bias, h


def _fix_edge_case():
    rng = np.random.default_rng(7)
    x, mask, Wq, Wk, Wv, Wo, _, _, h = _fix_case(rng, 2, 4, 4, 2, (4, 2))
    return (
        x.round(1),
        mask,
        Wq.round(1),
        Wk.round(1),
        Wv.round(1),
        Wo.round(1),
        np.ones(4),
        np.zeros(4),
        h,
    )


@checkpoint("emb.sentence-encoder.fix-post-norm", concepts=["emb.sentence-encoder"], kind="fix")
class FixPostNorm:
    """`attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h)` should compute the first
    half of a MiniLM block, $\\operatorname{ln}(\\mathbf{x} + \\operatorname{attn}(\\mathbf{x}))$:
    bidirectional multi-head attention over the stream `x` of shape `(B, T, C)` with `h` heads,
    where padding keys (`mask` 0) get the score $-\\infty$ (or any very large negative number)
    before the softmax; then the output projection, the residual add, and LayerNorm (with
    $\\varepsilon = 10^{-12}$). The weights are stored (out, in), as in the file, so a layer is
    `x @ W.T`; this sublayer has no biases.
    Return an array of shape `(B, T, C)`, with a row for every position, padding included.

    It was ported from a GPT-style block, and its output rows are not normalised: with
    `gain` all 1 and `bias` all 0, every output row of a post-norm sublayer has mean 0 and
    standard deviation 1, and these do not. The starter code has a bug: fix it.
    """

    function = "attention_sublayer"
    starter = _FIX_STARTER
    rtol = 1e-4
    atol = 1e-5

    def reference(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):
        # One sentence and one head at a time, the padding keys left out of the softmax.
        B, T, C = x.shape
        d = C // h
        Q, K, V = x @ Wq.T, x @ Wk.T, x @ Wv.T
        context = np.zeros((B, T, C))
        for b in range(B):
            real = np.flatnonzero(mask[b] == 1)
            for head in range(h):
                cols = slice(head * d, (head + 1) * d)
                scores = Q[b, :, cols] @ K[b, real, cols].T / np.sqrt(d)
                weights = np.exp(scores - scores.max(axis=1, keepdims=True))
                weights = weights / weights.sum(axis=1, keepdims=True)
                context[b, :, cols] = weights @ V[b, real, cols]
        y = x + context @ Wo.T
        z = (y - y.mean(axis=-1, keepdims=True)) / np.sqrt(y.var(axis=-1, keepdims=True) + 1e-12)
        return gain * z + bias

    def cases(rng):
        return [
            _fix_case(rng, 2, 5, 8, 2, (5, 3)),
            _fix_case(rng, 3, 4, 6, 3, (2, 4, 3)),
            _fix_case(rng, 1, 6, 12, 3, (4,)),
            _fix_case(rng, 2, 7, 8, 4, (7, 2)),  # hidden
        ]

    edge_cases = [_fix_edge_case()]
    hidden = 1
    misconceptions = [
        Misconception(
            "pre-norm",
            sublayer_pre_norm,
            "normalised the sublayer's input and left the sum unnormalised: GPT's pre-norm "
            "wiring, x + attn(ln(x))",
            "MiniLM's block is post-norm: attention reads the stream x itself, and LayerNorm "
            "comes after the residual add, ln(x + attn(x)). The stream that leaves the "
            "sublayer is normalised.",
            revisit="emb.sentence-encoder#one-block-module-8s-with-four-differences",
            fix="return layer_norm(x + context @ Wo.T, gain, bias), with Q, K, V from x",
        ),
        Misconception(
            "normalised-twice",
            sublayer_normalised_twice,
            "added the LayerNorm after the residual but kept the one before attention",
            "A post-norm sublayer has one LayerNorm, after the add. Attention reads the stream "
            "x as it is: compute Q, K and V from x, not from ln(x).",
            revisit="emb.sentence-encoder#one-block-module-8s-with-four-differences",
        ),
        Misconception(
            "norm-before-add",
            sublayer_norm_before_add,
            "normalised attention's output and then added the residual: x + ln(attn(x))",
            "LayerNorm comes after the residual add: ln(x + attn(x)). Normalising the update "
            "before adding it leaves the stream itself unnormalised.",
            revisit="emb.sentence-encoder#one-block-module-8s-with-four-differences",
        ),
        Misconception(
            "mask-after-softmax",
            sublayer_mask_after_softmax,
            "hid the padding by multiplying the weights by the mask after the softmax, so the "
            "rows of weights sum to less than 1",
            "The softmax has already shared each row's total of 1 among all keys, padding "
            "included; zeroing some weights afterwards leaves rows that sum to less than 1. "
            "Give padding keys the score -inf before the softmax.",
            revisit="emb.sentence-encoder#one-block-module-8s-with-four-differences",
        ),
        Misconception(
            "no-padding-mask",
            sublayer_no_mask,
            "let every query attend to the padding keys",
            "Padding states are vectors like any other, so attending to them mixes padding "
            "into the real tokens. Hide the padding keys: "
            "S = np.where(mask[:, None, None, :] == 1, S, -np.inf) before the softmax.",
            revisit="emb.sentence-encoder#one-block-module-8s-with-four-differences",
        ),
        Misconception(
            "causal-mask",
            sublayer_causal,
            "added a causal mask, so each token only sees the tokens before it",
            "An encoder is bidirectional: each token attends to the tokens before and after "
            "it. The only mask hides padding keys.",
            revisit="emb.sentence-encoder#one-block-module-8s-with-four-differences",
        ),
    ]
    hints = [
        "Where does LayerNorm sit in a post-norm block: before attention, or after the "
        "residual add?",
        "Compute Q, K and V from x, and return layer_norm(x + context @ Wo.T, gain, bias).",
    ]
