"""Drive a running `mlpath serve` with simulated learners on loopback and report latencies.

Each simulated learner (its own browser cookie, so its own cell session) loops over: view a
lesson page, run a cell (`x = 1`, so the time is the app's overhead, not compute), view the
home page, and every few rounds check a checkpoint answer, pausing between actions as a person
reading does (`--think`, seconds, uniformly random around the given mean, seeded); learners
arrive spread over the first pause. The number of learners, and the requests each makes, are
bounded; the run stops by itself. In the same run the static stylesheet
is fetched the same way: the server's floor, against which page latency is given as a ratio.

    .venv/bin/python benchmarks/web_load.py [--learners 50] [--rounds 6]

Goals (issue 5, this 2-core machine): page p99 < 50 ms with 50 concurrent learners; run-cell
overhead p50 < 30 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import httpx2 as httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def _learner(
    client: httpx.AsyncClient,
    number: int,
    rounds: int,
    think: float,
    timings: dict[str, list[float]],
) -> None:
    # One shared client (making one per learner costs the client, not the server, a burst of
    # CPU that would show up as server latency); the cookie tells the learners apart.
    headers = {"Cookie": f"mlpath_browser=bench-{number}"}
    rng = random.Random(number)
    await asyncio.sleep(rng.uniform(0, 2 * think))  # arrivals spread out, as people's are

    async def timed(kind: str, method: str, url: str, **options: object) -> None:
        started = time.perf_counter()
        response = await client.request(method, url, headers=headers, **options)  # type: ignore[arg-type]
        timings[kind].append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{method} {url}: HTTP {response.status_code}")
        await asyncio.sleep(rng.uniform(0, 2 * think))

    # A learner's first request may open a connection; time it apart.
    await timed("connect", "GET", "/static/app.css")
    for round_number in range(rounds):
        await timed("page", "GET", "/lessons/la.dot-product")
        await timed(
            "run-cell", "POST", "/lessons/la.dot-product/cells/0/run", data={"code": "x = 1"}
        )
        await timed("home", "GET", "/")
        await timed("static", "GET", "/static/app.css")
        if round_number % 3 == number % 3:
            await timed(
                "check",
                "POST",
                "/checkpoints/la.matmul.shape-rule/check",
                data={"answer": "(5, 3)"},
            )


async def _drive(base: str, learners: int, rounds: int, think: float) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {
        "connect": [],
        "page": [],
        "home": [],
        "run-cell": [],
        "static": [],
        "check": [],
    }
    limits = httpx.Limits(max_connections=learners + 10, max_keepalive_connections=learners + 10)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(
            *(_learner(client, n, rounds, think, timings) for n in range(learners))
        )
    timings["_wall"] = [time.perf_counter() - started]
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean pause between a learner's actions, seconds"
    )
    args = parser.parse_args()
    port = _free_port()
    home = tempfile.mkdtemp(prefix="mlpath-web-bench-")
    server = subprocess.Popen(
        [sys.executable, "-m", "mlpath", "serve", "--port", str(port)],
        env={**os.environ, "MLPATH_HOME": home},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    print("FAILED: the server did not start")
                    return 1
                time.sleep(0.3)
        asyncio.run(_drive(base, 5, 1, 0.0))  # warm-up: zygote, template and lesson caches
        timings = asyncio.run(_drive(base, args.learners, args.rounds, args.think))
    finally:
        server.terminate()
        server.wait(timeout=20)
    wall = timings.pop("_wall")[0]
    total = sum(len(v) for v in timings.values())
    print(
        f"{args.learners} concurrent learners x {args.rounds} rounds on loopback, "
        f"{total} requests in {wall:.1f} s ({total / wall:.0f} req/s)"
    )
    print(f"{'request':<10} {'n':>5} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}")
    for kind, samples in timings.items():
        print(
            f"{kind:<10} {len(samples):>5} {statistics.median(samples):>9.1f} "
            f"{_percentile(samples, 0.99):>9.1f} {max(samples):>9.1f}"
        )
    pages = timings["page"] + timings["home"]  # every page view: lesson pages and home
    page_p99 = _percentile(pages, 0.99)
    static_p50 = statistics.median(timings["static"])
    run_p50 = statistics.median(timings["run-cell"])
    print(
        f"page p50 / static-file p50 (same server, same run): "
        f"{statistics.median(timings['page']) / static_p50:.1f}x"
    )
    print(
        f"verdict: page p99 {page_p99:.1f} ms (goal < 50 ms): "
        f"{'MET' if page_p99 < 50 else 'NOT MET'}"
    )
    print(
        f"verdict: run-cell overhead p50 {run_p50:.1f} ms (goal < 30 ms): "
        f"{'MET' if run_p50 < 30 else 'NOT MET'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
