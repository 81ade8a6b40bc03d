"""How long a lesson takes a rusty reader: words, code lines and checkpoints all take time.

The rates are deliberately slow. Prose with formulas is read at 150 words a minute (math tokens
count as words: they are read slowly); a line of code is read, run and compared with its output
in 6 seconds; a checkpoint that asks for a function takes 6 minutes, one that asks for an answer
2.5. Calibrated on np.numerics, which readers timed at about 35 minutes against its stated 20.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mlpath.course.model import Lesson

WORDS_PER_MINUTE = 150
MINUTES_PER_CODE_LINE = 0.1
MINUTES_PER_FUNCTION_CHECKPOINT = 6.0
MINUTES_PER_ANSWER_CHECKPOINT = 2.5
# A lesson longer than this is split (SYLLABUS: 10 to 25 minutes of reading and doing).
LONGEST_LESSON = 25
_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Estimate:
    words: int
    code_lines: int
    function_checkpoints: int
    answer_checkpoints: int

    @property
    def minutes(self) -> int:
        total = (
            self.words / WORDS_PER_MINUTE
            + self.code_lines * MINUTES_PER_CODE_LINE
            + self.function_checkpoints * MINUTES_PER_FUNCTION_CHECKPOINT
            + self.answer_checkpoints * MINUTES_PER_ANSWER_CHECKPOINT
        )
        return max(1, round(total))

    def describe(self) -> str:
        checkpoints = self.function_checkpoints + self.answer_checkpoints
        return f"{self.words:,} words, {self.code_lines} code lines, {checkpoints} checkpoints"


def estimate(lesson: Lesson, function_checkpoints: set[str]) -> Estimate:
    """The estimate for a lesson; `function_checkpoints` are the ids that ask for a function
    (the rest of its embedded checkpoints ask for an answer)."""
    lines = lesson.text.splitlines()
    prose = list(lines[lesson.front_matter_end :])
    for cell in lesson.cells:
        for index in range(cell.line - 1, cell.result_end):
            prose[index - lesson.front_matter_end] = ""
    code_lines = sum(1 for cell in lesson.cells for line in cell.code.splitlines() if line.strip())
    ids = [ref.id for ref in lesson.checkpoints]
    functions = sum(1 for cid in ids if cid in function_checkpoints)
    return Estimate(
        words=len(_WORD.findall("\n".join(prose))),
        code_lines=code_lines,
        function_checkpoints=functions,
        answer_checkpoints=len(ids) - functions,
    )
