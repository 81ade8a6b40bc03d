"""The `mlpath` command: parses arguments, calls the core object, and presents what it returns.

Heavy imports happen lazily, inside the commands, so `mlpath --help` is instant.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from mlpath.core import Attempt, Mlpath, SearchMode
    from mlpath.learn.planner import Step
    from mlpath.verify.runner import LessonOutcome

app = typer.Typer(
    help="mlpath: the math behind machine-learning engineering, with every output verified.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _error(message: str) -> None:
    _console(stderr=True).print(f"[red]error:[/red] {message}", soft_wrap=True, markup=True)


def reports_errors(function: F) -> F:
    """Show an MlpathError as one line per problem (exit 2), never as a traceback."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from mlpath.errors import CatalogError, MlpathError

        try:
            return function(*args, **kwargs)
        except CatalogError as exc:
            for problem in exc.problems:
                _error(problem)
            raise typer.Exit(2) from None
        except MlpathError as exc:
            _error(str(exc))
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def _core(warm: bool = False) -> Iterator[Mlpath]:
    """The core object for one command, closed when the command ends."""
    from mlpath.core import Mlpath

    with Mlpath(warm=warm) as core:
        yield core
        for warning in core.warnings:
            _console(stderr=True).print(f"[yellow]warning:[/yellow] {warning}", soft_wrap=True)


def _print_attempt(attempt: Attempt, as_json: bool = False) -> None:
    feedback = attempt.feedback
    if as_json:
        sys.stdout.write(json.dumps(feedback.to_dict()) + "\n")
    else:
        console = _console()
        style = "green" if feedback.passed else "yellow"
        head = "Passed" if feedback.passed else "Not yet"
        console.print(f"[{style}]{head}[/{style}]: {feedback.checkpoint}")
        console.print(feedback.message, markup=False, soft_wrap=True)
        if feedback.fix:
            console.print(f"The fix: {feedback.fix}", markup=False, soft_wrap=True)
        if feedback.revisit:
            console.print(f"Revisit: {feedback.revisit}", markup=False)
        for note in attempt.notes():
            console.print(note, markup=False, soft_wrap=True)
        if feedback.fix_held:
            console.print(f"Hints: mlpath hint {feedback.checkpoint}", markup=False)
    if attempt.warning:
        _console(stderr=True).print(f"[yellow]warning:[/yellow] {attempt.warning}", soft_wrap=True)


def _print_steps(console: Console, steps: list[Step]) -> None:
    """A numbered learning path: concept, title, and the lesson (with minutes) that teaches it."""
    for number, step in enumerate(steps, start=1):
        lesson = f"[cyan]{step.lesson_id}[/cyan]" if step.lesson_id else "[dim]no lesson yet[/dim]"
        minutes = f" ({step.minutes} min)" if step.minutes else ""
        console.print(f"{number:3}. {step.concept.id}: {step.concept.title}. {lesson}{minutes}")


@app.callback(invoke_without_command=True)
def main_callback(ctx: typer.Context) -> None:
    """With no command, show the course."""
    if ctx.invoked_subcommand is None:
        course()


@app.command()
@reports_errors
def course() -> None:
    """Show the course: modules, lessons, minutes and what each teaches."""
    from rich.table import Table

    from mlpath.course.catalog import load_catalog

    catalog = load_catalog()
    console = _console()
    console.print("[bold]mlpath[/bold]: the math behind ML engineering, learned just in time.\n")
    total = 0
    for module in catalog.modules:
        table = Table(title=module.title, title_justify="left", expand=False)
        table.add_column("lesson id", style="cyan", no_wrap=True)
        table.add_column("title")
        table.add_column("min", justify="right")
        table.add_column("teaches")
        for lesson in module.lessons:
            total += lesson.meta.minutes
            table.add_row(
                lesson.meta.id,
                lesson.meta.title,
                str(lesson.meta.minutes),
                ", ".join(lesson.meta.teaches),
            )
        console.print(table)
    console.print(f"\n{len(catalog.lessons)} lessons, about {total} minutes.")
    console.print("Read one:  [cyan]mlpath learn la.vectors[/cyan]")
    console.print("Check all outputs:  [cyan]mlpath verify[/cyan]")


@app.command()
@reports_errors
def learn(lesson_id: Annotated[str, typer.Argument(help="Lesson id, e.g. la.vectors.")]) -> None:
    """Read a lesson in the terminal, with its recorded outputs."""
    from rich.markdown import Markdown

    from mlpath.course.render import terminal_markdown

    with _core() as core:
        lesson = core.lesson(lesson_id)
        body = terminal_markdown(lesson, core.checkpoints)
    from mlpath.course.imports import extras_note

    console = _console()
    console.print(f"[bold]{lesson.meta.title}[/bold]  ({lesson.meta.minutes} min)")
    note = extras_note(lesson)
    if note:
        console.print(f"[yellow]note:[/yellow] {note}", soft_wrap=True)
    console.print(Markdown(body, code_theme="ansi_dark"))


def _print_outcome(console: Console, outcome: LessonOutcome, show_ok: bool) -> None:
    from rich.syntax import Syntax

    if outcome.error:
        console.print(f"[red]ERROR[/red] {outcome.error}", soft_wrap=True)
        return
    if outcome.skipped:
        console.print(f"[yellow]skip[/yellow]  {outcome.path}: {outcome.skipped}", soft_wrap=True)
        return
    if outcome.updated:
        console.print(f"[blue]updated[/blue] {outcome.path}", soft_wrap=True)
    if not outcome.failures:
        if show_ok:
            how = "cached" if outcome.cached else "ran"
            console.print(
                f"[green]ok[/green]    {outcome.path} ({outcome.cell_count} cells, {how})",
                soft_wrap=True,
            )
        return
    for failure in outcome.failures:
        console.print(
            f"[red]FAIL[/red]  {failure.path}:{failure.line}: cell {failure.cell + 1} "
            f"{failure.reason}",
            soft_wrap=True,
        )
        if failure.details:
            lexer = "diff" if failure.details.startswith("---") else "pytb"
            console.print(Syntax(failure.details, lexer, theme="ansi_dark", word_wrap=True))


@app.command()
@reports_errors
def verify(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Lesson files or folders (default: the course).")
    ] = None,
    update: Annotated[bool, typer.Option("--update", help="Re-record changed outputs.")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Run every lesson.")] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Lessons run at once.")
    ] = None,
) -> None:
    """Re-run every lesson and compare each cell's output with its record."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = _console()
    interactive = console.is_terminal
    progress = Progress(
        TextColumn("verifying"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[now]}"),
        console=console,
        transient=True,
        disable=not interactive,
    )
    task = progress.add_task("verify", total=None, now="")

    def on_start(total: int) -> None:
        progress.update(task, total=total)

    def on_outcome(outcome: LessonOutcome) -> None:
        progress.advance(task)
        progress.update(task, now=outcome.path.name)
        _print_outcome(progress.console, outcome, show_ok=not interactive)

    with _core() as core, progress:
        report = core.verify(
            paths or [],
            update=update,
            use_cache=not no_cache,
            jobs=jobs,
            on_start=on_start,
            on_outcome=on_outcome,
        )
    style = "green" if report.failed == 0 else "red"
    console.print(f"[{style}]{report.summary}[/{style}]")
    if report.failed:
        raise typer.Exit(1)


@app.command()
@reports_errors
def lint(
    paths: Annotated[list[Path] | None, typer.Argument(help="Lesson files or folders.")] = None,
    no_gate: Annotated[
        bool, typer.Option("--no-gate", help="Skip grading the checkpoints' own solutions.")
    ] = False,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="List essential concepts without lesson/checkpoint.")
    ] = False,
) -> None:
    """Check the catalog, unseeded randomness, and (the gate) that every checkpoint's starter
    fails, its reference passes on 50 seeds and each misconception is named as itself."""
    console = _console()
    with _core() as core:
        report = core.lint(
            paths or [],
            gate=not no_gate,
            on_gate=lambda checkpoint_id: console.print(f"gate: {checkpoint_id}", style="dim"),
        )
    for problem in report.problems:
        console.print(f"[red]error:[/red] {problem}", soft_wrap=True)
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", soft_wrap=True)
    if not paths:
        console.print(
            f"coverage: {len(report.without_lesson)} essential concepts have no lesson and "
            f"{len(report.without_checkpoint)} no checkpoint"
            + ("" if coverage else " (--coverage lists them)")
        )
    if coverage:
        console.print("no lesson: " + ", ".join(report.without_lesson), soft_wrap=True)
        console.print("no checkpoint: " + ", ".join(report.without_checkpoint), soft_wrap=True)
    console.print(f"lint: {len(report.problems)} errors, {len(report.warnings)} warnings")
    if report.problems:
        raise typer.Exit(1)


@app.command()
@reports_errors
def catalog(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """List lessons, concepts and checkpoints with their ids and files."""
    with _core() as core:
        data = core.catalog_data()
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    console = _console()
    console.print(
        f"{len(data['lessons'])} lessons, {len(data['concepts'])} concepts, "
        f"{len(data['checkpoints'])} checkpoints (use --json for details)"
    )
    for problem in data["problems"]:
        console.print(f"[yellow]problem:[/yellow] {problem}", soft_wrap=True)


@app.command()
@reports_errors
def export(
    lesson_id: Annotated[str, typer.Argument(help="Lesson id or lesson file.")],
    format: Annotated[str, typer.Option("--format", help="Only 'ipynb' for now.")] = "ipynb",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Notebook path (default: <id>.ipynb).")
    ] = None,
) -> None:
    """Export a lesson to a Jupyter notebook with its outputs."""
    from mlpath.errors import MlpathError

    if format != "ipynb":
        raise MlpathError(f"--format: expected one of 'ipynb'; got {format!r}")
    with _core() as core:
        target, outcome = core.export(lesson_id, output)
    if outcome.failed:
        _console(stderr=True).print(
            f"[yellow]warning:[/yellow] {outcome.path} does not verify ({outcome.failed} cells "
            "differ from their record); the notebook shows what the code prints now. "
            "Run `mlpath verify` on it for details.",
            soft_wrap=True,
        )
    _console().print(f"wrote {target}")


@app.command()
@reports_errors
def check(
    checkpoint_id: Annotated[
        str, typer.Argument(help="Checkpoint id, e.g. la.dot-product.implement.")
    ],
    file: Annotated[Path, typer.Argument(help="Your Python file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """Grade your code for a checkpoint in the sandbox; exit 0 passed, 1 not passed, 2 error."""
    with _core() as core:
        attempt = core.check_file(checkpoint_id, file)
        _print_attempt(attempt, as_json)
    if not attempt.feedback.passed:
        raise typer.Exit(1)


@app.command()
@reports_errors
def hint(
    checkpoint_id: Annotated[str, typer.Argument(help="Checkpoint id.")],
    level: Annotated[int, typer.Option("--level", "-n", min=1, help="How many hints.")] = 1,
) -> None:
    """Show the first hint for a checkpoint (`--level 2` shows two, and so on)."""
    from rich.markdown import Markdown

    from mlpath.course.render import hint_markdown

    with _core() as core:
        checkpoint = core.checkpoint(checkpoint_id)
        hints = core.hints(checkpoint_id)
    _console().print(Markdown(hint_markdown(checkpoint, level, hints), code_theme="ansi_dark"))


@app.command()
@reports_errors
def doctor() -> None:
    """Say what isolation the sandbox has on this machine: each line verified by a probe."""
    with _core() as core:
        checks = core.doctor()
    console = _console()
    for check in checks:
        mark = "[green]verified[/green]" if check.verified else "[red]missing[/red] "
        detail = f": {check.detail}" if check.detail else ""
        console.print(f"{mark}  {check.label}{detail}", soft_wrap=True, highlight=False)


@app.command()
@reports_errors
def why(
    target: Annotated[str, typer.Argument(help="A concept id, lesson id or technique name.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """The least math you still need for TARGET, in order, with the lesson for each."""
    with _core() as core:
        result = core.why(target)
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
        return
    console = _console()
    names = ", ".join(result.targets)
    if not result.steps:
        console.print(f"You already know what {target} ({names}) needs.")
    else:
        console.print(f"[bold]To understand {target}[/bold] ({names}), learn in this order:")
    _print_steps(console, result.steps)
    if result.steps:
        console.print(f"About {result.minutes} minutes of lessons that exist so far.")
    if result.safe_to_skip:
        console.print("\n[bold]Safe to skip for now[/bold] (research depth):")
        for step in result.safe_to_skip:
            console.print(f"     {step.concept.id}: {step.concept.title}")


@app.command(name="next")
@reports_errors
def next_step() -> None:
    """What to do now: due reviews first, then the next lesson towards your goal."""
    with _core() as core:
        steps = core.learner.next_steps()
    console = _console()
    if steps.reviews:
        console.print(f"[bold]{len(steps.reviews)} review(s) due[/bold]:")
        for review in steps.reviews:
            where = f" (lesson {review.lesson_id})" if review.lesson_id else ""
            console.print(f"  {review.concept_id}: {review.title}{where}")
    if steps.lesson is not None:
        towards = f" towards {steps.goal}" if steps.goal else ""
        console.print(
            f"Next lesson{towards}: [cyan]{steps.lesson.lesson_id}[/cyan] "
            f"({steps.lesson.lesson_title}) — mlpath learn {steps.lesson.lesson_id}"
        )
    elif not steps.reviews:
        console.print("Nothing due, and no lesson left on your path. Set a goal: mlpath start")


@app.command()
@reports_errors
def progress(
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write a PNG of mastery over time.")
    ] = None,
) -> None:
    """Your mastery by area, and optionally a plot of concepts passed over time."""
    from rich.table import Table

    from mlpath.learn.mastery import LEVELS

    with _core() as core:
        table_data = core.learner.progress_by_area()
        if plot is not None:
            core.write_progress_plot(plot)
    table = Table(title="Concepts by area")
    table.add_column("area")
    for level in LEVELS:
        table.add_column(level, justify="right")
    for area, counts in table_data.items():
        table.add_row(area, *(str(counts[level]) for level in LEVELS))
    console = _console()
    console.print(table)
    if plot is not None:
        console.print(f"wrote {plot}")


@app.command()
@reports_errors
def start(
    path: Annotated[str | None, typer.Option(help="engineering or research.")] = None,
    goal: Annotated[
        str | None, typer.Option(help="A technique or concept, e.g. attention.")
    ] = None,
    diagnostic: Annotated[
        bool, typer.Option(help="Ask a few quick questions to place you on the path.")
    ] = True,
) -> None:
    """Choose your path (engineering or research depth) and goal, and see where you start."""
    from mlpath.errors import MlpathError
    from mlpath.learn.planner import PATHS

    console = _console()
    if path is None:
        path = typer.prompt("Your path (engineering / research)", default="engineering")
    if path not in PATHS:
        raise MlpathError(f"--path: expected one of 'engineering', 'research'; got {path!r}")
    if goal is None:
        goal = typer.prompt(
            "Your goal (e.g. attention, gradient descent, RAG)", default="attention"
        )
    with _core() as core:
        result = core.set_plan(path, goal)
        if diagnostic:
            _diagnose(core, goal, console)
            result = core.why(goal)
    console.print(
        f"Path: {path}. Goal: {goal}. {len(result.steps)} concepts to go, "
        f"{len(result.safe_to_skip)} safe to skip for now."
    )
    console.print("See the whole path: mlpath why " + json.dumps(goal))
    console.print("What to do now: mlpath next")


def _diagnose(core: Mlpath, goal: str, console: Console) -> None:
    console.print("A few quick questions place you on the path (press Enter to stop).")

    def ask(checkpoint: Any) -> str | None:
        from rich.markdown import Markdown

        from mlpath.course.render import terminal_text

        console.print(f"\n[bold]{checkpoint.id}[/bold]")
        console.print(Markdown(terminal_text(checkpoint.task), code_theme="ansi_dark"))
        lines = " (lines separated by |)" if checkpoint.kind == "predict" else ""
        text = str(typer.prompt(f"Your answer{lines}", default="", show_default=False)).strip()
        if not text:
            return None
        return re.sub(r"\s*\|\s*", "\n", text) if checkpoint.kind == "predict" else text

    def told(attempt: Attempt) -> None:
        if attempt.feedback.unreadable:
            console.print(f"{attempt.feedback.message} Try again.", style="yellow")
            return
        passed = attempt.feedback.passed
        console.print("right" if passed else "not quite", style="green" if passed else "yellow")

    result = core.diagnostic(goal, ask, told)
    passed = sum(1 for _, ok in result.asked if ok)
    console.print(f"\nDiagnostic: {passed} of {len(result.asked)} right.")


@app.command()
@reports_errors
def explain(
    file: Annotated[Path, typer.Argument(help="A Python file of yours (it is read, never run).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """The math behind your code: the concepts your NumPy/SciPy/scikit-learn/PyTorch calls
    rest on, with their lines, and the path to learn the ones you don't know yet."""
    from mlpath.explain import render_text

    with _core() as core:
        found = core.explain(file)
    if as_json:
        findings = [
            {
                "line": f.line,
                "col": f.col,
                "code": f.code,
                "call": f.qualified,
                "concepts": list(f.concepts),
                "says": f.says,
            }
            for f in found.explanation.findings
        ]
        data = {
            "file": str(file),
            "concepts": found.concepts,
            "findings": findings,
            "path": found.path.to_dict(),
        }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    console = _console()
    console.print(render_text(found.explanation, found.titles), markup=False, highlight=False)
    if not found.concepts:
        return
    if not found.path.steps:
        console.print("You have learned every concept behind this file.")
        return
    steps = found.path.steps
    console.print(f"[bold]To understand all of it, learn ({len(steps)} concepts):[/bold]")
    _print_steps(console, steps)


@contextmanager
def _index_progress() -> Iterator[Callable[[int, int], None]]:
    """A progress bar (on stderr, in a terminal) for building the search index."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = _console(stderr=True)
    progress = Progress(
        TextColumn("indexing the course for search by meaning"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    task = progress.add_task("index", total=None)

    def on_progress(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    with progress:
        yield on_progress


@app.command()
@reports_errors
def search(
    query: Annotated[str, typer.Argument(help="A question or words, e.g. 'why divide by n-1'.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many results.")] = 8,
    mode: Annotated[
        str, typer.Option(help="hybrid (words and meaning), words (BM25) or meaning (MiniLM).")
    ] = "hybrid",
) -> None:
    """Find the lesson sections about QUERY, by words and by meaning."""
    from mlpath.errors import MlpathError

    if mode not in ("hybrid", "words", "meaning"):
        raise MlpathError(f"--mode: expected one of hybrid, words, meaning; got {mode!r}")
    with _core() as core, _index_progress() as on_progress:
        results = core.search(query, limit, mode=cast("SearchMode", mode), on_progress=on_progress)
    if as_json:
        data = {
            "by_meaning": results.by_meaning,
            "note": results.note,
            "hits": [
                {
                    "lesson": hit.section.lesson_id,
                    "lesson_title": hit.section.lesson_title,
                    "section": hit.section.heading,
                    "anchor": hit.section.anchor,
                    "snippet": "".join(piece for piece, _ in hit.parts()),
                }
                for hit in results.hits
            ],
        }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    console = _console()
    if results.note:
        _console(stderr=True).print(f"[dim]{results.note}[/dim]", soft_wrap=True)
    if not results.hits:
        console.print(f"No lesson section mentions {query!r}. Try fewer or other words.")
        return
    from rich.text import Text

    for hit in results.hits:
        where = f"{hit.section.lesson_id}#{hit.section.anchor}" if hit.section.anchor else ""
        console.print(
            f"[bold]{hit.section.heading}[/bold] — {hit.section.lesson_title} "
            f"[cyan]{where or hit.section.lesson_id}[/cyan]",
            soft_wrap=True,
        )
        snippet = Text("    ")
        for piece, matched in hit.parts():
            snippet.append(piece, style="bold yellow" if matched else "")
        console.print(snippet, soft_wrap=True)


@app.command()
@reports_errors
def index() -> None:
    """Build the course's search-by-meaning index now (it is also built on first search)."""
    import time

    started = time.perf_counter()
    with _core() as core, _index_progress() as on_progress:
        sections = core.build_search_index(on_progress)
    seconds = time.perf_counter() - started
    _console().print(f"Search index ready: {sections} lesson sections ({seconds:.1f} s).")


@app.command()
@reports_errors
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (localhost only by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port, 1 to 65535.")] = 8765,
    open_browser: Annotated[bool, typer.Option("--open", help="Open it in a browser.")] = False,
) -> None:
    """Start the local web app: read lessons, run cells, check checkpoints, plan."""
    from mlpath.core import Mlpath
    from mlpath.errors import MlpathError
    from mlpath.web.serve import listen, run

    if not 1 <= port <= 65535:
        raise MlpathError(f"--port: expected a number from 1 to 65535; got {port}")
    core = Mlpath()
    try:
        core.prepare()
        sock = listen(host, port)
    except BaseException:
        core.close()
        raise
    from mlpath.web.security import is_loopback, new_token

    token = None if is_loopback(host) else new_token()
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    if token:
        _console(stderr=True).print(
            f"[bold red]warning:[/bold red] mlpath listens on {host}, beyond this computer: "
            "anyone who can reach it and has the token below can run code as you. Share the "
            "address only with people you trust; without --host it stays on 127.0.0.1.",
            soft_wrap=True,
        )
    _console().print(f"mlpath is at {url} (Ctrl+C stops it)", soft_wrap=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    run(core.app(token), sock)


def main() -> None:
    """The entry point; an unexpected error is one line too (MLPATH_DEBUG=1 shows the traceback)."""
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("MLPATH_DEBUG"):
            raise
        sys.stderr.write(
            f"error: mlpath failed unexpectedly ({type(exc).__name__}: {exc}). This is a bug: "
            "please report it with the output of MLPATH_DEBUG=1 mlpath ...\n"
        )
        sys.exit(70)
