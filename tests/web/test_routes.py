"""The web app in-process through an ASGI client, on a real SQLite file and real sandboxes."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mlpath.core import Mlpath

EXTERNAL = re.compile(r"""(?:src|href|action)=["'](?:https?:)?//""", re.IGNORECASE)


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(Mlpath().app(), base_url="http://127.0.0.1") as running:
        yield running


def test_home_lists_the_course_and_the_next_step(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Vectors as data" in page.text and 'href="/lessons/la.matmul"' in page.text
    assert "Next:" in page.text


def test_a_lesson_page_has_prose_math_cells_outputs_figures_and_checkpoints(
    client: TestClient,
) -> None:
    page = client.get("/lessons/la.dot-product")
    assert page.status_code == 200
    assert '<span class="math inline">' in page.text
    assert 'id="the-idea-multiply-pairwise-then-sum"' in page.text
    assert '<pre class="recorded">21.0\n</pre>' in page.text
    figure = re.search(r'src="(/lessons/la.dot-product/figures/[^"]+)"', page.text)
    assert figure is not None
    image = client.get(figure.group(1))
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert 'id="cp-la.dot-product.implement"' in page.text
    assert client.get("/lessons/la.dot-product/figures/../../x").status_code == 404
    assert client.get("/lessons/nope").status_code == 404


def test_cells_keep_state_show_figures_and_restart(client: TestClient) -> None:
    run = "/lessons/la.vectors/cells/0/run"
    assert client.post(run, data={"code": "x = 20"}).status_code == 200
    shown = client.post(run, data={"code": "x + 22"})
    assert '<pre class="fresh">42\n</pre>' in shown.text
    plot = client.post(run, data={"code": "import matplotlib.pyplot as plt\nplt.plot([1, 2]);"})
    assert 'src="data:image/png;base64,' in plot.text
    client.post("/lessons/la.vectors/restart")
    gone = client.post(run, data={"code": "x"})
    assert "NameError" in gone.text


def test_a_cell_asked_for_events_streams_its_output_then_the_whole_result(
    client: TestClient,
) -> None:
    code = "import time\nfor i in range(3):\n    print(f'<b>{i}</b>')\n    time.sleep(0.2)"
    with client.stream(
        "POST",
        "/lessons/la.vectors/cells/0/run",
        data={"code": code},
        headers={"Accept": "text/event-stream"},
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [
            (block.split("\n")[0].removeprefix("event: "), block.split("\n")[1])
            for block in response.read().decode().strip().split("\n\n")
        ]
    names = [name for name, _ in events]
    assert names[-1] == "result" and names[:-1] == ["output"] * (len(names) - 1)
    streamed = [json.loads(data.removeprefix("data: ")) for _, data in events[:-1]]
    assert streamed[0] == {"stream": "stdout", "text": "<b>0</b>\n"}
    assert "".join(part["text"] for part in streamed) == "<b>0</b>\n<b>1</b>\n<b>2</b>\n"
    result = json.loads(events[-1][1].removeprefix("data: "))["html"]
    assert "&lt;b&gt;0&lt;/b&gt;" in result and "<b>" not in result  # escaped, like the HTML


def test_learner_output_is_escaped(client: TestClient) -> None:
    shown = client.post(
        "/lessons/la.vectors/cells/0/run", data={"code": "print('<script>alert(1)</script>')"}
    )
    assert "<script>alert(1)</script>" not in shown.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.text


def test_a_checkpoint_names_the_mistake_then_passes_and_progress_changes(
    client: TestClient,
) -> None:
    url = "/checkpoints/la.dot-product.implement/check"
    wrong = client.post(url, data={"answer": "def dot(u, v):\n    return u * v\n"})
    assert "Not yet" in wrong.text and "elementwise-product" in wrong.text
    assert 'href="/lessons/la.dot-product#the-idea-multiply-pairwise-then-sum"' in wrong.text
    solution = "import numpy as np\ndef dot(u, v):\n    return float(np.sum(u * v))\n"
    right = client.post(url, data={"answer": solution})
    assert "Passed" in right.text
    choice = client.post("/checkpoints/la.matmul.shape-rule/check", data={"answer": "(5, 3)"})
    assert "Passed" in choice.text
    progress = client.get("/progress")
    assert re.search(r"<td>linear-algebra</td><td>\d+</td><td>[1-9]", progress.text)
    assert client.get("/progress.png").content.startswith(b"\x89PNG")


def test_feedback_names_the_mistake_first_and_gives_the_fix_on_the_next_try(
    client: TestClient,
) -> None:
    url = "/checkpoints/la.dot-product.implement/check"
    elementwise = {"answer": "def dot(u, v):\n    return u * v\n"}
    first = client.post(url, data=elementwise)
    assert "elementwise-product" in first.text and "still a vector" in first.text
    assert "np.sum(u * v)" not in first.text
    assert "comes with the last hint, or after your next try" in first.text
    # The fix now closes the hints.
    hints = client.get("/checkpoints/la.dot-product.implement/hint?level=99")
    assert "<code>np.sum(u * v)</code>" in hints.text
    second = client.post(url, data=elementwise)
    assert "The fix:</strong> return <code>np.sum(u * v)</code>" in second.text


def test_a_pass_says_what_it_changed_and_what_comes_next(client: TestClient) -> None:
    solution = "import numpy as np\ndef dot(u, v):\n    return float(np.sum(u * v))\n"
    passed = client.post("/checkpoints/la.dot-product.implement/check", data={"answer": solution})
    assert "Passed" in passed.text
    # One of the lesson's three checkpoints: learning, with a first review two days away.
    assert "Dot product</span>: not started → <strong>learning</strong>" in passed.text
    assert "; next review in 2 days (" in passed.text
    # The lesson has more checkpoints: the next one is linked.
    assert re.search(
        r'Next: <a href="/lessons/la.dot-product#cp-la\.dot-product\.[\w-]+"', passed.text
    )


def test_hints_why_and_map(client: TestClient) -> None:
    hint = client.get("/checkpoints/la.matmul.implement/hint")
    assert "<li>" in hint.text and "level=2" in hint.text
    why = client.get("/why", params={"target": "attention"})
    assert "tf.attention" in why.text and 'href="/lessons/la.dot-product"' in why.text
    unknown = client.get("/why", params={"target": "atention"})
    assert "Did you mean" in unknown.text
    concept_map = client.get("/map").text
    from mlpath.course.catalog import load_catalog

    assert concept_map.count('<g class="node') == len(load_catalog().concepts)
    assert concept_map.count('<path class="edge"') > 100
    svg = concept_map[concept_map.index("<svg") : concept_map.index("</svg>")]
    for concept in load_catalog().concepts.values():  # every label whole, however wrapped
        shown = re.search(rf"<title>{re.escape(concept.id)}:.*?</title>.*?<text>(.*?)</text>", svg)
        assert shown is not None, concept.id
        words = " ".join(re.sub(r"<[^>]+>", " ", shown.group(1)).split())
        assert words.endswith(" ".join(html.escape(concept.title).split())), (concept.id, words)
    assert concept_map.count('tabindex="-1"') == len(load_catalog().concepts)


def test_no_page_loads_anything_from_outside_localhost(client: TestClient) -> None:
    for path in (
        "/",
        "/lessons/la.vectors",
        "/lessons/la.dot-product",
        "/why?target=attention",
        "/map",
        "/progress",
    ):
        page = client.get(path)
        assert page.status_code == 200
        assert not EXTERNAL.search(page.text), path
    for asset in (
        "/static/app.css",
        "/static/app.js",
        "/static/vendor/htmx.min.js",
        "/static/vendor/katex/katex.min.js",
        "/static/vendor/katex/katex.min.css",
    ):
        response = client.get(asset)
        assert response.status_code == 200, asset
    css = client.get("/static/vendor/katex/katex.min.css").text
    without_comments = re.sub(r"/\*.*?\*/", "", css)
    assert "url(fonts/" in css and "//" not in without_comments


def test_hints_render_their_markdown(client: TestClient) -> None:
    hint = client.get("/checkpoints/la.dot-product.implement/hint").text
    assert "<code>u * v</code>" in hint and "`" not in hint


def test_the_why_page_links_everywhere_it_points(client: TestClient) -> None:
    concept = client.get("/why", params={"target": "la.vectors"}).text
    assert 'is taught in <a href="/lessons/la.vectors">' in concept
    typo = client.get("/why", params={"target": "gradient decent"}).text
    assert 'href="/why?target=gradient%20descent"' in typo
    nonsense = client.get("/why", params={"target": "qwertyzzz"}).text
    assert "is not a concept, lesson or technique" in nonsense and "Did you mean" not in nonsense
    no_lessons = client.get("/why", params={"target": "prob.basics"}).text
    assert "about 0 minutes" not in no_lessons


def test_favicon_and_oversized_posts_answer_in_place(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.text.startswith("<svg")
    huge = client.post(
        "/lessons/la.vectors/cells/0/run",
        data={"code": "x = 1\n" * 200_000},
        headers={"HX-Request": "true"},
    )
    assert huge.status_code == 400 and 'role="alert"' in huge.text
    assert "larger than 1 MB" in huge.text and "<html" not in huge.text


def test_long_output_says_it_was_cut_before_showing_it(client: TestClient) -> None:
    shown = client.post(
        "/lessons/la.vectors/cells/0/run", data={"code": "for i in range(100_000): print(i)"}
    ).text
    assert shown.index("Output was cut") < shown.index('<pre class="fresh">')


def test_the_progress_plot_counts_what_the_table_counts(client: TestClient) -> None:
    from mlpath.config import load_settings
    from mlpath.learn.mastery import LEARNED, MASTERED
    from mlpath.learn.model import LearnerModel

    client.post("/checkpoints/la.matmul.shape-rule/check", data={"answer": "a"})
    model = LearnerModel(load_settings())
    try:
        learned = sum(1 for level in model.levels().values() if level in (LEARNED, MASTERED))
        assert learned > 1  # the pass implied its prerequisites
        assert model.history()[-1][1] == learned
    finally:
        model.close()


def test_a_stopped_session_tells_its_learner_why(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("MLPATH_WEB_IDLE_MINUTES", "0.001")  # idle after 60 ms
    core = Mlpath()
    with TestClient(core.app(), base_url="http://127.0.0.1") as client:
        run = "/lessons/la.matmul/cells/0/run"
        client.post(run, data={"code": "x = 1"})
        time.sleep(0.2)
        core.cells.collect()
        shown = client.post(run, data={"code": "print(x)"}).text
    assert 'class="note restarted"' in shown and "without use" in shown
    assert "NameError" in shown  # the reason comes with the error, not instead of it


def test_a_traceback_names_the_cell_the_learner_sees(client: TestClient) -> None:
    run = "/lessons/la.vectors/cells/{}/run"
    client.post(run.format(0), data={"code": "x = 1"})
    client.post(run.format(1), data={"code": "y = 2"})
    failed = client.post(run.format(3), data={"code": "1 / 0"}).text
    assert "&lt;cell 4&gt;" in failed and "ZeroDivisionError" in failed


def test_stop_interrupts_a_running_cell_and_keeps_the_session(client: TestClient) -> None:
    import threading
    import time

    run = "/lessons/la.vectors/cells/0/run"
    client.post(run, data={"code": "kept = 42"})
    results: list[str] = []
    looping = threading.Thread(
        target=lambda: results.append(client.post(run, data={"code": "while True: pass"}).text)
    )
    looping.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if client.post("/lessons/la.vectors/stop").text == "":
            break
    looping.join(timeout=20)
    assert results and "KeyboardInterrupt" in results[0]
    assert "42" in client.post(run, data={"code": "kept"}).text
    assert "Nothing is running" in client.post("/lessons/la.vectors/stop").text


def test_the_worker_starts_with_the_server_not_with_the_first_cell() -> None:
    import time

    core = Mlpath()
    with TestClient(core.app(), base_url="http://127.0.0.1"):
        deadline = time.monotonic() + 60
        while not core.executor.started and time.monotonic() < deadline:
            time.sleep(0.1)
        assert core.executor.started  # no cell has run, no page was asked for


def test_drafts_are_kept_per_learner_and_reset_forgets_them(client: TestClient) -> None:
    url = "/lessons/la.dot-product/drafts"
    assert client.post(url, data={"slot": "cell-0", "text": "print('mine')"}).status_code == 200
    slot = "checkpoint:la.dot-product.implement"
    client.post(url, data={"slot": slot, "text": "def dot(u, v):\n    return 0\n"})
    state = client.get("/lessons/la.dot-product/state").json()
    assert state["drafts"] == {"cell-0": "print('mine')", slot: "def dot(u, v):\n    return 0\n"}
    client.post(url, data={"slot": "cell-0", "text": ""})
    assert "cell-0" not in client.get("/lessons/la.dot-product/state").json()["drafts"]
    refused = client.post(url, data={"slot": "cell-999", "text": "x"}, headers={"HX-Request": "1"})
    assert refused.status_code == 400 and "no place called" in refused.text
    home = client.get("/").text
    assert 'Continue where you left off: <a href="/lessons/la.dot-product">' in home


def test_the_page_knows_which_checkpoints_the_learner_passed(client: TestClient) -> None:
    client.post("/checkpoints/la.matmul.shape-rule/check", data={"answer": "a"})
    state = client.get("/lessons/la.matmul/state").json()
    assert state["passed"] == ["la.matmul.shape-rule"]
    assert state["levels"]["la.vectors"] == "learned"  # implied by the pass


def test_lesson_pages_have_a_sidebar_contents_prev_next_and_needs(client: TestClient) -> None:
    page = client.get("/lessons/la.dot-product").text
    assert '<nav class="sidebar"' in page and 'aria-current="page"' in page
    assert 'rel="prev" href="/lessons/la.linear-combination"' in page
    assert 'rel="next" href="/lessons/la.norm"' in page
    assert '<p class="needs">Needs:' in page and 'href="/lessons/la.linear-combination"' in page
    assert 'href="#the-idea-multiply-pairwise-then-sum"' in page


def test_search_finds_a_lesson_by_a_word_in_its_body(client: TestClient) -> None:
    found = client.get("/search", params={"q": "argpartition"}).text
    assert 'href="/lessons/np.tensors#' in found and "<mark>argpartition</mark>" in found
    assert "No lesson section mentions" in client.get("/search", params={"q": "zzqqxx"}).text


def test_start_chooses_path_and_goal_then_places_the_learner(client: TestClient) -> None:
    import re

    assert "Your path" in client.get("/start").text
    bad = client.post("/start", data={"path": "engineering", "goal": "qwertyzzz"})
    assert bad.status_code == 400 and "is not a concept, lesson or technique" in bad.text
    placed = client.post("/start", data={"path": "research", "goal": "attention"})
    assert placed.status_code == 200 and "Question 1 of at most 5" in placed.text
    asked = ""
    for _ in range(5):
        found = re.search(r'name="checkpoint" value="([^"]+)"', placed.text)
        if found is None:
            break
        asked = re.search(r'name="asked" value="([^"]*)"', placed.text).group(1)
        placed = client.post(
            "/start/questions",
            data={"checkpoint": found.group(1), "asked": asked, "answer": "no idea"},
        )
        if "The same question again" in placed.text:  # a number was asked: words are no answer
            assert f'value="{found.group(1)}"' in placed.text
            placed = client.post(
                "/start/questions",
                data={"checkpoint": found.group(1), "asked": asked, "answer": "-987654"},
            )
        assert "Not quite" in placed.text
    assert "You answered 0 of" in placed.text and "concepts to go to attention" in placed.text
    stopped = client.post("/start/questions", data={"checkpoint": "x", "asked": "", "stop": "1"})
    assert "No questions asked" in stopped.text


def test_learners_read_titles_and_how_long_the_way_is(client: TestClient) -> None:
    page = client.get("/lessons/la.dot-product").text
    assert 'teaches <span title="la.dot-product">Dot product</span>' in page
    assert "Check yourself" in page
    client.post("/start", data={"path": "engineering", "goal": "cosine similarity"})
    home = client.get("/").text
    assert "Goal: <strong>cosine similarity</strong> — " in home and "concepts to go" in home
    assert "The whole course:" in home and "hours" in home
