"""Section 5: the support workflow — ticket lifecycle, tiers and escalation, SLA policy per
priority on the clock the coverage answer sets, impact × urgency prioritization, and the
handoffs to the integrations.

Default SLA targets and the priority matrix are data; answers tighten them (a first-response
KPI target, contractual SLAs, critical availability) and never loosen them.
"""

from __future__ import annotations

import math
from typing import Any

from discovery.vocab.places import names as place_names
from frameworks.catalogue import deadlines as law_deadlines

from .base import Context, element, hours_text, join, number_text, scoped, section
from .fit import size
from .integrations import integrations
from .wording import (
    calendar_days,
    calendar_names,
    count_text,
    domain,
    handles_money,
    live_channel_labels,
    midsentence,
    named,
)

# Priority -> (name, first response hours, resolution hours): defaults on the SLA clock.
SLA_DEFAULTS: dict[str, tuple[str, float, float]] = {
    "P1": ("Critical", 1, 8),
    "P2": ("High", 4, 24),
    "P3": ("Normal", 8, 72),
    "P4": ("Low", 24, 120),
}
# The SLA defaults are the consultant's starting point, not a published benchmark: the
# proposal says so, with what tightened them, and asks the client to confirm them.
SLA_BASIS = (
    "Starting targets proposed by the consultant (first response: critical 1 h, high 4 h, "
    "normal 8 h, low 24 h), tightened wherever the client's own targets are stricter; "
    "agreed with the client in the Foundation phase."
)
SHORTEST_TARGET_HOURS = 1 / 60  # a time target never goes below one minute
MIN_TARGET_HOURS = 0.25  # below this, the client's own (stricter) target is kept as it is
FAST_FACTOR = 0.5  # contractual SLAs or critical availability halve P1/P2 targets

CLOCKS: dict[str, str] = {
    "business_hours": "business hours on weekdays",
    "extended": "extended hours, 7 days a week",
    "24x5": "24 hours on weekdays",
    "24x7": "24/7 calendar hours",
}


def _clock_text(clock: str, detail: Any) -> str:
    """The clock with the coverage detail quoted as the client's own words: "24 hours on
    weekdays (“following the shifts; on-call at weekends”)", never spliced into the
    sentence as if the generator had written it."""
    detail = str(detail or "").strip().rstrip(".")
    if not detail:
        return clock
    if detail.lower().startswith(clock.lower()):
        detail = detail[len(clock) :].strip(" ,;:")
        if not detail:
            return clock
    return f"{clock} (“{detail}”)"


def clock_band(ctx: Context) -> str:
    """The coverage choice in words, its days as the client's calendars give them: the
    "extended" band is "7 days" only until the calendars say which days ("extended hours,
    Monday to Saturday" for weekdays and a Saturday-morning cover)."""
    coverage = str(ctx.get("context.coverage") or "business_hours")
    clock = CLOCKS.get(coverage, CLOCKS["business_hours"])
    days = calendar_days(ctx)
    if coverage == "extended" and days:
        clock = f"extended hours, {days}"
    return clock


def clock_text(ctx: Context) -> str:
    """The calendar the SLA clocks count in: the coverage band with the client's words
    about it, and, with several calendars, that each queue's clock keeps its own."""
    text = _clock_text(clock_band(ctx), ctx.get("context.coverage_detail"))
    names = calendar_names(ctx)
    if len(names) > 1:
        text += f", each queue on its own calendar ({join(names)})"
    return text


def clock_name(ctx: Context) -> str:
    """The same in a few words, for a list of deliverables."""
    names = calendar_names(ctx)
    if len(names) > 1:
        return f"{clock_band(ctx)}, each queue on its own calendar ({join(names)})"
    return clock_band(ctx)


# Impact × urgency -> priority.
MATRIX: dict[str, dict[str, str]] = {
    "high": {"high": "P1", "medium": "P2", "low": "P3"},
    "medium": {"high": "P2", "medium": "P3", "low": "P4"},
    "low": {"high": "P3", "medium": "P4", "low": "P4"},
}


def _round_hours(hours: float) -> float:
    """A target as people state it, never looser than the figure it came from: whole
    minutes under an hour, half hours under two, whole hours above."""
    hours = max(SHORTEST_TARGET_HOURS, hours)
    if hours < 1:
        return max(SHORTEST_TARGET_HOURS, math.floor(hours * 60 + 1e-9) / 60)
    if hours < 2:
        return math.floor(hours * 2 + 1e-9) / 2
    return float(math.floor(hours + 1e-9))


def client_response_targets(ctx: Context) -> list[tuple[float, str]]:
    """The client's own limits on a first response, in hours, with what each is: the
    first-response KPI, the average-reply KPI, and the response the client promises today."""
    found = []
    for qid, what in (
        ("metrics.first_response_time.target", "first-response KPI target"),
        ("metrics.avg_response_time.target", "average-reply KPI target"),
        ("context.async_response_hours", "response the client promises today"),
    ):
        value = ctx.num(qid)
        if value is not None:
            found.append((max(SHORTEST_TARGET_HOURS, value), what))
    return found


def sla_targets(ctx: Context) -> list[dict[str, Any]]:
    limits = client_response_targets(ctx)
    normal_first = SLA_DEFAULTS["P3"][1]
    strictest = min((value for value, _what in limits), default=normal_first)
    frt_factor = min(1.0, strictest / normal_first)
    tightened_by = [what for value, what in limits if value < normal_first and value == strictest]
    resolution = ctx.num("metrics.resolution_time.target")
    fast = ctx.get("audience.contract_slas") == "yes" or ctx.get("scale.availability") == "critical"
    res_factor = (
        min(1.0, max(SHORTEST_TARGET_HOURS, resolution) / SLA_DEFAULTS["P3"][2])
        if resolution is not None
        else 1.0
    )
    coverage = str(ctx.get("context.coverage") or "business_hours")
    clock = clock_text(ctx)
    rows = []
    for priority, (name, first, resolve) in SLA_DEFAULTS.items():
        f = first * frt_factor
        # The resolution KPI sets the normal ticket's target; urgent ones may not be slower.
        r = (
            resolve * res_factor
            if priority in ("P3", "P4")
            else min(resolve, SLA_DEFAULTS["P3"][2] * res_factor)
        )
        adjusted = list(tightened_by) if f < first else []
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
        first_hours = _round_hours(f)
        rows.append(
            {
                "priority": priority,
                "name": name,
                "first_response_hours": first_hours,
                "resolution_hours": max(_round_hours(r), first_hours),
                "clock": coverage,
                "clock_text": clock,
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


def _small_team(ctx: Context) -> bool:
    """A few people in one group: no rota, no team lead or manager to alert."""
    return size(ctx) == "small" and _tier_count(ctx) == "single"


def _tier_l1(ctx: Context) -> tuple[str, str, str, str]:
    team = ctx.num("context.team_size")
    if _small_team(ctx) and team:
        return (
            "l1",
            "L1",
            f"the whole team ({number_text(team)} today)",
            "every incoming ticket: whoever picks it up owns it to the end",
        )
    front = (
        f"the support team ({number_text(team)} today)"
        if team and _tier_count(ctx) == "single"
        else "the first-line service desk"
    )
    return (
        "l1",
        "L1",
        front,
        "every incoming ticket: answer, resolve known issues, collect details",
    )


def _tier_l2(ctx: Context) -> tuple[str, str, str, str]:
    if _small_team(ctx):
        return (
            "l2",
            "L2",
            "the colleague who knows the area best, asked by name",
            "questions the owner cannot answer alone",
        )
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
    alert_in = ctx.label("integrations.communication", chat[0]) if chat else ""
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
                "channel": alert_in or "email",
            }
        )
    text = "; ".join(
        f"{row['priority']}: to L2 if unresolved after {hours_text(row['to_l2_after_hours'])}"
        for row in rows
    )
    small = _small_team(ctx)
    heads = (
        {"lead": "Owner reminded at", "manager": "Whole team alerted at"}
        if small
        else {"lead": "Team lead alerted at", "manager": "Manager alerted at"}
    )
    if small:
        for row in rows:
            row["manager_alert_at"] = (
                "breach" if row["priority"] == "P1" else "not alerted: the owner handles it"
            )
        where = f"in {alert_in}" if alert_in else "by email"
        text = "; ".join(
            f"{row['priority']}: the owner asks a colleague if unresolved after "
            f"{hours_text(row['to_l2_after_hours'])}"
            for row in rows
        )
        text += (
            f". The owner is reminded {where} at 75% of any target; the whole team on a P1 breach."
        )
    else:
        text += (
            f". Team lead alerted in {alert_in} at 75% of any target; manager on breach."
            if alert_in
            else ". Team lead alerted by email at 75% of any target; manager on breach."
        )
    return element(
        ctx,
        "workflow.escalation_matrix",
        "escalation_matrix",
        "Escalation matrix",
        text,
        data={"rows": rows, "heads": heads},
    )


# A contract's hours (audience.contracts "hours") → the clock its targets count in.
CONTRACT_CLOCKS = {
    "business": "business hours",
    "extended": "extended hours",
    "24x7": "24/7 calendar hours",
}


def _hours_number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


@scoped
def _contracts(ctx: Context) -> dict[str, Any] | None:
    """One SLA policy per contract the client sells (FR-SLA-004, FR-SLA-006): its first
    response and resolution on its own clock. A contract that promises 24/7 while the
    desk works fewer hours needs someone on call for it, and the proposal says so."""
    if ctx.get("audience.contract_slas") != "yes":
        return None
    rows: list[dict[str, Any]] = []
    for row in ctx.get("audience.contracts") or []:
        if not isinstance(row, dict) or not str(row.get("name") or "").strip():
            continue
        hours = str(row.get("hours") or "")
        customers = _hours_number(row.get("customers"))
        rows.append(
            {
                "contract": str(row["name"]).strip(),
                "customers": int(customers) if customers else None,
                "first_response_hours": _hours_number(row.get("response")),
                "resolution_hours": _hours_number(row.get("resolution")),
                "hours": hours,
                "clock_text": CONTRACT_CLOCKS.get(hours, ""),
            }
        )
    if not rows:
        return None
    parts = []
    for r in rows:
        targets = [
            f"{what} within {hours_text(r[key])}"
            for what, key in (
                ("first response", "first_response_hours"),
                ("resolution", "resolution_hours"),
            )
            if r[key]
        ]
        clause = join(targets) if targets else "targets to be written in from the contract"
        if r["clock_text"]:
            clause += f", on {r['clock_text']}"
        who = f" ({count_text(r['customers'], 'customer', 'customers')})" if r["customers"] else ""
        parts.append(f"{r['contract']}{who}: {clause}")
    note = (
        "Each ticket takes the policy of its customer's contract; where a contract is "
        "stricter than the priority's target, the contract's applies."
    )
    round_clock = ctx.get("context.coverage") == "24x7"
    beyond = [r["contract"] for r in rows if r["hours"] == "24x7" and not round_clock]
    if beyond:
        note += (
            f" {join(beyond)} {'promises' if len(beyond) == 1 else 'promise'} 24/7 while "
            f"the desk works {clock_band(ctx)}: outside its hours an on-call rota takes "
            "these customers' urgent tickets, paged by the help desk the moment one arrives, "
            "and the contract says which tickets count as urgent."
        )
    text = "One SLA policy per contract: " + "; ".join(parts) + ". " + note
    satisfies = ctx.satisfies(ctx.reqs(codes=("FR-SLA-004", "FR-SLA-006", "FR-PRI-005")))
    return element(
        ctx,
        "workflow.sla.contracts",
        "contract_sla",
        "SLA policy per contract",
        text,
        data={"contracts": rows, "on_call_for": beyond, "note": note, "satisfies": satisfies},
    )


# The requirements the regulated-deadline element answers, and no priority's SLA does.
REGULATED_CODES = ("FR-SLA-007", "FR-SLA-008")
_WORKING_DAYS = "working days: Monday to Friday, without public holidays ({where})"
_CALENDAR = {
    "days": "calendar days, weekends and holidays included",
    "weeks": "calendar weeks",
    "months": "calendar months (the same date next month)",
}


def _deadline_clock(ctx: Context, unit: str) -> str:
    if unit == "working_days":
        places = [p for p in ctx.values("scale.residency_places") if len(p) == 2]
        where = join(place_names(places)) if places else "the client's country"
        return _WORKING_DAYS.format(where=where)
    if unit == "hours":
        if ctx.get("context.coverage") == "24x7":
            return "round the clock"
        partners = [
            str(r["name"]).strip()
            for r in ctx.get("context.partners") or []
            if isinstance(r, dict) and str(r.get("name") or "").strip()
        ]
        after = f"{join(partners)} or the on-call" if partners else "the on-call"
        return (
            f"round the clock, outside the desk's hours too: {after} logs the request "
            "in the help desk so that its clock starts when it arrives"
        )
    return _CALENDAR.get(unit, unit)


def _client_deadlines(ctx: Context) -> list[dict[str, Any]]:
    rows = []
    for row in ctx.get("scale.deadlines") or []:
        if not isinstance(row, dict) or not str(row.get("duty") or "").strip():
            continue
        within = _hours_number(row.get("within"))
        unit = str(row.get("unit") or "")
        rows.append(
            {
                "duty": str(row["duty"]).strip().rstrip("."),
                "within": int(within) if within else None,
                "unit": unit if unit in law_deadlines.UNIT_LABELS else "",
                "basis": str(row.get("basis") or "").strip(),
                "by": "client",
            }
        )
    return rows


def _same_law(row: dict[str, Any], law: law_deadlines.Deadline) -> bool:
    said = f"{row['duty']} {row['basis']}".lower()
    return any(name in said for name in law.names)


def regulated_rows(ctx: Context) -> list[dict[str, Any]]:
    """The deadlines a law, regulator or ombudsman sets on the client's requests: the
    client's own rows first, then the catalogue's for the laws the client named. A
    catalogue deadline the client already stated (same length, same law) is not said
    twice."""
    own = _client_deadlines(ctx)
    chosen = {q: ctx.values(q) for q in ("scale.compliance", "scale.sector_rules")}
    countries = {p for p in ctx.values("scale.residency_places") if len(p) == 2}
    laws = law_deadlines.deadlines_for(chosen, countries, ctx.get("audience.type"))
    rows = []
    for r in own:
        rows.append(
            {
                **r,
                "within_text": law_deadlines.unit_text(r["within"], r["unit"])
                if r["within"] and r["unit"]
                else "",
                "clock": _deadline_clock(ctx, r["unit"]) if r["unit"] else "",
            }
        )
    said_by_client: set[int] = set()  # each of the client's rows stands for one law's deadline
    for law in laws:
        twin = next(
            (
                i
                for i, r in enumerate(own)
                if i not in said_by_client
                and r["within"] == law.within
                and r["unit"] == law.unit
                and _same_law(r, law)
            ),
            None,
        )
        if twin is not None:
            # the client's words stay; the law's source and what its clock counts from join them
            said_by_client.add(twin)
            rows[twin].update(
                note=law.note, source=law.source, checked=law_deadlines.READ.isoformat()
            )
            continue
        rows.append(
            {
                "duty": law.duty,
                "within": law.within,
                "unit": law.unit,
                "within_text": law_deadlines.unit_text(law.within, law.unit),
                "basis": law.law,
                "note": law.note,
                "clock": _deadline_clock(ctx, law.unit),
                "by": "law",
                "source": law.source,
                "checked": law_deadlines.READ.isoformat(),
            }
        )
    return rows


@scoped
def _regulated_deadlines(ctx: Context) -> dict[str, Any] | None:
    """Each regulated deadline (FR-SLA-007, FR-SLA-008) as an SLA clock of its own, on the
    calendar it counts in."""
    rows = regulated_rows(ctx)
    if not rows:
        return None
    said = []
    for r in rows:
        when = f" within {r['within_text']}" if r["within_text"] else ""
        basis = f" ({r['basis']})" if r["basis"] else ""
        said.append(f"{r['duty']}{when}{basis}")
    note = (
        "Each is an SLA policy of its own, on a ticket type or category that an agent, a "
        "form or an intake rule sets the moment the request is logged, whichever channel it "
        "came by; its clock is not paused while the request waits on the person who raised "
        "it unless the rule allows it. "
    )
    if size(ctx) == "small":
        note += (
            "The tool warns whoever owns the request at half the time and again the day "
            "before it runs out; every breach is noted with its reason."
        )
    else:
        note += (
            "The owner is warned at half the time and their lead at 80%; every breach is "
            "listed for the monthly report, with its reason."
        )
    # One group per law (its source said once); the calendars explained once below.
    groups: list[dict[str, Any]] = []
    for r in rows:
        key = (r["basis"], r.get("source", ""))
        if not groups or (groups[-1]["basis"], groups[-1]["source"]) != key:
            groups.append(
                {
                    "basis": r["basis"],
                    "source": r.get("source", ""),
                    "checked": r.get("checked", ""),
                    "by": r["by"],
                    "rows": [],
                }
            )
        groups[-1]["rows"].append(r)
    calendars = list(dict.fromkeys(r["clock"] for r in rows if r["clock"]))
    text = "Deadlines set by law and regulators: " + "; ".join(said) + ". " + note
    satisfies = ctx.satisfies(ctx.reqs(codes=REGULATED_CODES))
    return element(
        ctx,
        "workflow.sla.regulated",
        "deadline_sla",
        "Deadlines set by law and regulators",
        text,
        data={
            "deadlines": rows,
            "groups": groups,
            "calendars": calendars,
            "note": note,
            "satisfies": satisfies,
        },
    )


def _sla_elements(ctx: Context, slas: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in slas:
        with ctx.reading():
            adjusted = f" Tightened for {join(s['adjusted_for'])}." if s["adjusted_for"] else ""
            satisfies = ctx.satisfies(
                ctx.reqs(categories=("sla",), codes=("NFR-AVL-004",), exclude=REGULATED_CODES)
            )
            out.append(
                element(
                    ctx,
                    f"workflow.sla.{s['priority'].lower()}",
                    "sla",
                    f"{s['priority']} {s['name']}",
                    f"{s['priority']} {s['name']}: first response within {hours_text(s['first_response_hours'])}, "
                    f"resolution within {hours_text(s['resolution_hours'])}, counted in {s['clock_text']}.{adjusted}",
                    data={
                        **s,
                        "estimate": {
                            "by": "consultant",
                            "basis": SLA_BASIS,
                            "inputs": s["adjusted_for"] or ["the consultant's starting targets"],
                        },
                        "satisfies": satisfies,
                    },
                )
            )
    return out


@scoped
def _channel_targets(ctx: Context) -> dict[str, Any] | None:
    rows = []
    for channel in ctx.values("context.channels"):
        # The staffing plan's targets: the client's own where given, else its labelled
        # defaults, so the SLA table and the staffing plan say the same.
        planned = ctx.channel_plan(channel)
        if planned is None or not planned.target:
            continue
        inputs = planned.inputs
        targets = (
            inputs.service_level,
            inputs.answer_seconds,
            inputs.asa_seconds,
            inputs.abandonment,
            inputs.response_hours,
        )
        rows.append(
            {
                "channel": channel,
                "label": ctx.label("context.channels", channel),
                "target": planned.target,
                # A default the client has not set is shown as one, never as their target.
                "assumed": any(f is not None and f.assumed for f in targets),
            }
        )
    if not rows:
        return None
    avg = ctx.num("metrics.avg_response_time.target")
    text = "Per channel: " + "; ".join(f"{r['label']}: {r['target']}" for r in rows) + "."
    assumed = [midsentence(str(r["label"])) for r in rows if r["assumed"]]
    if assumed:
        text += (
            " The target for {channels} is a planning assumption until the client sets it."
            if len(assumed) == 1
            else " The targets for {channels} are planning assumptions until the client sets them."
        ).format(channels=join(assumed))
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
    words = domain(ctx)
    impact = {"high": words.impact_high, "medium": words.impact_medium, "low": words.impact_low}
    urgency = {
        "high": words.urgency_high,
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
    crm = named(ctx, "integrations.crm") or (["the CRM"] if ctx.values("integrations.crm") else [])
    if crm and ctx.get("audience.type") in ("external", "both"):
        rule = (
            "Customer tier read from {crm} raises impact for key accounts."
            if ctx.get("audience.market") in ("b2b", "both")
            else "Customer tier read from {crm} raises impact for priority customers."
        )
        rules.append(rule.format(crm=join(crm)))
    if "ecommerce" in ctx.values("integrations.other"):
        rules.append(
            "Failed payments and undelivered orders past their date are high urgency; order-status questions are low and go to the bot first."
        )
    peak = ctx.num("scale.peak_factor") or 1
    if peak >= 2:
        season = ctx.get("scale.seasonality") or f"{number_text(peak)}× volume"
        rules.append(f"During the peak season ({season}), {words.peak_subject} move one step up.")
    if "incident" in ctx.values("audience.itsm"):
        rules.append(
            "Incidents are prioritized by the matrix; service requests start at P3 or P4 by catalogue item."
        )
    if "hipaa" in ctx.values("scale.compliance"):
        rules.append(
            "Requests carrying patient health information are flagged and kept in a restricted queue."
        )
    if handles_money(ctx):
        rules.append(
            "A report of fraud, a scam or money sent in error is P1 on any channel and goes "
            "straight to the team that can stop the transfer or get the money back."
        )
    if words.key == "homes":
        partners = [
            str(r["name"]).strip()
            for r in ctx.get("context.partners") or []
            if isinstance(r, dict) and str(r.get("name") or "").strip()
        ]
        night = (
            f"out of hours {join(partners)} raises it for the on-call operative"
            if partners
            else "out of hours the on-call operative takes it"
        )
        rule = (
            "An emergency repair or hazard (no heating or hot water, flooding, unsafe "
            f"electrics, a gas smell) is P1 on any channel, day or night: {night}"
        )
        if "awaabs_law" in ctx.values("scale.sector_rules"):
            rule += ", and Awaab's Law's 24-hour clock starts at the report"
        rules.append(rule + ". Damp and mould reports are flagged as a possible hazard on arrival.")
    live = live_channel_labels(ctx)
    if live:
        rules.append(
            f"Live contacts ({join(live)}) resolved during the contact are logged at their matrix "
            "priority for reporting."
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
    "crm": "on every ticket update, the support history shows on the {label} record of the person who asked",
    # Business customers have an account owner who follows their open tickets.
    "crm_b2b": "on every ticket update, the support history shows on the {label} record; the account owner sees open tickets",
    "erp": "an approved request creates the document in {label}; the ticket waits until {label} confirms",
    "automation": "ticket events trigger {label} flows; their results come back as ticket notes or field updates",
    "communication": "alerts and swarming threads go to {label}; replies there are kept on the ticket",
    "ecommerce": "the agent sees the customer's {label} orders on the ticket; the bot answers order status from them",
    "billing": "payment and refund status from {label} shows on the ticket; refunds are requested from the ticket",
    "dev_tracker": "L2 links a bug to a {label} issue with the ticket's context; status changes notify the agent",
    "telephony": "each call opens or updates the caller's ticket with a screen pop; call logs are attached",
    "monitoring": "an alert opens an incident; the incident resolves when the alert clears",
    # A named system of its own kind: what the client said it is for.
    "system": "the ticket and its {label} record stay linked: {purpose}",
    "system_unstated": "the ticket links to its {label} record",
}


def _handoffs(ctx: Context) -> list[dict[str, Any]]:
    out = []
    for i in integrations(ctx):
        template = HANDOFFS.get(i.category)
        if template is None:
            continue
        with ctx.reading():
            if i.category == "crm" and ctx.get("audience.market") in ("b2b", "both"):
                template = HANDOFFS["crm_b2b"]
            if i.category == "system" and not i.purpose:
                template = HANDOFFS["system_unstated"]
            # "the {label} record" of a system named in general words ("the client's CRM")
            # reads "the client's CRM record", never "the the client's CRM record".
            if i.label.casefold().startswith("the "):
                template = template.replace("the {label}", "{label}")
            text = template.format(label=i.label, purpose=i.purpose.rstrip("."))
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
    contracts = _contracts(ctx)
    if contracts is not None:
        elements.append(contracts)
    regulated = _regulated_deadlines(ctx)
    if regulated is not None:
        elements.append(regulated)
    channel_targets = _channel_targets(ctx)
    if channel_targets is not None:
        elements.append(channel_targets)
    elements += [_prioritization(ctx), *_handoffs(ctx)]
    slas = sla_targets(ctx)
    clock = slas[0]["clock_text"]
    intro = f"How a ticket moves from arrival to closure, who handles it, and the SLA clocks, which run in {clock}."
    return section("workflow", "Support workflow", intro, elements, sla_clock=slas[0]["clock"])
