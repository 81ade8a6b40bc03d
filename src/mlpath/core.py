"""The core object: one `Mlpath` owns the course and the machinery, and offers the use cases.

    with Mlpath(load_settings()) as mlpath:
        attempt = mlpath.check_file("la.dot-product.implement", Path("dot.py"))
        app = mlpath.app()                    # the web app, built on this object

The CLI, the web app and `mlpath.check` in a notebook only call these methods and present what
they return. Everything is built from `Settings` on first use and closed by `close()`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from mlpath.config import Settings, load_settings
from mlpath.errors import MlpathError, OutputError, UnknownLesson, did_you_mean

if TYPE_CHECKING:
    from fastapi import FastAPI

    from mlpath.course.catalog import Catalog
    from mlpath.course.model import Lesson
    from mlpath.course.search import Hit, SearchIndex
    from mlpath.course.semantic import MeaningSearch
    from mlpath.explain import Explanation
    from mlpath.grade.grader import Feedback, Grader
    from mlpath.grade.loader import Checkpoints
    from mlpath.grade.model import Checkpoint
    from mlpath.grade.sandbox import Check
    from mlpath.learn.diagnostic import DiagnosticResult
    from mlpath.learn.model import LearnerModel
    from mlpath.learn.planner import Plan
    from mlpath.lint import LintReport
    from mlpath.run import CellResult, Executor
    from mlpath.run.pool import SessionPool
    from mlpath.verify.runner import LessonOutcome, VerifyReport


@dataclass(frozen=True)
class ConceptChange:
    """What a passed attempt did to one concept: its level before and after, its next review."""

    concept: str
    title: str
    before: str
    after: str
    due: datetime | None


SearchMode = Literal["hybrid", "words", "meaning"]


@dataclass(frozen=True)
class SearchResults:
    """Search hits, whether meaning was part of their ranking, and if not, why (one sentence)."""

    hits: list[Hit]
    by_meaning: bool
    note: str | None = None


@dataclass(frozen=True)
class NextStep:
    """Where to go after a pass: the lesson, and an anchor in it (a checkpoint) or none."""

    title: str
    lesson_id: str
    anchor: str = ""


@dataclass(frozen=True)
class Attempt:
    """A graded attempt: the feedback, and why it was not recorded (None when it was).

    After a pass, `changes` says what it did to the learner's concepts and `next` what comes
    next; both are empty when the attempt failed or could not be recorded.
    """

    feedback: Feedback
    warning: str | None = None
    changes: tuple[ConceptChange, ...] = ()
    next: NextStep | None = None

    def notes(self, now: datetime | None = None) -> list[str]:
        """What follows the feedback in plain text: a held-back fix, what a pass changed, and
        what comes next."""
        lines = []
        if self.feedback.fix_held:
            lines.append("The exact fix comes with the last hint, or after your next try.")
        for change in self.changes:
            moved = (
                change.after
                if change.before == change.after
                else (f"{change.before} -> {change.after}")
            )
            review = f"; next review {review_in(change.due, now)}" if change.due else ""
            lines.append(f"{change.title}: {moved}{review}")
        if self.next is not None:
            lines.append(f"Next: {self.next.title}")
        return lines


def review_in(due: datetime, now: datetime | None = None) -> str:
    """`in 3 days (Dec 3)`, `in 5 hours`, `now`: when a review is due, for a person."""
    now = now or datetime.now(UTC)
    due = due if due.tzinfo else due.replace(tzinfo=UTC)
    hours = (due - now).total_seconds() / 3600
    if hours < 1:
        return "now"
    if hours < 36:
        return f"in {round(hours)} hour{'s' if round(hours) != 1 else ''}"
    return f"in {round(hours / 24)} days ({due:%b} {due.day})"


@dataclass(frozen=True)
class LessonState:
    drafts: dict[str, str]
    passed: list[str]
    levels: dict[str, str]


@dataclass(frozen=True)
class CodeExplanation:
    """`explain`: what a learner's file uses, and what is still to learn for all of it."""

    explanation: Explanation
    concepts: list[str]
    titles: dict[str, str]
    path: Plan


class Mlpath:
    """The course, its checkpoints, the executor, the grader, cell sessions and the learner.

    Args:
        settings: resolved settings (default: read now from the environment and config file).
        root: the curriculum folder (default: the one shipped with mlpath).
        learner: whose progress this is.
        warm: let the executor import what the lessons import before forking, for a long-lived
            object (the web app); a one-shot command is faster without.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        root: Path | None = None,
        learner: str = "default",
        warm: bool = True,
    ) -> None:
        self.settings = settings or load_settings()
        self._root = root
        self._learner_name = learner
        self._warm = warm

    # -- what it owns, built on first use ----------------------------------------------------

    @cached_property
    def catalog(self) -> Catalog:
        from mlpath.course.catalog import load_catalog

        return load_catalog(self._root, strict=False)

    @cached_property
    def checkpoints(self) -> Checkpoints:
        from mlpath.grade.loader import load_checkpoints

        return load_checkpoints(self.catalog.root)

    @cached_property
    def executor(self) -> Executor:
        from mlpath.course.imports import preload_modules
        from mlpath.run import Executor

        preload = preload_modules(self.catalog.lessons) if self._warm else []
        return Executor(
            jobs=self.settings.jobs,
            preload=preload,
            limits=self.settings.lesson_limits,
            cache_dir=self.settings.cache_dir,
        )

    @cached_property
    def grader(self) -> Grader:
        from mlpath.grade.grader import Grader

        return Grader(self.checkpoints, executor=self.executor, limits=self.settings.grade_limits)

    @cached_property
    def cells(self) -> SessionPool:
        """A learner's cells: one sandboxed session per key (a browser and a lesson)."""
        from mlpath.run.pool import SessionPool

        limits = replace(
            self.settings.web_cell_limits,
            sandbox=True,
            hidden_paths=self.grader.limits.hidden_paths,
        )
        return SessionPool(
            self.executor,
            limits,
            idle_seconds=self.settings.web_idle_minutes * 60,
            max_sessions=self.settings.web_sessions,
            memory_budget_mb=self.settings.web_memory_budget_mb or None,
            session_memory_mb=self.settings.web_memory_mb,
        )

    @cached_property
    def learner(self) -> LearnerModel:
        from mlpath.learn.model import LearnerModel

        return LearnerModel(
            self.settings, self._learner_name, catalog=self.catalog, checkpoints=self.checkpoints
        )

    @property
    def warnings(self) -> list[str]:
        """What a person should know although everything works (an in-memory database)."""
        return self.learner.warnings if "learner" in self.__dict__ else []

    def prepare(self) -> None:
        """Load the course, its checkpoints and the learner now, not on the first request."""
        self.learner.learner  # noqa: B018 -- reads the catalog and opens the store

    def start_in_background(self) -> None:
        """Start the executor's zygote on a thread, so a server answers at once and the
        learner's first cell does not wait for it."""
        threading.Thread(target=self.executor.start, name="mlpath-start", daemon=True).start()

    # -- the course ---------------------------------------------------------------------------

    def lesson(self, key: str) -> Lesson:
        """A lesson by id, file stem or path; an unknown key suggests the closest ids."""
        found = self.catalog.lesson(key)
        if found is None:
            ids = [lesson.meta.id for lesson in self.catalog.lessons]
            hint = did_you_mean(key, ids) or (
                f" `mlpath course` lists all {len(ids)}; the first is {ids[0]}."
            )
            raise UnknownLesson(f"no lesson '{key}'.{hint}")
        return found

    @cached_property
    def search_index(self) -> SearchIndex:
        from mlpath.course.search import SearchIndex

        return SearchIndex(self.catalog.lessons)

    @cached_property
    def meaning_search(self) -> MeaningSearch:
        from mlpath.course.semantic import MeaningSearch

        return MeaningSearch(self.search_index.sections, self.settings.cache_dir)

    def search(
        self,
        query: str,
        limit: int = 10,
        *,
        mode: SearchMode = "hybrid",
        wait: bool = True,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> SearchResults:
        """Lesson sections about `query`, best first: by words (BM25), by meaning (MiniLM) or
        both fused. The meaning index is built on first use: now, reporting `on_progress(done,
        total)`, or with `wait=False` in the background while words alone answer."""
        from mlpath.course.semantic import hybrid_search, meaning_only

        if mode == "words" or not self.settings.search_meaning:
            return SearchResults(self.search_index.search(query, limit), by_meaning=False)
        meaning = self.meaning_search.get(wait, on_progress)
        if meaning is None:
            note = self.meaning_search.status()
            return SearchResults(self.search_index.search(query, limit), False, note)
        if mode == "meaning":
            return SearchResults(meaning_only(self.search_index, meaning, query, limit), True)
        return SearchResults(hybrid_search(self.search_index, meaning, query, limit), True)

    def build_search_index(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Make the meaning index ready (from the cache, or built); the number of sections."""
        self.meaning_search.get(wait=True, on_progress=on_progress)
        if self.meaning_search.unavailable is not None:
            raise MlpathError(self.meaning_search.unavailable)
        return self.meaning_search.sections

    def teaching_lessons(self, concepts: Sequence[str]) -> dict[str, Lesson]:
        """Concept id -> the lesson that teaches it, for the concepts that have one."""
        teachers = self.catalog.teachers(self.learner.learner.path)
        return {concept: teachers[concept] for concept in concepts if concept in teachers}

    def checkpoint(self, checkpoint_id: str) -> Checkpoint:
        return self.grader.get(checkpoint_id)

    def catalog_data(self) -> dict[str, Any]:
        """Lessons, concepts and checkpoints with their ids and files (`mlpath catalog`)."""
        return {
            "lessons": [
                {
                    "id": lesson.meta.id,
                    "title": lesson.meta.title,
                    "file": str(lesson.path),
                    "module": module.slug,
                    "teaches": list(lesson.meta.teaches),
                    "needs": list(lesson.meta.needs),
                    "minutes": lesson.meta.minutes,
                    "cells": len(lesson.cells),
                }
                for module in self.catalog.modules
                for lesson in module.lessons
            ],
            "concepts": [
                {
                    "id": c.id,
                    "title": c.title,
                    "area": c.area,
                    "essential": c.essential,
                    "requires": list(c.requires),
                }
                for c in self.catalog.concepts.values()
            ],
            "checkpoints": [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "concepts": list(c.concepts),
                    "file": c.path,
                    "line": c.line,
                    "lesson_file": c.lesson,
                    "misconceptions": [m.id for m in c.misconceptions],
                }
                for c in self.checkpoints.values()
            ],
            "problems": [*self.catalog.problems, *self.checkpoints.problems],
        }

    # -- attempts: grade, then record ---------------------------------------------------------

    def _attempt(
        self,
        checkpoint_id: str,
        grade: Callable[[], Feedback],
        shown: str,
        placement: bool = False,
    ) -> Attempt:
        """Grade, then record the attempt; a store that cannot take it never hides the grade.

        Feedback teaches before it tells: the first failure at a checkpoint names the mistake
        and why it is wrong, and holds the exact fix back for the hints or the next failure.
        """
        feedback = grade()
        if feedback.unreadable:
            return Attempt(feedback, None)  # a slip in how it was typed is not a wrong answer
        before = self._stored(lambda: self.learner.concept_rows(), {})
        if feedback.fix and self._first_failure(checkpoint_id):
            feedback = replace(feedback, fix="", fix_held=True)
        warning = self.learner.try_record(
            checkpoint_id, feedback.passed, feedback.misconception, shown, placement
        )
        if not feedback.passed or warning is not None:
            return Attempt(feedback, warning)
        return Attempt(
            feedback, None, self._changes(checkpoint_id, before), self._next_after(checkpoint_id)
        )

    @staticmethod
    def _stored(read: Callable[[], Any], otherwise: Any) -> Any:
        """A read from the store, or `otherwise` when the store cannot answer (never raised:
        what a check shows must not depend on the store working)."""
        try:
            return read()
        except MlpathError:
            return otherwise

    def _first_failure(self, checkpoint_id: str) -> bool:
        """Whether the last attempt here passed or there was none: a new mistake."""
        try:
            last = self.learner.last_attempt(checkpoint_id)
        except MlpathError:
            return False  # without a store the fix could never be shown later: show it now
        return last is None or last.passed

    def _changes(self, checkpoint_id: str, before: dict[str, Any]) -> tuple[ConceptChange, ...]:
        from mlpath.learn.mastery import NOT_STARTED

        after = self._stored(lambda: self.learner.concept_rows(), {})
        changes = []
        for concept in self.checkpoint(checkpoint_id).concepts:
            if concept not in after or concept not in self.catalog.concepts:
                continue
            old = before[concept].level if concept in before else NOT_STARTED
            row = after[concept]
            title = self.catalog.concepts[concept].title
            changes.append(ConceptChange(concept, title, old, row.level, row.due))
        return tuple(changes)

    def _next_after(self, checkpoint_id: str) -> NextStep | None:
        """The next checkpoint of the lesson not yet passed, else the next lesson."""
        lesson = self.catalog.lesson(self.checkpoint(checkpoint_id).lesson)
        if lesson is None:
            return None
        passed = self._stored(lambda: self.learner.passed_checkpoints(), set())
        for ref in lesson.checkpoints:
            if ref.id != checkpoint_id and ref.id not in passed:
                return NextStep(
                    "the next checkpoint of this lesson", lesson.meta.id, f"cp-{ref.id}"
                )
        order = [item.meta.id for item in self.catalog.lessons]
        position = order.index(lesson.meta.id)
        if position + 1 < len(order):
            following = self.catalog.lessons[position + 1]
            return NextStep(following.meta.title, following.meta.id)
        return None

    def check_file(self, checkpoint_id: str, path: Path) -> Attempt:
        """Grade a learner's Python file (`mlpath check ID FILE`)."""
        self.checkpoint(checkpoint_id)  # an unknown id is a usage error, before reading files
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise MlpathError(f"{path}: cannot read it ({reason}); give a UTF-8 .py file") from exc
        return self._attempt(
            checkpoint_id,
            lambda: self.grader.check_source(checkpoint_id, source, path.name),
            source,
        )

    def check_text(self, checkpoint_id: str, text: str, placement: bool = False) -> Attempt:
        """Grade what a learner typed (a web form, a prompt): code or an answer. In the
        placement diagnostic (`placement`), a pass credits the concepts the question tests."""
        return self._attempt(
            checkpoint_id, lambda: self.grader.check_text(checkpoint_id, text), text, placement
        )

    def check_function(self, checkpoint_id: str, function: Callable[..., Any]) -> Attempt:
        """Grade a function from a notebook by its source (it is never called here)."""
        name = getattr(function, "__name__", "function")
        return self._attempt(
            checkpoint_id, lambda: self.grader.check_function(checkpoint_id, function), name
        )

    def check_value(self, checkpoint_id: str, value: Any) -> Attempt:
        """Grade a value from a notebook (a number, an option, a predicted text)."""
        return self._attempt(
            checkpoint_id, lambda: self.grader.check_answer(checkpoint_id, value), repr(value)
        )

    def hints(self, checkpoint_id: str) -> tuple[str, ...]:
        """The checkpoint's hints; after a failure with a known mistake, its exact fix last."""
        checkpoint = self.checkpoint(checkpoint_id)
        last = self._stored(lambda: self.learner.last_attempt(checkpoint_id), None)
        if last is None or last.passed or not last.misconception:
            return checkpoint.hints
        mistake = next((m for m in checkpoint.misconceptions if m.id == last.misconception), None)
        if mistake is None or not mistake.fix:
            return checkpoint.hints
        return (
            *checkpoint.hints,
            f"The fix for your last answer ({mistake.summary}): {mistake.fix}",
        )

    # -- saved work ---------------------------------------------------------------------------

    def lesson_state(self, lesson_id: str) -> LessonState:
        """What a lesson page shows of this learner: kept drafts, passed checkpoints, and the
        level of every lesson (for the course sidebar)."""
        lesson = self.lesson(lesson_id)
        levels = self.learner.levels()
        passed = self.learner.passed_checkpoints()
        return LessonState(
            drafts=self.learner.drafts(lesson.meta.id),
            passed=sorted(ref.id for ref in lesson.checkpoints if ref.id in passed),
            levels={
                item.meta.id: levels.get(item.meta.teaches[0], "not started")
                for item in self.catalog.lessons
                if item.meta.teaches
            },
        )

    def save_draft(self, lesson_id: str, slot: str, text: str) -> None:
        """Keep a cell's or an answer's text (`slot`: `cell-N` or `checkpoint:ID`)."""
        lesson = self.lesson(lesson_id)
        valid = {f"cell-{cell.index}" for cell in lesson.cells} | {
            f"checkpoint:{ref.id}" for ref in lesson.checkpoints
        }
        if slot not in valid:
            raise MlpathError(f"{lesson_id} has no place called {slot!r} to keep text in")
        self.learner.save_draft(lesson.meta.id, slot, text)

    # -- cells --------------------------------------------------------------------------------

    def run_cell(
        self,
        key: Hashable,
        code: str,
        cell: int | None = None,
        on_output: Callable[[str, str], None] | None = None,
    ) -> CellResult:
        """Run a learner's cell in the sandboxed session for `key`, started on first use;
        `cell` is the 0-based number of the page's cell, which tracebacks then name;
        `on_output(stream, text)` sees what it prints while it runs."""
        name = None if cell is None else str(cell + 1)
        return self.cells.run(key, code, name=name, on_output=on_output)

    def stop_cell(self, key: Hashable) -> bool:
        """Interrupt the cell running for `key`, keeping its session; False if none runs."""
        return self.cells.interrupt(key)

    def restart_cells(self, key: Hashable) -> None:
        self.cells.restart(key)

    # -- planning and progress ----------------------------------------------------------------

    def why(self, target: str) -> Plan:
        return self.learner.why(target)

    def set_plan(self, path: str, goal: str) -> Plan:
        """Choose a path and goal (the goal is checked first); the plan towards it."""
        self.learner.why(goal)
        self.learner.set_plan(path, goal)
        return self.learner.why(goal)

    def diagnostic(
        self, goal: str, ask: Callable[[Checkpoint], str | None], told: Callable[[Attempt], None]
    ) -> DiagnosticResult:
        """The placement diagnostic: `ask` gets a typed answer (None stops), `told` sees each
        graded attempt. Passes are recorded and credit the concept asked and what it builds
        on; an answer that cannot be read is asked again."""
        from mlpath.learn.diagnostic import run_diagnostic

        def grade(checkpoint: Checkpoint, answer: str | None) -> bool | None:
            # An answer that cannot be read is asked again: a typing slip is not a wrong answer.
            while answer is not None:
                attempt = self.check_text(checkpoint.id, answer, placement=True)
                told(attempt)
                if not attempt.feedback.unreadable:
                    return attempt.feedback.passed
                answer = ask(checkpoint)
            return None

        return run_diagnostic(self.learner, goal, ask, grade)

    def placement_question(self, goal: str, asked: list[tuple[str, bool]]) -> Checkpoint | None:
        """The next placement question for `goal`, given what was asked (None: done)."""
        from mlpath.learn.diagnostic import next_question

        return next_question(self.learner, goal, asked)

    def explain(self, path: Path) -> CodeExplanation:
        """The concepts behind a learner's file, and the path to learn what is not known yet."""
        from mlpath.explain import explain_file

        explanation = explain_file(path)
        concepts = [c for c in explanation.concepts if c in self.catalog.concepts]
        titles = {cid: c.title for cid, c in self.catalog.concepts.items()}
        return CodeExplanation(
            explanation, concepts, titles, self.learner.path_to(path.name, concepts)
        )

    def write_progress_plot(self, target: Path) -> None:
        from mlpath.learn.progress_plot import plot_history

        with writing(target) as stream:
            plot_history(self.learner.history(), stream)

    # -- authoring ----------------------------------------------------------------------------

    def verify(self, paths: Sequence[Path] = (), **options: Any) -> VerifyReport:
        """Verify lessons (default: the course); options as `verify.runner.verify` takes them."""
        from mlpath.verify.runner import verify

        for target in paths:
            if not target.exists():
                raise MlpathError(f"{target}: no such file or folder")
        return verify(list(paths) or [self.catalog.root], self.settings, **options)

    def lint(self, paths: Sequence[Path] = (), **options: Any) -> LintReport:
        from mlpath.lint import lint_course

        return lint_course(self, paths, **options)

    def export(self, key: str, target: Path | None = None) -> tuple[Path, LessonOutcome]:
        """Write a lesson (id or .md file) as a Jupyter notebook; returns where, and whether the
        lesson still verifies."""
        from mlpath.course.parser import parse_lesson_file
        from mlpath.notebook import export_lesson

        candidate = Path(key)
        lesson = (
            parse_lesson_file(candidate)
            if candidate.suffix == ".md" and candidate.exists()
            else self.lesson(key)
        )
        target = target or Path(f"{lesson.meta.id}.ipynb")
        text, outcome = export_lesson(lesson, self.settings, self.checkpoints)
        with writing(target) as stream:
            stream.write(text.encode("utf-8"))
        return target, outcome

    def doctor(self) -> list[Check]:
        """Each isolation property, verified by attacking a real sandboxed session."""
        from mlpath.grade.sandbox import verify_isolation

        return verify_isolation()

    # -- the web app --------------------------------------------------------------------------

    def app(self, token: str | None = None) -> FastAPI:
        """The web app, built on this object (which it closes when the server stops). With a
        `token`, every request must carry it (a server reachable beyond this computer)."""
        from mlpath.web.app import create_app

        return create_app(self, token)

    def close(self) -> None:
        """Stop every process and connection this object started."""
        if "meaning_search" in self.__dict__:
            self.__dict__.pop("meaning_search").close()
        for name in ("cells", "grader"):
            if name in self.__dict__:
                self.__dict__.pop(name).close()
        if "executor" in self.__dict__:
            self.__dict__.pop("executor").close()
        if "learner" in self.__dict__:
            self.__dict__.pop("learner").close()

    def __enter__(self) -> Mlpath:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@contextmanager
def writing(target: Path) -> Iterator[BinaryIO]:
    """Open a file for binary writing, with one clear sentence when it cannot be written; a
    failure half-way leaves no partial file."""
    temporary = target.with_name(f".{target.name}.partial")

    def failed(exc: OSError) -> OutputError:
        return OutputError(f"cannot write {target}: {exc.strerror or exc}; choose another path")

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        stream = temporary.open("wb")
    except OSError as exc:
        raise failed(exc) from exc
    try:
        with stream:
            yield stream
        temporary.replace(target)
    except OSError as exc:
        raise failed(exc) from exc
    finally:
        temporary.unlink(missing_ok=True)
