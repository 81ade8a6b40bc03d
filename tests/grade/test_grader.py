"""Differential feedback: what the grader says about wrong answers, on real sandboxed runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mlpath.errors import DefinitionError, MlpathError
from mlpath.grade import Misconception, checkpoint
from mlpath.grade.grader import Grader, uses_forbidden
from mlpath.grade.loader import load_checkpoints
from mlpath.grade.model import Checkpoint

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    checkpoints = load_checkpoints(files=[DATA / "rows.checks.py"])
    with Grader(checkpoints, load_allowance=0.0) as shared:
        yield shared


def check(grader: Grader, body: str) -> str:
    feedback = grader.check_source("test.rows", f"import numpy as np\ndef rows(X):\n{body}")
    assert not feedback.passed
    return feedback.message


def test_a_known_mistake_is_named_with_its_explanation(grader: Grader) -> None:
    feedback = grader.check_source(
        "test.rows", "import numpy as np\ndef rows(X):\n    return X / X.sum(axis=0)\n"
    )
    assert feedback.misconception == "wrong-axis"
    assert "divided by column sums" in feedback.message and feedback.revisit == "np.x#axes"


def test_wrong_shape_is_explained(grader: Grader) -> None:
    message = check(grader, "    return (X / X.sum(axis=1, keepdims=True)).reshape(-1, 1)\n")
    assert "wrong shape: expected (3, 2), got (6, 1)" in message


def test_transpose_is_recognised(grader: Grader) -> None:
    message = check(grader, "    return (X / X.sum(axis=1, keepdims=True)).T\n")
    assert "transpose of the expected one" in message


def test_constant_factor_and_sign(grader: Grader) -> None:
    assert "constant factor: 2 times" in check(
        grader, "    return 2 * X / X.sum(1, keepdims=True)\n"
    )
    assert "opposite sign" in check(grader, "    return -X / X.sum(1, keepdims=True)\n")


def test_nan_is_pointed_at(grader: Grader) -> None:
    message = check(
        grader, "    Y = X / X.sum(1, keepdims=True)\n    Y[0, 1] = np.nan\n    return Y\n"
    )
    assert "nan at index (0, 1)" in message


def test_invariants_are_checked_before_values(grader: Grader) -> None:
    source = "import numpy as np\ndef rows(X):\n    return X / X.sum()\n"
    message = grader.check_source("test.rows-rule", source).message
    assert "breaks a rule every correct answer follows: every row sums to 1" in message


def test_the_smallest_failing_visible_case_is_shown_and_hidden_ones_only_counted(
    grader: Grader,
) -> None:
    feedback = grader.check_source(
        "test.rows", "import numpy as np\ndef rows(X):\n    return X * 0 + 0.5\n"
    )
    assert "On the input ([[1., 2.]" not in feedback.message  # hidden case inputs stay hidden
    assert feedback.cases == {"total": 3, "passed": 0, "failed": 3, "hidden_failed": 1}
    assert "1 hidden case failed." in feedback.message
    assert "[[1., 3.]," in feedback.message  # the 3 x 2 edge case is the smallest


def test_a_traceback_shows_only_the_learners_frames(grader: Grader) -> None:
    feedback = grader.check_source(
        "test.rows",
        "def helper(X):\n    return X.nope\n\ndef rows(X):\n    return helper(X)\n",
        "mine.py",
    )
    assert 'File "mine.py", line 5, in rows' in feedback.message
    assert 'File "mine.py", line 2, in helper' in feedback.message
    assert "mlpath" not in feedback.message


def test_syntax_errors_and_missing_functions(grader: Grader) -> None:
    assert "line 1: SyntaxError" in grader.check_source("test.rows", "def rows(:\n").message
    assert "does not define `rows`" in grader.check_source("test.rows", "x = 1\n").message


def test_unknown_checkpoint_suggests_names(grader: Grader) -> None:
    with pytest.raises(Exception, match=r"Did you mean test\.rows"):
        grader.get("test.rowz")


def test_forbidden_constructs_are_found() -> None:
    assert uses_forbidden("def f(u, v):\n    return u @ v\n", ["@"]) == "@"
    assert uses_forbidden("import numpy as np\nnp.dot(1, 2)\n", ["np.dot"]) == "np.dot"
    assert uses_forbidden("sum(a * b for a, b in zip(u, v))", ["@", "np.dot"]) is None
    assert uses_forbidden("from numpy import dot\ndot(u, v)", ["np.dot"]) == "np.dot"
    assert uses_forbidden("import numpy\nnumpy.dot(u, v)", ["np.dot"]) == "np.dot"
    assert (
        uses_forbidden("from scipy.special import logsumexp", ["scipy.special.logsumexp"])
        == "scipy.special.logsumexp"
    )


def test_definition_errors_name_the_file_and_line() -> None:
    with pytest.raises(
        DefinitionError, match=r"test_grader.py:\d+: checkpoint 'bad': a 'implement'"
    ):

        @checkpoint("bad", concepts=[])
        class Bad:
            """Prompt."""

    with pytest.raises(DefinitionError, match="write the variant as a def"):

        @checkpoint("bad2", concepts=[])
        class Bad2:
            """Prompt."""

            function = "f"
            starter = "def f(): ..."
            reference = len
            cases = len
            misconceptions = [Misconception("m", lambda X: X, "s", "e")]


def test_rows_is_a_checkpoint(grader: Grader) -> None:
    assert isinstance(grader.get("test.rows"), Checkpoint)


def test_typed_answers_are_read_by_the_checkpoints_kind(grader: Grader) -> None:
    mean = grader.get("test.mean")
    assert float(mean.behaviour.typed(mean, " 2.33 ").array) == 2.33  # type: ignore[arg-type]
    assert float(mean.behaviour.typed(mean, "\u22122.5").array) == -2.5  # type: ignore[arg-type]
    assert grader.check_text("test.mean", "2.33").passed
    assert grader.check_text("test.mean", "2.3333333").passed
    assert not grader.check_text("test.mean", "2.32").passed
    comma = grader.check_text("test.mean", "2,33")
    assert comma.message == "Use a decimal point, not a comma: write 2.33."
    word = grader.check_text("test.mean", "nan")
    assert not word.passed and "NameError" not in word.message
    median = grader.check_text("test.mean", "2")
    assert median.misconception == "median"


def test_a_reference_that_raises_or_hangs_is_reported_against_its_checkpoint(
    grader: Grader,
) -> None:
    with pytest.raises(MlpathError) as raised:
        grader.check_source("test.raising-reference", "def f(x):\n    return x\n")
    message = str(raised.value)
    assert "rows.checks.py:" in message and "checkpoint 'test.raising-reference'" in message
    assert "the reference raised ValueError: the author's bug" in message
    with pytest.raises(MlpathError, match=r"the reference did not finish within 1 s"):
        grader.check_source("test.hanging-reference", "def f(x):\n    return x\n")
    assert grader.check_source("test.rows", CORRECT_ROWS).passed  # the grader still works


CORRECT_ROWS = "import numpy as np\ndef rows(X):\n    return X / X.sum(axis=1, keepdims=True)\n"


def test_deeply_nested_code_is_one_sentence_not_a_recursion_error(grader: Grader) -> None:
    feedback = grader.check_source("test.rows", "x = " + "-" * 5000 + "1\n", "deep.py")
    assert not feedback.passed
    assert feedback.message == (
        "deep.py: your code is nested too deeply for Python to read; split the long expression "
        "into steps"
    )
