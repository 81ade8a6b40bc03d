"""The retrieval corpus of module 9: the course's own prose, cut into passages, with their MiniLM
embeddings computed once and shipped (embedding 1,300 passages in NumPy takes about a minute on
two cores, too long for a lesson cell).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import numpy as np

from mlpath.toolkit.text import load_course_text

EMBEDDINGS_FILE = "data/course-passages.npy"
# A paragraph this short without a full stop is a heading: it is joined to the paragraph below.
_HEADING_CHARS = 80


@cache
def course_passages() -> tuple[str, ...]:
    """The course text's paragraphs, in order, each heading joined to the paragraph below it."""
    passages: list[str] = []
    heading = ""
    for paragraph in load_course_text().split("\n\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if len(paragraph) < _HEADING_CHARS and not paragraph.endswith((".", ":", "?", "!")):
            heading = f"{heading}\n{paragraph}" if heading else paragraph
            continue
        passages.append(f"{heading}\n{paragraph}" if heading else paragraph)
        heading = ""
    if heading:
        passages.append(heading)
    return tuple(passages)


def passage_embeddings() -> np.ndarray:
    """`course_passages()` embedded by MiniLM: (passages, 384) float32 rows of length 1."""
    with files("mlpath.toolkit").joinpath(EMBEDDINGS_FILE).open("rb") as stream:
        embeddings: np.ndarray = np.load(stream)
    return embeddings
