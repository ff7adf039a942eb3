"""Fixed-window rate limits counted in the database, so that a limit holds across every
web process. Callers decide what a hit is: the review links count failed token lookups,
sign-in counts failed attempts per address, password reset counts requests."""

from __future__ import annotations

import hashlib

from django.db import connection
from django.utils import timezone

from .models import RateCounter

# Counters older than this are deleted now and then: longer than any window in use.
KEEP_SECONDS = 86_400


def _key(scope: str, subject: str) -> str:
    return hashlib.sha256(f"{scope}:{subject}".encode()).hexdigest()


def _window(seconds: int) -> int:
    now = int(timezone.now().timestamp())
    return now - now % seconds


def count(scope: str, subject: str, *, window: int) -> int:
    """Hits of `subject` in the current window of `window` seconds, without counting one."""
    row = (
        RateCounter.objects.filter(key=_key(scope, subject), window=_window(window))
        .values_list("count", flat=True)
        .first()
    )
    return int(row or 0)


def hit(scope: str, subject: str, *, window: int) -> int:
    """Count one hit of `subject` in the current window and return the window's count. One
    upsert, atomic in SQLite and PostgreSQL."""
    start = _window(window)
    table = RateCounter._meta.db_table
    sql = (
        f'INSERT INTO "{table}" ("key", "window", "count") VALUES (%s, %s, 1) '  # noqa: S608 (table name is ours)
        f'ON CONFLICT ("key", "window") DO UPDATE SET "count" = "{table}"."count" + 1 '
        'RETURNING "count"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_key(scope, subject), start])
        row = cursor.fetchone()
    value = int(row[0]) if row else 1
    if value == 1:
        # The first hit of a new window: forget the windows that can no longer matter.
        RateCounter.objects.filter(window__lt=start - KEEP_SECONDS).delete()
    return value


def over(scope: str, subject: str, *, limit: int, window: int) -> bool:
    """Whether `subject` has already used up `limit` hits in the current window."""
    return count(scope, subject, window=window) >= limit
