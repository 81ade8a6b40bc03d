"""The shipped passage embeddings are the model's embeddings of today's passages, and the labelled
questions are answered by spans of the course text that lie in a passage."""

import re

import numpy as np

from mlpath.toolkit.minilm import MiniLM
from mlpath.toolkit.rag import course_passages, course_questions, passage_embeddings
from mlpath.toolkit.text import load_course_text


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


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _longest_shared_run(a: list[str], b: list[str]) -> int:
    """The length of the longest run of consecutive words that a and b have in common."""
    best = 0
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b):
            if word == other:
                current[j + 1] = previous[j] + 1
                best = max(best, current[j + 1])
        previous = current
    return best


def test_every_answer_is_found_once_in_the_course_text() -> None:
    text = load_course_text()
    questions = course_questions()
    assert len(questions) >= 50
    assert len({q.text for q in questions}) == len(questions)
    for q in questions:
        assert text.count(q.answer) == 1, q.answer
        assert text[q.start : q.start + len(q.answer)] == q.answer


def test_every_question_has_a_relevant_passage() -> None:
    passages = course_passages()
    for q in course_questions():
        assert len(q.passages) >= 1, q.text
        assert q.passages == tuple(i for i, p in enumerate(passages) if q.answer in p)


def test_answers_are_one_or_two_sentences() -> None:
    for q in course_questions():
        sentences = re.split(r"(?<=[.?!:])\s+(?=[A-Z\"])", q.answer)
        assert 1 <= len([s for s in sentences if s.endswith((".", "?", "!"))]) <= 2, q.answer


def test_questions_do_not_copy_the_answers_words() -> None:
    for q in course_questions():
        assert _longest_shared_run(_words(q.text), _words(q.answer)) <= 3, q.text


def test_questions_cover_all_six_modules() -> None:
    # Where each module's prose starts in the course text (the title of its first lesson).
    text = load_course_text()
    titles = [
        "Arrays: shape, dtype and axes",
        "Vectors as data",
        "Events and the rules of probability",
        "Describing data: mean, median, percentiles and histograms",
        "The derivative: a slope you can measure",
        "Linear regression three ways",
    ]
    starts = [text.index(title + "\n\n") for title in titles]
    per_module = [0] * 6
    for q in course_questions():
        per_module[sum(q.start >= s for s in starts) - 1] += 1
    assert min(per_module) >= 6, per_module
