"""The sandbox against real hostile code in real sandboxed children, as root or as a user.

Each test is an attack that worked before the sandbox had per-session namespaces, a root of its
own and a system-call filter; run it as root and as an ordinary user (CI does both).
"""

from __future__ import annotations

import errno
import os
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mlpath.course.catalog import curriculum_root
from mlpath.run import Executor, Limits
from mlpath.run.executor import Session

SANDBOX = Limits(sandbox=True, timeout=20, hidden_paths=(str(curriculum_root()),))


def run(session: Session, code: str) -> str:
    """Run a cell and return what it printed; fail the test if the cell itself broke."""
    result = session.run_cell(textwrap.dedent(code))
    assert result.ok, result
    return result.stdout


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


def test_a_session_cannot_signal_another_session(executor: Executor) -> None:
    with executor.session(SANDBOX) as victim, executor.session(SANDBOX) as attacker:
        run(victim, "x = 42")
        attack = attacker.run_cell(
            f"import os, signal\nos.kill({victim.pid}, signal.SIGKILL)\n"
            f"os.killpg({victim.pid}, signal.SIGKILL)"
        )
        time.sleep(0.2)
        survived = victim.run_cell("x")
    assert attack.error is not None and attack.error.type_name == "ProcessLookupError", attack
    assert survived.value == "42", survived


def test_a_session_sees_only_its_own_processes(executor: Executor) -> None:
    with executor.session(SANDBOX) as session:
        seen = run(
            session,
            """
            import os
            print(os.getpid(), sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
            """,
        )
    assert seen == "1 [1]\n"


def test_each_session_has_its_own_process_budget(executor: Executor) -> None:
    """One session holding 60 processes leaves another its whole budget (it was one budget for
    every sandboxed process of the user)."""
    hog = """
        import os, time
        children = []
        for _ in range(60):
            pid = os.fork()
            if pid == 0:
                time.sleep(60)
                os._exit(0)
            children.append(pid)
        print(len(children))
    """
    with executor.session(SANDBOX) as greedy, executor.session(SANDBOX) as other:
        assert run(greedy, hog) == "60\n"
        ran = run(
            other,
            """
            import subprocess, sys
            print(subprocess.run([sys.executable, '-c', 'print(6 * 7)'],
                                 capture_output=True, text=True).stdout)
            """,
        )
    assert ran == "42\n\n"


def test_a_daemon_dies_with_its_session(executor: Executor) -> None:
    token = f"mlp-d{os.getpid() % 100000}"
    with executor.session(SANDBOX) as session:
        run(
            session,
            f"""
            import os, time
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    open('/proc/self/comm', 'w').write({token!r})
                    while True:
                        time.sleep(0.1)
                os._exit(0)
            time.sleep(0.3)
            """,
        )
        assert _processes_named(token), "the daemon did not start"
    assert _gone(lambda: _processes_named(token)), "the daemon outlived its session"


def test_sysv_shared_memory_dies_with_its_session(executor: Executor) -> None:
    key = 0x6D6C0000 + os.getpid() % 0xFFFF
    with executor.session(SANDBOX) as session:
        made = run(
            session,
            f"""
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            print(libc.shmget({key}, 1 << 20, 0o1000 | 0o600) >= 0)
            """,
        )
    assert made == "True\n"
    assert _gone(lambda: key in _shared_memory_keys()), "a SysV segment outlived its session"


def test_nothing_is_left_in_shared_writable_folders(executor: Executor) -> None:
    token = f"mlpath-left-{os.getpid()}"
    folders = [
        f for f in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock") if os.path.isdir(f)
    ]
    with executor.session(SANDBOX) as session:
        run(
            session,
            f"""
            for folder in {folders!r}:
                try:
                    open(folder + '/' + {token!r}, 'wb').write(b'x' * 1_000_000)
                except OSError:
                    pass
            """,
        )
    assert [f for f in folders if os.path.exists(f"{f}/{token}")] == []


def test_a_file_larger_than_the_limit_cannot_be_written(executor: Executor) -> None:
    with executor.session(SANDBOX) as session:
        small = session.run_cell("open('small.bin', 'wb').write(b'x' * (1 << 20))")
        big = session.run_cell("open('big.bin', 'wb').write(b'x' * (32 << 20))")
    assert small.value == str(1 << 20), small
    assert big.error is not None and "File too large" in big.error.summary, big


def test_the_checkout_shows_only_what_python_needs(executor: Executor) -> None:
    checkout = _checkout()
    with executor.session(SANDBOX) as session:
        listed = session.run_cell(f"sorted(__import__('os').listdir({str(checkout)!r}))")
        curriculum = session.run_cell(f"__import__('os').listdir({str(curriculum_root())!r})")
    assert listed.value is not None and ".git" not in listed.value, listed
    assert "README.md" not in listed.value and "tests" not in listed.value
    assert curriculum.value == "[]"


def test_the_learners_home_is_out_of_reach(executor: Executor) -> None:
    home = Path.home()
    target = home / f"mlpath-owned-{os.getpid()}.txt"
    with executor.session(SANDBOX) as session:
        result = session.run_cell(f"open({str(target)!r}, 'w').write('x')")
    assert result.error is not None, result
    assert not target.exists()


def test_the_server_and_the_zygote_are_out_of_reach(executor: Executor) -> None:
    with executor.session(SANDBOX) as session:
        result = session.run_cell(f"import os\nos.kill({os.getpid()}, 0)")
    assert result.error is not None and result.error.type_name == "ProcessLookupError", result


NUMBERS = {
    "x86_64": {"clone": 56, "keyctl": 250, "bpf": 321},
    "aarch64": {"clone": 220, "keyctl": 219, "bpf": 280},
}


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("unshare a user namespace", "libc.unshare(0x10000000)"),
        # SIGCHLD | CLONE_NEWUSER; had it worked, the copy would leave at once.
        ("clone into a user namespace", "libc.syscall(NUMBERS['clone'], 0x10000011, 0, 0, 0, 0)"),
        ("ptrace", "libc.ptrace(0, 0, 0, 0)"),
        ("keyctl", "libc.syscall(NUMBERS['keyctl'], 0, 0, 0, 0, 0)"),
        ("bpf", "libc.syscall(NUMBERS['bpf'], 0, 0, 0)"),
    ],
)
def test_dangerous_system_calls_are_refused(executor: Executor, name: str, call: str) -> None:
    machine = os.uname().machine
    if machine not in NUMBERS:
        pytest.skip(f"system-call numbers not known for {machine}")
    with executor.session(SANDBOX) as session:
        result = run(
            session,
            f"""
            import ctypes, errno, os
            NUMBERS = {NUMBERS[machine]!r}
            libc = ctypes.CDLL(None, use_errno=True)
            result = {call}
            if result == 0 and {name.startswith("clone")!r}:
                os._exit(0)
            print(result, errno.errorcode.get(ctypes.get_errno()))
            """,
        )
    assert result == "-1 EPERM\n", f"{name}: {result}"


def test_the_filter_refuses_mount_even_where_mounting_is_allowed() -> None:
    """In a user namespace of its own a process may mount; with the filter loaded it may not."""
    from mlpath.run import _linux
    from mlpath.run._syscall_filter import load_syscall_filter

    outcomes = {}
    for filtered in (False, True):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                _linux.unshare(_linux.CLONE_NEWUSER | _linux.CLONE_NEWNS)
                if filtered:
                    assert load_syscall_filter() is None
                _linux.mount("tmpfs", "/tmp", "tmpfs", 0)
                os.write(write_end, b"mounted")
            except OSError as exc:
                os.write(write_end, str(exc.errno).encode())
            finally:
                os._exit(0)
        os.close(write_end)
        outcomes[filtered] = os.read(read_end, 100).decode()
        os.close(read_end)
        os.waitpid(pid, 0)
    if outcomes[False] != "mounted":
        pytest.skip(f"no user namespaces here ({outcomes[False]}): nothing to refuse")
    assert outcomes[True] == str(errno.EPERM)


def test_creating_threads_and_processes_still_works(executor: Executor) -> None:
    """The filter refuses new namespaces, not clone() itself (threads use clone3, then clone)."""
    with executor.session(SANDBOX) as session:
        result = run(
            session,
            """
            import threading, subprocess
            box = []
            thread = threading.Thread(target=lambda: box.append(1)); thread.start(); thread.join()
            print(box, subprocess.run(['true']).returncode)
            """,
        )
    assert result == "[1] 0\n"


def _checkout() -> Path:
    for folder in Path(__file__).resolve().parents:
        if (folder / ".git").exists():
            return folder
    raise AssertionError("the tests run from a checkout")


def _processes_named(name: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as comm:
                    if comm.read().strip() == name:
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _gone(still_there: Callable[[], object], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not still_there():
            return True
        time.sleep(0.1)
    return False


def _shared_memory_keys() -> set[int]:
    with open("/proc/sysvipc/shm") as table:
        next(table)
        return {int(line.split()[0]) for line in table if line.strip()}
