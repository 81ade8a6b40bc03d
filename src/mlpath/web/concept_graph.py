"""The concept map as an SVG drawing: concepts in columns by depth, arrows from prerequisites.

Depth is the longest chain of prerequisites below a concept, so every arrow points rightwards.
Nodes are coloured by the learner's level; research-depth concepts have a dashed outline.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from html import escape

from mlpath.course.catalog import Concept

COLUMN, ROW, WIDTH, HEIGHT = 190, 30, 170, 22


def _depths(concepts: Mapping[str, Concept]) -> dict[str, int]:
    @cache
    def depth(concept_id: str) -> int:
        requires = [r for r in concepts[concept_id].requires if r in concepts]
        return 1 + max((depth(r) for r in requires), default=-1)

    return {cid: depth(cid) for cid in concepts}


def concept_graph_svg(concepts: Mapping[str, Concept], levels: Mapping[str, str]) -> str:
    depths = _depths(concepts)
    columns: dict[int, list[str]] = {}
    for cid in concepts:
        columns.setdefault(depths[cid], []).append(cid)
    place: dict[str, tuple[int, int]] = {}
    for column, ids in columns.items():
        for row, cid in enumerate(sorted(ids, key=lambda c: (concepts[c].area, c))):
            place[cid] = (10 + column * COLUMN, 10 + row * ROW)
    width = 20 + (max(columns) + 1) * COLUMN
    height = 20 + max(len(ids) for ids in columns.values()) * ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="concept-graph" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Concept graph: prerequisites point to what builds on them">'
        '<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" class="arrowhead"/>'
        "</marker></defs>"
    ]
    for cid, concept in concepts.items():
        x2, y2 = place[cid]
        for required in concept.requires:
            if required in place:
                x1, y1 = place[required]
                parts.append(
                    f'<line class="edge" x1="{x1 + WIDTH}" y1="{y1 + HEIGHT / 2}" '
                    f'x2="{x2}" y2="{y2 + HEIGHT / 2}" marker-end="url(#arrow)"/>'
                )
    for cid, concept in concepts.items():
        x, y = place[cid]
        level = levels.get(cid, "not started").replace(" ", "-")
        research = "" if concept.essential else " research"
        label = concept.title if len(concept.title) <= 26 else concept.title[:25] + "…"
        parts.append(
            f'<a href="/why?target={escape(cid)}"><g class="node level-{level}{research}">'
            f"<title>{escape(cid)}: {escape(concept.title)} ({escape(levels.get(cid, ''))})"
            f'</title><rect x="{x}" y="{y}" width="{WIDTH}" height="{HEIGHT}" rx="5"/>'
            f'<text x="{x + 6}" y="{y + 15}">{escape(label)}</text></g></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
