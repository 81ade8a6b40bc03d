"""Lint lessons for what makes outputs unreproducible: randomness nobody seeded, and floats
printed to their last bits (which another CPU's kernels may change)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from mlpath.course.model import Lesson

LEGACY_NUMPY_RANDOM = {
    "rand",
    "randn",
    "randint",
    "random",
    "random_sample",
    "normal",
    "uniform",
    "choice",
    "shuffle",
    "permutation",
    "binomial",
    "poisson",
    "exponential",
    "standard_normal",
}
STDLIB_RANDOM = {
    "random",
    "randint",
    "randrange",
    "choice",
    "choices",
    "shuffle",
    "sample",
    "uniform",
    "gauss",
    "normalvariate",
}
TORCH_RANDOM = {"rand", "randn", "randint", "randperm", "normal", "multinomial"}
# scikit-learn callables whose result depends on `random_state` when it is not given.
NEEDS_RANDOM_STATE = {
    "train_test_split",
    "KFold",
    "StratifiedKFold",
    "ShuffleSplit",
    "KMeans",
    "RandomForestClassifier",
    "RandomForestRegressor",
    "MLPClassifier",
    "MLPRegressor",
    "make_classification",
    "make_regression",
    "make_blobs",
    "make_moons",
    "make_circles",
    "SGDClassifier",
    "SGDRegressor",
    "PCA",
    "TSNE",
}


@dataclass(frozen=True)
class LintWarning:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


class _RandomnessVisitor(ast.NodeVisitor):
    def __init__(self, seeded: set[str]) -> None:
        self.seeded = seeded
        self.found: list[tuple[int, str]] = []

    def visit_Call(self, node: ast.Call) -> None:
        name = _dotted(node.func)
        parts = name.split(".")
        last = parts[-1] if parts else ""
        keywords = {k.arg for k in node.keywords}
        if name in ("np.random.seed", "numpy.random.seed"):
            self.seeded.add("numpy")
        elif name == "random.seed":
            self.seeded.add("random")
        elif name == "torch.manual_seed":
            self.seeded.add("torch")
        elif (
            last == "default_rng"
            and (
                not node.args
                or (isinstance(node.args[0], ast.Constant) and node.args[0].value is None)
            )
            and "seed" not in keywords
        ):
            self.found.append(
                (
                    node.lineno,
                    "np.random.default_rng() without a seed; "
                    "write default_rng(0) so the output repeats",
                )
            )
        elif name.startswith(("np.random.", "numpy.random.")) and last in LEGACY_NUMPY_RANDOM:
            if "numpy" not in self.seeded:
                self.found.append(
                    (
                        node.lineno,
                        f"{name}() uses NumPy's unseeded global "
                        "generator; use rng = np.random.default_rng(0)",
                    )
                )
        elif len(parts) == 2 and parts[0] == "random" and last in STDLIB_RANDOM:
            if "random" not in self.seeded:
                self.found.append((node.lineno, f"{name}() is unseeded; call random.seed(0) first"))
        elif len(parts) == 2 and parts[0] == "torch" and last in TORCH_RANDOM:
            if "torch" not in self.seeded:
                self.found.append(
                    (node.lineno, f"{name}() is unseeded; call torch.manual_seed(0) first")
                )
        elif last in NEEDS_RANDOM_STATE and "random_state" not in keywords:
            self.found.append(
                (
                    node.lineno,
                    f"{last}(...) without random_state=; pass random_state=0 so the output repeats",
                )
            )
        self.generic_visit(node)


# A decimal number in an output, with its exponent.
_FLOAT = re.compile(r"(?<![\w.])[-+]?\d*\.\d+(?:[eE][-+]?\d+)?")
# float64 carries about 16 significant digits; 13 or more printed shows the last bits, which
# differ between BLAS kernels and SIMD loops (see docs/lesson-format.md, "Portable outputs").
LAST_BITS_DIGITS = 13


def _significant_digits(number: str) -> int:
    mantissa = re.split(r"[eE]", number)[0]
    return len(re.sub(r"\D", "", mantissa).lstrip("0"))


def _last_bit_floats(lesson: Lesson) -> list[LintWarning]:
    """Recorded outputs that print floats to their last bits, in cells compared exactly.

    A cell whose digits are exact IEEE arithmetic on every machine (0.1 + 0.2) says so by
    writing `compare=exact` on its fence.
    """
    warnings: list[LintWarning] = []
    for cell in lesson.cells:
        text = cell.recorded.text
        if not text or cell.options.compare != "exact" or "compare=exact" in cell.option_text:
            continue
        numbers = (m.group() for m in _FLOAT.finditer(text))
        long = [n for n in numbers if _significant_digits(n) >= LAST_BITS_DIGITS]
        if long:
            warnings.append(
                LintWarning(
                    lesson.path,
                    cell.line,
                    f"prints {long[0]} to its last bits, which another CPU may change; round "
                    "what the cell prints (f'{x:.4f}', np.round), or use compare=numeric "
                    "(compare=exact if the digits are exact IEEE arithmetic everywhere)",
                )
            )
    return warnings


def _math_in_headings(lesson: Lesson) -> list[LintWarning]:
    """Headings with $math$: the web page's anchor drops the math, so links to it break."""
    warnings: list[LintWarning] = []
    fence = ""
    for number, line in enumerate(lesson.text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = "" if fence == marker else (fence or marker)
        elif not fence and re.match(r"#{1,6} ", stripped) and "$" in stripped.replace("\\$", ""):
            warnings.append(
                LintWarning(
                    lesson.path,
                    number,
                    "math in a heading is left out of its anchor, so links to it break; "
                    "write the heading in words (the math can follow in the text)",
                )
            )
    return warnings


def lint_lesson(lesson: Lesson) -> list[LintWarning]:
    """Warnings about unseeded randomness, last-bit floats and math in headings, with lines."""
    warnings: list[LintWarning] = _last_bit_floats(lesson) + _math_in_headings(lesson)
    seeded: set[str] = set()
    for cell in lesson.cells:
        try:
            tree = ast.parse(cell.code)
        except SyntaxError as exc:
            line = cell.line + (exc.lineno or 1)
            warnings.append(LintWarning(lesson.path, line, f"syntax error: {exc.msg}"))
            continue
        visitor = _RandomnessVisitor(seeded)
        visitor.visit(tree)
        for lineno, message in sorted(visitor.found):
            warnings.append(LintWarning(lesson.path, cell.line + lineno, message))
    return warnings
