"""Tokens are never written to the access log (issue 14, item 4): the production server
command, taken from the Dockerfile as it is, serves review links and a password-reset
link, and its real access log is read back."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from config.logredact import REDACTED, redact
from tests.reviews.conftest import answered_project, link, v1  # noqa: F401
from tests.servers import ROOT, database_env, free_port, wait_for_port

SECRET = "test-only-secret-key-for-the-gunicorn-access-log-test-0123456789abcdef"


def dockerfile_command() -> str:
    """The shell command of the Dockerfile's CMD (["sh", "-c", "<command>"])."""
    text = (ROOT / "Dockerfile").read_text()
    match = re.search(r"^CMD (\[.*\])\s*$", text, re.MULTILINE)
    assert match, "no CMD in the Dockerfile"
    argv = json.loads(match.group(1))
    assert argv[:2] == ["sh", "-c"]
    return str(argv[2])


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    """Production settings look static files up in WhiteNoise's manifest. collectstatic
    writes it after compressing 12 MB of files (a minute on this machine); these tests
    fetch no static file, so the manifest alone, naming every file as itself, will do."""
    from django.contrib.staticfiles import finders

    root = tmp_path_factory.mktemp("static")
    paths = {
        path: path
        for finder in finders.get_finders()
        for path, _storage in finder.list(["CVS", ".*", "*~"])
    }
    manifest = {"paths": paths, "version": "1.1", "hash": "test"}
    (root / "staticfiles.json").write_text(json.dumps(manifest))
    return root


def _production_env(static_root: Path) -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


@pytest.fixture
def gunicorn(static_root, tmp_path) -> Iterator[tuple[int, Path]]:
    port = free_port()
    command = dockerfile_command().replace("0.0.0.0:8000", f"127.0.0.1:{port}")
    assert f"127.0.0.1:{port}" in command, command
    log = tmp_path / "gunicorn.log"
    env = {**os.environ, **_production_env(static_root), **database_env(), "WEB_CONCURRENCY": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["sh", "-c", command], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            wait_for_port(port)
            yield port, log
        finally:
            process.terminate()
            process.wait(timeout=30)


def _get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Referer": f"http://127.0.0.1{path}"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_the_production_access_log_never_shows_a_token(v1, link, consultant, gunicorn):  # noqa: F811
    port, log = gunicorn
    uid = urlsafe_base64_encode(force_bytes(consultant.pk))
    # Made with the server's key, as the reset email would carry it.
    generator = PasswordResetTokenGenerator()
    generator.secret = SECRET
    reset_token = generator.make_token(consultant)
    visits = {
        f"/r/{link.token}/": 302,
        f"/r/{link.token}/v1/": 200,
        f"/r/{link.token}/v1/pdf/status/": 200,
        f"/r/{link.token}/diff/?from=1&to=1": 200,
        "/r/a-wrong-guess-of-a-token-0123456789abcdef/": 404,
        f"/accounts/password-reset/{uid}/{reset_token}/": 302,
    }
    for path, status in visits.items():
        assert _get(port, path) == status, path
    # gunicorn writes a request's line after it has sent the response: wait for the last.
    deadline = time.monotonic() + 10
    while True:
        text = log.read_text()
        lines = [line for line in text.splitlines() if '"GET ' in line]
        if len(lines) >= len(visits) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert len(lines) == len(visits), text
    # Neither token appears anywhere: not in the request line, not in the referer.
    assert link.token not in text
    assert reset_token not in text
    assert "a-wrong-guess-of-a-token" not in text
    # The lines are still there to read, with what matters: path shape and status.
    assert any(f'"GET /r/{REDACTED}/v1/ HTTP/1.1" 200' in line for line in lines), lines
    assert any(f'"GET /r/{REDACTED}/ HTTP/1.1" 404' in line for line in lines), lines
    assert any(f"/accounts/password-reset/{REDACTED}/{REDACTED}/" in line for line in lines)


def test_compose_runs_gunicorn_the_same_way():
    """docker-compose's web service runs the same gunicorn (after its migrations), in the
    same directory, so it reads the same gunicorn.conf.py."""
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "exec gunicorn config.wsgi" in compose
    assert "--access-logfile -" in compose
    assert "logger_class" in (ROOT / "gunicorn.conf.py").read_text()


def test_django_log_records_are_redacted(caplog):
    import logging

    from config.logredact import RedactSecretsFilter

    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Internal Server Error: %s",
        ("/r/s3cr3t/v1/",),
        None,
    )
    assert RedactSecretsFilter().filter(record)
    assert record.getMessage() == f"Internal Server Error: /r/{REDACTED}/v1/"
    assert redact("/projects/4/proposal/v1/") == "/projects/4/proposal/v1/"
