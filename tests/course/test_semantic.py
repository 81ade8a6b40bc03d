"""Course search by meaning: the MiniLM index over three real lessons, cached by content, fused
with word search, and what a reader sees while it is built or when it cannot be."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mlpath.core import Mlpath
from mlpath.course.catalog import curriculum_root
from mlpath.course.semantic import reciprocal_rank_fusion
from tests.conftest import PILOT_LESSONS, PILOT_MODULE

# Asks for the dot product's "what it measures" section in other words: word search ranks
# another section first.
PARAPHRASE = "a single number saying how much two signals agree"
TARGET = "what-it-measures-alignment"


@pytest.fixture(autouse=True)
def meaning_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_SEARCH_MEANING", "true")


@pytest.fixture
def small_course(tmp_path: Path) -> Path:
    """The concept files and the three pilot lessons: a course whose index builds in seconds."""
    root = tmp_path / "curriculum"
    module = root / PILOT_MODULE.name
    module.mkdir(parents=True)
    for name in ("concepts.yaml", "aliases.yaml", "code-map.yaml"):
        shutil.copy(curriculum_root() / name, root)
    shutil.copy(PILOT_MODULE / "module.yaml", module)
    for stem in PILOT_LESSONS:
        shutil.copy(PILOT_MODULE / f"{stem}.md", module)
    return root


@pytest.fixture
def core(small_course: Path) -> Iterator[Mlpath]:
    with Mlpath(root=small_course, warm=False) as core:
        yield core


def test_reciprocal_rank_fusion_adds_one_over_k_plus_rank() -> None:
    # 7: 1/61 + 1/62; 3: 1/62 + 1/61; 5: 1/63; ties keep the first ranking's order.
    assert reciprocal_rank_fusion([[7, 3, 5], [3, 7]]) == [7, 3, 5]
    assert reciprocal_rank_fusion([[1, 2], [2]], k=0) == [2, 1]  # 1/1 + 1/2 beats 1/1
    assert reciprocal_rank_fusion([]) == []


def test_meaning_finds_what_words_miss_and_the_index_is_cached(core: Mlpath) -> None:
    progress: list[tuple[int, int]] = []
    words = core.search(PARAPHRASE, 3, mode="words")
    assert not words.by_meaning and words.note is None
    meaning = core.search(
        PARAPHRASE,
        3,
        mode="meaning",
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert meaning.by_meaning
    # every section embedded twice: its body, then its heading
    assert progress and progress[-1][0] == progress[-1][1] == 2 * len(core.search_index.sections)
    assert meaning.hits[0].section.anchor == TARGET, meaning.hits
    assert words.hits[0].section.anchor != TARGET
    hybrid = core.search(PARAPHRASE, 10)  # fused: what meaning found is among the results
    assert hybrid.by_meaning and TARGET in {h.section.anchor for h in hybrid.hits}
    assert (core.settings.cache_dir / "search" / "sections.npz").is_file()


def test_an_unchanged_course_loads_its_index_and_an_edit_embeds_only_what_changed(
    small_course: Path,
) -> None:
    calls: list[tuple[int, int]] = []

    def record(done: int, total: int) -> None:
        calls.append((done, total))

    with Mlpath(root=small_course, warm=False) as first:
        sections = first.build_search_index(record)
    assert calls[-1] == (2 * sections, 2 * sections)  # bodies, then headings
    index = first.settings.cache_dir / "search" / "sections.npz"
    built = index.stat().st_mtime_ns

    calls.clear()
    with Mlpath(root=small_course, warm=False) as second:
        second.build_search_index(record)
    assert calls == [] and index.stat().st_mtime_ns == built  # loaded, not rebuilt

    lesson = small_course / PILOT_MODULE.name / f"{PILOT_LESSONS[0]}.md"
    lesson.write_text(lesson.read_text() + "\n## A new section\n\nCosine of unit vectors.\n")
    with Mlpath(root=small_course, warm=False) as third:
        assert third.build_search_index(record) == sections + 1
        found = third.search("cosine of unit vectors", 1, mode="meaning").hits[0]
    assert calls == [(1, 2), (2, 2)]  # only the new section was embedded: body, heading
    assert found.section.heading == "A new section"


def test_without_the_model_search_says_so_and_answers_by_words(
    core: Mlpath, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlpath.toolkit import minilm

    def missing() -> Path:
        raise minilm.ModelMissing("The sentence model is not installed: run `make run`.")

    monkeypatch.setattr(minilm, "model_dir", missing)
    minilm.load_weights.cache_clear()
    try:
        results = core.search("cosine", 3)
    finally:
        minilm.load_weights.cache_clear()
    assert not results.by_meaning and results.hits
    assert results.note is not None
    assert results.note.startswith("Search by meaning is off: The sentence model is not installed")


def test_the_setting_turns_meaning_off(small_course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_SEARCH_MEANING", "false")
    with Mlpath(root=small_course, warm=False) as core:
        results = core.search(PARAPHRASE, 3)
    assert not results.by_meaning and results.note is None
    assert not (core.settings.cache_dir / "search").exists()


def test_the_web_page_answers_by_words_while_the_index_is_built(core: Mlpath) -> None:
    with TestClient(core.app(), base_url="http://127.0.0.1") as client:
        first = client.get("/search", params={"q": PARAPHRASE})
        assert first.status_code == 200
        assert "Search by meaning is being prepared" in first.text
        core.meaning_search.get(wait=True)  # the background build finishes
        ready = client.get("/search", params={"q": PARAPHRASE})
    assert "being prepared" not in ready.text
    assert f"/lessons/la.dot-product#{TARGET}" in ready.text
