"""Optimistic concurrency for answers: the rule that decides whether a tab's write goes in.

Every form that edits an answer shows it with its *base*: the revision of the answer it
read and a digest of the value it showed (`__rev.<question id>` = "<revision>.<digest>"),
and names the page it came from (`__tab`). When the form comes back:

- the posted value is what is stored already: nothing to write;
- the base is the stored revision, or this same page wrote the stored revision (its own
  autosave raced its own Next): the value is written;
- otherwise someone else wrote since. If this page did not change the value from what it
  showed, its stale copy is not a change and is left out ("write only what that tab
  changed"); if it did, the write is refused as a conflict, and the person chooses to
  keep theirs over the other (`__keep` = "<question id>:<revision they saw>") or to take
  the other (`__take` = "<question id>").

A writer that sends no base (demo data, imports, the review loop appending a client's
challenge) writes unconditionally: it is not a page that could be stale.

Pure: no ORM, no request. `discovery.services` applies it to every answer write.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

TAB_FIELD = "__tab"
KEEP_FIELD = "__keep"
TAKE_FIELD = "__take"
_BASE_PREFIX = "__rev."

_BASE_RE = re.compile(r"^(\d{1,9})\.([0-9a-f]{16})$")
_TAB_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_KEEP_RE = re.compile(r"^(.{1,100}):(\d{1,9})$")


def base_field(question_id: str) -> str:
    return f"{_BASE_PREFIX}{question_id}"


def _normal(value: Any) -> Any:
    """18 and 18.0 are the same answer (a decimal question stores a whole number either way)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def value_digest(value: Any) -> str:
    encoded = json.dumps(_normal(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Base:
    """What a page showed for one answer: the revision it read (0: unanswered) and a
    digest of the value."""

    revision: int
    digest: str

    @classmethod
    def of(cls, value: Any, revision: int) -> Base:
        return cls(revision, value_digest(value))

    def encode(self) -> str:
        return f"{self.revision}.{self.digest}"


@dataclass(frozen=True, slots=True)
class Current:
    """The stored answer as the writer found it."""

    value: Any
    revision: int
    tab: str


class Decision(StrEnum):
    UNCHANGED = "unchanged"  # the posted value is the stored one
    WRITE = "write"
    SKIP = "skip"  # a stale copy this page did not change: the newer answer stands
    CONFLICT = "conflict"  # changed here and elsewhere: the person chooses


def decide(
    current: Current | None,
    value: Any,
    base: Base | None,
    *,
    tab: str = "",
    keep: int | None = None,
    skip_unchanged: bool = True,
) -> Decision:
    """Whether `value`, posted by page `tab` that showed `base`, may replace `current`.

    `keep` is the revision the person saw in a conflict and chose to overwrite: it wins
    over that revision only, never over a later one. With `skip_unchanged` off (autosave,
    which only fires when the person changed the field) a stale copy that matches what the
    page showed is reported as a conflict too, so the page learns of the newer answer."""
    stored_revision = current.revision if current is not None else 0
    stored_value = current.value if current is not None else None
    if value == stored_value and (current is not None or value is None):
        return Decision.UNCHANGED
    if base is None or base.revision == stored_revision:
        return Decision.WRITE
    if keep is not None and keep == stored_revision:
        return Decision.WRITE
    if current is not None and tab and current.tab == tab:
        return Decision.WRITE
    if skip_unchanged and value_digest(value) == base.digest:
        return Decision.SKIP
    return Decision.CONFLICT


def _first(raw: Mapping[str, Any], name: str) -> str | None:
    getlist = getattr(raw, "getlist", None)
    values: Sequence[Any] = (
        getlist(name) if getlist is not None else ([raw[name]] if name in raw else [])
    )
    if isinstance(values, str):
        values = [values]
    return str(values[0]) if values else None


def _all(raw: Mapping[str, Any], name: str) -> list[str]:
    getlist = getattr(raw, "getlist", None)
    if getlist is not None:
        return [str(v) for v in getlist(name)]
    value = raw.get(name)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def posted_base(raw: Mapping[str, Any], question_id: str) -> Base | None:
    """The base a form posted for one question; None when it sent none (or garbage, which
    only a hand-made request sends: it is then treated as a writer without a page)."""
    text = _first(raw, base_field(question_id))
    match = _BASE_RE.match(text or "")
    return Base(int(match.group(1)), match.group(2)) if match else None


def posted_tab(raw: Mapping[str, Any]) -> str:
    text = _first(raw, TAB_FIELD) or ""
    return text if _TAB_RE.match(text) else ""


def posted_keeps(raw: Mapping[str, Any]) -> dict[str, int]:
    keeps: dict[str, int] = {}
    for item in _all(raw, KEEP_FIELD):
        match = _KEEP_RE.match(item)
        if match:
            keeps[match.group(1)] = int(match.group(2))
    return keeps


def posted_takes(raw: Mapping[str, Any]) -> set[str]:
    return {item for item in _all(raw, TAKE_FIELD) if 0 < len(item) <= 100}
