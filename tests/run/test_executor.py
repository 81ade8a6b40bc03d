"""The executor against real child processes: state, capture, limits and crashes."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from mlpath.errors import ExecutorError
from mlpath.run import Executor, Limits
from mlpath.run.executor import CellRequest


def test_a_session_keeps_state_and_shows_the_trailing_expression(executor: Executor) -> None:
    with executor.session() as session:
        first = session.run_cell("x = 20\nprint('set')")
        second = session.run_cell("x + 22")
        hidden = session.run_cell("x + 1;")
        none = session.run_cell("None")
    assert first.stdout == "set\n" and first.value is None
    assert second.value == "42"
    assert hidden.value is None
    assert none.value is None


def test_sessions_do_not_share_state(executor: Executor) -> None:
    with executor.session() as one:
        one.run_cell("secret = 1")
    with executor.session() as two:
        result = two.run_cell("secret")
    assert result.error is not None and result.error.type_name == "NameError"


def test_stdout_and_stderr_keep_their_order(executor: Executor) -> None:
    with executor.session() as session:
        result = session.run_cell("import sys\nprint('a')\nprint('b', file=sys.stderr)\nprint('c')")
    assert result.streams == (("stdout", "a\n"), ("stderr", "b\n"), ("stdout", "c\n"))
    assert result.stdout == "a\nc\n" and result.stderr == "b\n"


def test_output_is_streamed_while_the_cell_runs(executor: Executor) -> None:
    heard: list[tuple[str, str, bool]] = []
    finished = threading.Event()

    def on_output(stream: str, text: str) -> None:
        heard.append((stream, text, finished.is_set()))

    code = "import time\nfor i in range(3):\n    print(i)\n    time.sleep(0.3)\nprint('done')"
    with executor.session() as session:
        result = session.run_cell(code, on_output=on_output)
        finished.set()
        plain = session.run_cell("print('not streamed')")
    assert result.stdout == "0\n1\n2\ndone\n"  # the reply still holds everything
    assert heard and heard[0][:2] == ("stdout", "0\n")
    # Each print came a sleep after the last, so each was sent at once, before the reply.
    assert [text for _, text, _ in heard[:3]] == ["0\n", "1\n", "2\n"]
    assert not any(after for _, _, after in heard)
    assert plain.stdout == "not streamed\n"


def test_a_burst_of_prints_is_streamed_in_few_messages_and_stop_cuts_none(
    executor: Executor,
) -> None:
    heard: list[str] = []
    with executor.session() as session:
        stopper = threading.Timer(0.5, session.interrupt)
        stopper.start()
        result = session.run_cell(
            "i = 0\nwhile True:\n    print(i)\n    i += 1", on_output=lambda _, t: heard.append(t)
        )
        stopper.join()
        after = session.run_cell("i > 0")
        alive = session.alive
    assert result.error is not None and result.error.type_name == "KeyboardInterrupt"
    assert 1 <= len(heard) < 100  # throttled to one message per 0.1 s, not one per line
    streamed = "".join(heard)
    assert result.stdout.startswith(streamed)  # every message arrived whole, in order
    assert after.value == "True" and alive


def test_exceptions_come_back_with_the_cells_own_frames_only(executor: Executor) -> None:
    with executor.session() as session:
        result = session.run_cell("def f():\n    return 1 / 0\nf()")
    assert result.error is not None
    assert result.error.summary == "ZeroDivisionError: division by zero"
    assert result.error.is_a("ArithmeticError")
    assert 'File "<cell 1>", line 2, in f' in result.error.traceback
    assert "mlpath" not in result.error.traceback


def test_sys_exit_is_an_exception_not_a_crash(executor: Executor) -> None:
    with executor.session() as session:
        result = session.run_cell("import sys\nsys.exit(3)")
        after = session.run_cell("1 + 1")
    assert result.error is not None and result.error.type_name == "SystemExit"
    assert after.value == "2"


def test_figures_are_returned_as_png(executor: Executor) -> None:
    with executor.session() as session:
        result = session.run_cell(
            "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()"
        )
        again = session.run_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3]);")
    assert len(result.figures) == 1
    assert result.figures[0].startswith(b"\x89PNG")
    assert again.figures == result.figures  # same drawing, same bytes: no timestamps


def test_a_python_loop_is_stopped_by_the_cell_timeout(executor: Executor) -> None:
    with executor.session() as session:
        result = session.run_cell("while True:\n    pass", timeout=0.5)
        after = session.run_cell("'still alive'")
    assert result.error is not None and result.error.type_name == "TimeoutError"
    assert "0.5 s" in result.error.summary
    assert after.value == "'still alive'"


def test_code_that_blocks_the_alarm_is_killed(executor: Executor) -> None:
    code = (
        "import signal\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "while True: pass"
    )
    with executor.session() as session:
        result = session.run_cell(code, timeout=0.3)
        after = session.run_cell("1")
    assert result.crash is not None and "limit and was killed" in result.crash
    assert after.not_run


def test_a_huge_allocation_hits_the_memory_limit(executor: Executor) -> None:
    with executor.session(Limits(memory_mb=256)) as session:
        result = session.run_cell("import numpy as np\nx = np.ones(50 * 10**9, dtype=np.uint8)")
        small = session.run_cell("import numpy as np\nnp.ones(1000).sum()")
    assert result.error is not None and result.error.is_a("MemoryError")
    assert small.value == "np.float64(1000.0)"


def test_a_segfault_is_reported_and_other_children_continue(executor: Executor) -> None:
    programs = [
        [CellRequest("import ctypes\nctypes.string_at(0)"), CellRequest("print('never')")],
        [CellRequest("import os\nos._exit(7)")],
        [CellRequest("print('fine')")],
    ]
    results = dict(executor.run_programs(programs))
    assert results[0].crash is not None and "SIGSEGV" in results[0].crash
    assert results[0].cells[1].not_run
    assert results[1].crash is not None and "status 7" in results[1].crash
    assert results[2].crash is None and results[2].cells[0].stdout == "fine\n"


def test_output_is_capped(executor: Executor) -> None:
    with executor.session(Limits(output_bytes=1000)) as session:
        result = session.run_cell("for i in range(100_000):\n    print('x' * 100)")
    assert result.truncated
    assert len(result.stdout) == 1000


def test_cpu_limit_kills_a_runaway_session(executor: Executor) -> None:
    with executor.session(Limits(cpu_seconds=1, timeout=30)) as session:
        result = session.run_cell("while True:\n    pass", timeout=20)
    assert result.crash is not None and "SIGXCPU" in result.crash


def test_children_run_with_a_fixed_scrubbed_environment(
    executor: Executor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLPATH_DATABASE_URL", "postgresql://secret")
    code = (
        "import os, time, numpy as np\n"
        "print(sorted(k for k in os.environ if 'DATABASE' in k))\n"
        "print(os.environ['PYTHONHASHSEED'], os.environ['OPENBLAS_NUM_THREADS'], time.tzname[0])\n"
        "print(np.get_printoptions()['precision'], os.getcwd().startswith('/'))"
    )
    with Executor(jobs=1) as fresh, fresh.session() as session:
        result = session.run_cell(code)
    assert result.stdout == "[]\n0 1 UTC\n8 True\n"


def test_blas_is_pinned_to_one_thread(executor: Executor) -> None:
    with executor.session() as session:
        result = session.run_cell(
            "from threadpoolctl import threadpool_info\n"
            "sorted({i['num_threads'] for i in threadpool_info()})"
        )
    assert result.value == "[1]"


def test_each_session_works_in_its_own_scratch_directory(executor: Executor) -> None:
    with executor.session() as session:
        where = session.run_cell("import os\nopen('note.txt', 'w').write('x')\nos.getcwd()")
    assert where.value is not None
    folder = Path(where.value.strip("'"))
    assert folder.name.startswith("mlpath-cell-")
    assert not folder.exists()  # removed when the session closed


def test_the_spawn_fallback_runs_the_same_protocol() -> None:
    with Executor(jobs=1, mode="spawn") as spawned, spawned.session() as session:
        result = session.run_cell("import numpy as np\nprint(np.arange(3) @ np.arange(3))")
        pid = session.pid
    assert result.stdout == "5\n"
    assert pid != os.getpid()


def test_children_inherit_a_frozen_heap_and_a_loaded_font_list(tmp_path: Path) -> None:
    """What the zygote loaded is frozen, so a child's first full collection does not walk it;
    matplotlib's font list is loaded, so a sandboxed child never rebuilds it."""
    with (
        Executor(jobs=1, cache_dir=tmp_path / "fresh-cache") as fresh,
        fresh.session(Limits(sandbox=True)) as session,
    ):
        result = session.run_cell(
            "import gc, sys\n"
            "print(gc.get_freeze_count() > 10_000)\n"
            "print('matplotlib.font_manager' in sys.modules)\n"
        )
    assert result.stdout == "True\nTrue\n", result
    assert list((tmp_path / "fresh-cache" / "matplotlib").glob("fontlist-*.json"))


def test_a_cell_cannot_stretch_its_limit_by_trickling_bytes_into_its_socket(
    executor: Executor,
) -> None:
    """The wall-clock limit is one deadline for the reply, not a timeout per read."""
    code = (
        "import os, signal, socket, stat, time\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
        "fds = [int(f) for f in os.listdir('/proc/self/fd')]\n"
        "fd = next(f for f in fds if f > 2 and stat.S_ISSOCK(os.fstat(f).st_mode))\n"
        "channel = socket.socket(fileno=fd)\n"
        "channel.sendall((1000).to_bytes(4, 'big'))\n"
        "for _ in range(40):\n"
        "    channel.send(b' ')\n"
        "    time.sleep(0.5)\n"
    )
    with executor.session() as session:
        result = session.run_cell(code, timeout=1)
    assert result.timed_out, result
    # Killed at its deadline (1 s + the 2 s grace), not after the 20 s of trickling.
    assert result.duration < 10, result.duration


def _stop_then_start_a_session(executor: Executor, stop: signal.Signals) -> str | None:
    """Break the zygote with `stop`, then check that a new session still starts (on a fresh
    zygote); return what a session started before says afterwards."""
    with executor.session() as before:
        before.run_cell("x = 1")
        zygote = executor._ensure_launcher().pid  # type: ignore[attr-defined]
        os.kill(zygote, stop)
        started: list[str] = []

        def start() -> None:
            with executor.session() as after:
                started.append(str(after.run_cell("6 * 7").value))

        thread = threading.Thread(target=start, daemon=True)
        thread.start()
        thread.join(timeout=90)
        assert started == ["42"], "a new session never started"
        earlier = before.run_cell("x").value
    assert executor._ensure_launcher().pid != zygote  # type: ignore[attr-defined]
    return earlier


def test_a_stopped_zygote_is_replaced_instead_of_hanging_every_new_session(
    tmp_path: Path,
) -> None:
    with Executor(jobs=1, cache_dir=tmp_path, control_timeout=1.0) as fresh:
        # A stopped zygote's sessions talk to the executor directly: they keep working.
        assert _stop_then_start_a_session(fresh, signal.SIGSTOP) == "1"


def test_a_dead_zygote_is_replaced(tmp_path: Path) -> None:
    with Executor(jobs=1, cache_dir=tmp_path, control_timeout=1.0) as fresh:
        # Its children die with it (they must not outlive the process that reaps them).
        assert _stop_then_start_a_session(fresh, signal.SIGKILL) is None


def test_a_closed_executor_starts_nothing_and_its_late_reaps_start_no_zygote(
    tmp_path: Path,
) -> None:
    executor = Executor(jobs=1, cache_dir=tmp_path)
    session = executor.session()
    launcher = executor._launcher
    assert launcher is not None
    zygote = launcher._zygote  # type: ignore[attr-defined]
    executor.close()
    session.close(wait=False)  # reaped in the background, after its zygote is gone
    for thread in threading.enumerate():
        if thread.name == "mlpath-reap":
            thread.join(timeout=30)
    executor.start()  # a server's background start that lost the race to its close
    assert executor._launcher is None
    assert launcher._zygote is zygote  # type: ignore[attr-defined]  # none started by the reap
    with pytest.raises(ExecutorError):
        executor.session()
