"""Hostile submissions: each is contained, gets a clear message, and leaves the grader working.

Every submission runs in a real sandboxed child (namespaces, user nobody, rlimits) exactly as a
learner's would; afterwards the grader must still grade a correct solution.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mlpath.grade.grader import Feedback, Grader

DOT = "la.dot-product.implement"
CORRECT = "import numpy as np\n\ndef dot(u, v):\n    return float(np.sum(u * v))\n"
CHECKS_FILE = Path(__file__).resolve().parents[2] / "src/mlpath/curriculum/02-linear-algebra"


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
    source = (
        f"import os, signal\nos.kill({os.getpid()}, signal.SIGKILL)\n"
        "os.kill(os.getppid(), signal.SIGKILL)\n"
    )
    feedback = grade(grader, source)
    assert "PermissionError" in feedback.message


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
