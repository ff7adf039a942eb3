"""The settings every benchmark runs Django under, as environment variables: production-like
(DEBUG off, so templates are cached as in production), a throwaway SQLite database, media
and static root of its own, and never the developer's DATABASE_URL or Redis unless the
benchmark names its own (the soak test does)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

HOST = "127.0.0.1"
# What a benchmark must not inherit from the shell it runs in.
INHERITED = ("DATABASE_URL", "REDIS_URL")


def bench_settings(tmp: Path, *, hosts: str = HOST, **extra: str) -> dict[str, str]:
    (tmp / "media").mkdir(parents=True, exist_ok=True)
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": hosts,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def child_environment(settings: dict[str, str]) -> dict[str, str]:
    """The environment of a server or command the benchmark starts."""
    env = {**os.environ, **settings}
    for name in INHERITED:
        if name not in settings:
            env.pop(name, None)
    if "DATABASE_URL" in settings:
        env.pop("SQLITE_PATH", None)
    return env


def apply(settings: dict[str, str]) -> None:
    """For a benchmark that runs Django in its own process: call before django.setup()."""
    os.environ.clear()
    os.environ.update(child_environment(settings))
