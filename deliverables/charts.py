"""Charts for the deliverable, drawn as SVG strings in Python.

Pure functions over the framework's plain data: no ORM, no I/O. Every label is escaped,
so a platform or channel name typed by someone cannot become markup. The SVG has no
external references, so it renders through WeasyPrint without fetching anything.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

WIDTH = 640
FONT = "font-family='DejaVu Sans, sans-serif'"
INK = "#222"
MUTED = "#777"
GRID = "#ddd"
PALETTE = ("#1f4e79", "#c0504d", "#4f8a3c", "#8064a2", "#d08a1e", "#2a8c99")


def _color(brand: str, index: int) -> str:
    return brand if index == 0 else PALETTE[index % len(PALETTE)]


def _num(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _svg(height: int, body: Iterable[str], title: str) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {height}' "
        f"width='{WIDTH}' height='{height}' role='img' aria-label='{escape(title)}'>"
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def bar_chart(
    rows: Sequence[tuple[str, float, str]], *, title: str, brand: str = PALETTE[0]
) -> str:
    """Horizontal bars: (label, value, value text) per row."""
    if not rows:
        return ""
    row_h, top, label_w, right = 26, 8, 200, 150
    height = top + row_h * len(rows) + 8
    peak = max((v for _, v, _ in rows), default=0) or 1
    span = WIDTH - label_w - right
    body: list[str] = []
    for i, (label, value, text) in enumerate(rows):
        y = top + i * row_h
        w = max(1.0, span * max(value, 0) / peak)
        body.append(
            f"<text x='{label_w - 8}' y='{y + 16}' text-anchor='end' font-size='11' "
            f"fill='{INK}' {FONT}>{escape(label[:34])}</text>"
            f"<rect x='{label_w}' y='{y + 4}' width='{w:.1f}' height='16' rx='2' "
            f"fill='{_color(brand, 0)}'/>"
            f"<text x='{label_w + w + 6:.1f}' y='{y + 16}' font-size='11' fill='{INK}' "
            f"{FONT}>{escape(text)}</text>"
        )
    return _svg(height, body, title)


def staffing_chart(sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0]) -> str:
    """Headcount (and FTE) per channel from the staffing section."""
    rows = []
    for element in _elements(sections, "staffing", "staffing_channel"):
        data = element.get("data") or {}
        label = str(element.get("title", "")).split(":")[0] or str(data.get("channel", ""))
        headcount = float(data.get("headcount") or 0)
        fte = float(data.get("fte") or 0)
        rows.append((label, headcount, f"{_num(headcount)} agents ({fte:.1f} FTE)"))
    return bar_chart(rows, title="Staffing per channel", brand=brand)


def licence_chart(sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0]) -> str:
    """Yearly licence cost of the shortlisted platforms."""
    rows = []
    for element in _elements(sections, "tools", "platform"):
        data = element.get("data") or {}
        licence = data.get("licence") or {}
        name = str(data.get("name") or element.get("title", ""))
        if licence.get("by_quote") or licence.get("yearly") is None:
            rows.append((name, 0.0, "by quote"))
        else:
            yearly = float(licence["yearly"])
            rows.append((name, yearly, f"${_num(yearly)} a year"))
    return bar_chart(rows, title="Licence cost of the shortlist, per year", brand=brand)


def kpi_chart(sections: Sequence[dict[str, Any]], *, brand: str = PALETTE[0]) -> str:
    """KPI targets over time: one small panel per KPI (units differ), baseline at month 0
    then the short, medium and long-term targets."""
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
    if not kpis:
        return ""
    cols = 2
    panel_w, panel_h = WIDTH // cols, 150
    rows = (len(kpis) + cols - 1) // cols
    body: list[str] = []
    max_month = max(m for _, _, pts in kpis for m, _ in pts) or 1
    for i, (title, unit, points) in enumerate(kpis):
        ox, oy = (i % cols) * panel_w, (i // cols) * panel_h
        left, right, top, bottom = ox + 46, ox + panel_w - 16, oy + 28, oy + panel_h - 24
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

        body.append(
            f"<text x='{ox + 6}' y='{oy + 16}' font-size='11' font-weight='bold' fill='{INK}' "
            f"{FONT}>{escape(title[:48])}{' (' + escape(unit) + ')' if unit else ''}</text>"
            f"<line x1='{left}' y1='{bottom}' x2='{right}' y2='{bottom}' stroke='{GRID}'/>"
            f"<line x1='{left}' y1='{top}' x2='{left}' y2='{bottom}' stroke='{GRID}'/>"
            f"<line x1='{left}' y1='{(top + bottom) / 2}' x2='{right}' y2='{(top + bottom) / 2}' "
            f"stroke='{GRID}' stroke-dasharray='2,3'/>"
            f"<text x='{left - 4}' y='{top + 4}' text-anchor='end' font-size='9' fill='{MUTED}' "
            f"{FONT}>{_num(high)}</text>"
            f"<text x='{left - 4}' y='{(top + bottom) / 2 + 3}' text-anchor='end' font-size='9' "
            f"fill='{MUTED}' {FONT}>{f'{(low + high) / 2:,.2f}'.rstrip('0').rstrip('.')}</text>"
            f"<text x='{left - 4}' y='{bottom}' text-anchor='end' font-size='9' fill='{MUTED}' "
            f"{FONT}>{_num(low)}</text>"
        )
        path = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in points)
        body.append(
            f"<polyline points='{path}' fill='none' stroke='{_color(brand, 0)}' stroke-width='2'/>"
        )
        for m, v in points:
            body.append(
                f"<circle cx='{x(m):.1f}' cy='{y(v):.1f}' r='3' fill='{_color(brand, 0)}'/>"
                f"<text x='{x(m):.1f}' y='{y(v) - 6:.1f}' text-anchor='middle' font-size='9' "
                f"fill='{INK}' {FONT}>{_num(v)}</text>"
                f"<text x='{x(m):.1f}' y='{bottom + 12}' text-anchor='middle' font-size='9' "
                f"fill='{MUTED}' {FONT}>{'now' if m == 0 else f'M{int(m)}'}</text>"
            )
    return _svg(rows * panel_h, body, "KPI targets over time")


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


def _elements(
    sections: Sequence[dict[str, Any]], section_key: str, kind: str
) -> list[dict[str, Any]]:
    for section in sections:
        if section.get("key") == section_key:
            return [e for e in section.get("elements", []) if e.get("kind") == kind]
    return []
