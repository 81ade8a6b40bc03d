"""The code that runs *inside* the sandbox after the learner's code: it calls the learner's
function on each case and returns the results as a JSON string of plain data.

Nothing here is trusted on the way back: the learner's code ran first in the same process and
could have changed anything. The grader validates what comes back (`values.decode`).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from mlpath.grade.values import BadData

_ENCODING_SOURCE = (Path(__file__).parent / "encoding.py").read_text(encoding="utf-8")
# The learner's code is the second cell of a grading session, after the harness definitions.
LEARNER_CELL = "<cell 2>"

_DRIVER = """
import json as _mlpath_json, traceback as _mlpath_tb

def _mlpath_error(exc):
    frames = [f for f in _mlpath_tb.extract_tb(exc.__traceback__) if f.filename == LEARNER]
    text = "".join(_mlpath_tb.format_list(frames)) if frames else ""
    summary = "".join(_mlpath_tb.format_exception_only(type(exc), exc)).strip()
    return {"ok": False, "error": type(exc).__name__, "summary": summary, "traceback": text}

def _mlpath_run(mode, name, cases, repeat=False):
    if mode == "answer":
        if "answer" not in globals():
            return _mlpath_json.dumps({"missing": "answer"})
        return _mlpath_json.dumps({"results": [{"ok": True, "value": encode(globals()["answer"])}]})
    function = globals().get(name)
    if not callable(function):
        return _mlpath_json.dumps({"missing": name})
    results = []
    for case in cases:
        args = [decode_arg(arg) for arg in case]
        try:
            value = encode(function(*args))
            again = encode(function(*[decode_arg(arg) for arg in case])) if repeat else value
        except (Exception, KeyboardInterrupt, SystemExit) as exc:  # the learner's, per case
            results.append(_mlpath_error(exc))
            continue
        results.append({"ok": True, "value": value, "repeatable": again == value})
    return _mlpath_json.dumps({"results": results})
"""


def harness_definitions() -> str:
    """The encoder and the driver, defined in a fresh session before the learner's code runs."""
    return (
        _ENCODING_SOURCE.replace("from __future__ import annotations\n", "")
        + f"\nLEARNER = {LEARNER_CELL!r}\n"
        + _DRIVER
    )


def driver_call(
    mode: str, function: str, cases: list[list[dict[str, Any]]], repeat: bool = False
) -> str:
    """The cell run after the learner's code (cases already encoded); its value is the JSON
    answer. With `repeat`, each case is called twice and the results compared."""
    encoded_cases = json.dumps(cases)
    return f"_mlpath_run({mode!r}, {function!r}, _mlpath_json.loads({encoded_cases!r}), {repeat})\n"


def parse_reply(value_repr: str | None) -> dict[str, Any]:
    """The driver's trailing value (the repr of a JSON string) as a dict, or BadData."""
    if value_repr is None:
        raise BadData("the harness returned nothing")
    try:
        text = ast.literal_eval(value_repr)
        data = json.loads(text) if isinstance(text, str) else None
    except (ValueError, SyntaxError, json.JSONDecodeError) as exc:
        raise BadData(f"unreadable harness reply: {exc}") from exc
    if not isinstance(data, dict):
        raise BadData("the harness reply is not an object")
    return data
