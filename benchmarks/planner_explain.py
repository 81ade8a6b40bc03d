"""Time the planner (`mlpath why`) and `mlpath explain` on the full concept graph.

Goal (issue 4): each under 100 ms. Measured in-process after the catalog and the code map are
loaded (what a warm web app or a long-lived session pays), and as whole CLI commands (what a
learner typing `mlpath why attention` waits, interpreter start included), medians over rounds.

    .venv/bin/python benchmarks/planner_explain.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "tests" / "explain" / "data" / "tutorial.py"
TARGETS = [
    "attention",
    "gradient descent",
    "cosine similarity",
    "cross-entropy",
    "PCA",
    "precision recall",
    "rag.pipeline",
    "tf.block",
]


def timed(function: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{name:<44} p50 {statistics.median(ordered):8.2f} ms   p99 {p99:8.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="mlpath-bench-")
    os.environ["MLPATH_HOME"] = home

    from mlpath.config import load_settings
    from mlpath.explain import explain_file, load_code_map
    from mlpath.learn.model import LearnerModel

    model = LearnerModel(load_settings())
    known = model.known()
    code_map = load_code_map()
    from mlpath.learn.planner import load_aliases, plan

    aliases = load_aliases(model.catalog.root)
    lines = [
        f"{len(model.catalog.concepts)} concepts, {len(code_map.calls)} code-map calls; "
        f"{args.rounds} rounds; Python {sys.version.split()[0]}",
        "",
    ]
    plan_samples = timed(
        lambda: [plan(t, model.catalog, known, "engineering", aliases) for t in TARGETS],
        args.rounds,
    )
    per_target = [s / len(TARGETS) for s in plan_samples]
    explain_samples = timed(lambda: explain_file(TUTORIAL, code_map), args.rounds)
    known_samples = timed(model.known, args.rounds)
    lines.append(summary("planner: one target (in-process)", per_target))
    lines.append(summary("learner's known concepts (store read)", known_samples))
    lines.append(summary(f"explain {TUTORIAL.name} (in-process)", explain_samples))
    model.close()

    mlpath = str(Path(sys.executable).with_name("mlpath"))
    env = {**os.environ, "MLPATH_HOME": home}
    cli_rounds = max(3, args.rounds // 10)
    why_cli = timed(
        lambda: subprocess.run(
            [mlpath, "why", "attention"], env=env, capture_output=True, check=True
        ),
        cli_rounds,
    )
    explain_cli = timed(
        lambda: subprocess.run(
            [mlpath, "explain", str(TUTORIAL)], env=env, capture_output=True, check=True
        ),
        cli_rounds,
    )
    help_cli = timed(
        lambda: subprocess.run([mlpath, "--help"], env=env, capture_output=True, check=True),
        cli_rounds,
    )
    lines.append(summary("CLI: mlpath why attention (whole process)", why_cli))
    lines.append(summary("CLI: mlpath explain tutorial.py (whole)", explain_cli))
    lines.append(summary("CLI: mlpath --help (interpreter floor)", help_cli))
    lines.append("")
    for name, samples in (("planner", per_target), ("explain", explain_samples)):
        p50 = statistics.median(samples)
        verdict = "MET" if p50 < 100 else "NOT MET"
        lines.append(
            f"verdict: {name} p50 {p50:.2f} ms = {p50 / 100:.3f}x the 100 ms budget: {verdict}"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
