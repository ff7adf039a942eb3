"""Targets that agree across KPIs, SLAs, channels, staffing and milestones: no channel or
SLA looser than the client's own target, no milestone that differs from its KPI, urgent
priorities no slower than normal ones."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from frameworks.check.inputs import CheckInput, Item
from frameworks.check.model import Hit
from frameworks.check.registry import rule
from frameworks.generators.base import hours_text

_WITHIN = re.compile(r"within (\d+(?:\.\d+)?)\s*(h|min|s)\b")
_UNIT_HOURS = {"h": 1.0, "min": 1 / 60, "s": 1 / 3600}


def target_hours(row: dict[str, Any]) -> float | None:
    """A channel target in hours: the structured figure, or the one the text states."""
    for key, factor in (("first_response_hours", 1.0), ("answer_seconds", 1 / 3600)):
        value = row.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value) * factor
    match = _WITHIN.search(str(row.get("target") or ""))
    if match:
        return float(match.group(1)) * _UNIT_HOURS[match.group(2)]
    return None


QUEUED = frozenset({"email", "portal", "social"})


def _channel_targets(ci: CheckInput) -> Iterator[tuple[Item, str, str, float, str]]:
    """(element, channel, label, hours, the words stating it) for every channel target."""
    channels = ci.element("workflow.sla.channels")
    if channels is not None:
        for row in channels.data.get("channels") or []:
            hours = target_hours(row)
            if hours is not None:
                yield (
                    channels,
                    str(row.get("channel")),
                    str(row.get("label") or row.get("channel")),
                    hours,
                    str(row.get("target")),
                )
    for item in ci.elements("staffing_channel"):
        hours = target_hours(dict(item.data))
        if hours is not None:
            label = item.title.split(":")[0]
            yield item, str(item.data.get("channel")), label, hours, str(item.data.get("target"))


def _eps(value: float) -> float:
    return value * 1.0001 + 1e-9


@rule("targets.channel_vs_kpi")
def channel_vs_kpi(ci: CheckInput) -> Iterator[Hit]:
    first = ci.num("metrics.first_response_time.target")
    average = ci.num("metrics.avg_response_time.target")
    promised = ci.num("context.async_response_hours")
    for item, channel, label, hours, words in _channel_targets(ci):
        if promised is not None and channel in QUEUED and hours > _eps(promised):
            yield Hit(
                item.section,
                item.element_id,
                f"{label}: {words}",
                f"“{label}: {words}” is looser than the first response the client promises "
                f"today, within {hours_text(promised)}.",
            )
        elif first is not None and hours > _eps(first):
            yield Hit(
                item.section,
                item.element_id,
                f"{label}: {words}",
                f"“{label}: {words}” is looser than the client's first-response target of "
                f"{hours_text(first)}.",
            )
        elif average is not None and hours > _eps(average):
            yield Hit(
                item.section,
                item.element_id,
                f"{label}: {words}",
                f"“{label}: {words}” sits beside the client's target of every reply within "
                f"{hours_text(average)} on average: both cannot hold.",
            )


def _slas(ci: CheckInput) -> list[Item]:
    return [i for i in ci.elements("sla") if i.element_id != "workflow.sla.channels"]


@rule("targets.sla_vs_kpi")
def sla_vs_kpi(ci: CheckInput) -> Iterator[Hit]:
    first = ci.num("metrics.first_response_time.target")
    average = ci.num("metrics.avg_response_time.target")
    resolution = ci.num("metrics.resolution_time.target")
    for item in _slas(ci):
        if item.data.get("priority") not in ("P1", "P2", "P3"):
            continue
        f = item.data.get("first_response_hours")
        r = item.data.get("resolution_hours")
        name = f"{item.data.get('priority')} {item.data.get('name') or ''}".strip()
        if isinstance(f, int | float):
            for target, what in ((first, "first-response"), (average, "average reply")):
                if target is not None and f > _eps(target):
                    yield Hit(
                        item.section,
                        item.element_id,
                        f"{name}: first response within {hours_text(f)}",
                        f"{name} allows {hours_text(f)} for a first response, looser than the "
                        f"client's {what} target of {hours_text(target)}.",
                    )
                    break
        if isinstance(r, int | float) and resolution is not None and r > _eps(resolution):
            yield Hit(
                item.section,
                item.element_id,
                f"{name}: resolution within {hours_text(r)}",
                f"{name} allows {hours_text(r)} to resolve, looser than the client's "
                f"resolution-time target of {hours_text(resolution)}.",
            )


@rule("targets.milestone")
def milestone(ci: CheckInput) -> Iterator[Hit]:
    targets: dict[tuple[str, str], Any] = {}
    for item in ci.elements("kpi"):
        for row in item.data.get("targets") or []:
            targets[(str(item.data.get("kpi")), str(row.get("horizon")))] = row.get("value")
    for item in ci.elements("milestone"):
        horizon = str(item.data.get("horizon"))
        for goal in item.data.get("goals") or []:
            expected = targets.get((str(goal.get("kpi")), horizon))
            if expected is not None and goal.get("value") != expected:
                yield Hit(
                    item.section,
                    item.element_id,
                    f"{goal.get('label')} {goal.get('value')}",
                    f"The milestone sets {goal.get('label')} at {goal.get('value')}, but the KPI's "
                    f"target for that horizon is {expected}.",
                )


@rule("targets.order")
def order(ci: CheckInput) -> Iterator[Hit]:
    rows = sorted(_slas(ci), key=lambda i: str(i.data.get("priority")))
    previous: Item | None = None
    for item in rows:
        f, r = item.data.get("first_response_hours"), item.data.get("resolution_hours")
        if not isinstance(f, int | float) or not isinstance(r, int | float):
            continue
        if r < f:
            yield Hit(
                item.section,
                item.element_id,
                item.title,
                f"{item.title} must be resolved ({hours_text(r)}) before the first response is "
                f"due ({hours_text(f)}).",
            )
        if previous is not None:
            pf = previous.data.get("first_response_hours")
            pr = previous.data.get("resolution_hours")
            if (isinstance(pf, int | float) and pf > f) or (isinstance(pr, int | float) and pr > r):
                yield Hit(
                    item.section,
                    item.element_id,
                    item.title,
                    f"{previous.title} is given longer than the less urgent {item.title}.",
                )
        previous = item
