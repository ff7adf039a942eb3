"""The consultancy's colour on web pages, kept readable.

Pure functions over hex colours (WCAG 2.2 relative luminance and contrast ratio). The
organization settings refuse a brand colour too light to carry text; colours saved before
that check (or set in the admin) are darkened for the web until they reach AA, so a
client's page never becomes unreadable because of a pale brand.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5
WHITE = "#ffffff"
PAGE = "#f6f7f9"  # the web pages' background
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _channels(color: str) -> tuple[int, int, int]:
    if not _HEX.match(color):
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(color: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _channels(color)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darkened(color: str, minimum: float = AA_TEXT, against: str = WHITE) -> str:
    """`color` itself when it reaches `minimum` against `against`, else the lightest shade
    of it (same hue, each channel scaled down together) that does."""
    if contrast(color, against) >= minimum:
        return color.lower()
    r, g, b = _channels(color)
    low, high = 0.0, 1.0  # scale factors: `low` always passes, `high` never does
    for _ in range(24):
        middle = (low + high) / 2
        candidate = _hex(r * middle, g * middle, b * middle)
        if contrast(candidate, against) >= minimum:
            low = middle
        else:
            high = middle
    return _hex(r * low, g * low, b * low)


def tint(color: str, amount: float = 0.9) -> str:
    """A pale background of the colour: `amount` of the way to white."""
    r, g, b = _channels(color)
    return _hex(*(c + (255 - c) * amount for c in (r, g, b)))


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (r, g, b))
