"""The deliverable's outline (frameworks.outline): the method's final-delivery order, every
element shown exactly once under its own id, and a section added as one row of data."""

from __future__ import annotations

from collections import Counter

import pytest

from discovery import scenarios
from frameworks import outline
from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive

METHOD_ORDER = [
    "executive",  # the executive summary opens the document
    "summary",
    "architecture",
    "channels",
    "tools",
    "integrations",
    "scalability",
    "workflow",
    "staffing",
    "metrics",
    "operations",
    "business_case",
    "action_plan",
]


def _framework(answers):
    return generate_framework(answers, requirements_from_derived(derive(answers)))


@pytest.fixture(scope="module")
def northwind():
    return _framework(scenarios.NORTHWIND)["sections"]


@pytest.mark.parametrize("answers", [scenarios.NORTHWIND, scenarios.VERDE, scenarios.CONTOSO])
def test_the_sections_follow_the_methods_order_and_show_every_element_once(answers):
    sections = _framework(answers)["sections"]
    document = outline.document_sections(sections)
    keys = [s["key"] for s in document]
    assert keys == [k for k in METHOD_ORDER if k in keys]
    assert {"summary", "architecture", "tools", "workflow", "action_plan"} <= set(keys)
    shown = Counter(str(e["id"]) for s in document for e in s["elements"])
    generated = Counter(str(e["id"]) for s in sections for e in s["elements"])
    assert shown == generated  # nothing lost, nothing twice, ids unchanged
    assert all(s["template"].startswith("frameworks/sections/") for s in document)


def test_channels_and_integrations_take_their_elements_from_architecture_and_tools(northwind):
    document = {s["key"]: s for s in outline.document_sections(northwind)}
    channels = document["channels"]
    assert channels["title"] == "Channels and centralized ticketing"
    assert {(e["data"] or {}).get("layer") for e in channels["elements"]} <= {
        "channels",
        "intake",
        "core",
    }
    assert "architecture.ticketing" in {e["id"] for e in channels["elements"]}
    assert "Email and Live chat" in channels["intro"]
    architecture = document["architecture"]
    assert architecture["diagram_svg"]  # the diagram stays with the architecture
    assert {e["kind"] for e in architecture["elements"]} == {"component"}
    integrations = document["integrations"]
    assert {e["kind"] for e in integrations["elements"]} == {"integration", "integration_approach"}
    # The approach per system is shown on each shortlisted platform, which stay in tools.
    assert [p["id"] for p in integrations["platforms"]] == [
        e["id"] for e in document["tools"]["elements"] if e["kind"] == "platform"
    ]
    assert "HubSpot" in integrations["intro"]
    assert not any(e["kind"] == "integration_approach" for e in document["tools"]["elements"])


def test_the_ai_automation_component_goes_first_to_automation_and_integrations():
    sections = [
        {
            "key": "architecture",
            "title": "Architecture",
            "intro": "",
            "elements": [
                {"id": "architecture.automation", "kind": "component", "data": {"layer": "intake"}},
                {"id": "architecture.intake", "kind": "component", "data": {"layer": "intake"}},
            ],
        }
    ]
    document = {s["key"]: s for s in outline.document_sections(sections)}
    assert [e["id"] for e in document["integrations"]["elements"]] == ["architecture.automation"]
    assert [e["id"] for e in document["channels"]["elements"]] == ["architecture.intake"]
    assert "architecture" in document  # a section whose elements all moved still shows


def test_a_section_is_one_row_of_data(monkeypatch, northwind):
    """A new generator's section shows after the rows under its own title; given a row, it
    takes its place, title and template from the row; a consultant's panel shows only to the
    consultant."""
    extra = {"key": "risk_register", "title": "Risks", "intro": "Why.", "elements": []}
    document = outline.document_sections([*northwind, extra])
    assert document[-1]["key"] == "risk_register"
    assert document[-1]["template"] == "frameworks/sections/risk_register.html"

    rows = list(outline.OUTLINE)
    rows.insert(rows.index(outline.ROWS["action_plan"]), outline.Row("risk_register", "The case"))
    rows.insert(0, outline.Row("findings", "Proposal check", audience="consultant"))
    monkeypatch.setattr(outline, "OUTLINE", tuple(rows))
    monkeypatch.setattr(outline, "ROWS", {row.key: row for row in rows})
    findings = {"key": "findings", "title": "", "intro": "", "elements": []}
    client = [s["key"] for s in outline.document_sections([*northwind, extra, findings])]
    assert client.index("risk_register") == client.index("action_plan") - 1
    assert "findings" not in client
    consultant = outline.document_sections([*northwind, extra, findings], audience="consultant")
    assert consultant[0]["key"] == "findings"
    assert consultant[0]["panel"]


def test_comments_and_notes_are_filed_under_every_document_key():
    from frameworks.services import SECTION_KEYS
    from reviews.services import COMMENT_SECTIONS

    assert set(METHOD_ORDER) <= set(SECTION_KEYS)
    assert {*METHOD_ORDER, "requirements", "traceability"} <= set(COMMENT_SECTIONS)


def test_a_comment_is_about_an_element_of_the_section_that_shows_it(northwind):
    ids = {e["id"] for e in outline.section_elements(northwind, "channels")}
    assert "architecture.channel.email" in ids
    assert "architecture.channel.email" not in {
        e["id"] for e in outline.section_elements(northwind, "architecture")
    }
    assert outline.section_title(northwind, "channels") == "Channels and centralized ticketing"
    assert outline.section_title(northwind, "unknown") == "unknown"
