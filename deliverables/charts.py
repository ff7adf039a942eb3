"""Charts of the deliverable, drawn as SVG strings in Python, for the web pages and the PDF
alike.

Pure functions over the framework's plain data: no ORM, no I/O. Every label is escaped, so
a platform or channel name typed by someone cannot become markup. The SVG has no external
references: it renders through WeasyPrint without fetching anything, and on the web it is
an image (a data: URI), so it can neither script nor fetch.

Each chart is drawn twice: `wide` (640 units, for print and wide screens) and `narrow`
(360 units, one column, for phones: at 390 px its 12-unit text is 12 px). Each comes with
a one-sentence summary (its text alternative) and its figures as a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from frameworks.staffing.chart import staffing_day_chart

WIDE = 640
NARROW = 360
FONT = "font-family='DejaVu Sans, sans-serif'"
INK = "#222"
MUTED = "#666"
GRID = "#ddd"
PALETTE = ("#1f4e79", "#c0504d", "#4f8a3c", "#8064a2", "#d08a1e", "#2a8c99")


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    summary: str  # the text alternative: what the chart shows, in one sentence
    caption: str
    wide: str
    narrow: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _color(brand: str, index: int) -> str:
    return brand if index == 0 else PALETTE[index % len(PALETTE)]


def _num(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _svg(width: int, height: int, body: Iterable[str], title: str) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}' role='img' aria-label='{escape(title)}'>"
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    anchor: str = "start",
    fill: str = INK,
    bold: bool = False,
) -> str:
    weight = " font-weight='bold'" if bold else ""
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' font-size='{size:g}' "
        f"fill='{fill}'{weight} {FONT}>{escape(text)}</text>"
    )


def _clip(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


# --- bars --------------------------------------------------------------------------------


# The widest a bar chart's label column grows, in pixels of the wide chart.
MAX_LABEL_W = 280


def bar_chart(
    rows: Sequence[tuple[str, float, str]],
    *,
    title: str,
    brand: str = PALETTE[0],
    width: int = WIDE,
) -> str:
    """Horizontal bars: (label, value, value text) per row. Wide: the label left of its
    bar; narrow: the label above it, so that both stay legible on a phone."""
    if not rows:
        return ""
    peak = max((v for _, v, _ in rows), default=0) or 1
    body: list[str] = []
    if width >= WIDE:
        row_h, top, size = 26, 8, 11
        # Room for the longest label and value text (about 0.56 em a character), so a
        # platform's name is whole and "(unverified)" is never cut at the edge.
        chars = int((MAX_LABEL_W - 16) / (size * 0.56))
        longest = min(chars, max(len(r[0]) for r in rows))
        label_w = int(max(120, longest * size * 0.56 + 16))
        right = int(max(150, max(len(r[2]) for r in rows) * size * 0.56 + 16))
        span = max(60, width - label_w - right)
        for i, (label, value, text) in enumerate(rows):
            y = top + i * row_h
            w = max(1.0, span * max(value, 0) / peak)
            body.append(
                _text(label_w - 8, y + 16, _clip(label, chars), size=size, anchor="end")
                + f"<rect x='{label_w}' y='{y + 4}' width='{w:.1f}' height='16' rx='2' "
                f"fill='{_color(brand, 0)}'/>" + _text(label_w + w + 6, y + 16, text, size=size)
            )
        height = top + row_h * len(rows) + 8
    else:
        row_h, top, size, right = 46, 4, 12, 8
        span = width - right - 4
        room = int(max(130, max(len(r[2]) for r in rows) * size * 0.56 + 12))
        for i, (label, value, text) in enumerate(rows):
            y = top + i * row_h
            w = max(1.0, max(40, span - room) * max(value, 0) / peak)
            body.append(
                _text(4, y + 14, _clip(label, 44), size=size)
                + f"<rect x='4' y='{y + 20}' width='{w:.1f}' height='16' rx='2' "
                f"fill='{_color(brand, 0)}'/>" + _text(w + 10, y + 33, text, size=size)
            )
        height = top + row_h * len(rows) + 4
    return _svg(width, height, body, title)


def _elements(
    sections: Sequence[dict[str, Any]], section_key: str, kind: str
) -> list[dict[str, Any]]:
    for section in sections:
        if section.get("key") == section_key:
            return [e for e in section.get("elements", []) if e.get("kind") == kind]
    return []


def _staffing_rows(sections: Sequence[dict[str, Any]]) -> list[tuple[str, float, str]]:
    rows = []
    for element in _elements(sections, "staffing", "staffing_channel"):
        data = element.get("data") or {}
        label = str(element.get("title", "")).split(":")[0] or str(data.get("channel", ""))
        headcount = float(data.get("headcount") or 0)
        fte = float(data.get("fte") or 0)
        rows.append((label, headcount, f"{_num(headcount)} agents ({fte:.1f} FTE)"))
    return rows


def staffing_chart(
    sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0], width: int = WIDE
) -> str:
    """Headcount (and FTE) per channel from the staffing section."""
    return bar_chart(
        _staffing_rows(sections), title="Staffing per channel", brand=brand, width=width
    )


def _licence_rows(sections: Sequence[dict[str, Any]]) -> list[tuple[str, float, str]]:
    rows = []
    for element in _elements(sections, "tools", "platform"):
        data = element.get("data") or {}
        licence = data.get("licence") or {}
        name = str(data.get("name") or element.get("title", ""))
        # The card's own words: a range, "unverified", "by quote" or "price on the
        # vendor's page" as the platform's card says it, never a bare figure.
        words = str(licence.get("price_text") or "")
        if licence.get("by_quote") or licence.get("yearly") is None:
            rows.append((name, 0.0, words or "by quote"))
        else:
            yearly = float(licence["yearly"])
            rows.append((name, yearly, words or f"${_num(yearly)} a year"))
    return rows


def licence_chart(
    sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0], width: int = WIDE
) -> str:
    """Yearly licence cost of the shortlisted platforms."""
    return bar_chart(
        _licence_rows(sections),
        title="Licence cost of the shortlist, per year",
        brand=brand,
        width=width,
    )


# --- staffing through the busy day -------------------------------------------------------

# Drawn by the staffing plan's own chart (frameworks.staffing.chart), from the schedule
# element's half-hour rows.


def _schedule(sections: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    for element in _elements(sections, "staffing", "staffing_schedule"):
        data = element.get("data") or {}
        if data.get("rows"):
            return dict(data)
    return None


# --- KPI targets over time ---------------------------------------------------------------


def _kpis(sections: Sequence[dict[str, Any]]) -> list[tuple[str, str, list[tuple[float, float]]]]:
    kpis = []
    for element in _elements(sections, "metrics", "kpi"):
        data = element.get("data") or {}
        points = [(0.0, data["baseline"])] if data.get("baseline") is not None else []
        points += [
            (float(t["month"]), t["value"])
            for t in data.get("targets", [])
            if t.get("value") is not None and t.get("month") is not None
        ]
        points = [(m, float(v)) for m, v in points]
        if points:
            kpis.append((str(element.get("title", "")), str(data.get("unit", "")), points))
    return kpis


def kpi_chart(
    sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0], width: int = WIDE
) -> str:
    """KPI targets over time: one small panel per KPI (units differ), baseline at month 0
    then the short, medium and long-term targets. Two panels a row when wide, one when
    narrow."""
    kpis = _kpis(sections)
    if not kpis:
        return ""
    wide = width >= WIDE
    cols = 2 if wide else 1
    small, label = (9, 11) if wide else (12, 12)
    panel_w, panel_h = width // cols, 150 if wide else 170
    rows = (len(kpis) + cols - 1) // cols
    body: list[str] = []
    max_month = max(m for _, _, pts in kpis for m, _ in pts) or 1
    for i, (title, unit, points) in enumerate(kpis):
        ox, oy = (i % cols) * panel_w, (i // cols) * panel_h
        left, right, top, bottom = ox + 46, ox + panel_w - 16, oy + 30, oy + panel_h - 26
        low = min(0.0, min(v for _, v in points))
        high = _nice_ceiling(max(v for _, v in points) * 1.15)
        if unit == "%" and max(v for _, v in points) <= 100:
            high = min(high, 100.0) if max(v for _, v in points) < 87 else 100.0

        def x(month: float, left: float = left, right: float = right) -> float:
            return left + (right - left) * month / max_month

        def y(
            value: float, low: float = low, high: float = high, top: int = top, bottom: int = bottom
        ) -> float:
            return bottom - (bottom - top) * (value - low) / (high - low)

        middle = f"{(low + high) / 2:,.2f}".rstrip("0").rstrip(".")
        heading = _clip(title, 48 if wide else 40) + (f" ({unit})" if unit else "")
        body.append(
            _text(ox + 6, oy + 16, heading, size=label, bold=True)
            + f"<line x1='{left}' y1='{bottom}' x2='{right}' y2='{bottom}' stroke='{GRID}'/>"
            f"<line x1='{left}' y1='{top}' x2='{left}' y2='{bottom}' stroke='{GRID}'/>"
            f"<line x1='{left}' y1='{(top + bottom) / 2}' x2='{right}' y2='{(top + bottom) / 2}' "
            f"stroke='{GRID}' stroke-dasharray='2,3'/>"
            + _text(left - 4, top + 4, _num(high), size=small, anchor="end", fill=MUTED)
            + _text(left - 4, (top + bottom) / 2 + 3, middle, size=small, anchor="end", fill=MUTED)
            + _text(left - 4, bottom, _num(low), size=small, anchor="end", fill=MUTED)
        )
        path = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in points)
        body.append(
            f"<polyline points='{path}' fill='none' stroke='{_color(brand, 0)}' stroke-width='2'/>"
        )
        for m, v in points:
            body.append(
                f"<circle cx='{x(m):.1f}' cy='{y(v):.1f}' r='3' fill='{_color(brand, 0)}'/>"
                + _text(x(m), y(v) - 6, _num(v), size=small, anchor="middle")
                + _text(
                    x(m),
                    bottom + small + 3,
                    "now" if m == 0 else f"M{int(m)}",
                    size=small,
                    anchor="middle",
                    fill=MUTED,
                )
            )
    return _svg(width, rows * panel_h, body, "KPI targets over time")


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 or 10 times a power of ten at or above `value`: an
    axis that ends on a round number."""
    if value <= 0:
        return 1.0
    scale = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * scale >= value - 1e-9:
            return step * scale
    return 10 * scale


# --- the action plan on a time axis -------------------------------------------------------

WEEKS_PER_MONTH = 52 / 12


def _plan(
    sections: Sequence[dict[str, Any]],
) -> tuple[list[tuple[str, float, float]], list[tuple[str, float]]]:
    """Phases as (name, start week, end week) and milestones as (name, week)."""
    phases = []
    for element in _elements(sections, "action_plan", "phase"):
        data = element.get("data") or {}
        start = data.get("start_week")
        end = data.get("end_week")
        if end is None and data.get("end_month") is not None:
            end = float(data["end_month"]) * WEEKS_PER_MONTH
        if isinstance(start, int | float) and isinstance(end, int | float) and end >= start:
            name = str(element.get("title", "")).split(" (", 1)[0]
            phases.append((name, float(start) - 1, float(end)))
    milestones = []
    for element in _elements(sections, "action_plan", "milestone"):
        month = (element.get("data") or {}).get("month")
        if isinstance(month, int | float):
            milestones.append((f"Month {int(month)}", float(month) * WEEKS_PER_MONTH))
    return phases, milestones


def timeline_chart(
    sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0], width: int = WIDE
) -> str:
    """The plan's phases as bars on a time axis in months, and its milestones as marks."""
    phases, milestones = _plan(sections)
    if not phases:
        return ""
    wide = width >= WIDE
    size = 11 if wide else 12
    label_w = 150 if wide else 8
    row_h = 24 if wide else 40
    top = 10
    left, right = label_w + 6, width - 14
    end = max([e for _, _, e in phases] + [w for _, w in milestones])
    months = math.ceil(end / WEEKS_PER_MONTH)
    tick = 3 if months <= 12 else 6

    def x(week: float) -> float:
        return left + (right - left) * week / (months * WEEKS_PER_MONTH)

    body: list[str] = []
    for i, (name, start, stop) in enumerate(phases):
        y = top + i * row_h
        bar_y = y + 4 if wide else y + 18
        if wide:
            body.append(_text(label_w, y + 16, _clip(name, 24), size=size, anchor="end"))
        else:
            body.append(_text(left, y + 13, _clip(name, 44), size=size))
        body.append(
            f"<rect x='{x(start):.1f}' y='{bar_y}' width='{max(2.0, x(stop) - x(start)):.1f}' "
            f"height='16' rx='2' fill='{_color(brand, i % 2 and 5 or 0)}'/>"
        )
    axis_y = top + len(phases) * row_h + 4
    body.append(f"<line x1='{left}' y1='{axis_y}' x2='{right}' y2='{axis_y}' stroke='#999'/>")
    for month in range(0, months + 1, tick):
        tx = x(month * WEEKS_PER_MONTH)
        body.append(
            f"<line x1='{tx:.1f}' y1='{top}' x2='{tx:.1f}' y2='{axis_y + 4}' stroke='{GRID}'/>"
            + _text(tx, axis_y + 16, f"M{month}", size=size, anchor="middle", fill=MUTED)
        )
    mark_y = axis_y + 24
    for i, (name, week) in enumerate(milestones):
        mx = x(week)
        body.append(
            f"<line x1='{mx:.1f}' y1='{top}' x2='{mx:.1f}' y2='{axis_y}' stroke='{INK}' "
            f"stroke-dasharray='3,3'/>"
            f"<path d='M{mx:.1f},{axis_y - 6} l6,6 l-6,6 l-6,-6 z' fill='{INK}'/>"
        )
        anchor = "end" if mx > right - 40 else "middle"
        body.append(_text(mx, mark_y + 10 + (i % 2) * 14, name, size=size, anchor=anchor))
    height = mark_y + 10 + 14 * min(2, len(milestones)) + 6
    return _svg(width, height, body, "Action plan: phases and milestones over time")


# --- the charts of each section, with their text alternatives ----------------------------


def _rows(rows: Sequence[tuple[str, float, str]]) -> tuple[tuple[str, ...], ...]:
    return tuple((label, text) for label, _, text in rows)


def _licence(sections: Sequence[dict[str, Any]], brand: str) -> Chart | None:
    rows = _licence_rows(sections)
    if not rows:
        return None
    priced = [(label, text) for label, value, text in rows if value]
    summary = "Yearly licence cost of each shortlisted platform: {costs}.".format(
        costs="; ".join(f"{label}, {text}" for label, _, text in rows)
    )
    return Chart(
        "licence",
        "Licence cost of the shortlist, per year",
        summary,
        "Licence cost of the shortlist, per year (list prices; check before quoting)."
        if priced
        else "Licence cost of the shortlist: every platform is priced by quote.",
        licence_chart(sections, brand=brand),
        licence_chart(sections, brand=brand, width=NARROW),
        ("Platform", "Licences a year"),
        _rows(rows),
    )


def _staffing(sections: Sequence[dict[str, Any]], brand: str) -> Chart | None:
    rows = _staffing_rows(sections)
    if not rows:
        return None
    summary = "Agents per channel: {channels}.".format(
        channels="; ".join(f"{label}, {text}" for label, _, text in rows)
    )
    return Chart(
        "staffing",
        "Staffing per channel",
        summary,
        "Agents per channel, with the full-time equivalents the model needs.",
        staffing_chart(sections, brand=brand),
        staffing_chart(sections, brand=brand, width=NARROW),
        ("Channel", "Agents"),
        _rows(rows),
    )


def _staffing_day(sections: Sequence[dict[str, Any]], brand: str) -> Chart | None:
    data = _schedule(sections)
    if data is None:
        return None
    rows = data["rows"]
    peak = max(int(r.get("needed") or 0) for r in rows)
    busiest = [str(r.get("time", "")) for r in rows if int(r.get("needed") or 0) == peak]
    summary = (
        "Agents on shift through {day}, the busiest day, half hour by half hour: needed "
        "from {low} to {high} (most at {times}), scheduled from {s_low} to {s_high}."
    ).format(
        day=data.get("day", ""),
        low=min(int(r.get("needed") or 0) for r in rows),
        high=peak,
        times=", ".join(busiest[:4]) + ("…" if len(busiest) > 4 else ""),
        s_low=min(int(r.get("scheduled") or 0) for r in rows),
        s_high=max(int(r.get("scheduled") or 0) for r in rows),
    )
    caption = (
        "Arrivals as measured in the imported ticket history."
        if data.get("curve_measured")
        else "Arrivals follow a sector profile, an assumption until the client's ticket "
        "history is imported."
    )
    caption += " Needed on shift counts the {activity} of shift time spent off the queues.".format(
        activity=f"{float(data.get('activity') or 0):.0%}"
    )
    return Chart(
        "staffing_day",
        "Agents needed and scheduled on the busiest day",
        summary,
        caption,
        staffing_day_chart(data, brand=brand, width=WIDE),
        staffing_day_chart(data, brand=brand, width=NARROW),
        ("Half hour", "Needed on shift", "Scheduled"),
        tuple(
            (str(r.get("time", "")), str(r.get("needed", "")), str(r.get("scheduled", "")))
            for r in rows
        ),
    )


def _kpi(sections: Sequence[dict[str, Any]], brand: str) -> Chart | None:
    kpis = _kpis(sections)
    if not kpis:
        return None
    parts = []
    for title, unit, points in kpis:
        suffix = f" {unit}" if unit else ""
        path = " → ".join(
            f"{'now' if m == 0 else f'month {int(m)}'} {_num(v)}{suffix}" for m, v in points
        )
        parts.append(f"{title}: {path}")
    months = sorted({int(m) for _, _, pts in kpis for m, _ in pts if m})
    return Chart(
        "kpi",
        "KPI targets over time",
        "KPI targets over time. " + "; ".join(parts) + ".",
        "KPI targets over time: the baseline now, then the targets at months {months}.".format(
            months=", ".join(str(m) for m in months[:-1])
            + (" and " if len(months) > 1 else "")
            + str(months[-1])
        )
        if months
        else "KPI baselines.",
        kpi_chart(sections, brand=brand),
        kpi_chart(sections, brand=brand, width=NARROW),
        ("KPI", "Baseline and targets"),
        tuple(
            (
                f"{title} ({unit})" if unit else title,
                "; ".join(f"{'now' if m == 0 else f'M{int(m)}'}: {_num(v)}" for m, v in points),
            )
            for title, unit, points in kpis
        ),
    )


def _timeline(sections: Sequence[dict[str, Any]], brand: str) -> Chart | None:
    phases, milestones = _plan(sections)
    if not phases:
        return None

    def month(week: float) -> str:
        return _num(round(week / WEEKS_PER_MONTH, 1))

    summary = "The plan over time: {phases}{milestones}.".format(
        phases="; ".join(
            f"{name} from week {int(start) + 1} to week {int(stop)}" for name, start, stop in phases
        ),
        milestones="; milestones at " + ", ".join(name.lower() for name, _ in milestones)
        if milestones
        else "",
    )
    return Chart(
        "timeline",
        "Action plan over time",
        summary,
        "Phases of the plan and its milestones, in months from the start.",
        timeline_chart(sections, brand=brand),
        timeline_chart(sections, brand=brand, width=NARROW),
        ("Phase or milestone", "When (months)"),
        tuple((name, f"{month(start)} to {month(stop)}") for name, start, stop in phases)
        + tuple((name, month(week)) for name, week in milestones),
    )


# --- the business case's savings as a range ----------------------------------------------


def _savings_rows(sections: Sequence[dict[str, Any]]) -> list[tuple[str, float, float, float]]:
    """Per shortlisted platform, the savings the case counts over three years (after its
    risk haircut): (name, low, expected, high). None when people are not priced (a case
    without the client's own costs prices no saving) or no end saves anyone."""
    rows: list[tuple[str, float, float, float]] = []
    for element in _elements(sections, "business_case", "business_case_option"):
        data = element.get("data") or {}
        points = [data.get(k) or {} for k in ("low", "expected", "high")]
        values: list[list[Any] | None] = [p.get("savings") for p in points]
        if any(v is None for v in values):
            continue
        low, expected, high = (sum(float(x) for x in v or ()) for v in values)
        if max(low, expected, high) <= 0:
            continue  # saves no one at any end: a bar of nothing says nothing
        rows.append((str(data.get("name") or element.get("title", "")), low, expected, high))
    return rows


def _money(value: float) -> str:
    return f"${_num(round(value))}"


def _range_text(low: float, expected: float, high: float) -> str:
    a, b = min(low, expected, high), max(low, expected, high)
    if round(a) == round(b):
        return _money(expected)
    return f"{_money(expected)} ({_money(a)} to {_money(b)})"


def savings_chart(
    sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0], width: int = WIDE
) -> str:
    """The savings counted over three years on each platform as a range: a pale bar from
    the low to the high end, a dark mark at the expected case, on one axis from zero."""
    rows = _savings_rows(sections)
    if not rows:
        return ""
    wide = width >= WIDE
    size = 11 if wide else 12
    label_w = 180 if wide else 4
    row_h = 30 if wide else 50
    top = 6
    left, right = (label_w + 8, width - 200) if wide else (8, width - 12)
    peak = _nice_ceiling(max(max(r[1:]) for r in rows) * 1.05)

    def x(value: float) -> float:
        return left + (right - left) * max(value, 0) / peak

    body: list[str] = []
    for i, (name, low, expected, high) in enumerate(rows):
        y = top + i * row_h
        bar_y = y + 6 if wide else y + 18
        a, b = min(low, expected, high), max(low, expected, high)
        if wide:
            body.append(_text(label_w, y + 18, _clip(name, 30), size=size, anchor="end"))
            body.append(_text(right + 8, y + 18, _range_text(low, expected, high), size=size))
        else:
            body.append(_text(left, y + 13, _clip(name, 24), size=size, bold=True))
            body.append(
                _text(width - 8, y + 13, _range_text(low, expected, high), size=size, anchor="end")
            )
        body.append(
            f"<rect x='{x(a):.1f}' y='{bar_y}' width='{max(2.0, x(b) - x(a)):.1f}' height='16' "
            f"rx='2' fill='{_color(brand, 0)}' fill-opacity='0.3'/>"
            f"<rect x='{x(expected) - 1.5:.1f}' y='{bar_y - 3}' width='3' height='22' "
            f"fill='{_color(brand, 0)}'/>"
        )
    axis_y = top + len(rows) * row_h + 4
    body.append(f"<line x1='{left}' y1='{axis_y}' x2='{right}' y2='{axis_y}' stroke='#999'/>")
    for tick in (0.0, peak / 2, peak):
        tx = x(tick)
        body.append(
            f"<line x1='{tx:.1f}' y1='{top}' x2='{tx:.1f}' y2='{axis_y + 4}' stroke='{GRID}'/>"
            + _text(tx, axis_y + 16, _money(tick), size=size, anchor="middle", fill=MUTED)
        )
    return _svg(width, axis_y + 22, body, "Savings counted over three years, low to high")


def _business_case(sections: Sequence[dict[str, Any]], brand: str) -> Chart | None:
    rows = _savings_rows(sections)
    if not rows:
        return None
    title = "Savings counted over three years, low to high"
    haircut = None
    for element in _elements(sections, "business_case", "business_case_savings"):
        found = (element.get("data") or {}).get("haircut")
        haircut = found if found is not None else haircut
    summary = (
        "Savings counted over three years, expected and from the low to the high end: {s}.".format(
            s="; ".join(f"{name}, {_range_text(lo, e, hi)}" for name, lo, e, hi in rows)
        )
    )
    caption = (
        "The bar spans the low to the high end of the range, the mark is the expected case; "
        "the people the plan no longer needs at the client's loaded cost"
    )
    caption += (
        f", after the {float(haircut):.0%} risk haircut the section explains." if haircut else "."
    )
    return Chart(
        "business_case",
        title,
        summary,
        caption,
        savings_chart(sections, brand=brand),
        savings_chart(sections, brand=brand, width=NARROW),
        ("Platform", "Savings counted, three years"),
        tuple((name, _range_text(lo, e, hi)) for name, lo, e, hi in rows),
    )


# A document section names its charts by these keys (frameworks.outline.Row.charts).
CHARTS: dict[str, Callable[[Sequence[dict[str, Any]], str], Chart | None]] = {
    "licence": _licence,
    "staffing": _staffing,
    "staffing_day": _staffing_day,
    "kpi": _kpi,
    "timeline": _timeline,
    "business_case": _business_case,
}


def charts_for(
    keys: Iterable[str], sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0]
) -> list[Chart]:
    """The charts named by `keys` that have data to show, in that order."""
    found = (CHARTS[key](sections, brand) for key in keys if key in CHARTS)
    return [chart for chart in found if chart is not None]
