"""LaTeX to Unicode text, on formulas from the course's lessons and checkpoint prompts."""

# The expected strings are Unicode math, whose symbols look like ASCII letters on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import re

import pytest

from mlpath.course.catalog import load_catalog
from mlpath.course.math_text import latex_to_unicode, unknown_macros
from mlpath.grade.loader import load_checkpoints

CASES = [
    # norms, \cdot and \cos (la.dot-product, la.cosine-similarity)
    (
        r"\mathbf{u} \cdot \mathbf{v} = \|\mathbf{u}\|\,\|\mathbf{v}\|\cos\theta",
        "u ⋅ v = ‖u‖ ‖v‖ cos θ",
    ),
    (
        r"\cos\theta = \frac{\mathbf{u} \cdot \mathbf{v}}{\|\mathbf{u}\|\,\|\mathbf{v}\|}.",
        "cos θ = (u ⋅ v)/(‖u‖ ‖v‖).",
    ),
    (r"\cos\theta = \dfrac{u \cdot v}{\|u\|\,\|v\|}", "cos θ = (u ⋅ v)/(‖u‖ ‖v‖)"),
    (
        r"\hat{\mathbf{u}} = \frac{\mathbf{u}}{\|\mathbf{u}\|}, \qquad \|\hat{\mathbf{u}}\| = 1.",
        "û = u/‖u‖,\u2003\u2003‖û‖ = 1.",
    ),
    # sums, roots and subscripts (la.norm)
    (
        r"\|\mathbf{v}\|_2 = \sqrt{v_1^2 + v_2^2 + \dots + v_n^2}",
        "‖v‖₂ = √(v₁² + v₂² + … + vₙ²)",
    ),
    (r"\|u - v\| = \sqrt{\sum_i (u_i - v_i)^2}", "‖u - v‖ = √(Σᵢ (uᵢ - vᵢ)²)"),
    (r"\|\mathbf{v}\|_p = \left(\sum_i |v_i|^p\right)^{1/p}", "‖v‖ₚ = (Σᵢ |vᵢ|ᵖ)^(1/p)"),
    (r"\|\mathbf{v}\|_\infty = \max_i |v_i|", "‖v‖_∞ = maxᵢ |vᵢ|"),
    (r"\sqrt{3^2 + 4^2} = \sqrt{25} = 5", "√(3² + 4²) = √25 = 5"),
    (r"\sqrt[3]{8} = 2,\ \sqrt[n]{a},\ \sqrt[4]{x + 1}", "∛8 = 2, ⁿ√a, ∜(x + 1)"),
    (
        r"\begin{cases} S_{ij} & j \le i \\ -\infty & j > i \end{cases}",
        "(Sᵢⱼ if j ≤ i; -∞ if j > i)",
    ),
    # matrix entries, the transpose, \ne (la.matmul, la.matrices)
    (r"C_{ij} = \sum_{k=1}^{n} A_{ik} B_{kj}.", "Cᵢⱼ = Σₖ₌₁ⁿ Aᵢₖ Bₖⱼ."),
    (r"(A^\top)_{ij} = A_{ji}", "(Aᵀ)ᵢⱼ = Aⱼᵢ"),
    (r"A^{\mathsf{T}}\mathbf{x}", "Aᵀx"),
    (r"AB \ne BA", "AB ≠ BA"),
    (r"A \in \mathbb{R}^{m \times n}", "A ∈ ℝ^(m × n)"),
    (
        r"A = \begin{pmatrix} 1 & 2 & 0 \\ 3 & 1 & 2 \end{pmatrix}",
        "A = [ 1 2 0; 3 1 2 ]",
    ),
    # Greek letters, powers of ten, fractions with compound parts (np.numerics, np.randomness)
    (r"\varepsilon_{64} = 2^{-52} \approx 2.2 \times 10^{-16}", "ε₆₄ = 2⁻⁵² ≈ 2.2 × 10⁻¹⁶"),
    (
        r"p_{\text{normal}}(x) = \frac{1}{\sigma\sqrt{2\pi}}\,"
        r"\exp\!\left(-\frac{(x - \mu)^2}{2\sigma^2}\right)",
        "p_normal(x) = 1/(σ√(2π)) exp(-(x - μ)²/(2σ²))",
    ),
    (
        r"\operatorname{softmax}(\mathbf{z})_i = \frac{e^{z_i}}{\sum_j e^{z_j}}",
        "softmax(z)ᵢ = e^(zᵢ)/(Σⱼ e^(zⱼ))",
    ),
    (
        r"\log \prod_{i=1}^{n} p_i = \sum_{i=1}^{n} \log p_i",
        "log Πᵢ₌₁ⁿ pᵢ = Σᵢ₌₁ⁿ log pᵢ",
    ),
    (r"\text{MSE} = \frac{1}{n}\sum_i (\hat{y}_i - y_i)^2", "MSE = 1/n Σᵢ (ŷᵢ - yᵢ)²"),
    (r"x_1, \dots, x_N \sim \mathcal{N}(\mu, \sigma^2)", "x₁, …, x_N ∼ N(μ, σ²)"),
    (r"A = U \Sigma V^\top", "A = U Σ Vᵀ"),
    (r"A\mathbf{v} = \lambda\mathbf{v}", "Av = λv"),
    # a word as a subscript stays a word (nn.dense-layer)
    (
        r"z_i = \sum_{j=1}^{n_\text{in}} W_{ij}\, x_j + b_i.",
        "zᵢ = Σⱼ₌₁^(n_in) Wᵢⱼ xⱼ + bᵢ.",
    ),
    (r"1/\sqrt{n_\text{in}}", "1/√n_in"),
    # a line break in the source is a space; `\\` is a line break
    (
        r"\log \sum_i e^{x_i}" + "\n" + r"= m + \log \sum_i e^{x_i - m}",
        "log Σᵢ e^(xᵢ) = m + log Σᵢ e^(xᵢ - m)",
    ),
    (r"a = 1, \\ b = 2", "a = 1,\nb = 2"),
    (r"\texttt{recall@k} = \frac{|A \cap E|}{k}", "recall@k = (|A ∩ E|)/k"),
]


@pytest.mark.parametrize(("latex", "expected"), CASES, ids=[latex for latex, _ in CASES])
def test_course_formulas_read_as_unicode(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected


def _course_formulas() -> list[str]:
    texts = [lesson.text for lesson in load_catalog().lessons]
    for checkpoint in load_checkpoints().values():
        texts += [checkpoint.prompt, *checkpoint.hints]
    math = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)
    found = {m.group(1) or m.group(2) for text in texts for m in math.finditer(text)}
    # A formula in a block quote carries the quote's markers on its later lines.
    return sorted(re.sub(r"\n>[ \t]?", "\n", formula) for formula in found)


def test_every_formula_in_the_course_has_a_text_form() -> None:
    formulas = _course_formulas()
    assert len(formulas) > 200
    unknown = {formula: unknown_macros(formula) for formula in formulas}
    assert {formula: names for formula, names in unknown.items() if names} == {}
    leftovers = {formula: latex_to_unicode(formula) for formula in formulas}
    assert {f: text for f, text in leftovers.items() if "\\" in text or "{" in text} == {}


def test_unknown_macros_are_named() -> None:
    assert unknown_macros(r"\frac{1}{2} + \foo{x} \begin{weird}y\end{weird}") == {"\\foo", "weird"}


def test_malformed_latex_still_reads_as_text() -> None:
    assert latex_to_unicode("\\verb") == "\\verb"  # pylatexenc cannot read it: shown as written
    with pytest.raises(ValueError, match="cannot read the LaTeX"):
        unknown_macros("\\verb")
    assert latex_to_unicode("x_") == "x_"
    assert latex_to_unicode(r"\frac{1}{2") == "1/2"
    assert latex_to_unicode("") == ""
