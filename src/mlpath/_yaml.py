"""YAML loading through libyaml where PyYAML has it: the pure-Python parser takes ~0.25 s on
the concept list, most of the time a CLI command spends."""

from __future__ import annotations

from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """Like `yaml.safe_load`; raises `yaml.YAMLError` (with marks) on bad input."""
    return yaml.load(text, Loader=_Loader)
