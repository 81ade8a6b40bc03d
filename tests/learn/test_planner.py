"""Which lesson the planner sends a learner to, on each path."""

from __future__ import annotations

from pathlib import Path

from mlpath.course.catalog import Catalog, Concept, Module
from mlpath.course.model import Lesson
from mlpath.course.parser import parse_lesson
from mlpath.learn.planner import plan_concepts


def _lesson(lesson_id: str, teaches: str) -> Lesson:
    text = (
        f"---\nid: {lesson_id}\ntitle: {lesson_id}\nteaches: [{teaches}]\nneeds: []\n"
        "minutes: 10\n---\n\nProse.\n"
    )
    return parse_lesson(text, Path(f"{lesson_id}.md"))


def test_the_engineering_path_takes_the_twin_of_a_research_depth_lesson() -> None:
    concepts = {
        "nn.mlp": Concept("nn.mlp", "MLP", "neural-nets", True, ()),
        "nn.backprop": Concept("nn.backprop", "Backprop", "neural-nets", False, ("nn.mlp",)),
    }
    by_hand = _lesson("by-hand", "nn.backprop, nn.mlp")
    twin = _lesson("with-autograd", "nn.mlp")
    catalog = Catalog(
        Path("."),
        concepts,
        [Module("06", "Apply", Path("."), [by_hand, twin])],  # type: ignore[list-item]
    )
    assert catalog.teachers("engineering")["nn.mlp"].meta.id == "with-autograd"
    assert catalog.teachers("research")["nn.mlp"].meta.id == "by-hand"
    assert catalog.teachers("engineering")["nn.backprop"].meta.id == "by-hand"
    steps = plan_concepts("mlp", ["nn.mlp"], catalog, set(), "engineering").steps
    assert [step.lesson_id for step in steps] == ["with-autograd"]
