"""The checkpoints of lesson 09-embeddings-rag/03 (emb.sentence-encoder) grade real submissions
right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader
from tests.grade.submissions import (
    Code,
    Typed,
    assert_code_verdict,
    assert_typed_verdict,
    submission_id,
)

POOL = "emb.sentence-encoder.mean-pool"
PARAMS = "emb.sentence-encoder.param-count"
FIX = "emb.sentence-encoder.fix-post-norm"

TYPED = [
    Typed(POOL, "1", True),
    Typed(POOL, "4/4", True),
    Typed(POOL, "answer = 1.0", True),
    Typed(POOL, "1.0004", True),
    Typed(POOL, "1.083", False, "padding-included"),
    Typed(POOL, "6.5/6", False, "padding-included"),
    Typed(POOL, "0.667", False, "padded-length"),
    Typed(POOL, "0.8", False, "cls-only"),
    Typed(POOL, "4", False, "sum-not-mean"),
    Typed(POOL, "1.1", False, None),
    Typed(POOL, "0.55", False, "special-tokens-dropped"),
    Typed(POOL, "1,0", False, None, "decimal point"),
    Typed(PARAMS, "108.891648", True),
    Typed(PARAMS, "108.89", True),
    Typed(PARAMS, "  108.89 ", True),
    Typed(PARAMS, "108891648/1e6", True),
    # Counting conventions the prompt leaves open change the count by less than the tolerance:
    # without the segment table and the embedding LayerNorm, or with position_ids counted.
    Typed(PARAMS, "108.888576", True),
    Typed(PARAMS, "108.89216", True),
    # Rounded to one place: the prompt asks for two.
    Typed(PARAMS, "108.9", False, None, "2 decimal places"),
    # Truncated to one place: not taken for the count without biases (108.77).
    Typed(PARAMS, "108.8", False, None),
    Typed(PARAMS, "85.05", False, "blocks-only"),
    Typed(PARAMS, "85.45", False, "no-word-table"),
    Typed(PARAMS, "108.77", False, "matrices-only"),
    Typed(PARAMS, "342.77", False, "heads-multiply"),
    Typed(PARAMS, "66.36", False, "six-blocks"),
    Typed(PARAMS, "109.48", False, "with-pooler"),
    Typed(PARAMS, "108,891,648", False, "not-millions"),
]

_HEADER = (
    "def layer_norm(x, gain, bias, eps=1e-12):\n"
    "    mu = x.mean(axis=-1, keepdims=True)\n"
    "    return gain * (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps) + bias\n"
)

CODE = [
    # The two-line fix of the starter.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return layer_norm(x + context @ Wo.T, gain, bias)\n",
        True,
    ),
    # A loop over heads that slices the features, in float32, with a large negative fill.
    Code(
        FIX,
        "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    x = x.astype(np.float32)\n"
        "    d = x.shape[-1] // h\n"
        "    Q, K, V = x @ Wq.T.astype(np.float32), x @ Wk.T.astype(np.float32), "
        "x @ Wv.T.astype(np.float32)\n"
        "    outs = []\n"
        "    for i in range(h):\n"
        "        q, k, v = (M[..., i * d:(i + 1) * d] for M in (Q, K, V))\n"
        "        S = np.einsum('btd,bsd->bts', q, k) / np.float32(np.sqrt(d))\n"
        "        S = np.where(mask[:, None, :] > 0, S, np.float32(-1e9))\n"
        "        A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "        outs.append((A / A.sum(axis=-1, keepdims=True)) @ v)\n"
        "    y = x + np.concatenate(outs, axis=-1) @ Wo.T.astype(np.float32)\n"
        "    z = (y - y.mean(-1, keepdims=True)) / np.sqrt(y.var(-1, keepdims=True) + 1e-12)\n"
        "    return (gain * z + bias).astype(np.float32)\n",
        True,
    ),
    # The mask after the softmax, then each row shared out again: also right.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True)) * mask[:, None, None, :]\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return layer_norm(x + context @ Wo.T, gain, bias)\n",
        True,
    ),
    # One sentence at a time, keeping only the real keys; LayerNorm with eps 1e-5 (PyTorch's
    # default): close enough.
    Code(
        FIX,
        "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    out = np.empty_like(x)\n"
        "    for b in range(B):\n"
        "        keep = mask[b].astype(bool)\n"
        "        Q = (x[b] @ Wq.T).reshape(T, h, d).swapaxes(0, 1)\n"
        "        K = (x[b][keep] @ Wk.T).reshape(-1, h, d).swapaxes(0, 1)\n"
        "        V = (x[b][keep] @ Wv.T).reshape(-1, h, d).swapaxes(0, 1)\n"
        "        S = Q @ K.swapaxes(1, 2) / d ** 0.5\n"
        "        A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "        A /= A.sum(axis=-1, keepdims=True)\n"
        "        y = x[b] + (A @ V).swapaxes(0, 1).reshape(T, C) @ Wo.T\n"
        "        y = (y - y.mean(1, keepdims=True)) / np.sqrt(y.var(1, keepdims=True) + 1e-5)\n"
        "        out[b] = gain * y + bias\n"
        "    return out\n",
        True,
    ),
    # Reviewer's: np.einsum throughout, float64, BERT's old additive mask of -10000.
    Code(
        FIX,
        "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    x = np.asarray(x, dtype=np.float64)\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    Q, K, V = (np.einsum('btc,oc->bto', x, W).reshape(B, T, h, d) for W in (Wq, Wk, Wv))\n"
        "    S = np.einsum('bthd,bshd->bhts', Q, K) / np.sqrt(d)\n"
        "    S = S + (1.0 - mask[:, None, None, :]) * -10000.0\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A /= A.sum(axis=-1, keepdims=True)\n"
        "    context = np.einsum('bhts,bshd->bthd', A, V).reshape(B, T, C)\n"
        "    y = x + np.einsum('btc,oc->bto', context, Wo)\n"
        "    mu = y.mean(-1, keepdims=True)\n"
        "    sd = np.sqrt(((y - mu) ** 2).mean(-1, keepdims=True) + 1e-12)\n"
        "    return gain * (y - mu) / sd + bias\n",
        True,
    ),
    # Reviewer's: loops over sentences and heads slicing the weight rows, scipy's softmax, the
    # padding scores set to the most negative float in place.
    Code(
        FIX,
        "from scipy.special import softmax\n"
        "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    out = np.zeros((B, T, C))\n"
        "    for b in range(B):\n"
        "        ctx = np.zeros((T, C))\n"
        "        for i in range(h):\n"
        "            cols = slice(i * d, (i + 1) * d)\n"
        "            q, k, v = x[b] @ Wq[cols].T, x[b] @ Wk[cols].T, x[b] @ Wv[cols].T\n"
        "            s = q @ k.T / np.sqrt(d)\n"
        "            s[:, mask[b] == 0] = np.finfo(s.dtype).min\n"
        "            ctx[:, cols] = softmax(s, axis=1) @ v\n"
        "        y = x[b] + ctx @ Wo.T\n"
        "        z = (y - y.mean(1, keepdims=True)) / np.sqrt(y.var(1, keepdims=True) + 1e-12)\n"
        "        out[b] = gain * z + bias\n"
        "    return out\n",
        True,
    ),
    # Reviewer's: one query at a time in plain Python floats (math.exp, math.fsum), -1e30 for
    # padding, LayerNorm through np.std with no epsilon.
    Code(
        FIX,
        "import math\n"
        "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    Q, K, V = np.matmul(x, Wq.T), np.matmul(x, Wk.T), np.matmul(x, Wv.T)\n"
        "    ctx = np.zeros_like(x)\n"
        "    for b in range(B):\n"
        "        for t in range(T):\n"
        "            for i in range(h):\n"
        "                lo, hi = i * d, (i + 1) * d\n"
        "                scores = [float(Q[b, t, lo:hi] @ K[b, s, lo:hi]) / math.sqrt(d)\n"
        "                          if mask[b, s] else -1e30 for s in range(T)]\n"
        "                e = [math.exp(sc - max(scores)) for sc in scores]\n"
        "                for s in range(T):\n"
        "                    ctx[b, t, lo:hi] += e[s] / math.fsum(e) * V[b, s, lo:hi]\n"
        "    y = x + np.matmul(ctx, Wo.T)\n"
        "    mu = y.mean(axis=2, keepdims=True)\n"
        "    return gain * (y - mu) / y.std(axis=2, keepdims=True) + bias\n",
        True,
    ),
    # Reviewer's: heads split with np.split, scipy's logsumexp, a masked array filled with -1e300.
    Code(
        FIX,
        "from scipy.special import logsumexp\n"
        "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    Q, K, V = [np.stack(np.split(x @ W.T, h, axis=-1), axis=1) for W in (Wq, Wk, Wv)]\n"
        "    S = np.einsum('bhtd,bhsd->bhts', Q, K) * d ** -0.5\n"
        "    hide = np.broadcast_to(mask[:, None, None, :] == 0, S.shape)\n"
        "    S = np.ma.masked_array(S, mask=hide).filled(-1e300)\n"
        "    A = np.exp(S - logsumexp(S, axis=-1, keepdims=True))\n"
        "    y = x + np.concatenate(list(np.moveaxis(A @ V, 1, 0)), axis=-1) @ Wo.T\n"
        "    z = (y - y.mean(-1)[..., None]) / np.sqrt(y.var(-1)[..., None] + 1e-12)\n"
        "    return z * gain + bias\n",
        True,
    ),
    # The starter as given: pre-norm wiring.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    a = layer_norm(x, gain, bias)\n"
        "    Q, K, V = heads(a @ Wq.T), heads(a @ Wk.T), heads(a @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return x + context @ Wo.T\n",
        False,
        "pre-norm",
    ),
    # Half a fix: LayerNorm added after the residual, the one before attention kept.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    a = layer_norm(x, gain, bias)\n"
        "    Q, K, V = heads(a @ Wq.T), heads(a @ Wk.T), heads(a @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return layer_norm(x + context @ Wo.T, gain, bias)\n",
        False,
        "normalised-twice",
    ),
    # LayerNorm on the update, before the residual add.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return x + layer_norm(context @ Wo.T, gain, bias)\n",
        False,
        "norm-before-add",
    ),
    # The padding hidden after the softmax, rows not shared out again.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    A = A * mask[:, None, None, :]\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return layer_norm(x + context @ Wo.T, gain, bias)\n",
        False,
        "mask-after-softmax",
    ),
    # The mask line dropped while rewriting.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return layer_norm(x + context @ Wo.T, gain, bias)\n",
        False,
        "no-padding-mask",
    ),
    # Module 8's causal mask carried over, combined with the padding mask.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)\n"
        "    S = np.where(np.triu(np.ones((T, T), dtype=bool), k=1), -np.inf, S)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return layer_norm(x + context @ Wo.T, gain, bias)\n",
        False,
        "causal-mask",
    ),
    # Reviewer's: the mask broadcast over the queries, not the keys (a large negative fill, so
    # no NaN): real tokens still attend to padding.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    S = np.where(mask[:, None, :, None] == 1, S, -1e9)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return layer_norm(x + context @ Wo.T, gain, bias)\n",
        False,
        None,
    ),
    # Reviewer's: module 8's overwritten stream, x = ln(x) on a line of its own, then the add.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    x = layer_norm(x, gain, bias)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(d)\n"
        "    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return x + context @ Wo.T\n",
        False,
        None,
    ),
    # Scores divided by the square root of the model width, not of the head width.
    Code(
        FIX,
        _HEADER + "def attention_sublayer(x, mask, Wq, Wk, Wv, Wo, gain, bias, h):\n"
        "    B, T, C = x.shape\n"
        "    d = C // h\n"
        "    def heads(z):\n"
        "        return z.reshape(B, T, h, d).transpose(0, 2, 1, 3)\n"
        "    Q, K, V = heads(x @ Wq.T), heads(x @ Wk.T), heads(x @ Wv.T)\n"
        "    S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(C)\n"
        "    S = np.where(mask[:, None, None, :] == 1, S, -np.inf)\n"
        "    A = np.exp(S - S.max(axis=-1, keepdims=True))\n"
        "    A = A / A.sum(axis=-1, keepdims=True)\n"
        "    context = (A @ V).transpose(0, 2, 1, 3).reshape(B, T, C)\n"
        "    return layer_norm(x + context @ Wo.T, gain, bias)\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
