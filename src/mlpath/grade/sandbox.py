"""What the sandbox can do on this machine, verified by attacking a real sandboxed child.

`mlpath doctor` prints `verify_isolation()`: every line is something a probe inside a real
sandboxed session tried and observed (signal the server, reach the network, read the project,
write the home folder, create a namespace, hold the process budget), never what the sandbox
merely meant to set up.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import textwrap
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mlpath.run import Executor, Limits
from mlpath.run.isolation import MAX_PROCESSES, IsolationReport

NAMESPACES = ("pid", "net", "ipc", "mnt", "user")

# Runs inside the sandbox; HOST holds what the probe compares against (filled in below).
_PROBE = """
import ctypes, json, os, resource, socket
HOST = json.loads({host!r})
seen = {{}}
seen['namespaces'] = {{n: os.readlink(f'/proc/self/ns/{{n}}') for n in HOST['namespaces']}}
try:
    os.kill(HOST['server'], 0)
    seen['signal'] = 'delivered'
except OSError as exc:
    seen['signal'] = type(exc).__name__
seen['processes'] = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())
try:
    socket.create_connection(('127.0.0.1', HOST['port']), timeout=1).close()
    seen['network'] = 'connected'
except Exception as exc:
    seen['network'] = type(exc).__name__
seen['checkout'] = [p for p in HOST['private'] if os.path.exists(p)]
for place in ('home', 'tmp'):
    try:
        with open(HOST[place], 'w') as note:
            note.write('probe')
        seen[place] = 'written'
    except OSError as exc:
        seen[place] = type(exc).__name__
status = dict(line.split(':', 1) for line in open('/proc/self/status') if ':' in line)
seen['capabilities'] = int(status['CapEff'].strip(), 16)
seen['seccomp'] = status.get('Seccomp', '0').strip()
libc = ctypes.CDLL(None, use_errno=True)
seen['unshare'] = libc.unshare(0x10000000) == 0 or os.strerror(ctypes.get_errno())
seen['limits'] = {{
    name: resource.getrlimit(getattr(resource, 'RLIMIT_' + name))[0]
    for name in ('AS', 'CPU', 'NPROC', 'FSIZE', 'CORE')
}}
print(json.dumps(seen))
"""

_HOG = """
import os, time
for _ in range({count}):
    if os.fork() == 0:
        time.sleep(30)
        os._exit(0)
"""


@dataclass(frozen=True)
class Check:
    """One property of the sandbox, and whether a probe verified it (and if not, why)."""

    label: str
    verified: bool
    detail: str = ""


def doctor_limits() -> Limits:
    """Limits like the grader's: what a submission gets."""
    from mlpath.course.catalog import curriculum_root

    return Limits(
        timeout=10.0,
        memory_mb=512,
        cpu_seconds=30,
        sandbox=True,
        hidden_paths=(str(curriculum_root()),),
    )


def _private_paths() -> list[str]:
    """Paths no submission may see: the answer key and the checkout's history."""
    from mlpath.course.catalog import curriculum_root
    from mlpath.run._filesystem import project_checkout

    paths = [str(p) for p in sorted(curriculum_root().rglob("*.checks.py"))[:3]]
    checkout = project_checkout()
    if checkout:
        paths += [os.path.join(checkout, ".git"), os.path.join(checkout, "README.md")]
    return paths


def _probe(executor: Executor, limits: Limits) -> tuple[dict[str, Any], dict[str, Any]]:
    token = f"mlpath-doctor-{uuid.uuid4().hex[:8]}"
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    host = {
        "namespaces": list(NAMESPACES),
        "server": os.getpid(),
        "port": listener.getsockname()[1],
        "private": _private_paths(),
        "home": str(Path.home() / f"{token}.txt"),
        "tmp": f"/tmp/{token}",
    }
    try:
        with executor.session(limits) as session:
            result = session.run_cell(textwrap.dedent(_PROBE.format(host=json.dumps(host))))
            report = session.isolation or {}
    finally:
        listener.close()
    leaked = {place: os.path.exists(str(host[place])) for place in ("home", "tmp")}
    for place, there in leaked.items():
        if there:
            os.unlink(str(host[place]))
    if not result.ok:
        raise RuntimeError(f"the isolation probe failed: {result.error or result.crash}")
    seen: dict[str, Any] = json.loads(result.stdout)
    seen["leaked"] = leaked
    return seen, report


def _budget_is_per_session(executor: Executor, limits: Limits) -> bool:
    """Fill one session's process budget; another session must still start a process."""
    with executor.session(limits) as greedy, executor.session(limits) as other:
        greedy.run_cell(_HOG.format(count=MAX_PROCESSES - 4))
        forked = other.run_cell("import subprocess\nsubprocess.run(['true']).returncode")
    return forked.value == "0"


def _namespace_checks(seen: dict[str, Any], report: dict[str, Any]) -> list[Check]:
    own = {n: seen["namespaces"][n] != os.readlink(f"/proc/self/ns/{n}") for n in NAMESPACES}
    why = "; ".join(report.get("problems", [])) or "not created"
    return [
        Check(
            "PID namespace (cannot see or signal the server, other sessions or your programs)",
            own["pid"] and seen["signal"] == "ProcessLookupError" and seen["processes"] == [1],
            "" if own["pid"] else why,
        ),
        Check(
            "network namespace (no network, not even this machine's)",
            own["net"] and seen["network"] != "connected",
            "" if own["net"] else why,
        ),
        Check(
            "IPC namespace (no shared memory or semaphores with other processes)",
            own["ipc"],
            "" if own["ipc"] else why,
        ),
    ]


def _file_checks(seen: dict[str, Any], report: dict[str, Any]) -> list[Check]:
    reachable = seen["checkout"] + [p for p, there in seen["leaked"].items() if there]
    return [
        Check(
            "private file system (checkout, .git, answer keys, home folder and /tmp out of reach)",
            not reachable and seen["home"] != "written",
            f"reachable: {', '.join(reachable)}" if reachable else "",
        )
    ]


def _privilege_checks(seen: dict[str, Any], report: dict[str, Any], budget: bool) -> list[Check]:
    user = "nobody" if os.geteuid() == 0 else "your user"
    own_user = seen["namespaces"]["user"] != os.readlink("/proc/self/ns/user")
    return [
        Check(
            f"unprivileged user ({user}, no capabilities, in a user namespace of its own)",
            seen["capabilities"] == 0 and own_user,
            "" if own_user else "; ".join(report.get("problems", [])),
        ),
        Check(
            "system-call filter (no new namespaces, mount, ptrace, keyctl, bpf)",
            seen["seccomp"] == "2" and seen["unshare"] is not True,
            "" if seen["seccomp"] == "2" else "; ".join(report.get("problems", [])),
        ),
        Check(
            f"process budget of {MAX_PROCESSES} per session, not shared with other sessions",
            budget,
            "" if budget else "a full session left another none (kernel older than 5.14?)",
        ),
    ]


def _limit_check(seen: dict[str, Any], limits: Limits, report: dict[str, Any]) -> Check:
    got = seen["limits"]
    wanted = {
        "CPU": limits.cpu_seconds,
        "NPROC": MAX_PROCESSES,
        "FSIZE": limits.file_mb * 1024 * 1024,
        "CORE": 0,
    }
    wrong = [f"{n} is {got[n]}, not {value}" for n, value in wanted.items() if got[n] != value]
    if got["AS"] == resource.RLIM_INFINITY:
        wrong.append("address space unlimited")
    problems = [p for p in report.get("problems", []) if p.startswith("limit")]
    return Check(
        "resource limits (memory, CPU, processes, file size; output and time by the executor)",
        not wrong and not problems,
        "; ".join(wrong + problems)
        or (
            f"{limits.memory_mb} MB more memory, {limits.cpu_seconds} CPU s, "
            f"{MAX_PROCESSES} processes, {limits.file_mb} MB files"
        ),
    )


def verify_isolation(limits: Limits | None = None) -> list[Check]:
    """Attack a real sandboxed session and report what held."""
    limits = limits or doctor_limits()
    with Executor(jobs=1) as executor:
        seen, report = _probe(executor, limits)
        budget = _budget_is_per_session(executor, limits)
    return [
        *_privilege_checks(seen, report, budget),
        *_namespace_checks(seen, report),
        *_file_checks(seen, report),
        _limit_check(seen, limits, report),
    ]


@cache
def probe_isolation() -> IsolationReport:
    """Start one sandboxed child and report the isolation it set up (not verified: see
    `verify_isolation`)."""
    with Executor(jobs=1) as executor, executor.session(Limits(sandbox=True)) as session:
        data = session.isolation or {}
    fields = IsolationReport.__dataclass_fields__
    return IsolationReport(**{k: v for k, v in data.items() if k in fields})
