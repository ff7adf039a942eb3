"""Load benchmark: the floor, autosave and a full wizard step under gunicorn + wrk.

One command, bounded duration, cleans up after itself:

    uv run python bench/run.py            # 3 rounds of 8 s runs (about 2.5 minutes)
    uv run python bench/run.py --rounds 1 --duration 4

See bench/README.md for what is measured and how to read the table.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus, urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.environment import HOST, bench_settings, child_environment  # noqa: E402

USERNAME = "demo"
PASSWORD = "blueprint-demo-2026"
CLIENT_NAME = "Northwind Cloud"
STEP = "context"
AUTOSAVE_QUESTION = "context.team_size"  # INTEGER, 0..100000
TEXT_QUESTION = "objective.challenge_detail"  # TEXTAREA, read by the extractor
TEXT_LENGTH = 2000
CLK_TCK = os.sysconf("SC_CLK_TCK")

# Targets (from performance-and-security.md section 4 and the brief).
AUTOSAVE_MAX_RATIO = 2.0
STEP_MAX_RATIO = 5.0


# --------------------------------------------------------------------------- wrk Lua

LUA_COMMON = r"""
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(args[1]) or 0
  counter = 0
  non2xx = 0
  statuses = {}
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local non2xx_total = 0
  local merged = {}
  for _, t in ipairs(threads) do
    non2xx_total = non2xx_total + (t:get("non2xx") or 0)
    local s = t:get("statuses") or {}
    for k, v in pairs(s) do merged[k] = (merged[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, string.format('"%s": %d', k, v)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "status_errors": %d, ' ..
    '"non2xx": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.timeout, e.status, non2xx_total,
    latency:percentile(50.0), latency:percentile(90.0), latency:percentile(99.0),
    latency.max, table.concat(parts, ", ")))
end
"""

LUA_GET = r"""
function request()
  return wrk.format("GET", nil, {["Cookie"] = COOKIE})
end
"""

# Each request carries a new value (unique within the run across threads, offset by a
# random base per run), so every autosave really writes an Answer and an AnswerRevision.
LUA_AUTOSAVE = r"""
function request()
  counter = counter + 1
  local value = (base + counter * 16 + tid) % 100000
  local body = "question=" .. QUESTION_ENC .. "&" .. QUESTION_ENC .. "=" .. value
  return wrk.format("POST", nil, {
    ["Cookie"] = COOKIE,
    ["X-CSRFToken"] = CSRF,
    ["HX-Request"] = "true",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
"""


# A 2,000-character answer in the client's words, saved as someone types: every request
# changes one number in one sentence, so each save writes and the extractor reads the text
# (unchanged sentences come from its per-process cache, as they do while typing).
LUA_TEXT = r"""
function request()
  counter = counter + 1
  local value = (base + counter * 16 + tid) % 100000
  local body = "question=" .. TEXT_QUESTION_ENC .. "&" .. TEXT_QUESTION_ENC .. "="
    .. TEXT_BEFORE .. value .. TEXT_AFTER
  return wrk.format("POST", nil, {
    ["Cookie"] = COOKIE,
    ["X-CSRFToken"] = CSRF,
    ["HX-Request"] = "true",
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
"""


def client_text(length: int = TEXT_LENGTH) -> tuple[str, str]:
    """The text before and after the number that changes: sentences of the extractor's
    labelled set (tests/discovery/extraction/sentences.yaml), as a client writes."""
    import yaml

    path = ROOT / "tests" / "discovery" / "extraction" / "sentences.yaml"
    sentences = [s["text"] for s in yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]]
    text, index = "Calls take about ", 0
    after = " minutes each. "
    while len(text) + len(after) < length:
        after += sentences[index % len(sentences)] + " "
        index += 1
    return text, after[: length - len(text) - 5]


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal here


def write_lua(path: Path, body: str, cookie: str, csrf: str) -> None:
    before, after = client_text()
    header = (
        f"COOKIE = {lua_string(cookie)}\n"
        f"CSRF = {lua_string(csrf)}\n"
        f"QUESTION_ENC = {lua_string(AUTOSAVE_QUESTION)}\n"
        f"TEXT_QUESTION_ENC = {lua_string(TEXT_QUESTION)}\n"
        f"TEXT_BEFORE = {lua_string(quote_plus(before))}\n"
        f"TEXT_AFTER = {lua_string(quote_plus(after))}\n"
    )
    path.write_text(header + LUA_COMMON + body)


# --------------------------------------------------------------------------- processes


class Interrupted(Exception):
    pass


def _on_sigterm(signum: int, frame: object) -> None:
    raise Interrupted(f"signal {signum}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a production-like server on a temporary SQLite database under
    `tmp`, Celery in-process."""
    return child_environment(bench_settings(tmp, **extra))


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    proc = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return proc.stdout if capture else ""


def stop_process_group(proc: subprocess.Popen[bytes] | None) -> None:
    """Stop a process we started in its own session (gunicorn master and its workers)."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def child_pids(parent: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == parent:
            pids.append(int(entry))
    return pids


def proc_cpu_ticks(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def machine_ticks() -> tuple[int, int]:
    """(busy, total) jiffies over all CPUs from /proc/stat."""
    parts = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = parts[3] + (parts[4] if len(parts) > 4 else 0)
    total = sum(parts[:8])
    return total - idle, total


@dataclass
class CpuSnapshot:
    workers: dict[int, int]
    machine_busy: int
    machine_total: int


def cpu_snapshot(master: int) -> CpuSnapshot:
    busy, total = machine_ticks()
    return CpuSnapshot({pid: proc_cpu_ticks(pid) for pid in child_pids(master)}, busy, total)


# --------------------------------------------------------------------------- HTTP client


class Client:
    """A tiny cookie-keeping client over http.client (no redirects followed)."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        all_headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        try:
            conn.request(method, path, body=data, headers=all_headers)
            resp = conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
            for name, value in resp.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, text
        finally:
            conn.close()


def wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited early with code {proc.returncode}")
        try:
            status, _, _ = Client(port).request("GET", "/accounts/login/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not become ready in time")


def sign_in(port: int) -> Client:
    client = Client(port)
    status, _, html = client.request("GET", "/accounts/login/")
    if status != 200 or "csrftoken" not in client.cookies:
        raise RuntimeError(f"login page: HTTP {status}, cookies {sorted(client.cookies)}")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no csrfmiddlewaretoken in the login form")
    status, headers, _ = client.request(
        "POST",
        "/accounts/login/",
        {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": match.group(1)},
    )
    if status != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(
            f"sign-in failed: HTTP {status} location={headers.get('location')!r} "
            f"cookies={sorted(client.cookies)}"
        )
    return client


def smoke_check(client: Client, pk: int) -> None:
    """Each endpoint answers as expected once before we load it."""
    status, _, _ = client.request("GET", "/accounts/ping/")
    if status != 204:
        raise RuntimeError(f"ping: expected 204, got {status}")
    status, _, html = client.request("GET", f"/projects/{pk}/discovery/{STEP}/")
    if status != 200 or AUTOSAVE_QUESTION not in html:
        raise RuntimeError(f"step page: HTTP {status}")
    status, _, html = client.request(
        "POST",
        f"/projects/{pk}/discovery/save/",
        {"question": AUTOSAVE_QUESTION, AUTOSAVE_QUESTION: "4242"},
        {"X-CSRFToken": client.cookies["csrftoken"], "HX-Request": "true"},
    )
    if status != 200 or "Saved" not in html:
        raise RuntimeError(f"autosave: HTTP {status}: {html[:300]!r}")
    before, after = client_text()
    status, _, html = client.request(
        "POST",
        f"/projects/{pk}/discovery/save/",
        {"question": TEXT_QUESTION, TEXT_QUESTION: before + "4242" + after},
        {"X-CSRFToken": client.cookies["csrftoken"], "HX-Request": "true"},
    )
    if status != 200 or "Saved" not in html or "Found in your text" not in html:
        raise RuntimeError(f"text autosave: HTTP {status}: {html[:300]!r}")


# --------------------------------------------------------------------------- runs


@dataclass
class Run:
    name: str
    connections: int
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    non2xx: int
    socket_errors: int
    cpu_ms_per_req: float
    machine_busy_pct: float
    statuses: dict[str, int] = field(default_factory=dict)
    socket_detail: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.non2xx + self.socket_errors


def run_wrk(
    name: str,
    url: str,
    script: Path,
    connections: int,
    duration: int,
    master: int,
    timeout: int = 30,
) -> Run:
    threads = min(2, connections)
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={timeout}s",
        "--latency",
        "-s",
        str(script),
        url,
        "--",
        str(secrets.randbelow(50_000)),
    ]
    before = cpu_snapshot(master)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    after = cpu_snapshot(master)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr.strip()}")
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"no BENCH_JSON line in wrk output:\n{proc.stdout}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    # Workers that exist in both snapshots; a worker restarted mid-run would be lost here.
    ticks = sum(after.workers[p] - before.workers.get(p, after.workers[p]) for p in after.workers)
    if set(before.workers) != set(after.workers):
        print(f"  warning: gunicorn workers changed during {name}", file=sys.stderr)
    requests = max(1, data["requests"])
    busy = after.machine_busy - before.machine_busy
    total = max(1, after.machine_total - before.machine_total)
    return Run(
        name=name,
        connections=connections,
        requests=data["requests"],
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        non2xx=data["non2xx"],
        socket_errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
        cpu_ms_per_req=ticks * 1000 / CLK_TCK / requests,
        machine_busy_pct=100 * busy / total,
        statuses=data["statuses"],
        socket_detail={k: data[k] for k in ("connect", "read", "write", "timeout") if data[k]},
    )


def fmt_run(run: Run) -> str:
    return (
        f"  {run.name:<22} c={run.connections:<3} {run.rps:8.1f} req/s  p50 {run.p50_ms:7.1f} ms"
        f"  p99 {run.p99_ms:7.1f} ms  err {run.errors:<4} cpu {run.cpu_ms_per_req:6.2f} ms/req"
        f"  machine {run.machine_busy_pct:3.0f}% busy  statuses {run.statuses}"
        + (f"  socket errors {run.socket_detail}" if run.socket_detail else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--writers", type=int, default=8, help="connections, write-only run")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--timeout",
        type=int,
        default=30,
        help="wrk timeout in s (default: gunicorn's worker timeout). wrk counts a response "
        "slower than this as a 'timeout' socket error and leaves it out of the latency "
        "percentiles, so wrk's default of 2 s turns queueing under saturation into errors",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed", file=sys.stderr)
        return 2

    signal.signal(signal.SIGTERM, _on_sigterm)
    signal.signal(signal.SIGHUP, _on_sigterm)
    tmp = Path(tempfile.mkdtemp(prefix="blueprint-bench-"))
    gunicorn: subprocess.Popen[bytes] | None = None
    try:
        env = server_env(tmp, PYTHONDONTWRITEBYTECODE="1")

        t0 = time.monotonic()
        print(f"setup in {tmp}: migrate, demo_seed, collectstatic …", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "demo_seed")
        manage(env, "collectstatic", "--noinput")
        pk = int(
            manage(
                env,
                "shell",
                "-c",
                "from discovery.models import Project; "
                f"print(Project.objects.get(client_name={CLIENT_NAME!r}).pk)",
                capture=True,
            )
            .strip()
            .splitlines()[-1]
        )
        print(f"  done in {time.monotonic() - t0:.1f} s; {CLIENT_NAME} is project {pk}")

        port = free_port()
        log = open(tmp / "gunicorn.log", "wb")  # noqa: SIM115 (closed with the process)
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"{HOST}:{port}",
                "--worker-class",
                "sync",
                "--workers",
                str(args.workers),
                "--timeout",
                "30",
                "--error-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: Ctrl-C reaches us, we stop it
        )
        wait_ready(port, gunicorn)
        print(
            f"gunicorn ready on :{port} with {args.workers} sync workers "
            f"(master pid {gunicorn.pid}, {len(child_pids(gunicorn.pid))} workers)"
        )

        client = sign_in(port)
        smoke_check(client, pk)
        cookie = f"csrftoken={client.cookies['csrftoken']}; sessionid={client.cookies['sessionid']}"
        csrf = client.cookies["csrftoken"]
        base = f"http://{HOST}:{port}"
        get_lua, post_lua = tmp / "get.lua", tmp / "autosave.lua"
        text_lua = tmp / "text.lua"
        write_lua(get_lua, LUA_GET, cookie, csrf)
        write_lua(post_lua, LUA_AUTOSAVE, cookie, csrf)
        write_lua(text_lua, LUA_TEXT, cookie, csrf)

        endpoints = [
            ("floor /accounts/ping/", f"{base}/accounts/ping/", get_lua, args.connections),
            ("autosave POST", f"{base}/projects/{pk}/discovery/save/", post_lua, args.connections),
            (
                f"step page /{STEP}/",
                f"{base}/projects/{pk}/discovery/{STEP}/",
                get_lua,
                args.connections,
            ),
            ("autosave, writers", f"{base}/projects/{pk}/discovery/save/", post_lua, args.writers),
            (
                "text autosave 2,000 ch",
                f"{base}/projects/{pk}/discovery/save/",
                text_lua,
                args.connections,
            ),
        ]

        print("warm-up (2 s each, not recorded)", flush=True)
        for name, url, script, _ in (*endpoints[:3], endpoints[4]):
            warm = run_wrk(name, url, script, 8, 2, gunicorn.pid, args.timeout)
            if warm.errors:
                print(f"  warm-up {name}: {warm.errors} errors {warm.statuses}")

        runs: dict[str, list[Run]] = {name: [] for name, *_ in endpoints}
        for rnd in range(1, args.rounds + 1):
            print(f"round {rnd}/{args.rounds}", flush=True)
            for name, url, script, conns in endpoints:
                run = run_wrk(name, url, script, conns, args.duration, gunicorn.pid, args.timeout)
                runs[name].append(run)
                print(fmt_run(run), flush=True)
            if gunicorn.poll() is not None:
                raise RuntimeError("gunicorn died during the benchmark")

        return report(runs, endpoints, args)
    except (KeyboardInterrupt, Interrupted):
        print("\ninterrupted: stopping gunicorn", file=sys.stderr)
        return 130
    finally:
        stop_process_group(gunicorn)
        if gunicorn is not None:
            errors = (tmp / "gunicorn.log").read_text(errors="replace")
            tracebacks = errors.count("Traceback")
            if tracebacks:
                print(
                    f"gunicorn log has {tracebacks} tracebacks; tail:\n{errors[-2000:]}",
                    file=sys.stderr,
                )
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(runs: dict[str, list[Run]], endpoints: list, args: argparse.Namespace) -> int:
    floor_name, autosave_name, step_name, writers_name, text_name = (e[0] for e in endpoints)
    floor = runs[floor_name]
    floor_cpu = median([r.cpu_ms_per_req for r in floor])
    floor_rps = median([r.rps for r in floor])

    print()
    print(
        f"Medians of {args.rounds} rounds × {args.duration} s, wrk -t2, gunicorn sync "
        f"×{args.workers}, DEBUG=False, SQLite WAL. Ratios are against the floor "
        "(cpu: endpoint/floor; req/s: floor/endpoint)."
    )
    head = (
        f"{'endpoint':<24}{'conns':>6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'cpu ms/req':>12}{'× cpu':>8}{'× req/s':>9}{'req/s range':>16}"
    )
    print(head)
    print("-" * len(head))
    summary: dict[str, tuple[float, float]] = {}
    for name, *_ in endpoints:
        rs = runs[name]
        cpu = median([r.cpu_ms_per_req for r in rs])
        rps = median([r.rps for r in rs])
        cpu_ratio = cpu / floor_cpu if floor_cpu else float("nan")
        rps_ratio = floor_rps / rps if rps else float("nan")
        summary[name] = (cpu_ratio, rps_ratio)
        rng = f"{min(r.rps for r in rs):.0f}–{max(r.rps for r in rs):.0f}"
        print(
            f"{name:<24}{rs[0].connections:>6}{rps:>9.1f}"
            f"{median([r.p50_ms for r in rs]):>9.1f}{median([r.p99_ms for r in rs]):>9.1f}"
            f"{sum(r.errors for r in rs):>8}{cpu:>12.2f}{cpu_ratio:>8.2f}{rps_ratio:>9.2f}"
            f"{rng:>16}"
        )
    busy = median([r.machine_busy_pct for rs in runs.values() for r in rs])
    print(f"(machine CPU busy during runs, median: {busy:.0f}%; wrk shares the same cores)")

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    print()
    print("Targets")
    main_errors = sum(
        r.errors for n in (floor_name, autosave_name, step_name, text_name) for r in runs[n]
    )
    writer_errors = sum(r.errors for r in runs[writers_name])
    lines = []
    targets = (
        (autosave_name, AUTOSAVE_MAX_RATIO),
        (step_name, STEP_MAX_RATIO),
        (text_name, AUTOSAVE_MAX_RATIO),
    )
    for name, limit in targets:
        cpu_ratio, rps_ratio = summary[name]
        lines.append(
            f"  {verdict(cpu_ratio <= limit)}  {name} within {limit:g}× of the floor by CPU "
            f"ms/req: {cpu_ratio:.2f}×   (by req/s: {rps_ratio:.2f}× "
            f"{verdict(rps_ratio <= limit)})"
        )
    lines.append(
        f"  {verdict(main_errors == 0)}  no errors at {args.connections} connections: "
        f"{main_errors} non-2xx/socket errors"
    )
    lines.append(
        f"  {verdict(writer_errors == 0)}  no errors with {args.writers} concurrent "
        f"autosave writers: {writer_errors} non-2xx/socket errors"
    )
    print("\n".join(lines))
    if main_errors or writer_errors:
        for name, rs in runs.items():
            for r in rs:
                if r.errors:
                    print(
                        f"    {name}: non-2xx {r.non2xx}, socket {r.socket_errors} "
                        f"{r.socket_detail}, statuses {r.statuses}"
                    )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
