"""Values as plain data: what crosses from a sandboxed child back to the grader.

This module is also sent, as source, into the sandbox, where it turns what the learner's code
returned into JSON. The grader never trusts that JSON: `decode` rebuilds values with exact type
checks, so a lying `__eq__`, a numpy subclass or a monkeypatched numpy in the child can only ever
produce plain numbers, strings and lists here, and an "other" marker for anything else.
"""

from __future__ import annotations

import math
from typing import Any

MAX_DEPTH = 4
MAX_ITEMS = 100_000
_EXACT_NUMBERS = {"fractions.Fraction", "decimal.Decimal"}
_TENSORS = {"torch.Tensor", "torch.nn.parameter.Parameter"}


def _number(value: float) -> Any:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def encode(value: Any, depth: int = 0) -> dict[str, Any]:
    """Describe a value with plain JSON types, looking only at exact types."""
    import numpy as np

    kind = type(value)
    if value is None:
        return {"t": "none"}
    if kind is bool:
        return {"t": "bool", "v": value}
    if kind is int:
        return {"t": "int", "v": value if abs(value) < 2**53 else float(value)}
    if kind is float:
        return {"t": "float", "v": _number(value)}
    if kind is str:
        return {"t": "str", "v": value[:10_000]}
    if f"{kind.__module__}.{kind.__qualname__}" in _EXACT_NUMBERS:
        return {"t": "float", "v": _number(float(value))}  # Fraction(3, 8) is the number 0.375
    if f"{kind.__module__}.{kind.__qualname__}" in _TENSORS and depth < MAX_DEPTH:
        # A PyTorch tensor (or parameter) is graded as the array it holds.
        return encode(value.detach().cpu().numpy(), depth + 1)
    if kind is np.ndarray and value.dtype.kind in "biuf" and value.size <= MAX_ITEMS:
        flat = [_number(float(x)) for x in value.ravel().tolist()]
        return {"t": "ndarray", "dtype": str(value.dtype), "shape": list(value.shape), "v": flat}
    if isinstance(value, np.generic) and kind.__module__ == "numpy" and value.dtype.kind in "biuf":
        return {"t": "npscalar", "dtype": str(value.dtype), "v": _number(float(value))}
    if kind in (list, tuple) and depth < MAX_DEPTH and len(value) <= MAX_ITEMS:
        return {"t": kind.__name__, "v": [encode(item, depth + 1) for item in value]}
    subclass_of = "numpy.ndarray" if isinstance(value, np.ndarray) else None
    return {
        "t": "other",
        "type": f"{kind.__module__}.{kind.__qualname__}",
        "subclass_of": subclass_of,
    }


def decode_number(raw: Any) -> float:
    if isinstance(raw, str) and raw in ("nan", "inf", "-inf"):
        return float(raw)
    if type(raw) in (int, float) and type(raw) is not bool:
        return float(raw)
    raise ValueError(f"not a number: {raw!r}")


def decode_arg(data: Any) -> Any:
    """An argument as the function under test receives it, rebuilt from `encode`'s output.

    Used on both sides: in the sandbox to call the learner's function, and in the grader to
    show a case and check invariants. Arguments are course data, so only what `encode` makes of
    numbers, arrays, strings and lists of them comes back.
    """
    import numpy as np

    tag = data["t"]
    if tag == "ndarray":
        flat = [decode_number(x) for x in data["v"]]
        return np.array(flat, dtype=data["dtype"]).reshape(data["shape"])
    if tag in ("list", "tuple"):
        items = [decode_arg(item) for item in data["v"]]
        return items if tag == "list" else tuple(items)
    if tag == "npscalar":
        return np.dtype(data["dtype"]).type(decode_number(data["v"]))
    if tag == "float":
        return decode_number(data["v"])
    return data.get("v")
