"""A database that cannot be used is one sentence with the fix, never a traceback, and never
hides a grade."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from mlpath.config import load_settings
from mlpath.learn.model import LearnerModel
from mlpath.store import Store, StoreError

URL_FORMS = "sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
CHANGE = "set MLPATH_HOME to a writable folder, or MLPATH_DATABASE_URL to another database"


@dataclass(frozen=True)
class BadSetup:
    env: dict[str, str]
    message: str  # a regular expression for the whole sentence


def _newer_database(home: Path) -> BadSetup:
    Store.open(f"sqlite:///{home / 'mlpath.db'}").close()
    with sqlite3.connect(home / "mlpath.db") as connection:
        connection.execute("update alembic_version set version_num = '0007_future'")
    return BadSetup(
        {},
        re.escape(
            f"{home / 'mlpath.db'} was written by a newer mlpath (schema revision 0007_future); "
            "upgrade mlpath, or set MLPATH_DATABASE_URL to another database"
        ),
    )


def _corrupt_database(home: Path) -> BadSetup:
    home.mkdir(parents=True)
    (home / "mlpath.db").write_bytes(b"this is not a database" * 100)
    return BadSetup(
        {},
        re.escape(f"the database {home / 'mlpath.db'} is corrupt (")
        + r"[^()]+"
        + re.escape("); move the file aside and mlpath will start a new one"),
    )


def _home_is_a_file(home: Path) -> BadSetup:
    home.write_text("not a folder")
    return BadSetup(
        {},
        re.escape(
            f"cannot create the database {home / 'mlpath.db'}: {home} is a file, not a folder; "
            + CHANGE
        ),
    )


def _url(url: str, shown: str) -> Callable[[Path], BadSetup]:
    return lambda home: BadSetup(
        {"MLPATH_DATABASE_URL": url},
        re.escape(f"MLPATH_DATABASE_URL: expected {URL_FORMS}; got {shown!r}"),
    )


def _server_not_running(home: Path) -> BadSetup:
    return BadSetup(
        {"MLPATH_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/test"},
        re.escape("cannot connect to the database server 127.0.0.1:1/test (")
        + r".*Connection refused"
        + re.escape("); start the server or fix MLPATH_DATABASE_URL"),
    )


BAD_SETUPS = {
    "url-nonsense": _url("nonsense", "nonsense"),
    "url-mysql": _url("mysql://ada:secret@db.example/mlpath", "mysql://ada:***@db.example/mlpath"),
    "server-not-running": _server_not_running,
    "home-is-a-file": _home_is_a_file,
    "newer-database": _newer_database,
    "corrupt-database": _corrupt_database,
}


@pytest.fixture(params=sorted(BAD_SETUPS))
def bad_setup(
    request: pytest.FixtureRequest, mlpath_home: Path, monkeypatch: pytest.MonkeyPatch
) -> BadSetup:
    setup = BAD_SETUPS[request.param](mlpath_home)
    for key, value in setup.env.items():
        monkeypatch.setenv(key, value)
    return setup


def mlpath(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line, in a subprocess, so that a traceback would be seen as one."""
    return subprocess.run(
        [sys.executable, "-m", "mlpath", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_opening_raises_one_sentence_and_recording_turns_it_into_a_warning(
    bad_setup: BadSetup,
) -> None:
    model = LearnerModel(load_settings())
    with pytest.raises(StoreError) as raised:
        model.store  # noqa: B018
    assert re.fullmatch(bad_setup.message, str(raised.value))
    warning = model.try_record("la.matmul.shape-rule", True, None, "answer = 'a'")
    assert warning == f"not recorded: {raised.value}"
    assert "secret" not in warning


def test_the_command_line_prints_one_line_and_no_traceback(bad_setup: BadSetup) -> None:
    done = mlpath("next")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert re.fullmatch("error: " + bad_setup.message + "\n", done.stderr), done.stderr


@pytest.mark.parametrize("case", ["url-nonsense", "newer-database"])
def test_check_shows_the_grade_when_the_database_is_unusable(
    case: str, mlpath_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    setup = BAD_SETUPS[case](mlpath_home)
    for key, value in setup.env.items():
        monkeypatch.setenv(key, value)
    (tmp_path / "shape.py").write_text("answer = 'a'\n")
    done = mlpath("check", "la.matmul.shape-rule", "shape.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Passed: la.matmul.shape-rule" in done.stdout
    assert re.fullmatch("warning: not recorded: " + setup.message + "\n", done.stderr)


@contextmanager
def read_only(folder: Path) -> Iterator[Callable[[list[str]], list[str]]]:
    """Make `folder` read-only for the commands run through the yielded wrapper.

    Root ignores permission bits, so for root the command runs in its own mount namespace where
    the folder is a read-only bind mount; another user gets the folder's write bits removed.
    """
    if os.geteuid() == 0:
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
        yield lambda argv: ["unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                            str(folder), *argv]  # fmt: skip
        return
    folder.chmod(0o555)
    try:
        yield lambda argv: argv
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("existing", [False, True], ids=["fresh-home", "home-with-database"])
def test_a_read_only_home_is_one_sentence(mlpath_home: Path, existing: bool) -> None:
    mlpath_home.mkdir()
    if existing:
        Store.open(f"sqlite:///{mlpath_home / 'mlpath.db'}").close()
    record = (
        "from mlpath.config import load_settings; from mlpath.learn.model import LearnerModel; "
        "print(LearnerModel(load_settings()).try_record('la.matmul.shape-rule', True, None, ''))"
    )
    with read_only(mlpath_home) as wrap:
        cli = subprocess.run(
            wrap([sys.executable, "-m", "mlpath", "next"]), capture_output=True, text=True
        )
        model = subprocess.run(wrap([sys.executable, "-c", record]), capture_output=True, text=True)
    message = (
        f"cannot write the database {mlpath_home / 'mlpath.db'}: {mlpath_home} is not writable; "
        + CHANGE
    )
    assert (cli.returncode, cli.stdout, cli.stderr) == (2, "", f"error: {message}\n")
    assert (model.returncode, model.stdout, model.stderr) == (0, f"not recorded: {message}\n", "")


def test_a_locked_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Store.open(f"sqlite:///{path}").close()
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        # The URL's timeout (seconds to wait for the lock) keeps the test short.
        store = Store.open(f"sqlite:///{path}?timeout=0.2")
        with pytest.raises(StoreError) as raised:
            store.learner()
        assert str(raised.value) == (
            f"the database {path} is locked by another program; close that program and retry"
        )
        store.close()
    finally:
        holder.rollback()
        holder.close()
