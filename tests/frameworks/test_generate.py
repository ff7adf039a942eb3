"""Scenario tests for framework generation (no database): the three briefs and two more clients."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pytest

from discovery.scenarios import CONTOSO, NORTHWIND, VERDE
from frameworks.catalogue import PLATFORMS_BY_ID
from frameworks.diff import diff_frameworks
from frameworks.generate import generate_framework, requirements_from_derived
from frameworks.generators import SECTION_KEYS
from requirements_app.engine import derive
from tests.requirements_app.clients import HARBOR_CLINIC, PIXELPRESS

SCENARIOS = {
    "northwind": NORTHWIND,
    "verde": VERDE,
    "contoso": CONTOSO,
    "harbor": HARBOR_CLINIC,
    "pixelpress": PIXELPRESS,
}
SVG_NS = "{http://www.w3.org/2000/svg}"


def generate(answers: dict[str, Any]) -> dict[str, Any]:
    return generate_framework(answers, requirements_from_derived(derive(answers)))


@pytest.fixture(scope="module")
def frameworks() -> dict[str, dict[str, Any]]:
    return {name: generate(answers) for name, answers in SCENARIOS.items()}


def section(fw: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in fw["sections"] if s["key"] == key)


def elements(fw: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in section(fw, key)["elements"]}


def all_elements(fw: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for s in fw["sections"] for e in s["elements"]]


# --- Shape -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_schema_sections_and_elements(frameworks, name):
    fw = frameworks[name]
    assert set(fw) == {"catalogue_versions", "sections"}
    assert {"catalogue", "platforms", "kpis", "cloud", "question_bank"} <= set(
        fw["catalogue_versions"]
    )
    assert [s["key"] for s in fw["sections"]] == list(SECTION_KEYS)
    ids = []
    for s in fw["sections"]:
        assert s["title"]
        assert s["intro"]
        assert s["elements"]
        for e in s["elements"]:
            assert set(e) == {"id", "kind", "title", "text", "data", "trace"}
            assert e["id"].startswith(s["key"] + ".")
            assert e["title"]
            assert e["text"]
            assert isinstance(e["data"], dict)
            assert set(e["trace"]) == {"requirements", "answers"}
            ids.append(e["id"])
    assert len(ids) == len(set(ids)), "element ids are unique"


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_element_is_traced_to_answers_or_requirements(frameworks, name):
    answers = SCENARIOS[name]
    codes = {r.code for r in derive(answers)}
    for e in all_elements(frameworks[name]):
        trace = e["trace"]
        assert trace["requirements"] or trace["answers"], e["id"]
        assert set(trace["requirements"]) <= codes, e["id"]
        # Only questions that were actually answered are cited.
        assert set(trace["answers"]) <= set(answers), e["id"]


@pytest.mark.parametrize("name", SCENARIOS)
def test_json_serializable_and_deterministic(frameworks, name):
    first = json.dumps(frameworks[name], sort_keys=False)
    again = json.dumps(generate(SCENARIOS[name]), sort_keys=False)
    assert first == again
    assert json.loads(first) == frameworks[name]


def test_unknown_requirements_and_empty_answers_do_not_break_generation():
    fw = generate_framework({}, [])
    assert [s["key"] for s in fw["sections"]] == list(SECTION_KEYS)
    json.dumps(fw)


def test_consultant_edits_flow_into_the_framework():
    reqs = requirements_from_derived(derive(NORTHWIND))
    edited = [
        replace(r, title="HubSpot: company timeline shows tickets") if r.code == "FR-INT-001" else r
        for r in reqs
    ]
    fw = generate_framework(NORTHWIND, edited)
    hub = elements(fw, "architecture")["architecture.integration.crm.hubspot"]
    assert {
        "code": "FR-INT-001",
        "title": "HubSpot: company timeline shows tickets",
        "priority": "must",
    } in hub["data"]["satisfies"]


def test_dismissed_requirement_disappears_from_traces():
    reqs = [r for r in requirements_from_derived(derive(NORTHWIND)) if r.code != "FR-INT-001"]
    fw = generate_framework(NORTHWIND, reqs)
    assert all("FR-INT-001" not in e["trace"]["requirements"] for e in all_elements(fw))


# --- Summary ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "figures"),
    [
        ("northwind", ["1,200", "150", "1,350", "18 h", "2 h", "78%", "90%", "2,400", "3,000"]),
        ("verde", ["1,500", "4,000", "14 people", "35%", "4×", "180,000", "$25"]),
        ("contoso", ["2,800", "12 people", "40%", "3,500", "ISO 27001", "60%", "75%"]),
        ("harbor", ["24/7", "HIPAA", "BAA", "25,000"]),
        ("pixelpress", ["80", "2 people", "free or open source", "150"]),
    ],
)
def test_summary_mentions_the_clients_key_figures(frameworks, name, figures):
    text = " ".join(e["text"] for e in section(frameworks[name], "summary")["elements"])
    for figure in figures:
        assert figure in text, figure


def test_summary_has_the_five_parts(frameworks):
    assert list(elements(frameworks["verde"], "summary")) == [
        "summary.challenge",
        "summary.context",
        "summary.audience",
        "summary.success",
        "summary.constraints",
    ]


# --- Architecture and diagram ----------------------------------------------------------------


def test_microsoft_shop_gets_teams_and_azure(frameworks):
    fw = frameworks["contoso"]
    arch = elements(fw, "architecture")
    teams = arch["architecture.integration.communication.teams"]
    assert teams["data"]["direction"] == "both"
    assert "tickets raised from the chat" in teams["data"]["flows_in"]
    assert "FR-INT-007" in teams["trace"]["requirements"]
    assert "architecture.channel.teams" in arch
    scal = section(fw, "scalability")
    assert scal["provider"] == "azure"
    cloud = elements(fw, "scalability")["scalability.cloud"]
    assert "Microsoft Teams" in cloud["text"]
    assert "Entra ID" in cloud["text"]
    products = [e["data"].get("product", "") for e in scal["elements"]]
    assert any(p.startswith("Azure") for p in products)
    assert "Microsoft Teams" in arch["architecture.integration.communication.teams"]["title"]


def test_hubspot_user_gets_the_integration_and_platforms_scored_for_it(frameworks):
    fw = frameworks["northwind"]
    hub = elements(fw, "architecture")["architecture.integration.crm.hubspot"]
    assert hub["data"]["direction"] == "both"
    assert "integrations.hubspot_objects" in hub["trace"]["answers"]
    assert {"FR-INT-001", "FR-INT-003"} <= set(hub["trace"]["requirements"])
    approach = elements(fw, "tools")["tools.integration.crm.hubspot"]
    assert set(approach["data"]["by_platform"]) == {
        e["data"]["platform_id"]
        for e in section(fw, "tools")["elements"]
        if e["kind"] == "platform"
    }
    for pid, how in approach["data"]["by_platform"].items():
        native = "hubspot" in PLATFORMS_BY_ID[pid].integrations
        assert (how["approach"] == "native") == native
    matrix = elements(fw, "tools")["tools.matrix"]["data"]
    assert all("HubSpot" in row["reasons"]["integrations"] for row in matrix["rows"])


@pytest.mark.parametrize("name", SCENARIOS)
def test_diagram_is_well_formed_self_contained_svg(frameworks, name):
    svg = section(frameworks[name], "architecture")["diagram_svg"]
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox", "").startswith("0 0 ")
    tags = {el.tag.removeprefix(SVG_NS) for el in root.iter()}
    assert {"rect", "text", "path", "marker"} <= tags
    assert not tags & {"image", "script", "foreignObject", "style", "use"}
    lowered = svg.lower()
    assert "href" not in lowered
    assert "<script" not in lowered
    assert "url(http" not in lowered
    assert "sans-serif" in svg
    assert any(el.get("marker-end") for el in root.iter(f"{SVG_NS}path"))
    labels = " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    for channel in SCENARIOS[name].get("context.channels", []):
        label = {
            "messaging": "WhatsApp",
            "in_person": "In person",
            "portal": "Ticket portal",
            "chat": "Live chat",
            "social": "Social",
        }.get(channel, channel.capitalize())
        assert label in labels, label


def test_diagram_viewbox_grows_with_components(frameworks):
    def height(name):
        root = ET.fromstring(section(frameworks[name], "architecture")["diagram_svg"])  # noqa: S314
        return float(root.get("viewBox").split()[3])

    assert height("verde") > height("pixelpress")


def test_hostile_free_text_is_escaped_in_the_diagram():
    hostile = '<script>alert("x")</script> & <image href="http://evil/x.png"/>'
    answers = {
        **VERDE,
        "integrations.billing_system": hostile,
        "context.tools": ["zendesk", "other"],
        "context.tools_other": "<script>bad()</script>",
        "context.phone_system": "PBX \x01 <b>",
    }
    fw = generate(answers)
    svg = section(fw, "architecture")["diagram_svg"]
    root = ET.fromstring(svg)  # noqa: S314
    tags = {el.tag.removeprefix(SVG_NS) for el in root.iter()}
    assert not tags & {"script", "image", "b"}
    assert "<script" not in svg
    assert "<image" not in svg
    assert "&lt;script&gt;" in svg
    texts = " ".join("".join(el.itertext()) for el in root.iter(f"{SVG_NS}title"))
    assert '<script>alert("x")</script>' in texts  # the full label survives, as text
    # Elsewhere the free text stays plain text for the templates to escape.
    billing = elements(fw, "architecture")["architecture.integration.billing"]
    assert billing["data"]["system"] == hostile
    json.dumps(fw)


# --- Tools -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_prices_carry_source_checked_date_and_verified_flag(frameworks, name):
    tools = section(frameworks[name], "tools")
    shortlist = [e for e in tools["elements"] if e["kind"] == "platform"]
    assert 1 <= len(shortlist) <= 3
    rows = elements(frameworks[name], "tools")["tools.matrix"]["data"]["rows"]
    for licence in [e["data"]["licence"] for e in shortlist] + [r["licence"] for r in rows]:
        assert set(licence) >= {"source", "checked", "verified", "price_text", "by_quote"}
        if licence["by_quote"]:
            words = "price on the vendor's page" if licence["published"] else "by quote"
            assert words in licence["price_text"]
        else:
            assert licence["source"]
            assert licence["checked"]
            assert ("unverified" in licence["price_text"]) == (not licence["verified"])


def test_shortlist_of_three_with_reasons_and_yearly_cost(frameworks):
    fw = frameworks["northwind"]
    shortlist = [e for e in section(fw, "tools")["elements"] if e["kind"] == "platform"]
    assert [e["data"]["rank"] for e in shortlist] == [1, 2, 3]
    agents = elements(fw, "staffing")["staffing.total"]["data"]["headcount"]
    for e in shortlist:
        assert e["data"]["reasons"]
        assert e["data"]["licence"]["agents"] == agents
    rejected = [e for e in section(fw, "tools")["elements"] if e["kind"] == "rejected_platform"]
    assert rejected
    assert all(e["data"]["reason"] for e in rejected)


def test_self_hosting_client_gets_no_cloud_only_platform(frameworks):
    shortlist = [
        e["data"]["platform_id"]
        for e in section(frameworks["harbor"], "tools")["elements"]
        if e["kind"] == "platform"
    ]
    assert shortlist
    assert not [p for p in shortlist if PLATFORMS_BY_ID[p].cloud_only]
    residency = {**NORTHWIND, "scale.data_residency": "in_country"}
    fw = generate(residency)
    ids = [
        e["data"]["platform_id"]
        for e in section(fw, "tools")["elements"]
        if e["kind"] == "platform"
    ]
    assert not [p for p in ids if PLATFORMS_BY_ID[p].cloud_only]
    assert "in country" in section(fw, "architecture")["diagram_svg"]


def test_tiny_budget_gets_free_or_low_cost_options(frameworks):
    shortlist = [
        e for e in section(frameworks["pixelpress"], "tools")["elements"] if e["kind"] == "platform"
    ]
    assert shortlist
    for e in shortlist:
        licence = e["data"]["licence"]
        assert not licence["by_quote"]
        assert licence["monthly_per_agent"] is not None
        assert licence["monthly_per_agent"] <= 25


def test_integration_approach_uses_the_clients_ipaas(frameworks):
    tools = elements(frameworks["verde"], "tools")
    shopify = tools["tools.integration.ecommerce.shopify"]["data"]["by_platform"]
    assert {how["approach"] for how in shopify.values()} <= {"native", "ipaas"}
    assert any(how["via"] == "Zapier" for how in shopify.values())
    assert "Shopify" in tools["tools.automation"]["text"]


# --- Workflow and staffing -------------------------------------------------------------------


def test_coverage_247_changes_sla_clocks_and_staffing():
    business = generate(NORTHWIND)
    always = generate({**NORTHWIND, "context.coverage": "24x7", "context.coverage_detail": None})
    assert section(business, "workflow")["sla_clock"] == "business_hours"
    assert section(always, "workflow")["sla_clock"] == "24x7"
    p1_business = elements(business, "workflow")["workflow.sla.p1"]
    p1_always = elements(always, "workflow")["workflow.sla.p1"]
    assert "business hours" in p1_business["text"]
    assert "24/7" in p1_always["text"]
    staff_b = elements(business, "staffing")["staffing.total"]["data"]
    staff_a = elements(always, "staffing")["staffing.total"]["data"]
    assert staff_a["coverage"] == "24x7"
    assert staff_a["headcount"] > staff_b["headcount"]
    assert staff_a["coverage_floor"] > staff_b["coverage_floor"]


def test_sla_targets_follow_kpi_and_contract_answers(frameworks):
    northwind = elements(frameworks["northwind"], "workflow")
    assert northwind["workflow.sla.p3"]["data"]["first_response_hours"] == 2  # FRT target 2 h
    harbor = elements(frameworks["harbor"], "workflow")
    assert "critical availability" in harbor["workflow.sla.p1"]["data"]["adjusted_for"]
    contract = generate({**NORTHWIND, "audience.contract_slas": "yes"})
    faster = elements(contract, "workflow")["workflow.sla.p1"]["data"]
    assert faster["first_response_hours"] < northwind["workflow.sla.p1"]["data"]["resolution_hours"]
    assert "contractual SLAs" in faster["adjusted_for"]
    for fw in frameworks.values():
        rows = [
            e["data"]
            for e in section(fw, "workflow")["elements"]
            if e["id"].startswith("workflow.sla.p")
        ]
        firsts = [r["first_response_hours"] for r in rows]
        assert firsts == sorted(firsts), "higher priority never waits longer"
        assert all(r["first_response_hours"] <= r["resolution_hours"] for r in rows)


def test_workflow_has_tiers_escalation_prioritization_and_handoffs(frameworks):
    wf = elements(frameworks["northwind"], "workflow")
    assert {
        "workflow.tier.self_service",
        "workflow.tier.l1",
        "workflow.tier.l2",
        "workflow.tier.l3",
    } <= set(wf)
    assert "Jira Software" in wf["workflow.tier.l3"]["text"]
    assert len(wf["workflow.prioritization"]["data"]["matrix"]) == 9
    assert "workflow.handoff.dev_tracker.jira_software" in wf
    assert "Waiting on engineering (Jira Software)" in wf["workflow.lifecycle"]["text"]


def test_staffing_section_reports_erlang_and_workload_channels(frameworks):
    st = elements(frameworks["verde"], "staffing")
    phone = st["staffing.channel.phone"]["data"]
    assert phone["method"] == "erlang_a"
    assert 1 <= phone["erlang"]["agents_on_floor"] <= phone["erlang"]["erlang_c_agents"]
    assert (
        st["staffing.total"]["data"]["headcount_erlang_c"]
        >= st["staffing.total"]["data"]["headcount"]
    )
    rows = st["staffing.schedule"]["data"]["rows"]
    # Someone is on shift in every covered half hour of the busiest day.
    assert rows
    assert all(r["scheduled"] >= 1 for r in rows)
    assert st["staffing.peak"]["data"]["factor"] == 4
    assert st["staffing.channel.email"]["data"]["method"] == "workload"
    labels = [p["label"] for p in st["staffing.sensitivity"]["data"]["points"]]
    assert labels == ["−20% volume", "+20% volume"]  # the peak is planned as its own days
    assert st["staffing.assumptions"]["data"]["assumptions"]


# --- Scalability, metrics, action plan -------------------------------------------------------


def test_growth_uses_the_12_and_36_month_volumes_and_peak(frameworks):
    growth = elements(frameworks["verde"], "scalability")["scalability.growth"]["data"]
    assert [p["month"] for p in growth["points"]] == [0, 12, 36]
    assert [p["monthly_volume"] for p in growth["points"]] == [4000, 5000, 7000]
    assert growth["points"][1]["peak_monthly_volume"] == 20000
    agents = [p["agents"] for p in growth["points"]]
    assert agents == sorted(agents)


def test_self_hosted_critical_client_gets_full_building_blocks(frameworks):
    scal = elements(frameworks["harbor"], "scalability")
    blocks = {e["data"]["block"] for e in scal.values() if e["kind"] == "building_block"}
    assert {
        "load_balancer",
        "managed_postgresql",
        "backups",
        "multi_zone",
        "multi_region",
    } <= blocks
    assert section(frameworks["harbor"], "scalability")["provider"] == "aws"
    for e in scal.values():
        if e["kind"] == "building_block":
            assert e["data"]["source"]
            assert e["data"]["checked"]


def test_kpi_targets_interpolate_toward_the_clients_target(frameworks):
    csat = elements(frameworks["northwind"], "metrics")["metrics.kpi.csat"]["data"]
    by_horizon = {t["horizon"]: t for t in csat["targets"]}
    assert by_horizon["medium"]["value"] == 90  # the client's target at its horizon
    assert 78 < by_horizon["short"]["value"] < 90  # interpolated from the 78% baseline
    assert by_horizon["short"]["basis"].startswith("interpolated")
    assert by_horizon["long"]["value"] == 90
    assert csat["benchmarks"]
    assert csat["benchmarks"][0]["source"]
    frt = elements(frameworks["northwind"], "metrics")["metrics.kpi.first_response_time"]["data"]
    assert frt["targets"][0]["value"] == 2
    assert frt["review_cadence"] == "monthly"
    no_baseline = elements(frameworks["verde"], "metrics")["metrics.kpi.csat"]["data"]
    assert no_baseline["targets"][0]["value"] is None


def test_action_plan_fits_the_timeline_with_milestones_and_risks(frameworks):
    # Northwind's three people move in within weeks; the others run a programme.
    for name, weeks in (("verde", 13), ("northwind", 6), ("contoso", 52)):
        plan = elements(frameworks[name], "action_plan")
        phases = [
            e["data"] for e in plan.values() if e["kind"] == "phase" and "end_week" in e["data"]
        ]
        assert phases[-1]["end_week"] == weeks
        assert all(p["owners"] for p in phases)
    verde = elements(frameworks["verde"], "action_plan")
    assert {
        "action_plan.risk.migration",
        "action_plan.risk.peak",
        "action_plan.risk.compliance",
        "action_plan.risk.integrations",
    } <= set(verde)
    assert "Zendesk" in verde["action_plan.risk.migration"]["text"]
    assert "CSAT" in verde["action_plan.milestone.medium"]["text"]
    assert "action_plan.improvement_loop" in verde


# --- Diff ------------------------------------------------------------------------------------


def test_diff_of_identical_frameworks_is_empty(frameworks):
    report = diff_frameworks(frameworks["northwind"], generate(NORTHWIND))
    assert not report["has_changes"]
    assert report["counts"] == {"added": 0, "removed": 0, "changed": 0}


def test_diff_detects_added_removed_and_changed():
    old = generate(NORTHWIND)
    answers = {**NORTHWIND, "integrations.communication": ["teams"], "scale.volume_now": 1500}
    new = generate(answers)
    report = diff_frameworks(old, new)
    assert report["has_changes"]
    arch = next(s for s in report["sections"] if s["key"] == "architecture")
    assert "architecture.integration.communication.teams" in {e["id"] for e in arch["added"]}
    assert "architecture.integration.communication.slack" in {e["id"] for e in arch["removed"]}
    assert "diagram_svg" in arch["section_fields"]
    summary = next(s for s in report["sections"] if s["key"] == "summary")
    constraints = next(c for c in summary["changed"] if c["id"] == "summary.constraints")
    assert "text" in constraints["fields"]
    assert "data.volume_now" in constraints["fields"]
    assert arch["status"] == "changed"


def test_diff_reports_whole_sections_and_catalogue_versions(frameworks):
    old = json.loads(json.dumps(frameworks["pixelpress"]))
    new = json.loads(json.dumps(frameworks["pixelpress"]))
    new["sections"] = [s for s in new["sections"] if s["key"] != "metrics"]
    new["catalogue_versions"]["platforms"] = "2099.1.1"
    report = diff_frameworks(old, new)
    metrics = next(s for s in report["sections"] if s["key"] == "metrics")
    assert metrics["status"] == "removed"
    assert metrics["removed"]
    assert report["catalogue_versions"]["platforms"]["new"] == "2099.1.1"
    back = diff_frameworks(new, old)
    assert next(s for s in back["sections"] if s["key"] == "metrics")["status"] == "added"


def _integration_purposes(fw: dict[str, Any]) -> dict[str, str]:
    return {
        e["data"]["system"]: e["data"]["purpose"]
        for e in section(fw, "architecture")["elements"]
        if e["kind"] == "integration"
    }


def test_each_other_system_keeps_its_own_purpose(frameworks):
    # Verde says what Shopify, Stripe and the phone system must each do.
    purposes = _integration_purposes(frameworks["verde"])
    assert purposes["Shopify"] == VERDE["integrations.ecommerce_purpose"]
    assert purposes["Stripe"] == VERDE["integrations.billing_purpose"]
    assert purposes["Telephony"] == VERDE["integrations.telephony_purpose"]
    assert (
        _integration_purposes(frameworks["northwind"])["Jira Software"]
        == (NORTHWIND["integrations.dev_tracker_purpose"])
    )
    # A system whose purpose was not asked yet says nothing in the client's name.
    quiet = generate({**VERDE, "integrations.telephony_purpose": None})
    assert _integration_purposes(quiet)["Telephony"] == ""


# --- The current team ------------------------------------------------------------------------

# A service provider whose 25 technicians also visit sites: the model, fed assumed handle
# times, needs far fewer people than the team has.
PROVIDER = {
    "context.tools": ["none"],
    "context.channels": ["email", "phone", "portal"],
    "context.volume_email": 1500,
    "context.volume_phone": 600,
    "context.volume_portal": 400,
    "context.team_size": 25,
    "context.coverage": "business_hours",
    "audience.type": "external",
    "audience.market": "b2b",
    "scale.volume_now": 2500,
    "scale.budget": "moderate",
}


def test_a_team_larger_than_the_model_is_never_told_to_shrink():
    fw = generate(PROVIDER)
    total = elements(fw, "staffing")["staffing.total"]
    assert total["data"]["headcount"] < 25
    assert total["data"]["team_comparison"] == "above"
    text = total["text"]
    assert "could move" not in text
    assert "not a case for a smaller team" in text
    # The assumed inputs that drive the figure are named, the biggest first.
    assert "6 min a contact on phone" in text
    assert text.index("on phone") < text.index("on email")
    assert "shrinkage" in text
    assert total["data"]["assumed_inputs"]
    # Every technician still needs a seat: licences follow the team, not the model.
    basis = elements(fw, "tools")["tools.licence_basis"]
    assert basis["data"]["agents"] == 25
    assert "the team today" in basis["text"]


def test_a_stated_handle_time_is_not_called_assumed():
    fw = generate({**PROVIDER, "context.phone_aht": 9})
    assumed = elements(fw, "staffing")["staffing.total"]["data"]["assumed_inputs"]
    assert not any("on phone" in a for a in assumed)
    assert any("on email" in a for a in assumed)


@pytest.mark.parametrize(
    ("team", "status"),
    [(None, "unknown"), (2, "close"), (3, "matches"), (4, "close"), (1, "short"), (6, "above")],
)
def test_the_team_is_compared_with_the_plan_within_a_stated_margin(team, status):
    """Northwind's 1,350 contacts a month by email and chat in business hours need 3 people
    (one always on duty, chat blended with email); the margin is max(1, 25% of the team)."""
    answers = {k: v for k, v in NORTHWIND.items() if k != "context.team_size"}
    if team is not None:
        answers["context.team_size"] = team
    total = elements(generate(answers), "staffing")["staffing.total"]
    assert total["data"]["headcount"] == 3
    assert total["data"]["team_comparison"] == status
    if status == "short" or (status == "close" and team < 3):
        assert "before hiring" in total["text"].lower()
    if status == "close":
        assert "25% margin" in total["text"]
