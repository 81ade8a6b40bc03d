"""Settings, read in one place: environment variable > config file > default.

`MLPATH_HOME` moves all user state (cache, database, config file). Other settings may be given as
environment variables (`MLPATH_JOBS`) or in `$MLPATH_HOME/config.toml` (`jobs = 2`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from mlpath.errors import ConfigError
from mlpath.run.results import Limits

T = TypeVar("T")


def home() -> Path:
    """The folder holding all of a user's mlpath state."""
    explicit = os.environ.get("MLPATH_HOME")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("mlpath", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Every field is documented in docs/settings.md."""

    home: Path
    jobs: int
    cell_timeout: float
    memory_mb: int
    output_bytes: int
    web_cell_timeout: float = 10.0
    web_memory_mb: int = 1024
    web_sessions: int = 50
    web_idle_minutes: float = 15.0
    # 0: a quarter of the machine's memory.
    web_memory_budget_mb: int = 0
    grade_memory_mb: int = 512
    grade_output_bytes: int = 100_000
    search_meaning: bool = True

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def lesson_limits(self) -> Limits:
        """Limits for verifying a lesson (trusted course code)."""
        return Limits(
            timeout=self.cell_timeout, memory_mb=self.memory_mb, output_bytes=self.output_bytes
        )

    @property
    def web_cell_limits(self) -> Limits:
        """Limits for a learner's cells in the web app (sandboxed by the core object)."""
        return Limits(
            timeout=self.web_cell_timeout,
            memory_mb=self.web_memory_mb,
            cpu_seconds=300,
            output_bytes=200_000,
        )

    @property
    def grade_limits(self) -> Limits:
        """Limits for a graded submission (a checkpoint's own `timeout` applies per check)."""
        return Limits(
            timeout=5.0,
            memory_mb=self.grade_memory_mb,
            cpu_seconds=30,
            output_bytes=self.grade_output_bytes,
        )


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise ValueError("must be a positive integer")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError("must be 0 or a positive integer")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise ValueError("must be a positive number")
    return value


def _boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError("must be true or false")


def _read_file(path: Path) -> Mapping[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}). Fix or delete the file.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: cannot be read ({exc}). Fix its permissions or delete it."
        ) from exc


def _setting(
    name: str,
    parse: Callable[[str], T],
    default: T,
    file_values: Mapping[str, Any],
    config_path: Path,
) -> T:
    env_key = f"MLPATH_{name.upper()}"
    if env_key in os.environ:
        raw, origin = os.environ[env_key], f"environment variable {env_key}"
    elif name in file_values:
        raw, origin = str(file_values[name]), f"'{name}' in {config_path}"
    else:
        return default
    try:
        return parse(raw)
    except ValueError as exc:
        raise ConfigError(f"{origin} has the bad value {raw!r}: {exc}.") from exc


def load_settings() -> Settings:
    """Read the settings now (tests change the environment between calls)."""
    root = home()
    config_path = root / "config.toml"
    values = _read_file(config_path)
    return Settings(
        home=root,
        jobs=_setting("jobs", _positive_int, os.cpu_count() or 1, values, config_path),
        cell_timeout=_setting("cell_timeout", _positive_float, 30.0, values, config_path),
        memory_mb=_setting("memory_mb", _positive_int, 2048, values, config_path),
        output_bytes=_setting("output_bytes", _positive_int, 1_000_000, values, config_path),
        web_cell_timeout=_setting("web_cell_timeout", _positive_float, 10.0, values, config_path),
        web_memory_mb=_setting("web_memory_mb", _positive_int, 1024, values, config_path),
        web_sessions=_setting("web_sessions", _positive_int, 50, values, config_path),
        web_idle_minutes=_setting("web_idle_minutes", _positive_float, 15.0, values, config_path),
        web_memory_budget_mb=_setting(
            "web_memory_budget_mb", _non_negative_int, 0, values, config_path
        ),
        grade_memory_mb=_setting("grade_memory_mb", _positive_int, 512, values, config_path),
        grade_output_bytes=_setting(
            "grade_output_bytes", _positive_int, 100_000, values, config_path
        ),
        search_meaning=_setting("search_meaning", _boolean, True, values, config_path),
    )
