"""Deadlines a law, regulator or ombudsman sets (the Complaint Handling Code, Awaab's Law,
GDPR's one month, FCA DISP's eight weeks, the client's own) are SLA clocks of their own in
the workflow and a KPI in the metrics, each with its source; a client bound by none gets
neither, and a deadline the client stated is not repeated from the catalogue."""

from __future__ import annotations

from typing import Any

import pytest

from frameworks.catalogue.deadlines import DEADLINES, READ, UNIT_LABELS, deadlines_for
from frameworks.generate import generate_framework, requirements_from_derived
from requirements_app.engine import derive

BASE: dict[str, Any] = {
    "audience.type": "external",
    "audience.market": "b2c",
    "context.channels": ["email", "phone"],
    "context.volume_email": 900,
    "context.volume_phone": 3000,
    "context.phone_aht": 6,
    "context.team_size": 20,
    "context.coverage": "business_hours",
    "scale.volume_now": 3900,
}


def _framework(answers: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[str]]:
    derived = derive(answers)
    fw = generate_framework(answers, requirements_from_derived(derived))
    found = {e["id"]: e for s in fw["sections"] for e in s["elements"]}
    return found, {r.code for r in derived}


def test_every_catalogue_deadline_is_sourced_dated_and_in_a_known_unit():
    assert DEADLINES
    for d in DEADLINES:
        assert d.unit in UNIT_LABELS, d.key
        assert d.within > 0, d.key
        assert "(" in d.source, d.key  # a page a client can open, in brackets
        assert "." in d.source, d.key
        assert "notes" not in d.source.lower(), d.key
        assert "github" not in d.source.lower(), d.key
        assert d.names, d.key
    assert READ.year == 2026
    assert len({d.key for d in DEADLINES}) == len(DEADLINES)


def test_a_country_bound_deadline_needs_its_country():
    chosen = {"scale.sector_rules": ["public_records"]}
    assert [d.key for d in deadlines_for(chosen, {"GB"})] == ["foi_uk"]
    assert deadlines_for(chosen, {"US"}) == []
    assert deadlines_for(chosen, set()) == []


def test_a_client_bound_by_no_deadline_gets_no_regulated_clock():
    found, codes = _framework(BASE)
    assert "workflow.sla.regulated" not in found
    assert "metrics.regulated" not in found
    assert not {"FR-SLA-007", "FR-SLA-008"} & codes


def test_a_social_landlords_code_and_awaabs_law_are_clocks_of_their_own():
    answers = {
        **BASE,
        "context.outsourced": "part",
        "context.partners": [{"name": "CallCare", "scope": "out-of-hours calls", "share": 5}],
        "scale.obligations": ["sector", "residency"],
        "scale.data_residency": "named",
        "scale.residency_places": ["GB"],
        "scale.sector_rules": ["housing_ombudsman", "awaabs_law"],
    }
    found, codes = _framework(answers)
    assert "FR-SLA-007" in codes
    element = found["workflow.sla.regulated"]
    rows = {r["duty"]: r for r in element["data"]["deadlines"]}
    stage1 = rows["send the stage 1 response"]
    assert (stage1["within"], stage1["unit"]) == (10, "working_days")
    assert "without public holidays (United Kingdom)" in stage1["clock"]
    assert stage1["source"].startswith("Housing Ombudsman")
    assert stage1["checked"] == READ.isoformat()
    emergency = rows["investigate an emergency hazard and make the home safe"]
    # The desk closes at night; the 24 hours do not: the partner logs the request.
    assert "round the clock" in emergency["clock"]
    assert "CallCare" in emergency["clock"]
    assert "FR-SLA-007" in element["trace"]["requirements"]
    # The priorities' SLA rows do not claim the regulated requirement.
    assert "FR-SLA-007" not in found["workflow.sla.p1"]["trace"]["requirements"]
    kpi = found["metrics.regulated"]
    assert "target 100%" in kpi["text"]
    assert len(kpi["data"]["measures"]) == len(rows)


def test_the_clients_own_deadline_is_kept_and_not_repeated_from_the_catalogue():
    answers = {
        **BASE,
        "scale.obligations": ["sector", "deadlines"],
        "scale.sector_rules": ["fca"],
        "scale.deadlines": [
            {
                "duty": "Final response to a complaint",
                "within": 8,
                "unit": "weeks",
                "basis": "FCA DISP",
            },
            {"duty": "Chargeback evidence to the card scheme", "within": 30, "unit": "days"},
        ],
    }
    found, codes = _framework(answers)
    assert {"FR-SLA-007", "FR-SLA-008"} <= codes
    rows = found["workflow.sla.regulated"]["data"]["deadlines"]
    duties = [r["duty"] for r in rows]
    assert duties == ["Final response to a complaint", "Chargeback evidence to the card scheme"]
    assert rows[1]["clock"] == "calendar days, weekends and holidays included"
    assert all(r["by"] == "client" for r in rows)
    text = found["workflow.sla.regulated"]["text"]
    assert "send a final response to a complaint" not in text


@pytest.mark.parametrize(
    ("team", "warned"), [(3, "the day before it runs out"), (20, "their lead at 80%")]
)
def test_who_is_warned_fits_the_size_of_the_team(team, warned):
    answers = {
        **BASE,
        "context.team_size": team,
        "context.volume_phone": 100 if team < 5 else 3000,
        "context.volume_email": 50 if team < 5 else 900,
        "scale.volume_now": 150 if team < 5 else 3900,
        "scale.compliance": ["gdpr"],
    }
    found, _codes = _framework(answers)
    assert warned in found["workflow.sla.regulated"]["text"]


def test_an_internal_it_desk_gets_no_data_subject_clock():
    internal = {**BASE, "audience.type": "internal", "scale.compliance": ["gdpr"]}
    found, codes = _framework(internal)
    assert "workflow.sla.regulated" not in found
    assert "FR-SLA-007" not in codes
    public = {**BASE, "scale.compliance": ["gdpr"]}
    found, codes = _framework(public)
    assert "FR-SLA-007" in codes
    rows = found["workflow.sla.regulated"]["data"]["deadlines"]
    assert [(r["within"], r["unit"], r["basis"]) for r in rows] == [
        (1, "months", "GDPR Article 12(3)")
    ]


def test_one_row_of_the_client_stands_for_one_deadline_of_the_law():
    code = "Housing Ombudsman Complaint Handling Code"
    answers = {
        **BASE,
        "scale.obligations": ["sector", "deadlines"],
        "scale.sector_rules": ["housing_ombudsman"],
        "scale.deadlines": [
            {"duty": "Acknowledge", "within": 5, "unit": "working_days", "basis": code},
            {"duty": "Stage 2", "within": 20, "unit": "working_days", "basis": code},
        ],
    }
    found, _codes = _framework(answers)
    rows = found["workflow.sla.regulated"]["data"]["deadlines"]
    assert [(r["duty"], r["by"]) for r in rows] == [
        ("Acknowledge", "client"),
        ("Stage 2", "client"),
        # the law's other two deadlines, one of them also 5 working days
        ("send the stage 1 response", "law"),
        ("acknowledge a request to escalate to stage 2", "law"),
    ]


def test_a_landlords_urgent_request_is_an_unsafe_home_not_an_order():
    housing_system = [{"name": "NEC Housing", "class": "housing", "direction": "both"}]
    answers = {**BASE, "integrations.systems": housing_system}
    text = _framework(answers)[0]["workflow.prioritization"]["text"]
    assert "High impact means a home unsafe or without heating" in text
    assert "is P1 on any channel, day or night: out of hours the on-call operative" in text
    assert "Awaab" not in text  # not said unless the law applies
    awaab = {**BASE, "scale.obligations": ["sector"], "scale.sector_rules": ["awaabs_law"]}
    assert "Awaab's Law's 24-hour clock" in _framework(awaab)[0]["workflow.prioritization"]["text"]
    # a shop is no landlord
    assert "home unsafe" not in _framework(BASE)[0]["workflow.prioritization"]["text"]


def test_the_regulators_published_measures_sit_beside_the_kpis_with_their_source():
    answers = {**BASE, "scale.obligations": ["sector"], "scale.sector_rules": ["rsh_tsm"]}
    element = _framework(answers)[0]["metrics.regulator"]
    codes = [m["code"] for m in element["data"]["measures"]]
    assert codes == ["TP01", "TP02", "TP03", "TP09", "CH01", "CH02"]
    assert all(m["source"] and m["checked"] for m in element["data"]["measures"])
    assert element["title"] == "Measures the Regulator of Social Housing publishes"
    assert "metrics.regulator" not in _framework(BASE)[0]
