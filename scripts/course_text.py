"""Regenerate src/mlpath/toolkit/data/course-text.txt: the prose of modules 1-6 as plain ASCII.

The file is a frozen snapshot on purpose: module 8 trains a character-level model on it and
records the loss and the generated text, which must not move whenever a lesson is edited. Run
this only to replace the snapshot deliberately, then re-record module 8 (`mlpath verify --update`).
"""

import pathlib
import re
import unicodedata

CURRICULUM = pathlib.Path(__file__).resolve().parent.parent / "src/mlpath/curriculum"
OUTPUT = CURRICULUM.parent / "toolkit" / "data" / "course-text.txt"
ASCII_FOR = {
    "\u2212": "-", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " - ",
    "\u2013": "-", "\u00d7": "x", "\u2026": "...", "\u2248": "~", "\u2264": "<=", "\u2265": ">=",
    "\u2192": "->", "\u00b2": "^2", "\u221a": "sqrt",
}  # fmt: skip


def inline_math(match: re.Match[str]) -> str:
    """$\\mathbf{x}_i \\in \\mathbb{R}^d$ -> x_i in R^d: readable letters, no LaTeX."""
    tex = match.group(1)
    tex = re.sub(r"\\(mathbf|mathbb|mathrm|text|operatorname|boldsymbol|mathcal|hat|bar|tilde|vec"
                 r"|left|right|big|Big)\b", "", tex)  # fmt: skip
    tex = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", tex)
    tex = re.sub(r"\\([a-zA-Z]+)", r"\1 ", tex)
    tex = tex.replace("{", "").replace("}", "").replace("\\,", " ").replace("\\", "")
    return " ".join(tex.split())


def prose(markdown: str) -> str:
    """A lesson's paragraphs without front matter, code, display math, images, links or tables."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    for block in (r"```.*?```", r"\$\$.*?\$\$", r"<!--.*?-->"):
        text = re.sub(block, "", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\|.*\|\s*$", "", text, flags=re.M)
    text = text.replace("**", "").replace("`", "")
    text = re.sub(r"^(#+ *|> ?)", "", text, flags=re.M)
    text = re.sub(r"\$([^$\n]*)\$", inline_math, text)
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    text = "\n\n".join(p for p in paragraphs if p)
    for char, ascii_text in ASCII_FOR.items():
        text = text.replace(char, ascii_text)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii())


def main() -> None:
    lessons = sorted(CURRICULUM.glob("0[1-6]-*/*.md"))
    OUTPUT.write_text("\n\n".join(prose(path.read_text()) for path in lessons) + "\n")
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} characters from {len(lessons)} lessons")


if __name__ == "__main__":
    main()
