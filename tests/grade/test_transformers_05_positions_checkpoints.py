"""The checkpoints of lesson 08-transformers/05 (tf.positions) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
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


REORDER = "tf.positions.reorder"

TYPED = [
    Typed(REORDER, "a", True),
    Typed(REORDER, "(A)", True),
    Typed(REORDER, "Y[::-1]: the same rows as Y, in reverse order.", True),
    Typed(REORDER, "a) Y[::-1]: the same rows as Y, in reverse order", True),
    Typed(REORDER, "b", False, "output-unchanged"),
    Typed(REORDER, "c", False, "order-matters"),
    Typed(REORDER, "D", False, "features-reversed"),
    # Second reader: more spellings of the letters.
    Typed(REORDER, "  a ", True),
    Typed(REORDER, "A.", True),
    Typed(REORDER, "b)", False, "output-unchanged"),
]

SINE = "tf.positions.sinusoidal"

CODE = [
    # Loops and the math module, a list of lists.
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    rows = []\n"
        "    for t in range(T):\n"
        "        row = []\n"
        "        for i in range(C // 2):\n"
        "            angle = t / 10000 ** (2 * i / C)\n"
        "            row += [math.sin(angle), math.cos(angle)]\n"
        "        rows.append(row)\n"
        "    return rows\n",
        True,
    ),
    # Interleaved by stacking on a new last axis, in float32.
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    t = np.arange(T, dtype=np.float32)[:, None]\n"
        "    two_i = np.arange(0, C, 2, dtype=np.float32)\n"
        "    omega = np.exp(-np.log(np.float32(10000)) * two_i / C)\n"
        "    angles = t * omega\n"
        "    return np.stack([np.sin(angles), np.cos(angles)], axis=-1).reshape(T, C)\n",
        True,
    ),
    # Outer product and the cosine as a shifted sine.
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    angles = np.outer(np.arange(T), 1 / np.power(10000.0, np.arange(C // 2) * 2 / C))\n"
        "    P = np.empty((T, C))\n"
        "    P[:, ::2] = np.sin(angles)\n"
        "    P[:, 1::2] = np.sin(angles + np.pi / 2)\n"
        "    return P\n",
        True,
    ),
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    t = np.arange(T)[:, None]\n"
        "    omega = 10000.0 ** (-np.arange(0, C, 2) / C)\n"
        "    return np.hstack([np.sin(t * omega), np.cos(t * omega)])\n",
        False,
        "halves-not-interleaved",
    ),
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    t = np.arange(T)[:, None]\n"
        "    omega = 1 / 10000 ** (np.arange(C // 2) / C)\n"
        "    P = np.zeros((T, C))\n"
        "    P[:, 0::2], P[:, 1::2] = np.sin(t * omega), np.cos(t * omega)\n"
        "    return P\n",
        False,
        "pair-index-not-doubled",
    ),
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    t = np.arange(1, T + 1)[:, None]\n"
        "    omega = 10000.0 ** (-np.arange(0, C, 2) / C)\n"
        "    P = np.zeros((T, C))\n"
        "    P[:, 0::2], P[:, 1::2] = np.sin(t * omega), np.cos(t * omega)\n"
        "    return P\n",
        False,
        "positions-from-one",
    ),
    # Second reader: complex exponentials, sine and cosine as imaginary and real parts.
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    z = np.exp(1j * np.arange(T)[:, None] * 10000.0 ** (-np.arange(C // 2) * 2 / C))\n"
        "    return np.stack([z.imag, z.real], axis=-1).reshape(T, C)\n",
        True,
    ),
    # Second reader: np.fromfunction over (t, column).
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    def f(t, j):\n"
        "        angle = t / 10000 ** ((j - j % 2) / C)\n"
        "        return np.where(j % 2 == 0, np.sin(angle), np.cos(angle))\n"
        "    return np.fromfunction(f, (T, C))\n",
        True,
    ),
    # Second reader: float32 throughout, loops over columns two at a time.
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    P = np.zeros((T, C), dtype=np.float32)\n"
        "    for t in range(T):\n"
        "        for j in range(0, C, 2):\n"
        "            a = np.float32(t) / np.float32(10000) ** (np.float32(j) / np.float32(C))\n"
        "            P[t, j], P[t, j + 1] = np.sin(a), np.cos(a)\n"
        "    return P\n",
        True,
    ),
    # Second reader: the lesson's np.arange(0, C, 2) multiplied by 2 again.
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    t = np.arange(T)[:, None]\n"
        "    omega = 10000.0 ** (-2 * np.arange(0, C, 2) / C)\n"
        "    P = np.zeros((T, C))\n"
        "    P[:, 0::2], P[:, 1::2] = np.sin(t * omega), np.cos(t * omega)\n"
        "    return P\n",
        False,
        "pair-index-doubled-twice",
    ),
    # Second reader: the table transposed, (C, T): no named mistake.
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    t = np.arange(T)[:, None]\n"
        "    omega = 10000.0 ** (-np.arange(0, C, 2) / C)\n"
        "    P = np.zeros((T, C))\n"
        "    P[:, 0::2], P[:, 1::2] = np.sin(t * omega), np.cos(t * omega)\n"
        "    return P.T\n",
        False,
        None,
    ),
    # Base 1000 instead of 10000: no named mistake.
    Code(
        SINE,
        "def sinusoidal_positions(T, C):\n"
        "    t = np.arange(T)[:, None]\n"
        "    omega = 1000.0 ** (-np.arange(0, C, 2) / C)\n"
        "    P = np.zeros((T, C))\n"
        "    P[:, 0::2], P[:, 1::2] = np.sin(t * omega), np.cos(t * omega)\n"
        "    return P\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
