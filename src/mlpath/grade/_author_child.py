"""Runs inside a child process: the checkpoint author's code, called on the grader's behalf.

Every function here returns a JSON string (the value of the cell that calls it), built only from
`encode`'s plain data, so the grader reads it the same way it reads a learner's results.
"""

from __future__ import annotations

import json
import traceback
from pathlib import Path
from typing import Any

import numpy as np

from mlpath.grade.encoding import decode_arg, encode
from mlpath.grade.loader import import_checks
from mlpath.grade.model import Checkpoint

_loaded: dict[str, Checkpoint] = {}


def load(path: str, checkpoint_id: str) -> str:
    """Import the checkpoint's file (once per child) and find the checkpoint in it."""
    found = {
        value.id: value
        for value in import_checks(Path(path), 0).values()
        if isinstance(value, Checkpoint)
    }
    if checkpoint_id not in found:
        return json.dumps({"error": f"{path} defines no checkpoint '{checkpoint_id}'"})
    _loaded[checkpoint_id] = found[checkpoint_id]
    return json.dumps({"ok": True})


def _failure(exc: BaseException) -> dict[str, Any]:
    summary = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return {"ok": False, "summary": summary, "traceback": traceback.format_exc(limit=-3)}


def cases(checkpoint_id: str, seeds: list[int]) -> str:
    """Edge cases, then the generated cases of every seed (marking the hidden ones)."""
    checkpoint = _loaded[checkpoint_id]
    found: list[dict[str, Any]] = [
        {"args": [encode(arg) for arg in args], "hidden": False} for args in checkpoint.edge_cases
    ]
    assert checkpoint.cases is not None
    for seed in seeds:
        generated = list(checkpoint.cases(np.random.default_rng(seed)))
        visible = len(generated) - checkpoint.hidden
        for index, args in enumerate(generated):
            found.append({"args": [encode(arg) for arg in args], "hidden": index >= visible})
    return json.dumps({"cases": found})


def _function(checkpoint: Checkpoint, which: str) -> Any:
    if which == "reference":
        return checkpoint.reference
    if which == "solve":
        return checkpoint.solve
    return next(m.variant for m in checkpoint.misconceptions if m.id == which)


def call_on_cases(checkpoint_id: str, which: str, cases_json: str) -> str:
    """The reference's (or a variant's) result on every case, each called on fresh arguments."""
    function = _function(_loaded[checkpoint_id], which)
    results = []
    for case in json.loads(cases_json):
        try:
            value = function(*[decode_arg(arg) for arg in case])
        except Exception as exc:
            results.append(_failure(exc))
            continue
        results.append({"ok": True, "value": encode(value)})
    return json.dumps({"results": results})


def answer(checkpoint_id: str, which: str) -> str:
    """`solve()` (or a variant) of a numeric or choice checkpoint."""
    function = _function(_loaded[checkpoint_id], which)
    try:
        return json.dumps({"results": [{"ok": True, "value": encode(function())}]})
    except Exception as exc:
        return json.dumps({"results": [_failure(exc)]})
