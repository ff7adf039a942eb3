"""Units of the answers that carry one ("6 min", "2 h", "30 s"), and time of day / zones.

A quantity answer is stored as {"value": 6, "unit": "min"}: the number as the client said
it and the unit they said it in, so the proposal can quote them. Anything that computes
converts it with `convert` to the unit it needs. Pure; no Django.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Unit:
    code: str  # stored
    label: str  # in the unit picker ("minutes")
    short: str  # after a number ("min")
    singular: str  # after the number 1 ("day")
    seconds: float  # one of it in the dimension's base (seconds for durations)


DURATION_UNITS: tuple[Unit, ...] = (
    Unit("s", "seconds", "s", "s", 1),
    Unit("min", "minutes", "min", "min", 60),
    Unit("h", "hours", "h", "h", 3600),
    Unit("d", "days (24 h)", "days", "day", 86400),
)
UNITS = {unit.code: unit for unit in DURATION_UNITS}
# The names the bank has always used for a question's unit, to their code.
UNIT_ALIASES = {"hours": "h", "hour": "h", "minutes": "min", "seconds": "s", "days": "d"}


def unit_code(name: str) -> str:
    return UNIT_ALIASES.get(name, name)


def is_quantity(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"value", "unit"}
        and isinstance(value["value"], int | float)
        and not isinstance(value["value"], bool)
        and value["unit"] in UNITS
    )


def convert(value: Any, to: str) -> float | None:
    """A quantity in unit `to`; None for anything else (a bare number has no unit to
    convert from, and guessing one would silently be off by 60 or 3,600)."""
    target = UNITS.get(unit_code(to))
    if not is_quantity(value) or target is None:
        return None
    return float(value["value"]) * UNITS[value["unit"]].seconds / target.seconds


def number_text(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def quantity_text(value: Any) -> str:
    """{"value": 6, "unit": "min"} → "6 min"; 1 day → "1 day"."""
    if not is_quantity(value):
        return ""
    unit = UNITS[value["unit"]]
    number = float(value["value"])
    word = unit.singular if number == 1 else unit.short
    return f"{number_text(number)} {word}"


def natural_duration(hours: float) -> dict[str, Any]:
    """A number of hours as a quantity in the unit a person would say it in: 0.1 → 6 min,
    0.0083 → 30 s, 2 → 2 h, 48 → 48 h (days only when whole and over two)."""
    seconds = hours * 3600
    for code, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        amount = seconds / size
        if code == "d" and (amount < 3 or not float(round(amount, 6)).is_integer()):
            continue
        if amount >= 1 or code == "s":
            rounded = round(amount, 2)
            return {"value": int(rounded) if rounded.is_integer() else rounded, "unit": code}
    return {"value": hours, "unit": "h"}


# --- time of day and time zones ------------------------------------------------------------

_TIME_RE = re.compile(
    r"^(?P<h>\d{1,2})(?:[:.h]?(?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?\s*h?$", re.IGNORECASE
)


def parse_time(text: str) -> str | None:
    """ "9", "9:30", "09.30", "5pm", "17h", "24:00" → "HH:MM"; None when it is not a time."""
    match = _TIME_RE.match(text.strip())
    if not match:
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


# Abbreviations people write, to a representative IANA zone (shown back as that zone).
ZONE_ABBREVIATIONS = {
    "utc": "UTC",
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "wet": "Europe/Lisbon",
    "west": "Europe/Lisbon",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "msk": "Europe/Moscow",
    "brt": "America/Sao_Paulo",
    "art": "America/Argentina/Buenos_Aires",
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "ct": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mt": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "ist": "Asia/Kolkata",
    "sgt": "Asia/Singapore",
    "hkt": "Asia/Hong_Kong",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "awst": "Australia/Perth",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
    "sast": "Africa/Johannesburg",
    "gst": "Asia/Dubai",
}
# Offered first in the wizard's list; any IANA zone is accepted.
COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Amsterdam",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Manila",
    "Asia/Singapore",
    "Asia/Hong_Kong",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/Bogota",
    "America/Mexico_City",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
)
_OFFSET_RE = re.compile(r"^(?:utc|gmt)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


@cache
def _zones() -> dict[str, str]:
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


def parse_zone(text: str) -> str | None:
    """ "Europe/Berlin", "europe/berlin", "Sao Paulo", "CET", "UTC+2", "GMT-03:00" → a
    zone name ("UTC+02:00" for a fixed offset); None when it is not one."""
    cleaned = text.strip()
    if not cleaned:
        return None
    key = cleaned.casefold()
    zones = _zones()
    if key in zones:
        return zones[key]
    if key in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[key]
    offset = _OFFSET_RE.match(cleaned)
    if offset:
        sign = "-" if offset[1] in "-−" else "+"
        hours, minutes = int(offset[2]), int(offset[3] or 0)
        if hours > 14 or minutes > 59:
            return None
        return f"UTC{sign}{hours:02d}:{minutes:02d}"
    city = key.replace(" ", "_")
    matches = [name for folded, name in zones.items() if folded.rsplit("/", 1)[-1] == city]
    return sorted(matches)[0] if matches else None
