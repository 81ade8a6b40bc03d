"""The retrieval corpus of module 9: the course's own prose, cut into passages, with their MiniLM
embeddings computed once and shipped (embedding 1,300 passages in NumPy takes about a minute on
two cores, too long for a lesson cell), and a labelled set of questions about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np
import yaml

from mlpath.toolkit.text import load_course_text

EMBEDDINGS_FILE = "data/course-passages.npy"
QUESTIONS_FILE = "data/course-questions.yaml"
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


@dataclass(frozen=True)
class Question:
    """A learner's question about the course text and the span of the text that answers it.

    `answer` is a verbatim span of `load_course_text()` (one or two sentences) that occurs there
    exactly once, at character offset `start`; `passages` are the indices into `course_passages()`
    whose text contains the whole answer: the relevant passages for retrieval.
    """

    text: str
    answer: str
    start: int
    passages: tuple[int, ...]


@cache
def course_questions() -> tuple[Question, ...]:
    """The questions of `data/course-questions.yaml`, with their offsets and passages computed."""
    raw = yaml.safe_load(files("mlpath.toolkit").joinpath(QUESTIONS_FILE).read_text("utf-8"))
    text = load_course_text()
    passages = course_passages()
    questions = []
    for item in raw:
        question, answer = item["question"], item["answer"]
        start = text.index(answer)
        if text.find(answer, start + 1) >= 0:
            raise ValueError(f"answer occurs more than once in the course text: {answer!r}")
        relevant = tuple(i for i, passage in enumerate(passages) if answer in passage)
        if not relevant:
            raise ValueError(f"answer lies in no single passage: {answer!r}")
        questions.append(Question(question, answer, start, relevant))
    return tuple(questions)
