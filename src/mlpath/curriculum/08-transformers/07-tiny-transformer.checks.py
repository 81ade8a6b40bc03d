"""Checkpoints for the lesson "A tiny transformer that writes" (07-tiny-transformer.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "tf.language-modeling"

_TEXT = "abracadabra"


def _frequencies():
    _, counts = np.unique(list(_TEXT), return_counts=True)
    return counts / counts.sum()


def unigram_in_bits():
    f = _frequencies()
    return float(-(f * np.log2(f)).sum())


def unigram_uniform():
    return float(np.log(len(_frequencies())))


def unigram_no_minus():
    f = _frequencies()
    return float((f * np.log(f)).sum())


def unigram_unweighted():
    return float(-np.log(_frequencies()).mean())


@checkpoint(f"{LESSON}.unigram-loss", concepts=[LESSON, "clf.cross-entropy"], kind="numeric")
class UnigramLoss:
    """A model has learned only how often each character occurs in the text `abracadabra`
    (counted in that text) and predicts every position with those frequencies, whatever came
    before. What is its mean cross-entropy loss, in nats, over the 11 characters of
    `abracadabra`?
    """

    decimals = 3

    def solve():
        f = _frequencies()
        return float(-(f * np.log(f)).sum())

    misconceptions = [
        Misconception(
            "bits",
            unigram_in_bits,
            "used log base 2, which gives bits, not nats",
            "Cross-entropy in PyTorch and in this course uses the natural logarithm, ln "
            "(np.log): the unit is the nat. A log in base 2 gives the same quantity in bits, "
            "ln 2 = 0.693 times as many nats.",
            revisit=f"{LESSON}#the-loss-and-what-learned-something-means",
        ),
        Misconception(
            "uniform",
            unigram_uniform,
            "gave ln V, the loss of guessing uniformly",
            "ln V is the loss of a model that gives every character 1/V. This one knows the "
            "frequencies: 'a' gets 5/11, more than 1/5, and 'a' is the most common target, "
            "so its loss is lower.",
            revisit=f"{LESSON}#the-loss-and-what-learned-something-means",
        ),
        Misconception(
            "unweighted",
            unigram_unweighted,
            "averaged -ln f over the 5 distinct characters instead of over the 11 positions",
            "The loss averages over the positions of the text, so a character counts as "
            "often as it occurs: 'a' five times, 'c' once. Weight each -ln f_c by f_c.",
            revisit=f"{LESSON}#the-loss-and-what-learned-something-means",
        ),
        Misconception(
            "no-minus",
            unigram_no_minus,
            "left out the minus sign, so the loss came out negative",
            "A probability is at most 1, so its log is at most 0: the loss -ln p is never "
            "negative. The minus sign in front of the sum makes it positive.",
            revisit=f"{LESSON}#the-loss-and-what-learned-something-means",
        ),
    ]
    hints = [
        "Count the characters: a occurs 5 times out of 11. The model gives 'a' probability "
        "5/11 at every position.",
        "The loss is the mean over the 11 positions of -ln p(character there); equivalently "
        "-sum over characters of f ln f.",
    ]


_LEAK_OPTIONS = [
    "the targets are the inputs, not the inputs moved one place",
    "the learning rate is too small",
    "the model is big enough to memorise the text in 50 steps",
    "the attention scores are not divided by sqrt(d)",
]


def leak_small_lr():
    return _LEAK_OPTIONS[1]


def leak_memorised():
    return _LEAK_OPTIONS[2]


def leak_no_scaling():
    return _LEAK_OPTIONS[3]


@checkpoint(f"{LESSON}.leak", concepts=[LESSON], kind="choice")
class Leak:
    """You train the lesson's model on another English text, with the same settings. After 50
    steps the training loss is 0.02, and the generated text repeats one character over and
    over. What is the most likely cause?

    a) the targets are the inputs, not the inputs moved one place
    b) the learning rate is too small
    c) the model is big enough to memorise the text in 50 steps
    d) the attention scores are not divided by sqrt(d)

    Set `answer` to the letter of your choice.
    """

    options = _LEAK_OPTIONS

    def solve():
        return _LEAK_OPTIONS[0]

    misconceptions = [
        Misconception(
            "small-lr",
            leak_small_lr,
            "blamed a small learning rate for a loss that fell too fast",
            "A learning rate that is too small makes the loss fall slowly. Here it fell to "
            "almost 0 in 50 steps, far below what any model of English can reach: the model "
            "was given the answer.",
            revisit=f"{LESSON}#a-loss-too-good-to-be-true",
        ),
        Misconception(
            "memorised",
            leak_memorised,
            "took a loss near 0 for memorisation",
            "In 50 steps of 32 windows of 32 characters the model has seen about 51,000 "
            "characters, most of them once: far too little to learn them by heart, and a memorised "
            "text would be recited, not one character repeated. A loss near 0 after so few "
            "steps means each position could see its own target.",
            revisit=f"{LESSON}#a-loss-too-good-to-be-true",
        ),
        Misconception(
            "no-scaling",
            leak_no_scaling,
            "blamed the missing sqrt(d) scaling",
            "Without the scaling the attention weights get close to one-hot and training is "
            "slower and less stable, but the weights still only mix past positions: nothing "
            "shows the model its target. A loss near 0 means the answer was visible to it.",
            revisit=f"{LESSON}#a-loss-too-good-to-be-true",
        ),
    ]
    hints = [
        "Compare 0.02 with the two baselines of the lesson. Can any model of English predict "
        "the next character that well?",
        "What would a position have to see to predict its target almost perfectly?",
    ]
