"""The session pool keeps idle time and memory within bounds on its own timer, and tells the
learner whose session it stopped."""

from __future__ import annotations

import time
from collections.abc import Callable

from mlpath.course.catalog import curriculum_root
from mlpath.run import Executor, Limits
from mlpath.run.pool import SessionPool

CELLS = Limits(sandbox=True, memory_mb=1024, timeout=20, hidden_paths=(str(curriculum_root()),))
# Touches every page, so the memory is really held (not just reserved).
HOLD_150_MB = "import numpy as np\nblock = np.ones(150 * 2**20 // 8)\nblock.sum() > 0"


def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_an_idle_session_is_closed_by_the_timer_and_its_learner_told(executor: Executor) -> None:
    pool = SessionPool(executor, CELLS, idle_seconds=0.5, check_seconds=0.1)
    try:
        assert pool.run("learner", "x = 1").ok
        # No other cell runs: the timer alone must close it.
        assert wait_for(lambda: len(pool) == 0), "the idle session was never closed"
        after = pool.run("learner", "x")
    finally:
        pool.close()
    assert after.error is not None and after.error.type_name == "NameError"
    assert after.notice is not None and "without use" in after.notice


def test_the_least_recently_used_session_is_stopped_when_memory_runs_over_budget(
    executor: Executor,
) -> None:
    # The timer is tested above; here its round is called directly, at a known moment.
    pool = SessionPool(
        executor, CELLS, memory_budget_mb=400, session_memory_mb=1024, check_seconds=3600
    )
    try:
        assert pool.run("first", HOLD_150_MB).value == "np.True_"
        assert pool.run("second", HOLD_150_MB).value == "np.True_"
        pool.collect()
        assert pool.notice("first") is None, "stopped while within budget"
        assert pool.run("third", HOLD_150_MB).value == "np.True_"
        pool.collect()
        assert pool.notice("first") is not None, "nothing was stopped"
        assert pool.notice("second") is None and pool.notice("third") is None
        told = pool.run("first", "block")
        kept = pool.run("third", "block.size")
    finally:
        pool.close()
    assert told.notice is not None and "free memory" in told.notice
    assert told.error is not None and told.error.type_name == "NameError"
    assert kept.value == str(150 * 2**20 // 8)


def test_a_session_over_its_own_memory_limit_is_stopped(executor: Executor) -> None:
    pool = SessionPool(executor, CELLS, session_memory_mb=100, check_seconds=3600)
    try:
        assert pool.run("greedy", HOLD_150_MB).ok
        assert pool.run("modest", "y = 1").ok
        pool.collect()
        assert pool.notice("greedy") is not None, "the session was not stopped"
        told = pool.run("greedy", "1 + 1")
        modest = pool.run("modest", "y")
    finally:
        pool.close()
    assert told.notice is not None and "more than the 100 MB" in told.notice
    assert told.value == "2"
    assert modest.value == "1" and modest.notice is None


def test_stop_pressed_while_the_session_starts_or_between_cells_stops_the_next_cell_only(
    executor: Executor,
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    pool = SessionPool(executor, CELLS)
    try:
        with ThreadPoolExecutor(1) as background:
            running = background.submit(pool.run, "learner", "kept = 7\nwhile True:\n    pass")
            # Pressed before the session is even up: the loop must still stop, not time out.
            assert wait_for(lambda: pool.interrupt("learner") or running.done(), 30)
            first = running.result(timeout=30)
        assert first.error is not None and first.error.type_name == "KeyboardInterrupt"
        second = pool.run("learner", "answer = 6 * 7\nanswer")  # the session goes on
        stopped_idle = pool.interrupt("learner")  # nothing runs: no effect on the next cell
        third = pool.run("learner", "answer")
    finally:
        pool.close()
    assert second.value == "42" and not stopped_idle and third.value == "42"
