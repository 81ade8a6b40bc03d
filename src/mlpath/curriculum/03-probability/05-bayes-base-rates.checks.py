"""Checkpoints for the lesson "Bayes' rule and base rates" (05-bayes-base-rates.md)."""

from mlpath.grade import Misconception, checkpoint


def posterior_is_sensitivity(prevalence, sensitivity, specificity):
    return sensitivity


def posterior_without_prior(prevalence, sensitivity, specificity):
    return sensitivity / (sensitivity + (1 - specificity))


def posterior_specificity_as_false_positive_rate(prevalence, sensitivity, specificity):
    return sensitivity * prevalence / (sensitivity * prevalence + specificity * (1 - prevalence))


def posterior_not_divided(prevalence, sensitivity, specificity):
    return sensitivity * prevalence


@checkpoint("prob.bayes.posterior", concepts=["prob.bayes"])
class Posterior:
    """Write `posterior(prevalence, sensitivity, specificity)`: the probability
    $P(\\text{sick} \\mid \\text{positive})$ that a person who tests positive is sick, for a
    condition with the given prevalence $P(\\text{sick})$ and a test with the given sensitivity
    $P(\\text{positive} \\mid \\text{sick})$ and specificity
    $P(\\text{negative} \\mid \\text{healthy})$. All three are numbers between 0 and 1.

    For the lesson's test, `posterior(0.01, 0.90, 0.95)` is about 0.154.
    """

    function = "posterior"
    starter = "def posterior(prevalence, sensitivity, specificity):\n    ...\n"
    # A float32 computation returned as a Python float is right: 1 - specificity loses up to
    # ~2e-6 of its relative precision in float32 (measured over 2000 seeds), far below any mistake.
    rtol = 2e-5

    def reference(prevalence, sensitivity, specificity):
        p_pos = sensitivity * prevalence + (1 - specificity) * (1 - prevalence)
        return float(sensitivity * prevalence / p_pos)

    def cases(rng):
        return [
            (
                float(rng.uniform(0.002, 0.4)),
                float(rng.uniform(0.6, 0.99)),
                float(rng.uniform(0.7, 0.99)),
            )
            for _ in range(5)
        ]

    edge_cases = [(0.01, 0.90, 0.95), (0.2, 0.90, 0.95), (0.001, 0.99, 0.98)]
    hidden = 2
    misconceptions = [
        Misconception(
            "posterior-is-sensitivity",
            posterior_is_sensitivity,
            "returned the sensitivity P(positive | sick), not P(sick | positive)",
            "The sensitivity answers 'if sick, how likely is a positive test?'. The question is "
            "the reverse, 'if positive, how likely is sick?', and it depends on how many healthy "
            "people also test positive. Count both groups of positives: "
            "sensitivity * prevalence and (1 - specificity) * (1 - prevalence).",
            revisit="prob.bayes#the-idea-count-the-people-who-test-positive",
        ),
        Misconception(
            "forgot-the-prior",
            posterior_without_prior,
            "left out the prevalence, as if half the people were sick",
            "sensitivity / (sensitivity + 1 - specificity) weighs the sick and the healthy "
            "equally. Multiply each by its share of the population: sensitivity * prevalence "
            "on top, and P(positive) = sensitivity * prevalence + (1 - specificity) * "
            "(1 - prevalence) below.",
            revisit="prob.bayes#base-rates-the-same-test-another-population",
        ),
        Misconception(
            "specificity-as-false-positive-rate",
            posterior_specificity_as_false_positive_rate,
            "used the specificity as the rate of positives among the healthy",
            "The specificity is the share of healthy people the test clears (negative). The "
            "healthy who test positive are the rest: 1 - specificity.",
            revisit="prob.bayes#bayes-rule",
        ),
        Misconception(
            "not-divided-by-p-positive",
            posterior_not_divided,
            "returned P(positive and sick) without dividing by P(positive)",
            "sensitivity * prevalence is the share of *everyone* who is sick and positive. Among "
            "the positives only, divide by the share who test positive, P(positive).",
            revisit="prob.bayes#bayes-rule",
        ),
    ]
    hints = [
        "Among everyone: sick and positive is sensitivity * prevalence; healthy and positive is "
        "(1 - specificity) * (1 - prevalence).",
        "P(sick | positive) is the first of those divided by their sum.",
    ]


# The small training set of the smoothing checkpoint: three spam messages, vocabulary of 8.
_SPAM = ["win cash now", "win prize now now", "cash prize"]
_VOCAB = ["win", "cash", "now", "prize", "meeting", "lunch", "today", "team"]


def _spam_words():
    return [w for msg in _SPAM for w in msg.split()]


def smoothing_none():
    words = _spam_words()
    return words.count("lunch") / len(words)


def smoothing_plus_one_below():
    words = _spam_words()
    return (words.count("lunch") + 1) / (len(words) + 1)


def smoothing_top_only():
    words = _spam_words()
    return (words.count("lunch") + 1) / len(words)


def smoothing_counted_messages():
    words = _spam_words()
    return (words.count("lunch") + 1) / (len(_SPAM) + len(_VOCAB))


def smoothing_vocabulary_of_spam():
    words = _spam_words()
    return (words.count("lunch") + 1) / (len(words) + len(set(words)))


@checkpoint("prob.bayes.smoothing", concepts=["prob.bayes"], kind="numeric")
class Smoothing:
    """A spam filter's vocabulary has 8 words: win, cash, now, prize, meeting, lunch, today,
    team. Its training set holds three spam messages:

    - "win cash now"
    - "win prize now now"
    - "cash prize"

    With add-one (Laplace) smoothing, what is $P(\\text{lunch} \\mid \\text{spam})$? Set
    `answer` to that number.
    """

    decimals = 3

    def solve():
        words = _spam_words()
        return (words.count("lunch") + 1) / (len(words) + len(_VOCAB))

    misconceptions = [
        Misconception(
            "no-smoothing",
            smoothing_none,
            "gave the raw share, 0, without smoothing",
            "'lunch' never occurs in the spam messages, so its raw share is 0, and one such "
            "word would make any message impossible as spam (log 0 = -inf). Add-one smoothing "
            "adds 1 to every word's count.",
            revisit="prob.bayes#when-one-word-decides-everything",
        ),
        Misconception(
            "plus-one-below",
            smoothing_plus_one_below,
            "added 1 to the denominator instead of the vocabulary size",
            "Adding 1 to each of the V = 8 counts adds 8 to their total, so the denominator is "
            "(number of spam words) + 8. Then the 8 probabilities still sum to 1.",
            revisit="prob.bayes#counting-with-add-one-smoothing",
        ),
        Misconception(
            "plus-one-on-top-only",
            smoothing_top_only,
            "added 1 on top but left the denominator as the number of spam words",
            "Every word gets its extra 1, so the total grows by V = 8: divide by "
            "(number of spam words) + 8, or the probabilities sum to more than 1.",
            revisit="prob.bayes#counting-with-add-one-smoothing",
        ),
        Misconception(
            "counted-messages",
            smoothing_counted_messages,
            "divided by the number of spam messages instead of spam words",
            "P(w | spam) is the share of all the words in spam messages that are w: count "
            "every word of every spam message (9 of them), not the 3 messages.",
            revisit="prob.bayes#counting-with-add-one-smoothing",
        ),
        Misconception(
            "vocabulary-of-spam-only",
            smoothing_vocabulary_of_spam,
            "added the 4 distinct words seen in spam to the denominator, not the vocabulary of 8",
            "V is the size of the whole vocabulary. Every vocabulary word gets its extra 1, "
            "including the 4 that never occur in spam, such as lunch, so the total grows by 8: "
            "divide by (number of spam words) + 8.",
            revisit="prob.bayes#counting-with-add-one-smoothing",
        ),
    ]
    hints = [
        "Count all the words in the three spam messages, and how many of them are 'lunch'.",
        "(count + 1) / (all spam words + size of the vocabulary).",
    ]
