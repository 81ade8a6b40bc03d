"""Benchmark `mlpath verify` against nbval (`pytest --nbval`) on the same lessons, in one run.

What is measured
----------------
Two sets of lessons are built in a temporary folder:

* **real**: the pilot lessons (`src/mlpath/curriculum/02-linear-algebra/*.md` with their
  `*.figures/` folders), K copies each (`--copies`, default 4), every copy with a unique `id:`;
* **trivial**: as many one-cell lessons (`print(1)`, output `1`), so that the time per lesson is
  almost all per-lesson overhead.

Every lesson is exported with `mlpath export LESSON.md --format ipynb -o OUT.ipynb`, so both tools
run the same code cells (note: the notebooks carry the outputs of the run made by `export`, not
the outputs recorded in the Markdown). Then, over `--repeats` rounds (default 3, the order of the
commands reversed every other round), the script times the wall clock of whole commands,
interpreter start included, and keeps the median (the table also shows the min-max spread):

* nbval: `python -m pytest -p no:cacheprovider --nbval -q NOTEBOOKS...` in the temporary folder
  (which has its own empty `pytest.ini`, so the repository's pytest settings do not apply), on
  each set and on one trivial notebook (nbval's one-time start-up);
* `mlpath verify --no-cache --jobs 1` and `--jobs 2` on each set, and `--jobs 1` on one trivial
  lesson (mlpath's one-time start-up) and on `--slope` (default 8) times more trivial lessons;
* `mlpath verify` (cache on) after a warm-up run: a fully cached re-verify;
* `mlpath --help`: the floor set by starting the interpreter and the CLI.

Per-lesson overhead is reported two ways on the trivial set: total / lessons, and the marginal
cost (T(N) - T(1)) / (N - 1), which leaves out the one-time start-up. mlpath's marginal cost is a
few hundredths of a second, no more than the run-to-run noise of starting a process, so for the
goal it is taken from the larger trivial set. The goals checked are "nbval / mlpath per-lesson
overhead >= 20x" (marginal cost, `--jobs 1`, as nbval runs one notebook at a time) and "a fully
cached re-verify of the real set < 0.5 s".

nbval is given its best case: pytest plugin autoloading is off (`-p nbval.plugin` loads nbval
only), `--nbval-current-env` uses this interpreter's kernel, and both tools get the same thread
and hash-seed settings. Strict `--nbval` is used when it passes on the exported pilot notebooks;
otherwise strict nbval with a sanitizer for a known export difference, and only then
`--nbval-lax`. The output says which, and why. Every run's exit code and summary line are checked
(mlpath must report every lesson as "ran" or "cached", nbval every code cell as passed); a failed
run is reported as FAILED, never as a number.

All mlpath state goes to a temporary `MLPATH_HOME`; Jupyter and IPython state to the same temporary
folder. Nothing in the repository or the user's home is changed.

Run it from the repository root (needs the `bench` extra: nbval and ipykernel):

    .venv/bin/python benchmarks/verify_vs_nbval.py
    .venv/bin/python benchmarks/verify_vs_nbval.py --copies 2 --repeats 1   # quicker
    .venv/bin/python benchmarks/verify_vs_nbval.py --json                  # numbers as JSON
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PILOT_LESSONS = REPO / "src" / "mlpath" / "curriculum" / "02-linear-algebra"
OVERHEAD_GOAL = 20.0  # nbval / mlpath, per-lesson overhead
CACHED_GOAL_SECONDS = 0.5

TRIVIAL_LESSON = """\
---
id: {id}
title: Trivial lesson {number}
teaches: [la.vectors]
needs: []
minutes: 1
---

# Trivial lesson {number}

```python
print(1)
```

```output
1
```
"""

# mlpath's export writes a figure's text/plain as "<Figure>"; a Jupyter kernel shows the repr of
# the matplotlib figure. Used only when strict nbval fails on the exported pilot notebooks.
FIGURE_SANITIZER = """\
[mlpath-figure-repr]
regex: <Figure size \\d+x\\d+ with \\d+ Axes>
replace: <Figure>
"""

_FRONT_MATTER_ID = re.compile(r"^id:[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)
_VERIFY_SUMMARY = re.compile(r"verified: (\d+) lessons, (\d+) cells, (\d+) failed")
_VERIFY_LESSON = re.compile(r"\(\d+ cells, (ran|cached)\)")
_PYTEST_HEADER = re.compile(r"^_{3,} (.+?) _{3,}$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_PYTEST_COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)")

Checker = Callable[["subprocess.CompletedProcess[str]"], str | None]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Building the lesson sets and the notebooks
# ---------------------------------------------------------------------------------------------


@dataclass
class LessonSet:
    """A folder of lessons and the notebooks exported from them."""

    name: str
    folder: Path
    lessons: list[Path]
    notebooks: list[Path] = field(default_factory=list)
    code_cells: int = 0  # in the notebooks: nbval makes one test item per code cell
    export_problems: list[str] = field(default_factory=list)


def with_unique_id(text: str, suffix: str, source: Path) -> str:
    """The lesson text with `suffix` appended to the `id:` in its front matter."""
    if not text.startswith("---\n"):
        raise SystemExit(f"{source}: no front matter")
    end = text.index("\n---", 4)
    front, rest = text[:end], text[end:]
    front, count = _FRONT_MATTER_ID.subn(lambda m: f"id: {m.group(1)}{suffix}", front, count=1)
    if count != 1:
        raise SystemExit(f"{source}: no `id:` in the front matter")
    return front + rest


def build_real_set(source: Path, root: Path, copies: int) -> LessonSet:
    """K copies of every lesson in `source`, each copy in its own folder with its figures."""
    originals = sorted(p for p in source.glob("*.md") if p.name != "README.md")
    if not originals:
        raise SystemExit(f"{source}: no lessons found")
    lessons: list[Path] = []
    for copy in range(1, copies + 1):
        folder = root / f"copy{copy}"
        folder.mkdir(parents=True)
        for original in originals:
            target = folder / original.name
            text = original.read_text(encoding="utf-8")
            target.write_text(with_unique_id(text, f"-copy{copy}", original), encoding="utf-8")
            figures = original.with_suffix(".figures")
            if figures.is_dir():
                shutil.copytree(figures, folder / figures.name)
            lessons.append(target)
    return LessonSet("real", root, lessons)


def build_trivial_set(root: Path, count: int) -> LessonSet:
    root.mkdir(parents=True)
    lessons: list[Path] = []
    for number in range(1, count + 1):
        path = root / f"t{number:03d}.md"
        path.write_text(
            TRIVIAL_LESSON.format(id=f"bench.trivial-{number:03d}", number=number), encoding="utf-8"
        )
        lessons.append(path)
    return LessonSet("trivial", root, lessons)


def export_set(
    lessons: LessonSet,
    mlpath: list[str],
    out: Path,
    work: Path,
    env: dict[str, str],
    timeout: float,
) -> None:
    """Export every lesson to a notebook; record problems instead of stopping."""
    out.mkdir(parents=True)
    for lesson in lessons.lessons:
        relative = lesson.relative_to(lessons.folder)
        notebook = out / ("-".join(relative.with_suffix("").parts) + ".ipynb")
        argv = [*mlpath, "export", str(lesson), "--format", "ipynb", "-o", str(notebook)]
        try:
            done = subprocess.run(
                argv,
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            lessons.export_problems.append(f"export of {relative} timed out after {timeout:g} s")
            continue
        if done.returncode != 0 or not notebook.exists():
            lessons.export_problems.append(
                f"export of {relative} failed (exit {done.returncode}): "
                f"{tail(done.stdout + done.stderr)}"
            )
            continue
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        except (ValueError, KeyError) as exc:
            lessons.export_problems.append(f"export of {relative} is not a notebook: {exc}")
            continue
        lessons.notebooks.append(notebook)
        lessons.code_cells += sum(1 for cell in cells if cell.get("cell_type") == "code")


def notebook_code_cells(notebook: Path) -> int:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(1 for cell in cells if cell.get("cell_type") == "code")


# ---------------------------------------------------------------------------------------------
# Running and checking commands
# ---------------------------------------------------------------------------------------------


def tail(text: str, lines: int = 12) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


def check_verify(lessons: int, how: str) -> Checker:
    """mlpath verify must exit 0, count every lesson and say each one `ran` or was `cached`."""

    def check(done: subprocess.CompletedProcess[str]) -> str | None:
        output = done.stdout + done.stderr
        if done.returncode != 0:
            return f"exit code {done.returncode}:\n{tail(output)}"
        summary = _VERIFY_SUMMARY.search(output)
        if summary is None:
            return f"no 'verified: ...' summary line:\n{tail(output)}"
        if int(summary.group(1)) != lessons or int(summary.group(3)) != 0:
            return f"expected {lessons} lessons, 0 failed; got '{summary.group(0)}'"
        hows = _VERIFY_LESSON.findall(output)
        if hows.count(how) != lessons:
            return (
                f"expected all {lessons} lessons '{how}', got {hows.count('ran')} ran and "
                f"{hows.count('cached')} cached"
            )
        return None

    return check


def check_nbval(items: int) -> Checker:
    """pytest must exit 0 with exactly `items` tests passed (one per code cell) and none else."""

    def check(done: subprocess.CompletedProcess[str]) -> str | None:
        output = _ANSI.sub("", done.stdout + done.stderr)
        counts = {kind.rstrip("s"): int(n) for n, kind in _PYTEST_COUNT.findall(tail(output, 1))}
        if done.returncode != 0:
            detail = nbval_failures(output) or tail(output)
            return f"exit code {done.returncode}, {counts or 'no summary'}:\n{detail}"
        if counts.get("passed") != items or set(counts) != {"passed"}:
            return f"expected {items} passed, got {counts or 'no summary'}:\n{tail(output, 3)}"
        return None

    return check


def nbval_failures(output: str, limit: int = 24) -> str:
    """For each failed item: its name and nbval's mismatch (`reference == fresh kernel output`)."""
    kept: list[str] = []
    for line in output.splitlines():
        text = line.strip()
        header = _PYTEST_HEADER.match(text)
        if header:
            kept.append(f"{header.group(1)}:")
        elif text.startswith("mismatch") or (text.startswith("'") and "' == '" in text):
            kept.append(f"    {text}")
        elif text.startswith(("FAILED", "ERROR")) and not kept:
            kept.append(text)
    if len(kept) > limit:
        kept = [*kept[:limit], f"... and {len(kept) - limit} more lines"]
    return "\n".join(kept)


def check_exit_zero(done: subprocess.CompletedProcess[str]) -> str | None:
    return None if done.returncode == 0 else f"exit code {done.returncode}"


@dataclass
class Measurement:
    """One command, timed once per round."""

    key: str
    label: str
    tool: str
    lessons: int
    argv: list[str]
    cwd: Path
    check: Checker
    blocked: str | None = None  # why it cannot run at all (e.g. a failed export)
    seconds: list[float] = field(default_factory=list)
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and bool(self.seconds)

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.ok else None


def run_once(
    argv: Sequence[str], cwd: Path, env: dict[str, str], timeout: float
) -> tuple[float, subprocess.CompletedProcess[str] | None]:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            list(argv),
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None
    return time.perf_counter() - start, done


def measure(item: Measurement, env: dict[str, str], timeout: float) -> None:
    """Time one run of `item`; a failure marks it FAILED and it is not run again."""
    if item.problem is not None:
        return
    if item.blocked is not None:
        item.problem = item.blocked
        return
    seconds, done = run_once(item.argv, item.cwd, env, timeout)
    if done is None:
        item.problem = f"timed out after {timeout:g} s"
        return
    problem = item.check(done)
    if problem is not None:
        item.problem = problem
        return
    item.seconds.append(seconds)


# ---------------------------------------------------------------------------------------------
# nbval mode
# ---------------------------------------------------------------------------------------------


@dataclass
class NbvalMode:
    name: str  # "strict", "strict+sanitizer" or "lax"
    flags: list[str]
    reason: str


def choose_nbval_mode(
    pytest: list[str],
    notebooks: list[Path],
    work: Path,
    sanitizer: Path,
    env: dict[str, str],
    timeout: float,
) -> NbvalMode:
    """Strict nbval if it passes on the pilot notebooks; else strict with a sanitizer; else lax.

    This run also warms up nbval (matplotlib's font cache, the OS file cache) before timing.
    """
    items = sum(notebook_code_cells(nb) for nb in notebooks)
    candidates = [
        NbvalMode("strict", ["--nbval"], "strict nbval passes on the exported notebooks"),
        NbvalMode(
            "strict+sanitizer",
            ["--nbval", "--nbval-sanitize-with", str(sanitizer)],
            "strict nbval fails on the pilot notebooks; strict nbval with a sanitizer that "
            "rewrites '<Figure size WxH with N Axes>' to '<Figure>' passes",
        ),
        NbvalMode(
            "lax",
            ["--nbval-lax"],
            "strict nbval fails on the pilot notebooks, even with the sanitizer; "
            "--nbval-lax runs every cell but compares no outputs",
        ),
    ]
    failures: list[tuple[str, str]] = []
    for mode in candidates:
        argv = [*pytest, *mode.flags, *[str(nb.relative_to(work)) for nb in notebooks]]
        _, done = run_once(argv, work, env, timeout)
        problem = "timed out" if done is None else check_nbval(items)(done)
        if problem is None:
            if failures:
                mode.reason += "\n" + "\n".join(f"[{name}] {text}" for name, text in failures)
            return mode
        failures.append((mode.name, problem))
    details = "\n".join(f"[{name}] {text}" for name, text in failures)
    return NbvalMode("FAILED", [], f"nbval fails on the pilot notebooks in every mode:\n{details}")


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0 or numerator <= 0:
        return None
    return numerator / denominator


def per_lesson(item: Measurement) -> float | None:
    median = item.median
    return None if median is None or item.lessons == 0 else median / item.lessons


def marginal(many: Measurement, one: Measurement) -> float | None:
    """(T(N) - T(1)) / (N - 1): the cost of one more lesson, start-up left out."""
    if many.median is None or one.median is None or many.lessons < 2:
        return None
    return (many.median - one.median) / (many.lessons - 1)


def fmt_seconds(value: float | None, digits: int = 3) -> str:
    return "FAILED" if value is None else f"{value:.{digits}f}"


def fmt_ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}x"


def summarize(items: dict[str, Measurement]) -> dict[str, Any]:
    """Derived numbers: per-lesson times, marginal overheads and nbval/mlpath ratios."""
    derived: dict[str, Any] = {}
    for name in ("trivial", "real"):
        nbval = items[f"nbval/{name}"]
        one_job, two_jobs = items[f"mlpath-j1/{name}"], items[f"mlpath-j2/{name}"]
        derived[name] = {
            "lessons": nbval.lessons,
            "per_lesson_seconds": {
                "nbval": per_lesson(nbval),
                "mlpath_jobs1": per_lesson(one_job),
                "mlpath_jobs2": per_lesson(two_jobs),
            },
            "ratio_total_per_lesson": {
                "jobs1": ratio(per_lesson(nbval), per_lesson(one_job)),
                "jobs2": ratio(per_lesson(nbval), per_lesson(two_jobs)),
            },
            "cached_reverify_seconds": items[f"mlpath-cached/{name}"].median,
        }
    nbval_marginal = marginal(items["nbval/trivial"], items["nbval/trivial-one"])
    mlpath_marginal = marginal(items["mlpath-j1/trivial"], items["mlpath-j1/trivial-one"])
    derived["trivial"]["startup_seconds"] = {
        "nbval": items["nbval/trivial-one"].median,
        "mlpath_jobs1": items["mlpath-j1/trivial-one"].median,
    }
    derived["trivial"]["marginal_per_lesson_seconds"] = {
        "nbval": nbval_marginal,
        "mlpath_jobs1": mlpath_marginal,
    }
    derived["trivial"]["ratio_marginal"] = ratio(nbval_marginal, mlpath_marginal)
    many = items["mlpath-j1/trivial-many"]
    mlpath_slope = marginal(many, items["mlpath-j1/trivial-one"])
    derived["trivial"]["slope_lessons"] = many.lessons
    derived["trivial"]["marginal_per_lesson_seconds"]["mlpath_jobs1_many"] = mlpath_slope
    derived["trivial"]["ratio_marginal_many"] = ratio(nbval_marginal, mlpath_slope)
    return derived


def goals(items: dict[str, Measurement], derived: dict[str, Any]) -> dict[str, Any]:
    trivial = derived["trivial"]
    tools_ok = all(
        items[key].ok
        for key in (
            "nbval/trivial",
            "nbval/trivial-one",
            "mlpath-j1/trivial",
            "mlpath-j1/trivial-one",
        )
    )
    # mlpath's marginal cost is small next to the noise of starting a process, so it is taken
    # from the larger trivial set; nbval's is large enough to measure on the shared set.
    value = trivial["ratio_marginal_many"]
    basis = (
        f"marginal (T(N) - T(1)) / (N - 1): nbval N={trivial['lessons']}, "
        f"mlpath --jobs 1 N={trivial['slope_lessons']}"
    )
    if value is None:
        value = trivial["ratio_marginal"]
        basis = f"marginal (T(N) - T(1)) / (N - 1), N={trivial['lessons']}, mlpath --jobs 1"
    if value is None and tools_ok:
        # A marginal cost at or below timer noise: fall back to total / lessons.
        value, basis = trivial["ratio_total_per_lesson"]["jobs1"], "total / lessons, --jobs 1"
    cached = items["mlpath-cached/real"]
    return {
        "overhead_ratio": {
            "value": value,
            "goal": OVERHEAD_GOAL,
            "basis": basis,
            "status": "FAILED"
            if not tools_ok or value is None
            else ("MET" if value >= OVERHEAD_GOAL else "MISSED"),
        },
        "cached_reverify": {
            "value": cached.median,
            "goal": CACHED_GOAL_SECONDS,
            "lessons": cached.lessons,
            "status": "FAILED"
            if cached.median is None
            else ("MET" if cached.median < CACHED_GOAL_SECONDS else "MISSED"),
        },
    }


def print_report(
    items: dict[str, Measurement],
    derived: dict[str, Any],
    verdict: dict[str, Any],
    header: list[str],
) -> None:
    out: list[str] = [*header, ""]
    width = max(len(item.label) for item in items.values())
    out.append(
        f"{'command (wall time, whole process)':<{width}}  lessons  median s  "
        f"min-max s      s/lesson  runs  status"
    )
    for item in items.values():
        status = "ok" if item.ok else "FAILED"
        lessons = str(item.lessons) if item.lessons else "-"
        each = fmt_seconds(per_lesson(item)) if item.lessons and item.ok else "-"
        spread = f"{min(item.seconds):.3f}-{max(item.seconds):.3f}" if item.ok else "-"
        out.append(
            f"{item.label:<{width}}  {lessons:>7}  {fmt_seconds(item.median):>8}  "
            f"{spread:<13}  {each:>8}  {len(item.seconds):>4}  {status}"
        )
    for item in items.values():
        if item.problem is not None:
            out.append(f"\nFAILED: {item.label}\n  command: {' '.join(item.argv)}")
            out.extend(f"  {line}" for line in item.problem.splitlines())

    trivial, real = derived["trivial"], derived["real"]
    out += ["", "per-lesson overhead, trivial lessons (print(1))      nbval   mlpath -j1   ratio"]
    out.append(
        f"  total / lessons                             "
        f"{fmt_seconds(trivial['per_lesson_seconds']['nbval']):>10} s "
        f"{fmt_seconds(trivial['per_lesson_seconds']['mlpath_jobs1']):>10} s "
        f"{fmt_ratio(trivial['ratio_total_per_lesson']['jobs1']):>8}"
    )
    out.append(
        f"  one-time start-up, T(1)                     "
        f"{fmt_seconds(trivial['startup_seconds']['nbval']):>10} s "
        f"{fmt_seconds(trivial['startup_seconds']['mlpath_jobs1']):>10} s"
    )
    out.append(
        f"  marginal, (T(N) - T(1)) / (N - 1)           "
        f"{fmt_seconds(trivial['marginal_per_lesson_seconds']['nbval']):>10} s "
        f"{fmt_seconds(trivial['marginal_per_lesson_seconds']['mlpath_jobs1']):>10} s "
        f"{fmt_ratio(trivial['ratio_marginal']):>8}"
    )
    out.append(
        f"  marginal, mlpath on {trivial['slope_lessons']} trivial lessons "
        f"{'':<{18 - len(str(trivial['slope_lessons']))}}"
        f"{fmt_seconds(trivial['marginal_per_lesson_seconds']['mlpath_jobs1_many']):>12} s "
        f"{fmt_ratio(trivial['ratio_marginal_many']):>8}"
    )
    for name, data in (("trivial", trivial), ("real", real)):
        seconds = data["per_lesson_seconds"]
        ratios = data["ratio_total_per_lesson"]
        out.append(
            f"  {name} set, s/lesson: nbval {fmt_seconds(seconds['nbval'])}, "
            f"mlpath -j1 {fmt_seconds(seconds['mlpath_jobs1'])} "
            f"({fmt_ratio(ratios['jobs1'])}), "
            f"mlpath -j2 {fmt_seconds(seconds['mlpath_jobs2'])} "
            f"({fmt_ratio(ratios['jobs2'])})"
        )

    overhead, cached = verdict["overhead_ratio"], verdict["cached_reverify"]
    out += [
        "",
        f"verdict: per-lesson overhead nbval/mlpath = {fmt_ratio(overhead['value'])} "
        f"[{overhead['basis']}] (goal >= {OVERHEAD_GOAL:g}x): {overhead['status']}",
        f"verdict: fully cached re-verify of {cached['lessons']} lessons = "
        f"{fmt_seconds(cached['value'])}{'' if cached['value'] is None else ' s'} "
        f"(goal < {CACHED_GOAL_SECONDS:g} s): "
        f"{cached['status']}",
    ]
    print("\n".join(out))


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--copies", type=positive_int, default=4, help="copies of each pilot lesson (default 4)"
    )
    parser.add_argument(
        "--slope",
        type=positive_int,
        default=8,
        help="mlpath's marginal cost is also measured on this many times more trivial lessons "
        "(default 8)",
    )
    parser.add_argument(
        "--repeats",
        type=positive_int,
        default=3,
        help="timed rounds; the median is reported (default 3)",
    )
    parser.add_argument(
        "--lessons",
        type=Path,
        default=PILOT_LESSONS,
        help="folder of pilot lessons (default: the linear-algebra module)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="seconds allowed for any one command (default 300)",
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args(argv)


def tool_commands() -> tuple[list[str], list[str]]:
    """The venv's mlpath and pytest (nbval only, no other plugins), for this interpreter."""
    bin_dir = Path(sys.executable).parent  # not resolved: keep the venv's bin folder
    script = bin_dir / "mlpath"
    mlpath = [str(script)] if script.exists() else [sys.executable, "-m", "mlpath"]
    pytest = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "nbval.plugin",
        "-p",
        "no:cacheprovider",
        "-W",
        "ignore",
        "-q",
        "--nbval-current-env",
    ]
    return mlpath, pytest


def environment(work: Path) -> dict[str, str]:
    """The same environment for both tools; all state in `work`; no user pytest/mlpath settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MLPATH_", "PYTEST_", "JUPYTER_", "IPYTHON"))
        and key not in ("PYTHONWARNINGS", "MPLBACKEND", "MPLCONFIGDIR")
    }
    env.update(
        {
            "MLPATH_HOME": str(work / "mlpath-home"),
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
            "JUPYTER_RUNTIME_DIR": str(work / "jupyter" / "runtime"),
            "JUPYTER_DATA_DIR": str(work / "jupyter" / "data"),
            "JUPYTER_CONFIG_DIR": str(work / "jupyter" / "config"),
            "IPYTHONDIR": str(work / "ipython"),
            "MPLCONFIGDIR": str(work / "matplotlib"),
            "PYTHONHASHSEED": "0",
            "TZ": "UTC",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "NUMEXPR_NUM_THREADS": "1",
        }
    )
    return env


def build_measurements(
    real: LessonSet,
    trivial: LessonSet,
    many: LessonSet,
    pilot: list[Path],
    mode: NbvalMode,
    mlpath: list[str],
    pytest: list[str],
    work: Path,
) -> dict[str, Measurement]:
    def nbval(key: str, label: str, lessons: LessonSet, count: int) -> Measurement:
        notebooks = lessons.notebooks[:count]
        blocked = None
        if lessons.export_problems:
            blocked = "not run: export failed:\n" + "\n".join(lessons.export_problems)
        elif mode.name == "FAILED":
            blocked = "not run: " + mode.reason
        items = sum(notebook_code_cells(nb) for nb in notebooks)
        argv = [*pytest, *mode.flags, *[str(nb.relative_to(work)) for nb in notebooks]]
        return Measurement(key, label, "nbval", count, argv, work, check_nbval(items), blocked)

    def verify(
        key: str, label: str, paths: list[Path], lessons: int, flags: list[str], how: str
    ) -> Measurement:
        argv = [*mlpath, "verify", *flags, *[str(p.relative_to(work)) for p in paths]]
        return Measurement(key, label, "mlpath", lessons, argv, work, check_verify(lessons, how))

    n_real, n_trivial = len(real.lessons), len(trivial.lessons)
    one = trivial.lessons[0]
    items = [
        nbval("nbval/trivial", "nbval, trivial set", trivial, n_trivial),
        nbval("nbval/trivial-one", "nbval, 1 trivial lesson (start-up)", trivial, 1),
        nbval("nbval/real", "nbval, real set", real, n_real),
        verify(
            "mlpath-j1/trivial",
            "mlpath verify --no-cache -j1, trivial set",
            [trivial.folder],
            n_trivial,
            ["--no-cache", "--jobs", "1"],
            "ran",
        ),
        verify(
            "mlpath-j1/trivial-one",
            "mlpath verify --no-cache -j1, 1 trivial (start-up)",
            [one],
            1,
            ["--no-cache", "--jobs", "1"],
            "ran",
        ),
        verify(
            "mlpath-j1/trivial-many",
            f"mlpath verify --no-cache -j1, {len(many.lessons)} trivial (slope)",
            [many.folder],
            len(many.lessons),
            ["--no-cache", "--jobs", "1"],
            "ran",
        ),
        verify(
            "mlpath-j2/trivial",
            "mlpath verify --no-cache -j2, trivial set",
            [trivial.folder],
            n_trivial,
            ["--no-cache", "--jobs", "2"],
            "ran",
        ),
        verify(
            "mlpath-j1/real",
            "mlpath verify --no-cache -j1, real set",
            [real.folder],
            n_real,
            ["--no-cache", "--jobs", "1"],
            "ran",
        ),
        verify(
            "mlpath-j2/real",
            "mlpath verify --no-cache -j2, real set",
            [real.folder],
            n_real,
            ["--no-cache", "--jobs", "2"],
            "ran",
        ),
        verify(
            "mlpath-cached/trivial",
            "mlpath verify (cached), trivial set",
            [trivial.folder],
            n_trivial,
            [],
            "cached",
        ),
        verify(
            "mlpath-cached/real",
            "mlpath verify (cached), real set",
            [real.folder],
            n_real,
            [],
            "cached",
        ),
        verify(
            "mlpath-cached/pilot",
            "mlpath verify (cached), pilot lessons once",
            pilot,
            len(pilot),
            [],
            "cached",
        ),
        Measurement(
            "mlpath/help",
            "mlpath --help (interpreter + CLI start)",
            "mlpath",
            0,
            [*mlpath, "--help"],
            work,
            check_exit_zero,
        ),
    ]
    return {item.key: item for item in items}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [
        name for name in ("nbval", "ipykernel", "mlpath") if importlib.util.find_spec(name) is None
    ]
    if missing:
        log(
            f"FAILED: {', '.join(missing)} not importable by {sys.executable}; "
            "install the bench extra: .venv/bin/pip install -e '.[bench]'"
        )
        return 2
    mlpath, pytest = tool_commands()
    work = Path(tempfile.mkdtemp(prefix="mlpath-bench-")).resolve()
    try:
        return run_benchmark(args, work, mlpath, pytest)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_benchmark(
    args: argparse.Namespace, work: Path, mlpath: list[str], pytest: list[str]
) -> int:
    env = environment(work)
    (work / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # stops config discovery
    sanitizer = work / "nbval-sanitize.cfg"
    sanitizer.write_text(FIGURE_SANITIZER, encoding="utf-8")

    real = build_real_set(args.lessons, work / "lessons" / "real", args.copies)
    trivial = build_trivial_set(work / "lessons" / "trivial", len(real.lessons))
    many = build_trivial_set(work / "lessons" / "trivial-many", args.slope * len(real.lessons))
    log(f"exporting {len(real.lessons)} real and {len(trivial.lessons)} trivial lessons ...")
    export_set(real, mlpath, work / "notebooks" / "real", work, env, args.timeout)
    export_set(trivial, mlpath, work / "notebooks" / "trivial", work, env, args.timeout)
    for problem in real.export_problems + trivial.export_problems:
        log(f"FAILED: {problem}")

    pilot = sorted((real.folder / "copy1").glob("*.md"))
    pilot_notebooks = [nb for nb in real.notebooks if nb.name.startswith("copy1-")]
    if pilot_notebooks and not real.export_problems:
        log("choosing the nbval mode (and warming nbval up) on the pilot notebooks ...")
        mode = choose_nbval_mode(pytest, pilot_notebooks, work, sanitizer, env, args.timeout)
    else:
        mode = NbvalMode("FAILED", [], "the pilot lessons could not be exported")
    log(f"nbval mode: {mode.name}: {mode.reason.splitlines()[0]}")

    items = build_measurements(real, trivial, many, pilot, mode, mlpath, pytest, work)
    log("warming up mlpath (fills the cache for the cached re-verify) ...")
    for key in ("mlpath-cached/real", "mlpath-cached/trivial", "mlpath-cached/pilot"):
        warm = items[key]  # the same command as the timed one
        _, done = run_once(warm.argv, warm.cwd, env, args.timeout)
        if done is None:
            warm.problem = f"warm-up run timed out after {args.timeout:g} s"
        elif done.returncode != 0:
            warm.problem = f"warm-up run failed:\n{tail(done.stdout + done.stderr)}"

    order = list(items.values())
    for round_number in range(args.repeats):
        sequence = order if round_number % 2 == 0 else order[::-1]
        log(
            f"round {round_number + 1}/{args.repeats} "
            f"({'nbval first' if round_number % 2 == 0 else 'mlpath first'}) ..."
        )
        for item in sequence:
            measure(item, env, args.timeout)

    derived = summarize(items)
    verdict = goals(items, derived)
    all_ok = all(item.ok for item in items.values()) and mode.name != "FAILED"
    header = [
        f"mlpath verify vs nbval: {len(real.lessons)} real lessons "
        f"({len(pilot)} pilot lessons x {args.copies} copies, {real.code_cells} code cells) "
        f"and {len(trivial.lessons)} trivial lessons (and {len(many.lessons)} for mlpath's slope)",
        f"median of {args.repeats} round(s), order reversed every other round; "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs",
        f"nbval mode: {mode.name} ({' '.join(mode.flags) or 'not run'})",
        *[f"  {line}" for line in mode.reason.splitlines()],
        f"tools: {'both passed every run' if all_ok else 'FAILED (see below)'}",
    ]
    if args.json:
        data = {
            "config": {
                "copies": args.copies,
                "repeats": args.repeats,
                "real_lessons": len(real.lessons),
                "trivial_lessons": len(trivial.lessons),
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "nbval_mode": mode.name,
                "nbval_flags": mode.flags,
                "nbval_mode_reason": mode.reason,
            },
            "measurements": {
                item.key: {
                    "label": item.label,
                    "tool": item.tool,
                    "lessons": item.lessons,
                    "command": item.argv,
                    "seconds": item.seconds,
                    "median": item.median,
                    "ok": item.ok,
                    "problem": item.problem,
                }
                for item in items.values()
            },
            "derived": derived,
            "goals": verdict,
            "ok": all_ok,
        }
        print(json.dumps(data, indent=2))
    else:
        print_report(items, derived, verdict, header)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
