"""In-process cost of the benchmarked endpoints: CPU per request, queries, hotspots.

    uv run python bench/profile_views.py                  # timings + query counts
    uv run python bench/profile_views.py --cprofile 25    # plus the top 25 functions

Same production-like settings as bench/run.py (DEBUG=False, temporary SQLite with the
project's PRAGMAs, demo data), through the Django test client with CSRF enforced. After
every request the DB connection is closed, as CONN_MAX_AGE=0 does under gunicorn (the test
client otherwise keeps it open, which would hide the per-request connect + PRAGMA cost).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.mkdtemp(prefix="blueprint-profile-"))
sys.path.insert(0, str(ROOT))

from bench.environment import apply, bench_settings  # noqa: E402

apply(bench_settings(TMP, hosts="testserver,127.0.0.1"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.template.backends.django import Template as BackendTemplate  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

QUESTION = "context.team_size"

# Close the DB connection after each request (gunicorn with CONN_MAX_AGE=0) or keep it.
CLOSE_AFTER_REQUEST = {"on": True}


def measure(label: str, fn: Callable[[int], int], n: int, expect: int) -> tuple[float, float]:
    for i in range(5):  # warm templates, URL resolver, caches
        fn(i)
    cpu, wall = [], []
    for i in range(n):
        c0, w0 = time.process_time(), time.perf_counter()
        status = fn(i)
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
        if status != expect:
            raise SystemExit(f"{label}: HTTP {status}, expected {expect}")
    cpu_med, wall_med = statistics.median(cpu), statistics.median(wall)
    print(
        f"{label:<28} cpu median {cpu_med:6.2f} ms (min {min(cpu):5.2f})"
        f"   wall median {wall_med:6.2f} ms   n={n}"
    )
    return cpu_med, wall_med


def queries(label: str, fn: Callable[[int], int]) -> None:
    connections.close_all()
    with CaptureQueriesContext(connection) as ctx:
        fn(10_001)
    kinds = Counter(q["sql"].split()[0].upper() for q in ctx.captured_queries)
    total = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    print(f"{label:<28} {len(ctx.captured_queries)} queries ({dict(kinds)}), {total:.2f} ms in SQL")
    for q in ctx.captured_queries:
        print(f"    {float(q['time']) * 1000:5.2f} ms  {q['sql'][:150]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--cprofile", type=int, default=0, metavar="TOP")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("demo_seed", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    from discovery.models import Project  # noqa: PLC0415

    pk = Project.objects.get(client_name="Northwind Cloud").pk
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")  # sets csrftoken
    response = client.post(
        "/accounts/login/",
        {
            "username": "demo",
            "password": "blueprint-demo-2026",
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    if response.status_code != 302:
        raise SystemExit(f"login failed: HTTP {response.status_code}")
    client.get(f"/projects/{pk}/discovery/context/")
    csrf = client.cookies["csrftoken"].value

    def ping(_: int) -> int:
        response = client.get("/accounts/ping/")
        if CLOSE_AFTER_REQUEST["on"]:
            connections.close_all()
        return response.status_code

    def step(_: int) -> int:
        response = client.get(f"/projects/{pk}/discovery/context/")
        if CLOSE_AFTER_REQUEST["on"]:
            connections.close_all()
        return response.status_code

    def autosave(i: int) -> int:
        response = client.post(
            f"/projects/{pk}/discovery/save/",
            {"question": QUESTION, QUESTION: str(1000 + i)},
            headers={"X-CSRFToken": csrf, "HX-Request": "true"},
        )
        if CLOSE_AFTER_REQUEST["on"]:
            connections.close_all()
        return response.status_code

    def connect_only(_: int) -> int:
        connections.close_all()
        connection.ensure_connection()
        connections.close_all()
        return 0

    print("== CPU per request (in-process, test client, DB connection closed each time)")
    measure("connect + PRAGMAs only", connect_only, args.n, 0)
    ping_cpu, _ = measure("floor /accounts/ping/", ping, args.n, 204)
    save_cpu, _ = measure("autosave POST", autosave, args.n, 200)
    step_cpu, _ = measure("step page /context/", step, max(50, args.n // 2), 200)
    print(
        f"ratios to the floor: autosave {save_cpu / ping_cpu:.2f}×, "
        f"step page {step_cpu / ping_cpu:.2f}×"
    )

    print("\n== the same with the DB connection kept open (as CONN_MAX_AGE > 0 would)")
    CLOSE_AFTER_REQUEST["on"] = False
    try:
        p_ping, _ = measure("floor, persistent conn", ping, args.n, 204)
        p_save, _ = measure("autosave, persistent conn", autosave, args.n, 200)
        p_step, _ = measure("step page, persistent conn", step, max(50, args.n // 2), 200)
    finally:
        CLOSE_AFTER_REQUEST["on"] = True
        connections.close_all()
    print(f"ratios to the floor: autosave {p_save / p_ping:.2f}×, step page {p_step / p_ping:.2f}×")

    print("\n== queries per request")
    queries("floor /accounts/ping/", ping)
    queries("autosave POST", autosave)
    queries("step page /context/", step)

    print("\n== template rendering (time inside the backend Template.render, median)")
    original = BackendTemplate.render
    spent: list[float] = []

    def timed_render(self, context=None, request=None):
        t0 = time.process_time()
        try:
            return original(self, context, request)
        finally:
            spent.append((time.process_time() - t0) * 1000)

    BackendTemplate.render = timed_render  # type: ignore[method-assign]
    try:
        for label, fn in (("autosave POST", autosave), ("step page /context/", step)):
            per_request = []
            for i in range(50):
                spent.clear()
                fn(i)
                per_request.append(spent[0] if spent else 0.0)  # outermost render
            print(f"{label:<28} render {statistics.median(per_request):6.2f} ms")
    finally:
        BackendTemplate.render = original  # type: ignore[method-assign]

    print("\n== view internals (pure Python, no DB)")
    from discovery import views  # noqa: PLC0415
    from discovery.bank import BANK  # noqa: PLC0415
    from discovery.selectors import answers_with_bases  # noqa: PLC0415

    project = Project.objects.select_related("organization").get(pk=pk)
    answers, bases = answers_with_bases(project)
    step_obj = BANK.step("context")

    def bench_fn(label: str, fn: Callable[[], object], n: int = 200) -> None:
        times = []
        for _ in range(n):
            t0 = time.process_time()
            fn()
            times.append((time.process_time() - t0) * 1000)
        print(f"{label:<40} {statistics.median(times):7.3f} ms")

    bank_type = type(BANK)
    # The bank and view helpers change as they are tuned: measure what exists.
    if hasattr(bank_type, "visibility"):
        bench_fn("BANK.visibility(answers) (whole bank)", lambda: BANK.visibility(answers))
    question = BANK.questions[QUESTION]
    bench_fn("BANK.is_visible(one question)", lambda: BANK.is_visible(question, answers))
    bench_fn("BANK.step_progress(context step)", lambda: BANK.step_progress(step_obj, answers))
    if hasattr(views, "_wizard_context"):
        try:
            bench_fn(
                "views._wizard_context(context step)",
                lambda: views._wizard_context(project, step_obj, answers, bases),
            )
        except TypeError as exc:
            print(f"views._wizard_context: signature changed ({exc})")

    counted = [
        n
        for n in ("visibility", "is_visible", "step_progress", "completeness")
        if hasattr(bank_type, n)
    ]
    calls: Counter[str] = Counter()
    originals = {n: getattr(bank_type, n) for n in counted}

    def counting(name: str) -> Callable[..., object]:
        original_fn = originals[name]

        def wrapper(self, *a, **kw):
            calls[name] += 1
            return original_fn(self, *a, **kw)

        return wrapper

    for name in counted:
        setattr(bank_type, name, counting(name))
    try:
        for label, fn in (("autosave POST", autosave), ("step page /context/", step)):
            calls.clear()
            fn(20_002)
            print(f"{label:<28} BANK calls per request (nested calls included): {dict(calls)}")
    finally:
        for name, original_fn in originals.items():
            setattr(bank_type, name, original_fn)

    response = client.get(f"/projects/{pk}/discovery/context/")
    print(f"step page size: {len(response.content) / 1024:.1f} KiB")

    if args.cprofile:
        for label, fn in (("floor", ping), ("autosave", autosave), ("step page", step)):
            profiler = cProfile.Profile(time.process_time)  # CPU time, not wall
            profiler.enable()
            for i in range(100):
                fn(i)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
            stats.print_stats(args.cprofile)
            print(f"\n== cProfile {label}: 100 requests, CPU seconds, sorted by cumulative")
            print("\n".join(out.getvalue().splitlines()[6:]))
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
            print(f"\n== cProfile {label}: sorted by own time")
            print("\n".join(out.getvalue().splitlines()[6:]))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
