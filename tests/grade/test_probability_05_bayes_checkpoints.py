"""The checkpoints of lesson 03-probability/05 (prob.bayes) grade real submissions right.

For each checkpoint, three unusual correct submissions and at least two plausible wrong ones
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""


@dataclass(frozen=True)
class Code:
    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


CODE = [
    # Bayes by odds: prior odds times the likelihood ratio.
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    odds = prevalence / (1 - prevalence) * sensitivity / (1 - specificity)\n"
        "    return odds / (1 + odds)\n",
        True,
    ),
    # Natural frequencies: count 10,000 people.
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    people = 10_000\n"
        "    sick = people * prevalence\n"
        "    true_pos = sick * sensitivity\n"
        "    false_pos = (people - sick) * (1 - specificity)\n"
        "    return true_pos / (true_pos + false_pos)\n",
        True,
    ),
    # float32 throughout, returned as a NumPy scalar.
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    prev, sens, spec = np.float32([prevalence, sensitivity, specificity])\n"
        "    num = sens * prev\n"
        "    return num / (num + (np.float32(1) - spec) * (np.float32(1) - prev))\n",
        True,
    ),
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n    return sensitivity\n",
        False,
        "posterior-is-sensitivity",
    ),
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    return sensitivity / (sensitivity + 1 - specificity)\n",
        False,
        "forgot-the-prior",
    ),
    # Divides by everyone who is sick or positive: no named mistake, but a true description.
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    tp = sensitivity * prevalence\n"
        "    fp = (1 - specificity) * (1 - prevalence)\n"
        "    return tp / (tp + fp + (1 - sensitivity) * prevalence)\n",
        False,
        None,
        "On the input",
    ),
    # The review's submissions (docs/reviewing-a-lesson.md, section 4).
    # Log-odds: prior log-odds plus the log likelihood ratio, through math.
    Code(
        "prob.bayes.posterior",
        "import math\n"
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    log_odds = math.log(prevalence / (1 - prevalence)) + math.log(\n"
        "        sensitivity / (1 - specificity))\n"
        "    return 1 / (1 + math.exp(-log_odds))\n",
        True,
    ),
    # float32 arithmetic returned as a Python float: failed at rtol 1e-7 before the review.
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    prev, sens, spec = (np.float32(v) for v in (prevalence, sensitivity, specificity))\n"
        "    sick = sens * prev\n"
        "    healthy = (np.float32(1.0) - spec) * (np.float32(1.0) - prev)\n"
        "    return float(sick / (sick + healthy))\n",
        True,
    ),
    # Both joint probabilities in an array, normalised; returns a NumPy float64.
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    joint = np.array([prevalence, 1 - prevalence]) * np.array(\n"
        "        [sensitivity, 1 - specificity])\n"
        "    return (joint / joint.sum())[0]\n",
        True,
    ),
    # One minus the share of false positives among the positives.
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    fp = (1 - specificity) * (1 - prevalence)\n"
        "    return 1 - fp / (sensitivity * prevalence + fp)\n",
        True,
    ),
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    tp = sensitivity * prevalence\n"
        "    return tp / (tp + specificity * (1 - prevalence))\n",
        False,
        "specificity-as-false-positive-rate",
    ),
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    return sensitivity * prevalence\n",
        False,
        "not-divided-by-p-positive",
    ),
    # P(healthy | negative), the other posterior: no named mistake.
    Code(
        "prob.bayes.posterior",
        "def posterior(prevalence, sensitivity, specificity):\n"
        "    tn = specificity * (1 - prevalence)\n"
        "    return tn / (tn + (1 - sensitivity) * prevalence)\n",
        False,
        None,
        "On the input",
    ),
]

TYPED = [
    Typed("prob.bayes.smoothing", "0.059", True),
    Typed("prob.bayes.smoothing", "0.0588235294", True),
    Typed("prob.bayes.smoothing", " 5.88e-2 ", True),
    Typed("prob.bayes.smoothing", "0", False, "no-smoothing"),
    Typed("prob.bayes.smoothing", "0.1", False, "plus-one-below"),
    Typed("prob.bayes.smoothing", "0.111", False, "plus-one-on-top-only"),
    Typed("prob.bayes.smoothing", "0.0909", False, "counted-messages"),
    Typed("prob.bayes.smoothing", "0.05", False, None, "is not right"),
    # The review's answers.
    Typed("prob.bayes.smoothing", "0.0588", True),
    Typed("prob.bayes.smoothing", "5.9E-2", True),
    Typed("prob.bayes.smoothing", "0.05882352941176471", True),
    Typed("prob.bayes.smoothing", "0.0769", False, "vocabulary-of-spam-only"),
    # Messages containing 'lunch', plus two (a Bernoulli model): no named mistake.
    Typed("prob.bayes.smoothing", "0.2", False, None, "is not right"),
]

# Answers set in a file, as `mlpath check` reads them.
FILES = [
    Code("prob.bayes.smoothing", "answer = 1 / 17\n", True),
    Code(
        "prob.bayes.smoothing",
        "spam = ['win cash now', 'win prize now now', 'cash prize']\n"
        "vocab = ['win', 'cash', 'now', 'prize', 'meeting', 'lunch', 'today', 'team']\n"
        "words = ' '.join(spam).split()\n"
        "counts = {w: words.count(w) + 1 for w in vocab}\n"
        "answer = counts['lunch'] / sum(counts.values())\n",
        True,
    ),
    Code("prob.bayes.smoothing", "answer = np.float32(1) / np.float32(17)\n", True),
    Code("prob.bayes.smoothing", "answer = (0 + 1) / (9 + 1)\n", False, "plus-one-below"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE + FILES, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
