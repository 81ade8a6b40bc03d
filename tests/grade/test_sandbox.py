"""`mlpath doctor` reports only what a probe verified against a real sandboxed child."""

from __future__ import annotations

import json
import subprocess
import sys

from mlpath.grade.sandbox import verify_isolation


def test_every_property_is_verified_on_this_machine() -> None:
    """CI runs this as root and as an ordinary user: both get the whole sandbox."""
    checks = verify_isolation()
    assert [c.label for c in checks if not c.verified] == [], checks
    assert len(checks) == 8


def _doctor_in_a_process(prepare: str) -> dict[str, dict[str, object]]:
    """The doctor's checks, run in a fresh process after `prepare` (Python code)."""
    code = (
        f"{prepare}\n"
        "import dataclasses, json\n"
        "from mlpath.grade.sandbox import verify_isolation\n"
        "print(json.dumps([dataclasses.asdict(c) for c in verify_isolation()]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return {c["label"].split(" (")[0]: c for c in json.loads(done.stdout)}


def test_limits_that_could_not_be_set_are_reported_not_claimed() -> None:
    """With a hard file-size limit below the sandbox's (an administrator's `ulimit -f`), the
    child cannot raise it: the doctor says so instead of "resource limits active"."""
    checks = _doctor_in_a_process(
        "import resource\nresource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))"
    )
    limits = checks["resource limits"]
    assert not limits["verified"]
    assert "FSIZE is 1048576" in str(limits["detail"])
    assert "limit on file size not set" in str(limits["detail"])


def test_where_namespaces_are_refused_the_doctor_says_so() -> None:
    """As in a container whose seccomp profile refuses unshare(): nothing is claimed."""
    checks = _doctor_in_a_process(
        "from mlpath.run._syscall_filter import load_syscall_filter\n"
        "assert load_syscall_filter() is None"
    )
    for name in ("PID namespace", "network namespace", "IPC namespace", "private file system"):
        assert not checks[name]["verified"], checks[name]
    assert "Operation not permitted" in str(checks["PID namespace"]["detail"])
    assert checks["resource limits"]["verified"]
