"""Checkpoints for the lesson "Conditional probability and independence"
(04-conditional-independence.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def conditional_reversed(a, b):
    return float(np.sum(a & b) / np.sum(a))


def conditional_joint(a, b):
    return float(np.sum(a & b) / len(a))


def conditional_marginal(a, b):
    return float(np.sum(a) / len(a))


def conditional_ratio_of_marginals(a, b):
    return float(np.sum(a) / np.sum(b))


def _spam_emails():
    """The lesson's 100 emails: 30 spam, 20 with "free", 15 both."""
    spam = np.zeros(100, dtype=bool)
    free = np.zeros(100, dtype=bool)
    spam[:30] = True
    free[15:35] = True
    return spam, free


@checkpoint("prob.conditional.implement", concepts=["prob.conditional"])
class ImplementConditional:
    """Write `conditional(a, b)`: the conditional probability $P(A \\mid B)$, estimated from data.
    `a` and `b` are arrays of `True`/`False` of the same length, one entry per case: `a[i]` says
    whether event $A$ happened in case `i`, `b[i]` whether $B$ did ($B$ happens at least once).
    Return a single number.

    For the lesson's 100 emails, with `a` = "spam" and `b` = "contains free", the answer is 0.75.
    """

    function = "conditional"
    starter = "import numpy as np\n\n\ndef conditional(a, b):\n    ...\n"

    def reference(a, b):
        return float(np.sum(a & b) / np.sum(b))  # share of A among the cases where B holds

    def cases(rng):
        out = []
        for n in (12, 20, 40, 80, 150):
            b = rng.random(n) < rng.uniform(0.2, 0.5)
            a = np.where(b, rng.random(n) < 0.7, rng.random(n) < 0.2)  # A depends on B
            a[0], b[0] = True, True  # both happen at least once
            out.append((a, b))
        return out

    edge_cases = [
        _spam_emails(),
        (
            np.array([True, True, False, False, True, False, False, False]),
            np.array([True, False, True, False, False, False, True, False]),
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "reversed",
            conditional_reversed,
            "computed P(B | A): divided by the cases where A holds",
            "P(A | B) keeps only the cases where B holds and takes the share of A among them: "
            "np.sum(a & b) / np.sum(b). Dividing by np.sum(a) answers the reversed question, "
            "P(B | A), which is usually a different number.",
            revisit="prob.conditional#a-real-table-tumour-size-and-diagnosis",
        ),
        Misconception(
            "joint",
            conditional_joint,
            "computed the joint probability P(A and B): divided by all cases",
            "P(A and B) is a share of *all* cases. Conditioning on B means the denominator is "
            "only the cases where B holds: np.sum(b).",
            revisit="prob.conditional#the-idea-zoom-in-on-the-cases-where-b-holds",
        ),
        Misconception(
            "ignored-condition",
            conditional_marginal,
            "computed P(A), ignoring B",
            "P(A) is the share of A among all cases. Given B, look only at the cases where B "
            "holds: np.sum(a & b) / np.sum(b). The two are equal only when A and B are "
            "independent.",
            revisit="prob.conditional#independence-does-knowing-b-change-a",
        ),
        Misconception(
            "ratio-of-marginals",
            conditional_ratio_of_marginals,
            "divided the count of A by the count of B",
            "The numerator must be the cases where A *and* B hold, a & b: np.sum(a & b) / "
            "np.sum(b). np.sum(a) also counts cases of A without B, and the ratio can exceed 1.",
            revisit="prob.conditional#the-idea-zoom-in-on-the-cases-where-b-holds",
        ),
    ]
    hints = [
        "Keep only the cases where B holds: there are np.sum(b) of them.",
        "Among those, count the cases where A holds too: np.sum(a & b). Divide.",
    ]


def _texture():
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    texture = data.data[:, 1]
    rough = texture > np.median(texture)
    return rough, data.target


def texture_reversed():
    rough, y = _texture()
    return float(np.sum(rough & (y == 0)) / np.sum(y == 0))


def texture_benign():
    rough, y = _texture()
    return float(np.sum(rough & (y == 1)) / np.sum(rough))


def texture_joint():
    rough, y = _texture()
    return float(np.sum(rough & (y == 0)) / len(y))


def texture_ignored():
    _rough, y = _texture()
    return float(np.sum(y == 0) / len(y))


@checkpoint("prob.conditional.texture", concepts=["prob.conditional"], kind="numeric")
class Texture:
    """In the breast cancer data (`load_breast_cancer()` from `sklearn.datasets`), column 1 of
    `data.data` is the "mean texture" of each tumour. Let $B$ be "the texture is above its
    median" (`> np.median(...)`) and $M$ be "the tumour is malignant".

    What is $P(M \\mid B)$, the share of malignant tumours among those with a texture above the
    median? Set `answer` to that probability.
    """

    decimals = 2
    timeout = 20  # solve() loads scikit-learn, which is slow on a cold start

    def solve():
        rough, y = _texture()
        malignant = y == 0  # 0 means malignant in this dataset
        return float(np.sum(malignant & rough) / np.sum(rough))

    misconceptions = [
        Misconception(
            "reversed",
            texture_reversed,
            "computed P(B | M), the share of rough tumours among the malignant ones",
            "The question conditions on B: keep the tumours with a texture above the median and "
            "take the share of malignant ones among them. Dividing by the number of malignant "
            "tumours answers the reversed question.",
            revisit="prob.conditional#a-real-table-tumour-size-and-diagnosis",
        ),
        Misconception(
            "benign-as-malignant",
            texture_benign,
            "counted the tumours labelled 1 as malignant",
            "In this dataset 0 means malignant and 1 benign (data.target_names is "
            "['malignant', 'benign']). Malignant is y == 0.",
            revisit="prob.conditional#a-real-table-tumour-size-and-diagnosis",
        ),
        Misconception(
            "joint",
            texture_joint,
            "computed P(M and B), a share of all 569 tumours",
            "Given B, the denominator is the number of tumours in B, not all 569: "
            "P(M | B) = P(M and B) / P(B).",
            revisit="prob.conditional#the-idea-zoom-in-on-the-cases-where-b-holds",
        ),
        Misconception(
            "ignored-condition",
            texture_ignored,
            "computed P(M), the share of malignant tumours overall",
            "That ignores the texture. Keep only the tumours with a texture above the median, "
            "then take the share of malignant ones among them.",
            revisit="prob.conditional#independence-does-knowing-b-change-a",
        ),
    ]
    hints = [
        "`rough = X[:, 1] > np.median(X[:, 1])` and `malignant = y == 0`.",
        "P(M | B) = np.sum(malignant & rough) / np.sum(rough).",
    ]


_OPTIONS = [
    "'spam' and 'contains meeting' are independent",
    "they are disjoint: no spam email contains 'meeting'",
    "30% of the spam emails contain 'meeting'",
    "'meeting' makes an email less likely to be spam",
]


def spam_disjoint():
    return _OPTIONS[1]


def spam_reversed():
    return _OPTIONS[2]


@checkpoint("prob.independence.spam-words", concepts=["prob.independence"], kind="choice")
class SpamWords:
    """In a mailbox, 30% of the emails are spam. Among the emails that contain the word
    "meeting", 30% are spam too. What follows?

    a) 'spam' and 'contains meeting' are independent
    b) they are disjoint: no spam email contains 'meeting'
    c) 30% of the spam emails contain 'meeting'
    d) 'meeting' makes an email less likely to be spam

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        p_spam, p_spam_given_meeting = 0.3, 0.3
        if np.isclose(p_spam_given_meeting, p_spam):  # P(A | B) = P(A): independent
            return _OPTIONS[0]
        return _OPTIONS[3]

    misconceptions = [
        Misconception(
            "independent-means-disjoint",
            spam_disjoint,
            "took independent to mean disjoint",
            "Disjoint events never happen together, so P(spam | meeting) would be 0: knowing "
            "one tells you the other did not happen, the opposite of independence. Here "
            "P(spam | meeting) = P(spam) = 0.3: knowing about 'meeting' changes nothing.",
            revisit="prob.conditional#independence-does-knowing-b-change-a",
        ),
        Misconception(
            "reversed",
            spam_reversed,
            "read P(spam | meeting) = 0.3 as P(meeting | spam) = 0.3",
            "30% of the 'meeting' emails are spam; how many of the spam emails contain "
            "'meeting' is another question, P(meeting | spam). Independence says it equals "
            "P(meeting), which the question does not give.",
            revisit="prob.conditional#a-real-table-tumour-size-and-diagnosis",
        ),
    ]
    hints = ["Compare P(spam | meeting) with P(spam)."]
