"""The CLI through Typer's runner, on real files and real child processes."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from typer.testing import CliRunner

from mlpath.cli import app
from mlpath.course.catalog import curriculum_root
from tests.conftest import write_lesson

runner = CliRunner()


def test_no_command_shows_the_course() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert "la.dot-product" in result.output and "lessons, about" in result.output


def test_verify_exit_codes_and_plain_progress_lines(tmp_path: Path) -> None:
    good = write_lesson(tmp_path, "good.md", "```python\nprint(6 * 7)\n```\n\n```output\n42\n```\n")
    result = runner.invoke(app, ["verify", str(good), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"ok    {good} (1 cells, ran)" in result.output
    assert result.output.rstrip().splitlines()[-1] == "verified: 1 lessons, 1 cells, 0 failed"

    bad = write_lesson(tmp_path, "bad.md", "```python\nprint(6 * 9)\n```\n\n```output\n42\n```\n")
    result = runner.invoke(app, ["verify", str(tmp_path)])
    assert result.exit_code == 1
    assert f"FAIL  {bad}:9: cell 1 output differs from the record" in result.output
    assert "-42" in result.output and "+54" in result.output
    assert result.output.rstrip().splitlines()[-1] == "verified: 2 lessons, 2 cells, 1 failed"

    result = runner.invoke(app, ["verify", "--update", str(bad)])
    assert result.exit_code == 0 and "updated" in result.output
    assert "```output\n54\n```" in bad.read_text()


def test_verify_reports_a_missing_path_without_a_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["verify", str(tmp_path / "nope.md")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_catalog_json_lists_lessons_concepts_and_checkpoints() -> None:
    result = runner.invoke(app, ["catalog", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    lessons = {lesson["id"]: lesson for lesson in data["lessons"]}
    assert lessons["la.matmul"]["file"].endswith("08-matmul-shapes.md")
    assert {"id", "title", "area", "essential", "requires"} <= set(data["concepts"][0])
    assert isinstance(data["checkpoints"], list)


def test_export_writes_a_valid_notebook_with_outputs(tmp_path: Path) -> None:
    target = tmp_path / "dot.ipynb"
    result = runner.invoke(
        app, ["export", "la.dot-product", "--format", "ipynb", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    notebook = nbformat.read(str(target), as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code[0].outputs[0]["text"] == "21.0\n"
    figures = [o for c in code for o in c.outputs if o.get("output_type") == "display_data"]
    assert figures[0]["data"]["text/plain"] == "<Figure size 400x400 with 1 Axes>"
    # The lesson's own heading opens the notebook; it is not repeated.
    assert notebook.cells[0].source.startswith("# The dot product\n")
    assert "# The dot product" not in notebook.cells[1].source


def _checkpoint_cells(notebook: Any) -> dict[str, tuple[Any, Any]]:
    """Each checkpoint's prompt cell and answer cell, by checkpoint id."""
    found = {}
    for prompt, answer in itertools.pairwise(notebook.cells):
        heading = re.match(r"\*\*Checkpoint `([^`]+)`\*\*", prompt.source)
        if heading and prompt.cell_type == "markdown":
            found[heading.group(1)] = (prompt, answer)
    return found


@pytest.mark.slow
def test_exported_pilot_lessons_pass_strict_nbval_and_show_checkpoints(tmp_path: Path) -> None:
    import subprocess
    import sys

    from mlpath.course.catalog import load_catalog
    from mlpath.grade.loader import load_checkpoints

    catalog, defined = load_catalog(), load_checkpoints()
    notebooks = []
    for lesson_id in ("la.vectors", "la.dot-product", "la.matmul"):
        target = tmp_path / f"{lesson_id}.ipynb"
        result = runner.invoke(app, ["export", lesson_id, "-o", str(target)])
        assert result.exit_code == 0, result.output
        notebook = nbformat.read(str(target), as_version=4)
        lesson = catalog.lesson(lesson_id)
        assert lesson is not None
        assert not [cell for cell in notebook.cells if "{checkpoint}" in cell.source]
        checkpoints = _checkpoint_cells(notebook)
        assert list(checkpoints) == [ref.id for ref in lesson.checkpoints]
        for checkpoint_id, (prompt, answer) in checkpoints.items():
            assert prompt.source.endswith(defined[checkpoint_id].task)
            assert answer.cell_type == "code" and answer.metadata["tags"] == ["nbval-skip"]
            assert answer.source.startswith("from mlpath import check\n")
            assert re.search(rf'^check\("{re.escape(checkpoint_id)}", \w+\)$', answer.source, re.M)
        notebooks.append((target, len(lesson.cells), len(checkpoints)))
    # Math stays LaTeX in Jupyter, which renders it.
    dot = nbformat.read(str(tmp_path / "la.dot-product.ipynb"), as_version=4)
    assert "$\\mathbf{u} \\cdot \\mathbf{v}" in "".join(cell.source for cell in dot.cells)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env"]
        + [str(target) for target, _, _ in notebooks],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    cells = sum(count for _, count, _ in notebooks)
    skipped = sum(count for _, _, count in notebooks)
    assert done.returncode == 0, done.stdout[-3000:]
    assert f"{cells} passed, {skipped} skipped" in done.stdout


def test_an_exported_checkpoint_cell_grades_the_learners_work(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    target = tmp_path / "dot.ipynb"
    assert runner.invoke(app, ["export", "la.dot-product", "-o", str(target)]).exit_code == 0
    checkpoints = _checkpoint_cells(nbformat.read(str(target), as_version=4))
    _, implement = checkpoints["la.dot-product.implement"]
    _, numeric = checkpoints["la.dot-product.iris-score"]
    solved = implement.source.replace("    ...", "    return float(np.sum(u * v))")
    assert solved != implement.source and "answer = ..." in numeric.source
    script = tmp_path / "learner.py"
    script.write_text(
        "import numpy as np\n" + solved + "\n\n" + numeric.source.replace("...", "1.0")
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    assert "Passed: la.dot-product.implement" in done.stdout
    assert "Not yet: la.dot-product.iris-score" in done.stdout


def test_export_shows_an_unknown_checkpoint_as_a_note(tmp_path: Path) -> None:
    body = "```python\nprint(1)\n```\n\n```output\n1\n```\n\n```{checkpoint} x.unknown\n```\n"
    lesson = write_lesson(tmp_path, "n.md", body)
    target = tmp_path / "n.ipynb"
    result = runner.invoke(app, ["export", str(lesson), "-o", str(target)])
    assert result.exit_code == 0, result.output
    notebook = nbformat.read(str(target), as_version=4)
    assert notebook.cells[-1].cell_type == "markdown"
    assert notebook.cells[-1].source == (
        "*Checkpoint `x.unknown` is not defined in this version of mlpath.*"
    )


def test_export_warns_when_the_lesson_does_not_verify(tmp_path: Path) -> None:
    lesson = write_lesson(tmp_path, "w.md", "```python\nprint(1)\n```\n\n```output\n2\n```\n")
    target = tmp_path / "w.ipynb"
    result = runner.invoke(app, ["export", str(lesson), "-o", str(target)])
    assert result.exit_code == 0
    assert "does not verify" in result.output
    notebook = nbformat.read(str(target), as_version=4)
    assert notebook.cells[1].outputs[0]["text"] == "1\n"


def test_export_rejects_an_unknown_format() -> None:
    result = runner.invoke(app, ["export", "la.vectors", "--format", "pdf"])
    assert result.exit_code == 2
    assert "expected one of 'ipynb'; got 'pdf'" in result.output


def test_learn_shows_math_as_unicode_and_checkpoints_as_commands() -> None:
    shown = runner.invoke(app, ["learn", "la.cosine-similarity"])
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.output.split())  # as one line: Rich wraps at the terminal's width
    assert "u ⋅ v = ‖u‖ ‖v‖ cos θ." in text and "cos θ = (u ⋅ v)/(‖u‖ ‖v‖)." in text
    assert "\\mathbf" not in text and "$" not in text and "{checkpoint}" not in text
    assert "a dot: 10.0 cosine: 1.0" in text
    assert "mlpath hint la.cosine-similarity.implement" in text
    assert "mlpath check la.cosine-similarity.implement cosine.py" in text


def test_learn_shows_a_lesson_and_names_unknown_ones() -> None:
    shown = runner.invoke(app, ["learn", "la.vectors"])
    assert shown.exit_code == 0 and "vector" in shown.output.lower()
    typo = runner.invoke(app, ["learn", "la.vectrs"])
    assert typo.exit_code == 2
    assert typo.output.startswith("error: no lesson 'la.vectrs'. Did you mean la.vectors")
    assert "Traceback" not in typo.output
    unknown = runner.invoke(app, ["learn", "zzz"])
    assert unknown.exit_code == 2 and "`mlpath course` lists all" in unknown.output
    assert unknown.output.count("\n") == 1  # one sentence, not the whole course


def test_lint_reports_warnings(tmp_path: Path) -> None:
    lesson = write_lesson(tmp_path, "r.md", "```python\nimport random\nrandom.random()\n```\n")
    result = runner.invoke(app, ["lint", str(lesson)])
    assert result.exit_code == 0
    assert "random.random() is unseeded" in result.output
    assert "lint: 0 errors, 1 warnings" in result.output


def test_a_bad_setting_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_JOBS", "many")
    result = runner.invoke(app, ["verify"])
    assert result.exit_code == 2
    assert "MLPATH_JOBS has the bad value 'many'" in result.output


def test_check_exit_codes_and_json(tmp_path: Path) -> None:
    wrong = tmp_path / "dot.py"
    wrong.write_text("def dot(u, v):\n    return u * v\n")
    result = runner.invoke(app, ["check", "la.dot-product.implement", str(wrong), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["passed"] is False and data["misconception"] == "elementwise-product"
    assert set(data["cases"]) == {"total", "passed", "failed", "hidden_failed"}

    right = tmp_path / "good.py"
    right.write_text("import numpy as np\n\ndef dot(u, v):\n    return float(np.sum(u * v))\n")
    result = runner.invoke(app, ["check", "la.dot-product.implement", str(right)])
    assert result.exit_code == 0, result.output
    assert "Passed" in result.output


def test_check_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", "la.dot-product.implement", str(tmp_path / "no.py")])
    assert missing.exit_code == 2 and "cannot read it" in missing.output
    source = tmp_path / "a.py"
    source.write_text("answer = 1\n")
    unknown = runner.invoke(app, ["check", "la.dot-product.implemnt", str(source)])
    assert unknown.exit_code == 2
    assert "Did you mean la.dot-product.implement" in unknown.output


def test_hint_shows_hints_progressively() -> None:
    first = runner.invoke(app, ["hint", "la.matmul.implement"])
    assert first.exit_code == 0
    assert "Hint 1:" in first.output and "Hint 2:" not in first.output
    assert "--level 2" in first.output
    both = runner.invoke(app, ["hint", "la.matmul.implement", "--level", "2"])
    assert "Hint 2:" in both.output


def test_hint_ends_with_the_fix_of_the_last_named_mistake(tmp_path: Path) -> None:
    wrong = tmp_path / "dot.py"
    wrong.write_text("def dot(u, v):\n    return u * v\n")
    assert runner.invoke(app, ["check", "la.dot-product.implement", str(wrong)]).exit_code == 1
    shown = runner.invoke(app, ["hint", "la.dot-product.implement", "--level", "9"])
    assert shown.exit_code == 0, shown.output
    assert "The fix for your last answer" in " ".join(shown.output.split())


def test_hint_shows_the_prompts_math_as_unicode_and_code_without_backticks() -> None:
    shown = runner.invoke(app, ["hint", "la.cosine-similarity.implement"])
    assert shown.exit_code == 0, shown.output
    assert "cos θ = (u ⋅ v)/(‖u‖ ‖v‖)" in shown.output
    assert "Write cosine(u, v):" in shown.output
    assert "$" not in shown.output and "`" not in shown.output and "\\" not in shown.output


def test_doctor_reports_the_isolation() -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0
    assert "network namespace" in result.output and "resource limits" in result.output


def test_lint_runs_the_gate_on_a_module() -> None:
    # One module: the whole course's gate already runs in tests/grade/test_gate.py.
    result = runner.invoke(app, ["lint", str(curriculum_root() / "02-linear-algebra")])
    assert result.exit_code == 0, result.output
    assert "gate: la.dot-product.implement" in result.output
    assert result.output.rstrip().endswith("lint: 0 errors, 0 warnings")


def test_check_from_a_script_prints_the_feedback(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = tmp_path / "learner.py"
    script.write_text(
        "import numpy as np\nfrom mlpath import check\n\n"
        "def dot(u, v):\n    return np.sum(u) * np.sum(v)\n\n"
        "feedback = check('la.dot-product.implement', dot)\n"
        "assert feedback.misconception == 'product-of-sums'\n"
        "check('la.matmul.shape-rule', 'a')\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    assert "Not yet: la.dot-product.implement" in done.stdout
    assert "multiplied the two sums" in done.stdout
    assert "Passed: la.matmul.shape-rule" in done.stdout
    from mlpath.config import load_settings
    from mlpath.learn.model import LearnerModel

    model = LearnerModel(load_settings())
    try:
        attempts = model.store.attempts(model.learner.id)
    finally:
        model.close()
    assert [(a.checkpoint_id, a.passed, a.misconception) for a in attempts] == [
        ("la.dot-product.implement", False, "product-of-sums"),
        ("la.matmul.shape-rule", True, None),
    ]


def test_why_next_progress_and_start(tmp_path: Path) -> None:
    why = runner.invoke(app, ["why", "cosine similarity", "--json"])
    assert why.exit_code == 0, why.output
    data = json.loads(why.stdout)
    assert data["concepts"] == ["la.cosine-similarity"]
    assert data["steps"][-1]["concept"] == "la.cosine-similarity"
    assert any(step["lesson"] == "la.dot-product" for step in data["steps"])

    unknown = runner.invoke(app, ["why", "gradient decent"])
    assert unknown.exit_code == 2 and "Did you mean: gradient descent" in unknown.output
    assert unknown.output.count("calc.gradient-descent") == 1  # each suggestion once

    started = runner.invoke(
        app, ["start", "--path", "engineering", "--goal", "attention", "--no-diagnostic"]
    )
    assert started.exit_code == 0 and "Goal: attention" in started.output
    upcoming = runner.invoke(app, ["next"])
    assert "Next lesson towards attention: np.arrays" in upcoming.output

    plot = tmp_path / "progress.png"
    shown = runner.invoke(app, ["progress", "--plot", str(plot)])
    assert shown.exit_code == 0 and "linear-algebra" in shown.output
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_check_records_the_attempt_for_the_planner(tmp_path: Path) -> None:
    source = tmp_path / "shape.py"
    source.write_text("answer = 'a'\n")
    assert runner.invoke(app, ["check", "la.matmul.shape-rule", str(source)]).exit_code == 0
    before = json.loads(runner.invoke(app, ["why", "la.matmul", "--json"]).stdout)
    assert len(before["steps"]) == 1  # its prerequisites are implied by the pass
    assert before["steps"][0]["concept"] == "la.matmul"  # one of its two checkpoints to go
    matmul = tmp_path / "matmul.py"
    matmul.write_text(
        "import numpy as np\n\ndef matmul(A, B):\n    C = np.zeros((A.shape[0], B.shape[1]))\n"
        "    for i in range(A.shape[0]):\n        for j in range(B.shape[1]):\n"
        "            C[i, j] = np.sum(A[i, :] * B[:, j])\n    return C\n"
    )
    assert runner.invoke(app, ["check", "la.matmul.implement", str(matmul)]).exit_code == 0
    after = json.loads(runner.invoke(app, ["why", "la.matmul", "--json"]).stdout)
    assert after["steps"] == []


def test_start_asks_a_diagnostic_question_and_records_the_answer() -> None:
    result = runner.invoke(
        app, ["start", "--path", "engineering", "--goal", "attention"], input="99\n\n"
    )
    assert result.exit_code == 0, result.output
    assert "not quite" in result.output
    assert "Diagnostic: 0 of 1 right." in result.output
    # The prompt reads as text in a terminal: no raw math, no Markdown backticks.
    assert "$" not in result.output and "`" not in result.output
    from mlpath.config import load_settings
    from mlpath.learn.model import LearnerModel

    model = LearnerModel(load_settings())
    try:
        attempts = model.store.attempts(model.learner.id)
        assert len(attempts) == 1 and not attempts[0].passed
        assert model.learner.goal == "attention"
    finally:
        model.close()


def test_explain_names_the_math_and_the_path(tmp_path: Path) -> None:
    script = tmp_path / "mine.py"
    script.write_text(
        "import numpy as np\nfrom sklearn.metrics.pairwise import cosine_similarity\n\n"
        "A = np.ones((2, 3))\nsims = cosine_similarity(A)\nscores = A @ A.T\n"
    )
    result = runner.invoke(app, ["explain", str(script), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    lines = {(f["line"], c) for f in data["findings"] for c in f["concepts"]}
    assert (5, "la.cosine-similarity") in lines and (6, "la.matmul") in lines
    assert data["path"]["steps"][-1]["concept"] in data["concepts"]
    broken = tmp_path / "broken.py"
    broken.write_text("def f(:\n")
    failed = runner.invoke(app, ["explain", str(broken)])
    assert failed.exit_code == 2 and f"{broken}:1" in failed.output
    assert "Traceback" not in failed.output


def test_search_prints_json_and_names_a_bad_mode() -> None:
    result = runner.invoke(app, ["search", "argpartition", "--json", "--mode", "words"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["by_meaning"] is False and data["note"] is None
    assert "argpartition" in data["hits"][0]["snippet"]
    assert "np.tensors" in {hit["lesson"] for hit in data["hits"]}
    bad = runner.invoke(app, ["search", "x", "--mode", "semantic"])
    assert bad.exit_code == 2
    assert "--mode: expected one of hybrid, words, meaning; got 'semantic'" in bad.output
