"""The checkpoints of lesson 05-calculus/02 (calc.derivative-rules) grade real submissions right.

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


SIGMA = "calc.derivative-rules.gaussian-sigma"

CODE = [
    # float32 throughout.
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n"
        "    s, v = np.float32(sigma), np.float32(v)\n"
        "    return np.float32(1) / s - v / s**3\n",
        True,
    ),
    # One fraction over sigma**3, with math.pow.
    Code(
        SIGMA,
        "import math\ndef nll_slope(sigma, v):\n    return (sigma**2 - v) / math.pow(sigma, 3)\n",
        True,
    ),
    # The slope of the full negative log-likelihood, constant log(sqrt(2 pi)) included: the
    # constant has slope 0, so the same function, written term by term as the rules give it.
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n"
        "    d_log = 1 / sigma                        # ln(sigma * sqrt(2 pi)) = ln sigma + c\n"
        "    d_power = (v / 2) * (-2) * sigma ** (-3)  # (v / 2) sigma**-2\n"
        "    return d_log + d_power\n",
        True,
    ),
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n    return 1 / sigma + v / sigma**3\n",
        False,
        "sign-error",
    ),
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n    return 1 / sigma - v / sigma**2\n",
        False,
        "exponent-not-lowered",
    ),
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n    return 1 / sigma - 2 * v / sigma**3\n",
        False,
        "dropped-half",
    ),
    # The log term forgotten: no named mistake, and the feedback shows a failing case.
    Code(SIGMA, "def nll_slope(sigma, v):\n    return -v / sigma**3\n", False, None, "expected"),
    # The function itself instead of its slope.
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n    return np.log(sigma) + v / (2 * sigma**2)\n",
        False,
        None,
        "expected",
    ),
]

# The reviewer's submissions (docs/reviewing-a-lesson.md, section 4).
REVIEW_CODE = [
    # One fraction, factored differently.
    Code(SIGMA, "def nll_slope(sigma, v):\n    return (1 - v / sigma**2) / sigma\n", True),
    # The complex-step derivative: no formula at all, exact to rounding.
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n"
        "    s = sigma + 1e-20j\n"
        "    return (np.log(s) + v / (2 * s**2)).imag / 1e-20\n",
        True,
    ),
    # Through the variance s2 = sigma**2 and the chain rule: d/dsigma = d/ds2 * 2 sigma.
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n"
        "    s2 = sigma**2\n"
        "    return (1 / (2 * s2) - v / (2 * s2**2)) * 2 * sigma\n",
        True,
    ),
    # The slope with respect to the variance, not sigma (equal only where 2 sigma = 1).
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n    return 1 / (2 * sigma**2) - v / (2 * sigma**4)\n",
        False,
        None,
        "expected 0.185185, got 0.0308642",
    ),
    # The exponent lowered but not brought down as a factor.
    Code(
        SIGMA,
        "def nll_slope(sigma, v):\n    return 1 / sigma - v / (2 * sigma**3)\n",
        False,
        None,
        "expected -14, got -6",
    ),
]

EXP = "calc.derivative-rules.exp-2x"

TYPED = [
    Typed(EXP, "2.473", True),
    Typed(EXP, "2.47308", True),
    Typed(EXP, "2.4731", True),
    Typed(EXP, "2.47", False, None, "is not right"),
    Typed(EXP, "2.061", False, "exp-2x-own-slope"),
    Typed(EXP, "3.297", False, "multiplied-derivatives"),
    Typed(EXP, "1.649", False, "one-term"),
    # The reviewer's: more digits, a plus sign, spaces; only f g', and e^{2x} dropped.
    Typed(EXP, "2.4730817548", True),
    Typed(EXP, "+2.473", True),
    Typed(EXP, " 2.4731 ", True),
    Typed(EXP, "0.824", False, None, "is not right"),
    Typed(EXP, "1.5", False, None, "is not right"),
]

FILES = [
    # The answer computed in a file, in float32, from the product rule written out.
    Code(
        EXP,
        "x = np.float32(0.25)\nanswer = np.exp(2 * x) + x * 2 * np.exp(2 * x)\n",
        True,
    ),
    # The complex-step derivative of x e^{2x}.
    Code(EXP, "f = lambda x: x * np.exp(2 * x)\nanswer = f(0.25 + 1e-30j).imag / 1e-30\n", True),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE + REVIEW_CODE + FILES, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
