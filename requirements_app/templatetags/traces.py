from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: Any) -> Any:
    """`links|get_item:question_id`: look a key up in a dict (templates cannot); "" when
    the mapping is empty or is not a mapping at all."""
    if not mapping:
        return ""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def constraints(attributes: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """A requirement's attributes as (label, value) a person reads."""
    from requirements_app.attributes import describe

    return describe(attributes or {})
