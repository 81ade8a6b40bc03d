"""The sandbox keeps the Python installation importable even where it lives under /tmp."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlpath.run import Executor, Limits


def test_a_package_under_tmp_stays_importable_and_the_rest_of_tmp_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert str(tmp_path).startswith("/tmp/")
    site = tmp_path / "site"
    (site / "mlpath_tmp_pkg").mkdir(parents=True)
    (site / "mlpath_tmp_pkg" / "__init__.py").write_text("VALUE = 7\n")
    (tmp_path / "secret.txt").write_text("not for learners")
    monkeypatch.setenv("PYTHONPATH", str(site))
    with Executor(jobs=1) as executor, executor.session(Limits(sandbox=True)) as session:
        imported = session.run_cell("import mlpath_tmp_pkg\nmlpath_tmp_pkg.VALUE")
        secret = session.run_cell(f"open({str(tmp_path / 'secret.txt')!r}).read()")
        isolation = session.isolation
    assert isolation is not None and not isolation["problems"], isolation
    assert imported.value == "7", imported.error
    assert secret.error is not None and secret.error.type_name == "FileNotFoundError"
