"""Realistic ticket exports for the tests and the benchmark, generated with the columns each
tool documents (evidence/formats.py), streamed so a million rows never sit in memory.

Tickets arrive on weekdays 08:00–18:00 mostly (more on Monday mornings), split over
channels; each has a first reply, a resolution, sometimes a reopen and a rating, and a
requester, subject and body that the import must never keep.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta

START = datetime(2026, 3, 2, 0, 0)  # noqa: DTZ001 - a Monday, in the export's own zone
SECRET_SUBJECT = "Refund for order 4417, my card is 4111-1111-1111-1111"
SECRET_REQUESTER = "maria.silva@example.com"


def tickets(n: int, seed: int = 7, days: int = 183) -> Iterator[dict]:
    rng = random.Random(seed)
    for i in range(n):
        day = rng.randrange(days)
        moment = START + timedelta(days=day)
        while moment.weekday() >= 5 and rng.random() < 0.85:
            moment += timedelta(days=1)
        hour = min(17, max(8, int(rng.gauss(11.5 if moment.weekday() else 10, 2.5))))
        created = moment.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
        channel = rng.choices(["email", "chat", "phone", "portal"], [60, 20, 15, 5])[0]
        first = max(1.0, rng.expovariate(1 / (90 if channel == "email" else 3)))
        resolution = first + rng.expovariate(1 / 600)
        reopens = 1 if rng.random() < 0.08 else 0
        replies = 1 if rng.random() < 0.55 else rng.randrange(2, 6)
        rating = rng.choices(["good", "bad", "offered", "unoffered"], [30, 5, 20, 45])[0]
        yield {
            "id": 1000 + i,
            "created": created,
            "channel": channel,
            "first": first,
            "resolution": resolution,
            "reopens": reopens,
            "replies": replies,
            "reassign": rng.choice([0, 0, 0, 1]),
            "rating": rating,
        }


_ZENDESK_VIA = {"email": "Mail", "chat": "Chat", "phone": "Voice", "portal": "Web form"}
_FRESHDESK_SOURCE = {"email": 1, "portal": 2, "phone": 3, "chat": 4}
_SNOW_CONTACT = {"email": "email", "chat": "chat", "phone": "phone", "portal": "self-service"}


def zendesk_csv(n: int, **kw) -> Iterator[str]:
    columns = [
        "id",
        "subject",
        "requester",
        "created_at",
        "via",
        "status",
        "solved_at",
        "first_reply_time_in_minutes",
        "full_resolution_time_in_minutes",
        "reopens",
        "replies",
        "group_stations",
        "satisfaction",
        "description",
    ]
    yield _line(columns)
    for t in tickets(n, **kw):
        solved = t["created"] + timedelta(minutes=t["resolution"])
        yield _line(
            [
                t["id"],
                SECRET_SUBJECT,
                SECRET_REQUESTER,
                t["created"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                _ZENDESK_VIA[t["channel"]],
                "closed",
                solved.strftime("%Y-%m-%dT%H:%M:%SZ"),
                round(t["first"]),
                round(t["resolution"]),
                t["reopens"],
                t["replies"],
                1 + t["reassign"],
                t["rating"],
                "Body, with, commas\nand a second line",
            ]
        )


def freshdesk_json(n: int, **kw) -> Iterator[str]:
    """API v2 ticket objects with `stats`, as one JSON list."""
    yield "["
    for i, t in enumerate(tickets(n, **kw)):
        created = t["created"]
        obj = {
            "id": t["id"],
            "subject": SECRET_SUBJECT,
            "requester": {"email": SECRET_REQUESTER},
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": _FRESHDESK_SOURCE[t["channel"]],
            "status": 5,
            "priority": 2,
            "stats": {
                "first_responded_at": (created + timedelta(minutes=t["first"])).strftime(
                    "%Y-%m-%dT%H:%M:%SZ"
                ),
                "resolved_at": (created + timedelta(minutes=t["resolution"])).strftime(
                    "%Y-%m-%dT%H:%M:%SZ"
                ),
                "closed_at": None,
                "reopened_at": (created + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
                if t["reopens"]
                else None,
            },
            "description_text": "Body",
        }
        yield ("," if i else "") + json.dumps(obj)
    yield "]"


def jsm_csv(n: int, **kw) -> Iterator[str]:
    """Jira's CSV export style (headers not confirmed publicly; mapped by hand)."""
    yield _line(
        ["Summary", "Issue key", "Reporter", "Created", "Resolved", "Request Type", "Description"]
    )
    for t in tickets(n, **kw):
        resolved = t["created"] + timedelta(minutes=t["resolution"])
        yield _line(
            [
                SECRET_SUBJECT,
                f"SUP-{t['id']}",
                SECRET_REQUESTER,
                t["created"].strftime("%d/%b/%y %I:%M %p"),
                resolved.strftime("%d/%b/%y %I:%M %p"),
                {"email": "Email", "chat": "Chat", "phone": "Phone", "portal": "Portal"}[
                    t["channel"]
                ],
                "Body",
            ]
        )


def servicenow_csv(n: int, **kw) -> Iterator[str]:
    yield _line(
        [
            "number",
            "short_description",
            "caller_id",
            "opened_at",
            "contact_type",
            "state",
            "resolved_at",
            "closed_at",
            "reopen_count",
            "reassignment_count",
        ]
    )
    for t in tickets(n, **kw):
        resolved = t["created"] + timedelta(minutes=t["resolution"])
        yield _line(
            [
                f"INC{t['id']:07d}",
                SECRET_SUBJECT,
                SECRET_REQUESTER,
                t["created"].strftime("%Y-%m-%d %H:%M:%S"),
                _SNOW_CONTACT[t["channel"]],
                7,
                resolved.strftime("%Y-%m-%d %H:%M:%S"),
                (resolved + timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S"),
                t["reopens"],
                t["reassign"],
            ]
        )


def _line(cells: list) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue()


def as_bytes(lines: Iterator[str]) -> bytes:
    return "".join(lines).encode()


class Stream(io.RawIOBase):
    """A generated export as a readable binary stream, produced as it is read."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:  # type: ignore[override]
        while len(self._buffer) < len(target):
            try:
                self._buffer += next(self._lines).encode()
            except StopIteration:
                break
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n
