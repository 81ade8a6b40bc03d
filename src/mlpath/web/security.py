"""The local server trusts nobody by default (as Jupyter Server does).

- **Host**: on loopback, a request must name a local host (`127.0.0.1`, `localhost`, `::1`),
  so a page that rebinds its own DNS name to 127.0.0.1 gets 403 and reads nothing.
- **Origin**: a request that changes anything (POST: run a cell, check an answer, restart)
  must come from a page of this server: its `Origin` (or, without one, `Sec-Fetch-Site`) must
  say same-origin. Any other web page gets 403, so it can neither run code nor record attempts.
- **Token**: bound to anything but loopback, the server requires the token it printed at start
  (`?token=...` once, then a cookie; or `Authorization: token ...`), and accepts any Host.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "mlpath_token"
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_loopback(host: str) -> bool:
    """Whether an address to listen on (or a Host name) is this machine only."""
    name = host.strip("[]").lower()
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _host_name(authority: str) -> str:
    """The host part of a Host header or an origin's netloc (`[::1]:8765` -> `::1`)."""
    return urlsplit(f"//{authority}").hostname or ""


class Guard:
    """ASGI middleware applying the three rules above.

    Args:
        app: the application it protects.
        token: required on every request when set (the server listens beyond loopback).
    """

    def __init__(self, app: ASGIApp, token: str | None = None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if self.token is None and not is_loopback(_host_name(host)):
            await _forbid(send, "This server only answers pages it serves on this computer.")
            return
        if scope["method"] not in SAFE_METHODS and not _same_origin(headers, host):
            await _forbid(send, "Only pages of this mlpath server may change anything here.")
            return
        if self.token is not None:
            given = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if hmac.compare_digest(given.get("token", ""), self.token):
                await _redirect_with_cookie(scope, send, given, self.token)
                return
            if not self._has_token(headers):
                await _forbid(
                    send,
                    "This mlpath server needs its token: open the address it printed when it "
                    "started (…/?token=…).",
                )
                return
        await self.app(scope, receive, send)

    def _has_token(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        cookies = dict(
            part.strip().split("=", 1)
            for part in headers.get("cookie", "").split(";")
            if "=" in part
        )
        offered = [cookies.get(TOKEN_COOKIE, "")]
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("token "):
            offered.append(authorization[6:].strip())
        return any(hmac.compare_digest(item, self.token) for item in offered if item)


def _same_origin(headers: dict[str, str], host: str) -> bool:
    """A browser names the page that sent a request in `Origin`; older ones say where it came
    from in `Sec-Fetch-Site`. A request with neither is not from a web page (curl, a script of
    the learner's own), which the browser rules cannot be about."""
    origin = headers.get("origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc.lower() == host.lower()
    return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


async def _forbid(send: Send, message: str) -> None:
    body = (
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>Forbidden · mlpath</title>"
        f"<main><h1>Forbidden</h1><p>{message}</p></main></html>"
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(
    scope: Scope, send: Send, query: dict[str, str], token: str
) -> None:
    """Trade `?token=` for a cookie and drop it from the address bar (and from history)."""
    rest = {k: v for k, v in query.items() if k != "token"}
    location = scope["path"] + (f"?{urlencode(rest)}" if rest else "")
    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode()),
                (b"set-cookie", cookie.encode()),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})
