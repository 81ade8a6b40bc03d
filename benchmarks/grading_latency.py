"""Latency of grading a checkpoint: a warm `Grader` against a fresh `mlpath check` process.

What is measured
----------------
For each of the six pilot checkpoints (`src/mlpath/curriculum/02-linear-algebra/*.checks.py`)
the script holds three realistic submissions: one correct, one wrong in a way the checkpoint
names as a misconception, and one wrong in another way (no `return`, an exception, an answer that
is not one of the options, ...). Every result is checked: a submission that does not get the
`passed` and misconception expected of it is reported as FAILED and the script exits 1, because a
grader that gives wrong answers must not report numbers.

* **warm**: one `Grader()` in this process. An untimed warm-up pass over every submission starts
  the zygote and computes the reference values; then `--rounds` rounds (default 30) grade every
  submission again, each `Grader.check_source` call timed with `time.perf_counter`.
* **baseline** (same run, after the warm grader is closed): what a learner gets without a warm
  grader, `mlpath check CHECKPOINT_ID FILE --json` as a fresh process per check (interpreter
  start, imports, checkpoint loading, zygote start and grading), timed as wall clock over
  `--baseline-runs` checks (default 10) spread over the checkpoints. If this mlpath has no
  `check` command, a `python -c` that builds a fresh `Grader()` and grades once is used instead;
  the output says which.

It reports p50, p90, p99, max and mean in milliseconds (warm: overall, per checkpoint and per
submission; baseline: overall), the ratio baseline p50 / warm p50, and a verdict for the goals:
warm p50 under 25 ms and warm p99 under 100 ms. Percentiles interpolate linearly between the
sorted samples (as numpy's default does).

All mlpath state goes to a temporary `MLPATH_HOME`, removed at the end.

Run it from the repository root (about 70 seconds on 2 cores):

    .venv/bin/python benchmarks/grading_latency.py
    .venv/bin/python benchmarks/grading_latency.py --rounds 10 --baseline-runs 6   # quicker
    .venv/bin/python benchmarks/grading_latency.py --json                         # numbers as JSON
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

P50_GOAL_MS = 25.0
P99_GOAL_MS = 100.0
SUBPROCESS_TIMEOUT = 120.0

PILOT_CHECKPOINTS = (
    "la.vectors.mean-gap",
    "la.vectors.predict-shape",
    "la.dot-product.implement",
    "la.dot-product.iris-score",
    "la.matmul.implement",
    "la.matmul.shape-rule",
)


@dataclass(frozen=True)
class Submission:
    """A learner's file for one checkpoint, and the verdict the grader must give it."""

    checkpoint: str
    label: str
    source: str
    passed: bool
    misconception: str | None = None

    @property
    def name(self) -> str:
        return f"{self.checkpoint}/{self.label}"

    @property
    def expected(self) -> str:
        if self.passed:
            return "passed"
        return f"not passed, misconception {self.misconception}"


SUBMISSIONS: tuple[Submission, ...] = (
    # la.vectors.mean-gap (implement)
    Submission(
        "la.vectors.mean-gap",
        "correct",
        "import numpy as np\n\n\ndef mean_gap(a, b):\n    return float(np.mean(np.abs(a - b)))\n",
        passed=True,
    ),
    Submission(
        "la.vectors.mean-gap",
        "no-abs",
        "import numpy as np\n\n\ndef mean_gap(a, b):\n    return np.mean(a - b)\n",
        passed=False,
        misconception="no-absolute-value",
    ),
    Submission(
        "la.vectors.mean-gap",
        "no-return",
        "import numpy as np\n\n\ndef mean_gap(a, b):\n    gaps = np.abs(a - b)\n"
        "    np.mean(gaps)\n",
        passed=False,
    ),
    # la.vectors.predict-shape (predict): X[0] has shape (4,), X[:, [2]] has shape (3, 1)
    Submission(
        "la.vectors.predict-shape",
        "correct",
        'answer = """\n(4,)\n(3, 1)\n"""\n',
        passed=True,
    ),
    Submission(
        "la.vectors.predict-shape",
        "list-drops-axis",
        'answer = """\n(4,)\n(3,)\n"""\n',
        passed=False,
        misconception="list-index-drops-axis",
    ),
    Submission(
        "la.vectors.predict-shape",
        "whole-matrix",
        'answer = """\n(3, 4)\n(3, 1)\n"""\n',
        passed=False,
    ),
    # la.dot-product.implement (implement, no np.dot or @)
    Submission(
        "la.dot-product.implement",
        "correct",
        "def dot(u, v):\n    total = 0.0\n    for a, b in zip(u, v):\n        total += a * b\n"
        "    return total\n",
        passed=True,
    ),
    Submission(
        "la.dot-product.implement",
        "elementwise",
        "import numpy as np\n\n\ndef dot(u, v):\n    return u * v\n",
        passed=False,
        misconception="elementwise-product",
    ),
    Submission(
        "la.dot-product.implement",
        "off-by-one-raises",
        "def dot(u, v):\n    return sum(u[i] * v[i] for i in range(len(u) + 1))\n",
        passed=False,
    ),
    # la.dot-product.iris-score (numeric): flower 50 is (7.0, 3.2, 4.7, 1.4), score 13.2
    Submission(
        "la.dot-product.iris-score",
        "correct",
        "import numpy as np\nfrom sklearn.datasets import load_iris\n\n"
        "x = load_iris().data[50]\nw = np.array([1.0, -1.0, 2.0, 0.0])\nanswer = x @ w\n",
        passed=True,
    ),
    Submission(
        "la.dot-product.iris-score",
        "unweighted",
        "answer = 7.0 + 3.2 + 4.7 + 1.4\n",
        passed=False,
        misconception="ignored-weights",
    ),
    Submission(
        "la.dot-product.iris-score",
        "weight-dropped",
        "answer = 7.0 - 3.2 + 4.7\n",
        passed=False,
    ),
    # la.matmul.implement (implement, no @ or np.dot)
    Submission(
        "la.matmul.implement",
        "correct",
        "import numpy as np\n\n\ndef matmul(A, B):\n    m, p = A.shape[0], B.shape[1]\n"
        "    C = np.zeros((m, p))\n    for i in range(m):\n        for j in range(p):\n"
        "            C[i, j] = np.sum(A[i, :] * B[:, j])\n    return C\n",
        passed=True,
    ),
    Submission(
        "la.matmul.implement",
        "elementwise",
        "def matmul(A, B):\n    return A * B\n",
        passed=False,
        misconception="elementwise-product",
    ),
    Submission(
        "la.matmul.implement",
        "wrong-shape",
        "import numpy as np\n\n\ndef matmul(A, B):\n    n = A.shape[0]\n    C = np.zeros((n, n))\n"
        "    for i in range(n):\n        for j in range(n):\n"
        "            C[i, j] = np.sum(A[i, :] * B[:, j])\n    return C\n",
        passed=False,
    ),
    # la.matmul.shape-rule (choice): a) (5, 3)  b) (4, 4)  c) (5, 4)  d) it raises an error
    Submission("la.matmul.shape-rule", "correct", "answer = 'a'\n", passed=True),
    Submission(
        "la.matmul.shape-rule",
        "inner-kept",
        "answer = 'b'\n",
        passed=False,
        misconception="inner-sizes-kept",
    ),
    Submission("la.matmul.shape-rule", "says-error", "answer = 'd'\n", passed=False),
)

# The baseline when this mlpath has no `check` command: a fresh Grader per process.
FALLBACK_CHECK = """\
import json, sys
from pathlib import Path
from mlpath.grade.grader import Grader
path = Path(sys.argv[2])
with Grader() as grader:
    feedback = grader.check_source(sys.argv[1], path.read_text(encoding="utf-8"), path.name)
print(json.dumps(feedback.to_dict()))
sys.exit(0 if feedback.passed else 1)
"""


class BenchmarkFailed(Exception):
    """The grader gave a wrong verdict, or a check could not run."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0..100), interpolating linearly between the sorted samples."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(samples_ms: list[float]) -> dict[str, float]:
    return {
        "n": len(samples_ms),
        "p50": percentile(samples_ms, 50),
        "p90": percentile(samples_ms, 90),
        "p99": percentile(samples_ms, 99),
        "max": max(samples_ms),
        "mean": statistics.fmean(samples_ms),
    }


def verdict_problem(
    submission: Submission, passed: bool, misconception: str | None, message: str
) -> str | None:
    """What is wrong with the grader's verdict on a submission, or None."""
    if passed == submission.passed and misconception == submission.misconception:
        return None
    got = "passed" if passed else f"not passed, misconception {misconception}"
    first = message.strip().splitlines()[0] if message.strip() else ""
    return f"{submission.name}: expected {submission.expected}; got {got} ({first!r})"


# ---------------------------------------------------------------------------------------------
# Warm: one Grader in this process
# ---------------------------------------------------------------------------------------------


def measure_warm(rounds: int) -> tuple[dict[str, list[float]], float]:
    """Per submission name, the latencies (ms) of the timed rounds; and the warm-up seconds."""
    from mlpath.grade.grader import Grader

    timings: dict[str, list[float]] = {s.name: [] for s in SUBMISSIONS}
    started = time.perf_counter()
    with Grader() as grader:
        missing = [c for c in PILOT_CHECKPOINTS if c not in grader.checkpoints]
        if missing:
            raise BenchmarkFailed(f"checkpoints not found: {', '.join(missing)}")
        for submission in SUBMISSIONS:  # warm-up: zygote start, reference values
            feedback = grader.check_source(submission.checkpoint, submission.source)
            problem = verdict_problem(
                submission, feedback.passed, feedback.misconception, feedback.message
            )
            if problem:
                raise BenchmarkFailed(f"warm-up: {problem}")
        warmup = time.perf_counter() - started
        log(f"warm: warm-up pass took {warmup:.2f} s; timing {rounds} rounds")
        for number in range(rounds):
            for submission in SUBMISSIONS:
                start = time.perf_counter()
                feedback = grader.check_source(submission.checkpoint, submission.source)
                elapsed = time.perf_counter() - start
                problem = verdict_problem(
                    submission, feedback.passed, feedback.misconception, feedback.message
                )
                if problem:
                    raise BenchmarkFailed(f"round {number + 1}: {problem}")
                timings[submission.name].append(elapsed * 1000.0)
    return timings, warmup


# ---------------------------------------------------------------------------------------------
# Baseline: a fresh process per check
# ---------------------------------------------------------------------------------------------


def mlpath_executable() -> Path:
    return Path(sys.executable).with_name("mlpath")


def has_check_command() -> bool:
    executable = mlpath_executable()
    if not executable.exists():
        return False
    result = subprocess.run(
        [str(executable), "check", "--help"],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
        env=dict(os.environ),
    )
    return result.returncode == 0


def baseline_order(runs: int) -> list[Submission]:
    """`runs` submissions, round-robin over the checkpoints, then over each one's submissions."""
    by_checkpoint = {c: [s for s in SUBMISSIONS if s.checkpoint == c] for c in PILOT_CHECKPOINTS}
    chosen: list[Submission] = []
    for index in range(runs):
        checkpoint = PILOT_CHECKPOINTS[index % len(PILOT_CHECKPOINTS)]
        options = by_checkpoint[checkpoint]
        chosen.append(options[(index // len(PILOT_CHECKPOINTS)) % len(options)])
    return chosen


def measure_baseline(runs: int, folder: Path) -> tuple[str, list[tuple[str, float]]]:
    """The command used and, per run, (submission name, wall-clock ms)."""
    if has_check_command():
        mode = "mlpath check ID FILE --json (fresh process per check)"

        def command(checkpoint: str, path: Path) -> list[str]:
            return [str(mlpath_executable()), "check", checkpoint, str(path), "--json"]

    else:
        mode = "python -c 'Grader().check_source(...)' (no `mlpath check`; fresh process per check)"

        def command(checkpoint: str, path: Path) -> list[str]:
            return [sys.executable, "-c", FALLBACK_CHECK, checkpoint, str(path)]

    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)  # carries the temporary MLPATH_HOME
    samples: list[tuple[str, float]] = []
    for index, submission in enumerate(baseline_order(runs)):
        path = folder / f"{index:02d}_{submission.label.replace('-', '_')}.py"
        path.write_text(submission.source, encoding="utf-8")
        argv = command(submission.checkpoint, path)
        start = time.perf_counter()
        result = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_TIMEOUT,
            check=False,
            env=env,
            cwd=folder,
        )
        elapsed = time.perf_counter() - start
        if result.returncode not in (0, 1):
            detail = (result.stderr or result.stdout).strip()[-800:]
            raise BenchmarkFailed(
                f"baseline: `{' '.join(argv[:3])} ...` on {submission.name} exited "
                f"{result.returncode}:\n{detail}"
            )
        try:
            data = json.loads(result.stdout.strip().splitlines()[-1])
        except (json.JSONDecodeError, IndexError) as exc:
            raise BenchmarkFailed(
                f"baseline: {submission.name}: output is not JSON: {result.stdout[-400:]!r}"
            ) from exc
        passed = bool(data.get("passed"))
        if passed != (result.returncode == 0):
            raise BenchmarkFailed(
                f"baseline: {submission.name}: exit code {result.returncode} but "
                f"JSON passed={data.get('passed')!r}"
            )
        problem = verdict_problem(
            submission, passed, data.get("misconception"), str(data.get("message", ""))
        )
        if problem:
            raise BenchmarkFailed(f"baseline: {problem}")
        samples.append((submission.name, elapsed * 1000.0))
        log(f"baseline: {index + 1}/{runs} {submission.name}: {elapsed * 1000.0:.0f} ms")
    return mode, samples


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def row(label: str, stats: dict[str, float], width: int) -> str:
    numbers = "".join(f"{stats[k]:>10.1f}" for k in ("p50", "p90", "p99", "max", "mean"))
    return f"{label:<{width}}{int(stats['n']):>6}{numbers}"


def header(title: str, width: int) -> list[str]:
    names = "".join(f"{k:>10}" for k in ("p50", "p90", "p99", "max", "mean"))
    line = f"{title:<{width}}{'n':>6}{names}"
    return [line, "-" * len(line)]


def goal_line(name: str, value: float, goal: float) -> str:
    met = "MET" if value < goal else "NOT MET"
    return f"{name}: {value:.1f} ms (goal < {goal:g} ms): {met}"


def print_report(report: dict[str, Any]) -> None:
    warm = report["warm"]
    baseline = report["baseline"]
    width = 46
    lines = [
        f"mlpath grading latency: {report['machine']}",
        f"warm: one Grader, {report['rounds']} rounds x {len(SUBMISSIONS)} submissions "
        f"on {len(PILOT_CHECKPOINTS)} checkpoints (warm-up pass {warm['warmup_s']:.2f} s, "
        "not timed)",
        f"baseline: {baseline['mode']}",
        "all times in ms",
        "",
        *header("warm, by checkpoint", width),
    ]
    lines += [row(name, stats, width) for name, stats in warm["per_checkpoint"].items()]
    lines.append(row("warm, all checks", warm["overall"], width))
    lines.append("")
    lines += header("warm, by submission", width)
    lines += [row(name, stats, width) for name, stats in warm["per_submission"].items()]
    lines.append("")
    lines += header("fresh process per check (baseline)", width)
    lines.append(row("baseline, all checks", baseline["overall"], width))
    lines.append("")
    lines.append(
        f"baseline p50 / warm p50: {report['ratio_p50']:.1f}x "
        f"({baseline['overall']['p50']:.1f} ms / {warm['overall']['p50']:.1f} ms)"
    )
    goals = report["goals"]
    lines.append(goal_line("warm p50", warm["overall"]["p50"], goals["p50_ms"]))
    lines.append(goal_line("warm p99", warm["overall"]["p99"], goals["p99_ms"]))
    print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=30, help="timed warm rounds (default 30)")
    parser.add_argument(
        "--baseline-runs", type=int, default=10, help="fresh-process checks (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.baseline_runs < 1:
        parser.error("--rounds and --baseline-runs must be at least 1")

    # Set before mlpath is first imported (in measure_warm); the subprocesses inherit it.
    root = Path(tempfile.mkdtemp(prefix="mlpath-grading-latency-"))
    os.environ["MLPATH_HOME"] = str(root / "home")
    try:
        timings, warmup = measure_warm(args.rounds)
        log("warm: done; measuring the fresh-process baseline")
        mode, baseline = measure_baseline(args.baseline_runs, root / "submissions")
    except BenchmarkFailed as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        print("FAILED")
        return 1
    finally:
        if args.keep:
            log(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    all_warm = [ms for samples in timings.values() for ms in samples]
    per_checkpoint = {
        c: summarise([ms for s in SUBMISSIONS if s.checkpoint == c for ms in timings[s.name]])
        for c in PILOT_CHECKPOINTS
    }
    warm_overall = summarise(all_warm)
    baseline_overall = summarise([ms for _, ms in baseline])
    report: dict[str, Any] = {
        "machine": f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "rounds": args.rounds,
        "warm": {
            "warmup_s": warmup,
            "overall": warm_overall,
            "per_checkpoint": per_checkpoint,
            "per_submission": {name: summarise(ms) for name, ms in timings.items()},
        },
        "baseline": {
            "mode": mode,
            "overall": baseline_overall,
            "runs": [{"submission": name, "ms": ms} for name, ms in baseline],
        },
        "ratio_p50": baseline_overall["p50"] / warm_overall["p50"],
        "goals": {
            "p50_ms": P50_GOAL_MS,
            "p99_ms": P99_GOAL_MS,
            "p50_met": warm_overall["p50"] < P50_GOAL_MS,
            "p99_met": warm_overall["p99"] < P99_GOAL_MS,
        },
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
