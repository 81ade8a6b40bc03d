"""The checkpoints of lesson 07-neural-networks/05 (nn.training-diagnostics) grade real
submissions right.

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


PICK = "nn.training-diagnostics.range-pick"

TYPED = [
    Typed(PICK, "0.03", True),
    Typed(PICK, ".03", True),
    Typed(PICK, "3e-2", True),
    Typed(PICK, "0.0300", True),
    Typed(PICK, "0.3", False, "took-the-lowest"),
    Typed(PICK, "0.001", False, "took-the-smallest"),
    Typed(PICK, "1.0", False, "last-below-start"),
    Typed(PICK, "0.1", False, None),
    # Second reader: a percentage, a fraction, the division typed out; the smallest-but-one rate.
    Typed(PICK, "3%", True),
    Typed(PICK, "3/100", True),
    Typed(PICK, "0.3/10", True),
    Typed(PICK, "0.01", False, None, "3 decimal places"),
]

CLIP = "nn.training-diagnostics.clip"

CODE = [
    # Vectorised with np.linalg.norm on each array, combined.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    total = np.sqrt(sum(np.linalg.norm(g) ** 2 for g in grads))\n"
        "    scale = min(1.0, max_norm / total)\n"
        "    return [g * scale for g in grads]\n",
        True,
    ),
    # Flatten everything into one vector, then split back.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    flat = np.concatenate([np.ravel(g) for g in grads])\n"
        "    total = np.linalg.norm(flat)\n"
        "    if total > max_norm:\n"
        "        flat = flat * (max_norm / total)\n"
        "    out, start = [], 0\n"
        "    for g in grads:\n"
        "        out.append(flat[start:start + g.size].reshape(g.shape))\n"
        "        start += g.size\n"
        "    return out\n",
        True,
    ),
    # Plain loops with math.fsum, float32 output, a tuple.
    Code(
        CLIP,
        "import math\n"
        "def clip_by_norm(grads, max_norm):\n"
        "    total = math.sqrt(math.fsum(float(x) ** 2 for g in grads for x in np.ravel(g)))\n"
        "    factor = max_norm / total if total > max_norm else 1.0\n"
        "    return tuple((np.asarray(g) * factor).astype(np.float32) for g in grads)\n",
        True,
    ),
    # Second reader: PyTorch's clip_grad_norm_ formula, max_norm / (length + 1e-6), in loops.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    sq = 0.0\n"
        "    for g in grads:\n"
        "        for x in np.nditer(g):\n"
        "            sq += float(x) ** 2\n"
        "    c = max_norm / (sq ** 0.5 + 1e-6)\n"
        "    return [g * c for g in grads] if c < 1 else list(grads)\n",
        True,
    ),
    # In place on the caller's arrays.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    total = np.sqrt(sum((g * g).sum() for g in grads))\n"
        "    if total > max_norm:\n"
        "        for g in grads:\n"
        "            g *= max_norm / total\n"
        "    return grads\n",
        True,
    ),
    # One factor, max_norm / max(length, max_norm).
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    total = np.linalg.norm(np.concatenate([g.ravel() for g in grads]))\n"
        "    return [g * (max_norm / max(total, max_norm)) for g in grads]\n",
        True,
    ),
    # The arrays' lengths added instead of their squares: no named mistake.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    total = sum(np.linalg.norm(g) for g in grads)\n"
        "    return [g * (max_norm / total) if total > max_norm else g for g in grads]\n",
        False,
        None,
    ),
    # The factor upside down: no named mistake.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    total = np.sqrt(sum(np.sum(g**2) for g in grads))\n"
        "    return [g * (total / max_norm) if total > max_norm else g for g in grads]\n",
        False,
        None,
    ),
    # Each array by its own length.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    out = []\n"
        "    for g in grads:\n"
        "        n = np.linalg.norm(g)\n"
        "        out.append(g * max_norm / n if n > max_norm else g)\n"
        "    return out\n",
        False,
        "per-array",
    ),
    # Entries clipped.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    return [np.clip(g, -max_norm, max_norm) for g in grads]\n",
        False,
        "clipped-entries",
    ),
    # Always rescaled.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    total = np.sqrt(sum((g ** 2).sum() for g in grads))\n"
        "    return [g / total * max_norm for g in grads]\n",
        False,
        "always-rescale",
    ),
    # The mean of squares as the length: no named mistake.
    Code(
        CLIP,
        "def clip_by_norm(grads, max_norm):\n"
        "    total = np.sqrt(np.mean(np.concatenate([np.ravel(g) ** 2 for g in grads])))\n"
        "    return [g * (max_norm / total) if total > max_norm else g for g in grads]\n",
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
