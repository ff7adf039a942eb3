"""Production settings, security headers, and SQLite under concurrent writes."""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from discovery.bank import BANK

BASE_DIR = Path(django_settings.BASE_DIR)


def _env(**overrides: str) -> dict[str, str]:
    """The current environment without anything that configures the app, plus `overrides`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SQLITE_", "AXES_", "EMAIL_"))
        and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(overrides)
    return env


def _run(args: list[str], env: dict[str, str], timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _random_secret(length: int = 60) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


# (a) and (b): production settings.


def test_check_deploy_has_no_warnings_with_production_settings(tmp_path):
    env = _env(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=_random_secret(),
        DJANGO_ALLOWED_HOSTS="example.com",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
    )
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_production_without_an_email_host_sends_through_the_local_mail_server(tmp_path):
    """DEBUG off and no EMAIL_HOST: Django's own default, SMTP on localhost, never the
    console (a production server writing its email to the console sends none)."""
    env = _env(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=_random_secret(),
        DJANGO_ALLOWED_HOSTS="example.com",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "m = s.MAILERS['default']; print(m['BACKEND'], m['OPTIONS']['host'])"
    )
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "localhost"]
    development = _run(
        ["-c", code.replace(", m['OPTIONS']['host']", "")],
        _env(SQLITE_PATH=str(tmp_path / "d.sqlite3")),
    )
    assert development.stdout.split() == ["django.core.mail.backends.console.EmailBackend"]


@pytest.mark.parametrize(
    "secret",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("too-short-" * 3, id="short"),
        pytest.param("dev-only-insecure-secret-key-do-not-use-in-production", id="dev-key"),
    ],
)
def test_production_refuses_to_start_without_a_real_secret(secret, tmp_path):
    env = _env(
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="example.com",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
    )
    if secret is not None:
        env["DJANGO_SECRET_KEY"] = secret
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_misspelt_boolean_fails_loudly(tmp_path):
    env = _env(DJANGO_DEBUG="flase", SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


# (c): Content Security Policy and htmx configuration.


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _nonce(response) -> str:
    script_src = _directives(response["Content-Security-Policy"])["script-src"]
    nonces = [v for v in script_src if v.startswith("'nonce-")]
    assert len(nonces) == 1, script_src
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


def _pages(consultant, project) -> list[tuple[Client, str]]:
    member = Client()
    member.force_login(consultant)
    return [
        (Client(), reverse("accounts:login")),
        (member, reverse("discovery:dashboard")),
        (member, reverse("discovery:step", args=[project.pk, BANK.first_step().slug])),
        (member, reverse("discovery:wizard_review", args=[project.pk])),
    ]


def test_pages_carry_an_enforced_nonce_csp_without_unsafe_sources(consultant, project):
    for client, url in _pages(consultant, project):
        response = client.get(url)
        assert response.status_code == 200, url
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header, url
        assert "unsafe-eval" not in header, url
        directives = _directives(header)
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert len(_nonce(response)) >= 16, url


def test_the_nonce_is_on_every_script_tag_and_new_for_each_response(consultant, project):
    seen = set()
    for client, url in _pages(consultant, project):
        response = client.get(url)
        nonce = _nonce(response)
        scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
        assert scripts, url
        for tag in scripts:
            assert f'nonce="{nonce}"' in tag, (url, tag)
        seen.add(nonce)
    assert len(seen) == len(_pages(consultant, project))


def test_no_inline_event_handlers_that_csp_would_block(consultant, project):
    for client, url in _pages(consultant, project):
        content = client.get(url).content.decode()
        assert not re.search(r"<[^>]+\son[a-z]+=", content), url
        assert "hx-on" not in content, url


def test_htmx_runs_without_eval_or_script_tags(consultant_client):
    content = consultant_client.get(reverse("discovery:dashboard")).content.decode()
    match = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', content)
    assert match, "htmx-config meta tag missing"
    config = json.loads(html.unescape(match.group(1)))
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["historyCacheSize"] == 0


# (d): SQLite under concurrent read-then-write transactions.

needs_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite locking; other databases have their own"
)


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A file database migrated once, copied by each test (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    result = _run(["-m", "tests.sqlite_hammer", "--migrate-only"], _env(SQLITE_PATH=str(path)))
    assert result.returncode == 0, result.stderr
    return path


def _hammer(template: Path, tmp_path: Path, *args: str) -> dict:
    path = tmp_path / "db.sqlite3"
    shutil.copy(template, path)
    result = _run(["-m", "tests.sqlite_hammer", *args], _env(SQLITE_PATH=str(path)), timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@needs_sqlite
def test_concurrent_answer_saves_never_hit_database_is_locked(migrated_sqlite, tmp_path):
    """8 threads x 50 read-then-write transactions through answers_save, as configured in
    settings (WAL, IMMEDIATE, busy timeout): every save succeeds."""
    outcome = _hammer(migrated_sqlite, tmp_path, "--threads", "8", "--iterations", "50")
    assert outcome["transaction_mode"] == "IMMEDIATE"
    assert outcome["journal_mode"] == "wal"
    assert outcome["errors"] == 0, outcome["messages"]
    assert outcome["revisions"] == outcome["attempts"] == 400


@needs_sqlite
def test_deferred_transactions_do_hit_database_is_locked(migrated_sqlite, tmp_path):
    """The same load with SQLite's default DEFERRED mode fails: the setting is what makes
    the test above pass. A deferred transaction reads under a snapshot, and when another
    thread has committed since, upgrading to a write fails at once, busy timeout or not."""
    outcome = _hammer(
        migrated_sqlite,
        tmp_path,
        "--threads",
        "8",
        "--iterations",
        "50",
        "--transaction-mode",
        "DEFERRED",
    )
    assert outcome["transaction_mode"] == "DEFERRED"
    assert outcome["errors"] > 0
    assert outcome["messages"] == ["database is locked"]
    assert outcome["revisions"] == outcome["attempts"] - outcome["errors"]
