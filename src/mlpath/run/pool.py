"""Keyed, long-lived sessions for interactive use (a learner's cells on one lesson page).

State carries from cell to cell as in a notebook. A timer closes sessions idle for longer than
`idle_seconds`, and keeps the memory they hold within budget: a session over its own limit is
stopped, and while all of them together hold more than the total budget the least recently used
are stopped. The learner whose session was stopped is told on their next cell (`CellResult.notice`,
or `SessionPool.notice(key)`), so a NameError never comes without its reason.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Hashable
from dataclasses import dataclass

from mlpath.run._memory import MB, physical_memory, tree_memory
from mlpath.run.executor import Executor, OutputListener, Session
from mlpath.run.results import CellResult, Limits

# Notices kept for learners who have not come back yet; the oldest are forgotten past this.
MAX_NOTICES = 1000


def default_memory_budget_mb() -> int:
    """A quarter of the machine's memory (at least 1 GB) for all cell sessions together."""
    return max(1024, physical_memory() // 4 // MB)


@dataclass
class _Entry:
    session: Session
    used: float
    busy: int = 0


class SessionPool:
    """Sessions by key (a learner and a page), with idle, count and memory limits.

    Args:
        executor: where sessions are started.
        limits: each session's limits.
        idle_seconds: a session unused this long is closed.
        max_sessions: at most this many sessions; the least recently used make room.
        memory_budget_mb: memory all sessions together may hold (default: a quarter of RAM).
        session_memory_mb: memory one session may hold (default: `limits.memory_mb`).
        check_seconds: how often the timer looks at idle time and memory.
    """

    def __init__(
        self,
        executor: Executor,
        limits: Limits,
        idle_seconds: float = 900.0,
        max_sessions: int = 50,
        *,
        memory_budget_mb: int | None = None,
        session_memory_mb: int | None = None,
        check_seconds: float = 5.0,
    ) -> None:
        self._executor = executor
        self._limits = limits
        self._idle = idle_seconds
        self._max = max_sessions
        self.memory_budget = (memory_budget_mb or default_memory_budget_mb()) * MB
        self.session_memory = (session_memory_mb or limits.memory_mb) * MB
        self._sessions: dict[Hashable, _Entry] = {}
        self._notices: dict[Hashable, str] = {}
        self._starting: set[Hashable] = set()  # sessions being started for a cell
        self._stop_asked: set[Hashable] = set()  # Stop pressed while that session started
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._check = check_seconds
        self._timer = threading.Thread(target=self._watch, name="mlpath-pool", daemon=True)
        self._timer.start()

    def _session(self, key: Hashable) -> _Entry:
        with self._lock:
            found = self._sessions.get(key)
            if found is not None and found.session.alive:
                found.busy += 1
                found.used = time.monotonic()
                return found
            if found is not None:
                self._sessions.pop(key).session.close(wait=False)
            self._evict_oldest_locked(room_for=1)
            self._starting.add(key)
        # Starting a child takes milliseconds; other learners' cells must not wait for it.
        try:
            session = self._executor.session(self._limits)
        finally:
            with self._lock:
                self._starting.discard(key)
                stop_asked = key in self._stop_asked
                self._stop_asked.discard(key)
        if stop_asked:
            session.interrupt()  # held by the child until the cell starts, which it then stops
        with self._lock:
            raced = self._sessions.get(key)
            if raced is not None and raced.session.alive:
                session.close(wait=False)
                raced.busy += 1
                return raced
            entry = _Entry(session, time.monotonic(), busy=1)
            self._sessions[key] = entry
        return entry

    def run(
        self,
        key: Hashable,
        code: str,
        timeout: float | None = None,
        name: str | None = None,
        on_output: OutputListener | None = None,
    ) -> CellResult:
        """Run a cell in the session for `key` (started on first use, or after a crash);
        `on_output` sees its output while it runs (see `Session.run_cell`)."""
        entry = self._session(key)
        try:
            result = entry.session.run_cell(code, timeout, name, on_output)
        finally:
            with self._lock:
                entry.busy -= 1
                entry.used = time.monotonic()
        with self._lock:
            notice = self._notices.pop(key, None)
        return dataclasses.replace(result, notice=notice) if notice else result

    def interrupt(self, key: Hashable) -> bool:
        """Stop the cell running in `key`'s session (KeyboardInterrupt), keeping its state.
        False when no cell runs there."""
        with self._lock:
            entry = self._sessions.get(key)
            if (entry is None or not entry.session.alive) and key in self._starting:
                self._stop_asked.add(key)
                return True
        if entry is None or not entry.busy:
            return False
        entry.session.interrupt()
        return True

    def notice(self, key: Hashable) -> str | None:
        """Why the session for `key` was stopped, if it was and the learner was not told yet."""
        with self._lock:
            return self._notices.get(key)

    def restart(self, key: Hashable) -> None:
        with self._lock:
            found = self._sessions.pop(key, None)
            self._notices.pop(key, None)
        if found is not None:
            found.session.close(wait=False)

    def _stop_locked(self, key: Hashable, notice: str) -> None:
        self._sessions.pop(key).session.close(wait=False)
        self._notices[key] = notice
        while len(self._notices) > MAX_NOTICES:
            self._notices.pop(next(iter(self._notices)))

    def _evict_oldest_locked(self, room_for: int) -> None:
        """Make room for new sessions by closing the least recently used ones."""
        excess = len(self._sessions) + room_for - self._max
        if excess <= 0:
            return
        for key in sorted(self._sessions, key=lambda k: self._sessions[k].used)[:excess]:
            self._stop_locked(key, _stopped("to make room for other learners' sessions"))

    def collect(self) -> None:
        """Close idle sessions, then bring memory within the limits (the timer calls this)."""
        now = time.monotonic()
        with self._lock:
            for key, entry in list(self._sessions.items()):
                if not entry.busy and now - entry.used > self._idle:
                    minutes = f"{self._idle / 60:.3g} minutes"
                    self._stop_locked(key, _stopped(f"after {minutes} without use"))
            measured = list(self._sessions.items())
        # Reading /proc takes a while for many sessions: never under the lock.
        held = {key: tree_memory(entry.session.pid) for key, entry in measured}
        with self._lock:
            for key, entry in measured:
                if self._sessions.get(key) is entry and held[key] > self.session_memory:
                    self._stop_locked(
                        key,
                        _stopped(
                            f"because it held {held[key] // MB} MB, more than the "
                            f"{self.session_memory // MB} MB one session may use"
                        ),
                    )
            live = [(k, e) for k, e in measured if self._sessions.get(k) is e]
            total = sum(held[key] for key, _ in live)
            for key, _entry in sorted(live, key=lambda item: (item[1].busy > 0, item[1].used)):
                if total <= self.memory_budget:
                    break
                self._stop_locked(
                    key, _stopped("to free memory: the sessions on this machine held too much")
                )
                total -= held[key]

    def _watch(self) -> None:
        while not self._stop.wait(self._check):
            try:
                self.collect()
            except Exception:  # the timer must outlive one bad round (a session mid-close)
                continue

    def __len__(self) -> int:
        return len(self._sessions)

    def close(self) -> None:
        self._stop.set()
        self._timer.join(timeout=5)
        with self._lock:
            sessions = [entry.session for entry in self._sessions.values()]
            self._sessions.clear()
        for session in sessions:
            session.close()


def _stopped(why: str) -> str:
    return (
        f"Your earlier session was stopped {why}, so the variables and imports from your "
        "earlier cells are gone: run those cells again."
    )
