"""Differential feedback: what the grader says about wrong answers, on real sandboxed runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mlpath.errors import DefinitionError, MlpathError
from mlpath.grade import Misconception, checkpoint
from mlpath.grade.forbidden import NORM, PRODUCT, find_forbidden
from mlpath.grade.grader import Grader
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


RELATIONS = [
    ("test.rows", "rows(X)", "2 * X / X.sum(1, keepdims=True)", "is 2 times the expected one"),
    ("test.rows", "rows(X)", "-X / X.sum(1, keepdims=True)", "has the opposite sign"),
    ("test.rows", "rows(X)", "(X / X.sum(1, keepdims=True)).T", "is the transpose"),
    ("test.rows", "rows(X)", "X / X.sum(1, keepdims=True) + 1", "is off by +1 everywhere"),
    ("test.rows", "rows(X)", "X.sum(1, keepdims=True) / X", "is 1 divided by the expected"),
    ("test.norm", "norm(x)", "float(np.sum(x ** 2))", "is the square of the expected value"),
    ("test.mse", "mse(y, p)", "float(np.sqrt(np.mean((y - p) ** 2)))", "is the square root"),
    ("test.mean-of", "mean_of(x)", "float(np.sum(x))", "is the sum where the mean was expected"),
    ("test.total", "total(x)", "float(np.mean(x))", "is the mean where the sum was expected"),
    ("test.argmax", "position_of_max(x)", "int(np.argmax(x)) + 1", "is one more than expected"),
]


@pytest.mark.parametrize(("checkpoint_id", "signature", "body", "claim"), RELATIONS)
def test_a_relationship_is_claimed_when_it_holds_on_every_visible_case(
    grader: Grader, checkpoint_id: str, signature: str, body: str, claim: str
) -> None:
    source = f"import numpy as np\ndef {signature}:\n    return {body}\n"
    feedback = grader.check_source(checkpoint_id, source)
    assert not feedback.passed
    first = feedback.message.splitlines()[0]
    assert first.startswith("On every visible case, your result ") and claim in first, first


def test_a_ratio_that_changes_between_cases_is_no_constant_factor(grader: Grader) -> None:
    # An RMSE for an MSE is 0.77 times the answer on one case and another ratio on the next.
    source = "import numpy as np\ndef mse(y, p):\n    return float(np.mean(np.abs(y - p)))\n"
    message = grader.check_source("test.mse", source).message
    assert "On every visible case" not in message and "times" not in message
    assert "expected " in message and ", got " in message


def test_a_submission_that_matches_no_relationship_gets_expected_and_got(
    grader: Grader,
) -> None:
    message = check(grader, "    return X * 0 + 0.5\n")
    assert "On every visible case" not in message
    assert "first difference at index (0, 0): expected 0.25, got 0.5" in message


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


BYPASSES = [
    "return u @ v",
    "return np.dot(u, v)",
    "return u.dot(v)",
    "return np.vecdot(u, v)",
    "return np.matvec(u[None, :], v)[0]",
    "return np.vecmat(u, v[:, None])[0]",
    "return np.inner(u, v)",
    "return np.einsum('i,i->', u, v)",
    "return np.linalg.vecdot(u, v)",
    "return np.tensordot(u, v, axes=1)",
    "return u.__matmul__(v)",
    "import operator\n    return operator.matmul(u, v)",
    "from numpy import dot as d\n    return d(u, v)",
    "return getattr(np, 'dot')(u, v)",
    "return eval('u @ v')",
    "c = np.zeros(1)\n    c = u[None, :]\n    return c.dot(v)[0]",
]


@pytest.mark.parametrize("body", BYPASSES)
def test_a_forbidden_product_is_found_however_it_is_spelled(body: str) -> None:
    source = f"import numpy as np\ndef dot(u, v):\n    {body}\n"
    assert find_forbidden(source, [PRODUCT]) is not None, body


def test_building_it_from_its_steps_is_allowed() -> None:
    steps = [
        "import numpy as np\ndef dot(u, v):\n    return float(np.sum(u * v))\n",
        "def dot(u, v):\n    return sum(a * b for a, b in zip(u, v))\n",
        "def norm(x):\n    return sum(a * a for a in x) ** 0.5\n"
        "def distance(u, v):\n    return norm(u - v)\n",
    ]
    for source in steps:
        assert find_forbidden(source, [PRODUCT, NORM]) is None, source
    message = find_forbidden("import numpy as np\nnp.linalg.norm(x)\n", [NORM])
    assert message == "`np.linalg.norm`: a length or distance"
    assert find_forbidden("from scipy.special import logsumexp", ["scipy.special.logsumexp"])


def test_a_right_result_with_a_forbidden_shortcut_does_not_pass(grader: Grader) -> None:
    from mlpath.grade.loader import load_checkpoints as load

    with Grader(load(), load_allowance=0.0) as course:
        feedback = course.check_source(
            "la.dot-product.implement", "def dot(u, v):\n    return float(u.dot(v))\n"
        )
    assert not feedback.passed
    assert "your code uses `u.dot`: a dot or matrix product" in feedback.message


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
    assert grader.check_text("test.mean", "answer = 2.33").passed  # as the prompts say it
    assert grader.check_text("test.mean", "2,33").unreadable  # not graded, so not recorded
    assert grader.check_text("test.mean", "2.3333333").passed
    assert not grader.check_text("test.mean", "2.32").passed
    comma = grader.check_text("test.mean", "2,33")
    assert comma.message == "Use a decimal point, not a comma: write 2.33."
    word = grader.check_text("test.mean", "nan")
    assert not word.passed and "NameError" not in word.message
    median = grader.check_text("test.mean", "2")
    assert median.misconception == "median"


def test_thousands_separators_are_read_where_they_cannot_be_a_decimal_comma(
    grader: Grader,
) -> None:
    mean = grader.get("test.mean")

    def read(text: str) -> float:
        return float(mean.behaviour.typed(mean, text).array)  # type: ignore[arg-type]

    assert read("3,152,384") == 3152384.0
    assert read("\u22121,234.5") == -1234.5
    ambiguous = grader.check_text("test.mean", "1,234")
    assert ambiguous.message == (
        "Write 1234 (without a thousands separator) or 1.234 (with a decimal point): "
        "1,234 could be either."
    )
    assert grader.check_text("test.mean", "12,34").message.startswith("Use a decimal point")


def test_a_number_may_be_typed_as_a_fraction_or_a_percentage(grader: Grader) -> None:
    assert grader.check_text("test.mean", "7/3").passed  # the mean is 2.33
    assert grader.check_text("test.mean", "2.33%").passed  # the number typed, with its unit
    assert grader.check_text("test.mean", "233%").passed  # or read as a fraction: 2.33
    assert not grader.check_text("test.mean", "7/4").passed
    assert not grader.check_text("test.mean", "23.3%").passed
    assert "3/8" in grader.check_text("test.mean", "7/0").message


def test_a_computed_fraction_or_tensor_is_a_number(grader: Grader) -> None:
    fraction = grader.check_source(
        "test.mean", "from fractions import Fraction\nanswer = Fraction(7, 3)\n"
    )
    assert fraction.passed, fraction.message
    tensor = grader.check_source("test.mean", "import torch\nanswer = torch.tensor(7 / 3)\n")
    assert tensor.passed, tensor.message


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
