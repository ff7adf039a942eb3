"""One failing example per rule of the proposal check, each in its own test, beside the
corrected text that passes. `test_every_rule_has_its_test` keeps it that way."""

from __future__ import annotations

import sys

from discovery.bank import BANK
from frameworks.check import Severity, registry

from .helpers import check, el, evidence, framework

# --- text -----------------------------------------------------------------------------------


def test_rule_text_placeholder():
    bad = framework(
        el("summary.audience", "Languages: English and Other. Peaks of (not stated)×."),
        el("summary.context", "Today support runs on Zendesk.", data={"tools": ["None"]}),
    )
    result = check("text.placeholder", bad)
    assert {"Other", "(not stated)", "None"} <= set(evidence(result))
    assert result.findings[0].severity is Severity.BLOCKING
    assert result.findings[0].element_id == "summary.audience"
    good = framework(el("summary.audience", "Languages: English and Spanish. Other systems stay."))
    assert not check("text.placeholder", good).findings


def test_rule_text_placeholder_spares_the_clients_quoted_words():
    answers = {"objective.challenge_detail": "Nobody knows. N/A for now, TBD later."}
    fw = framework(
        el("summary.challenge", "In their words: “Nobody knows. N/A for now, TBD later.”")
    )
    assert not check("text.placeholder", fw, answers).findings


def test_rule_text_empty():
    assert evidence(check("text.empty", framework(el("summary.context", "  ")))) == ["text"]
    assert not check(
        "text.empty", framework(el("summary.context", "Support runs on email."))
    ).findings


def test_rule_text_cut():
    bad = framework(
        el("action_plan.phase.pilot", "Migrated from Phone line with … no dedicated tool."),
        el("tools.shortlist.x", "Fine.", title="Ticket history migrated from Phone line wi…"),
    )
    assert len(check("text.cut", bad).findings) == 2
    good = framework(el("summary.x", "Repetitive requests: “How do I…” questions."))
    assert not check("text.cut", good).findings


def test_rule_text_cut_spares_the_clients_quoted_words():
    answers = {
        "scale.spikes_known": "yes",
        "scale.spikes": [{"cause": "Black Friday", "factor": 10}],
    }
    fw = framework(
        el(
            "action_plan.risk.peak",
            "Overflow routing tested at 10× beforehand.",
            title="Spikes of 10× (“Black Friday” for 3 days) hit a system still settling",
        )
    )
    assert not check("text.cut", fw, answers).findings
    assert not check("text.sentence_case", fw, answers).findings


def test_rule_text_punctuation():
    bad = framework(
        el("summary.a", "Target () of 4 h."),
        el("summary.b", "Coverage: business hours, ."),
        el("summary.c", "Support runs on Zendesk.."),
    )
    assert len(check("text.punctuation", bad).findings) == 3
    good = framework(el("summary.a", "Targets: 4 h (median), e.g., email… and zendesk.com."))
    assert not check("text.punctuation", good).findings


def test_rule_text_raw_id():
    bad = framework(
        el("summary.a", "Budget: moderate; needs first_response_time and scale.budget.")
    )
    assert set(evidence(check("text.raw_id", bad))) == {"first_response_time", "scale.budget"}
    good = framework(el("summary.a", "Budget: moderate, first response time tracked."))
    assert not check("text.raw_id", good).findings


def test_rule_text_glued():
    answers = {
        "context.tools": ["other"],
        "context.tools_other": "Phone line with no ticketing tool",
    }
    bad = framework(
        el(
            "action_plan.phase.pilot",
            "History migrated from Phone line with no ticketing tool and checked.",
        )
    )
    assert evidence(check("text.glued", bad, answers)) == ["Phone line with no ticketing tool"]
    quoted = framework(el("x", "Today: “Phone line with no ticketing tool”."))
    bracketed = framework(el("x", "Today (Phone line with no ticketing tool)."))
    assert not check("text.glued", quoted, answers).findings
    assert not check("text.glued", bracketed, answers).findings


def test_rule_text_grammar():
    bad = framework(el("staffing.total", "0 agents: 0.0 FTE."), el("tools.basis", "For 1 agents."))
    assert evidence(check("text.grammar", bad)) == ["0 agents", "1 agents"]
    good = framework(el("staffing.total", "1 agent, 10 agents, 1.5 agents on average."))
    assert not check("text.grammar", good).findings


def test_rule_text_sentence_case():
    bad = framework(el("summary.a", "Support runs on email. and checked by hand."))
    assert check("text.sentence_case", bad).findings
    good = framework(el("summary.a", "Support runs on email, e.g. info@. It is checked daily."))
    assert not check("text.sentence_case", good).findings


def test_rule_text_doubled():
    bad = framework(el("workflow.handoff.crm", "The history shows on the the client's CRM record."))
    (found,) = evidence(check("text.doubled", bad))
    assert "on the the client's CRM" in found
    answers = {"objective.challenge_detail": "We wait and and wait."}
    good = framework(
        el("workflow.handoff.crm", "The history shows on the client's CRM record."),
        el("summary.challenge", "In their words: “We wait and and wait.” That that is so."),
    )
    assert not check("text.doubled", good, answers).findings


# --- sources --------------------------------------------------------------------------------

LICENCE = {"source": "zendesk.com/pricing", "checked": "2026-10-07", "verified": True}


def test_rule_source_internal():
    bad = framework(
        el(
            "metrics.kpi.csat",
            "CSAT.",
            kind="kpi",
            data={
                "definition_source": "Support Blueprint reference (domain-and-peers.md, table c)",
                "checked": "2026-11-27",
            },
        ),
        el(
            "workflow.sla.p1",
            "P1.",
            kind="sla",
            data={"source": "Django-CRM#590; libredesk#86", "checked": "2026-11-27"},
        ),
        el(
            "tools.x",
            "X.",
            data={
                "licence": {
                    "source": "api-evangelist/freshdesk (bulk-generated)",
                    "checked": "2026-05-01",
                }
            },
        ),
    )
    result = check("source.internal", bad)
    assert len(result.findings) == 3
    assert "our own reference notes" in result.findings[0].explanation
    assert "issue number" in result.findings[1].explanation
    good = framework(
        el(
            "metrics.kpi.csat",
            "CSAT.",
            data={"definition_source": "SQM Group, FCR benchmark 2022", "checked": "2026-11-27"},
        ),
        el("tools.x", "X.", data={"licence": LICENCE}),
    )
    assert not check("source.internal", good).findings


def test_rule_source_undated():
    bad = framework(el("tools.x", "X.", data={"licence": {"source": "zendesk.com/pricing"}}))
    assert evidence(check("source.undated", bad)) == ["zendesk.com/pricing"]
    assert not check(
        "source.undated", framework(el("tools.x", "X.", data={"licence": LICENCE}))
    ).findings


def test_rule_source_amount():
    bad = framework(
        el("tools.rejected.x", "Not shortlisted: $22,080 a year.", kind="rejected_platform")
    )
    assert evidence(check("source.amount", bad)) == ["$22,080"]
    sourced = framework(
        el("tools.rejected.x", "Not shortlisted: $22,080 a year.", data={"licence": LICENCE})
    )
    estimate = framework(
        el(
            "x",
            "About $4,000 a month.",
            data={"estimate": {"by": "consultant", "inputs": ["8 agents", "$500 each"]}},
        )
    )
    own = framework(
        el(
            "summary.constraints",
            "Budget: tight, up to about $25 per agent per month.",
            answers=["scale.budget"],
        )
    )
    assert not check("source.amount", sourced).findings
    assert not check("source.amount", estimate).findings
    assert not check("source.amount", own, {"scale.budget": "tight"}).findings


def test_rule_source_claim():
    bad = framework(
        el(
            "tools.integration.crm",
            "Native Zendesk integration (Salesforce, HubSpot).",
            kind="integration_approach",
        )
    )
    assert check("source.claim", bad).findings
    good = framework(
        el(
            "tools.integration.crm",
            "Native.",
            kind="integration_approach",
            data={"recommended": {"source": "zendesk.com/apps", "checked": "2026-10-07"}},
        )
    )
    assert not check("source.claim", good).findings


def test_rule_source_unverified():
    licence = {**LICENCE, "verified": False}
    bad = framework(el("tools.shortlist.x", "Licences: $1,920 a year.", data={"licence": licence}))
    assert evidence(check("source.unverified", bad)) == ["$1,920"]
    good = framework(
        el("tools.shortlist.x", "Licences: $1,920 a year (unverified).", data={"licence": licence})
    )
    assert not check("source.unverified", good).findings


def test_rule_source_benchmark_age():
    old = {
        "text": "Zendesk global CSAT 86% (March 2012)",
        "source": "Zendesk CSAT Index",
        "checked": "2026-11-27",
    }
    bad = framework(el("metrics.kpi.csat", "CSAT.", kind="kpi", data={"benchmarks": [old]}))
    result = check("source.benchmark_age", bad)
    assert result.findings
    assert "2012" in result.findings[0].explanation
    new = {**old, "text": "Average 78%", "published": 2024}
    assert not check(
        "source.benchmark_age", framework(el("m", "C.", data={"benchmarks": [new]}))
    ).findings


def test_rule_source_benchmark_undated():
    undated = {
        "text": "World-class: 85% or more",
        "source": "sqmgroup.com",
        "checked": "2026-11-27",
    }
    result = check(
        "source.benchmark_undated", framework(el("m", "C.", data={"benchmarks": [undated]}))
    )
    assert result.findings
    assert result.findings[0].severity is Severity.ADVISORY
    dated = {**undated, "published": 2022}
    assert not check(
        "source.benchmark_undated", framework(el("m", "C.", data={"benchmarks": [dated]}))
    ).findings


# --- constraints ----------------------------------------------------------------------------


def card(platform_id: str, name: str, **data: object) -> dict:
    return el(
        f"tools.shortlist.{platform_id}",
        f"#1 {name}.",
        kind="platform",
        title=name,
        data={"platform_id": platform_id, "name": name, **data},
    )


def test_rule_constraint_hosting():
    answers = {"scale.deployment": "cloud"}
    bad = framework(
        card(
            "zammad",
            "Zammad",
            deployment=["cloud", "self_hosted"],
            licence={"tier": "Self-hosted", "text": "hosting and administration not included"},
        ),
        el(
            "scalability.block.managed_postgresql",
            "Managed database.",
            kind="building_block",
            data={"block": "managed_postgresql"},
        ),
        el("scalability.cloud", "It hosts the help desk itself, since it is self-hosted."),
    )
    assert len(check("constraint.hosting", bad, answers).findings) == 3
    good = framework(
        card("zendesk", "Zendesk", deployment=["cloud"], licence={"tier": "Suite Team"})
    )
    assert not check("constraint.hosting", good, answers).findings
    self_hosted = {"scale.deployment": "self_hosted"}
    assert check("constraint.hosting", good, self_hosted).findings


def test_rule_constraint_residency():
    answers = {
        "scale.compliance": ["soc2"],
        "scale.data_residency": "us",
        "scale.deployment": "cloud",
    }
    bad = framework(card("zammad", "Zammad", licence={"tier": "Professional"}))
    result = check("constraint.residency", bad, answers)
    assert result.findings
    assert "German" in result.findings[0].explanation
    self_hosted = framework(card("zammad", "Zammad", licence={"tier": "Self-hosted"}))
    assert not check("constraint.residency", self_hosted, answers).findings


class _Signs:
    """A catalogue platform that says whether it signs a BAA."""

    def __init__(self, platform: object, baa: bool) -> None:
        self._platform, self.baa = platform, baa

    def __getattr__(self, name: str) -> object:
        return getattr(self._platform, name)


def test_rule_constraint_compliance(monkeypatch):
    from frameworks.catalogue import PLATFORMS_BY_ID

    answers = {"scale.compliance": ["hipaa"], "scale.hipaa_baa": "yes"}
    zendesk = PLATFORMS_BY_ID["zendesk"]
    monkeypatch.setitem(PLATFORMS_BY_ID, "zendesk", _Signs(zendesk, baa=False))
    assert check("constraint.compliance", framework(card("zendesk", "Zendesk")), answers).findings
    monkeypatch.setitem(PLATFORMS_BY_ID, "zendesk", _Signs(zendesk, baa=True))
    assert not check(
        "constraint.compliance", framework(card("zendesk", "Zendesk")), answers
    ).findings


def test_rule_constraint_compliance_unknown():
    answers = {"scale.compliance": ["soc2"], "scale.data_residency": "anywhere"}
    result = check("constraint.compliance_unknown", framework(card("zendesk", "Zendesk")), answers)
    if (
        getattr(
            __import__("frameworks.catalogue", fromlist=["x"]).PLATFORMS_BY_ID["zendesk"],
            "certifications",
            None,
        )
        is None
    ):
        assert result.findings
        assert result.findings[0].severity is Severity.ADVISORY
    assert not check(
        "constraint.compliance_unknown", framework(card("zendesk", "Zendesk")), {}
    ).findings


def test_rule_constraint_budget():
    answers = {"scale.budget": "moderate"}
    bad = framework(card("zendesk", "Zendesk", licence={"monthly_per_agent": 115}))
    assert check("constraint.budget", bad, answers).findings
    good = framework(card("zendesk", "Zendesk", licence={"monthly_per_agent": 55}))
    assert not check("constraint.budget", good, answers).findings
    # A range (plans our sources do not map): its cheapest plan is what must fit.
    ranged = {"monthly_per_agent": 115, "monthly_low": 40}
    assert not check(
        "constraint.budget", framework(card("zoho_desk", "Zoho Desk", licence=ranged)), answers
    ).findings
    over = {"monthly_per_agent": 150, "monthly_low": 90}
    assert check(
        "constraint.budget", framework(card("zoho_desk", "Zoho Desk", licence=over)), answers
    ).findings


def test_rule_constraint_budget_preference():
    answers = {"scale.budget": "minimal"}
    paid = framework(card("zendesk", "Zendesk", licence={"monthly_per_agent": 19}))
    result = check("constraint.budget_preference", paid, answers)
    assert result.findings
    assert result.findings[0].severity is Severity.ADVISORY
    free = framework(card("zammad", "Zammad", licence={"monthly_per_agent": 0}))
    assert not check("constraint.budget_preference", free, answers).findings


def test_rule_constraint_tool():
    keep = {"context.tools": ["intercom"], "context.tool_fate": "keep"}
    bad = framework(
        el("action_plan.phase.pilot", "Ticket history migrated from Intercom and checked."),
        el("tools.rejected.intercom", "Intercom (excluded).", kind="rejected_platform"),
    )
    assert len(check("constraint.tool", bad, keep).findings) == 2
    assert not check("constraint.tool", framework(card("intercom", "Intercom")), keep).findings
    replace = {"context.tools": ["zendesk"], "context.tool_fate": "replace"}
    assert check("constraint.tool", framework(card("zendesk", "Zendesk")), replace).findings


def test_rule_constraint_channel_gap():
    answers = {"context.channels": ["email", "chat"], "audience.type": "external"}
    bad = framework(card("jira_sm", "Jira Service Management"))  # chat only for employees
    assert evidence(check("constraint.channel_gap", bad, answers)) == ["Live chat"]
    assert not check(
        "constraint.channel_gap", framework(card("zendesk", "Zendesk")), answers
    ).findings


# --- scope ----------------------------------------------------------------------------------


def test_rule_scope_channel():
    answers = {"context.channels": ["email"]}
    bad = framework(el("workflow.prioritization", "Live contacts (phone, chat) are logged."))
    result = check("scope.channel", bad, answers)
    assert {"phone", "chat"} <= set(evidence(result))
    assert any("live chat" in f.explanation for f in result.findings)
    good = framework(
        el("workflow.prioritization", "Emails are prioritized on arrival; services call the API.")
    )
    assert not check("scope.channel", good, answers).findings
    with_chat = {"context.channels": ["email", "chat", "phone"]}
    assert not check("scope.channel", bad, with_chat).findings


def test_rule_scope_system():
    answers = {"audience.type": "external", "audience.market": "b2c", "context.channels": ["email"]}
    bad = framework(
        el(
            "workflow.prioritization",
            "High impact: many customers, or orders and payments failing.",
        )
    )
    assert evidence(check("scope.system", bad, answers)) == ["orders", "payments"]
    shop = {**answers, "integrations.other": ["ecommerce"]}
    assert not check("scope.system", bad, shop).findings
    idiom = framework(el("x", "Build them in order of value."))
    assert not check("scope.system", idiom, answers).findings


def test_rule_scope_audience():
    internal = {"audience.type": "internal"}
    bad = framework(el("workflow.prioritization", "High impact: many customers affected."))
    result = check("scope.audience", bad, internal)
    assert evidence(result) == ["customers"]
    assert "internal employees" in result.findings[0].explanation
    product = framework(el("x", "Ranked first: ServiceNow Customer Service Management."))
    assert not check("scope.audience", product, internal).findings
    assert not check("scope.audience", bad, {"audience.type": "external"}).findings


def test_rule_scope_language():
    answers = {"audience.languages": ["en", "es"]}
    bad = framework(el("architecture.knowledge_base", "Articles in English, Spanish and German."))
    assert evidence(check("scope.language", bad, answers)) == ["German"]
    good = framework(el("architecture.knowledge_base", "Articles in English and Spanish."))
    assert not check("scope.language", good, answers).findings


# --- targets --------------------------------------------------------------------------------


def test_rule_targets_channel_vs_kpi():
    channels = el(
        "workflow.sla.channels",
        "Per channel.",
        kind="sla",
        data={
            "channels": [
                {"channel": "email", "label": "Email", "target": "first response within 4 h"}
            ]
        },
    )
    frt = {"metrics.kpis": ["first_response_time"], "metrics.first_response_time.target": 2}
    assert check("targets.channel_vs_kpi", framework(channels, section="workflow"), frt).findings
    average = {"metrics.kpis": ["avg_response_time"], "metrics.avg_response_time.target": 1 / 60}
    result = check("targets.channel_vs_kpi", framework(channels, section="workflow"), average)
    assert result.findings
    assert "both cannot hold" in result.findings[0].explanation
    promised = {"context.channels": ["email"], "context.async_response_hours": 1}
    assert check("targets.channel_vs_kpi", framework(channels), promised).findings
    loose = {**frt, "metrics.first_response_time.target": 4}
    assert not check("targets.channel_vs_kpi", framework(channels), loose).findings


def sla(priority: str, first: float, resolution: float) -> dict:
    return el(
        f"workflow.sla.{priority.lower()}",
        f"{priority}.",
        kind="sla",
        title=priority,
        data={
            "priority": priority,
            "name": priority,
            "first_response_hours": first,
            "resolution_hours": resolution,
        },
    )


def test_rule_targets_sla_vs_kpi():
    answers = {
        "metrics.kpis": ["first_response_time", "resolution_time"],
        "metrics.first_response_time.target": 2,
        "metrics.resolution_time.target": 24,
    }
    bad = framework(sla("P3", 8, 72))
    assert len(check("targets.sla_vs_kpi", bad, answers).findings) == 2
    assert not check("targets.sla_vs_kpi", framework(sla("P3", 2, 24)), answers).findings


def test_rule_targets_milestone():
    kpi = el(
        "metrics.kpi.csat",
        "CSAT.",
        kind="kpi",
        data={"kpi": "csat", "targets": [{"horizon": "medium", "value": 90}]},
    )
    milestone = el(
        "action_plan.milestone.medium",
        "Month 12: CSAT 85%.",
        kind="milestone",
        data={"horizon": "medium", "goals": [{"kpi": "csat", "label": "CSAT", "value": 85}]},
    )
    assert check("targets.milestone", framework(kpi, milestone)).findings
    milestone["data"]["goals"][0]["value"] = 90
    assert not check("targets.milestone", framework(kpi, milestone)).findings


def test_rule_targets_order():
    bad = framework(sla("P1", 4, 2), sla("P2", 1, 24))
    assert len(check("targets.order", bad).findings) == 2
    assert not check("targets.order", framework(sla("P1", 1, 8), sla("P2", 4, 24))).findings


# --- assumptions ----------------------------------------------------------------------------


def staffing(*shown: str, text: str = "", answered: tuple[str, ...] = ()) -> dict:
    """A staffing section whose figures record these inputs as assumed, each printed with
    the question that would confirm it (and `text` besides)."""
    questions = {
        "call handle time": "context.phone_aht",
        "absence shrinkage": "context.shrinkage_absence",
        "activity shrinkage": "context.shrinkage_activity",
        "contract hours": "context.contract_hours",
        "coverage window": "context.coverage_detail",
        "phone arrival curve": "",
    }
    inputs = [
        {
            "name": n,
            "origin": "answer" if n in answered else "assumed",
            "question": questions[n],
            "ask": "Import a history.",
        }
        for n in questions
    ]
    lines = [
        f"Assumed {n}: 1 — a planning assumption. To confirm, answer “"
        + (BANK.questions[questions[n]].label if questions[n] else "Import a history.")
        + "”."
        for n in shown
    ]
    return framework(
        el("staffing.channel.phone", "Phone.", kind="staffing_channel", data={"channel": "phone"}),
        el(
            "staffing.assumptions",
            " ".join([*lines, text]) or "Assumptions.",
            kind="assumptions",
            data={"inputs": inputs},
        ),
        section="staffing",
    )


ALL_SHOWN = (
    "call handle time",
    "absence shrinkage",
    "activity shrinkage",
    "contract hours",
    "coverage window",
    "phone arrival curve",
)


def test_rule_assumption_unshown():
    answers = {
        "context.channels": ["phone"],
        "context.volume_phone": 900,
        "context.coverage": "business_hours",
    }
    result = check("assumption.unshown", staffing("contract hours"), answers)
    # What discovery left open, and what the figures say they assumed, each once.
    assert {"call handle time", "absence shrinkage", "hours covered each day"} <= set(
        evidence(result)
    )
    assert "phone arrival curve" in evidence(result)
    assert "contracted hours per agent" not in evidence(result)
    assert "?)" not in result.findings[0].explanation
    assert not check("assumption.unshown", staffing(*ALL_SHOWN), answers).findings
    # Named without the question that would confirm it is not shown.
    named = staffing(text="Assumed call handle time: 6 min.")
    assert "call handle time" in evidence(check("assumption.unshown", named, answers))
    # Answered in discovery: no longer an open assumption (the figure would not be assumed).
    answered = {**answers, "context.phone_aht": 7}
    from_answer = staffing(*ALL_SHOWN[1:], answered=("call handle time",))
    assert not check("assumption.unshown", from_answer, answered).findings
    assert "call handle time" in evidence(check("assumption.unshown", from_answer, answers))
    # Round-the-clock cover has no window to assume.
    day_and_night = {**answers, "context.coverage": "24x7"}
    shown_but_window = staffing(*[n for n in ALL_SHOWN if n != "coverage window"])
    assert "hours covered each day" not in evidence(
        check("assumption.unshown", shown_but_window, day_and_night)
    )


def test_rule_assumption_team_cut():
    answers = {"context.channels": ["phone"], "context.team_size": 25}
    total = el(
        "staffing.total",
        "8 agents. The team has 25 today: 17 could move to knowledge-base work.",
        kind="staffing_total",
        data={"headcount": 8, "team_size": 25},
    )
    assert check("assumption.team_cut", framework(total, section="staffing"), answers).findings
    total["text"] = "8 agents on assumed handle times; the team has 25: confirm handle times first."
    assert not check("assumption.team_cut", framework(total, section="staffing"), answers).findings


def test_rule_assumption_template():
    fw = framework(el("summary.constraints", "Budget: tight.", answers=["scale.budget"]))
    answers = {"scale.budget": "tight"}
    result = check("assumption.template", fw, answers, unconfirmed=["scale.budget"])
    assert result.findings
    assert "Budget" in result.findings[0].evidence
    assert not check("assumption.template", fw, answers).findings


# --- the registry ---------------------------------------------------------------------------


def test_every_rule_has_its_test():
    module = sys.modules[__name__]
    missing = [
        r.id for r in registry() if not hasattr(module, "test_rule_" + r.id.replace(".", "_"))
    ]
    assert not missing, f"rules without a failing example: {missing}"


def test_findings_name_element_rule_and_fix():
    result = check(
        "text.placeholder", framework(el("summary.audience", "Languages: Other.", title="Who asks"))
    )
    finding = result.findings[0]
    assert (finding.section, finding.element_id, finding.element_title) == (
        "summary",
        "summary.audience",
        "Who asks",
    )
    assert finding.rule == "text.placeholder"
    assert finding.fix
    assert finding.explanation
    assert (
        finding.key
        == check("text.placeholder", framework(el("summary.audience", "Languages: Other.")))
        .findings[0]
        .key
    )
