"""Reading an untrusted export: each helper checks one field's type and size and raises a
ValidationError naming where in the file the problem is (`requirements[3].priority`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from .people import Person

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64


def fail(path: str, message: str) -> ValidationError:
    return ValidationError(f"{path}: {message}" if path else message, code="invalid")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


class DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose key appears twice is refused: JSON readers disagree about which of
    the two counts, so the file could mean one thing here and another elsewhere."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise DuplicateKey(key)
        data[key] = value
    return data


# Dates an export can hold: none before the app existed, none beyond a year from now (a
# review link expires within days; year 9999 is no date anyone meant, and breaks date
# arithmetic).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_AHEAD = timedelta(days=366)


def _depth(value: Any, limit: int) -> int:
    """Nesting depth, iteratively (a recursive walk is what a hostile file would exploit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > limit:
            return depth
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def parse_export(raw: bytes) -> Any:
    """Bytes of an uploaded file to JSON data, refusing what is too big or not JSON."""
    if len(raw) > MAX_BYTES:
        raise fail("", f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail("", "The file is not text in UTF-8: choose a .json project export.") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise fail("", "The file is nested too deeply to be a project export.") from None
    except DuplicateKey as exc:
        raise fail(
            "",
            f"The file is not a project export as this app writes it: the key {str(exc)!r} "
            "appears twice in one object.",
        ) from None
    except ValueError as exc:
        raise fail("", f"The file is not valid JSON ({exc}).") from None
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise fail("", "The file is nested too deeply to be a project export.")
    return data


class Reader:
    """Typed access to one JSON object of the file, at `path`."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise fail(path, "expected an object.")
        self.data = data
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise fail(self.at(key), "missing.")
        return self.data[key]

    def text(self, key: str, *, max_length: int, blank: bool = True) -> str:
        value = self.raw(key)
        if not isinstance(value, str):
            raise fail(self.at(key), "expected text.")
        if "\x00" in value:
            raise fail(self.at(key), "contains a NUL character.")
        if len(value) > max_length:
            raise fail(self.at(key), f"longer than {max_length:,} characters.")
        if not blank and not value.strip():
            raise fail(self.at(key), "must not be empty.")
        return value

    def choice(self, key: str, choices: Iterable[str]) -> str:
        allowed = list(choices)
        value = self.raw(key)
        if value not in allowed:
            raise fail(self.at(key), f"{value!r} is not one of {', '.join(map(repr, allowed))}.")
        return str(value)

    def integer(self, key: str, *, minimum: int = 0, maximum: int = 2**31 - 1) -> int:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(self.at(key), "expected a whole number.")
        if not minimum <= value <= maximum:
            raise fail(self.at(key), f"must be between {minimum} and {maximum}.")
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise fail(self.at(key), "expected true or false.")
        return value

    def when(self, key: str) -> datetime:
        value = self.raw(key)
        if not isinstance(value, str) or len(value) > 40:
            raise fail(self.at(key), "expected a date and time (ISO 8601).")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise fail(self.at(key), f"{value!r} is not a date and time (ISO 8601).") from None
        if parsed.tzinfo is None:
            raise fail(self.at(key), "the date and time has no time zone.")
        latest = timezone.now() + LATEST_AHEAD
        if not EARLIEST <= parsed <= latest:
            raise fail(
                self.at(key),
                f"{value!r} is outside the dates an export can hold "
                f"({EARLIEST:%Y-%m-%d} to {latest:%Y-%m-%d}).",
            )
        return parsed

    def when_or_none(self, key: str) -> datetime | None:
        return None if self.raw(key) is None else self.when(key)

    def obj(self, key: str) -> dict[str, Any]:
        value = self.raw(key)
        if not isinstance(value, dict):
            raise fail(self.at(key), "expected an object.")
        return value

    def items(self, key: str, *, max_items: int) -> list[Any]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise fail(self.at(key), "expected a list.")
        if len(value) > max_items:
            raise fail(self.at(key), f"more than {max_items:,} entries.")
        return value

    def readers(self, key: str, *, max_items: int) -> list[Reader]:
        return [
            Reader(item, f"{self.at(key)}[{index}]")
            for index, item in enumerate(self.items(key, max_items=max_items))
        ]

    def index(self, key: str, size: int, *, null: bool = False) -> int | None:
        value = self.raw(key)
        if value is None and null:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
            raise fail(self.at(key), "does not refer to an entry of the file's reviewers.")
        return value

    def person(self, key: str) -> Person | None:
        value = self.raw(key)
        if value is None:
            return None
        person = Reader(value, self.at(key))
        return {
            "username": person.text("username", max_length=150, blank=False),
            "email": person.text("email", max_length=254),
            "name": person.text("name", max_length=300),
        }
