"""The first request of a freshly started server against its tenth, page by page.

    uv run python bench/first_request.py              # every page, one fresh server each
    uv run python bench/first_request.py --repeat 20  # the warm request is the 20th

It seeds a database of its own (a temporary directory: `migrate`, `demo_seed`,
`collectstatic`, production-like settings as `bench/run.py` has them), then, for each
page a consultant or the client opens on Northwind Cloud, starts gunicorn as the
Dockerfile does (this directory's gunicorn.conf.py, so `preload_app` and the warm-up in
config/wsgi.py apply) with one sync worker, signs in through the login page of another
server (sign-in is not what is measured), and requests the page `--repeat` times. The
worker's CPU time (utime + stime from /proc) is read before and after each request: the
first request's cost against the last's is the ratio. The server is stopped between pages,
so that each page's first request is a fresh worker's first request.

Target: the first request at most 2× the warm one, on every page.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.machine import busy_since, cpu_sample  # noqa: E402
from bench.run import (  # noqa: E402
    CLIENT_NAME,
    CLK_TCK,
    HOST,
    Client,
    child_pids,
    free_port,
    manage,
    proc_cpu_ticks,
    server_env,
    sign_in,
    stop_process_group,
    wait_ready,
)

MAX_RATIO = 2.0


def start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            "1",
            "--timeout",
            "60",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return proc, port


def worker_ticks(master: int) -> int:
    return sum(proc_cpu_ticks(pid) for pid in child_pids(master))


def ready_without_request(port: int, proc: subprocess.Popen[bytes], timeout: float = 180) -> None:
    """Wait until the port accepts connections, without a request reaching the worker."""
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited early with code {proc.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0 and child_pids(proc.pid):
                time.sleep(0.5)  # the worker's own start (after the fork) is not the request
                return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start in time")


def pages(pk: int, client_page: str) -> dict[str, str]:
    return {
        "dashboard": "/",
        "project": f"/projects/{pk}/",
        "wizard step (context)": f"/projects/{pk}/discovery/context/",
        "wizard review": f"/projects/{pk}/discovery/review/",
        "requirements": f"/projects/{pk}/requirements/",
        "traceability matrix": f"/projects/{pk}/requirements/matrix/",
        "framework": f"/projects/{pk}/framework/",
        "proposal": f"/projects/{pk}/proposal/",
        "version v1 (consultant)": f"/projects/{pk}/proposal/v1/",
        "version v1 (client)": client_page,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sb-first-request-"))
    env = server_env(tmp)
    log = tmp / "gunicorn.log"
    proc: subprocess.Popen[bytes] | None = None
    rows: list[tuple[str, int, float, float, float]] = []
    try:
        manage(env, "migrate", "--noinput")
        seeded = manage(env, "demo_seed", capture=True)
        manage(env, "collectstatic", "--noinput")
        token = re.search(r"/r/([A-Za-z0-9_-]+)/", seeded)
        if token is None:
            raise RuntimeError("demo_seed printed no review link")
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
        # One sign-in on a server of its own: its session is valid for every later server.
        proc, port = start(env, log)
        wait_ready(port, proc)
        consultant = sign_in(port)
        # The client's link: it redirects to the version's page (and gives the browser the
        # review's cookie); that page is what the client reads.
        status, headers, _ = consultant.request("GET", f"/r/{token.group(1)}/")
        if status != 302:
            raise RuntimeError(f"review link: HTTP {status}")
        client_page = headers["location"].split("#")[0]
        cookies = consultant.cookies
        stop_process_group(proc)
        machine = cpu_sample()
        for name, path in pages(pk, client_page).items():
            proc, port = start(env, log)
            ready_without_request(port, proc)
            client = Client(port)
            client.cookies = dict(cookies)
            costs = []
            for _ in range(args.repeat):
                before = worker_ticks(proc.pid)
                status, _, _ = client.request("GET", path)
                time.sleep(0.05)  # /proc's counters settle
                costs.append((worker_ticks(proc.pid) - before) * 1000 / CLK_TCK)
                if status != 200:
                    raise RuntimeError(f"{name}: GET {path} → HTTP {status}")
            stop_process_group(proc)
            proc = None
            warm = max(costs[-1], 1000 / CLK_TCK)
            rows.append((name, status, costs[0], costs[-1], costs[0] / warm))
        busy = busy_since(machine)
    finally:
        stop_process_group(proc)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    tick = 1000 / CLK_TCK
    print(
        f"# first and {args.repeat}th request of a fresh one-worker gunicorn, worker CPU ms "
        f"(/proc resolution {tick:.0f} ms); machine {busy:.0%} busy"
    )
    print(f"{'page':<26}{'first':>8}{'warm':>8}{'ratio':>8}")
    for name, _, first, last, ratio in rows:
        print(f"{name:<26}{first:>8.0f}{last:>8.0f}{ratio:>7.1f}×")
    worst = max(rows, key=lambda r: r[4])
    misses = [r for r in rows if r[4] > MAX_RATIO]
    print(
        f"{'MISS' if misses else 'PASS'} first request ≤ {MAX_RATIO:g}× the warm one on every "
        f"page: worst {worst[0]} at {worst[4]:.1f}×"
        + (f"; over on {', '.join(r[0] for r in misses)}" if misses else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
