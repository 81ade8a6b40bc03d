"""The lesson model: what a lesson file says, with the line numbers errors need."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

CompareMode = Literal["exact", "numeric", "skip"]
COMPARE_MODES: tuple[CompareMode, ...] = ("exact", "numeric", "skip")
# The RMS pixel difference (0-255 scale) a figure may show and still match its record: what
# another CPU's floating-point kernels change, and nothing a reader could see. Largest measured
# across simulated CPUs (scripts/portability.py): 0.165, an SVD reconstruction drawn with imshow.
# Subtlest real change measured: 0.61 (a line 1.6 instead of 1.5 points wide); one changed
# letter in a title: 1.5. See docs/lesson-format.md.
DEFAULT_FIGURE_TOLERANCE = 0.3


@dataclass(frozen=True)
class CellOptions:
    """Per-cell options, written on the fence line: ```` ```python raises=ValueError ````."""

    raises: str | None = None
    compare: CompareMode = "exact"
    tolerance: float = 1e-9
    timeout: float | None = None
    figure_tolerance: float = DEFAULT_FIGURE_TOLERANCE


@dataclass(frozen=True)
class Recorded:
    """A cell's recorded results: the output block's text and the figure files after it."""

    text: str | None = None
    figures: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.text and not self.figures


@dataclass(frozen=True)
class Cell:
    """One Python code cell.

    `line` is the 1-based line of the opening fence. The recorded results occupy the 0-based,
    end-exclusive line range [`result_start`, `result_end`) of the file; the range is empty when
    nothing is recorded. The writer replaces exactly that range.
    """

    index: int
    line: int
    code: str
    option_text: str
    options: CellOptions
    recorded: Recorded
    result_start: int
    result_end: int


@dataclass(frozen=True)
class CheckpointRef:
    """A checkpoint embedded in a lesson by id."""

    id: str
    line: int


@dataclass(frozen=True)
class LessonMeta:
    """The front matter."""

    id: str
    title: str
    teaches: tuple[str, ...]
    needs: tuple[str, ...]
    minutes: int
    requires_extras: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lesson:
    """A parsed lesson file. `text` is the file exactly as read, for the byte-exact writer."""

    path: Path
    meta: LessonMeta
    cells: tuple[Cell, ...]
    checkpoints: tuple[CheckpointRef, ...]
    text: str
    front_matter_end: int = field(default=0)

    @property
    def figures_dir_name(self) -> str:
        """Figures live in `<stem>.figures/` next to the lesson file."""
        return f"{self.path.stem}.figures"

    @property
    def figures_dir(self) -> Path:
        return self.path.parent / self.figures_dir_name
