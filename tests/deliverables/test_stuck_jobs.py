"""Jobs that cannot stay stuck (issue 14, item 6), against a real redis-server and real
Celery workers on loopback: a job whose message died with a Redis that had no persistence,
and a job whose worker was killed whole mid-render, are both sent again by the next
worker's sweep and end with exactly one file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from deliverables import jobs
from deliverables.models import PdfJob
from tests.servers import ROOT, database_env, free_port, wait_for_port

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed"),
]


class Redis:
    """A redis-server without persistence on one port, that can die and come back empty."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def redis(tmp_path, settings) -> Iterator[Redis]:
    from config.celery import app

    server = Redis(tmp_path)
    server.start()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url, app.conf.task_always_eager = server.url, False
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield server
    finally:
        server.kill()
        app.conf.broker_url, app.conf.task_always_eager = saved
        app._pool = None
        app.amqp._producer_pool = None


def _worker(url: str, media: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        **database_env(),
        "REDIS_URL": url,
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # Short limits, so that the test need not wait minutes for the sweep to act.
        "PDF_STUCK_QUEUED_SECONDS": "3",
        "PDF_STUCK_RENDERING_SECONDS": "3",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork"]
        + ["--concurrency", "1", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        + ["--loglevel", "INFO"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(worker: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(worker.pid, sig)
    except ProcessLookupError:
        return
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def _wait_state(job_id: int, states: set[str], timeout: float, log: Path) -> PdfJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = PdfJob.objects.get(pk=job_id)
        if job.state in states:
            return job
        time.sleep(0.2)
    raise AssertionError(
        f"job stayed {PdfJob.objects.get(pk=job_id).state}\n{log.read_text()[-3000:]}"
    )


def _files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*.pdf") if not p.name.startswith(".")]


@pytest.mark.django_db(transaction=True)
def test_a_job_lost_with_redis_is_sent_again(v1, redis, tmp_path):
    media, log = tmp_path / "media", tmp_path / "worker.log"
    job = jobs.pdf_request(v1, None)
    job.refresh_from_db()
    assert job.state == PdfJob.State.QUEUED
    # Redis dies with the message and comes back empty: nothing will ever deliver it.
    redis.kill()
    redis.start()
    past = timezone.now() - timedelta(seconds=30)
    PdfJob.objects.filter(pk=job.pk).update(sent_at=past, requested_at=past)
    worker = _worker(redis.url, media, log)
    try:
        job = _wait_state(job.pk, {PdfJob.State.READY, PdfJob.State.FAILED}, 180, log)
        assert job.state == PdfJob.State.READY, job.error
        assert len(_files(media)) == 1
        assert "was stuck queued; sending it again" in log.read_text()
    finally:
        _stop(worker)


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_died_whole_is_sent_again_and_makes_one_file(v1, redis, tmp_path):
    media, log = tmp_path / "media", tmp_path / "worker.log"
    first = _worker(redis.url, media, log)
    try:
        job = jobs.pdf_request(v1, None)
        job = _wait_state(job.pk, {PdfJob.State.RENDERING}, 120, log)
    finally:
        # The whole worker, main process and child, killed mid-render: nothing gives the
        # message back before the visibility timeout.
        _stop(first, signal.SIGKILL)
    assert PdfJob.objects.get(pk=job.pk).state == PdfJob.State.RENDERING
    second = _worker(redis.url, media, log)
    try:
        job = _wait_state(job.pk, {PdfJob.State.READY, PdfJob.State.FAILED}, 180, log)
        assert job.state == PdfJob.State.READY, job.error
        assert "was stuck rendering; sending it again" in log.read_text()
        # However many copies of the task arrive now (the sweep's, Redis's redelivery
        # later), the job is ready and makes no second file.
        jobs.pdf_enqueue(job.pk)
        time.sleep(3)
        assert len(_files(media)) == 1
        assert PdfJob.objects.get(pk=job.pk).state == PdfJob.State.READY
    finally:
        _stop(second)
