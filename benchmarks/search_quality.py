"""Quality of course search: words (BM25), meaning (MiniLM) and both fused, side by side.

The query set is `benchmarks/search_queries.yaml`: questions learners ask, in their own words,
each labelled with the lesson sections that answer it (any one counts). For each way of
searching the script reports

* recall@5: the share of questions with an answering section among the first 5 results;
* MRR@10: the mean over questions of 1 / (rank of the first answering section), 0 when none is
  in the first 10.

Goals (issue 15): hybrid recall@5 >= 0.9, and hybrid >= words alone.

    .venv/bin/python benchmarks/search_quality.py            # builds the index (minutes) once
    .venv/bin/python benchmarks/search_quality.py --misses   # also list what each way missed

The meaning index is cached in `--home` (default: a folder under the system temp directory
named for this benchmark), so a second run takes seconds; it is rebuilt when lessons change.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

QUERIES = Path(__file__).with_name("search_queries.yaml")
MODES = ("words", "meaning", "hybrid")
DEPTH = 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "mlpath-bench")
    parser.add_argument("--misses", action="store_true", help="List each way's misses.")
    args = parser.parse_args()
    os.environ["MLPATH_HOME"] = str(args.home)

    from mlpath.core import Mlpath

    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    with Mlpath() as core:
        known = {f"{s.lesson_id}#{s.anchor}" for s in core.search_index.sections}
        unknown = [t for q in queries for t in q["targets"] if t not in known]
        if unknown:
            print(f"{QUERIES.name}: no such section: {', '.join(unknown)}", file=sys.stderr)
            return 1
        started = time.perf_counter()
        sections = core.build_search_index()
        print(
            f"{len(queries)} questions over {sections} sections "
            f"(index ready in {time.perf_counter() - started:.1f} s)\n"
        )
        print(f"{'search':<10}{'recall@5':>10}{'MRR@10':>10}")
        results = {}
        for mode in MODES:
            ranks = []
            for query in queries:
                hits = core.search(query["question"], DEPTH, mode=mode).hits
                found = [f"{h.section.lesson_id}#{h.section.anchor}" for h in hits]
                rank = next((i for i, key in enumerate(found, 1) if key in query["targets"]), 0)
                ranks.append(rank)
            recall = sum(1 for r in ranks if 0 < r <= 5) / len(ranks)
            mrr = sum(1 / r for r in ranks if r) / len(ranks)
            results[mode] = (recall, mrr, ranks)
            print(f"{mode:<10}{recall:>10.3f}{mrr:>10.3f}")
    if args.misses:
        for mode in MODES:
            missed = [
                q["question"]
                for q, r in zip(queries, results[mode][2], strict=True)
                if not 0 < r <= 5
            ]
            print(f"\n{mode} missed {len(missed)}:", *(f"  {m}" for m in missed), sep="\n")
    hybrid, words = results["hybrid"][0], results["words"][0]
    print(f"\nhybrid recall@5 {hybrid:.3f} (goal >= 0.9): {'MET' if hybrid >= 0.9 else 'NOT MET'}")
    print(f"hybrid >= words ({words:.3f}): {'MET' if hybrid >= words else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
