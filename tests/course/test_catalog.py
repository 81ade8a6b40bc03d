from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mlpath.course.catalog import curriculum_root, load_catalog
from mlpath.errors import CatalogError
from tests.conftest import write_lesson


def test_the_shipped_curriculum_is_consistent() -> None:
    catalog = load_catalog()
    ids = [lesson.meta.id for lesson in catalog.lessons]
    assert {"la.vectors", "la.dot-product", "la.matmul"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert len(catalog.concepts) > 100
    assert catalog.lesson("la.dot-product") is not None


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "curriculum"
    root.mkdir()
    shutil.copy(curriculum_root() / "concepts.yaml", root / "concepts.yaml")
    (root / "01-m").mkdir()
    (root / "01-m" / "module.yaml").write_text("title: M\n")
    return root


def test_problems_are_all_reported_with_file_and_line(course: Path) -> None:
    write_lesson(course / "01-m", "a.md", "Text\n", lesson_id="m.same")
    write_lesson(course / "01-m", "b.md", "Text\n", lesson_id="m.same")
    unknown = write_lesson(course / "01-m", "c.md", "Text\n", lesson_id="m.c")
    unknown.write_text(unknown.read_text().replace("needs: []", "needs: [la.vectros]"))
    write_lesson(
        course / "01-m",
        "d.md",
        "```python\nx\n```\n\n![Figure 1](d.figures/fig-1.png)\n",
        lesson_id="m.d",
    )
    (course / "02-empty").mkdir()

    with pytest.raises(CatalogError) as caught:
        load_catalog(course)
    problems = caught.value.problems
    assert any("b.md:2: the lesson id 'm.same' is also used by" in p for p in problems)
    assert any("c.md:5: 'needs' names the unknown concept 'la.vectros'" in p for p in problems)
    assert any("d.md:9: the recorded figure d.figures/fig-1.png is missing" in p for p in problems)
    assert any("02-empty/module.yaml: missing" in p for p in problems)
    assert len(load_catalog(course, strict=False).problems) == len(problems)


def test_concept_cycles_and_unknown_prerequisites_are_reported(course: Path) -> None:
    (course / "concepts.yaml").write_text(
        "- {id: a, title: A, area: x, essential: true, requires: [b]}\n"
        "- {id: b, title: B, area: x, essential: true, requires: [a, zz]}\n"
    )
    problems = load_catalog(course, strict=False).problems
    assert any("requires the unknown concept 'zz'" in p for p in problems)
    assert any("form a cycle" in p for p in problems)
