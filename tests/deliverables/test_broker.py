"""Fault tests against a real redis-server and a real `celery worker`, started here on free
loopback ports: a stopped broker and a hung broker fail the enqueue within 5 s and keep the
job to retry; a worker killed mid-render is redelivered and makes exactly one file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from deliverables import jobs
from deliverables.models import PdfJob
from tests.servers import ROOT, free_port, wait_for_port

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed"),
]


@pytest.fixture
def redis_server(tmp_path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=10)
        yield process, f"redis://127.0.0.1:{port}/0"
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGCONT)
            process.kill()
        process.wait(timeout=10)


@pytest.fixture
def broker(redis_server, settings) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Point the app's Celery at the test's Redis, with the production settings' timeouts."""
    from config.celery import app

    process, url = redis_server
    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield process, url
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        app._pool = None
        app.amqp._producer_pool = None


def _timed_request(version) -> tuple[PdfJob, float]:
    started = time.monotonic()
    job = jobs.pdf_request(version, None)
    elapsed = time.monotonic() - started
    job.refresh_from_db()
    return job, elapsed


@pytest.mark.django_db(transaction=True)
def test_stopped_broker_fails_fast_and_keeps_the_job(v1, broker):
    process, _ = broker
    process.terminate()
    process.wait(timeout=10)
    job, elapsed = _timed_request(v1)
    assert elapsed < 5, elapsed
    assert job.state == PdfJob.State.ENQUEUE_FAILED
    assert "temporarily unavailable" in job.error


def _request_while_hung(process: subprocess.Popen[bytes], version) -> tuple[PdfJob, float]:
    """Generate while Redis accepts connections but never answers (stopped with SIGSTOP),
    on a connection warmed first, as a web process would have it."""
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
    process.send_signal(signal.SIGSTOP)
    try:
        return _timed_request(version)
    finally:
        process.send_signal(signal.SIGCONT)


@pytest.mark.django_db(transaction=True)
def test_hung_broker_fails_within_five_seconds(v1, broker):
    process, _ = broker
    job, elapsed = _request_while_hung(process, v1)
    assert elapsed < 5, elapsed
    assert job.state == PdfJob.State.ENQUEUE_FAILED
    # Retryable: once the broker answers again the same job is sent.
    job, elapsed = _timed_request(v1)
    assert job.state == PdfJob.State.QUEUED
    assert elapsed < 5


@pytest.mark.django_db(transaction=True)
def test_a_refused_job_goes_out_by_itself_when_the_broker_is_back(v1, broker):
    from datetime import timedelta

    import redis
    from django.utils import timezone

    process, url = broker
    job, _ = _request_while_hung(process, v1)
    assert job.state == PdfJob.State.ENQUEUE_FAILED
    queue = redis.Redis.from_url(url)
    assert queue.llen("celery") == 0
    # The page's next poll (RESEND_AFTER later) sends it: the message is on the broker.
    PdfJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(seconds=11))
    resent = jobs.pdf_resend_if_due(PdfJob.objects.get(pk=job.pk))
    assert resent is not None
    assert resent.state == PdfJob.State.QUEUED
    assert queue.llen("celery") == 1


def _worker(url: str, media: Path, log: Path) -> subprocess.Popen[bytes]:
    db = connection.settings_dict["NAME"]
    env = {
        **os.environ,
        "REDIS_URL": url,
        "SQLITE_PATH": str(db),
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _wait_state(job_id: int, states: set[str], timeout: float) -> PdfJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = PdfJob.objects.get(pk=job_id)
        if job.state in states:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job stayed {PdfJob.objects.get(pk=job_id).state}")


@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the worker shares the test's SQLite file",
)
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_render_is_redelivered_once(v1, broker, tmp_path):
    _, url = broker
    media = tmp_path / "worker-media"
    log = tmp_path / "worker.log"
    worker = _worker(url, media, log)
    try:
        job = jobs.pdf_request(v1, None)
        job = _wait_state(job.pk, {PdfJob.State.RENDERING}, timeout=60)
        assert job.attempts == 1
        children = _children(worker.pid)
        assert children, log.read_text()
        for child in children:
            os.kill(child, signal.SIGKILL)
        job = _wait_state(job.pk, {PdfJob.State.READY, PdfJob.State.FAILED}, timeout=120)
        assert job.state == PdfJob.State.READY, (job.error, log.read_text()[-3000:])
        assert job.attempts == 2
        assert len(list(media.rglob("*.pdf"))) == 1
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
