from __future__ import annotations

import base64
from typing import Any

from django import template

register = template.Library()


@register.filter
def svg_data_uri(svg: str) -> str:
    """An SVG as an <img> source. As an image it cannot run script or fetch anything, and
    the page needs no |safe: the Content Security Policy allows data: images."""
    if not svg:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@register.filter
def elements_of(section: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The section's elements of one kind, in order."""
    return [e for e in section.get("elements", []) if e.get("kind") == kind]


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    if not mapping:
        return ""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
