"""Differential feedback: what the grader says about wrong answers, on real sandboxed runs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from mlpath.grade import Invariant, Misconception, checkpoint
from mlpath.grade.grader import Grader, uses_forbidden
from mlpath.grade.model import Checkpoint, DefinitionError


def normalise_rows(X):  # type: ignore[no-untyped-def]
    return X / np.sum(X, axis=1, keepdims=True)


def normalise_columns(X):  # type: ignore[no-untyped-def]
    return X / np.sum(X, axis=0, keepdims=True)


@checkpoint("test.rows", concepts=["np.vectorization"])
class Rows:
    """Write `rows(X)`: divide each row of X by its sum."""

    function = "rows"
    starter = "def rows(X):\n    ...\n"
    reference = normalise_rows

    def cases(rng):  # type: ignore[no-untyped-def]
        return [(rng.uniform(1, 2, size=(2, 3)),), (rng.uniform(1, 2, size=(3, 4)),)]

    edge_cases = [(np.array([[1.0, 3.0], [2.0, 2.0], [5.0, 5.0]]),)]
    hidden = 1
    misconceptions = [
        Misconception(
            "wrong-axis",
            normalise_columns,
            "divided by column sums",
            "axis=0 sums down the columns; each row needs axis=1.",
            "np.x#axes",
        ),
    ]


@pytest.fixture(scope="module")
def grader() -> Grader:
    with_rule = replace(
        Rows,
        id="test.rows-rule",
        invariants=(Invariant("every row sums to 1", lambda X, got: np.allclose(got.sum(1), 1)),),
    )
    with Grader({"test.rows": Rows, "test.rows-rule": with_rule}) as shared:
        yield shared  # type: ignore[misc]


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
            reference = normalise_rows
            cases = normalise_rows
            misconceptions = [Misconception("m", lambda X: X, "s", "e")]


def test_rows_is_a_checkpoint() -> None:
    assert isinstance(Rows, Checkpoint)


def test_typed_answers_become_numbers_only_for_numeric_checkpoints() -> None:
    from dataclasses import replace as with_kind

    from mlpath.grade.grader import answer_from_text

    assert answer_from_text(with_kind(Rows, kind="numeric"), " 13.2 ") == 13.2
    assert answer_from_text(with_kind(Rows, kind="predict"), "8.0\r\n(3,)") == "8.0\n(3,)"
    assert answer_from_text(with_kind(Rows, kind="choice"), "5") == "5"
