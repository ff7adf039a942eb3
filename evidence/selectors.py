"""Reads of imported ticket histories, for the evidence page and the framework."""

from __future__ import annotations

from typing import Any

from discovery.models import Project

from .models import TicketImport
from .reading import source_text


def imports_for_project(project: Project) -> list[TicketImport]:
    return list(TicketImport.objects.filter(project=project).defer("header")[:20])


def evidence_for_framework(project: Project) -> dict[str, Any]:
    """What the consultant chose to drive the plan, as plain data for the generators:
    the import's id and source line, and per channel the figures and which are used."""
    job = (
        TicketImport.objects.filter(project=project, state=TicketImport.State.READY)
        .order_by("-finished_at", "-pk")
        .only("pk", "summary", "use")
    )
    for candidate in job:
        use = candidate.use or {}
        if not any(v.get("use_volume") or v.get("use_curve") for v in use.values()):
            continue
        channels = {}
        for channel, figures in (candidate.summary.get("channels") or {}).items():
            chosen = use.get(channel) or {}
            if not (chosen.get("use_volume") or chosen.get("use_curve")):
                continue
            channels[channel] = {
                "monthly_volume": figures.get("monthly_volume"),
                "weekly_shares": figures.get("weekly_shares"),
                "use_volume": bool(chosen.get("use_volume")),
                "use_curve": bool(chosen.get("use_curve")),
                # Read with the history it belongs to: what came back of what it measured.
                "reopen_rate": figures.get("reopen_rate"),
                "reopen_known": figures.get("reopen_known"),
            }
        return {
            "import_id": candidate.pk,
            "source": source_text(candidate.summary),
            "channels": channels,
        }
    return {}
