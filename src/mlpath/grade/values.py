"""Plain-data values on the grader's side, rebuilt with exact type checks, and compared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mlpath.grade.encoding import decode_number

DTYPES = {
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "float32",
    "float64",
}


class BadData(ValueError):
    """What came back from the sandbox is not well-formed plain data."""


@dataclass(frozen=True)
class Value:
    """A decoded value: `kind` is number, array, sequence, text, none or other.

    Numbers and arrays (and lists of numbers) carry `array`, a float64 numpy array built here.
    """

    kind: str
    array: np.ndarray | None = None
    text: str | None = None
    type_name: str = ""
    items: tuple[Value, ...] = ()

    def describe(self) -> str:
        if self.kind == "array" and self.array is not None:
            return f"an array of shape {self.array.shape}"
        if self.kind == "number":
            return "a single number"
        if self.kind == "none":
            return "None"
        if self.kind == "text":
            return "a string"
        if self.kind == "sequence":
            return f"a {self.type_name} of {len(self.items)} items"
        return f"an object of type {self.type_name}"


def decode(data: Any) -> Value:
    """Rebuild a `Value` from `encode`'s output, rejecting anything malformed."""
    if not isinstance(data, dict) or type(data.get("t")) is not str:
        raise BadData("expected an encoded value")
    tag = data["t"]
    if tag == "none":
        return Value("none")
    if tag in ("bool", "int", "float", "npscalar"):
        raw = data.get("v")
        number = float(raw) if tag == "bool" and type(raw) is bool else decode_number(raw)
        name = str(data.get("dtype", tag))
        return Value("number", array=np.array(number, dtype=np.float64), type_name=name)
    if tag == "ndarray":
        shape = data.get("shape")
        dtype = data.get("dtype")
        flat = data.get("v")
        if (
            not isinstance(shape, list)
            or not all(type(n) is int and n >= 0 for n in shape)
            or dtype not in DTYPES
            or not isinstance(flat, list)
            or len(flat) != int(np.prod(shape, dtype=np.int64))
        ):
            raise BadData("malformed array")
        array = np.array([decode_number(x) for x in flat], dtype=np.float64).reshape(shape)
        kind = "number" if array.ndim == 0 else "array"
        return Value(kind, array=array, type_name=f"ndarray[{dtype}]")
    if tag in ("list", "tuple"):
        raw_items = data.get("v")
        if not isinstance(raw_items, list):
            raise BadData("malformed sequence")
        items = tuple(decode(item) for item in raw_items)
        return Value("sequence", array=_as_array(items), type_name=tag, items=items)
    if tag == "str":
        text = data.get("v")
        if type(text) is not str:
            raise BadData("malformed string")
        return Value("text", text=text, type_name="str")
    if tag == "other":
        type_name = data.get("type")
        subclass = data.get("subclass_of")
        name = str(type_name)[:200]
        if subclass == "numpy.ndarray":
            name += " (a subclass of numpy.ndarray)"
        return Value("other", type_name=name)
    raise BadData(f"unknown tag {tag!r}")


def _as_array(items: tuple[Value, ...]) -> np.ndarray | None:
    """A list of numbers (or of equal-length lists of numbers) as an array, else None."""
    if not items:
        return np.zeros(0)
    if all(item.kind == "number" for item in items):
        return np.array([float(item.array) for item in items if item.array is not None])
    arrays = [item.array for item in items]
    if all(a is not None for a in arrays):
        shapes = {a.shape for a in arrays if a is not None}
        if len(shapes) == 1:
            return np.stack([a for a in arrays if a is not None])
    return None


def numeric(value: Value) -> np.ndarray | None:
    """The value as a float array when it is numeric (number, array, list of numbers)."""
    return value.array if value.kind in ("number", "array", "sequence") else None


# The tolerance a result computed in lower precision earns: float32 carries about 7 significant
# digits, so a correct float32 dot product or cosine differs from float64 around 1e-7 to 1e-6.
_LOW_PRECISION = {"float32": (2e-5, 1e-6), "float16": (2e-3, 1e-3)}


def tolerances(value: Value, rtol: float, atol: float) -> tuple[float, float]:
    """The tolerance to compare `value` with: at least what its own precision allows."""
    dtype = value.type_name.removeprefix("ndarray[").removesuffix("]")
    low_rtol, low_atol = _LOW_PRECISION.get(dtype, (0.0, 0.0))
    if value.kind == "sequence":
        for item in value.items:
            item_rtol, item_atol = tolerances(item, 0.0, 0.0)
            low_rtol, low_atol = max(low_rtol, item_rtol), max(low_atol, item_atol)
    return max(rtol, low_rtol), max(atol, low_atol)


def same(a: Value, b: Value, rtol: float, atol: float) -> bool:
    """Equal as the grader means it: numerically close (within what the lower precision of the
    two allows), or equal text, or both None; lists that are not one array (of strings, of
    arrays of different shapes) item by item."""
    x, y = numeric(a), numeric(b)
    if x is not None and y is not None:
        rtol, atol = tolerances(b, *tolerances(a, rtol, atol))
        return x.shape == y.shape and bool(np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True))
    if a.kind == "sequence" and b.kind == "sequence":
        return len(a.items) == len(b.items) and all(
            same(i, j, rtol, atol) for i, j in zip(a.items, b.items, strict=True)
        )
    if a.kind == "text" and b.kind == "text":
        return a.text == b.text
    return a.kind == b.kind == "none"
