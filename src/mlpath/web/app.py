"""The web app over the core object: `create_app(mlpath)` (or `Mlpath(...).app()`) returns an
ASGI app whose routes only call `Mlpath` and render templates.

Pages are Jinja2 templates, partial updates are htmx swaps. Every asset is served from the
package: no CDN. An error a person can act on (`MlpathError`) is rendered as a page or a
fragment, never as JSON or a traceback.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import gc
import io
import json
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from mlpath.core import review_in
from mlpath.course.imports import extras_note
from mlpath.course.model import CellOptions
from mlpath.course.search import lesson_headings
from mlpath.errors import MlpathError, UnknownCheckpoint, UnknownLesson, UnknownTarget
from mlpath.learn.mastery import LEVELS
from mlpath.learn.planner import load_aliases
from mlpath.run.results import CellResult
from mlpath.verify.compare import output_text
from mlpath.web.concept_graph import concept_graph_svg
from mlpath.web.render import lesson_blocks, markdown_html, markdown_inline
from mlpath.web.security import Guard

if TYPE_CHECKING:
    from mlpath.core import Mlpath

HERE = Path(__file__).parent
BROWSER_COOKIE = "mlpath_browser"
# Errors that mean "there is no such thing here": a 404, not a 400.
_NOT_FOUND = (UnknownLesson, UnknownCheckpoint, UnknownTarget)


def _figure_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def create_app(mlpath: Mlpath, token: str | None = None) -> FastAPI:
    """The app over `mlpath`; with a `token`, every request must carry it (see `security`)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        mlpath.prepare()
        mlpath.start_in_background()
        # What is loaded now (NumPy, scikit-learn, SQLAlchemy, the catalog) lives as long as the
        # server; freezing it keeps the collector's full passes short, and so request pauses.
        gc.freeze()
        try:
            yield
        finally:
            mlpath.close()

    app = FastAPI(title="mlpath", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.add_middleware(Guard, token=token)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["markdown"] = markdown_html
    templates.env.filters["markdown_inline"] = markdown_inline
    templates.env.globals["review_in"] = review_in
    rendered_lessons: dict[str, str] = {}

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(
            request, name, {"modules": mlpath.catalog.modules, **context}, status_code=status
        )

    def error(request: Request, status: int, message: str) -> HTMLResponse:
        """A page, or for an htmx request a fragment shown in place of the result."""
        if request.headers.get("HX-Request"):
            return HTMLResponse(
                templates.get_template("_error.html").render(message=message), status
            )
        return page(request, "error.html", status, message=message)

    @app.exception_handler(MlpathError)
    async def person_facing_error(request: Request, exc: MlpathError) -> HTMLResponse:
        return error(request, 404 if isinstance(exc, _NOT_FOUND) else 400, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404:
            message = "There is no page here."
        elif "maximum size" in message:
            message = "What you sent is larger than 1 MB, more than a cell or an answer may hold."
        return error(request, exc.status_code, message)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        steps = mlpath.learner.next_steps()
        learner = mlpath.learner.learner
        last = mlpath.learner.last_lesson()
        return page(
            request,
            "home.html",
            learner=learner,
            steps=steps,
            levels=steps.levels,
            continue_lesson=mlpath.catalog.lesson(last) if last else None,
            goal_plan=mlpath.why(learner.goal) if learner.goal else None,
            course_lessons=len(mlpath.catalog.lessons),
            course_minutes=sum(lesson.meta.minutes for lesson in mlpath.catalog.lessons),
        )

    # Pages that only read memory are async: they never wait for a worker thread that a slow
    # cell run or check is holding.
    @app.get("/lessons/{lesson_id}", response_class=HTMLResponse)
    async def lesson_page(request: Request, lesson_id: str) -> HTMLResponse:
        lesson = mlpath.lesson(lesson_id)
        if lesson.meta.id not in rendered_lessons:
            # Nothing on a lesson page depends on the learner: render it once.
            template = templates.get_template("lesson.html")
            order = mlpath.catalog.lessons
            position = next(i for i, item in enumerate(order) if item.meta.id == lesson.meta.id)
            rendered_lessons[lesson.meta.id] = template.render(
                request=request,
                modules=mlpath.catalog.modules,
                lesson=lesson,
                blocks=lesson_blocks(lesson),
                checkpoints=mlpath.checkpoints,
                toc=lesson_headings(lesson),
                extras_note=extras_note(lesson),
                needs=mlpath.teaching_lessons(lesson.meta.needs),
                concepts=mlpath.catalog.concepts,
                previous=order[position - 1] if position > 0 else None,
                following=order[position + 1] if position + 1 < len(order) else None,
            )
        response = HTMLResponse(rendered_lessons[lesson.meta.id])
        if BROWSER_COOKIE not in request.cookies:
            response.set_cookie(
                BROWSER_COOKIE, secrets.token_hex(8), httponly=True, samesite="strict"
            )
        return response

    @app.get("/lessons/{lesson_id}/figures/{name}")
    def figure(lesson_id: str, name: str) -> FileResponse:
        lesson = mlpath.lesson(lesson_id)
        recorded = {f.rsplit("/", 1)[-1] for cell in lesson.cells for f in cell.recorded.figures}
        if name not in recorded:
            raise HTTPException(404)
        return FileResponse(lesson.figures_dir / name, media_type="image/png")

    def output_html(result: CellResult) -> str:
        return templates.get_template("_output.html").render(
            text=output_text(result, CellOptions()),
            error=result.error,
            crash=result.crash,
            figures=[_figure_uri(png) for png in result.figures],
            truncated=result.truncated,
            notice=result.notice,
        )

    @app.post("/lessons/{lesson_id}/cells/{index}/run", response_class=HTMLResponse)
    async def run_cell(
        request: Request, lesson_id: str, index: int, code: str = Form(...)
    ) -> Response:
        """The cell's output as HTML; or, asked for `text/event-stream`, its output as it is
        printed (`output` events), then the same HTML (a `result` event)."""
        lesson = mlpath.lesson(lesson_id)
        cell = index if 0 <= index < len(lesson.cells) else None
        key = _cell_key(request, lesson_id)
        if "text/event-stream" not in request.headers.get("accept", ""):
            result = await run_in_threadpool(mlpath.run_cell, key, code, cell)
            return HTMLResponse(output_html(result))
        return StreamingResponse(
            _streamed(lambda heard: mlpath.run_cell(key, code, cell, heard), output_html),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    @app.get("/lessons/{lesson_id}/state")
    def lesson_state(lesson_id: str) -> JSONResponse:
        """The learner's side of a page, which is rendered once for everyone."""
        state = mlpath.lesson_state(lesson_id)
        return JSONResponse(dataclasses.asdict(state))

    @app.post("/lessons/{lesson_id}/drafts", response_class=HTMLResponse)
    def save_draft(lesson_id: str, slot: str = Form(...), text: str = Form("")) -> HTMLResponse:
        mlpath.save_draft(lesson_id, slot, text)
        return HTMLResponse("")

    @app.post("/lessons/{lesson_id}/stop", response_class=HTMLResponse)
    def stop(request: Request, lesson_id: str) -> HTMLResponse:
        stopped = mlpath.stop_cell(_cell_key(request, lesson_id))
        return HTMLResponse("" if stopped else '<span class="note">Nothing is running.</span>')

    @app.post("/lessons/{lesson_id}/restart", response_class=HTMLResponse)
    def restart(request: Request, lesson_id: str) -> HTMLResponse:
        mlpath.restart_cells(_cell_key(request, lesson_id))
        return HTMLResponse('<span class="note">Restarted: a fresh namespace.</span>')

    @app.post("/checkpoints/{checkpoint_id}/check", response_class=HTMLResponse)
    def check(request: Request, checkpoint_id: str, answer: str = Form("")) -> HTMLResponse:
        attempt = mlpath.check_text(checkpoint_id, answer)
        return templates.TemplateResponse(
            request,
            "_feedback.html",
            {"feedback": attempt.feedback, "attempt": attempt, "warning": attempt.warning},
        )

    @app.get("/checkpoints/{checkpoint_id}/hint", response_class=HTMLResponse)
    def hint(request: Request, checkpoint_id: str, level: int = 1) -> HTMLResponse:
        hints = mlpath.hints(checkpoint_id)
        return templates.TemplateResponse(
            request,
            "_hints.html",
            {
                "hints": hints[:level],
                "checkpoint_id": checkpoint_id,
                "more": level < len(hints),
                "next_level": level + 1,
            },
        )

    @app.get("/why", response_class=HTMLResponse)
    def why(request: Request, target: str = "") -> HTMLResponse:
        plan, problem, suggestions = None, None, []
        if target:
            try:
                plan = mlpath.why(target)
            except UnknownTarget as exc:
                problem, suggestions = str(exc).split(" Did you mean")[0], exc.suggestions
        taught_in = mlpath.teaching_lessons(plan.targets) if plan else {}
        return page(
            request,
            "why.html",
            target=target,
            plan=plan,
            problem=problem,
            suggestions=suggestions,
            taught_in=taught_in,
        )

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = "") -> HTMLResponse:
        # Never make a reader wait for the meaning index: words answer while it is built.
        results = mlpath.search(q, limit=20, wait=False) if q.strip() else None
        return page(
            request,
            "search.html",
            query=q,
            hits=results.hits if results else [],
            note=results.note if results else None,
        )

    @app.get("/start", response_class=HTMLResponse)
    def start_page(request: Request) -> HTMLResponse:
        learner = mlpath.learner.learner
        goals = sorted(load_aliases(mlpath.catalog.root))
        return page(request, "start.html", learner=learner, goals=goals, problem=None)

    @app.post("/start", response_model=None)
    def start(request: Request, path: str = Form(...), goal: str = Form(...)) -> Response:
        try:
            mlpath.set_plan(path, goal)
        except (MlpathError, ValueError) as exc:
            goals = sorted(load_aliases(mlpath.catalog.root))
            learner = mlpath.learner.learner
            return page(request, "start.html", 400, learner=learner, goals=goals, problem=exc)
        return RedirectResponse("/start/questions", status_code=303)

    @app.get("/start/questions", response_class=HTMLResponse)
    def placement(request: Request) -> HTMLResponse:
        return _placement_page(request, [], None)

    @app.post("/start/questions", response_class=HTMLResponse)
    def placement_answer(
        request: Request,
        checkpoint: str = Form(...),
        asked: str = Form(""),
        answer: str = Form(""),
        stop: str = Form(""),
    ) -> HTMLResponse:
        history = _parse_asked(asked)
        if stop or not answer.strip():
            return _placement_page(request, history, None, done=True)
        attempt = mlpath.check_text(checkpoint, answer, placement=True)
        if attempt.feedback.unreadable:  # asked again, with what to fix
            return _placement_page(request, history, None, unreadable=attempt.feedback.message)
        history.append((checkpoint, attempt.feedback.passed))
        return _placement_page(request, history, attempt.feedback.passed)

    def _placement_page(
        request: Request,
        asked: list[tuple[str, bool]],
        last: bool | None,
        done: bool = False,
        unreadable: str = "",
    ) -> HTMLResponse:
        goal = mlpath.learner.learner.goal or "attention"
        question = None if done else mlpath.placement_question(goal, asked)
        plan = mlpath.why(goal) if question is None else None
        return page(
            request,
            "placement.html",
            goal=goal,
            question=question,
            asked=",".join(f"{cid}:{int(ok)}" for cid, ok in asked),
            right=sum(ok for _, ok in asked),
            count=len(asked),
            last=last,
            plan=plan,
            unreadable=unreadable,
        )

    @app.get("/favicon.ico")
    def favicon() -> FileResponse:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/map", response_class=HTMLResponse)
    def concept_map(request: Request) -> HTMLResponse:
        areas: dict[str, list[Any]] = {}
        for concept in mlpath.catalog.concepts.values():
            areas.setdefault(concept.area, []).append(concept)
        levels = mlpath.learner.levels()
        graph = concept_graph_svg(mlpath.catalog.concepts, levels)
        return page(
            request, "map.html", areas=areas, levels=levels, level_names=LEVELS, graph=graph
        )

    @app.get("/progress", response_class=HTMLResponse)
    def progress(request: Request) -> HTMLResponse:
        return page(
            request,
            "progress.html",
            table=mlpath.learner.progress_by_area(),
            level_names=LEVELS,
            history=len(mlpath.learner.history()),
        )

    @app.get("/progress.png")
    def progress_plot() -> Response:
        from mlpath.learn.progress_plot import plot_history

        buffer = io.BytesIO()
        plot_history(mlpath.learner.history(), buffer)
        return Response(buffer.getvalue(), media_type="image/png")

    return app


def _parse_asked(text: str) -> list[tuple[str, bool]]:
    """`id:1,id:0` (what the placement page carries from question to question)."""
    asked = []
    for item in filter(None, text.split(",")):
        checkpoint_id, _, passed = item.rpartition(":")
        if checkpoint_id:
            asked.append((checkpoint_id, passed == "1"))
    return asked


def _event(name: str, data: dict[str, str]) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


async def _streamed(
    run: Callable[[Callable[[str, str], None]], CellResult], html: Callable[[CellResult], str]
) -> AsyncIterator[str]:
    """Server-sent events for one cell: what it prints while it runs, then its whole output."""
    loop = asyncio.get_running_loop()
    heard: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()

    def on_output(stream: str, text: str) -> None:
        loop.call_soon_threadsafe(heard.put_nowait, (stream, text))

    running = asyncio.ensure_future(run_in_threadpool(run, on_output))
    # Scheduled after every chunk the thread queued, so it arrives last.
    running.add_done_callback(lambda _: loop.call_soon_threadsafe(heard.put_nowait, None))
    while (chunk := await heard.get()) is not None:
        yield _event("output", {"stream": chunk[0], "text": chunk[1]})
    try:
        yield _event("result", {"html": html(running.result())})
    except MlpathError as exc:
        yield _event("result", {"html": f'<p class="error" role="alert">{escape(str(exc))}</p>'})


def _cell_key(request: Request, lesson_id: str) -> tuple[str, str]:
    """Whose cells these are: one session per browser (cookie) and lesson, so two tabs or two
    people on one server never share a namespace."""
    return request.cookies.get(BROWSER_COOKIE, "default"), lesson_id
