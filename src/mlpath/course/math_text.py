"""LaTeX math as plain Unicode text, for readers without a math renderer (the terminal).

pylatexenc parses the LaTeX; this module only says how the course's notation reads as text:
`\\|\\mathbf{u}\\|` is ‖u‖, `\\sum_{i=1}^{n}` is Σᵢ₌₁ⁿ, `\\frac{a + b}{c}` is (a + b)/c, and a
script that Unicode has no characters for stays readable, as `n_in` or `e^(xᵢ - m)`.
"""

# Look-alike characters (⊤ for T, × for x) are what this module is for.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from pylatexenc import latexwalker, macrospec
from pylatexenc.latex2text import (
    EnvironmentTextSpec,
    LatexNodes2Text,
    MacroTextSpec,
    SpecialsTextSpec,
    get_default_latex_context_db,
)

_SUPERSCRIPTS = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzT⊤",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀᵀ",
        strict=True,
    )
)
_SUBSCRIPTS = dict(
    zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
_SCRIPT_CHARACTERS = frozenset(_SUPERSCRIPTS.values()) | frozenset(_SUBSCRIPTS.values())

# Macros whose argument reads as it is: fonts (bold u is u) and upright words are not text.
_AS_WRITTEN = (
    *("mathbf", "boldsymbol", "mathrm", "mathsf", "mathit", "mathcal", "mathtt"),
    *("text", "textrm", "textbf", "textit", "texttt", "textsf", "operatorname"),
)
# Function names set upright in math; a space separates them from a following argument.
_OPERATOR_NAMES = ("log", "ln", "exp", "sin", "cos", "tan", "max", "min", "det", "arg")
_BIG_OPERATORS = ("Σ", "Π")
# Binary operators and relations are spaced whatever the source does: `u\cdot v` is u ⋅ v.
_OPERATORS = {
    "cdot": "⋅",
    "times": "×",
    "ne": "≠",
    "neq": "≠",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "approx": "≈",
    "in": "∈",
    "to": "→",
    "sim": "∼",
}
_SYMBOLS = {
    "|": "‖",  # \| is the norm's double bar
    "Vert": "‖",
    "sum": "Σ",
    "prod": "Π",
    "top": "⊤",
    "quad": "\u2003",
    "qquad": "\u2003\u2003",
    ",": " ",
    ":": " ",
    ";": " ",
    " ": " ",
    "!": "",
    "\\": "\n",
    # Sizes of brackets: the bracket itself follows as text.
    "left": "",
    "right": "",
    "big": "",
    "Big": "",
    "bigg": "",
    "Bigg": "",
}
# `n_\\text{in}` means `n_{\\text{in}}`: LaTeX takes the macro and its argument as the script, but a
# parser that reads one token would take the macro alone.
_SCRIPT_MACRO = re.compile(r"([_^])\s*(\\[A-Za-z]+\s*\{[^{}]*\})")
_SCRIPTS = re.escape("".join(sorted(_SCRIPT_CHARACTERS)))
# One factor, which a fraction or a root needs no brackets around: a number, a letter (with accents
# and scripts), a word in a script (n_in), a norm or absolute value without spaces.
_FACTOR = re.compile(
    rf"(\d+(\.\d+)?|[^\W\d_][\u0300-\u036f]*|‖[^‖\s]+‖|\|[^|\s]+\|)"
    rf"([{_SCRIPTS}]*|[_^]\w+|[_^]\([^()]*\))"
)
_WORD = re.compile(r"[A-Za-z0-9]+")
# Runs of spaces are one space, and none is needed beside the wide space of `\quad`.
_SPACES = re.compile(r"[ \t]*(\u2003+)[ \t]*|[ \t]+")


def latex_to_unicode(latex: str) -> str:
    """One formula (the text between `$` signs) as Unicode text; line breaks only where `\\\\`."""
    try:
        nodes = _parse(latex)
    except ValueError:
        return latex  # unreadable LaTeX is still better shown than lost
    text: str = _converter().nodelist_to_text(nodes)
    lines = (_SPACES.sub(lambda m: m.group(1) or " ", line).strip() for line in text.split("\n"))
    # NFC composes accents where Unicode has one character (û), which terminals draw best.
    return unicodedata.normalize("NFC", "\n".join(lines))


def unknown_macros(latex: str) -> set[str]:
    """The macros and environments in `latex` that have no text form here (they would vanish).

    Raises ValueError when pylatexenc cannot read `latex` at all.
    """
    context = _converter().latex_context
    unknown: set[str] = set()
    pending = _parse(latex)
    while pending:
        node = pending.pop()
        if node is None:
            continue
        is_macro = node.isNodeType(latexwalker.LatexMacroNode)
        if is_macro and context.get_macro_spec(node.macroname) is None:
            unknown.add("\\" + node.macroname)
        is_environment = node.isNodeType(latexwalker.LatexEnvironmentNode)
        if is_environment and context.get_environment_spec(node.environmentname) is None:
            unknown.add(node.environmentname)
        pending += getattr(node, "nodelist", None) or []
        arguments = getattr(node, "nodeargd", None)
        pending += arguments.argnlist if arguments and arguments.argnlist else []
    return unknown


def _parse(latex: str) -> list[Any]:
    """pylatexenc's node tree of `latex`; ValueError when it cannot read it."""
    # A line break in the source is a space, as in LaTeX.
    source = _SCRIPT_MACRO.sub(r"\1{\2}", latex.replace("\n", " "))
    walker = latexwalker.LatexWalker(source, latex_context=_walker_context())
    try:
        nodes: list[Any] = walker.get_latex_nodes()[0]
    # Tolerant parsing still fails on some truncated input: `\verb` at the end is an IndexError.
    except (latexwalker.LatexWalkerError, IndexError) as exc:
        raise ValueError(f"cannot read the LaTeX {latex!r}: {exc}") from exc
    return nodes


class _UnicodeMath(LatexNodes2Text):  # type: ignore[misc]  # pylatexenc has no type hints
    """pylatexenc's converter with spacing that keeps math readable: `u ⋅ v`, `cos θ`, `1/n Σ`."""

    def nodelist_to_text(self, nodelist: list[Any]) -> str:
        text = ""
        previous: Any = None
        for node in nodelist:
            piece: str = self.node_to_text(node)
            joined = piece and text and not text[-1].isspace() and not piece[0].isspace()
            if joined and _spaced(previous, text, node, piece):
                text += " "
            text += piece
            previous = node
        return text


def _is_macro(node: Any, names: tuple[str, ...] | None = None) -> bool:
    return (
        node is not None
        and node.isNodeType(latexwalker.LatexMacroNode)
        and (names is None or node.macroname in names)
    )


def _ends_with_space(node: Any) -> bool:
    """Whether the source has a space after `node`, which the parser kept on its last macro."""
    if _is_macro(node):
        arguments = node.nodeargd.argnlist if node.nodeargd else []
        return bool(node.macro_post_space) and not any(arguments)
    if node is not None and node.isNodeType(latexwalker.LatexSpecialsNode) and node.nodeargd:
        return _ends_with_space(node.nodeargd.argnlist[-1])
    return False


def _spaced(previous: Any, text: str, node: Any, piece: str) -> bool:
    """Whether a space belongs between `text`, which ends with node `previous`, and `piece`.

    LaTeX drops the space after a macro and sets its own; text has to say it: `\\cdot v` is
    `⋅ v`, `\\cos\\theta` is `cos θ`, `\\frac{1}{n}\\sum` is `1/n Σ`.
    """
    if _ends_with_space(previous):
        return True
    starts_operand = piece[0] not in _SCRIPT_CHARACTERS and (piece[0].isalnum() or piece[0] in "Σ")
    if _is_macro(previous, _OPERATOR_NAMES) and starts_operand:
        return True
    if _is_macro(node, _OPERATOR_NAMES) or piece.startswith(_BIG_OPERATORS):
        unary_sign = text[-1] in "+-" and text[-2:-1] in ("", " ", "(", "[")
        return not (text[-1] in "([{" or unary_sign)
    return False


def _script(node: Any, l2tobj: Any) -> str:
    """`_` and `^`: Unicode sub- and superscripts where every character has one, else `_word` or
    `^(expression)`. A `\\text{...}` script is a word, so `n_\\text{in}` stays n_in."""
    table = _SUPERSCRIPTS if node.specials_chars == "^" else _SUBSCRIPTS
    argument = node.nodeargd.argnlist[0] if node.nodeargd and node.nodeargd.argnlist else None
    text: str = l2tobj.node_arg_to_text(node, 0).strip() if argument is not None else ""
    is_word = argument is not None and "\\text" in argument.latex_verbatim()
    compact = text.replace(" ", "")
    if compact and not is_word and all(char in table for char in compact):
        return "".join(table[char] for char in compact)
    if len(text) <= 1 or _WORD.fullmatch(text) or _parenthesized(text):
        return f"{node.specials_chars}{text}"
    return f"{node.specials_chars}({text})"


def _parenthesized(text: str) -> bool:
    """Whether `text` is one bracketed group, such as `(x - μ)` (a script may follow it)."""
    if not text.startswith("("):
        return False
    depth = 0
    for position, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return all(c in _SCRIPT_CHARACTERS for c in text[position + 1 :])
    return False


def _operand(text: str) -> str:
    """A fraction's numerator or denominator, or a root's radicand: bracketed unless one factor."""
    text = text.strip()
    atomic = not text or _FACTOR.fullmatch(text) or _parenthesized(text)
    return text if atomic else f"({text})"


def _fraction(node: Any, l2tobj: Any) -> str:
    top, bottom = (l2tobj.node_arg_to_text(node, k) for k in (0, 1))
    return f"{_operand(top)}/{_operand(bottom)}"


def _root(node: Any, l2tobj: Any) -> str:
    """√x, ∛x, ∜x, and ⁿ√x for any other index (`\\sqrt[n]{x}`)."""
    index = str(l2tobj.node_arg_to_text(node, 0) or "").strip()
    radicand = _operand(l2tobj.node_arg_to_text(node, 1))
    if not index or index == "2":
        return "√" + radicand
    if index in ("3", "4"):
        return {"3": "∛", "4": "∜"}[index] + radicand
    if all(character in _SUPERSCRIPTS for character in index):
        return "".join(_SUPERSCRIPTS[c] for c in index) + "√" + radicand
    return f"({radicand})^(1/{index})"


def _cases(node: Any, l2tobj: Any) -> str:
    """`\\begin{cases} a & x < 0 \\\\ b & x ≥ 0 \\end{cases}` as `(a if x < 0; b if x ≥ 0)`."""
    rows = []
    for row in _split_nodes(node.nodelist, "\\\\"):
        value, *condition = _split_nodes(row, "&")
        text = str(l2tobj.nodelist_to_text(value)).strip()
        when = " ".join(str(l2tobj.nodelist_to_text(c)).strip() for c in condition).strip()
        if text or when:
            rows.append(f"{text} if {when}" if when else text)
    return "(" + "; ".join(rows) + ")"


def _split_nodes(nodes: list[Any], separator: str) -> list[list[Any]]:
    """Nodes split at `&` (a specials node) or `\\\\` (a macro node)."""
    parts: list[list[Any]] = [[]]
    for node in nodes or []:
        is_amp = separator == "&" and node.isNodeType(latexwalker.LatexSpecialsNode)
        is_break = separator != "&" and node.isNodeType(latexwalker.LatexMacroNode)
        if (is_amp and node.specials_chars == "&") or (is_break and node.macroname == "\\"):
            parts.append([])
        else:
            parts[-1].append(node)
    return parts


def _accent(mark: str) -> Any:
    def accent(node: Any, l2tobj: Any) -> str:
        return str(l2tobj.node_arg_to_text(node, 0)) + mark

    return accent


def _argument(node: Any, l2tobj: Any) -> str:
    return str(l2tobj.node_arg_to_text(node, 0))


@cache
def _walker_context() -> Any:
    """pylatexenc's LaTeX grammar, plus scripts that take an argument and the `\\dfrac` forms."""
    context = latexwalker.get_default_latex_context_db()
    script_argument = macrospec.MacroStandardArgsParser("{")
    context.add_context_category(
        "mlpath-math",
        prepend=True,
        macros=[macrospec.MacroSpec(name, "{{") for name in ("dfrac", "tfrac")],
        specials=[macrospec.SpecialsSpec(char, args_parser=script_argument) for char in "_^"],
    )
    return context


@cache
def _converter() -> _UnicodeMath:
    context = get_default_latex_context_db()
    macros = [MacroTextSpec(name, simplify_repl=repl) for name, repl in _SYMBOLS.items()]
    macros += [MacroTextSpec(name, simplify_repl=f" {op} ") for name, op in _OPERATORS.items()]
    macros += [MacroTextSpec(name, simplify_repl=_argument) for name in _AS_WRITTEN]
    macros += [MacroTextSpec(name, simplify_repl=_fraction) for name in ("frac", "dfrac", "tfrac")]
    macros += [
        MacroTextSpec("sqrt", simplify_repl=_root),
        MacroTextSpec("hat", simplify_repl=_accent("\u0302")),
        MacroTextSpec("bar", simplify_repl=_accent("\u0304")),
        MacroTextSpec("tilde", simplify_repl=_accent("\u0303")),
    ]
    context.add_context_category(
        "mlpath-math",
        prepend=True,
        macros=macros,
        environments=[EnvironmentTextSpec("cases", simplify_repl=_cases)],
        specials=[SpecialsTextSpec(char, simplify_repl=_script) for char in "_^"],
    )
    return _UnicodeMath(latex_context=context, math_mode="text")
