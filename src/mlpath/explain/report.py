"""The human-readable report: each concept in order of first use, with the lines that use it."""

from __future__ import annotations

from mlpath.explain.model import Explanation

NOTHING_FOUND = (
    "No NumPy, SciPy, scikit-learn or PyTorch code that mlpath knows was found in this file."
)


def render_text(explanation: Explanation, concept_titles: dict[str, str]) -> str:
    """Render the report as plain text.

    Args:
        explanation: what `explain_source` or `explain_file` found.
        concept_titles: concept id -> title (a concept without a title shows its id alone).
    """
    lines = [f"The math behind your code ({explanation.filename})", ""]
    groups = explanation.by_concept()
    if not groups:
        lines.append(NOTHING_FOUND)
    for concept, findings in groups.items():
        title = concept_titles.get(concept)
        lines.append(f"{concept} — {title}" if title else concept)
        places = [f"{explanation.filename}:{finding.line}" for finding in findings]
        width = max(len(place) for place in places)
        codes = max(len(finding.code) for finding in findings)
        for place, finding in zip(places, findings, strict=True):
            lines.append(f"  {place:<{width}}  {finding.code:<{codes}}  ({finding.says})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
