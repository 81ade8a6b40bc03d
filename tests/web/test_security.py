"""The local server against hostile pages: wrong Origin, wrong Host, missing token.

In-process through the ASGI client for every route, and against a real `mlpath serve` over
real HTTP for the attacks as the tester ran them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from mlpath.core import Mlpath

LOCAL = "http://127.0.0.1"
# Every route that runs code or writes: (path, form data).
WRITES = [
    ("/lessons/la.dot-product/cells/0/run", {"code": "print(open('/etc/hostname').read())"}),
    ("/lessons/la.dot-product/restart", {}),
    ("/checkpoints/la.matmul.shape-rule/check", {"answer": "a"}),
]


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(Mlpath().app(), base_url=LOCAL) as running:
        yield running


@pytest.mark.parametrize(("path", "data"), WRITES)
def test_cross_origin_writes_are_refused_and_same_origin_ones_served(
    client: TestClient, path: str, data: dict[str, str]
) -> None:
    for origin in ("http://evil.example", "null", "http://127.0.0.1:1"):
        refused = client.post(path, data=data, headers={"Origin": origin})
        assert refused.status_code == 403, origin
        assert "Only pages of this mlpath server" in refused.text
    cross_site = client.post(path, data=data, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross_site.status_code == 403
    own = client.post(path, data=data, headers={"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"})
    assert own.status_code == 200


@pytest.mark.parametrize("path", ["/", "/lessons/la.vectors", "/progress", "/static/app.css"])
def test_a_rebound_host_reads_nothing(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200
    rebound = client.get(path, headers={"Host": "evil.example"})
    assert rebound.status_code == 403 and "Vectors" not in rebound.text
    for local in ("localhost:8765", "127.0.0.1:8765", "[::1]:8765"):
        assert client.get(path, headers={"Host": local}).status_code == 200, local


@pytest.mark.parametrize(("path", "data"), WRITES)
def test_a_rebound_host_cannot_write_either(
    client: TestClient, path: str, data: dict[str, str]
) -> None:
    headers = {"Host": "evil.example", "Origin": "http://evil.example"}
    assert client.post(path, data=data, headers=headers).status_code == 403


def test_with_a_token_every_request_needs_it() -> None:
    token = "s3cret-token"
    with TestClient(Mlpath().app(token), base_url="http://192.0.2.10:8765") as remote:
        assert remote.get("/").status_code == 403
        assert "needs its token" in remote.get("/lessons/la.vectors").text
        assert remote.get("/?token=wrong").status_code == 403
        entry = remote.get("/lessons/la.vectors?token=s3cret-token", follow_redirects=False)
        assert entry.status_code == 303 and entry.headers["location"] == "/lessons/la.vectors"
        assert "HttpOnly" in entry.headers["set-cookie"]
        assert remote.get("/").status_code == 200  # the cookie now carries it
        remote.cookies.clear()
        assert remote.get("/").status_code == 403
        header = {"Authorization": f"token {token}"}
        assert remote.get("/", headers=header).status_code == 200
        same = {**header, "Origin": "http://192.0.2.10:8765"}
        ran = remote.post(WRITES[0][0], data={"code": "1 + 1"}, headers=same)
        assert ran.status_code == 200
        cross = {**header, "Origin": "http://evil.example"}
        assert remote.post(WRITES[0][0], data={"code": "1"}, headers=cross).status_code == 403


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(home: Path, *arguments: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "mlpath", "serve", *arguments],
        env={**os.environ, "MLPATH_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    banner = ""
    deadline = time.monotonic() + 60
    while "mlpath is at" not in banner and time.monotonic() < deadline:
        banner += process.stdout.readline()
    return process, banner


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=20)
    if process.stdout is not None:
        process.stdout.close()


def _wait_until_served(url: str, **options: object) -> httpx.Response:
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(url, timeout=5, **options)  # type: ignore[arg-type]
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_the_testers_attacks_on_a_real_server(tmp_path: Path) -> None:
    port = _free_port()
    process, _ = _serve(tmp_path / "home", "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_until_served(base + "/").status_code == 200
        attack = httpx.post(
            base + WRITES[0][0],
            data={"code": "print(open('/etc/hostname').read())"},
            headers={"Origin": "http://evil.example"},
            timeout=30,
        )
        assert attack.status_code == 403
        check = httpx.post(
            base + WRITES[2][0], data={"answer": "a"}, headers={"Origin": "http://evil.example"}
        )
        assert check.status_code == 403
        rebinding = httpx.get(base + "/", headers={"Host": "evil.example"})
        assert rebinding.status_code == 403
    finally:
        _stop(process)


def test_beyond_loopback_it_warns_and_requires_the_printed_token(tmp_path: Path) -> None:
    port = _free_port()
    process, banner = _serve(tmp_path / "home", "--host", "0.0.0.0", "--port", str(port))
    try:
        assert "warning: mlpath listens on 0.0.0.0" in banner
        assert "can run code as you" in banner
        url = banner.split("mlpath is at ", 1)[1].split()[0]
        token = url.split("?token=", 1)[1]
        assert len(token) >= 32
        base = f"http://127.0.0.1:{port}"
        assert _wait_until_served(base + "/").status_code == 403
        entered = httpx.get(f"{base}/?token={token}", follow_redirects=True, timeout=30)
        assert entered.status_code == 200 and "mlpath" in entered.text
    finally:
        _stop(process)
