"""Docs are tested: every command and setting is documented, and the README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from mlpath.cli import app
from mlpath.config import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in commands:
        assert f"`mlpath {name}" in README, f"mlpath {name} is not documented in README.md"


def test_every_command_the_readme_names_exists() -> None:
    commands = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    for name in re.findall(r"(?:`|bin/)mlpath (\w+)", README):
        assert name in commands, f"README.md names 'mlpath {name}', which does not exist"


def test_every_setting_is_documented() -> None:
    settings_doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for field in Settings.__dataclass_fields__:
        assert f"`MLPATH_{field.upper()}`" in settings_doc, field


def test_the_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
