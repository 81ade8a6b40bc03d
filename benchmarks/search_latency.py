"""Latency of course search, warm: words (BM25 in SQLite FTS5), meaning (MiniLM) and hybrid.

Builds the meaning index of the whole course from scratch in a fresh `MLPATH_HOME` (timed: the
one-off cost a learner pays on first search), then times `Mlpath.search` for every question of
`benchmarks/search_queries.yaml`, `--rounds` times over, after one untimed warm-up round. Word
search is the peer measured in the same run: hybrid's cost is also given as a ratio to it.

Goal (issue 15, these 2 cores): hybrid warm query p50 < 50 ms.

    .venv/bin/python benchmarks/search_latency.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

QUERIES = Path(__file__).with_name("search_queries.yaml")
P50_GOAL_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mlpath-search-latency-"))
    os.environ["MLPATH_HOME"] = str(home)
    from mlpath.core import Mlpath

    questions = [q["question"] for q in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))]
    try:
        with Mlpath() as core:
            started = time.perf_counter()
            sections = core.build_search_index()
            build = time.perf_counter() - started
            print(f"index build: {sections} sections in {build:.1f} s (once per course change)\n")
            timings: dict[str, list[float]] = {"words": [], "meaning": [], "hybrid": []}
            for round_number in range(args.rounds + 1):
                for mode, samples in timings.items():
                    for question in questions:
                        before = time.perf_counter()
                        core.search(question, 10, mode=mode)  # type: ignore[arg-type]
                        if round_number:  # round 0 warms up
                            samples.append((time.perf_counter() - before) * 1000)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"{'search':<10}{'n':>6}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    p50 = {}
    for mode, samples in timings.items():
        p50[mode] = statistics.median(samples)
        p90, p99 = np.percentile(samples, [90, 99])
        print(
            f"{mode:<10}{len(samples):>6}{p50[mode]:>10.1f}{p90:>10.1f}{p99:>10.1f}"
            f"{max(samples):>10.1f}"
        )
    print(f"\nhybrid p50 / words p50: {p50['hybrid'] / p50['words']:.1f}x")
    met = "MET" if p50["hybrid"] < P50_GOAL_MS else "NOT MET"
    print(f"hybrid warm p50 {p50['hybrid']:.1f} ms (goal < {P50_GOAL_MS:.0f} ms): {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
