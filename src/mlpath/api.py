"""`mlpath.check` for notebooks and scripts: the same feedback as `mlpath check`."""

from __future__ import annotations

import atexit
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlpath.core import Mlpath
    from mlpath.grade.grader import Feedback

_core: Mlpath | None = None


def _shared() -> Mlpath:
    """One warm core object per Python process, so checks after the first take milliseconds."""
    global _core
    if _core is None:
        from mlpath.core import Mlpath

        _core = Mlpath()
        atexit.register(_core.close)
    return _core


def _in_ipython() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


def check(checkpoint_id: str, answer: Any) -> Feedback | None:
    """Grade `answer` (a function, or a value for numeric, choice and predict checkpoints).

    The function is graded by its source code in the sandbox; it is never called here. In
    Jupyter the feedback is displayed as HTML; elsewhere it is printed as text and returned.
    """
    core = _shared()
    if callable(answer):
        attempt = core.check_function(checkpoint_id, answer)
    else:
        attempt = core.check_value(checkpoint_id, answer)
    for warning in [attempt.warning, *core.warnings]:
        if warning:
            print(f"warning: {warning}")
    if _in_ipython():
        from IPython.display import display

        display(attempt.feedback)  # type: ignore[no-untyped-call]
    else:
        print(attempt.feedback.text)
    for note in attempt.notes():
        print(note)
    return None if _in_ipython() else attempt.feedback
