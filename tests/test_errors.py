"""No tracebacks, ever: each bad input a tester found gets one clear sentence.

Every case runs the real command (Typer's runner), the real web app, or the real core object.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner, Result

from mlpath.cli import app
from mlpath.core import Mlpath
from mlpath.course.catalog import curriculum_root
from mlpath.errors import MlpathError
from tests.conftest import write_lesson

runner = CliRunner()
DATA = Path(__file__).parent / "grade" / "data"


def one_line_error(result: Result, *fragments: str) -> str:
    """The command failed with exit 2 and printed exactly one line, an error naming all of
    `fragments`, and no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def test_deeply_nested_code_is_graded_not_crashed(tmp_path: Path) -> None:
    deep = tmp_path / "deep.py"
    deep.write_text("x = " + "-" * 5000 + "1\n")
    result = runner.invoke(app, ["check", "la.dot-product.implement", str(deep)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "deep.py: your code is nested too deeply for Python to read" in result.output


def test_export_to_an_unwritable_place(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "la.vectors", "-o", "/proc/x.ipynb"])
    one_line_error(result, "cannot write /proc/x.ipynb", "choose another path")


def test_progress_plot_to_an_unwritable_place() -> None:
    result = runner.invoke(app, ["progress", "--plot", "/proc/x.png"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("error: cannot write /proc/x.png")


def test_serve_on_an_impossible_port() -> None:
    one_line_error(runner.invoke(app, ["serve", "--port", "99999"]), "--port", "99999")


def test_serve_on_a_port_in_use_says_so_before_claiming_an_address() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    line = one_line_error(result, f"port {port} on 127.0.0.1 is already in use", "--port")
    assert "mlpath is at" not in line


def _curriculum_with_a_broken_checks_file(tmp_path: Path) -> Path:
    root = tmp_path / "curriculum"
    shutil.copytree(curriculum_root(), root)
    broken = root / "02-linear-algebra" / "03-dot-product.checks.py"
    broken.write_text(broken.read_text().replace("def dot_elementwise(u, v):", "def dot_(u v):"))
    return root


def test_a_broken_checks_file_disables_only_its_own_checkpoints(tmp_path: Path) -> None:
    root = _curriculum_with_a_broken_checks_file(tmp_path)
    with Mlpath(root=root, warm=False) as core:
        assert core.check_text("la.matmul.shape-rule", "a").feedback.passed
        with pytest.raises(MlpathError) as raised:
            core.check_text("la.dot-product.implement", "def dot(u, v): ...")
        message = str(raised.value)
        assert "'la.dot-product.implement' is unavailable until its file is fixed" in message
        assert "03-dot-product.checks.py:8: SyntaxError" in message
        assert "\n" not in message
        with TestClient(core.app(), base_url="http://127.0.0.1") as client:
            page = client.get("/lessons/la.dot-product")
            assert page.status_code == 200
            assert "This checkpoint is unavailable until its file is fixed" in page.text
            refused = client.post(
                "/checkpoints/la.dot-product.implement/check",
                data={"answer": "def dot(u, v): ..."},
                headers={"HX-Request": "true"},
            )
            assert refused.status_code == 400 and "SyntaxError" in refused.text
            assert refused.headers["content-type"].startswith("text/html")
            assert client.get("/lessons/la.matmul").status_code == 200


def test_lint_of_a_checks_file_whose_references_raise_or_hang_goes_on() -> None:
    result = runner.invoke(app, ["lint", str(DATA / "rows.checks.py")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert any("'test.raising-reference'" in e and "ValueError" in e for e in errors), errors
    assert any("'test.hanging-reference'" in e and "did not finish" in e for e in errors)
    assert "gate: test.rows" in result.output  # the gate went on to the next checkpoint
    assert not any("'test.rows'" in e for e in errors)


def test_lint_of_a_lesson_file_reports_what_the_catalog_would(tmp_path: Path) -> None:
    lesson = write_lesson(
        tmp_path,
        "dup.md",
        "```python\nprint(1)\n```\n\n```output\n1\n```\n\n![Figure 1](dup.figures/fig-1.png)\n",
        lesson_id="la.vectors",
    )
    text = lesson.read_text().replace("teaches: [la.vectors]", "teaches: [la.vectorz]")
    lesson.write_text(text)
    for target in (lesson, tmp_path):
        result = runner.invoke(app, ["lint", str(target)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "'teaches' names the unknown concept 'la.vectorz'" in result.output
        assert "the lesson id 'la.vectors' is also used by" in result.output
        assert "the recorded figure dup.figures/fig-1.png is missing" in result.output


def test_an_unclosed_fence_in_mid_lesson_is_named_not_run(tmp_path: Path) -> None:
    lesson = write_lesson(
        tmp_path, "open.md", "```python\nprint(1)\n\nSome prose.\n\n```output\n1\n```\n"
    )
    result = runner.invoke(app, ["verify", str(lesson)])
    assert result.exit_code == 1 and "SyntaxError" not in result.output
    assert (
        f"{lesson}:9: the python cell opened here is not closed before line 14 (```output); "
        "add a line ``` after its code" in result.output
    )


def test_a_byte_order_mark_is_accepted_in_lessons_and_submissions(tmp_path: Path) -> None:
    lesson = write_lesson(
        tmp_path, "bom.md", "```python\nprint(6 * 7)\n```\n\n```output\n42\n```\n"
    )
    lesson.write_bytes(b"\xef\xbb\xbf" + lesson.read_bytes())
    assert runner.invoke(app, ["verify", str(lesson)]).exit_code == 0
    answer = tmp_path / "answer.py"
    answer.write_bytes(b"\xef\xbb\xbfanswer = 'a'\n")
    assert runner.invoke(app, ["check", "la.matmul.shape-rule", str(answer)]).exit_code == 0


def test_typed_web_answers_never_show_code_the_learner_did_not_write() -> None:
    with TestClient(Mlpath().app(), base_url="http://127.0.0.1") as client:
        typed = client.post("/checkpoints/la.dot-product.iris-score/check", data={"answer": "nan"})
        assert typed.status_code == 200 and "NameError" not in typed.text
        assert "Not yet" in typed.text
        deep = client.post(
            "/checkpoints/la.dot-product.implement/check",
            data={"answer": "x = " + "-" * 5000 + "1\n"},
        )
        assert deep.status_code == 200 and "nested too deeply" in deep.text
        missing = client.get("/lessons/la.nope")
        assert missing.status_code == 404 and missing.headers["content-type"].startswith(
            "text/html"
        )
        assert "no lesson &#39;la.nope&#39;" in missing.text
        assert client.get("/nowhere").headers["content-type"].startswith("text/html")


def test_grading_works_when_the_home_is_a_file_or_the_database_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = tmp_path / "answer.py"
    answer.write_text("answer = 'a'\n")
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("MLPATH_HOME", str(home))
    result = runner.invoke(app, ["check", "la.matmul.shape-rule", str(answer)])
    assert result.exit_code == 0 and "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "Passed: la.matmul.shape-rule"
    assert lines[-1].startswith("warning: not recorded: ") and str(home) in lines[-1]

    monkeypatch.setenv("MLPATH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MLPATH_DATABASE_URL", "sqlite://")
    result = runner.invoke(app, ["check", "la.matmul.shape-rule", str(answer)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("warning: ")
    assert "in-memory" in result.output or "memory" in result.output
