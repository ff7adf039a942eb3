"""The deliverable's outline: which sections the document has, in what order, under which
title, drawn by which template. Data, read by every rendering (the framework page, the
consultant's and the client's version pages, the PDF), so they all number and title the
same sections the same way.

The order is the method's final delivery: the summary of needs, then the technical
architecture, channels and centralized ticketing, the tools scored against the
requirements, AI automation and integrations, cloud scalability, the support workflow and
SLAs, staffing, KPIs and monitoring, operating the service, the business case, and
the future action plan. The document itself adds
the requirements and the appendices after these.

Adding a section is one row: its generator makes a framework section with the row's key
(or the row takes its elements from other sections, as `channels` does), and
`frameworks/sections/<template>.html` draws it. A framework section without a row still
shows, after the rows, under its generator's title.

Keys are anchors: comments and section notes are stored under them and pages link to
`#sec-<key>`, so a key is never renamed. Elements keep their own ids wherever a row places
them, so a comment about an element finds it in every version.

Pure: plain dicts in, plain dicts out; no ORM, no templates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .generators import SECTION_KEYS as GENERATED_KEYS
from .generators.base import join

Element = dict[str, Any]
Section = dict[str, Any]


@dataclass(frozen=True)
class Take:
    """Elements a row takes from another section: those of `section` whose kind is in
    `kinds`, whose `data.layer` is in `layers` and whose id is in `ids` (each criterion
    given must hold)."""

    section: str
    kinds: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()

    def matches(self, element: Element) -> bool:
        data = element.get("data") or {}
        return (
            (not self.kinds or element.get("kind") in self.kinds)
            and (not self.layers or data.get("layer") in self.layers)
            and (not self.ids or str(element.get("id")) in self.ids)
        )


@dataclass(frozen=True)
class Row:
    """One section of the document.

    `takes` names elements of other sections that this row shows instead (they leave
    those sections; a take naming ids goes first); a row whose key is a framework section
    also shows the rest of its own. `refs` puts other sections' elements beside it under a
    name, for reference, without moving them. `intro` writes the introduction of a row
    that has no framework section of its own. `charts` are drawn under the section (see
    deliverables.charts). `audience` "consultant" makes a panel for the consultant's pages
    only, outside the numbering, never sent to the client or printed."""

    key: str
    title: str
    template: str = ""
    takes: tuple[Take, ...] = ()
    refs: tuple[tuple[str, Take], ...] = ()
    intro: Callable[[list[Element]], str] | None = None
    charts: tuple[str, ...] = ()
    audience: str = "all"

    @property
    def template_name(self) -> str:
        return f"frameworks/sections/{self.template or self.key}.html"


def _channels_intro(elements: list[Element]) -> str:
    channels = [
        str(e.get("title", ""))
        for e in elements
        if (e.get("data") or {}).get("layer") == "channels"
    ]
    if not channels:
        return (
            "The intake that classifies every request, and the one ticketing system where "
            "each becomes a ticket."
        )
    # One whole sentence with a named placeholder, so that it can be translated.
    text = (
        "The channels requests arrive by ({channels}), the intake that classifies and routes "
        "them, and the one ticketing system where each becomes a ticket."
    )
    return text.format(channels=join(channels))


def _integrations_intro(elements: list[Element]) -> str:
    systems = sorted(
        {
            str((e.get("data") or {}).get("system", ""))
            for e in elements
            if e.get("kind") in ("integration", "integration_approach")
        }
        - {""}
    )
    automation = [e for e in elements if e.get("kind") == "component"]
    if systems and automation:
        text = (
            "What is automated before an agent sees a request, and the {count} systems that "
            "exchange data with the help desk ({systems}): the data flowing each way and how "
            "each connects to the shortlisted platforms."
        )
    elif systems:
        text = (
            "The {count} systems that exchange data with the help desk ({systems}): the data "
            "flowing each way and how each connects to the shortlisted platforms."
        )
    else:
        text = "What is automated before an agent sees a request."
    return text.format(count=len(systems), systems=join(systems))


OUTLINE: tuple[Row, ...] = (
    Row("executive", "Executive summary"),
    Row("summary", "Summary of identified needs"),
    Row("architecture", "Technical architecture"),
    Row(
        "channels",
        "Channels and centralized ticketing",
        template="architecture",
        takes=(Take("architecture", kinds=("component",), layers=("channels", "intake", "core")),),
        intro=_channels_intro,
    ),
    Row("tools", "Tools scored against the requirements", charts=("licence",)),
    Row(
        "integrations",
        "AI automation and integrations",
        template="integrations",
        takes=(
            Take("architecture", ids=("architecture.automation",)),
            Take("tools", kinds=("automation",)),
            Take("architecture", kinds=("integration",)),
            Take("tools", kinds=("integration_approach",)),
        ),
        # The approach per system is given on each shortlisted platform.
        refs=(("platforms", Take("tools", kinds=("platform",))),),
        intro=_integrations_intro,
    ),
    Row("scalability", "Cloud scalability"),
    Row("workflow", "Support workflow and SLAs"),
    Row("staffing", "Staffing", charts=("staffing", "staffing_day")),
    Row("metrics", "KPIs and monitoring", charts=("kpi",)),
    Row("operations", "Operating the service"),
    Row("business_case", "Business case", charts=("business_case",)),
    Row("action_plan", "Future action plan", charts=("timeline",)),
)
ROWS = {row.key: row for row in OUTLINE}

# Every key a document section can have: comments and notes are filed under these.
SECTION_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys([*(row.key for row in OUTLINE), *GENERATED_KEYS])
)


def document_sections(
    framework_sections: Sequence[Section], *, audience: str = "client"
) -> list[Section]:
    """The document's sections, in outline order: each a framework section (or one made
    from elements other sections gave up) as a dict with `key`, `title`, `intro`,
    `elements`, the template and charts to draw it with, and whether it is a consultant's
    panel. Rows with nothing to show are left out; framework sections without a row come
    after the rows. Nothing is numbered here: numbering is the document's."""
    by_key: dict[str, Section] = {
        str(s.get("key")): s for s in framework_sections if isinstance(s, Mapping)
    }
    moved: dict[tuple[str, str], str] = {}  # (section, element id) -> the row it went to
    takes = [(row.key, take) for row in OUTLINE for take in row.takes]
    for row_key, take in sorted(takes, key=lambda pair: not pair[1].ids):
        source = by_key.get(take.section)
        if source is None or take.section == row_key:
            continue
        for element in source.get("elements", []):
            ident = (take.section, str(element.get("id")))
            if ident not in moved and take.matches(element):
                moved[ident] = row_key

    def taken(row: Row) -> list[Element]:
        """The elements moved to `row`, in the order of its takes."""
        found: list[Element] = []
        for take in row.takes:
            source = by_key.get(take.section) or {}
            found.extend(
                e
                for e in source.get("elements", [])
                if moved.get((take.section, str(e.get("id")))) == row.key and take.matches(e)
            )
        return list({id(e): e for e in found}.values())

    def own(section: Section) -> list[Element]:
        key = str(section.get("key"))
        return [e for e in section.get("elements", []) if (key, str(e.get("id"))) not in moved]

    result: list[Section] = []
    for row in OUTLINE:
        if row.audience == "consultant" and audience != "consultant":
            continue
        source = by_key.get(row.key)
        elements = [*(own(source) if source else []), *taken(row)]
        if source is None and not elements:
            continue
        section: Section = {k: v for k, v in (source or {}).items() if k != "elements"}
        section.update(
            key=row.key,
            title=row.title,
            elements=elements,
            template=row.template_name,
            charts=list(row.charts),
            panel=row.audience == "consultant",
        )
        for name, ref in row.refs:
            ref_source = by_key.get(ref.section) or {}
            section[name] = [e for e in ref_source.get("elements", []) if ref.matches(e)]
        if source is None:
            section["intro"] = row.intro(elements) if row.intro else ""
        result.append(section)
    for key, source in by_key.items():
        if key in ROWS:
            continue
        section = {k: v for k, v in source.items() if k != "elements"}
        section.update(
            elements=own(source),
            template=f"frameworks/sections/{key}.html",
            charts=[],
            panel=False,
        )
        result.append(section)
    return result


def section_elements(framework_sections: Sequence[Section], key: str) -> list[Element]:
    """The elements the document shows in section `key` (those a comment can be about)."""
    for section in document_sections(framework_sections, audience="consultant"):
        if section["key"] == key:
            return list(section["elements"])
    return []


def section_title(framework_sections: Sequence[Section], key: str) -> str:
    if key in ROWS:
        return ROWS[key].title
    for section in framework_sections:
        if section.get("key") == key:
            return str(section.get("title", key))
    return key


def row_of(section_key: str, element: Element) -> str:
    """The key of the document section that shows `element` of framework section
    `section_key`: the row that takes it (an id take first), else its own section."""
    takes = [(row.key, take) for row in OUTLINE for take in row.takes]
    for row_key, take in sorted(takes, key=lambda pair: not pair[1].ids):
        if take.section == section_key and row_key != section_key and take.matches(element):
            return row_key
    return section_key
