"""The architecture diagram as SVG, drawn in Python on a fixed layered template.

Four columns left to right (channels → intake and automation → ticketing core →
integrations and analytics); each column's boxes are stacked and centred, so positions follow
from the number of components alone and no layout library is needed. Edges attach to evenly
spread ports on a box's side, ordered by the other end's height, so arrows do not cross at
their ends. The output is self-contained: no external references, no images, no scripts,
generic fonts; every label is XML-escaped and stripped of characters XML cannot carry, so
the same markup serves the browser and WeasyPrint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

COLUMNS: tuple[tuple[str, str], ...] = (
    ("channels", "Channels"),
    ("intake", "Intake & automation"),
    ("core", "Ticketing core"),
    ("integrations", "Integrations & analytics"),
)
BOX_W = 224
BOX_H = 46
GAP_Y = 16
COL_GAP = 92
MARGIN = 20
HEADER_Y = 24
TOP = 40  # top of the hosting boundary
CONTENT_TOP = TOP + 30
LEGEND_H = 34
CHAR_W_LABEL = 6.9  # average width of a 12 px bold sans-serif character
CHAR_W_SUB = 5.6  # 10.5 px regular

FILL = {
    "channels": ("#eef4fb", "#5b7fa6"),
    "intake": ("#f3effa", "#7a62a8"),
    "core": ("#e8f5ee", "#3f8a5f"),
    "core_main": ("#cfead9", "#2f6e4a"),
    "integrations": ("#fdf3e6", "#b07a2a"),
    "analytics": ("#f1f1f1", "#6b6b6b"),
}

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return escape(_INVALID_XML.sub("", text), {'"': "&quot;", "'": "&#39;"})


def truncate(text: str, char_width: float, width: float) -> str:
    text = " ".join(_INVALID_XML.sub("", text).split())
    limit = max(4, int(width / char_width))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Node:
    id: str
    column: str  # one of COLUMNS' keys
    label: str
    sub: str = ""
    style: str = ""  # a FILL key; defaults to the column's
    emphasis: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    # forward: data flows source → target; both: each way.
    both: bool = False


@dataclass
class _Box:
    node: Node
    x: float
    y: float
    h: float


def _layout(nodes: list[Node], edges: list[Edge]) -> tuple[dict[str, _Box], float]:
    degree: dict[str, int] = {}
    for e in edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    heights = {
        n.id: max(BOX_H, 12.0 * (degree.get(n.id, 0) // 2 + 1) + 16) if n.emphasis else BOX_H
        for n in nodes
    }
    by_column = {key: [n for n in nodes if n.column == key] for key, _title in COLUMNS}
    column_heights = {
        key: sum(heights[n.id] for n in col) + GAP_Y * max(0, len(col) - 1)
        for key, col in by_column.items()
    }
    content_h = max(column_heights.values(), default=BOX_H)
    boxes = {}
    for index, (key, _title) in enumerate(COLUMNS):
        x = MARGIN + index * (BOX_W + COL_GAP)
        y = CONTENT_TOP + (content_h - column_heights[key]) / 2
        for n in by_column[key]:
            boxes[n.id] = _Box(n, x, y, heights[n.id])
            y += heights[n.id] + GAP_Y
    return boxes, content_h


def _ports(boxes: dict[str, _Box], edges: list[Edge]) -> dict[tuple[int, str], float]:
    """The y of each edge's end on a box side, spread evenly, ordered by the far end's y."""
    sides: dict[tuple[str, str], list[tuple[float, int, str]]] = {}
    for i, e in enumerate(edges):
        a, b = boxes[e.source], boxes[e.target]
        a_side, b_side = ("right", "left") if a.x < b.x else ("left", "right")
        sides.setdefault((e.source, a_side), []).append((b.y + b.h / 2, i, "source"))
        sides.setdefault((e.target, b_side), []).append((a.y + a.h / 2, i, "target"))
    ports = {}
    for (node_id, _side), ends in sides.items():
        box = boxes[node_id]
        ends.sort()
        step = box.h / (len(ends) + 1)
        for k, (_far_y, i, end) in enumerate(ends, start=1):
            ports[(i, end)] = box.y + k * step
    return ports


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def render(nodes: list[Node], edges: list[Edge], hosting: str, title: str) -> str:
    known = {n.id for n in nodes}
    edges = [e for e in edges if e.source in known and e.target in known]
    boxes, content_h = _layout(nodes, edges)
    ports = _ports(boxes, edges)
    width = MARGIN * 2 + len(COLUMNS) * BOX_W + (len(COLUMNS) - 1) * COL_GAP
    boundary_bottom = CONTENT_TOP + content_h + 14
    height = boundary_bottom + LEGEND_H + MARGIN

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'width="{_f(width)}" height="{_f(height)}" role="img" '
        f'font-family="Helvetica, Arial, sans-serif">',
        f"<title>{xml_text(title)}</title>",
        "<defs>"
        '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>'
        '<marker id="arrow-back" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M10,0 L0,5 L10,10 z" fill="#555"/></marker>'
        "</defs>",
        f'<rect x="0" y="0" width="{_f(width)}" height="{_f(height)}" fill="#ffffff"/>',
    ]
    for index, (_key, column_title) in enumerate(COLUMNS):
        cx = MARGIN + index * (BOX_W + COL_GAP) + BOX_W / 2
        out.append(
            f'<text x="{_f(cx)}" y="{HEADER_Y}" text-anchor="middle" font-size="13" '
            f'font-weight="bold" fill="#333">{xml_text(column_title)}</text>'
        )
    # The hosting boundary wraps what runs on the help-desk platform: intake and core.
    bx = MARGIN + (BOX_W + COL_GAP) - 14
    bw = 2 * BOX_W + COL_GAP + 28
    out.append(
        f'<rect x="{_f(bx)}" y="{TOP}" width="{_f(bw)}" height="{_f(boundary_bottom - TOP)}" '
        'rx="10" fill="none" stroke="#9aa5b1" stroke-dasharray="6 4"/>'
    )
    out.append(
        f'<text x="{_f(bx + 10)}" y="{TOP + 17}" font-size="11" fill="#55606b">'
        f"{xml_text(truncate('Hosting: ' + hosting, CHAR_W_SUB, bw - 20))}</text>"
    )

    for i, e in enumerate(edges):
        a, b = boxes[e.source], boxes[e.target]
        y1, y2 = ports[(i, "source")], ports[(i, "target")]
        x1 = a.x + BOX_W if a.x < b.x else a.x
        x2 = b.x if a.x < b.x else b.x + BOX_W
        mid = (x1 + x2) / 2
        start = ' marker-start="url(#arrow-back)"' if e.both else ""
        out.append(
            f'<path d="M{_f(x1)},{_f(y1)} C{_f(mid)},{_f(y1)} {_f(mid)},{_f(y2)} '
            f'{_f(x2)},{_f(y2)}" fill="none" stroke="#777" stroke-width="1.3"{start} '
            'marker-end="url(#arrow)"/>'
        )

    for box in boxes.values():
        n = box.node
        style = n.style or ("core_main" if n.emphasis else n.column)
        fill, stroke = FILL.get(style, FILL["analytics"])
        label = truncate(n.label, CHAR_W_LABEL, BOX_W - 16)
        sub = truncate(n.sub, CHAR_W_SUB, BOX_W - 16) if n.sub else ""
        cx = box.x + BOX_W / 2
        cy = box.y + box.h / 2
        tooltip = n.label + (f" — {n.sub}" if n.sub else "")
        out.append(f'<g id="{xml_text("node-" + n.id)}"><title>{xml_text(tooltip)}</title>')
        out.append(
            f'<rect x="{_f(box.x)}" y="{_f(box.y)}" width="{BOX_W}" height="{_f(box.h)}" '
            f'rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{1.8 if n.emphasis else 1.2}"/>'
        )
        if sub:
            out.append(
                f'<text x="{_f(cx)}" y="{_f(cy - 3)}" text-anchor="middle" font-size="12" '
                f'font-weight="bold" fill="#1f2933">{xml_text(label)}</text>'
            )
            out.append(
                f'<text x="{_f(cx)}" y="{_f(cy + 12)}" text-anchor="middle" font-size="10.5" '
                f'fill="#52606d">{xml_text(sub)}</text>'
            )
        else:
            out.append(
                f'<text x="{_f(cx)}" y="{_f(cy + 4)}" text-anchor="middle" font-size="12" '
                f'font-weight="bold" fill="#1f2933">{xml_text(label)}</text>'
            )
        out.append("</g>")

    ly = boundary_bottom + 24
    out.append(
        f'<path d="M{MARGIN},{_f(ly - 4)} L{MARGIN + 36},{_f(ly - 4)}" stroke="#777" '
        'stroke-width="1.3" marker-end="url(#arrow)"/>'
        f'<text x="{MARGIN + 44}" y="{_f(ly)}" font-size="11" fill="#444">data flow</text>'
        f'<path d="M{MARGIN + 130},{_f(ly - 4)} L{MARGIN + 166},{_f(ly - 4)}" stroke="#777" '
        'stroke-width="1.3" marker-start="url(#arrow-back)" marker-end="url(#arrow)"/>'
        f'<text x="{MARGIN + 174}" y="{_f(ly)}" font-size="11" fill="#444">both ways</text>'
        f'<rect x="{MARGIN + 260}" y="{_f(ly - 11)}" width="30" height="12" rx="3" fill="none" '
        'stroke="#9aa5b1" stroke-dasharray="4 3"/>'
        f'<text x="{MARGIN + 298}" y="{_f(ly)}" font-size="11" fill="#444">'
        "runs on the help-desk platform</text>"
    )
    out.append("</svg>")
    return "".join(out)
