"""Read a ticket export streaming and keep only aggregates.

Pure: a binary stream and a column mapping in, a `Summary` (plain numbers) out. Memory is
bounded whatever the file's size: rows are read one at a time, percentiles come from fixed
log-spaced histograms, and nothing of a row is kept once it is counted. Columns that are
not mapped (requester, subject, description…) are never read into anything.

A malformed file raises `ExportError` naming the row and column at fault; the caller keeps
nothing of a file that raised.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import math
import operator
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any

from .formats import CHANNELS, COMMON_CHANNELS, FIELDS, PRESETS, REQUIRED

SLOTS_PER_WEEK = 7 * 48
MAX_ROWS = 5_000_000
MAX_FIELD = 1_000_000  # characters in one CSV cell
# Histogram edges in minutes: 0, then 60 log-spaced bins per decade from 0.1 min to 1e6 min.
_EDGES = [0.0] + [0.1 * 10 ** (i / 60) for i in range(0, 7 * 60 + 1)]


class ExportError(ValueError):
    def __init__(self, message: str, row: int | None = None, column: str | None = None):
        self.row, self.column = row, column
        where = ""
        if row is not None and column:
            where = f"Row {row}, column “{column}”: "
        elif row is not None:
            where = f"Row {row}: "
        super().__init__(where + message)


@dataclass
class Histogram:
    counts: list[int] = field(default_factory=lambda: [0] * len(_EDGES))
    total: int = 0

    def add(self, minutes: float) -> None:
        self.counts[max(0, bisect_right(_EDGES, minutes) - 1)] += 1
        self.total += 1

    def percentile(self, share: float) -> float | None:
        """The value below which `share` of the observations fall, to the bin's upper edge
        (within 4% of the true value: 60 bins per decade)."""
        if not self.total:
            return None
        wanted = share * self.total
        seen = 0
        for i, count in enumerate(self.counts):
            seen += count
            if seen >= wanted:
                return _EDGES[i + 1] if i + 1 < len(_EDGES) else _EDGES[i]
        return _EDGES[-1]


@dataclass
class ChannelStats:
    tickets: int = 0
    month_counts: dict[tuple[int, int], int] = field(default_factory=dict)
    slots: list[int] = field(default_factory=lambda: [0] * SLOTS_PER_WEEK)
    first_reply: Histogram = field(default_factory=Histogram)
    resolution: Histogram = field(default_factory=Histogram)
    reopen_known: int = 0
    reopened: int = 0
    fcr_known: int = 0
    fcr: int = 0
    satisfaction_rated: int = 0
    satisfaction_good: int = 0
    satisfaction_scores: float = 0.0

    @property
    def months(self) -> dict[str, int]:
        """Tickets per month, "2026-03"."""
        return {f"{y:04d}-{m:02d}": n for (y, m), n in sorted(self.month_counts.items())}


@dataclass
class Summary:
    rows: int = 0
    first: datetime | None = None
    last: datetime | None = None
    channels: dict[str, ChannelStats] = field(default_factory=dict)
    unknown_channels: dict[str, int] = field(default_factory=dict)


# --- values ----------------------------------------------------------------------------------

_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%b/%y %I:%M %p",
    "%Y-%m-%d",
)


def parse_time(text: str) -> datetime:
    """A timestamp as the four tools write them (ISO 8601 with or without an offset, or a
    day-first or Jira-style local time). Naive times are read as the export wrote them."""
    value = text.strip()
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(value, fmt)  # noqa: DTZ007 - the export's own zone
        except ValueError:
            continue
    raise ValueError(f"“{text[:40]}” is not a date and time")


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float(text.strip().replace(",", ""))
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"“{text[:40]}” is not a number of zero or more")
    return value


_GOOD = {"good", "satisfied", "positive", "yes", "happy", "great", "true"}
_BAD = {"bad", "unsatisfied", "dissatisfied", "negative", "no", "unhappy", "false"}
_UNRATED = {"", "offered", "unoffered", "not offered", "none", "null", "n/a"}


def _satisfaction(text: str) -> tuple[bool, float] | None:
    """(good, score 0–1) or None when not rated. Scores of 1–5 count 4 and 5 as good."""
    value = text.strip().lower()
    if value in _UNRATED:
        return None
    if value in _GOOD:
        return True, 1.0
    if value in _BAD:
        return False, 0.0
    number = float(value)
    if 1 <= number <= 5:
        return number >= 4, (number - 1) / 4
    if 0 <= number <= 10:
        return number >= 8, number / 10
    raise ValueError(f"“{text[:40]}” is not a satisfaction rating")


def channel_of(raw: str, preset_key: str) -> str | None:
    value = raw.strip().lower()
    if not value:
        return None
    preset = PRESETS.get(preset_key)
    if preset and value in preset.channels:
        return preset.channels[value]
    if value in COMMON_CHANNELS:
        return COMMON_CHANNELS[value]
    for word, channel in COMMON_CHANNELS.items():
        if word in value:
            return channel
    return None


# --- rows ------------------------------------------------------------------------------------


def _text_stream(raw: IO[bytes]) -> IO[str]:
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


def csv_rows(raw: IO[bytes]) -> tuple[list[str], Iterator[list[str]]]:
    """The header and an iterator of rows, read lazily."""
    csv.field_size_limit(MAX_FIELD)
    text = _text_stream(raw)
    try:
        sample = text.read(64 * 1024)
    except UnicodeDecodeError as exc:
        raise ExportError("The file is not UTF-8 text.") from exc
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    # The sample up to the end of its last line, then the rest of the stream line by line
    # (iterated in C: no Python call per line).
    if sample and not sample.endswith("\n"):
        try:
            sample += text.readline()
        except UnicodeDecodeError as exc:
            raise ExportError("The file is not UTF-8 text.") from exc
    reader = csv.reader(itertools.chain(io.StringIO(sample, newline=""), text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise ExportError("The file is empty.") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise ExportError(f"The header cannot be read: {exc}", row=1) from exc
    return [h.strip() for h in header], reader


def _flatten(obj: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{name}."))
        elif value is None:
            out[name] = ""
        elif isinstance(value, list):
            continue
        else:
            out[name] = str(value)
    return out


def json_records(raw: IO[bytes]) -> Iterator[dict[str, str]]:
    """Objects from a JSON array (possibly under a "tickets"/"records"/"result" key) or
    from JSON lines, decoded one at a time, flattened ("stats.resolved_at"). The text read
    is kept in one buffer walked by an offset (never copied per object), refilled in
    256 kB chunks."""
    text = _text_stream(raw)
    decoder = json.JSONDecoder()
    buffer = ""
    pos = 0
    eof = False
    row = 0

    def fill() -> bool:
        nonlocal buffer, pos, eof
        if eof:
            return False
        chunk = text.read(256 * 1024)
        if not chunk:
            eof = True
            return False
        buffer = buffer[pos:] + chunk
        pos = 0
        return True

    def skip(chars: str) -> None:
        nonlocal pos
        while True:
            while pos < len(buffer) and buffer[pos] in chars:
                pos += 1
            if pos < len(buffer) or not fill():
                return

    skip(" \t\r\n")
    if buffer.startswith("{", pos) and not _looks_like_lines(buffer[pos:]):
        # {"tickets": [ … ]}: step into the first array.
        index = buffer.find("[", pos)
        while index < 0 and fill():
            index = buffer.find("[", pos)
        if index < 0:
            raise ExportError("No list of tickets was found in the JSON file.")
        pos = index
    array = buffer.startswith("[", pos)
    if array:
        pos += 1
    while True:
        skip(" \t\r\n," if array else " \t\r\n")
        if pos >= len(buffer):
            if array:
                raise ExportError("The JSON list is not closed.", row=row + 1)
            return
        if array and buffer.startswith("]", pos):
            return
        while True:
            try:
                obj, end = decoder.raw_decode(buffer, pos)
                break
            except json.JSONDecodeError as exc:
                if not fill():
                    raise ExportError(f"Not valid JSON: {exc.msg}.", row=row + 1) from exc
        pos = end
        row += 1
        if not isinstance(obj, Mapping):
            raise ExportError("Each ticket must be a JSON object.", row=row)
        yield _flatten(obj)


def _looks_like_lines(buffer: str) -> bool:
    first = buffer.split("\n", 1)[0].strip()
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return False
    return True


# --- aggregation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mapping_:
    """Canonical field -> column, and the preset whose channel codes apply."""

    columns: Mapping[str, str]
    preset: str = "csv"
    default_channel: str = "email"

    def validate(self, header: list[str]) -> None:
        missing = [f for f in REQUIRED if not self.columns.get(f)]
        if missing:
            raise ExportError("Choose the column that holds when each ticket was created.")
        absent = [c for c in self.columns.values() if c and c not in header]
        if absent:
            raise ExportError(f"The file has no column “{absent[0]}”.", row=1)
        if self.default_channel not in CHANNELS:
            raise ExportError("Unknown default channel.")


class Aggregator:
    """Counts rows into a `Summary`. The columns to read are fixed once (`fields`, in the
    order `add` receives their cells), so each row costs a handful of C calls: no row is
    turned into a dict, and a value seen before (a channel code) is looked up, not parsed."""

    def __init__(self, mapping: Mapping_) -> None:
        self.mapping = mapping
        self.summary = Summary()
        m = mapping.columns
        # The mapped fields, in this order in every `cells` handed to `add`.
        self.fields = [f for f in _FIELD_ORDER if m.get(f)]
        self.columns = [m[f] for f in self.fields]
        self._at = {f: i for i, f in enumerate(self.fields)}
        self._channels: dict[str, tuple[str, bool]] = {}

    def _channel(self, raw: str) -> tuple[str, bool]:
        """(channel, known) for a raw channel cell, remembered (a file has a few codes)."""
        found = self._channels.get(raw)
        if found is None:
            channel = channel_of(raw, self.mapping.preset)
            found = (channel or self.mapping.default_channel, channel is not None)
            if len(self._channels) < 10_000:
                self._channels[raw] = found
        return found

    def add(self, row_number: int, cells: list[str]) -> None:
        """One row: `cells` holds the mapped fields' values in `self.fields` order."""
        at = self._at
        s = self.summary

        def cell(name: str) -> str:
            i = at.get(name)
            return cells[i].strip() if i is not None else ""

        def fault(name: str, exc: ValueError) -> ExportError:
            return ExportError(str(exc), row=row_number, column=self.mapping.columns[name])

        created_text = cells[at["created"]].strip()
        if not created_text:
            raise ExportError(
                "The creation time is empty.",
                row=row_number,
                column=self.mapping.columns["created"],
            )
        try:
            created = parse_time(created_text)
        except ValueError as exc:
            raise fault("created", exc) from exc
        raw_channel = cell("channel")
        if raw_channel:
            channel, known = self._channel(raw_channel)
            if not known:
                key = raw_channel[:40]
                if key in s.unknown_channels or len(s.unknown_channels) < 50:
                    s.unknown_channels[key] = s.unknown_channels.get(key, 0) + 1
        else:
            channel = self.mapping.default_channel
        stats = s.channels.get(channel)
        if stats is None:
            stats = s.channels[channel] = ChannelStats()
        s.rows += 1
        stats.tickets += 1
        local = created.replace(tzinfo=None) if created.tzinfo is not None else created
        month = (local.year, local.month)
        stats.month_counts[month] = stats.month_counts.get(month, 0) + 1
        stats.slots[local.weekday() * 48 + local.hour * 2 + (local.minute >= 30)] += 1
        if s.first is None or local < s.first:
            s.first = local
        if s.last is None or local > s.last:
            s.last = local

        def number(name: str) -> float | None:
            text = cell(name)
            if not text:
                return None
            try:
                return _number(text)
            except ValueError as exc:
                raise fault(name, exc) from exc

        def moment(name: str) -> datetime | None:
            text = cell(name)
            if not text:
                return None
            try:
                return parse_time(text)
            except ValueError as exc:
                raise fault(name, exc) from exc

        m = self.mapping.columns
        first_reply = number("first_reply_minutes") if "first_reply_minutes" in at else None
        if first_reply is None and "first_reply_at" in at:
            replied = moment("first_reply_at")
            if replied is not None:
                first_reply = _minutes_between(created, replied, row_number, m["first_reply_at"])
        if first_reply is not None:
            stats.first_reply.add(first_reply)
        resolution = number("resolution_minutes") if "resolution_minutes" in at else None
        if resolution is None and "solved_at" in at:
            solved = moment("solved_at")
            if solved is not None:
                resolution = _minutes_between(created, solved, row_number, m["solved_at"])
        if resolution is not None:
            stats.resolution.add(resolution)

        reopens = number("reopens") if "reopens" in at else None
        reopened: bool | None = None
        if reopens is not None:
            reopened = reopens > 0
        elif "reopened_at" in at:
            reopened = moment("reopened_at") is not None
        if reopened is not None:
            stats.reopen_known += 1
            stats.reopened += int(reopened)
        replies = number("replies") if "replies" in at else None
        reassignments = number("reassignments") if "reassignments" in at else None
        # First-contact resolution proxy: not reopened, and answered in one agent reply
        # (Zendesk's one-touch) or never passed to another group (ServiceNow).
        if reopened is not None and (replies is not None or reassignments is not None):
            one_touch = (replies is None or replies <= 1) and (
                reassignments is None
                or reassignments <= (1 if m.get("reassignments") == "group_stations" else 0)
            )
            stats.fcr_known += 1
            stats.fcr += int(one_touch and not reopened)
        if "satisfaction" in at:
            text = cell("satisfaction")
            try:
                rating = _satisfaction(text) if text else None
            except ValueError as exc:
                raise fault("satisfaction", exc) from exc
            if rating is not None:
                stats.satisfaction_rated += 1
                stats.satisfaction_good += int(rating[0])
                stats.satisfaction_scores += rating[1]


_FIELD_ORDER = tuple(FIELDS)


def _minutes_between(start: datetime, end: datetime, row: int, column: str) -> float:
    if (start.tzinfo is None) != (end.tzinfo is None):
        start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    minutes = (end - start) / timedelta(minutes=1)
    if minutes < 0:
        raise ExportError("This time is before the ticket was created.", row=row, column=column)
    return minutes


def read_export(
    raw: IO[bytes],
    mapping: Mapping_,
    kind: str,
    progress: Callable[[int], None] | None = None,
    every: int = 20_000,
) -> Summary:
    """Aggregate a whole export. `kind` is "csv" or "json". `progress(rows)` is called every
    `every` rows. Raises ExportError at the first fault."""
    aggregator = Aggregator(mapping)
    try:
        columns = aggregator.columns
        add = aggregator.add
        if kind == "json":
            for number, record in enumerate(json_records(raw), start=1):
                if number == 1:
                    mapping.validate(list(record))
                add(number, [record.get(c) or "" for c in columns])
                _tick(number, progress, every)
        else:
            header, rows = csv_rows(raw)
            mapping.validate(header)
            index = {name: i for i, name in enumerate(header)}
            pick = operator.itemgetter(*(index[c] for c in columns))
            single = len(columns) == 1
            width = len(header)
            number = 1
            for number, cells in enumerate(rows, start=2):
                if len(cells) != width:
                    if not cells or (len(cells) == 1 and not cells[0].strip()):
                        continue
                    raise ExportError(
                        f"Expected {width} columns, found {len(cells)}.",
                        row=number,
                    )
                picked = pick(cells)
                add(number, [picked] if single else list(picked))
                if number % every == 1 or number > MAX_ROWS:
                    _tick(number - 1, progress, every)
    except csv.Error as exc:
        raise ExportError(f"The CSV cannot be read: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ExportError("The file is not UTF-8 text.") from exc
    if aggregator.summary.rows == 0:
        raise ExportError("The file has no tickets.")
    return aggregator.summary


def _tick(rows: int, progress: Callable[[int], None] | None, every: int) -> None:
    if rows > MAX_ROWS:
        raise ExportError(
            f"The file has more than {MAX_ROWS:,} tickets: export a shorter period.",
            row=rows,
        )
    if progress is not None and rows % every == 0:
        progress(rows)


def header_of(raw: IO[bytes], kind: str) -> list[str]:
    """The column names of an export, from its first row (or first JSON object)."""
    # From a copy of the file's start: the text wrapper would close the upload itself.
    head = io.BytesIO(raw.read(1024 * 1024))
    if kind == "json":
        try:
            for record in json_records(head):
                return list(record)
        except ExportError:
            raise
        raise ExportError("The JSON file has no tickets.")
    return csv_rows(head)[0]


def kind_of(name: str, head: bytes) -> str:
    stripped = head.lstrip(codecs.BOM_UTF8).lstrip()
    if name.lower().endswith((".json", ".jsonl", ".ndjson")) or stripped[:1] in (b"[", b"{"):
        return "json"
    return "csv"


# --- the aggregates as stored ----------------------------------------------------------------


def _period_text(first: datetime, last: datetime) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return "{start}–{end}".format(start=first.strftime("%B"), end=last.strftime("%B %Y"))
    return "{start}–{end}".format(start=first.strftime("%B %Y"), end=last.strftime("%B %Y"))


def _trend(months: dict[str, int], first: datetime, last: datetime) -> float | None:
    """Monthly growth by least squares over the whole months inside the period (the first
    and last months are usually partial), as a share per month; None under 3 months."""
    keys = sorted(months)
    full = [
        k
        for k in keys
        if k not in (f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}")
    ]
    if len(full) < 3:
        return None
    ys = [months[k] for k in full]
    n = len(ys)
    mean_x, mean_y = (n - 1) / 2, sum(ys) / n
    if mean_y == 0:
        return None
    slope = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(ys)) / sum(
        (i - mean_x) ** 2 for i in range(n)
    )
    return slope / mean_y


def summary_data(summary: Summary) -> dict[str, Any]:
    """The aggregates as JSON: per channel, monthly volumes and trend, arrivals per half hour
    of the week (as shares), reply and resolution percentiles, reopen rate, FCR proxy and
    satisfaction. No ticket, requester, subject or body is in it."""
    assert summary.first is not None
    assert summary.last is not None
    first, last = summary.first, summary.last
    days = max(1.0, (last - first) / timedelta(days=1))
    months_span = days / (365.25 / 12)
    channels: dict[str, Any] = {}
    for key, st in sorted(summary.channels.items(), key=lambda kv: -kv[1].tickets):
        total_slots = sum(st.slots) or 1
        channels[key] = {
            "tickets": st.tickets,
            "months": dict(sorted(st.months.items())),
            "monthly_volume": round(st.tickets / months_span, 1) if months_span >= 0.5 else None,
            "trend_per_month": _round(_trend(st.months, first, last), 4),
            "weekly_shares": [round(c / total_slots, 6) for c in st.slots],
            "first_reply_minutes": _percentiles(st.first_reply),
            "resolution_minutes": _percentiles(st.resolution),
            "reopen_rate": _round(st.reopened / st.reopen_known, 4) if st.reopen_known else None,
            "reopen_known": st.reopen_known,
            "fcr_proxy": _round(st.fcr / st.fcr_known, 4) if st.fcr_known else None,
            "fcr_known": st.fcr_known,
            "satisfaction_good": _round(st.satisfaction_good / st.satisfaction_rated, 4)
            if st.satisfaction_rated
            else None,
            "satisfaction_rated": st.satisfaction_rated,
        }
    return {
        "tickets": summary.rows,
        "first": first.isoformat(timespec="minutes"),
        "last": last.isoformat(timespec="minutes"),
        "period": _period_text(first, last),
        "days": round(days, 1),
        "channels": channels,
        "unknown_channels": dict(
            sorted(summary.unknown_channels.items(), key=lambda kv: -kv[1])[:10]
        ),
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _percentiles(h: Histogram) -> dict[str, float | None] | None:
    if not h.total:
        return None
    return {
        "count": h.total,
        "p50": _round(h.percentile(0.5), 1),
        "p80": _round(h.percentile(0.8), 1),
        "p90": _round(h.percentile(0.9), 1),
    }


def source_text(data: Mapping[str, Any]) -> str:
    """“measured from 14,203 tickets, March–August 2026”."""
    return "measured from {tickets:,} tickets, {period}".format(
        tickets=int(data.get("tickets") or 0), period=data.get("period") or ""
    )


__all__ = [
    "Aggregator",
    "ExportError",
    "Mapping_",
    "header_of",
    "kind_of",
    "read_export",
    "source_text",
    "summary_data",
]
