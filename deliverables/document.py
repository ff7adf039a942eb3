"""The document: one context and one shell for every rendering of a proposal.

The framework page (a draft of the next version), the consultant's and the client's
version pages and the PDF all render `deliverables/document.html` from the context built
here, once. Web and print are variants of the same markup: the same sections in the same
order (frameworks.outline), the same numbering and headings, the same requirements and
appendix wording. `medium` only chooses how the section templates lay a listing out (flat
rows in print, tables on the web) and which images fit; `audience` only adds the
consultant's panels.

`document_from_snapshot` is pure: a frozen snapshot and its metadata in, the template
context out. `document_context` loads that metadata (approvals, branding) for a version.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from frameworks.outline import document_sections

from . import charts

logger = logging.getLogger(__name__)

DEFAULT_BRAND = "#1f4e79"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
SHELL = "deliverables/document.html"
TEMPLATE = "deliverables/pdf/deliverable.html"

Audience = Literal["consultant", "client"]
Medium = Literal["web", "print"]
AUDIENCES: tuple[str, ...] = ("consultant", "client")
MEDIA: tuple[str, ...] = ("web", "print")

# In print these start on a new page (the rest follow on, so that a short section leaves
# no page nearly empty): the first section after the contents (the executive summary, on a
# page of its own), the summary of needs after it, and the two parts a reader looks up
# rather than reads through.
PAGE_STARTS = frozenset({"summary", "requirements", "traceability"})
DIAGRAM_ZOOM = 1.1


@dataclass(frozen=True)
class ApprovalStamp:
    name: str
    email: str
    approved_at: datetime
    content_hash: str


@dataclass(frozen=True)
class DeliverableMeta:
    version_label: str
    published_at: datetime | None
    organization_name: str
    brand_color: str = DEFAULT_BRAND
    content_hash: str = ""
    approvals: tuple[ApprovalStamp, ...] = ()
    # Image sources: file:// URLs in print when media are on the local disk (the fetcher
    # reads them only from MEDIA_ROOT/logos), data: URIs on the web and from S3.
    logo_url: str = ""
    client_logo_url: str = ""
    change_summary: str = ""
    # A draft is the framework page's preview of the next version: nothing published yet.
    draft: bool = False


class Frozen(Protocol):
    """What a document is made from: a published ProposalVersion, or a Draft."""

    @property
    def snapshot(self) -> Any: ...

    @property
    def label(self) -> str: ...

    @property
    def project(self) -> Any: ...


def safe_brand(color: str) -> str:
    """The colour goes into a stylesheet, so only a strict hex value gets there."""
    return color if _HEX.match(color or "") else DEFAULT_BRAND


def catalogue_versions(versions: dict[str, str]) -> dict[str, str]:
    """Each catalogue once, by a readable name: the framework also records the three data
    catalogues together under "catalogue", which would repeat them."""
    versions = dict(versions)
    if {"platforms", "kpis", "cloud"} <= versions.keys():
        versions.pop("catalogue", None)
    return {name.replace("_", " "): version for name, version in sorted(versions.items())}


@dataclass
class Chapter:
    """One section of the document as the shell draws it."""

    key: str
    title: str
    number: str  # "3", or "A" for an appendix; "" for a consultant's panel
    heading: str  # "3. Cloud scalability", "Appendix A. Traceability"
    intro: str = ""
    template: str = ""
    section: dict[str, Any] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)
    charts: list[charts.Chart] = field(default_factory=list)
    panel: bool = False
    starts_page: bool = False
    elements: list[tuple[str, str]] = field(default_factory=list)  # (id, title), for comments


def _requirement_groups(requirements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for requirement in requirements:
        name = str(requirement.get("category_name") or requirement.get("category") or "")
        groups.setdefault(name, []).append(requirement)
    return [{"name": name, "requirements": items} for name, items in groups.items()]


def trace_rows(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """Appendix A: each requirement and what it comes from, in the one wording every
    rendering uses."""
    questions = snapshot.get("questions", {})
    displays = snapshot.get("answer_display", {})
    sources = snapshot.get("answer_sources", {})
    rows = []
    for requirement in snapshot.get("requirements", []):
        rows.append(
            {
                "code": requirement["code"],
                "title": requirement["title"],
                "answers": [
                    {
                        "label": (questions.get(qid) or {}).get("label", qid),
                        "display": displays.get(qid, ""),
                        "heard": sources.get(qid, []),
                    }
                    for qid in requirement.get("answers", [])
                ],
                "manual": requirement.get("origin") == "manual",
                "rationale": requirement.get("rationale", ""),
            }
        )
    return rows


def _diagram_width(svg: str) -> int:
    found = re.search(r"<svg[^>]*\bwidth=[\"']([0-9.]+)", svg or "")
    return round(float(found.group(1))) if found else 0


def document_from_snapshot(
    snapshot: dict[str, Any],
    meta: DeliverableMeta,
    *,
    audience: str = "client",
    medium: str = "print",
    editable: bool = False,
    question_links: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The shell's context for one frozen snapshot. Pure: no database, no request.

    `editable` (the framework page only) shows the consultant's note editors and links
    traces to the wizard through `question_links`."""
    if audience not in AUDIENCES or medium not in MEDIA:
        raise ValueError(f"unknown audience {audience!r} or medium {medium!r}")
    framework = snapshot.get("framework") or {}
    brand = safe_brand(meta.brand_color)
    notes: dict[str, dict[str, str]] = snapshot.get("notes", {}) or {}
    sections = document_sections(framework.get("sections", []), audience=audience)
    chapters: list[Chapter] = []
    number = 0
    for section in sections:
        note = notes.get(section["key"]) or {}
        panel = bool(section.get("panel"))
        if not panel:
            number += 1
        diagram = str(section.get("diagram_svg") or "")
        if diagram:
            # The width a phone shows it at (it scrolls sideways there): 10% over its own,
            # so that its smallest text (10.5 units) is at least 11 px.
            section["diagram_width"] = round(_diagram_width(diagram) * DIAGRAM_ZOOM)
        chapters.append(
            Chapter(
                key=section["key"],
                title=section["title"],
                number="" if panel else str(number),
                heading=section["title"] if panel else f"{number}. {section['title']}",
                intro=note.get("intro_override") or str(section.get("intro", "")),
                template=section["template"],
                section=section,
                note=note,
                charts=charts.charts_for(section.get("charts", []), sections, brand=brand),
                panel=panel,
                starts_page=not chapters or section["key"] in PAGE_STARTS,
                elements=[(str(e.get("id")), str(e.get("title", ""))) for e in section["elements"]],
            )
        )
    numbered = [c for c in chapters if not c.panel]
    requirements = snapshot.get("requirements", [])
    approved = bool(meta.approvals)
    closing = [
        Chapter("requirements", "Requirements", str(number + 1), f"{number + 1}. Requirements"),
        Chapter("traceability", "Traceability", "A", "Appendix A. Traceability"),
        Chapter(
            "approval",
            "Approval" if approved else "Review status",
            "B",
            f"Appendix B. {'Approval' if approved else 'Review status'}",
        ),
    ]
    for chapter in closing:
        chapter.starts_page = chapter.key in PAGE_STARTS
        chapter.note = notes.get(chapter.key) or {}
    project = snapshot.get("project", {}) or {}
    return {
        "audience": audience,
        "medium": medium,
        "print": medium == "print",
        # The printed traces already written, by section (see trace_sentence).
        "trace_memo": {} if medium == "print" else None,
        "editable": editable,
        "snapshot": snapshot,
        "project_data": project,
        "meta": meta,
        "brand": brand,
        # The same colour under a name no page's own context overrides (the client's pages
        # carry the consultancy's branding as `brand`).
        "brand_hex": brand,
        "approved": approved,
        "draft": meta.draft,
        "chapters": chapters,
        "closing": {c.key: c for c in closing},
        "toc": [*(c for c in numbered), *closing],
        "notes": notes,
        "answer_display": snapshot.get("answer_display", {}),
        # The sentences of the client's text that answers were accepted from.
        "answer_sources": snapshot.get("answer_sources", {}),
        "questions": question_links or snapshot.get("questions", {}),
        "requirements": requirements,
        "requirement_groups": _requirement_groups(requirements),
        "requirement_titles": {r["code"]: r["title"] for r in requirements},
        "trace_rows": trace_rows(snapshot),
        "catalogue_versions": catalogue_versions(snapshot.get("catalogue_versions", {})),
        # What the comment forms and emails name: every section a comment can be about.
        "section_titles": {c.key: c.title for c in [*chapters, *closing]},
        "section_elements": {c.key: c.elements for c in chapters if c.elements},
        # What a comment about one element names it by ("on “…”").
        "element_titles": {c.key: dict(c.elements) for c in chapters if c.elements},
    }


# --- loading a version's metadata --------------------------------------------------------


# A logo read from a storage that is not the local disk is at most this big (the upload
# validator allows 512 KB; anything larger was not uploaded through the app).
MAX_LOGO_BYTES = 2 * 1024 * 1024


def _logo_path(image: Any) -> Path | None:
    """The logo's file on the local disk; None when there is none, it is missing, or the
    storage has no local files (S3: see _stored_logo)."""
    if not image:
        return None
    try:
        return Path(image.path).resolve(strict=True)
    except NotImplementedError:
        return None
    except (OSError, ValueError, SuspiciousFileOperation):
        logger.warning("Logo file %s not found", getattr(image, "name", ""))
        return None


def _is_local(image: Any) -> bool:
    try:
        image.storage.path(image.name)
    except NotImplementedError:
        return False
    except (OSError, ValueError, SuspiciousFileOperation):
        pass  # a local storage with a bad name: _logo_path says so
    return True


def _encoded_logo(data: bytes, box: tuple[int, int]) -> str:
    """The logo re-encoded as a PNG data: URI: what a browser or WeasyPrint gets is pixels
    Pillow drew, never the uploaded bytes."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail(box)
        converted = image.convert("RGBA")
        out = io.BytesIO()
        converted.save(out, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


@lru_cache(maxsize=32)
def _web_logo(path: str, mtime: float) -> str:
    """A local logo for the web pages (no route serves media)."""
    return _encoded_logo(Path(path).read_bytes(), WEB_LOGO_BOX)


@lru_cache(maxsize=32)
def _remote_logo(storage_key: str, name: str, modified: str, box: tuple[int, int]) -> str:
    from django.core.files.storage import storages

    with storages[storage_key].open(name, "rb") as stream:
        data = stream.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(f"logo {name} is larger than {MAX_LOGO_BYTES} bytes")
    return _encoded_logo(data, box)


WEB_LOGO_BOX = (600, 200)
# Print covers are read at 300 dpi: a logo up to 5 × 1.7 cm keeps its detail.
PRINT_LOGO_BOX = (1200, 400)


def _stored_logo(image: Any, medium: str) -> str:
    """A logo kept in a storage with no local files (S3): read through the storage API and
    handed over as a data: URI in both media, so that WeasyPrint, which may only read
    data: and our own files, never fetches a URL. Cached by name and modification time."""
    from django.core.files.storage import storages

    storage_key = next(
        (key for key in settings.STORAGES if storages[key] is image.storage), "default"
    )
    try:
        modified = image.storage.get_modified_time(image.name).isoformat()
        box = PRINT_LOGO_BOX if medium == "print" else WEB_LOGO_BOX
        return _remote_logo(storage_key, image.name, modified, box)
    except Exception:  # a missing object, a store that does not answer, a broken image
        logger.warning("Logo %s could not be read from the storage", image.name, exc_info=True)
        return ""


def logo_source(image: Any, medium: str) -> str:
    """An uploaded logo as an image source for `medium`, or "" when there is none or its
    file is missing or unreadable (the cover then shows the name alone). On the local disk
    the PDF reads it as a file:// URL the fetcher checks; from any other storage, and on
    the web, as a re-encoded data: URI."""
    if not image:
        return ""
    if not _is_local(image):
        return _stored_logo(image, medium)
    path = _logo_path(image)
    if path is None:
        return ""
    if medium == "print":
        return path.as_uri()
    try:
        return _web_logo(str(path), path.stat().st_mtime)
    except (OSError, ValueError):
        logger.warning("Logo %s could not be read", path)
        return ""


def client_logo(project: Any) -> Any:
    """The project's client logo (an ImageFieldFile), if it has one. Read once per project
    object: the document and the PDF's render key both ask."""
    from .models import ProjectBranding

    if not hasattr(project, "_client_logo"):
        branding = ProjectBranding.objects.filter(project=project).first()
        project._client_logo = branding.client_logo if branding and branding.client_logo else None
    return project._client_logo


def approvals_of(version: Any) -> tuple[ApprovalStamp, ...]:
    """The version's approvals, oldest first; read once per version object (the document,
    the page and the PDF's render key all ask)."""
    from reviews.models import Approval

    if getattr(version, "pk", None) is None:
        return ()
    if not hasattr(version, "_approval_stamps"):
        version._approval_stamps = tuple(
            ApprovalStamp(a.reviewer_name, a.reviewer_email, a.approved_at, a.content_hash)
            for a in Approval.objects.filter(version=version).order_by("approved_at", "pk")
        )
    return version._approval_stamps


def meta_for(version: Frozen, medium: str) -> DeliverableMeta:
    project = version.project
    organization = project.organization
    return DeliverableMeta(
        version_label=version.label,
        published_at=getattr(version, "published_at", None),
        organization_name=organization.name,
        brand_color=organization.brand_color,
        content_hash=getattr(version, "content_hash", ""),
        approvals=approvals_of(version),
        logo_url=logo_source(organization.logo, medium),
        client_logo_url=logo_source(client_logo(project), medium),
        change_summary=getattr(version, "change_summary", ""),
        draft=getattr(version, "pk", None) is None,
    )


def document_context(
    version: Frozen,
    audience: str,
    medium: str,
    *,
    editable: bool = False,
    question_links: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The one document context, for a published version or a draft: the shell renders
    it for any audience and medium."""
    return document_from_snapshot(
        version.snapshot,
        meta_for(version, medium),
        audience=audience,
        medium=medium,
        editable=editable,
        question_links=question_links,
    )


def deliverable_html(snapshot: dict[str, Any], meta: DeliverableMeta) -> str:
    """The PDF's HTML: the shell, for the client, in print."""
    return render_to_string(
        TEMPLATE, document_from_snapshot(snapshot, meta, audience="client", medium="print")
    )
