"""The busiest day's chart of the staffing plan, drawn as an SVG string.

Pure: the schedule element's plain data in, SVG out; every label escaped; no external
reference, so it renders through WeasyPrint without fetching anything. It lives with the
staffing plan; the document draws it under the staffing section (deliverables.charts),
wide (640 units, print and wide screens) and narrow (360 units, phones: its 12-unit text
is 12 px at 390 px).
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

WIDE = 640
NARROW = 360
FONT = "font-family='DejaVu Sans, sans-serif'"
INK = "#222"
MUTED = "#666"
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


def _text(x: float, y: float, text: str, *, size: int, anchor: str = "start", fill: str = INK):
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' text-anchor='{anchor}' font-size='{size}' "
        f"fill='{fill}' {FONT}>{escape(text)}</text>"
    )


def staffing_day_chart(
    data: dict[str, Any], *, brand: str = DEFAULT_BRAND, width: int = WIDE
) -> str:
    """Required and scheduled agents on shift across the busiest day, half hour by half
    hour: bars for the shifts laid, a step line for what the targets and the queued work
    done then need."""
    rows = list(data.get("rows") or [])
    if not rows:
        return ""
    wide = width >= WIDE
    size = 10 if wide else 12
    left, right, top = (40, 12, 14) if wide else (34, 8, 14)
    bottom = top + (172 if wide else 190)
    legend = bottom + 30
    height = legend + (12 if wide else 34)
    peak = max(max(float(r.get("scheduled") or 0), float(r.get("needed") or 0)) for r in rows)
    high = _ceiling(max(peak, 1.0))
    span = (width - left - right) / len(rows)

    def y(value: float) -> float:
        return bottom - (bottom - top) * value / high

    day = str(data.get("day") or "")
    title = f"Agents on shift on {day}: needed and scheduled"
    body = [
        f"<line x1='{left}' y1='{bottom}' x2='{width - right}' y2='{bottom}' stroke='{GRID}'/>",
        f"<line x1='{left}' y1='{y(high / 2):.1f}' x2='{width - right}' y2='{y(high / 2):.1f}' "
        f"stroke='{GRID}' stroke-dasharray='2,3'/>",
        _text(left - 4, top + 4, _num(high), size=size, anchor="end", fill=MUTED),
        _text(left - 4, y(high / 2) + 4, _num(high / 2), size=size, anchor="end", fill=MUTED),
        _text(left - 4, bottom, "0", size=size, anchor="end", fill=MUTED),
    ]
    # A time label every two hours on a wide chart, every four on a narrow one.
    every = 4 if wide else 8
    for i, r in enumerate(rows):
        x = left + i * span
        scheduled = float(r.get("scheduled") or 0)
        body.append(
            f"<rect x='{x + 0.5:.1f}' y='{y(scheduled):.1f}' width='{max(span - 1, 1):.1f}' "
            f"height='{bottom - y(scheduled):.1f}' fill='{brand}' fill-opacity='0.28'/>"
        )
        if i % every == 0:
            body.append(_text(x, bottom + 14, str(r.get("time", "")), size=size, fill=MUTED))
    points = []
    for i, r in enumerate(rows):
        needed = float(r.get("needed") or 0)
        points.append(f"{left + i * span:.1f},{y(needed):.1f}")
        points.append(f"{left + (i + 1) * span:.1f},{y(needed):.1f}")
    body.append(
        f"<polyline points='{' '.join(points)}' fill='none' stroke='{NEEDED}' stroke-width='2'/>"
    )
    scheduled_key = (
        f"<rect x='{left}' y='{legend - 9}' width='12' height='10' fill='{brand}' "
        f"fill-opacity='0.28'/>" + _text(left + 16, legend, "scheduled by the shifts", size=size)
    )
    needed_at = (left + 170, legend) if wide else (left, legend + 20)
    needed_key = (
        f"<line x1='{needed_at[0]}' y1='{needed_at[1] - 4}' x2='{needed_at[0] + 14}' "
        f"y2='{needed_at[1] - 4}' stroke='{NEEDED}' stroke-width='2'/>"
        + _text(needed_at[0] + 18, needed_at[1], "needed on shift", size=size)
    )
    body += [scheduled_key, needed_key]
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}' role='img' aria-label='{escape(title)}'>"
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )
