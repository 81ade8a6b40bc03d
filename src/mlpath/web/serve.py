"""Serve the web app: bind first (a taken port is one clear sentence), then hand the socket to
uvicorn, so "mlpath is at ..." is only printed for an address that really listens."""

from __future__ import annotations

import errno
import socket

from fastapi import FastAPI

from mlpath.errors import MlpathError


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or an MlpathError saying why not and what to do."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise MlpathError(f"--host {host!r} is not an address this machine knows ({exc})") from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise MlpathError(
                f"port {port} on {host} is already in use (another mlpath serve?); stop that "
                f"program or choose another port with --port"
            ) from exc
        if exc.errno == errno.EACCES:
            raise MlpathError(
                f"port {port} on {host} needs privileges this user lacks; use a port above 1023"
            ) from exc
        raise MlpathError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    return sock


def run(app: FastAPI, sock: socket.socket) -> None:
    """Serve `app` on the bound socket until Ctrl+C."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
