"""The concept map as an SVG drawing: a layered graph, prerequisites to the left.

A concept's column is the longest chain of prerequisites below it, so every arrow points
rightwards. Within a column, concepts start grouped by area and are then reordered by the
average position of their neighbours (the barycentre heuristic of layered graph drawing), which
removes most crossings. Labels are wrapped, never cut; the level is shown by a mark as well as a
colour; research-depth concepts have a dashed outline.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from functools import cache
from html import escape

from mlpath.course.catalog import Concept

COLUMN, WIDTH, LINE, PAD, GAP = 250, 205, 14, 6, 10
CHARS_PER_LINE = 30
SWEEPS = 8
MARKS = {"learning": "◐ ", "learned": "✓ ", "mastered": "★ "}


def _depths(concepts: Mapping[str, Concept]) -> dict[str, int]:
    @cache
    def depth(concept_id: str) -> int:
        requires = [r for r in concepts[concept_id].requires if r in concepts]
        return 1 + max((depth(r) for r in requires), default=-1)

    return {cid: depth(cid) for cid in concepts}


def _order(concepts: Mapping[str, Concept], columns: dict[int, list[str]]) -> None:
    """Reorder each column by the mean position of its neighbours, sweeping both ways."""
    neighbours: dict[str, list[str]] = {cid: [] for cid in concepts}
    for cid, concept in concepts.items():
        for required in concept.requires:
            if required in concepts:
                neighbours[cid].append(required)
                neighbours[required].append(cid)
    for sweep in range(SWEEPS):
        keys = sorted(columns) if sweep % 2 == 0 else sorted(columns, reverse=True)
        position = {cid: i for ids in columns.values() for i, cid in enumerate(ids)}
        for key in keys:
            ids = columns[key]
            centres = {cid: _centre(cid, neighbours, position, ids) for cid in ids}
            ids.sort(key=centres.__getitem__)
            position.update({cid: i for i, cid in enumerate(ids)})


def _centre(
    cid: str, neighbours: dict[str, list[str]], position: dict[str, int], ids: list[str]
) -> float:
    """Where a concept wants to sit: the mean position of the concepts it is linked to."""
    near = [position[n] for n in neighbours[cid]]
    return sum(near) / len(near) if near else float(ids.index(cid))


def _lines(title: str) -> list[str]:
    wrapped = textwrap.wrap(title, CHARS_PER_LINE, break_on_hyphens=False, break_long_words=False)
    return wrapped or [title]


def concept_graph_svg(concepts: Mapping[str, Concept], levels: Mapping[str, str]) -> str:
    depths = _depths(concepts)
    columns: dict[int, list[str]] = {}
    for cid in sorted(concepts, key=lambda c: (concepts[c].area, c)):
        columns.setdefault(depths[cid], []).append(cid)
    _order(concepts, columns)
    labels = {
        cid: _lines(MARKS.get(levels.get(cid, ""), "") + concepts[cid].title) for cid in concepts
    }
    box: dict[str, tuple[float, float, float]] = {}  # x, y, height
    for column, ids in columns.items():
        y = 10.0
        for cid in ids:
            tall = PAD * 2 + LINE * len(labels[cid])
            box[cid] = (10 + column * COLUMN, y, tall)
            y += tall + GAP
    width = 20 + (max(columns) + 1) * COLUMN
    height = 20 + max(y + h for _, y, h in box.values())
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="concept-graph" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        'aria-label="Concept graph: prerequisites point to what builds on them (the list below '
        'has the same concepts)">'
        '<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" class="arrowhead"/>'
        "</marker></defs>"
    ]
    for cid, concept in concepts.items():
        x2, y2, h2 = box[cid]
        for required in concept.requires:
            if required in box:
                x1, y1, h1 = box[required]
                start, end = (x1 + WIDTH, y1 + h1 / 2), (x2, y2 + h2 / 2)
                bend = (end[0] - start[0]) / 2
                parts.append(
                    f'<path class="edge" d="M{start[0]:.0f},{start[1]:.0f} '
                    f"C{start[0] + bend:.0f},{start[1]:.0f} {end[0] - bend:.0f},{end[1]:.0f} "
                    f'{end[0]:.0f},{end[1]:.0f}" marker-end="url(#arrow)"/>'
                )
    for cid, concept in concepts.items():
        x, y, h = box[cid]
        level = levels.get(cid, "not started")
        research = "" if concept.essential else " research"
        text = "".join(
            f'<tspan x="{x + 7:.0f}" y="{y + PAD + LINE * (i + 1) - 3:.0f}">{escape(line)}</tspan>'
            for i, line in enumerate(labels[cid])
        )
        # Not a tab stop: keyboard users have the list view, one stop per area.
        parts.append(
            f'<a href="/why?target={escape(cid)}" tabindex="-1">'
            f'<g class="node level-{level.replace(" ", "-")}{research}">'
            f"<title>{escape(cid)}: {escape(concept.title)} ({escape(level)})</title>"
            f'<rect x="{x}" y="{y:.0f}" width="{WIDTH}" height="{h}" rx="5"/>'
            f"<text>{text}</text></g></a>"
        )
    parts.append("</svg>")
    return "".join(parts)
