"""Keyed, long-lived sessions for interactive use (a learner's cells on one lesson page).

State carries from cell to cell as in a notebook; a session idle for longer than `idle_seconds`
is closed on the next access, and the oldest are closed when there are too many.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable

from mlpath.run.executor import Executor, Session
from mlpath.run.results import CellResult, Limits


class SessionPool:
    def __init__(
        self,
        executor: Executor,
        limits: Limits,
        idle_seconds: float = 900.0,
        max_sessions: int = 50,
    ) -> None:
        self._executor = executor
        self._limits = limits
        self._idle = idle_seconds
        self._max = max_sessions
        self._sessions: dict[Hashable, tuple[Session, float]] = {}
        self._lock = threading.Lock()

    def _session(self, key: Hashable) -> Session:
        with self._lock:
            self._reap_locked(time.monotonic(), keep=key)
            found = self._sessions.get(key)
            if found is not None and found[0].alive:
                self._sessions[key] = (found[0], time.monotonic())
                return found[0]
            if found is not None:
                self._sessions.pop(key)[0].close(wait=False)
            self._evict_oldest_locked(room_for=1)
        # Starting a child takes milliseconds; other learners' cells must not wait for it.
        session = self._executor.session(self._limits)
        with self._lock:
            raced = self._sessions.get(key)
            if raced is not None and raced[0].alive:
                session.close(wait=False)
                session = raced[0]
            self._sessions[key] = (session, time.monotonic())
        return session

    def run(self, key: Hashable, code: str, timeout: float | None = None) -> CellResult:
        """Run a cell in the session for `key` (started on first use, or after a crash)."""
        return self._session(key).run_cell(code, timeout)

    def restart(self, key: Hashable) -> None:
        with self._lock:
            found = self._sessions.pop(key, None)
        if found is not None:
            found[0].close(wait=False)

    def _reap_locked(self, now: float, keep: Hashable) -> None:
        """Close sessions idle for longer than the limit (never the one being asked for)."""
        for key in [k for k, (_, used) in self._sessions.items() if now - used > self._idle]:
            if key != keep:
                self._sessions.pop(key)[0].close(wait=False)

    def _evict_oldest_locked(self, room_for: int) -> None:
        """Make room for new sessions by closing the least recently used ones."""
        excess = len(self._sessions) + room_for - self._max
        if excess <= 0:
            return
        for key in sorted(self._sessions, key=lambda k: self._sessions[k][1])[:excess]:
            self._sessions.pop(key)[0].close(wait=False)

    def __len__(self) -> int:
        return len(self._sessions)

    def close(self) -> None:
        with self._lock:
            sessions = [s for s, _ in self._sessions.values()]
            self._sessions.clear()
        for session in sessions:
            session.close()
