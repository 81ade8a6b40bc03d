"""What the grader counts as the same result, on values encoded as a submission's would be."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from mlpath.grade.encoding import encode
from mlpath.grade.values import decode, same


def _same(a: Any, b: Any) -> bool:
    return same(decode(encode(a)), decode(encode(b)), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    ("answer", "expected", "verdict"),
    [
        (["hello", "##world"], ["hello", "##world"], True),
        (("hello", "##world"), ["hello", "##world"], True),
        (["hello", "world"], ["hello", "##world"], False),
        (["hello"], ["hello", "##world"], False),
        # arrays of different shapes: no single array, compared item by item
        ([np.ones(2), np.zeros(3)], [np.ones(2), np.zeros(3)], True),
        ([np.ones(2, dtype=np.float32), [0, 0, 0]], [np.ones(2), np.zeros(3)], True),
        ([np.ones(2), np.ones(3)], [np.ones(2), np.zeros(3)], False),
        ([1.0, "a"], [1.0 + 1e-12, "a"], True),
        ([1.0, "a"], [2.0, "a"], False),
    ],
)
def test_lists_that_are_not_one_array_compare_item_by_item(
    answer: Any, expected: Any, verdict: bool
) -> None:
    assert _same(answer, expected) is verdict


def test_a_list_of_strings_names_the_first_item_that_differs() -> None:
    from mlpath.grade.diagnose import shape_problem

    expected = decode(encode(["un", "##believ", "##able"]))
    got = decode(encode(["un", "believ", "##able"]))
    assert shape_problem(expected, got) == "item 1 differs: expected '##believ', got 'believ'"
