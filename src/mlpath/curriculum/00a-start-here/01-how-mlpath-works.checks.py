"""Checkpoints for the lesson "How mlpath works: read, run, check, review"
(01-how-mlpath-works.md).

The first quick checkpoint (`start.using-mlpath.level-after-pass`) is the placement question for
start.using-mlpath.
"""

from mlpath.grade import Misconception, checkpoint

_LEARNED = "Learned, with a first review about 2 days later."
_MASTERED = "Mastered: it was passed twice."
_MINUTES = "Learned, with a first review about 10 minutes later."
_LEARNING = "Learning: a concept is learned only after its first review."


def chose_mastered():
    return _MASTERED


def chose_minutes():
    return _MINUTES


def chose_learning():
    return _LEARNING


@checkpoint("start.using-mlpath.level-after-pass", concepts=["start.using-mlpath"], kind="choice")
class LevelAfterPass:
    """A concept has one checkpoint. You pass it this morning, and to be sure you press Check
    again a minute later: it passes again. What is the concept's level now, and when does
    mlpath first ask you to review it?

    a) Mastered: it was passed twice.
    b) Learned, with a first review about 2 days later.
    c) Learned, with a first review about 10 minutes later.
    d) Learning: a concept is learned only after its first review.

    Set `answer` to the letter of your choice.
    """

    options = [_MASTERED, _LEARNED, _MINUTES, _LEARNING]

    def solve():
        return _LEARNED

    misconceptions = [
        Misconception(
            "passes-master",
            chose_mastered,
            "counted passes instead of reviews on time",
            "A pass before the review is due changes nothing, so the second press of Check "
            "added nothing. Mastery needs reviews passed when they come due, days apart.",
            revisit="start.using-mlpath#levels-and-reviews",
        ),
        Misconception(
            "flashcard-minutes",
            chose_minutes,
            "expected flashcard-style reviews minutes later",
            "mlpath runs FSRS without flashcard learning steps: the first review of a concept "
            "is days after a pass, never minutes.",
            revisit="start.using-mlpath#levels-and-reviews",
        ),
        Misconception(
            "learned-after-review",
            chose_learning,
            "thought 'learned' waits for a review",
            "Learned means every checkpoint of the concept is passed: that happens on the "
            "first pass. The reviews decide mastery, not learned.",
            revisit="start.using-mlpath#levels-and-reviews",
        ),
    ]
    hints = ["Look at the first two lines the lesson's review cell prints."]


_NAMED = (
    "The name of the mistake and why it is wrong, with the section to revisit; the exact fix "
    "is held back for your next try."
)
_ANSWER = "The right answer, so you can compare it with yours."
_FIX_AT_ONCE = "The name of the mistake and the exact change that fixes it."
_JUST_WRONG = "Only 'Not yet': working out what is wrong is part of the exercise."


def chose_answer():
    return _ANSWER


def chose_fix_at_once():
    return _FIX_AT_ONCE


def chose_just_wrong():
    return _JUST_WRONG


@checkpoint("start.using-mlpath.first-feedback", concepts=["start.using-mlpath"], kind="choice")
class FirstFeedback:
    """Your first answer to a checkpoint is wrong, and it is one of the mistakes the checkpoint
    knows. What does the feedback show?

    a) The right answer, so you can compare it with yours.
    b) The name of the mistake and the exact change that fixes it.
    c) Only 'Not yet': working out what is wrong is part of the exercise.
    d) The name of the mistake and why it is wrong, with the section to revisit; the exact fix
       is held back for your next try.

    Set `answer` to the letter of your choice.
    """

    options = [_ANSWER, _FIX_AT_ONCE, _JUST_WRONG, _NAMED]

    def solve():
        return _NAMED

    misconceptions = [
        Misconception(
            "shows-answer",
            chose_answer,
            "expected the right answer to be shown",
            "The feedback does not hand out the answer: it names your mistake and explains it, "
            "so that you can correct it yourself.",
            revisit="start.using-mlpath#what-a-checkpoint-tells-you",
        ),
        Misconception(
            "fix-at-once",
            chose_fix_at_once,
            "expected the exact fix on the first try",
            "On a first failure the fix is held back: the explanation is meant to let you find "
            "it. It comes with the feedback on your next failed try.",
            revisit="start.using-mlpath#what-a-checkpoint-tells-you",
        ),
        Misconception(
            "just-wrong",
            chose_just_wrong,
            "expected a bare 'wrong'",
            "When your answer matches a known mistake, the feedback says which one and why it "
            "is wrong; even without a match it describes what differs.",
            revisit="start.using-mlpath#what-a-checkpoint-tells-you",
        ),
    ]
    hints = ["Reread the section 'What a checkpoint tells you'."]
