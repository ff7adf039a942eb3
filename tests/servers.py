"""Helpers for tests that run the app's real processes (gunicorn, workers) on loopback."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 120) -> None:
    """Until something listens on `port`: a server warms the engines before it listens,
    which on a busy 2-core machine has taken over 30 s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port}")


def database_env() -> dict[str, str]:
    """Environment that points a child process at the test's own database (SQLite file or
    PostgreSQL test database), so that it sees the rows a transactional test commits."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return {"SQLITE_PATH": str(db["NAME"]), "DATABASE_URL": ""}
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or "5432"
    return {"DATABASE_URL": f"postgres://{user}:{password}@{host}:{port}/{db['NAME']}"}


@contextmanager
def s3_server() -> Iterator[str]:
    """A real S3-compatible server (moto in server mode) on a free loopback port, in a
    thread of this process; other processes reach it over HTTP like any S3 endpoint."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        wait_for_port(port, timeout=10)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


S3_ENV = {
    "S3_BUCKET": "sb-media",
    "S3_REGION": "us-east-1",
    "S3_ACCESS_KEY_ID": "test-access-key",
    "S3_SECRET_ACCESS_KEY": "test-secret-key",
}


def s3_client(endpoint: str) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_ENV["S3_REGION"],
        aws_access_key_id=S3_ENV["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_ENV["S3_SECRET_ACCESS_KEY"],
    )
