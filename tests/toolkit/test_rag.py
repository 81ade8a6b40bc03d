"""The shipped passage embeddings are the model's embeddings of today's passages."""

import numpy as np

from mlpath.toolkit.minilm import MiniLM
from mlpath.toolkit.rag import course_passages, passage_embeddings


def test_passages_are_paragraphs_with_their_headings() -> None:
    passages = course_passages()
    assert len(passages) > 800
    assert passages[0].startswith("Arrays: shape, dtype and axes\nAfter this lesson you can")
    assert all(p.strip() == p and p for p in passages)


def test_shipped_embeddings_match_the_model() -> None:
    passages = course_passages()
    shipped = passage_embeddings()
    assert shipped.shape == (len(passages), 384) and shipped.dtype == np.float32
    sample = np.random.default_rng(0).choice(len(passages), size=12, replace=False)
    fresh = MiniLM().encode([passages[i] for i in sample])
    cosines = (fresh * shipped[sample]).sum(axis=1)
    assert np.all(cosines > 1 - 1e-5), "rebuild with scripts/build_passage_embeddings.py"
