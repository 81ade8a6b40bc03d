"""The web app, built from one core object: `create_app(settings)` returns an ASGI app.

Routes only call the learner model, the grader and the session pool; pages are Jinja2
templates, partial updates are htmx swaps. Every asset is served from the package: no CDN.
"""

from __future__ import annotations

import base64
import gc
import io
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from mlpath.config import Settings
from mlpath.course.model import CellOptions
from mlpath.errors import MlpathError
from mlpath.grade.grader import Grader, UnknownCheckpoint
from mlpath.learn.mastery import LEVELS
from mlpath.learn.model import LearnerModel
from mlpath.run import Executor, Limits
from mlpath.run.pool import SessionPool
from mlpath.verify.compare import output_text
from mlpath.web.concept_graph import concept_graph_svg
from mlpath.web.render import lesson_blocks, markdown_html

HERE = Path(__file__).parent
BROWSER_COOKIE = "mlpath_browser"
CELL_LIMITS = Limits(timeout=10.0, memory_mb=1024, cpu_seconds=300, output_bytes=200_000)


class WebCourse:
    """What the pages need: the learner model, a grader and cell sessions on one executor."""

    def __init__(self, settings: Settings) -> None:
        self.model = LearnerModel(settings)
        from mlpath.course.imports import preload_modules

        self.executor = Executor(
            jobs=2,
            preload=preload_modules(self.model.catalog.lessons),
            cache_dir=settings.cache_dir,
        )
        self.grader = Grader(self.model.checkpoints, executor=self.executor)
        hidden = self.grader.limits.hidden_paths
        limits = replace(CELL_LIMITS, sandbox=True, hidden_paths=hidden)
        self.cells = SessionPool(self.executor, limits)

    def close(self) -> None:
        self.cells.close()
        self.grader.close()
        self.executor.close()
        self.model.close()


def _figure_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def create_app(settings: Settings) -> FastAPI:
    course: dict[str, WebCourse] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        course["web"] = WebCourse(settings)
        # What is loaded now (NumPy, scikit-learn, SQLAlchemy, the catalog) lives as long as the
        # server; freezing it keeps the collector's full passes short, and so request pauses.
        gc.freeze()
        try:
            yield
        finally:
            course.pop("web").close()

    app = FastAPI(title="mlpath", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["markdown"] = markdown_html

    rendered_lessons: dict[str, str] = {}

    def web() -> WebCourse:
        return course["web"]

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(
            request, name, {"modules": web().model.catalog.modules, **context}
        )

    def lesson_or_404(lesson_id: str) -> Any:
        lesson = web().model.catalog.lesson(lesson_id)
        if lesson is None:
            raise HTTPException(404, f"no lesson {lesson_id!r}")
        return lesson

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        model = web().model
        steps = model.next_steps()
        return page(request, "home.html", learner=model.learner, steps=steps, levels=steps.levels)

    # Pages that only read memory are async: they never wait for a worker thread that a slow
    # cell run or check is holding.
    @app.get("/lessons/{lesson_id}", response_class=HTMLResponse)
    async def lesson_page(request: Request, lesson_id: str) -> HTMLResponse:
        lesson = lesson_or_404(lesson_id)
        if lesson.meta.id not in rendered_lessons:
            # Nothing on a lesson page depends on the learner: render it once.
            template = templates.get_template("lesson.html")
            rendered_lessons[lesson.meta.id] = template.render(
                request=request,
                modules=web().model.catalog.modules,
                lesson=lesson,
                blocks=lesson_blocks(lesson),
                checkpoints=web().model.checkpoints,
            )
        response = HTMLResponse(rendered_lessons[lesson.meta.id])
        if BROWSER_COOKIE not in request.cookies:
            response.set_cookie(
                BROWSER_COOKIE, secrets.token_hex(8), httponly=True, samesite="strict"
            )
        return response

    @app.get("/lessons/{lesson_id}/figures/{name}")
    def figure(lesson_id: str, name: str) -> FileResponse:
        lesson = lesson_or_404(lesson_id)
        recorded = {f.rsplit("/", 1)[-1] for cell in lesson.cells for f in cell.recorded.figures}
        if name not in recorded:
            raise HTTPException(404, "no such figure")
        return FileResponse(lesson.figures_dir / name, media_type="image/png")

    @app.post("/lessons/{lesson_id}/cells/{index}/run", response_class=HTMLResponse)
    def run_cell(
        request: Request, lesson_id: str, index: int, code: str = Form(...)
    ) -> HTMLResponse:
        lesson_or_404(lesson_id)
        result = web().cells.run(_cell_key(request, lesson_id), code)
        text = output_text(result, CellOptions())
        return templates.TemplateResponse(
            request,
            "_output.html",
            {
                "text": text,
                "error": result.error,
                "crash": result.crash,
                "figures": [_figure_uri(png) for png in result.figures],
                "truncated": result.truncated,
            },
        )

    @app.post("/lessons/{lesson_id}/restart", response_class=HTMLResponse)
    def restart(request: Request, lesson_id: str) -> HTMLResponse:
        web().cells.restart(_cell_key(request, lesson_id))
        return HTMLResponse('<span class="note">Restarted: a fresh namespace.</span>')

    @app.post("/checkpoints/{checkpoint_id}/check", response_class=HTMLResponse)
    def check(request: Request, checkpoint_id: str, answer: str = Form("")) -> HTMLResponse:
        try:
            feedback = web().grader.check_text(checkpoint_id, answer)
        except UnknownCheckpoint as exc:
            raise HTTPException(404, str(exc)) from None
        warning = web().model.try_record(
            checkpoint_id, feedback.passed, feedback.misconception, answer
        )
        return templates.TemplateResponse(
            request, "_feedback.html", {"feedback": feedback, "warning": warning}
        )

    @app.get("/checkpoints/{checkpoint_id}/hint", response_class=HTMLResponse)
    def hint(request: Request, checkpoint_id: str, level: int = 1) -> HTMLResponse:
        try:
            hints = web().grader.hints(checkpoint_id)
        except MlpathError as exc:
            raise HTTPException(404, str(exc)) from None
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
        plan, problem = None, None
        if target:
            try:
                plan = web().model.why(target)
            except MlpathError as exc:
                problem = str(exc)
        return page(request, "why.html", target=target, plan=plan, problem=problem)

    @app.get("/map", response_class=HTMLResponse)
    def concept_map(request: Request) -> HTMLResponse:
        model = web().model
        areas: dict[str, list[Any]] = {}
        for concept in model.catalog.concepts.values():
            areas.setdefault(concept.area, []).append(concept)
        levels = model.levels()
        graph = concept_graph_svg(model.catalog.concepts, levels)
        return page(
            request, "map.html", areas=areas, levels=levels, level_names=LEVELS, graph=graph
        )

    @app.get("/progress", response_class=HTMLResponse)
    def progress(request: Request) -> HTMLResponse:
        model = web().model
        return page(
            request,
            "progress.html",
            table=model.progress_by_area(),
            level_names=LEVELS,
            history=len(model.history()),
        )

    @app.get("/progress.png")
    def progress_plot() -> Response:
        from mlpath.learn.progress_plot import plot_history

        buffer = io.BytesIO()
        plot_history(web().model.history(), buffer)
        return Response(buffer.getvalue(), media_type="image/png")

    return app


def _cell_key(request: Request, lesson_id: str) -> tuple[str, str]:
    """Whose cells these are: one session per browser (cookie) and lesson, so two tabs or two
    people on one server never share a namespace."""
    return request.cookies.get(BROWSER_COOKIE, "default"), lesson_id
