"""A learner process for the store tests: a script run in a subprocess, and helpers to drive it.

    python recorder.py record SEED COUNT   record COUNT attempts, alternating two learners,
                                           printing the id of each one the store reported
    python recorder.py pause-in-migration  open the store, and stop for good inside the first
                                           migration's transaction, after printing "migrating"

The database is the one `MLPATH_DATABASE_URL` names. The pause is this script's own event
listener (nothing in mlpath knows about it), so a test can SIGKILL a process at exactly that
point: after the migration created tables, before it stamped the revision and committed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

LEARNERS = ("ada", "bob")
# Checkpoints whose concepts share prerequisites, so that concurrent attempts touch the same rows.
CHECKPOINTS = (
    "la.dot-product.implement",
    "la.matmul.shape-rule",
    "la.dot-product.iris-score",
    "la.cosine-similarity.implement",
    "la.matmul.implement",
)
# Only a guard against a hung process; nothing here depends on how long anything takes.
HANG_GUARD_SECONDS = 600


def start(url: str, *args: str) -> subprocess.Popen[str]:
    """Run this script with `args` on the database at `url`."""
    return subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MLPATH_DATABASE_URL": url},
    )


def read_line(process: subprocess.Popen[str]) -> str:
    """The next line the process prints; fails with its stderr if it ended instead."""
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        _, errors = process.communicate(timeout=HANG_GUARD_SECONDS)
        raise AssertionError(f"the process ended early (exit {process.returncode}): {errors}")
    return line


def paused_in_first_migration(url: str) -> subprocess.Popen[str]:
    """A process stopped inside the first migration of the (fresh) database at `url`."""
    victim = start(url, "pause-in-migration")
    assert read_line(victim) == "migrating\n"
    return victim


def kill(process: subprocess.Popen[str]) -> str:
    """SIGKILL the process; returns what it printed and nobody read yet."""
    process.kill()
    output, _ = process.communicate(timeout=HANG_GUARD_SECONDS)
    assert process.returncode == -signal.SIGKILL
    return output


def _record(seed: int, count: int) -> None:
    from mlpath.config import load_settings
    from mlpath.learn.model import LearnerModel

    models = [LearnerModel(load_settings(), learner_name=name) for name in LEARNERS]
    for n in range(count):
        model = models[(seed + n) % len(models)]
        checkpoint = CHECKPOINTS[(seed * 7 + n) % len(CHECKPOINTS)]
        attempt_id = model.record(checkpoint, passed=(seed + n) % 3 != 0, answer=f"{seed}/{n}")
        print(attempt_id, flush=True)
    for model in models:
        model.close()


def _pause_in_migration() -> None:
    from sqlalchemy import Engine, event

    from mlpath.config import load_settings
    from mlpath.learn.model import LearnerModel

    def pause(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "CREATE TABLE review_cards" in statement:
            print("migrating", flush=True)
            signal.pause()

    event.listen(Engine, "after_cursor_execute", pause)
    LearnerModel(load_settings()).store  # noqa: B018 (opening the store migrates it)
    sys.exit("the migration finished without creating review_cards")


if __name__ == "__main__":
    if sys.argv[1] == "record":
        _record(int(sys.argv[2]), int(sys.argv[3]))
    else:
        _pause_in_migration()
