from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """`links|get_item:question_id`: look a key up in a dict (templates cannot)."""
    if not mapping:
        return ""
    return mapping.get(key, "")
