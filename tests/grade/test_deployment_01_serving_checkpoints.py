"""The checkpoints of lesson 10-deployment/01 (dep.serving) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from mlpath.course.parser import parse_lesson_file
from mlpath.grade.grader import Grader
from tests.grade.submissions import (
    Code,
    Typed,
    assert_code_verdict,
    assert_typed_verdict,
    submission_id,
)

LESSON = Path(__file__).resolve().parents[2] / "src/mlpath/curriculum/10-deployment/01-serving.md"
CONTRACT = "dep.serving.which-422"
SUMMARY = "dep.latency-cost.summary"
LITTLE = "dep.latency-cost.littles-law"
WHICH = "dep.latency-cost.which-latency"

TYPED = [
    Typed(CONTRACT, "d", True),
    Typed(CONTRACT, "D", True),
    Typed(CONTRACT, "d)", True),
    Typed(
        CONTRACT,
        '{"texts": "How do I read a p99 latency?"}: one text, not inside a list',
        True,
    ),
    Typed(CONTRACT, "a", False, "empty-text-rejected"),
    Typed(CONTRACT, "b", False, "cap-exclusive"),
    Typed(CONTRACT, "c", False, "cap-counts-words"),
    Typed(LITTLE, "≈ 40", True),
    Typed(LITTLE, "39.96", True),
    Typed(LITTLE, "40", True),
    Typed(LITTLE, "40.0 ", True),
    Typed(LITTLE, "6/150*1000", False, None, "single number"),  # an expression: unreadable
    Typed(LITTLE, "4e1", True),
    Typed(LITTLE, "120/3", True),
    Typed(LITTLE, "answer = 40.00", True),
    Typed(LITTLE, "900", False, "multiplied"),
    Typed(LITTLE, "0.04", False, "seconds"),
    Typed(LITTLE, "25", False, "inverted"),
    Typed(LITTLE, "4", False, None),
    Typed(WHICH, "b", True),
    Typed(WHICH, "B", True),
    Typed(WHICH, "(b)", True),
    Typed(
        WHICH,
        "About 1 request in 100 takes 240 ms or more, and about 5% of page loads include at "
        "least one such request: report p50 together with p95 and p99",
        True,
    ),
    Typed(WHICH, "a", False, "latency-is-p50"),
    Typed(WHICH, "c", False, "mean-shows-tail"),
    Typed(WHICH, "d", False, "p99-is-typical"),
]

# Every percentile definition a learner may pick, with the right throughput: all pass.
METHODS = ["nearest", "lower", "higher", "inverted_cdf", "closest_observation", "hazen"]

CODE = [
    *(
        Code(
            SUMMARY,
            "def latency_summary(latencies_ms):\n"
            f"    p = np.percentile(latencies_ms, [50, 95, 99], method={method!r})\n"
            "    return [*p, len(latencies_ms) / (np.sum(latencies_ms) / 1000)]\n",
            True,
        )
        for method in METHODS
    ),
    # statistics.quantiles with the 'inclusive' method (numpy's default definition).
    Code(
        SUMMARY,
        "import statistics\n"
        "def latency_summary(latencies_ms):\n"
        "    cuts = statistics.quantiles(latencies_ms, n=100, method='inclusive')\n"
        "    return [cuts[49], cuts[94], cuts[98], 1000 / statistics.mean(latencies_ms)]\n",
        True,
    ),
    # The mean as p50 is wrong whatever percentile definition gives p95 and p99.
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    p95, p99 = np.percentile(latencies_ms, [95, 99], method='nearest')\n"
        "    return [np.mean(latencies_ms), p95, p99, 1000 / np.mean(latencies_ms)]\n",
        False,
        "mean-as-p50",
    ),
    # Nearest rank, by hand: sorted() and the value at position ceil(p n / 100), counted from 1.
    Code(
        SUMMARY,
        "import math\n"
        "def latency_summary(latencies_ms):\n"
        "    s = sorted(float(v) for v in latencies_ms)\n"
        "    n = len(s)\n"
        "    pct = [s[math.ceil(p * n / 100) - 1] for p in (50, 95, 99)]\n"
        "    return pct + [n / (math.fsum(s) / 1000)]\n",
        True,
    ),
    # np.quantile with fractions and another method; throughput as 1000 / mean; a tuple.
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    q = np.quantile(latencies_ms, [0.5, 0.95, 0.99], method='weibull')\n"
        "    return (q[0], q[1], q[2], 1000 / np.mean(latencies_ms))\n",
        True,
    ),
    # float32 throughout, returned as an array.
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    x = np.asarray(latencies_ms, dtype=np.float32)\n"
        "    p = np.percentile(x, [50, 95, 99]).astype(np.float32)\n"
        "    seconds = x.sum(dtype=np.float32) / np.float32(1000)\n"
        "    return np.append(p, np.float32(len(x)) / seconds)\n",
        True,
    ),
    # A sorted index one position higher than position p/100 (n - 1): accepted, as stated.
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    s = np.sort(latencies_ms)\n"
        "    n = len(s)\n"
        "    out = [s[min(int(p / 100 * n), n - 1)] for p in (50, 95, 99)]\n"
        "    return out + [n / s.sum() * 1000]\n",
        True,
    ),
    # The standard library: statistics.quantiles (its 'exclusive' method) and fmean.
    Code(
        SUMMARY,
        "import statistics\n"
        "def latency_summary(latencies_ms):\n"
        "    cuts = statistics.quantiles(list(latencies_ms), n=100)\n"
        "    return [cuts[49], cuts[94], cuts[98], 1000 / statistics.fmean(latencies_ms)]\n",
        True,
    ),
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    p95, p99 = np.percentile(latencies_ms, [95, 99])\n"
        "    return [np.mean(latencies_ms), p95, p99, len(latencies_ms) / "
        "(np.sum(latencies_ms) / 1000)]\n",
        False,
        "mean-as-p50",
    ),
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    p50, p95, p99 = np.percentile(latencies_ms, [50, 95, 99])\n"
        "    return [p50, p95, p99, 1000 / p50]\n",
        False,
        "throughput-from-median",
    ),
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    p50, p95, p99 = np.percentile(latencies_ms, [50, 95, 99])\n"
        "    return [p50, p95, p99, 1 / np.mean(latencies_ms)]\n",
        False,
        "throughput-per-ms",
    ),
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    p = np.percentile(latencies_ms, [0.5, 0.95, 0.99])\n"
        "    return list(p) + [len(latencies_ms) * 1000 / np.sum(latencies_ms)]\n",
        False,
        "fractions-as-percents",
    ),
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    n = len(latencies_ms)\n"
        "    p = [latencies_ms[int(q * (n - 1))] for q in (0.5, 0.95, 0.99)]\n"
        "    return p + [n / (np.sum(latencies_ms) / 1000)]\n",
        False,
        "unsorted",
    ),
    # Percentiles converted to seconds as well: wrong, and no known mistake matches.
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n"
        "    x = np.asarray(latencies_ms) / 1000\n"
        "    return list(np.percentile(x, [50, 95, 99])) + [len(x) / x.sum()]\n",
        False,
        None,
    ),
    # The starter.
    Code(
        SUMMARY,
        "def latency_summary(latencies_ms):\n    ...\n",
        False,
        None,
        "returned None",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)


def test_the_request_bodies_get_the_status_the_contract_checkpoint_says() -> None:
    """The four bodies of dep.serving.which-422, posted to the lesson's own endpoint (its first
    cell), get 200, 200, 200 and 422: only option d breaks the contract."""
    from fastapi.testclient import TestClient

    lesson: dict[str, object] = {}
    exec(parse_lesson_file(LESSON).cells[0].code, lesson)
    model = lesson["model"]
    article = " ".join(["latency"] * 3000)
    # The tokenizer cuts a 3,000-word article at 256 tokens, as the feedback of option c says.
    assert model.tokenize([article])[1].shape[1] == 256  # type: ignore[attr-defined]
    client = TestClient(lesson["app"])  # type: ignore[arg-type]
    bodies = [
        {"texts": [""]},
        {"texts": ["What is a p99 latency?"] * 32},
        {"texts": [article] * 32},
        {"texts": "How do I read a p99 latency?"},
    ]
    statuses = []
    for index, body in enumerate(bodies):
        if index == 2:  # 32 x 256 tokens take seconds to embed; the status needs no vectors
            lesson["model"] = SimpleNamespace(encode=lambda texts: np.zeros((len(texts), 384)))
        statuses.append(client.post("/embed", json=body).status_code)
        lesson["model"] = model
    assert statuses == [200, 200, 200, 422]
