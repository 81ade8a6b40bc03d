"""`mlpath.check` for notebooks and scripts: the same feedback as `mlpath check`."""

from __future__ import annotations

import atexit
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlpath.grade.grader import Feedback, Grader

_grader: Grader | None = None


def _shared_grader() -> Grader:
    """One warm grader per Python process, so checks after the first take milliseconds."""
    global _grader
    if _grader is None:
        from mlpath.grade.grader import Grader

        _grader = Grader()
        atexit.register(_grader.close)
    return _grader


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
    grader = _shared_grader()
    if callable(answer):
        feedback = grader.check_function(checkpoint_id, answer)
        submitted = getattr(answer, "__name__", "function")
    else:
        feedback = grader.check_answer(checkpoint_id, answer)
        submitted = repr(answer)
    from mlpath.config import load_settings
    from mlpath.learn.model import record_attempt

    warning = record_attempt(
        load_settings(), checkpoint_id, feedback.passed, feedback.misconception, submitted
    )
    if warning:
        print(f"warning: {warning}")
    if _in_ipython():
        from IPython.display import display

        display(feedback)  # type: ignore[no-untyped-call]
        return None
    print(feedback.text)
    return feedback
