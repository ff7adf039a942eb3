"""The deliverable as HTML: the version's frozen snapshot laid out for print, with the
same section templates as the web page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string

from . import charts

DEFAULT_BRAND = "#1f4e79"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
TEMPLATE = "deliverables/pdf/deliverable.html"


@dataclass(frozen=True)
class ApprovalStamp:
    name: str
    email: str
    approved_at: datetime
    content_hash: str


@dataclass(frozen=True)
class DeliverableMeta:
    version_label: str
    published_at: datetime
    organization_name: str
    brand_color: str = DEFAULT_BRAND
    content_hash: str = ""
    approvals: tuple[ApprovalStamp, ...] = ()
    # A file:// URL of the organization's logo; the fetcher reads it only from MEDIA_ROOT/logos.
    logo_url: str = ""


def safe_brand(color: str) -> str:
    """The colour goes into a stylesheet, so only a strict hex value gets there."""
    return color if _HEX.match(color or "") else DEFAULT_BRAND


def deliverable_context(snapshot: dict[str, Any], meta: DeliverableMeta) -> dict[str, Any]:
    framework = snapshot.get("framework") or {}
    sections = framework.get("sections", [])
    brand = safe_brand(meta.brand_color)
    requirements = snapshot.get("requirements", [])
    questions = snapshot.get("questions", {})
    return {
        "snapshot": snapshot,
        "project": snapshot.get("project", {}),
        "meta": meta,
        "brand": brand,
        "approved": bool(meta.approvals),
        "sections": sections,
        "notes": snapshot.get("notes", {}),
        "answer_display": snapshot.get("answer_display", {}),
        "questions": questions,
        "requirements": requirements,
        "requirement_titles": {r["code"]: r["title"] for r in requirements},
        "editable": False,
        "print": True,
        "charts": {
            "kpi": charts.kpi_chart(sections, brand=brand),
            "staffing": charts.staffing_chart(sections, brand=brand),
            "licence": charts.licence_chart(sections, brand=brand),
        },
        "catalogue_versions": catalogue_versions(snapshot.get("catalogue_versions", {})),
    }


def catalogue_versions(versions: dict[str, str]) -> dict[str, str]:
    """Each catalogue once, by a readable name: the framework also records the three data
    catalogues together under "catalogue", which would repeat them."""
    versions = dict(versions)
    if {"platforms", "kpis", "cloud"} <= versions.keys():
        versions.pop("catalogue", None)
    return {name.replace("_", " "): version for name, version in sorted(versions.items())}


def deliverable_html(snapshot: dict[str, Any], meta: DeliverableMeta) -> str:
    return render_to_string(TEMPLATE, deliverable_context(snapshot, meta))
