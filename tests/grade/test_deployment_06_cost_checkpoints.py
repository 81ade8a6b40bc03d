"""The checkpoints of lesson 10-deployment/06 (dep.cost) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader
from tests.grade.submissions import (
    Code,
    Typed,
    assert_code_verdict,
    assert_typed_verdict,
    submission_id,
)

PER_1K = "dep.cost.per-1k"
MEMORY = "dep.cost.weights-memory"
KV = "dep.cost.kv-cache"

TYPED = [
    Typed(MEMORY, "7.6", True),
    Typed(MEMORY, "7.60", True),
    Typed(MEMORY, "76/10", True),
    Typed(MEMORY, "answer = 7.6e0", True),
    Typed(MEMORY, "15.2", False, "float32"),
    Typed(MEMORY, "3.8", False, "one-byte"),
    Typed(MEMORY, "60.8", False, "bits"),
    Typed(MEMORY, "7.08", False, "gibibytes"),
    # Bytes instead of gigabytes.
    Typed(MEMORY, "7.6e9", False, None),
    Typed(KV, "52.3", True),
    Typed(KV, "52.34491392", True),
    Typed(KV, "5.234e1", True),
    Typed(KV, "≈ 52.34", True),
    Typed(KV, "26.2", False, "one-factor-2"),
    Typed(KV, "104.7", False, "float32"),
    Typed(KV, "3.27", False, "one-request"),
    Typed(KV, "1.0", False, "one-head"),
    Typed(KV, "0.87", False, "one-layer"),
    Typed(KV, "48.75", False, "gibibytes"),
    # Megabytes instead of gigabytes.
    Typed(KV, "52345", False, None),
]

SIGNATURE = (
    "def cost_per_1k_requests(input_tokens, output_tokens, price_in_per_m, price_out_per_m):\n"
)

CODE = [
    # Per-token prices first, then a thousand requests.
    Code(
        PER_1K,
        SIGNATURE + "    usd_per_token_in = price_in_per_m / 1e6\n"
        "    usd_per_token_out = price_out_per_m / 1e6\n"
        "    per_request = input_tokens * usd_per_token_in + output_tokens * usd_per_token_out\n"
        "    return per_request * 1e3\n",
        True,
    ),
    # The factors folded: 1,000 requests / 1,000,000 tokens = divide by 1,000; in float32.
    Code(
        PER_1K,
        SIGNATURE + "    total = np.float32(input_tokens) * np.float32(price_in_per_m)\n"
        "    total += np.float32(output_tokens) * np.float32(price_out_per_m)\n"
        "    return total / np.float32(1000)\n",
        True,
    ),
    # Tokens and prices as vectors, their dot product.
    Code(
        PER_1K,
        SIGNATURE + "    tokens = np.array([input_tokens, output_tokens])\n"
        "    usd_per_token = np.array([price_in_per_m, price_out_per_m]) / 1e6\n"
        "    return 1000 * (tokens @ usd_per_token)\n",
        True,
    ),
    # Exact arithmetic with fractions.
    Code(
        PER_1K,
        "from fractions import Fraction\n\n"
        + SIGNATURE
        + "    cost = Fraction(input_tokens) * Fraction(str(price_in_per_m))\n"
        "    cost += Fraction(output_tokens) * Fraction(str(price_out_per_m))\n"
        "    return float(cost / 1000)\n",
        True,
    ),
    # A thousand requests added one by one.
    Code(
        PER_1K,
        "import math\n\n"
        + SIGNATURE
        + "    one = (input_tokens * price_in_per_m + output_tokens * price_out_per_m) / 1e6\n"
        "    return math.fsum(one for _ in range(1000))\n",
        True,
    ),
    Code(
        PER_1K,
        SIGNATURE + "    usd = input_tokens * price_in_per_m + output_tokens * price_out_per_m\n"
        "    return usd / 1000 * 1000\n",
        False,
        "price-per-thousand-tokens",
    ),
    Code(
        PER_1K,
        SIGNATURE + "    usd = input_tokens * price_in_per_m + output_tokens * price_out_per_m\n"
        "    return usd / 1_000_000\n",
        False,
        "per-request",
    ),
    Code(
        PER_1K,
        SIGNATURE + "    return input_tokens * price_in_per_m / 1000\n",
        False,
        "no-output",
    ),
    Code(
        PER_1K,
        SIGNATURE
        + "    return (input_tokens * price_out_per_m + output_tokens * price_in_per_m) / 1000\n",
        False,
        "swapped-prices",
    ),
    Code(
        PER_1K,
        SIGNATURE + "    return (input_tokens + output_tokens) * price_in_per_m / 1000\n",
        False,
        "one-price",
    ),
    # Tokens times prices with no division at all: the same number as prices per 1k tokens.
    Code(
        PER_1K,
        SIGNATURE + "    return input_tokens * price_in_per_m + output_tokens * price_out_per_m\n",
        False,
        "price-per-thousand-tokens",
    ),
    Code(
        PER_1K,
        SIGNATURE
        + "    return (input_tokens * price_in_per_m + output_tokens * price_out_per_m) / 1e9\n",
        False,
        None,
        says="1e-06 times the expected one",
    ),
    # Rounded to cents: the prompt asks for the unrounded cost.
    Code(
        PER_1K,
        SIGNATURE + "    usd = input_tokens * price_in_per_m + output_tokens * price_out_per_m\n"
        "    return round(usd / 1000, 2)\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
