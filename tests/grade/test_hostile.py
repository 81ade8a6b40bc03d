"""Hostile submissions: each is contained, gets a clear message, and leaves the grader working.

Every submission runs in a real sandboxed child (namespaces, a root of its own, no capabilities,
a system-call filter, rlimits) exactly as a learner's would, whether the tests run as root or as
an ordinary user; afterwards the grader must still grade a correct solution.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mlpath.grade.grader import Feedback, Grader
from mlpath.grade.loader import load_checkpoints

DOT = "la.dot-product.implement"
CORRECT = "import numpy as np\n\ndef dot(u, v):\n    return float(np.sum(u * v))\n"
CHECKOUT = Path(__file__).resolve().parents[2]
CHECKS_FILE = CHECKOUT / "src/mlpath/curriculum/02-linear-algebra"
ANSWER_KEY = "src/mlpath/curriculum/02-linear-algebra/03-dot-product.checks.py"


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    """The shipped checkpoints with short time limits: code that hangs on purpose costs
    seconds, not minutes."""
    checkpoints = load_checkpoints()
    for checkpoint in checkpoints.values():
        checkpoint.timeout = 1.5
    with Grader(checkpoints, load_allowance=0.0) as shared:
        yield shared


def grade(grader: Grader, source: str) -> Feedback:
    started = time.perf_counter()
    feedback = grader.check_source(DOT, source, "hostile.py")
    assert time.perf_counter() - started < 20
    assert not feedback.passed, feedback.message
    assert feedback.message and "Traceback (most recent call last)" not in feedback.message[:40]
    still = grader.check_source(DOT, CORRECT)
    assert still.passed, still.message
    return feedback


def test_infinite_loop(grader: Grader) -> None:
    feedback = grade(grader, "def dot(u, v):\n    while True:\n        pass\n")
    assert "did not finish within 1.5 s" in feedback.message


def test_infinite_loop_while_loading(grader: Grader) -> None:
    feedback = grade(grader, "while True:\n    pass\n")
    assert "did not finish loading" in feedback.message


def test_memory_bomb(grader: Grader) -> None:
    feedback = grade(grader, "def dot(u, v):\n    return bytearray(50 * 10**9)\n")
    assert "MemoryError" in feedback.message


def test_fork_bomb(grader: Grader) -> None:
    feedback = grade(grader, "import os\nwhile True:\n    os.fork()\n")
    assert "process" in feedback.message or "BlockingIOError" in feedback.message


def test_deep_recursion(grader: Grader) -> None:
    feedback = grade(grader, "def dot(u, v):\n    return dot(u, v)\n")
    assert "RecursionError" in feedback.message
    assert 'File "hostile.py", line 2, in dot' in feedback.message


def test_a_hundred_megabytes_of_output(grader: Grader) -> None:
    source = "import numpy as np\nprint('x' * 100_000_000)\n\ndef dot(u, v):\n    return u * v\n"
    feedback = grade(grader, source)
    assert "printed more than 100 kB" in feedback.message
    assert feedback.misconception == "elementwise-product"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import sys\nsys.exit(0)\n", "called sys.exit()"),
        ("import os\nos._exit(0)\n", "exited with status 0"),
    ],
)
def test_exiting_before_the_checks(grader: Grader, source: str, expected: str) -> None:
    assert expected in grade(grader, source).message


def test_killing_the_parent(grader: Grader) -> None:
    """The grader's process is not even visible: the submission has a PID namespace of its own
    (as an ordinary user it used to share the learner's uid, and could kill it)."""
    source = f"import os, signal\nos.kill({os.getpid()}, signal.SIGKILL)\n"
    feedback = grade(grader, source)
    assert "ProcessLookupError" in feedback.message


def test_ignoring_sigterm(grader: Grader) -> None:
    source = (
        "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "def dot(u, v):\n    while True:\n        pass\n"
    )
    assert "did not finish within" in grade(grader, source).message


def test_reading_the_reference_solution(grader: Grader) -> None:
    path = CHECKS_FILE / "03-dot-product.checks.py"
    assert path.exists()
    source = f"import os\nprint(os.listdir({str(CHECKS_FILE)!r}))\nopen({str(path)!r}).read()\n"
    feedback = grade(grader, source)
    assert "FileNotFoundError" in feedback.message


def test_reading_the_answer_key_through_git(grader: Grader) -> None:
    source = (
        "import subprocess\n"
        "shown = subprocess.run(['git', '-c', 'safe.directory=*', '-C', "
        f"{str(CHECKOUT)!r}, 'show', 'HEAD:{ANSWER_KEY}'], capture_output=True, text=True)\n"
        "raise RuntimeError(shown.stdout[:4000] + shown.stderr)\n"
    )
    feedback = grade(grader, source)
    assert "RuntimeError" in feedback.message
    assert "def reference" not in feedback.message and "class ImplementDot" not in feedback.message


def test_reading_the_answer_key_through_the_virtual_environment(grader: Grader) -> None:
    source = (
        "import os, sys\n"
        "up = os.path.join(sys.prefix, '..')\n"
        "try:\n"
        f"    text = open(os.path.join(up, {ANSWER_KEY!r})).read()\n"
        "except OSError as exc:\n"
        "    text = repr(exc)\n"
        "raise RuntimeError(f'{sorted(os.listdir(up))} {text[:4000]}')\n"
    )
    feedback = grade(grader, source)
    assert "RuntimeError" in feedback.message and "def reference" not in feedback.message
    assert "'.git'" not in feedback.message and "'README.md'" not in feedback.message


def test_code_does_not_outlive_its_grade(grader: Grader) -> None:
    """A daemon, a file in /run/lock and a SysV segment all vanish with the submission."""
    token = f"mlp-g{os.getpid() % 100000}"
    key = 0x6D670000 + os.getpid() % 0xFFFF
    source = (
        "import ctypes, os, time\n"
        f"ctypes.CDLL(None).shmget({key}, 1 << 20, 0o1000 | 0o600)\n"
        "for folder in ('/run/lock', '/var/tmp', '/dev/shm'):\n"
        "    try:\n"
        f"        open(folder + '/{token}', 'wb').write(b'x' * 1_000_000)\n"
        "    except OSError:\n"
        "        pass\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        open('/proc/self/comm', 'w').write({token!r})\n"
        "        while True:\n"
        "            time.sleep(0.1)\n"
        "    os._exit(0)\n"
        "time.sleep(0.3)\n"
    )
    grade(grader, source)
    assert _soon(lambda: not _processes_named(token)), "a daemon outlived the grade"
    assert _soon(lambda: key not in _shared_memory_keys()), "a SysV segment outlived the grade"
    left = [f for f in ("/run/lock", "/var/tmp", "/dev/shm") if os.path.exists(f"{f}/{token}")]
    assert left == []


def test_writing_to_the_learners_home(grader: Grader) -> None:
    target = Path.home() / f"mlpath-owned-{os.getpid()}.txt"
    feedback = grade(grader, f"open({str(target)!r}, 'w').write('x')\n")
    assert "Error" in feedback.message
    assert not target.exists()


def test_creating_a_user_namespace(grader: Grader) -> None:
    source = (
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "if libc.unshare(0x10000000) != 0:\n"
        "    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))\n"
    )
    assert "Operation not permitted" in grade(grader, source).message


def test_opening_a_network_connection(grader: Grader) -> None:
    source = "import socket\nsocket.create_connection(('127.0.0.1', 5432), timeout=2)\n"
    feedback = grade(grader, source)
    assert "Network is unreachable" in feedback.message or "OSError" in feedback.message


def test_writing_outside_the_scratch_directory(grader: Grader, tmp_path: Path) -> None:
    target = tmp_path / "owned.txt"
    tmp_path.chmod(0o777)  # even a world-writable folder outside is out of reach
    feedback = grade(grader, f"open({str(target)!r}, 'w').write('x')\n")
    assert "FileNotFoundError" in feedback.message or "PermissionError" in feedback.message
    assert not target.exists()


def test_monkeypatching_numpy_inside_the_submission(grader: Grader) -> None:
    source = (
        "import numpy as np\n"
        "np.allclose = lambda *args, **kwargs: True\n"
        "np.isclose = lambda a, b, **kwargs: np.ones(np.shape(a), dtype=bool)\n"
        "def dot(u, v):\n    return 0.0\n"
    )
    feedback = grade(grader, source)
    assert "expected" in feedback.message


def test_an_object_whose_eq_always_says_yes(grader: Grader) -> None:
    source = (
        "class Yes:\n    def __eq__(self, other):\n        return True\n"
        "    def __float__(self):\n        return 0.0\n"
        "def dot(u, v):\n    return Yes()\n"
    )
    feedback = grade(grader, source)
    assert "an object of type __main__.Yes" in feedback.message


def test_a_numpy_subclass(grader: Grader) -> None:
    source = (
        "import numpy as np\nclass Sneaky(np.ndarray):\n"
        "    def __eq__(self, other):\n        return True\n"
        "def dot(u, v):\n    return np.asarray(float(np.sum(u * v))).view(Sneaky)\n"
    )
    feedback = grade(grader, source)
    assert "a subclass of numpy.ndarray" in feedback.message


def _soon(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _processes_named(name: str) -> list[str]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and Path(f"/proc/{entry}/comm").read_text().strip() == name:
                found.append(entry)
        except OSError:
            continue
    return found


def _shared_memory_keys() -> set[int]:
    lines = Path("/proc/sysvipc/shm").read_text().splitlines()[1:]
    return {int(line.split()[0]) for line in lines if line.strip()}
