"""Checkpoints for the lesson "Which path fits you: engineering or research depth"
(02-which-path.md).

The first quick checkpoint (`start.choosing-a-path.which-path`) is the placement question for
start.choosing-a-path.
"""

from mlpath.grade import Misconception, checkpoint

_ENGINEERING = (
    "Engineering: the essential concepts on the way to the goal, research-depth ones set aside "
    "as safe to skip for now."
)
_RESEARCH_FIRST = "Research: understand all of the math in depth before building anything."
_NO_MATH = "Neither: the libraries do the math, so skip it and build."
_RESEARCH_CORE = "Research: the engineering path leaves out linear algebra and probability."


def chose_research_first():
    return _RESEARCH_FIRST


def chose_no_math():
    return _NO_MATH


def chose_research_core():
    return _RESEARCH_CORE


@checkpoint("start.choosing-a-path.which-path", concepts=["start.choosing-a-path"], kind="choice")
class WhichPath:
    """You want to add a search-and-answer feature (RAG) over your company's documents, using
    an existing embedding model and an existing language model. Which path fits, and why?

    a) Research: understand all of the math in depth before building anything.
    b) Engineering: the essential concepts on the way to the goal, research-depth ones set
       aside as safe to skip for now.
    c) Neither: the libraries do the math, so skip it and build.
    d) Research: the engineering path leaves out linear algebra and probability.

    Set `answer` to the letter of your choice.
    """

    options = [_RESEARCH_FIRST, _ENGINEERING, _NO_MATH, _RESEARCH_CORE]

    def solve():
        return _ENGINEERING

    misconceptions = [
        Misconception(
            "math-as-a-wall",
            chose_research_first,
            "treated the math as a wall to climb before starting",
            "Building with models that exist is engineering. Its math is a toolkit you sharpen "
            "as you build: learn what your goal needs, just in time, and go deeper where a "
            "technique asks for it.",
            revisit="start.choosing-a-path#two-jobs-hiding-under-the-word-ai",
        ),
        Misconception(
            "no-math",
            chose_no_math,
            "thought engineering needs no math",
            "Libraries compute, but you still need the intuition to know what they do and why a "
            "result looks wrong: embeddings are vectors, retrieval ranks them by similarity.",
            revisit="start.choosing-a-path#two-jobs-hiding-under-the-word-ai",
        ),
        Misconception(
            "engineering-skips-core",
            chose_research_core,
            "thought the engineering path leaves out the core areas",
            "The engineering path keeps every essential concept, linear algebra, calculus, "
            "probability and statistics included; it only sets research-depth concepts aside.",
            revisit="start.choosing-a-path#two-jobs-hiding-under-the-word-ai",
        ),
    ]
    hints = ["Is the job inventing a new method, or building with models that already exist?"]


_CREDITED = "It becomes learned (implied by the pass) and drops out of your path."
_STAYS = "It stays on your path: each concept needs a question of its own."
_MASTERED = "It becomes mastered: the pass shows you know it well."
_REMOVED = "Nothing changes for it: a pass only ever changes the concept that was asked."


def chose_stays():
    return _STAYS


def chose_mastered():
    return _MASTERED


def chose_removed():
    return _REMOVED


@checkpoint(
    "start.choosing-a-path.placement-credit", concepts=["start.choosing-a-path"], kind="choice"
)
class PlacementCredit:
    """During `mlpath start` you answer the quick question on the dot product correctly. The dot
    product builds on summation (Σ notation). What happens to summation on your path?

    a) It stays on your path: each concept needs a question of its own.
    b) It becomes mastered: the pass shows you know it well.
    c) It becomes learned (implied by the pass) and drops out of your path.
    d) Nothing changes for it: a pass only ever changes the concept that was asked.

    Set `answer` to the letter of your choice.
    """

    options = [_STAYS, _MASTERED, _CREDITED, _REMOVED]

    def solve():
        return _CREDITED

    misconceptions = [
        Misconception(
            "one-question-each",
            chose_stays,
            "thought every concept needs its own question",
            "A pass implies what the concept builds on: you cannot use the dot product without "
            "summing. That is how five questions can place you on a path of any length.",
            revisit="start.choosing-a-path#place-yourself-the-diagnostic",
        ),
        Misconception(
            "pass-masters",
            chose_mastered,
            "expected a placement pass to master a concept",
            "Mastered takes reviews passed on time, days apart. A pass, in placement or in a "
            "lesson, gives learned at most.",
            revisit="start.using-mlpath#levels-and-reviews",
        ),
        Misconception(
            "only-the-asked-concept",
            chose_removed,
            "thought a pass changes only the concept asked",
            "A recorded pass also credits every prerequisite of the concept; in the lesson's "
            "cell, everything below the dot product dropped out of the path at once.",
            revisit="start.choosing-a-path#place-yourself-the-diagnostic",
        ),
    ]
    hints = ["Look at the path before and after the throwaway learner's pass in the lesson."]
