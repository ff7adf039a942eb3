"""Section 5: the support workflow — ticket lifecycle, tiers and escalation, SLA policy per
priority on the clock the coverage answer sets, impact × urgency prioritization, and the
handoffs to the integrations.

Default SLA targets and the priority matrix are data; answers tighten them (a first-response
KPI target, contractual SLAs, critical availability) and never loosen them.
"""

from __future__ import annotations

from typing import Any

from frameworks.staffing import CHANNEL_MODELS

from .base import Context, element, hours_text, join, number_text, scoped, section
from .integrations import integrations

# Priority -> (name, first response hours, resolution hours): defaults on the SLA clock.
SLA_DEFAULTS: dict[str, tuple[str, float, float]] = {
    "P1": ("Critical", 1, 8),
    "P2": ("High", 4, 24),
    "P3": ("Normal", 8, 72),
    "P4": ("Low", 24, 120),
}
SLA_SOURCE = (
    "Default targets after the illustrative example in the reference (critical 1 h, high 4 h, "
    "normal 24 h, low 48 h; Django-CRM#590, libredesk#86), tightened by this client's answers"
)
MIN_TARGET_HOURS = 0.25
FAST_FACTOR = 0.5  # contractual SLAs or critical availability halve P1/P2 targets

CLOCKS: dict[str, str] = {
    "business_hours": "business hours on weekdays",
    "extended": "extended hours, 7 days a week",
    "24x5": "24 hours on weekdays",
    "24x7": "24/7 calendar hours",
}


def _clock_text(clock: str, detail: Any) -> str:
    """The clock with the coverage detail, once: not "24 hours on weekdays (24 hours on
    weekdays following the shifts…)"."""
    detail = str(detail or "").strip()
    if not detail:
        return clock
    if detail.lower().startswith(clock.lower()):
        return detail
    return f"{clock} ({detail})"


# Impact × urgency -> priority.
MATRIX: dict[str, dict[str, str]] = {
    "high": {"high": "P1", "medium": "P2", "low": "P3"},
    "medium": {"high": "P2", "medium": "P3", "low": "P4"},
    "low": {"high": "P3", "medium": "P4", "low": "P4"},
}


def _round_hours(hours: float) -> float:
    hours = max(MIN_TARGET_HOURS, hours)
    if hours < 1:
        return round(hours * 4) / 4
    return float(round(hours)) if hours >= 2 else round(hours * 2) / 2


def sla_targets(ctx: Context) -> list[dict[str, Any]]:
    frt = ctx.num("metrics.first_response_time.target")
    resolution = ctx.num("metrics.resolution_time.target")
    fast = ctx.get("audience.contract_slas") == "yes" or ctx.get("scale.availability") == "critical"
    frt_factor = min(1.0, frt / SLA_DEFAULTS["P3"][1]) if frt else 1.0
    res_factor = min(1.0, resolution / SLA_DEFAULTS["P3"][2]) if resolution else 1.0
    coverage = str(ctx.get("context.coverage") or "business_hours")
    clock = CLOCKS.get(coverage, CLOCKS["business_hours"])
    detail = ctx.get("context.coverage_detail")
    rows = []
    for priority, (name, first, resolve) in SLA_DEFAULTS.items():
        f = first * frt_factor
        # The resolution KPI sets the normal ticket's target; urgent ones may not be slower.
        r = (
            resolve * res_factor
            if priority in ("P3", "P4")
            else min(resolve, SLA_DEFAULTS["P3"][2] * res_factor)
        )
        adjusted = []
        if f < first:
            adjusted.append("first-response KPI target")
        if r < resolve:
            adjusted.append("resolution-time KPI target")
        if fast and priority in ("P1", "P2"):
            f *= FAST_FACTOR
            r *= FAST_FACTOR
            adjusted.append(
                "contractual SLAs"
                if ctx.get("audience.contract_slas") == "yes"
                else "critical availability"
            )
        rows.append(
            {
                "priority": priority,
                "name": name,
                "first_response_hours": _round_hours(f),
                "resolution_hours": _round_hours(max(r, f)),
                "clock": coverage,
                "clock_text": _clock_text(clock, detail),
                "adjusted_for": adjusted,
            }
        )
    return rows


@scoped
def _lifecycle(ctx: Context) -> dict[str, Any]:
    states = [
        {
            "state": "New",
            "meaning": "created from any channel, not yet triaged",
            "sla": "first-response clock starts",
        },
        {"state": "Open", "meaning": "prioritized, routed and owned by an agent", "sla": "running"},
        {
            "state": "Pending requester",
            "meaning": "waiting on the requester's answer",
            "sla": "paused",
        },
    ]
    found = {i.category: i for i in integrations(ctx)}
    if "dev_tracker" in found:
        states.append(
            {
                "state": f"Waiting on engineering ({found['dev_tracker'].label})",
                "meaning": "a linked issue must be fixed first",
                "sla": "resolution clock running; the issue's status syncs back",
            }
        )
    if "approvals" in ctx.values(
        "integrations.communication_uses"
    ) or "purchase_requests" in ctx.values("integrations.erp_uses"):
        states.append(
            {
                "state": "Waiting on approval",
                "meaning": "an approver must decide (request fulfilment, purchases)",
                "sla": "paused",
            }
        )
    states += [
        {
            "state": "Resolved",
            "meaning": "answer given or fix confirmed",
            "sla": "resolution clock stops",
        },
        {
            "state": "Closed",
            "meaning": "closed after 3 days without reply; a reply reopens it",
            "sla": "—",
        },
    ]
    if "csat" in ctx.values("metrics.kpis"):
        states[-2]["meaning"] += "; satisfaction survey sent"
    text = " → ".join(s["state"] for s in states) + "."
    satisfies = ctx.satisfies(
        ctx.reqs(codes=("FR-TKT-001", "FR-TKT-002", "FR-RPT-003", "FR-INT-011"))
    )
    return element(
        ctx,
        "workflow.lifecycle",
        "lifecycle",
        "Ticket lifecycle",
        text,
        data={"states": states, "satisfies": satisfies},
    )


def _tier_self_service(ctx: Context) -> tuple[str, str, str, str] | None:
    if not ctx.reqs(categories=("self_service",)):
        return None
    tasks = ctx.labels("objective.repetitive_tasks")
    handles = "knowledge-base answers" + (
        f" and automated {join(t.lower() for t in tasks)}" if tasks else ""
    )
    return ("self_service", "Self-service", "the requester, helped by the portal and bot", handles)


def _tier_count(ctx: Context) -> str:
    tiers = str(ctx.get("context.tiers") or "single")
    return tiers if tiers in ("single", "two", "three") else "single"


def _tier_l1(ctx: Context) -> tuple[str, str, str, str]:
    team = ctx.num("context.team_size")
    front = (
        f"the support team ({number_text(team)} today)"
        if team is not None and _tier_count(ctx) == "single"
        else "the first-line service desk"
    )
    return (
        "l1",
        "L1",
        front,
        "every incoming ticket: answer, resolve known issues, collect details",
    )


def _tier_l2(ctx: Context) -> tuple[str, str, str, str]:
    specialists = {
        "single": "named senior agents on a rota within the same team",
        "two": "the specialist tier",
        "three": "the second-line specialists",
    }[_tier_count(ctx)]
    return ("l2", "L2", specialists, "problems needing deeper product or system knowledge")


def _tier_l3(ctx: Context) -> tuple[str, str, str, str]:
    found = {i.category: i for i in integrations(ctx)}
    l3 = []
    if "dev_tracker" in found:
        l3.append(f"engineering through {found['dev_tracker'].label}")
    if "erp" in found:
        l3.append(f"{found['erp'].label} owners")
    if _tier_count(ctx) == "three":
        l3.insert(0, "the third-line experts")
    l3.append("vendors of the affected systems")
    return ("l3", "L3", join(l3), "defects, changes to systems, vendor cases")


TIERS = (_tier_self_service, _tier_l1, _tier_l2, _tier_l3)


def _tiers(ctx: Context) -> list[dict[str, Any]]:
    out = []
    for build in TIERS:
        with ctx.reading():
            tier = build(ctx)
            if tier is None:
                continue
            key, name, who, handles = tier
            out.append(
                element(
                    ctx,
                    f"workflow.tier.{key}",
                    "tier",
                    f"{name}: {who}",
                    f"{name} — {who}: {handles}.",
                    data={"tier": key, "who": who, "handles": handles},
                )
            )
    return out


@scoped
def _escalation(ctx: Context, slas: list[dict[str, Any]]) -> dict[str, Any]:
    chat = ctx.values("integrations.communication")
    alert_in = ctx.label("integrations.communication", chat[0]) if chat else "email"
    rows = []
    for s in slas:
        r = s["resolution_hours"]
        rows.append(
            {
                "priority": s["priority"],
                "to_l2_after_hours": _round_hours(r * 0.25),
                "lead_alert_at": "75% of the first-response or resolution target",
                "manager_alert_at": "breach"
                if s["priority"] in ("P1", "P2")
                else "breach, in the daily report",
                "channel": alert_in,
            }
        )
    text = "; ".join(
        f"{row['priority']}: to L2 if unresolved after {hours_text(row['to_l2_after_hours'])}"
        for row in rows
    )
    text += f". Team lead alerted in {alert_in} at 75% of any target; manager on breach."
    return element(
        ctx,
        "workflow.escalation_matrix",
        "escalation_matrix",
        "Escalation matrix",
        text,
        data={"rows": rows},
    )


def _sla_elements(ctx: Context, slas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in slas:
        with ctx.reading():
            adjusted = f" Tightened for {join(s['adjusted_for'])}." if s["adjusted_for"] else ""
            satisfies = ctx.satisfies(ctx.reqs(categories=("sla",), codes=("NFR-AVL-004",)))
            out.append(
                element(
                    ctx,
                    f"workflow.sla.{s['priority'].lower()}",
                    "sla",
                    f"{s['priority']} {s['name']}",
                    f"{s['priority']} {s['name']}: first response within {hours_text(s['first_response_hours'])}, "
                    f"resolution within {hours_text(s['resolution_hours'])}, counted in {s['clock_text']}.{adjusted}",
                    data={**s, "source": SLA_SOURCE, "satisfies": satisfies},
                )
            )
    return out


@scoped
def _channel_targets(ctx: Context) -> dict[str, Any] | None:
    rows = []
    for channel in ctx.values("context.channels"):
        model = CHANNEL_MODELS.get(channel)
        if model is None or not model.target_text():
            continue
        rows.append(
            {
                "channel": channel,
                "label": ctx.label("context.channels", channel),
                "target": model.target_text(),
            }
        )
    if not rows:
        return None
    avg = ctx.num("metrics.avg_response_time.target")
    text = "Per channel: " + "; ".join(f"{r['label']}: {r['target']}" for r in rows) + "."
    if avg is not None:
        text += f" Average reply delay across conversations under {hours_text(avg)}."
    satisfies = ctx.satisfies(
        ctx.reqs(codes=("FR-AUT-007", "NFR-PRF-002", "FR-CHN-004", "FR-SLA-001"))
    )
    return element(
        ctx,
        "workflow.sla.channels",
        "sla",
        "Channel response targets",
        text,
        data={"channels": rows, "avg_response_target_hours": avg, "satisfies": satisfies},
    )


@scoped
def _prioritization(ctx: Context) -> dict[str, Any]:
    kind = ctx.get("audience.type")
    market = ctx.get("audience.market")
    if kind == "internal":
        impact = {
            "high": "a site, a shift or a production line stopped",
            "medium": "a team blocked",
            "low": "one person",
        }
    elif market == "b2b":
        impact = {
            "high": "many customers, or a key account blocked",
            "medium": "one customer organization",
            "low": "one user, with a workaround",
        }
    else:
        impact = {
            "high": "many customers, or orders and payments failing",
            "medium": "one customer's order or account",
            "low": "a question, no order at risk",
        }
    urgency = {
        "high": "work or an order stopped now",
        "medium": "degraded, deadline today",
        "low": "no deadline",
    }
    rules: list[str] = []
    if "monitoring" in ctx.values("integrations.other"):
        rules.append(
            "Monitoring alerts open as incidents at high urgency; impact from the affected service."
        )
    if ctx.get("audience.contract_slas") == "yes":
        rules.append("Customers on contractual SLAs get urgency one step higher.")
    crm = ctx.labels("integrations.crm")
    if crm:
        rules.append(f"Customer tier read from {join(crm)} raises impact for key accounts.")
    if "ecommerce" in ctx.values("integrations.other"):
        rules.append(
            "Failed payments and undelivered orders past their date are high urgency; order-status questions are low and go to the bot first."
        )
    peak = ctx.num("scale.peak_factor") or 1
    if peak >= 2:
        rules.append(
            f"During the peak season ({ctx.get('scale.seasonality') or f'{number_text(peak)}× volume'}), order problems move one step up."
        )
    if "incident" in ctx.values("audience.itsm"):
        rules.append(
            "Incidents are prioritized by the matrix; service requests start at P3 or P4 by catalogue item."
        )
    if "hipaa" in ctx.values("scale.compliance"):
        rules.append(
            "Requests carrying patient health information are flagged and kept in a restricted queue."
        )
    if "phone" in ctx.values("context.channels") or "chat" in ctx.values("context.channels"):
        rules.append(
            "Live contacts (phone, chat) resolved during the contact are logged at their matrix priority for reporting."
        )
    matrix_rows = [
        {"impact": i, "urgency": u, "priority": p}
        for i, row in MATRIX.items()
        for u, p in row.items()
    ]
    text = "Priority = impact × urgency (high impact and high urgency is P1; low and low is P4). "
    text += f"High impact means {impact['high']}; low, {impact['low']}. "
    text += " ".join(rules)
    satisfies = ctx.satisfies(ctx.reqs(categories=("prioritization_routing",)))
    return element(
        ctx,
        "workflow.prioritization",
        "prioritization",
        "Automatic prioritization",
        text.strip(),
        data={
            "matrix": matrix_rows,
            "impact": impact,
            "urgency": urgency,
            "rules": rules,
            "satisfies": satisfies,
        },
    )


HANDOFFS = {
    "crm": "on every ticket update, the support history shows on the {label} record; the account owner sees open tickets",
    "erp": "an approved request creates the document in {label}; the ticket waits until {label} confirms",
    "automation": "ticket events trigger {label} flows; their results come back as ticket notes or field updates",
    "communication": "alerts and swarming threads go to {label}; replies there are kept on the ticket",
    "ecommerce": "the agent sees the customer's {label} orders on the ticket; the bot answers order status from them",
    "billing": "payment and refund status from {label} shows on the ticket; refunds are requested from the ticket",
    "dev_tracker": "L2 links a bug to a {label} issue with the ticket's context; status changes notify the agent",
    "telephony": "each call opens or updates the caller's ticket with a screen pop; call logs are attached",
    "monitoring": "an alert opens an incident; the incident resolves when the alert clears",
}


def _handoffs(ctx: Context) -> list[dict[str, Any]]:
    out = []
    for i in integrations(ctx):
        template = HANDOFFS.get(i.category)
        if template is None:
            continue
        with ctx.reading():
            text = template.format(label=i.label)
            satisfies = ctx.satisfies(i.requirements)
            out.append(
                element(
                    ctx,
                    f"workflow.handoff.{i.slug}",
                    "handoff",
                    f"Handoff to {i.label}",
                    text[0].upper() + text[1:] + ".",
                    data={
                        "system": i.label,
                        "category": i.category,
                        "direction": i.direction,
                        "satisfies": satisfies,
                    },
                )
            )
    return out


def generate(ctx: Context) -> dict[str, Any]:
    elements = [_lifecycle(ctx), *_tiers(ctx)]
    with ctx.reading():  # the SLA targets set the escalation steps too
        slas = sla_targets(ctx)
        elements += [_escalation(ctx, slas), *_sla_elements(ctx, slas)]
    channel_targets = _channel_targets(ctx)
    if channel_targets is not None:
        elements.append(channel_targets)
    elements += [_prioritization(ctx), *_handoffs(ctx)]
    slas = sla_targets(ctx)
    clock = slas[0]["clock_text"]
    intro = (
        f"How a ticket moves from arrival to closure, who handles it, and the SLA clocks ({clock})."
    )
    return section("workflow", "Support workflow", intro, elements, sla_clock=slas[0]["clock"])
