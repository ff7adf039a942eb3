"""Soak run: the production shape under mixed use, with a worker and Redis restarted in it.

PostgreSQL, Redis (append-only file on, as the README requires), an SMTP server on
loopback, two gunicorn web processes and two Celery workers, all started here in a
temporary directory and stopped at the end. Consultants autosave answers, generate and
publish versions and ask for their PDFs; clients open the review link, read the latest
version, comment and download its PDF. A third of the way through, one worker is killed
whole (SIGKILL to its process group) and started again; two thirds through, Redis is
killed and started again on the same append-only file. Then the load stops, the jobs are
given time to finish (the workers' sweep resends what was lost), and the run prints the
requests served, errors, PDFs made, duplicate files, and answers, comments and emails
lost. Target: 0 errors, 0 lost, 0 duplicates.

    uv run python bench/soak.py                     # 10 minutes
    uv run python bench/soak.py --duration 180      # a shorter soak (say so when quoting it)

Needs PostgreSQL's server binaries (Debian's postgresql) and redis-server; nothing else
but the project's own dependencies (aiosmtpd is a dev dependency). See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.environment import bench_settings, child_environment  # noqa: E402
from bench.run import (  # noqa: E402  (after the path is set)
    HOST,
    PASSWORD,
    USERNAME,
    Client,
    free_port,
    stop_process_group,
    wait_ready,
)

CLIENT_NAME = "Northwind Cloud"
# Free-text questions of the wizard, one per consultant: each consultant writes only its
# own, so any difference between what it was told was saved and what is stored is a loss.
TEXT_QUESTIONS = (
    ("context", "context.current_workflow"),
    ("context", "context.process"),
    ("context", "context.current_metrics"),
    ("audience", "audience.challenges"),
    ("metrics", "metrics.results_short"),
    ("metrics", "metrics.results_medium"),
)
# A response slower than gunicorn's worker timeout (the start_web command) is an error.
TIMEOUT = 60
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_LINK = re.compile(r"/r/[^/\"]+/v(\d+)/")
PDF_READY = re.compile(r"/pdf/download/")


class Interrupted(Exception):
    pass


def _on_signal(signum: int, frame: object) -> None:
    raise Interrupted(f"signal {signum}")


# --------------------------------------------------------------------------- servers


def pg_binaries() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if not candidates:
        raise RuntimeError(
            "PostgreSQL's server binaries are not installed (apt-get install postgresql)"
        )
    return candidates[0].parent


class Postgres:
    """A private cluster in the run's directory, owned by the postgres user under root."""

    def __init__(self, directory: Path) -> None:
        self.bin = pg_binaries()
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> str:
        if self.as_root:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--auth=trust",
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.directory / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-c listen_addresses={HOST} -p {self.port} -k {self.directory} -c max_connections=100",
            "start",
        )
        self._run(
            str(self.bin / "psql"),
            "-h",
            str(self.directory),
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-q",
            "-c",
            "CREATE DATABASE soak",
        )
        return f"postgres://postgres@{HOST}:{self.port}/soak"

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")


class Redis:
    """redis-server with the append-only file the README requires, killable and restartable
    on the same file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://{HOST}:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.directory.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--dir", str(self.directory)]
            + ["--appendonly", "yes", "--appendfsync", "everysec", "--save", ""]
            + ["--maxmemory-policy", "noeviction"],
            stdout=(self.directory / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_port(self.port)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def wait_port(port: int, timeout: float = 30) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port}")


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    ).stdout


def start_worker(env: dict[str, str], log: Path, name: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork"]
        + ["--concurrency", "1", "--hostname", f"{name}@soak", "--loglevel", "INFO"]
        + ["--without-gossip", "--without-mingle", "--max-tasks-per-child", "100"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def rendering_now(log: Path) -> bool:
    """Whether the worker writing this log has a PDF render received and not yet finished."""
    text = log.read_text(errors="replace")
    received = set(re.findall(r"Task deliverables\.tasks\.\w+\[([0-9a-f-]+)\] received", text))
    finished = set(
        re.findall(
            r"Task deliverables\.tasks\.\w+\[([0-9a-f-]+)\] (?:succeeded|failed|raised|retry)", text
        )
    )
    return bool(received - finished)


def start_web(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    # The Dockerfile's command (gunicorn.conf.py read from this directory), two sync workers.
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"{HOST}:{port}"]
        + ["--workers", "2", "--timeout", "60", "--error-logfile", "-"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


# --------------------------------------------------------------------------- the load


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    saved: dict[str, str] = field(default_factory=dict)  # question → last value told saved
    conflicts: int = 0
    published: list[int] = field(default_factory=list)
    comments: set[str] = field(default_factory=set)  # markers of comments told sent
    pdfs_downloaded: int = 0
    bad_pdfs: int = 0

    def count(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.requests[kind] += 1
            self.seconds.setdefault(kind, []).append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(f"{time.strftime('%H:%M:%S')} {message}")


def call(
    tally: Tally,
    client: Client,
    kind: str,
    method: str,
    path: str,
    body: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    expect: tuple[int, ...] = (200,),
) -> tuple[int, dict[str, str], str] | None:
    started = time.monotonic()
    try:
        status, response_headers, text = client.request(method, path, body, headers)
    except OSError as exc:
        elapsed = time.monotonic() - started
        tally.error(f"{kind} {method} {path}: {type(exc).__name__} after {elapsed:.1f} s: {exc}")
        return None
    tally.count(kind, time.monotonic() - started)
    if status not in expect:
        tally.error(f"{kind} {method} {path}: HTTP {status} {text[:200]!r}")
        return None
    return status, response_headers, text


def csrf(client: Client) -> dict[str, str]:
    return {"X-CSRFToken": client.cookies.get("csrftoken", "")}


def signed_in(port: int, timeout: float) -> Client:
    client = Client(port, timeout)
    _, _, html = client.request("GET", "/accounts/login/")
    token = CSRF_INPUT.search(html)
    if token is None:
        raise RuntimeError("no csrf token on the login page")
    status, _, _ = client.request(
        "POST",
        "/accounts/login/",
        {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
    )
    if status != 302:
        raise RuntimeError(f"sign-in: HTTP {status}")
    return client


def base_of(html: str, question: str) -> str | None:
    """The revision base the page (or an autosave's answer) gives for one question."""
    name = re.escape(f"__rev.{question}")
    for pattern in (
        rf'name="{name}"[^>]*value="([^"]+)"',
        rf'value="([^"]+)"[^>]*name="{name}"',
    ):
        match = re.search(pattern, html)
        if match:
            return match.group(1)
    return None


def wait_pdf(tally: Tally, client: Client, kind: str, base: str, stop_at: float) -> None:
    """Ask for the version's PDF, poll its panel as the page does, download it once ready."""
    if call(tally, client, kind, "POST", f"{base}pdf/", {}, csrf(client), (200, 302)) is None:
        return
    while time.monotonic() < stop_at:
        result = call(tally, client, kind, "GET", f"{base}pdf/status/")
        if result is None:
            return
        if PDF_READY.search(result[2]):
            got = call(tally, client, kind, "GET", f"{base}pdf/download/")
            if got is not None:
                with tally.lock:
                    tally.pdfs_downloaded += 1
                    if not got[2].startswith("%PDF"):
                        tally.bad_pdfs += 1
            return
        time.sleep(2)  # the panel's polling interval


def consultant(
    number: int, ports: list[int], pk: int, tally: Tally, until: float, publisher: bool
) -> None:
    step, question = TEXT_QUESTIONS[number % len(TEXT_QUESTIONS)]
    client = signed_in(ports[number % len(ports)], TIMEOUT)
    rng = random.Random(number)
    page = call(tally, client, "step page", "GET", f"/projects/{pk}/discovery/{step}/")
    base = base_of(page[2], question) if page else None
    next_publish = time.monotonic() + 20 + 10 * number
    counter = 0
    while time.monotonic() < until:
        counter += 1
        value = (
            f"Consultant {number} note {counter}: calls take about {rng.randint(2, 30)} minutes "
            "and the team answers email within a working day."
        )
        body = {"question": question, question: value}
        if base:
            body[f"__rev.{question}"] = base
        headers = {**csrf(client), "HX-Request": "true"}
        result = call(
            tally, client, "autosave", "POST", f"/projects/{pk}/discovery/save/", body, headers
        )
        if result is not None:
            if "Saved" in result[2]:
                with tally.lock:
                    tally.saved[question] = value
                base = base_of(result[2], question) or base
            elif "Not saved:" in result[2]:
                with tally.lock:
                    tally.conflicts += 1
                page = call(tally, client, "step page", "GET", f"/projects/{pk}/discovery/{step}/")
                base = base_of(page[2], question) if page else None
        if counter % 15 == 0:
            call(tally, client, "step page", "GET", f"/projects/{pk}/discovery/{step}/")
        if publisher and time.monotonic() >= next_publish:
            next_publish = time.monotonic() + 45
            publish(client, pk, tally, counter, until)
        time.sleep(rng.uniform(0.3, 1.2))  # someone typing, then pausing


def publish(client: Client, pk: int, tally: Tally, counter: int, until: float) -> None:
    page = call(tally, client, "proposal", "GET", f"/projects/{pk}/proposal/")
    if page is None:
        return
    token = CSRF_INPUT.search(page[2])
    body = {
        "change_summary": f"Soak change {counter}.",
        "csrfmiddlewaretoken": token.group(1) if token else "",
    }
    result = call(
        tally, client, "publish", "POST", f"/projects/{pk}/proposal/publish/", body, None, (302,)
    )
    if result is None:
        return
    match = re.search(r"/proposal/v(\d+)/$", result[1].get("location", ""))
    if match is None:
        tally.error(f"publish refused: went to {result[1].get('location')!r}")
        return
    number = int(match.group(1))
    with tally.lock:
        tally.published.append(number)
    call(tally, client, "version page", "GET", f"/projects/{pk}/proposal/v{number}/")
    wait_pdf(tally, client, "consultant pdf", f"/projects/{pk}/proposal/v{number}/", until + 60)


def reviewer(number: int, ports: list[int], link: str, tally: Tally, until: float) -> None:
    rng = random.Random(100 + number)
    client = Client(ports[number % len(ports)], TIMEOUT)
    counter = 0
    while time.monotonic() < until:
        counter += 1
        home = call(tally, client, "client home", "GET", link, expect=(200, 302))
        if home is None:
            time.sleep(2)
            continue
        if home[0] == 302:
            location = home[1].get("location", "")
            home = call(tally, client, "client home", "GET", location)
            if home is None:
                continue
        versions = [int(n) for n in VERSION_LINK.findall(home[2])]
        latest = max(versions) if versions else 1
        base = f"{link}v{latest}/"
        page = call(tally, client, "client version", "GET", base)
        if page is None:
            continue
        marker = f"soak-{number}-{counter}-{secrets.token_hex(4)}"
        body = {
            "section": "summary",
            "body": f"Question {marker}: could the first phase start sooner?",
        }
        token = CSRF_INPUT.search(page[2])
        body["csrfmiddlewaretoken"] = token.group(1) if token else ""
        sent = call(tally, client, "comment", "POST", f"{base}comments/", body, None, (302,))
        if sent is not None and "#comment-" in sent[1].get("location", ""):
            with tally.lock:
                tally.comments.add(marker)
        elif sent is not None:
            tally.error(f"comment refused: went to {sent[1].get('location')!r}")
        if counter % 3 == 0:
            wait_pdf(tally, client, "client pdf", base, until + 60)
        time.sleep(rng.uniform(2, 6))  # reading


# --------------------------------------------------------------------------- the run


def guarded(target, tally: Tally, *args: object) -> None:
    """A user thread that fails records why, instead of dying silently."""
    try:
        target(*args)
    except Exception as exc:  # noqa: BLE001  (any failure is a soak error)
        tally.error(f"{target.__name__} thread stopped: {type(exc).__name__}: {exc}")


def shell_json(env: dict[str, str], code: str) -> object:
    out = manage(env, "shell", "-c", code)
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--duration", type=int, default=600, help="seconds of load (default 600)")
    parser.add_argument("--consultants", type=int, default=3)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument(
        "--stuck-seconds",
        type=int,
        default=90,
        help="the workers' PDF_STUCK_* limits, so that a job lost in the Redis kill is swept "
        "within the drain instead of after the production 240 s",
    )
    parser.add_argument("--drain", type=int, default=300, help="seconds to let jobs finish")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        print("redis-server is not installed", file=sys.stderr)
        return 2

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    tmp = Path(tempfile.mkdtemp(prefix="blueprint-soak-"))
    # A directory of its own under /tmp, which the postgres user can reach.
    postgres = Postgres(Path(tempfile.mkdtemp(prefix="blueprint-soak-pg-")))
    redis = Redis(tmp / "redis")
    processes: list[subprocess.Popen[bytes]] = []
    workers: list[subprocess.Popen[bytes]] = []
    smtp_log = tmp / "smtp.log"
    try:
        database_url = postgres.start()
        redis.start()
        smtp_port = free_port()
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"{HOST}:{smtp_port}"]
                + ["-c", "aiosmtpd.handlers.Debugging", "stdout"],
                cwd=ROOT,
                stdout=smtp_log.open("ab"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        wait_port(smtp_port)
        env = child_environment(
            bench_settings(
                tmp,
                hosts=HOST,
                DATABASE_URL=database_url,
                REDIS_URL=redis.url,
                EMAIL_HOST=HOST,
                EMAIL_PORT=str(smtp_port),
                SITE_URL=f"http://{HOST}",
                PDF_STUCK_QUEUED_SECONDS=str(args.stuck_seconds),
                PDF_STUCK_RENDERING_SECONDS=str(args.stuck_seconds),
                PYTHONDONTWRITEBYTECODE="1",
            )
        )
        load_before = os.getloadavg()[0]
        print(f"setup in {tmp}: PostgreSQL {postgres.port}, Redis {redis.port}, SMTP {smtp_port}")
        manage(env, "migrate", "--noinput")
        seeded = manage(env, "demo_seed")
        manage(env, "collectstatic", "--noinput")
        link_match = re.search(r"(/r/[A-Za-z0-9_-]+/)", seeded)
        if link_match is None:
            raise RuntimeError(f"demo_seed printed no review link:\n{seeded}")
        link = link_match.group(1)
        pk = shell_json(
            env,
            "import json; from discovery.models import Project; "
            f"print(json.dumps(Project.objects.get(client_name={CLIENT_NAME!r}).pk))",
        )
        assert isinstance(pk, int)

        ports = [free_port(), free_port()]
        webs = [start_web(env, port, tmp / f"web{n}.log") for n, port in enumerate(ports)]
        processes.extend(webs)
        workers = [start_worker(env, tmp / f"worker{n}.log", f"w{n}") for n in range(2)]
        for port, web in zip(ports, webs, strict=True):
            wait_ready(port, web)
        print(f"two web processes on {ports}, two workers; load for {args.duration} s", flush=True)

        tally = Tally()
        started = time.monotonic()
        until = started + args.duration
        threads = [
            threading.Thread(
                target=guarded,
                args=(consultant, tally, n, ports, pk, tally, until, n == 0),
                daemon=True,
            )
            for n in range(args.consultants)
        ] + [
            threading.Thread(
                target=guarded, args=(reviewer, tally, n, ports, link, tally, until), daemon=True
            )
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()

        events = []
        time.sleep(args.duration / 3)
        # Kill a worker in the middle of a render when one comes within 60 s, else worker 0.
        victim, rendering = 0, False
        wait_until = time.monotonic() + 60
        while time.monotonic() < wait_until:
            busy = [n for n in range(2) if rendering_now(tmp / f"worker{n}.log")]
            if busy:
                victim, rendering = busy[0], True
                break
            time.sleep(0.5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(workers[victim].pid, signal.SIGKILL)
        workers[victim].wait(timeout=10)
        workers[victim] = start_worker(env, tmp / f"worker{victim}.log", f"w{victim}b")
        events.append(
            f"{time.monotonic() - started:.0f} s: worker {victim} killed whole "
            f"({'mid-render' if rendering else 'no render running'}) and started again"
        )
        print(events[-1], flush=True)
        time.sleep(args.duration / 3)
        redis.kill()
        time.sleep(3)
        redis.start()
        events.append(
            f"{time.monotonic() - started:.0f} s: Redis killed and started again (3 s down)"
        )
        print(events[-1], flush=True)

        for thread in threads:
            thread.join(timeout=max(0.0, until - time.monotonic()) + 120)
        load_seconds = time.monotonic() - started

        # Drain: every job ready or failed, every email sent (the sweeps resend what was lost).
        deadline = time.monotonic() + args.drain
        state_code = (
            "import json; from deliverables.models import PdfJob; from accounts.models import "
            "OutgoingEmail as E; from django.db.models import Count; "
            "print(json.dumps({'jobs': dict(PdfJob.objects.values_list('state').annotate(n=Count('pk'))), "
            "'emails': dict(E.objects.values_list('state').annotate(n=Count('pk')))}))"
        )
        while True:
            state = shell_json(env, state_code)
            assert isinstance(state, dict)
            pending_jobs = sum(n for s, n in state["jobs"].items() if s not in ("ready", "failed"))
            pending_mail = sum(n for s, n in state["emails"].items() if s != "sent")
            if (pending_jobs == 0 and pending_mail == 0) or time.monotonic() > deadline:
                break
            time.sleep(5)

        stored = shell_json(
            env,
            "import json; from discovery.models import Answer; from reviews.models import Comment; "
            "from deliverables.models import PdfJob; "
            f"qs = {[q for _, q in TEXT_QUESTIONS]!r}; "
            f"a = {{x.question_id: x.value for x in Answer.objects.filter(project_id={pk}, question_id__in=qs)}}; "
            "c = list(Comment.objects.values_list('body', flat=True)); "
            "j = [[x.pk, x.state, x.file.name] for x in PdfJob.objects.all()]; "
            "print(json.dumps({'answers': a, 'comments': c, 'jobs': j}))",
        )
        assert isinstance(stored, dict)
        lost_answers = [q for q, v in tally.saved.items() if stored["answers"].get(q) != v]
        bodies = "\n".join(stored["comments"])
        lost_comments = [m for m in tally.comments if m not in bodies]
        jobs = stored["jobs"]
        files = sorted(p for p in (tmp / "media").rglob("*.pdf") if not p.name.startswith("."))
        # A job's file is named …-<job id>.pdf (deliverables.jobs._pdf_name).
        owners = [re.search(r"-(\d+)\.pdf$", p.name) for p in files]
        per_job = Counter(m.group(1) for m in owners if m)
        duplicates = sum(n - 1 for n in per_job.values() if n > 1) + owners.count(None)
        temporaries = list((tmp / "media").rglob(".rendering-*"))
        ready = [j for j in jobs if j[1] == "ready"]
        not_done = [j for j in jobs if j[1] not in ("ready", "failed")]
        failed = [j for j in jobs if j[1] == "failed"]
        missing = [j for j in ready if not (tmp / "media" / j[2]).is_file()]
        emails = shell_json(env, state_code)
        assert isinstance(emails, dict)
        unsent = sum(n for s, n in emails["emails"].items() if s != "sent")
        received = smtp_log.read_text(errors="replace").count(
            "---------- MESSAGE FOLLOWS ----------"
        )
        server_errors = sum(
            (tmp / f"web{n}.log").read_text(errors="replace").count("Traceback") for n in range(2)
        )

        total = sum(tally.requests.values())
        print()
        print(
            f"soak: {load_seconds:.0f} s of load (asked {args.duration} s), "
            f"{args.consultants} consultants, {args.clients} clients, 2 web processes, 2 workers"
        )
        for event in events:
            print(f"  {event}")
        print(
            f"machine load (1-minute average, {os.cpu_count()} cores): {load_before:.1f} "
            f"before, {os.getloadavg()[0]:.1f} after"
        )
        print(f"requests served: {total} ({total / load_seconds:.1f}/s)")
        print(f"  {'':16} {'count':>6} {'p50 s':>7} {'p99 s':>7} {'max s':>7}")
        for kind, n in sorted(tally.requests.items()):
            times = sorted(tally.seconds[kind])
            p50, p99 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]
            print(f"  {kind:16} {n:6} {p50:7.2f} {p99:7.2f} {times[-1]:7.2f}")
        print(f"errors: {len(tally.errors)} (tracebacks in the web logs: {server_errors})")
        for line in tally.errors[:20]:
            print(f"  {line}")
        print(f"versions published: {len(tally.published)}; autosave conflicts: {tally.conflicts}")
        print(
            f"PDFs made: {len(ready)} ready, {len(failed)} failed, {len(not_done)} not done; "
            f"{tally.pdfs_downloaded} downloads ({tally.bad_pdfs} not a PDF)"
        )
        print(
            f"duplicate files: {duplicates}; leftover temporary files: {len(temporaries)}; "
            f"ready jobs without their file: {len(missing)}"
        )
        print(f"answers lost: {len(lost_answers)} of {len(tally.saved)} questions written")
        print(f"comments lost: {len(lost_comments)} of {len(tally.comments)} sent")
        print(f"emails: {unsent} not sent; {received} received by the SMTP server")
        bad = (
            len(tally.errors)
            + server_errors
            + len(lost_answers)
            + len(lost_comments)
            + duplicates
            + len(not_done)
            + len(failed)
            + len(missing)
            + unsent
            + tally.bad_pdfs
        )
        print("PASS: 0 errors, 0 lost, 0 duplicates" if bad == 0 else "FAIL")
        return 0 if bad == 0 else 1
    except Interrupted as exc:
        print(f"interrupted: {exc}", file=sys.stderr)
        return 130
    finally:
        for process in processes + workers:
            stop_process_group(process)
        redis.kill()
        postgres.stop()
        shutil.rmtree(postgres.directory, ignore_errors=True)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
