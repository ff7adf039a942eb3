"""Every answer added in bank 2026.12.1 drives a requirement: a table of answers → the codes
they must derive, each rendering only what was answered (no "(not stated)")."""

from __future__ import annotations

from typing import Any

import pytest

from requirements_app.engine import NOT_ANSWERED, derive

B2B_PROVIDER = {
    "audience.type": "external",
    "audience.market": "b2b",
    "audience.service_provider": "yes",
}

CASES: list[tuple[str, dict[str, Any], set[str]]] = [
    (
        "community",
        {"context.channels": ["community"], "context.community_platforms": ["discord"]},
        {"FR-CHN-013"},
    ),
    (
        "app reviews",
        {"context.channels": ["app_reviews"], "context.app_stores": ["google_play"]},
        {"FR-CHN-014"},
    ),
    ("monitoring alerts", {"context.channels": ["monitoring"]}, {"FR-CHN-015", "FR-INT-008"}),
    ("sms", {"context.channels": ["messaging"], "context.messaging_apps": ["sms"]}, {"FR-CHN-016"}),
    (
        "field staff",
        {"context.team_size": 9, "context.team_roles": [{"role": "field", "people": 4}]},
        {"FR-TKT-012"},
    ),
    (
        "seasonal staff",
        {
            "context.team_size": 9,
            "context.team_roles": [{"role": "front_line", "people": 9, "employment": "seasonal"}],
        },
        {"NFR-CST-004"},
    ),
    (
        "other departments",
        {"context.team_size": 3, "context.team_roles": [{"role": "other_dept", "people": 3}]},
        {"FR-PRI-007"},
    ),
    (
        "volunteers",
        {"context.team_size": 3, "context.team_roles": [{"role": "volunteer", "people": 3}]},
        {"NFR-SEC-010"},
    ),
    (
        "two calendars",
        {
            "context.coverage": "extended",
            "context.calendars": [{"name": "Patients"}, {"name": "Staff"}],
        },
        {"FR-SLA-005"},
    ),
    (
        "follow the sun",
        {"context.coverage": "24x7", "context.follow_the_sun": "yes"},
        {"FR-PRI-008", "NFR-LOC-003"},
    ),
    (
        "partners",
        {"context.outsourced": "part", "context.partners": [{"name": "Acme", "share": 30}]},
        {"FR-TKT-013", "FR-RPT-025"},
    ),
    ("fully outsourced", {"context.outsourced": "all"}, {"FR-RPT-025"}),
    (
        "workforce management",
        {"context.channels": ["phone"], "context.team_size": 250},
        {"FR-RPT-026", "FR-RPT-027"},
    ),
    (
        "24/7 contract, business-hours desk",
        {
            "audience.type": "external",
            "audience.market": "b2b",
            "audience.contract_slas": "yes",
            "audience.contracts": [{"name": "Premium", "hours": "24x7"}],
            "context.coverage": "business_hours",
        },
        {"FR-PRI-005"},
    ),
    ("service provider", B2B_PROVIDER, {"FR-TKT-014", "FR-TKT-008"}),
    (
        "branded portals",
        {**B2B_PROVIDER, "audience.customer_needs": ["branded_portal"]},
        {"FR-KB-006"},
    ),
    ("own sla", {**B2B_PROVIDER, "audience.customer_needs": ["own_sla"]}, {"FR-SLA-004"}),
    (
        "dedicated team",
        {**B2B_PROVIDER, "audience.customer_needs": ["dedicated_team"]},
        {"FR-PRI-009", "NFR-SEC-011"},
    ),
    ("own reports", {**B2B_PROVIDER, "audience.customer_needs": ["own_reports"]}, {"FR-RPT-021"}),
    (
        "separate data",
        {**B2B_PROVIDER, "audience.customer_needs": ["separate_data"]},
        {"NFR-SEC-011"},
    ),
    (
        "own catalogue",
        {**B2B_PROVIDER, "audience.customer_needs": ["own_catalogue"]},
        {"FR-ITS-007"},
    ),
    (
        "customer approvals",
        {**B2B_PROVIDER, "audience.customer_needs": ["approvals"]},
        {"FR-ITS-008"},
    ),
    ("time tracking", {**B2B_PROVIDER, "audience.time_tracking": "internal"}, {"FR-TKT-015"}),
    (
        "billing",
        {
            **B2B_PROVIDER,
            "audience.time_tracking": "billable",
            "audience.billing_models": ["per_hour"],
        },
        {"FR-TKT-015", "FR-INT-016"},
    ),
    ("hour blocks", {**B2B_PROVIDER, "audience.billing_models": ["block_hours"]}, {"FR-TKT-016"}),
    (
        "contracts",
        {
            "audience.type": "external",
            "audience.market": "b2b",
            "audience.contract_slas": "yes",
            "audience.contracts": [{"name": "Gold", "response": 1}],
        },
        {"FR-SLA-006", "FR-SLA-004"},
    ),
    ("two languages", {"audience.languages": ["en", "es"]}, {"FR-PRI-010", "NFR-LOC-001"}),
    ("right to left", {"audience.languages": ["en", "ar"]}, {"NFR-LOC-004"}),
    ("sign language", {"audience.languages": ["en", "ase"]}, {"FR-CHN-017"}),
    (
        "live-queue kpis",
        {"metrics.kpis": ["asa"], "metrics.asa.baseline": {"value": 90, "unit": "s"}},
        {"FR-RPT-022"},
    ),
    (
        "live-queue horizon",
        {"metrics.kpis": ["abandonment_rate"], "metrics.abandonment_rate.horizon": "short"},
        {"FR-RPT-022", "FR-RPT-024"},
    ),
    (
        "channel shift",
        {
            "metrics.kpis": ["channel_shift"],
            "metrics.channel_shift.mix": [{"channel": "phone", "now": 70, "target": 40}],
        },
        {"FR-RPT-023"},
    ),
    ("peak months", {"scale.peak_factor": 3, "scale.peak_months": ["nov", "dec"]}, {"NFR-SCL-010"}),
    (
        "spikes",
        {"scale.spikes_known": "yes", "scale.spikes": [{"cause": "launch", "factor": 10}]},
        {"NFR-SCL-011"},
    ),
    ("predictable ai", {"scale.cost_sensitivity": ["ai_usage"]}, {"NFR-CST-005"}),
    ("per agent", {"scale.cost_sensitivity": ["per_agent"]}, {"NFR-CST-004"}),
    ("monthly terms", {"scale.cost_sensitivity": ["monthly_terms"]}, {"NFR-CST-006"}),
    ("one off", {"scale.cost_sensitivity": ["one_off"]}, {"NFR-CST-007"}),
    ("discounts", {"scale.cost_sensitivity": ["discount"]}, {"NFR-CST-008"}),
    (
        "named residency",
        {
            "scale.obligations": ["residency"],
            "scale.data_residency": "named",
            "scale.residency_places": ["CA"],
        },
        {"NFR-DAT-005", "NFR-SEC-018"},
    ),
    (
        "retention",
        {
            "scale.obligations": ["retention"],
            "scale.retention": [
                {"records": "calls", "rule": "delete_after", "keep": 90, "period": "days"}
            ],
        },
        {"NFR-DAT-006"},
    ),
    (
        "accessibility",
        {"scale.obligations": ["accessibility"], "scale.accessibility_laws": ["section508"]},
        {"NFR-UX-009", "NFR-UX-007"},
    ),
    ("ferpa", {"scale.obligations": ["sector"], "scale.sector_rules": ["ferpa"]}, {"NFR-SEC-012"}),
    ("glba", {"scale.obligations": ["sector"], "scale.sector_rules": ["glba"]}, {"NFR-SEC-013"}),
    (
        "sox",
        {"scale.obligations": ["sector"], "scale.sector_rules": ["sox"]},
        {"FR-ITS-004", "NFR-SEC-005"},
    ),
    (
        "sec finra",
        {"scale.obligations": ["sector"], "scale.sector_rules": ["finra_sec"]},
        {"NFR-DAT-007"},
    ),
    ("fca", {"scale.obligations": ["sector"], "scale.sector_rules": ["fca"]}, {"FR-TKT-017"}),
    ("bacen", {"scale.obligations": ["sector"], "scale.sector_rules": ["bacen"]}, {"FR-TKT-018"}),
    ("dora", {"scale.obligations": ["sector"], "scale.sector_rules": ["dora"]}, {"NFR-AVL-007"}),
    ("nis2", {"scale.obligations": ["sector"], "scale.sector_rules": ["nis2"]}, {"NFR-SEC-014"}),
    (
        "fedramp",
        {"scale.obligations": ["sector"], "scale.sector_rules": ["fedramp"]},
        {"NFR-SEC-015"},
    ),
    ("cjis", {"scale.obligations": ["sector"], "scale.sector_rules": ["cjis"]}, {"NFR-SEC-016"}),
    (
        "public records",
        {"scale.obligations": ["sector"], "scale.sector_rules": ["public_records"]},
        {"NFR-DAT-008"},
    ),
    (
        "other obligation",
        {
            "scale.obligations": ["other"],
            "scale.obligations_other": "State auditor reviews every call recording.",
        },
        {"NFR-SEC-017"},
    ),
    (
        "other systems each",
        {
            "integrations.other": ["monitoring"],
            "integrations.monitoring_purpose": "Open incidents.",
            "integrations.monitoring_direction": "to_helpdesk",
        },
        {"FR-INT-013"},
    ),
    (
        "named systems",
        {"integrations.systems": [{"name": "Canvas", "class": "lms", "purpose": "course context"}]},
        {"FR-INT-024", "FR-INT-021"},
    ),
    ("ehr", {"integrations.systems": [{"name": "Epic", "class": "ehr"}]}, {"FR-INT-017"}),
    ("rmm", {"integrations.systems": [{"name": "NinjaOne", "class": "rmm"}]}, {"FR-INT-018"}),
    ("psa", {"integrations.systems": [{"name": "HaloPSA", "class": "psa"}]}, {"FR-INT-019"}),
    ("gis", {"integrations.systems": [{"name": "ArcGIS", "class": "gis"}]}, {"FR-INT-020"}),
    (
        "accounting",
        {"integrations.systems": [{"name": "Xero", "class": "accounting"}]},
        {"FR-INT-022"},
    ),
    (
        "field service",
        {"integrations.systems": [{"name": "FieldPulse", "class": "field_service"}]},
        {"FR-INT-023"},
    ),
    ("hr", {"integrations.systems": [{"name": "Workday", "class": "hr"}]}, {"FR-INT-025"}),
    (
        "records",
        {"integrations.systems": [{"name": "Laserfiche", "class": "records"}]},
        {"FR-INT-026"},
    ),
    (
        "community system",
        {"integrations.systems": [{"name": "Discourse", "class": "community"}]},
        {"FR-CHN-013"},
    ),
]


@pytest.mark.parametrize(
    ("answers", "codes"), [(a, c) for _n, a, c in CASES], ids=[n for n, _a, _c in CASES]
)
def test_each_new_answer_derives_its_requirements(answers, codes):
    derived = {r.code: r for r in derive(answers)}
    assert codes <= set(derived), codes - set(derived)
    for code in codes:
        requirement = derived[code]
        text = " ".join(
            (requirement.title, requirement.description, *requirement.acceptance_criteria)
        )
        assert NOT_ANSWERED not in text, (code, text)
        assert "[[" not in text
        assert "]]" not in text
        assert requirement.acceptance_criteria


def test_named_systems_quote_each_system_where_it_belongs():
    answers = {
        "integrations.systems": [
            {
                "name": "Epic",
                "class": "ehr",
                "purpose": "show the patient on the ticket",
                "direction": "to_helpdesk",
            },
            {"name": "NinjaOne", "class": "rmm", "purpose": "alerts become tickets"},
        ]
    }
    derived = {r.code: r for r in derive(answers)}
    assert derived["FR-INT-017"].title == "EHR integration: Epic"
    assert "NinjaOne" not in derived["FR-INT-017"].description
    assert derived["FR-INT-018"].title == "Device management and monitoring: NinjaOne"
    assert (
        "Epic (EHR / health records): show the patient on the ticket"
        in derived["FR-INT-024"].description
    )
    assert (
        "NinjaOne (RMM / device management): alerts become tickets"
        in derived["FR-INT-024"].description
    )


def test_a_sentence_about_an_unanswered_detail_is_left_out():
    bare = {r.code: r for r in derive({"context.channels": ["community"]})}["FR-CHN-013"]
    assert bare.title == "Community platform as a support channel"
    full = {
        r.code: r
        for r in derive(
            {
                "context.channels": ["community"],
                "context.community_platforms": ["discord"],
                "context.volume_community": 300,
            }
        )
    }["FR-CHN-013"]
    assert full.title == "Community platform as a support channel: Discord"
    assert "about 300 / month posts a month" not in full.description
    assert full.priority == "must"


def test_the_old_shared_sentences_no_longer_say_not_stated():
    derived = {
        r.code: r
        for r in derive({"context.coverage": "24x7", "audience.regions": ["europe", "apac"]})
    }
    for code in ("FR-PRI-005", "NFR-LOC-003", "NFR-AVL-004"):
        assert NOT_ANSWERED not in derived[code].description, code


def test_a_shop_platform_answered_other_is_not_printed_as_its_name():
    from requirements_app.engine import derive

    answers = {"integrations.other": ["ecommerce"], "integrations.ecommerce_platform": "other"}
    shop = next(r for r in derive(answers) if r.code == "FR-INT-010")
    assert shop.title == "Orders from the shop on the ticket"
    assert "Other" not in shop.description
    named = {**answers, "integrations.ecommerce_platform": "shopify"}
    assert next(r for r in derive(named) if r.code == "FR-INT-010").title == (
        "Orders from the shop (Shopify) on the ticket"
    )
