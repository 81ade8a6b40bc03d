"""Checkpoints for the lesson "Fractions, ratios and percentages" (01-arithmetic-percentages.md).

The first checkpoint is the quick placement question for fd.arithmetic: a percentage-point
change against a percent change, in one number.
"""

from mlpath.grade import Misconception, checkpoint

OLD_ERROR, NEW_ERROR = 0.08, 0.06


def fall_in_points():
    return 100 * (OLD_ERROR - NEW_ERROR)


def fall_over_new():
    return 100 * (OLD_ERROR - NEW_ERROR) / NEW_ERROR


def what_is_left():
    return 100 * NEW_ERROR / OLD_ERROR


def fall_as_fraction():
    return (OLD_ERROR - NEW_ERROR) / OLD_ERROR


def change_with_sign():
    return 100 * (NEW_ERROR - OLD_ERROR) / OLD_ERROR


@checkpoint("fd.arithmetic.error-rate-drop", concepts=["fd.arithmetic"], kind="numeric")
class ErrorRateDrop:
    """A spam filter used to misclassify 8% of emails. After retraining it misclassifies 6%.
    By what percent did its error rate fall?

    Answer with the fall as a percentage of the old error rate, a positive number: type `10`
    (or `10%`) for a fall of 10%, not the fraction `0.1`.
    """

    decimals = 1

    def solve():
        return 100 * (OLD_ERROR - NEW_ERROR) / OLD_ERROR

    misconceptions = [
        Misconception(
            "percentage-points",
            fall_in_points,
            "gave the difference in percentage points, not the percent change",
            "8% minus 6% is a difference of two percentages: it is measured in percentage "
            "points. A percent change compares that difference with where the error rate "
            "started.",
            revisit="fd.arithmetic#percentage-points-are-not-percent",
            fix="(8 - 6) / 8 = 0.25, a fall of 25%.",
        ),
        Misconception(
            "divided-by-new",
            fall_over_new,
            "divided the fall by the new error rate instead of the old one",
            "A change is measured against the value you start from. The error rate started at "
            "8%, so the fall is compared with 8, not with 6.",
            revisit="fd.arithmetic#percentage-points-are-not-percent",
            fix="(8 - 6) / 8 = 0.25, a fall of 25%.",
        ),
        Misconception(
            "what-is-left",
            what_is_left,
            "gave what is left of the error rate, not how much it fell",
            "6 / 8 is the new error rate as a share of the old one: 75% of the mistakes remain. "
            "The question asks how much of the old error rate is gone.",
            revisit="fd.arithmetic#percentage-points-are-not-percent",
        ),
        Misconception(
            "fraction-not-percent",
            fall_as_fraction,
            "gave the fall as a fraction, not as a percentage",
            "Your number is the right fraction, but the question asks for a percentage: "
            "a fraction times 100. Type it with a % sign, or multiply by 100.",
            revisit="fd.arithmetic#a-fraction-of-a-count",
        ),
        Misconception(
            "negative-change",
            change_with_sign,
            "gave the change with its minus sign; the question asks for the size of the fall",
            "Your number is the relative change (new - old) / old, which is negative for a "
            "fall. The question asks by how much the error rate fell, as a positive number.",
            revisit="fd.arithmetic#percentage-points-are-not-percent",
        ),
    ]
    hints = [
        "A percent change is (new - old) / old. Which value is old here?",
        "The fall is 8 - 6 = 2 points, compared with the starting 8.",
    ]


PRICE_TRUE, PRICE_PREDICTED = 250.0, 230.0


def absolute_error():
    return abs(PRICE_PREDICTED - PRICE_TRUE)


def over_the_estimate():
    return abs(PRICE_PREDICTED - PRICE_TRUE) / PRICE_PREDICTED


def signed_error():
    return (PRICE_PREDICTED - PRICE_TRUE) / PRICE_TRUE


def percent_without_sign():
    return 100 * abs(PRICE_PREDICTED - PRICE_TRUE) / PRICE_TRUE


@checkpoint("fd.arithmetic.relative-error", concepts=["fd.arithmetic"], kind="numeric")
class RelativeError:
    """A model predicts a price of 230 (thousand dollars) for a house that sold for 250.
    What is the relative error of the prediction?

    Give it as a fraction (`0.1` for 10%; typing it as a percentage with a % sign, `10%`,
    works too).
    """

    decimals = 3

    def solve():
        return abs(PRICE_PREDICTED - PRICE_TRUE) / abs(PRICE_TRUE)

    misconceptions = [
        Misconception(
            "absolute-error",
            absolute_error,
            "gave the absolute error, not the relative error",
            "20 (thousand) is how far off the prediction is, in dollars. A relative error "
            "compares that with the size of the true value, so it has no unit.",
            revisit="fd.arithmetic#relative-error",
        ),
        Misconception(
            "divided-by-estimate",
            over_the_estimate,
            "divided by the prediction instead of the true value",
            "The relative error compares the mistake with the true value: the price the house "
            "really sold for, not the model's guess.",
            revisit="fd.arithmetic#relative-error",
            fix="|230 - 250| / 250.",
        ),
        Misconception(
            "kept-the-sign",
            signed_error,
            "kept the sign: an error's size is never negative",
            "The relative error uses the absolute value |estimate - true|: an estimate 20 too "
            "low is as far off as one 20 too high.",
            revisit="fd.arithmetic#relative-error",
        ),
        Misconception(
            "percent-without-sign",
            percent_without_sign,
            "gave a percentage without its % sign, where a fraction was asked",
            "Your number is the relative error in percent. The question asks for a fraction: "
            "divide by 100, or type the number with a % sign so it is read as a percentage.",
            revisit="fd.arithmetic#a-fraction-of-a-count",
        ),
    ]
    hints = [
        "relative error = |estimate - true| / |true|.",
        "The absolute error is |230 - 250| = 20. Compare it with the true price.",
    ]


ACC_A, ACC_B = 0.96, 0.98

_OPTIONS = [
    "B makes 2% fewer mistakes than A",
    "B makes about 2.1% fewer mistakes than A",
    "B makes half as many mistakes as A",
    "It cannot be told without the number of test images",
]


def mistakes_in_points():
    return _OPTIONS[0]


def accuracy_ratio():
    return _OPTIONS[1]


def needs_counts():
    return _OPTIONS[3]


@checkpoint("fd.arithmetic.fewer-mistakes", concepts=["fd.arithmetic"], kind="choice")
class FewerMistakes:
    """Model A is right on 96% of a test set and model B on 98% of the same test set.
    Which statement is true?

    a) B makes 2% fewer mistakes than A
    b) B makes about 2.1% fewer mistakes than A
    c) B makes half as many mistakes as A
    d) It cannot be told without the number of test images

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        error_a, error_b = 1 - ACC_A, 1 - ACC_B
        if abs(error_b / error_a - 0.5) < 1e-9:
            return _OPTIONS[2]
        raise ValueError("the options no longer fit the numbers")

    misconceptions = [
        Misconception(
            "mistakes-in-points",
            mistakes_in_points,
            "read a 2 percentage-point difference as 2% fewer mistakes",
            "98% - 96% is 2 percentage points. To say how many fewer mistakes B makes, compare "
            "the error rates themselves: what fraction of the test set is each model wrong on?",
            revisit="fd.arithmetic#percentage-points-are-not-percent",
        ),
        Misconception(
            "accuracy-ratio",
            accuracy_ratio,
            "compared the accuracies, not the mistakes",
            "(98 - 96) / 96 is about 2.1%: how much higher B's accuracy is, relative to A's. "
            "The statement is about mistakes: compare the error rates, 1 - accuracy.",
            revisit="fd.arithmetic#percentage-points-are-not-percent",
        ),
        Misconception(
            "needs-counts",
            needs_counts,
            "thought a ratio of two rates needs the counts behind them",
            "Both rates are fractions of the same test set of n images, so the ratio of the "
            "two numbers of mistakes, (0.02 n) / (0.04 n), is the same for every n.",
            revisit="fd.arithmetic#a-fraction-of-a-count",
        ),
    ]
    hints = [
        "A's error rate is 100% - 96% = 4%. What is B's?",
    ]
