from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("frameworks/pdf/_panel.html", takes_context=True)
def pdf_panel(context: template.Context, version: Any, share_token: str = "") -> dict[str, Any]:
    """The version's PDF status with its Generate, Retry or Download button."""
    from frameworks.pdf.views import panel_context

    return {
        **panel_context(version, share_token=share_token),
        "csrf_token": context.get("csrf_token"),
    }
