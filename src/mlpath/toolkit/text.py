"""A small English text that ships with the course, for the language-model lessons.

It is the prose of modules 1-6 (code, formulas and tables removed, ASCII only), frozen at one
version so that models trained on it print the same numbers in every release.
"""

from importlib.resources import files


def load_course_text() -> str:
    """The course text: about 260,000 characters of plain ASCII, paragraphs split by blank lines."""
    return files("mlpath.toolkit").joinpath("data/course-text.txt").read_text(encoding="ascii")
