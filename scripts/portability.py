"""Run every lesson as other CPUs would and report how far outputs and figures move.

A learner's machine may pick other OpenBLAS kernels and other NumPy SIMD loops than the machine a
lesson was recorded on; both change the last bits of floats. This script re-runs the course once
per simulated CPU (environment variables that OpenBLAS and NumPy honour), compares each cell with
its record and prints, per CPU: the cells whose text differs and the largest RMS pixel difference
of every figure that is not byte-identical. The figure tolerance in docs/lesson-format.md was
chosen from its output.

Run it from the repository root, never in tests or CI (it takes a few minutes):

    .venv/bin/python scripts/portability.py                 # every simulated CPU
    .venv/bin/python scripts/portability.py --cpu haswell   # just one
    .venv/bin/python scripts/portability.py PATH.md ...     # just these lessons
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from mlpath.config import load_settings
from mlpath.course.catalog import curriculum_root
from mlpath.course.parser import parse_lesson_file
from mlpath.verify.compare import check_cell
from mlpath.verify.figures import rms_difference
from mlpath.verify.runner import collect_files, run_lessons

# NumPy's dispatch targets on x86-64 (numpy >= 2.4), newest first.
_NUMPY_X86 = ("AVX512_SPR", "AVX512_ICL", "X86_V4", "X86_V3")
CPUS: dict[str, dict[str, str]] = {
    "native": {},
    # An AVX2 laptop: OpenBLAS's Haswell kernels, NumPy without its AVX-512 loops.
    "haswell": {
        "OPENBLAS_CORETYPE": "Haswell",
        "NPY_DISABLE_CPU_FEATURES": " ".join(_NUMPY_X86[:3]),
        "ATEN_CPU_CAPABILITY": "avx2",
        "MKL_ENABLE_INSTRUCTIONS": "AVX2",
        "ONEDNN_MAX_CPU_ISA": "AVX2",
    },
    # An older AVX machine: Sandy Bridge kernels, NumPy's SSE4 baseline loops only.
    "sandybridge": {
        "OPENBLAS_CORETYPE": "Sandybridge",
        "NPY_DISABLE_CPU_FEATURES": " ".join(_NUMPY_X86),
        "ATEN_CPU_CAPABILITY": "default",
        "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
        "ONEDNN_MAX_CPU_ISA": "SSE41",
    },
    # The most generic x86-64 kernels OpenBLAS has.
    "prescott": {
        "OPENBLAS_CORETYPE": "Prescott",
        "NPY_DISABLE_CPU_FEATURES": " ".join(_NUMPY_X86),
        "ATEN_CPU_CAPABILITY": "default",
        "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
        "ONEDNN_MAX_CPU_ISA": "SSE41",
    },
}


def _shown(path: Path) -> Path:
    """A lesson's path relative to the curriculum when it is in it, else as given."""
    resolved = path.resolve()
    root = curriculum_root()
    return resolved.relative_to(root) if resolved.is_relative_to(root) else path


def _run(cpu: str, files: list[Path]) -> tuple[list[str], list[tuple[str, float]]]:
    """Text differences and (figure, RMS) pairs for one simulated CPU."""
    saved = dict(os.environ)
    os.environ.update(CPUS[cpu])
    try:
        with tempfile.TemporaryDirectory(prefix="mlpath-portability-") as home:
            os.environ["MLPATH_HOME"] = home
            lessons = [parse_lesson_file(path) for path in files]
            results = run_lessons(lessons, load_settings(), use_cache=False)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    texts: list[str] = []
    figures: list[tuple[str, float]] = []
    for lesson in lessons:
        result, _ = results[lesson.path]
        for cell, cell_result in zip(lesson.cells, result.cells, strict=False):
            label = f"{_shown(lesson.path)}:{cell.line}"
            # Numeric cells are compared exactly, to show what moves; a skipped cell (timings)
            # has no record to compare.
            compare = "skip" if cell.options.compare == "skip" else "exact"
            exact = replace(cell, options=replace(cell.options, compare=compare))
            problem = check_cell(exact, cell_result, label)
            if problem is not None:
                texts.append(f"{label}: {problem.reason}\n{problem.details}")
            for name, png in zip(cell.recorded.figures, cell_result.figures, strict=False):
                recorded = (lesson.path.parent / name).read_bytes()
                rms = rms_difference(recorded, png)
                if rms != 0.0:
                    figures.append((f"{label} {name}", float("inf") if rms is None else rms))
    return texts, figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="lesson files or folders")
    parser.add_argument("--cpu", choices=sorted(CPUS), action="append", help="simulate only these")
    args = parser.parse_args()
    files = collect_files(args.paths or [curriculum_root()])
    worst = 0.0
    for cpu in args.cpu or list(CPUS):
        texts, figures = _run(cpu, files)
        print(f"== {cpu} {CPUS[cpu] or '(this machine as it is)'}")
        print(f"   {len(texts)} cell(s) print differently (compared exactly)")
        for text in texts:
            print("   " + text.replace("\n", "\n   "))
        print(f"   {len(figures)} figure(s) not byte-identical")
        for name, rms in sorted(figures, key=lambda item: -item[1]):
            print(f"   RMS {rms:.4f}  {name}")
            worst = max(worst, rms)
    print(f"largest RMS pixel difference over every simulated CPU: {worst:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
