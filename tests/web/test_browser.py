"""End to end in a real browser: Debian's Chromium driven by Playwright against `mlpath serve`.

Skipped with the reason where no Chromium is installed, unless MLPATH_REQUIRE_BROWSER=1 (set by
.ci/run, which installs it). Screenshots of the lesson page (light and dark, desktop and phone)
are saved in build/screenshots/ for a reviewer.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_problem() -> str | None:
    if not Path(CHROMIUM).exists():
        return "no Chromium at /usr/bin/chromium (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    problem = _browser_problem()
    if problem:
        if os.environ.get("MLPATH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{problem} (MLPATH_REQUIRE_BROWSER=1)")
        pytest.skip(problem)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "MLPATH_HOME": str(tmp_path_factory.mktemp("home"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "mlpath", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("mlpath serve did not start within 60 s")
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _page(browser: object, server: str, outside: list[str], **options: object) -> object:
    context = browser.new_context(**options)  # type: ignore[attr-defined]

    def block_outside(route: object) -> None:
        request_url = route.request.url  # type: ignore[attr-defined]
        if request_url.startswith(server) or request_url.startswith("data:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(request_url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", block_outside)
    return context.new_page()


def _editor(page: object, textarea_id: str) -> object:
    """The CodeMirror editor that enhances a textarea (the textarea itself is hidden)."""
    selector = f"#{textarea_id.replace('.', chr(92) + '.')} + .cm-editor .cm-content"
    return page.locator(selector)  # type: ignore[attr-defined]


def _type_code(page: object, textarea_id: str, code: str) -> object:
    editor = _editor(page, textarea_id)
    editor.fill(code)  # type: ignore[attr-defined]
    return editor


def test_edit_run_fail_pass_and_see_progress(browser: object, server: str) -> None:
    outside: list[str] = []
    page = _page(browser, server, outside)
    page.goto(f"{server}/lessons/la.dot-product")  # type: ignore[attr-defined]
    page.wait_for_selector(".katex")  # type: ignore[attr-defined]

    code = _type_code(
        page, "code-1", "import numpy as np\nu = np.array([2.0, 1.0, 3.0])\nprint(u * 10)"
    )
    code.press("Shift+Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("#out-1 pre.fresh")  # type: ignore[attr-defined]
    assert "[20. 10. 30.]" in page.inner_text("#out-1")  # type: ignore[attr-defined]

    _type_code(page, "answer-la.dot-product.implement", "def dot(u, v):\n    return u * v\n")
    checkpoint = page.locator("#cp-la\\.dot-product\\.implement")  # type: ignore[attr-defined]
    checkpoint.get_by_role("button", name="Check").click()
    feedback = checkpoint.locator(".feedback")
    feedback.wait_for()
    assert "elementwise-product" in feedback.inner_text()

    _type_code(
        page,
        "answer-la.dot-product.implement",
        "import numpy as np\ndef dot(u, v):\n    return float(np.sum(u * v))\n",
    )
    checkpoint.get_by_role("button", name="Check").click()
    page.wait_for_selector("#cp-la\\.dot-product\\.implement .feedback.passed")  # type: ignore[attr-defined]

    page.goto(f"{server}/map")  # type: ignore[attr-defined]
    assert page.locator("li.node.level-learning, li.node.level-learned").count() > 0  # type: ignore[attr-defined]
    page.goto(f"{server}/progress")  # type: ignore[attr-defined]
    assert page.locator("img.figure").count() == 1  # type: ignore[attr-defined]
    assert outside == []


def test_learner_html_is_shown_as_text(browser: object, server: str) -> None:
    outside: list[str] = []
    page = _page(browser, server, outside)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    page.goto(f"{server}/lessons/la.vectors")  # type: ignore[attr-defined]
    code = _type_code(page, "code-0", "print('<script>alert(1)</script>')")
    code.press("Control+Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("#out-0 pre.fresh")  # type: ignore[attr-defined]
    assert "<script>alert(1)</script>" in page.inner_text("#out-0")  # type: ignore[attr-defined]
    assert dialogs == []


def test_screenshots_light_dark_desktop_phone(browser: object, server: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        for name, size in (("desktop", (1280, 900)), ("phone", (390, 844))):
            outside: list[str] = []
            page = _page(
                browser,
                server,
                outside,
                color_scheme=scheme,
                viewport={"width": size[0], "height": size[1]},
            )
            page.goto(f"{server}/lessons/la.dot-product")  # type: ignore[attr-defined]
            page.wait_for_selector(".katex")  # type: ignore[attr-defined]
            target = SCREENSHOTS / f"lesson-{name}-{scheme}.png"
            page.screenshot(path=str(target), full_page=False)  # type: ignore[attr-defined]
            assert target.read_bytes().startswith(b"\x89PNG")
            width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
            assert width <= size[0] + 1, f"{name}: the page scrolls sideways ({width}px)"
            assert outside == []


def test_stop_a_loop_then_reload_keeps_the_edits_and_the_pass(browser: object, server: str) -> None:
    outside: list[str] = []
    page = _page(browser, server, outside)
    page.goto(f"{server}/lessons/la.matmul")  # type: ignore[attr-defined]
    page.wait_for_selector(".cm-editor")  # type: ignore[attr-defined]
    loop = _type_code(page, "code-0", "kept = 7\nwhile True:\n    pass")
    loop.press("Shift+Enter")  # type: ignore[attr-defined]
    stop = page.locator("form.cell").first.get_by_role("button", name="Stop")  # type: ignore[attr-defined]
    stop.wait_for()
    stop.click()
    page.wait_for_selector("#out-0 pre.error")  # type: ignore[attr-defined]
    assert "KeyboardInterrupt" in page.inner_text("#out-0")  # type: ignore[attr-defined]

    edited = "print(kept * 6)"
    _type_code(page, "code-1", edited)
    checkpoint = page.locator("#cp-la\\.matmul\\.shape-rule")  # type: ignore[attr-defined]
    checkpoint.locator("input[type=radio]").first.check()
    checkpoint.get_by_role("button", name="Check").click()
    page.wait_for_selector("#cp-la\\.matmul\\.shape-rule .feedback")  # type: ignore[attr-defined]
    page.wait_for_timeout(1200)  # the draft is saved half a second after the last keystroke

    page.reload()  # type: ignore[attr-defined]
    page.wait_for_selector("#cp-la\\.matmul\\.shape-rule .passed-mark:not([hidden])")  # type: ignore[attr-defined]
    assert _editor(page, "code-1").inner_text() == edited  # type: ignore[attr-defined]
    assert checkpoint.locator("input[type=radio]").first.is_checked()
    assert outside == []


def test_sidebar_previous_next_and_search(browser: object, server: str) -> None:
    outside: list[str] = []
    page = _page(browser, server, outside, viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/lessons/la.norm")  # type: ignore[attr-defined]
    page.locator("nav.sidebar").get_by_role("link", name="The dot product").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{server}/lessons/la.dot-product")  # type: ignore[attr-defined]
    page.locator("a[rel=next]").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{server}/lessons/la.norm")  # type: ignore[attr-defined]
    page.fill("#search-q", "argpartition")  # type: ignore[attr-defined]
    page.press("#search-q", "Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("ol.hits a")  # type: ignore[attr-defined]
    first = page.locator("ol.hits a").first  # type: ignore[attr-defined]
    target = first.get_attribute("href")
    assert target.startswith("/lessons/") and "#" in target  # a section of a lesson
    first.click()
    page.wait_for_url(f"{server}{target}")  # type: ignore[attr-defined]
    assert outside == []


def test_the_concept_map_at_desktop_width(browser: object, server: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    page = _page(browser, server, outside, viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/map")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Fit").click()  # type: ignore[attr-defined]
    target = SCREENSHOTS / "map-desktop-light.png"
    page.screenshot(path=str(target), full_page=False)  # type: ignore[attr-defined]
    # Every label fits its box: no text sticks out to the right.
    overflowing = page.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll("svg.concept-graph g.node")].filter((g) => {
            const box = g.querySelector("rect").getBBox();
            return [...g.querySelectorAll("tspan")].some(
                (t) => t.getComputedTextLength() > box.width - 8);
        }).length"""
    )
    assert overflowing == 0
    assert outside == []


def test_output_streams_while_a_cell_runs_and_run_above_runs_the_cells_before(
    browser: object, server: str
) -> None:
    outside: list[str] = []
    page = _page(browser, server, outside)
    page.goto(f"{server}/lessons/la.vectors")  # type: ignore[attr-defined]
    page.wait_for_selector(".cm-editor")  # type: ignore[attr-defined]
    code = _type_code(
        page, "code-0", "import time\nprint('first')\ntime.sleep(3)\nprint('second')\nbase = 40"
    )
    code.press("Shift+Enter")  # type: ignore[attr-defined]
    # The first line shows while the cell still sleeps: the page says it is running.
    page.wait_for_selector("#out-0 pre.streaming:has-text('first')")  # type: ignore[attr-defined]
    assert "second" not in page.inner_text("#out-0")  # type: ignore[attr-defined]
    assert page.locator("#busy-0.htmx-request").count() == 1  # type: ignore[attr-defined]
    page.wait_for_selector("#out-0 pre.fresh:not(.streaming):has-text('second')")  # type: ignore[attr-defined]

    _type_code(page, "code-1", "print(base + 2)")
    page.get_by_role("button", name="Restart cells").click()  # type: ignore[attr-defined]
    page.wait_for_selector("#restart-note:has-text('Restarted')")  # type: ignore[attr-defined]
    third = page.locator("form.cell").nth(2)  # type: ignore[attr-defined]
    third.get_by_role("button", name="Run above").click()
    page.wait_for_selector("#out-1 pre.fresh:has-text('42')", timeout=20_000)  # type: ignore[attr-defined]
    assert "second" in page.inner_text("#out-0")  # type: ignore[attr-defined]
    assert page.locator("#out-2 pre.recorded").count() == 1  # type: ignore[attr-defined]  # not itself
    assert outside == []


def test_passes_within_minutes_never_give_mastered(browser: object, server: str) -> None:
    outside: list[str] = []
    page = _page(browser, server, outside)
    page.goto(f"{server}/lessons/la.matmul")  # type: ignore[attr-defined]
    checkpoint = page.locator("#cp-la\\.matmul\\.shape-rule")  # type: ignore[attr-defined]
    feedback = checkpoint.locator(".feedback.passed")
    for _ in range(4):
        checkpoint.locator("input[type=radio]").first.check()
        checkpoint.get_by_role("button", name="Check").click()
        feedback.wait_for()
        page.evaluate(
            "document.querySelector('#cp-la\\\\.matmul\\\\.shape-rule .feedback').remove()"
        )  # type: ignore[attr-defined]
    page.goto(f"{server}/progress")  # type: ignore[attr-defined]
    totals = page.evaluate(  # type: ignore[attr-defined]
        """() => {
            const names = [...document.querySelectorAll("thead th")].map((th) => th.textContent);
            const sums = Object.fromEntries(names.slice(1).map((n) => [n, 0]));
            for (const row of document.querySelectorAll("tbody tr")) {
                [...row.cells].slice(1).forEach((cell, i) => {
                    sums[names[i + 1]] += Number(cell.textContent);
                });
            }
            return sums;
        }"""
    )
    assert totals["learned"] >= 1, totals
    assert totals["mastered"] == 0, totals
    assert outside == []
