"""The busiest day's chart of the staffing plan, drawn as an SVG string.

Pure: the schedule element's plain data in, SVG out; every label escaped; no external
reference, so it renders through WeasyPrint without fetching anything. It lives with the
staffing plan so that the framework page (floor 4) and the printed document (deliverables)
draw the same chart.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

WIDTH = 640
FONT = "font-family='DejaVu Sans, sans-serif'"
INK = "#222"
MUTED = "#777"
GRID = "#ddd"
NEEDED = "#c0504d"
DEFAULT_BRAND = "#1f4e79"


def _num(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.1f}"


def _ceiling(value: float) -> float:
    scale = 10 ** math.floor(math.log10(max(value, 1e-9)))
    for step in (1, 2, 2.5, 5, 10):
        if step * scale >= value - 1e-9:
            return step * scale
    return 10 * scale


def staffing_day_chart(data: dict[str, Any], *, brand: str = DEFAULT_BRAND) -> str:
    """Required and scheduled agents on shift across the busiest day, half hour by half
    hour: bars for the shifts laid, a step line for what the targets need."""
    rows = list(data.get("rows") or [])
    if not rows:
        return ""
    height, left, right, top, bottom = 230, 40, 12, 14, 186
    peak = max(max(float(r.get("scheduled") or 0), float(r.get("needed") or 0)) for r in rows)
    high = _ceiling(max(peak, 1.0))
    span = (WIDTH - left - right) / len(rows)

    def y(value: float) -> float:
        return bottom - (bottom - top) * value / high

    day = str(data.get("day") or "")
    title = f"Agents on shift on {day}: needed and scheduled"
    body = [
        f"<line x1='{left}' y1='{bottom}' x2='{WIDTH - right}' y2='{bottom}' stroke='{GRID}'/>",
        f"<line x1='{left}' y1='{y(high / 2):.1f}' x2='{WIDTH - right}' y2='{y(high / 2):.1f}' "
        f"stroke='{GRID}' stroke-dasharray='2,3'/>",
        f"<text x='{left - 4}' y='{top + 4}' text-anchor='end' font-size='9' fill='{MUTED}' "
        f"{FONT}>{_num(high)}</text>",
        f"<text x='{left - 4}' y='{y(high / 2) + 3:.1f}' text-anchor='end' font-size='9' "
        f"fill='{MUTED}' {FONT}>{_num(high / 2)}</text>",
        f"<text x='{left - 4}' y='{bottom}' text-anchor='end' font-size='9' fill='{MUTED}' "
        f"{FONT}>0</text>",
    ]
    for i, r in enumerate(rows):
        x = left + i * span
        scheduled = float(r.get("scheduled") or 0)
        body.append(
            f"<rect x='{x + 0.5:.1f}' y='{y(scheduled):.1f}' width='{max(span - 1, 1):.1f}' "
            f"height='{bottom - y(scheduled):.1f}' fill='{brand}' fill-opacity='0.28'/>"
        )
        if i % 4 == 0:
            body.append(
                f"<text x='{x:.1f}' y='{bottom + 12}' font-size='9' fill='{MUTED}' {FONT}>"
                f"{escape(str(r.get('time', '')))}</text>"
            )
    points = []
    for i, r in enumerate(rows):
        needed = float(r.get("needed") or 0)
        points.append(f"{left + i * span:.1f},{y(needed):.1f}")
        points.append(f"{left + (i + 1) * span:.1f},{y(needed):.1f}")
    body.append(
        f"<polyline points='{' '.join(points)}' fill='none' stroke='{NEEDED}' stroke-width='2'/>"
    )
    legend_y = height - 14
    body.append(
        f"<rect x='{left}' y='{legend_y - 8}' width='12' height='10' fill='{brand}' "
        f"fill-opacity='0.28'/><text x='{left + 16}' y='{legend_y + 1}' font-size='10' "
        f"fill='{INK}' {FONT}>scheduled by the shifts</text>"
        f"<line x1='{left + 170}' y1='{legend_y - 3}' x2='{left + 184}' y2='{legend_y - 3}' "
        f"stroke='{NEEDED}' stroke-width='2'/><text x='{left + 188}' y='{legend_y + 1}' "
        f"font-size='10' fill='{INK}' {FONT}>needed on shift (with the queued work done then)</text>"
    )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {height}' "
        f"width='{WIDTH}' height='{height}' role='img' aria-label='{escape(title)}'>"
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )
