"""The systems a client names (integrations.systems rows: an RMM, a PSA, an EHR, a GIS…)
are integrations of the proposal like those the fixed questions name: in the integrations
table with the client's purpose, in the approach per platform, in the workflow's handoffs
and in the architecture, each with only its own requirements."""

from __future__ import annotations

from typing import Any

from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive
from tests.briefs.loader import brief


def _elements(answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    return {e["id"]: e for s in framework["sections"] for e in s["elements"]}


def _msp(**changes: Any) -> dict[str, Any]:
    return {**brief("msp-many-customers").answers, **changes}


def test_each_named_system_is_an_integration_with_the_clients_purpose():
    elements = _elements(_msp())
    rmm = elements["architecture.integration.monitoring.ninjaone"]
    assert rmm["data"]["system"] == "NinjaOne"
    assert rmm["data"]["flows_in"] == ["alerts become tickets on the right customer and device"]
    psa = elements["architecture.integration.system.halopsa"]
    assert psa["data"]["kind"] == "PSA / professional services"
    assert "PSA / professional services: HaloPSA" in psa["text"]
    # Xero gets what the client said flows out of the help desk, not a shop's refunds.
    xero = elements["architecture.integration.system.xero"]
    assert xero["data"]["direction"] == "from_helpdesk"
    assert xero["data"]["flows_out"] == ["invoices from billable time"]
    assert xero["data"]["flows_in"] == []
    assert "refund" not in " ".join(xero["data"]["flows_out"])
    for slug in ("monitoring.ninjaone", "system.halopsa", "system.xero"):
        assert f"tools.integration.{slug}" in elements  # approach on each platform
        assert f"workflow.handoff.{slug}" in elements
    assert elements["workflow.handoff.system.halopsa"]["text"] == (
        "The ticket and its HaloPSA record stay linked: contracts, time entries and invoices."
    )


def test_a_named_system_carries_only_its_own_requirements():
    elements = _elements(_msp())
    codes = {
        slug: {r["code"] for r in elements[f"architecture.integration.{slug}"]["data"]["satisfies"]}
        for slug in ("monitoring.ninjaone", "system.halopsa", "system.xero")
    }
    titles = {
        r["code"]: r["title"]
        for e in elements.values()
        for r in e.get("data", {}).get("satisfies", []) or []
        if isinstance(r, dict) and "code" in r and "title" in r
    }
    for slug, name in (
        ("monitoring.ninjaone", "NinjaOne"),
        ("system.halopsa", "HaloPSA"),
        ("system.xero", "Xero"),
    ):
        named = {c for c in codes[slug] if "integrations" in c or c in titles}
        others = {"NinjaOne", "HaloPSA", "Xero"} - {name}
        assert not any(o in titles.get(c, "") for c in named for o in others), (slug, named)
        assert any(name in titles.get(c, "") for c in codes[slug]), (slug, codes[slug])


def test_a_kind_named_in_general_words_takes_the_systems_name():
    # Monitoring ticked among "other systems" and NinjaOne named: one integration, by name.
    elements = _elements(_msp(**{"integrations.other": ["monitoring"]}))
    monitoring = [e for e in elements if e.startswith("architecture.integration.monitoring")]
    assert monitoring == ["architecture.integration.monitoring"]
    assert elements["architecture.integration.monitoring"]["data"]["system"] == "NinjaOne"


def test_help_desks_and_the_tool_being_replaced_are_not_integrations():
    rows = [
        {"name": "HaloPSA", "class": "psa", "purpose": "contracts", "direction": "both"},
        {"name": "Freshservice", "class": "itsm", "purpose": "old tickets", "direction": "both"},
        {"name": "ArcGIS", "class": "gis", "purpose": "", "direction": ""},
    ]
    answers = _msp(**{"integrations.systems": rows, "context.tool_fate": "replace"})
    elements = _elements(answers)
    integration_ids = {e for e in elements if e.startswith("architecture.integration.")}
    assert "architecture.integration.system.halopsa" not in integration_ids
    assert not any("freshservice" in e for e in integration_ids)
    gis = elements["architecture.integration.system.arcgis"]
    assert gis["data"]["direction"] == "both"  # the kind's own when the client gave none
    assert elements["workflow.handoff.system.arcgis"]["text"] == (
        "The ticket links to its ArcGIS record."
    )


def test_the_architecture_diagram_names_each_systems_own_kind():
    answers = _msp()
    framework = generate_framework(answers, requirements_from_derived(derive(answers)))
    svg = next(s for s in framework["sections"] if s["key"] == "architecture")["diagram_svg"]
    assert "HaloPSA — PSA, both ways" in svg
    assert "Other system" not in svg


def test_two_systems_of_a_kind_named_in_general_words_stay_two():
    rows = [
        {"name": "PagerDuty", "class": "monitoring", "purpose": "", "direction": "to_helpdesk"},
        {
            "name": "Statuspage",
            "class": "monitoring",
            "purpose": "incident notices for customers",
            "direction": "from_helpdesk",
        },
    ]
    answers = _msp(**{"integrations.other": ["monitoring"], "integrations.systems": rows})
    elements = _elements(answers)
    assert elements["architecture.integration.monitoring"]["data"]["system"] == "PagerDuty"
    status = elements["architecture.integration.monitoring.statuspage"]["data"]
    assert status["direction"] == "from_helpdesk"
    assert status["flows_out"] == ["incident notices for customers"]
