"""Two web servers and a worker as separate processes, as on three machines: each runs in
its own empty working directory with its own MEDIA_ROOT, and they share only the test's
database, a redis-server started here and an S3-compatible server (moto) on loopback. A
consultant signs in on web 1 and that session works on web 2; a PDF requested on web 1 is
rendered by the worker into the bucket and downloaded through web 2."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from deliverables.models import PdfJob
from tests.deliverables.test_broker import redis_server  # noqa: F401
from tests.reviews.conftest import answered_project, v1  # noqa: F401
from tests.servers import ROOT, S3_ENV, database_env, free_port, s3_client, s3_server, wait_for_port

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed"),
]

SECRET = "test-only-secret-key-shared-by-every-machine-0123456789abcdefghijkl"
PASSWORD = "correct-horse-battery-staple"  # tests.factories.UserFactory's


def _start(argv: list[str], home: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    home.mkdir()
    (home / "media").mkdir()
    log = (home / "process.log").open("wb")
    return subprocess.Popen(
        argv,
        cwd=home,
        env={**env, "MEDIA_ROOT": str(home / "media")},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


@pytest.fixture
def machines(redis_server, tmp_path) -> Iterator[dict[str, object]]:  # noqa: F811
    _redis, redis_url = redis_server
    with s3_server() as endpoint:
        s3_client(endpoint).create_bucket(Bucket=S3_ENV["S3_BUCKET"])
        env = {
            **os.environ,
            **database_env(),
            **S3_ENV,
            "S3_ENDPOINT_URL": endpoint,
            "REDIS_URL": redis_url,
            "DJANGO_SECRET_KEY": SECRET,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            # The code, not the working directory, is what the machines have in common.
            "PYTHONPATH": str(ROOT),
        }
        ports = [free_port(), free_port()]
        processes = [
            _start(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "120",
                ],
                tmp_path / f"web{n}",
                env,
            )
            for n, port in enumerate(ports, start=1)
        ]
        processes.append(
            _start(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--pool",
                    "solo",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel",
                    "INFO",
                ],
                tmp_path / "worker",
                env,
            )
        )
        try:
            for port in ports:
                wait_for_port(port, timeout=120)
            yield {
                "web": [f"http://127.0.0.1:{port}" for port in ports],
                "homes": [tmp_path / name for name in ("web1", "web2", "worker")],
                "s3": s3_client(endpoint),
            }
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


class Browser:
    """One person's browser: one cookie jar for every server (cookies are per host, not
    per port, so web 2 receives what web 1 set)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[int, str, bytes]:
        try:
            with self.opener.open(url, timeout=60) as response:
                return response.status, response.url, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, url, exc.read()

    def post(self, url: str, form: dict[str, str], csrf_page: str) -> tuple[int, str, bytes]:
        _status, _url, body = self.get(csrf_page)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert token, body[:500]
        data = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token.group(1)}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": csrf_page})  # noqa: S310 (loopback http)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.url, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, url, exc.read()


def _wait_ready(job_query, timeout: float) -> PdfJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = job_query.first()
        if job is not None and job.state in (PdfJob.State.READY, PdfJob.State.FAILED):
            return job
        time.sleep(0.25)
    raise AssertionError(f"no PDF after {timeout} s: {job_query.first()}")


def _worker_log(home: Path, pattern: str, timeout: float = 30) -> str:
    """The worker's log once it shows `pattern`, or as it is after `timeout` seconds.

    The task saves the job as ready before it returns, and Celery logs "succeeded" only after
    the return: a test that reads the log the moment the job is ready can be early.
    """
    deadline = time.monotonic() + timeout
    while True:
        log = (home / "process.log").read_text(errors="replace")
        if re.search(pattern, log) or time.monotonic() > deadline:
            return log
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_two_web_servers_and_a_worker_share_only_the_database_redis_and_s3(
    v1,  # noqa: F811
    consultant,
    machines,
) -> None:
    web1, web2 = machines["web"]
    # The test process hashes with MD5 for speed; the servers know the production hashers.
    hasher = PBKDF2PasswordHasher()
    consultant.password = hasher.encode(PASSWORD, hasher.salt())
    consultant.save(update_fields=["password"])
    version_path = f"/projects/{v1.project_id}/proposal/v{v1.number}/"
    browser = Browser()

    # Signed in on web 1 ...
    status, landed, _ = browser.post(
        f"{web1}/accounts/login/",
        {"username": consultant.username, "password": PASSWORD},
        csrf_page=f"{web1}/accounts/login/",
    )
    assert status == 200
    assert "/accounts/login/" not in landed
    # ... and so on web 2, which never saw the sign-in.
    status, landed, page = browser.get(web2 + version_path)
    assert status == 200
    assert landed == web2 + version_path
    assert v1.project.client_name.encode() in page
    # Someone without the session cookie is sent to sign in on web 2.
    stranger = Browser()
    _status, landed, _ = stranger.get(web2 + version_path)
    assert "/accounts/login/" in landed

    # The PDF is requested on web 1; neither web process renders (REDIS_URL is set), so
    # the worker's render is the only way it becomes ready.
    status, _landed, _ = browser.post(
        f"{web1}{version_path}pdf/", {}, csrf_page=web1 + version_path
    )
    assert status == 200
    job = _wait_ready(PdfJob.objects.filter(version=v1), timeout=180)
    worker_log = _worker_log(machines["homes"][2], r"pdf_render_task\[[^\]]+\] succeeded")
    assert job.state == PdfJob.State.READY, (job.error, worker_log[-3000:])
    assert re.search(r"pdf_render_task\[[^\]]+\] succeeded", worker_log), worker_log[-3000:]

    # Downloaded through web 2, from the bucket.
    status, _landed, pdf = browser.get(f"{web2}{version_path}pdf/download/")
    assert status == 200
    assert pdf.startswith(b"%PDF")
    stored = machines["s3"].get_object(Bucket=S3_ENV["S3_BUCKET"], Key=job.file.name)
    assert stored["Body"].read() == pdf
    assert job.size == len(pdf)

    # No machine kept a file: everything went through the shared store.
    for home in machines["homes"]:
        assert list((home / "media").rglob("*")) == [], home
        assert not list(home.rglob("*.pdf")), home
