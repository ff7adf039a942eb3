"""Section 1: the summary of identified needs, written from the answers with their figures."""

from __future__ import annotations

from typing import Any

from discovery.bank.data import KPIS, LIVE_KPI_TARGETS
from requirements_app.attributes import describe

from .base import Context, element, hours_text, join, number_text, quoted, scoped, section
from .wording import (
    calendar_days,
    client_words,
    count_text,
    current_tools,
    has_other,
    join_items,
    midsentence,
    named,
    requesters,
)

KPI_LABELS = {k: label for k, label, _unit in KPIS}
# A KPI's name for a help desk that serves the organization's own people, where the
# bank's label speaks of customers.
INTERNAL_KPI_LABELS = {"csat": "Satisfaction (CSAT)"}


def kpi_label(ctx: Context, kpi: str) -> str:
    if ctx.get("audience.type") == "internal" and kpi in INTERNAL_KPI_LABELS:
        return INTERNAL_KPI_LABELS[kpi]
    return KPI_LABELS.get(kpi, kpi)


KPI_UNITS = {k: unit for k, _label, unit in KPIS}
HORIZON_WORDS = {
    "short": "within 3 months",
    "medium": "within 3–12 months",
    "long": "after 12 months",
}


def kpi_value(kpi: str, value: float) -> str:
    return value_in_unit(value, KPI_UNITS.get(kpi, ""))


# The live channels whose queue targets the bank asks (LIVE_KPI_TARGETS), in the order
# their target stands for the KPI's one figure: calls first, where most clients queue.
LIVE_TARGET_CHANNELS = {"phone": "calls", "chat": "chats"}


def live_kpi_targets(ctx: Context, kpi: str) -> list[dict[str, Any]]:
    """A live-channel KPI's targets as the client gave them with each live channel it has
    (context.phone_abandon_target and the rest): {channel, words, value, within} each,
    `within` the seconds of a service level ("80% within 30 s")."""
    if kpi not in LIVE_KPI_TARGETS:
        return []
    channels = ctx.values("context.channels")
    out = []
    for channel, words in LIVE_TARGET_CHANNELS.items():
        if channel not in channels:
            continue
        questions = [q.format(channel=channel) for q in LIVE_KPI_TARGETS[kpi]]
        value = ctx.num(questions[0])
        if value is None:
            continue
        within = ctx.num(questions[1]) if len(questions) > 1 else None
        out.append(
            {
                "channel": channel,
                "words": words,
                "value": value,
                "within": within,
                "questions": questions,
            }
        )
    return out


def kpi_target(ctx: Context, kpi: str) -> float | None:
    """The client's target for a KPI: asked in the metrics step, or, for the live-channel
    KPIs (ASA, abandonment, service level), with the live channel in the context step; with
    several live channels, the calls' target is the KPI's figure and the others are named
    beside it (kpi_target_note)."""
    if kpi not in LIVE_KPI_TARGETS:
        return ctx.num(f"metrics.{kpi}.target")
    rows = live_kpi_targets(ctx, kpi)
    return rows[0]["value"] if rows else None


def kpi_target_value(ctx: Context, kpi: str, value: float) -> str:
    """A target value in the KPI's unit, with the answer time of a service level."""
    text = kpi_value(kpi, value)
    rows = live_kpi_targets(ctx, kpi)
    if kpi == "service_level" and rows and rows[0]["within"] is not None:
        text += f" answered within {number_text(rows[0]['within'])} s"
    return text


def kpi_target_note(ctx: Context, kpi: str) -> str:
    """Where a live-channel KPI's target comes from, per channel, when more than one live
    channel has its own ("calls: 5%; chats: 3%"); "" otherwise."""
    rows = live_kpi_targets(ctx, kpi)
    if len(rows) < 2:
        return ""
    parts = []
    for row in rows:
        part = f"{row['words']}: {kpi_value(kpi, row['value'])}"
        if row["within"] is not None:
            part += f" within {number_text(row['within'])} s"
        parts.append(part)
    return "; ".join(parts)


def kpi_duration_text(hours: float) -> str:
    """A KPI's duration as the client says it: minutes and hours up to a day and a half,
    days beyond ("10 days", not "240 h"; "13.8 days"). A KPI's time runs on the calendar
    (created to resolved), unlike an SLA clock counted in business hours, which stays in
    hours."""
    if hours < DAYS_FROM_HOURS:
        return hours_text(hours)
    days = number_text(round(hours / 24, 1))
    return f"{days} day" if days == "1" else f"{days} days"


# From this many hours a KPI's duration reads in days.
DAYS_FROM_HOURS = 48


def value_in_unit(value: float, unit: str) -> str:
    """A figure in its unit: hours as "2 h" (days from two days on), a percentage,
    dollars, or a count."""
    if unit == "hours":
        return kpi_duration_text(value)
    if unit == "%":
        return f"{number_text(value)}%"
    if unit == "USD":
        return f"${number_text(value, 2)}"
    return f"{number_text(value)} {unit}".strip()


def channel_volumes(ctx: Context) -> list[tuple[str, str, float | None]]:
    """(channel id, label, monthly volume) per selected channel."""
    return [
        (c, ctx.label("context.channels", c), ctx.num(f"context.volume_{c}"))
        for c in ctx.values("context.channels")
    ]


# Needs whose bank label speaks of customers, in words that fit any audience.
NEED_WORDS = {
    "self_service": "let {requesters} help themselves (self-service)",
    "visibility": "get visibility through reports, SLAs and accountability",
    "improve_satisfaction": "improve the satisfaction of the people it serves",
}
TIER_WORDS = {
    "single": "as one group that handles everything",
    "two": "in two tiers (first line, then specialists)",
    "three": "in three tiers or more",
}
DEPLOYMENT_WORDS = {
    "cloud": "cloud (SaaS)",
    "self_hosted": "self-hosted, on the client's own servers or cloud account",
    "hybrid": "hybrid, SaaS with some self-hosted parts",
    "no_preference": "no preference yet between SaaS and self-hosting",
}
MARKET_WORDS = {"b2b": "business customers", "b2c": "consumers", "both": "businesses and consumers"}


def label_phrase(label: str) -> str:
    """A bank label as a phrase: "Tight: up to about $25…" → "tight (up to about $25…)"."""
    head, _, rest = label.partition(": ")
    return f"{midsentence(head)} ({rest})" if rest else midsentence(label)


@scoped
def _challenge(ctx: Context) -> dict[str, Any]:
    who = requesters(ctx)
    needs = [
        NEED_WORDS[v].format(requesters=who)
        if v in NEED_WORDS
        else midsentence(ctx.label("objective.challenge", v))
        for v in ctx.values("objective.challenge")
        if v != "other"
    ]
    other = str(ctx.get("objective.challenge_other") or "").strip()
    parts = []
    if needs:
        parts.append(f"The client wants to {join_items(needs)}.")
    if other and has_other(ctx, "objective.challenge"):
        parts.append(f"Also, in their words: {client_words(other)}.")
    if ctx.get("objective.challenge_detail"):
        parts.append(f"In their words: {quoted(str(ctx.get('objective.challenge_detail')))}")
    tasks = [midsentence(t) for t in named(ctx, "objective.repetitive_tasks")]
    share = ctx.num("objective.repetitive_share")
    if tasks and share is not None:
        parts.append(f"About {number_text(share)}% of requests are repetitive: {join(tasks)}.")
    elif tasks:
        parts.append(f"The repetitive requests are {join_items(tasks)}.")
    return element(
        ctx,
        "summary.challenge",
        "challenge",
        "The challenge",
        " ".join(parts) or "The challenge is still to be described in discovery.",
        data={
            "needs": needs,
            "detail": ctx.get("objective.challenge_detail", ""),
            "repetitive_tasks": tasks,
            "repetitive_share": share,
        },
    )


def _tools_sentence(ctx: Context) -> str:
    every = current_tools(ctx)
    records = [t.described or t.name for t in every if not t.desk]
    tools = [t for t in every if t.desk]
    described = [t.described for t in tools if t.described]
    names = [t.name for t in tools if not t.described]
    fate = ctx.get("context.tool_fate")
    if records:
        # "NEC Housing (housing management)": the client's records, beside the desk.
        kept = "which the client keeps" if fate == "keep" else "which stay"
        beside = (
            f"Beside it, the client named {join(records)}: systems that hold its records, "
            f"not its support queue, {kept}; the help desk connects to them."
        )
        if not tools:
            return f"Today support runs without a dedicated help desk. {beside}"
        fate = None if fate == "keep" and not any(t.product for t in tools) else fate
    if not tools:
        return (
            "Today support runs without a dedicated tool."
            if "none" in ctx.values("context.tools")
            else ""
        )
    if described and not names:
        sentence = f"Today support runs on a tool the client describes as {join(described)}."
    elif described:
        sentence = f"Today support runs on {join(names)} and on a tool the client describes as {join(described)}."
    else:
        sentence = f"Today support runs on {join(names)}."
    follow = {
        "keep": "The client keeps it and builds around it.",
        "replace": "The client wants to replace it.",
        "open": "The client is open to keeping or replacing it.",
    }.get(str(fate), "")
    if records:
        follow = f"{follow} {beside}".strip()
    return f"{sentence} {follow}".strip()


def _channels_sentence(ctx: Context) -> str:
    volumes = channel_volumes(ctx)
    if not volumes:
        return ""
    known = [(midsentence(label), v) for _c, label, v in volumes if v is not None]
    unknown = [midsentence(label) for _c, label, v in volumes if v is None]
    listed = [f"{label} ({number_text(v)} a month)" for label, v in known]
    sentence = f"Requests arrive by {join(listed + unknown)}"
    total = sum(v for _label, v in known)
    if len(known) > 1 and total:
        sentence += f", {number_text(total)} a month in total"
    if unknown:
        sentence += f"; the volume of {join(unknown)} is not known yet"
    return sentence + "."


def _team_sentence(ctx: Context) -> str:
    team = ctx.num("context.team_size")
    if team is None:
        return ""
    organized = TIER_WORDS.get(str(ctx.get("context.tiers")), "")
    if team == 0:
        return "Nobody works in support full time today."
    people = "One person works" if team == 1 else f"{number_text(team)} people work"
    return "{people} in support{organized}.".format(
        people=people, organized=f", {organized}" if organized else ""
    )


COVERAGE_WORDS = {
    "business_hours": "during business hours on weekdays",
    "extended": "for extended hours, 7 days a week",
    "24x5": "24 hours a day on weekdays",
    "24x7": "24/7",
}


def _coverage_sentence(ctx: Context) -> str:
    if not ctx.has("context.coverage"):
        return ""
    coverage = COVERAGE_WORDS.get(str(ctx.get("context.coverage")), "")
    days = calendar_days(ctx)
    if ctx.get("context.coverage") == "extended" and days:
        # The client's calendars say which days; the band alone says 7.
        coverage = f"for extended hours, {days}"
    detail = str(ctx.get("context.coverage_detail") or "").strip().rstrip(".")
    if detail:
        return f"Support is covered {coverage} ({detail})."
    return f"Support is covered {coverage}."


SYSTEM_KINDS = {
    "integrations.crm": "a CRM",
    "integrations.erp": "an ERP",
}


def _systems_sentence(ctx: Context) -> str:
    systems: list[str] = []
    for qid in ("integrations.crm", "integrations.erp", "integrations.communication"):
        systems += named(ctx, qid)
        if has_other(ctx, qid) and qid in SYSTEM_KINDS:
            systems.append(f"{SYSTEM_KINDS[qid]} not on our list")
    identity = ctx.get("integrations.identity")
    if identity == "other":
        systems.append("a SAML / OIDC identity provider for sign-in")
    elif identity and identity != "none":
        systems.append(f"{ctx.text('integrations.identity')} for sign-in")
    return f"Systems in place: {join(systems)}." if systems else ""


@scoped
def _context(ctx: Context) -> dict[str, Any]:
    parts = [
        _tools_sentence(ctx),
        _channels_sentence(ctx),
        _team_sentence(ctx),
        _coverage_sentence(ctx),
    ]
    if ctx.get("context.current_metrics"):
        parts.append(f"Known figures: {quoted(str(ctx.get('context.current_metrics')))}")
    elif ctx.get("context.metrics_known") == "no":
        parts.append("Support is not measured today, so the first month sets the baselines.")
    process = ctx.get("context.current_workflow") or ctx.get("context.process")
    if process:
        parts.append(f"How a request travels today: {quoted(str(process))}")
    parts.append(_systems_sentence(ctx))
    text = " ".join(p for p in parts if p) or (
        "Still to be covered in discovery: the tools in use today, the channels and their "
        "volumes, the team and its hours."
    )
    volumes = channel_volumes(ctx)
    return element(
        ctx,
        "summary.context",
        "context",
        "Where support stands today",
        text,
        data={
            "tools": [t.name for t in current_tools(ctx)],
            "channels": [
                {"channel": c, "label": label, "monthly_volume": v} for c, label, v in volumes
            ],
            "team_size": ctx.num("context.team_size"),
            "coverage": ctx.get("context.coverage"),
            "coverage_detail": ctx.get("context.coverage_detail", ""),
        },
    )


@scoped
def _audience(ctx: Context) -> dict[str, Any]:
    parts = []
    kind = ctx.get("audience.type")
    who = {
        "external": "end customers",
        "internal": "the organization's own employees",
        "both": "end customers and the organization's own employees",
    }.get(str(kind), "")
    market = MARKET_WORDS.get(str(ctx.get("audience.market")), "") if kind != "internal" else ""
    users = ctx.num("audience.users")
    accounts = ctx.num("audience.accounts")
    if who:
        sentence = "The support system serves {who}".format(
            who=f"{who} ({market})" if market else who
        )
        if users is not None:
            people = "one person can" if users == 1 else f"{number_text(users)} people can"
            sentence += f": {people} ask for help"
            if accounts:
                sentence += " across {accounts}".format(
                    accounts=count_text(accounts, "customer account", "customer accounts")
                )
        parts.append(sentence + ".")
    elif users is not None:
        people = "One person can" if users == 1 else f"{number_text(users)} people can"
        parts.append(f"{people} ask for help.")
    if ctx.get("audience.contract_slas") == "yes":
        parts.append("Some customers hold contractual SLAs or premium plans.")
    itsm = [midsentence(i) for i in ctx.labels("audience.itsm")]
    if itsm:
        parts.append(f"IT practices needed: {join(itsm)}.")
    languages = named(ctx, "audience.languages")
    if languages and has_other(ctx, "audience.languages"):
        parts.append(
            f"Languages: {join(languages)}, and at least one more that discovery has not named yet."
        )
    elif languages:
        parts.append(f"Languages: {join(languages)}.")
    elif has_other(ctx, "audience.languages"):
        parts.append("The languages are still to be named in discovery.")
    regions = ctx.labels("audience.regions")
    if regions:
        zones = str(ctx.get("audience.timezones") or "").strip().rstrip(".")
        parts.append(
            "Regions: {regions}{zones}.".format(
                regions=join(regions), zones=f" (time zones {zones})" if zones else ""
            )
        )
    if ctx.get("audience.challenges"):
        parts.append(f"What they struggle with: {quoted(str(ctx.get('audience.challenges')))}")
    return element(
        ctx,
        "summary.audience",
        "audience",
        "Who asks for help",
        " ".join(parts) or "Who asks for help is still to be covered in discovery.",
        data={
            "type": kind,
            "users": users,
            "accounts": accounts,
            "languages": languages,
            "regions": regions,
        },
    )


def kpi_goal_text(ctx: Context, kpi: str) -> str:
    label = midsentence(KPI_LABELS.get(kpi, kpi))
    baseline = ctx.num(f"metrics.{kpi}.baseline")
    target = kpi_target(ctx, kpi)
    horizon = HORIZON_WORDS.get(str(ctx.get(f"metrics.{kpi}.horizon")), "")
    if target is None:
        return f"{label} (target still to be agreed)"
    when = f" {horizon}" if horizon else ""
    goal = kpi_target_value(ctx, kpi, target)
    if baseline is not None:
        return f"{label} from {kpi_value(kpi, baseline)} to {goal}{when}"
    return f"{label} at {goal}{when}"


@scoped
def _success(ctx: Context) -> dict[str, Any]:
    kpis = ctx.values("metrics.kpis")
    parts = []
    if kpis:
        parts.append(f"Success means {join_items([kpi_goal_text(ctx, k) for k in kpis])}.")
    for horizon, word in (
        ("short", "First 3 months"),
        ("medium", "3–12 months"),
        ("long", "12+ months"),
    ):
        text = ctx.get(f"metrics.results_{horizon}")
        if text:
            parts.append(f"{word}: {quoted(str(text))}")
    cadence = ctx.text("metrics.review_cadence")
    if cadence:
        parts.append(f"KPIs reviewed {cadence.lower()}.")
    return element(
        ctx,
        "summary.success",
        "success_criteria",
        "Success criteria",
        " ".join(parts) or "No KPI has been chosen yet.",
        data={
            "kpis": [
                {
                    "kpi": k,
                    "label": KPI_LABELS.get(k, k),
                    "baseline": ctx.num(f"metrics.{k}.baseline"),
                    "target": kpi_target(ctx, k),
                    "horizon": ctx.get(f"metrics.{k}.horizon"),
                }
                for k in kpis
            ]
        },
    )


@scoped
def _constraints(ctx: Context) -> dict[str, Any]:
    parts = []
    if ctx.has("scale.budget"):
        parts.append(
            "Budget for tools: {budget}.".format(budget=label_phrase(ctx.text("scale.budget")))
        )
    deployment = ctx.get("scale.deployment")
    if deployment:
        sentence = "Deployment: {deployment}".format(
            deployment=DEPLOYMENT_WORDS.get(str(deployment), ctx.text("scale.deployment"))
        )
        if ctx.values("scale.cloud_provider"):
            sentence += ", already on {provider}".format(provider=ctx.text("scale.cloud_provider"))
        parts.append(sentence + ".")
    compliance = [
        c.upper().replace("ISO27001", "ISO 27001") for c in ctx.values("scale.compliance")
    ]
    if compliance:
        clauses = [
            "Compliance: {regulations}".format(regulations=join(ctx.labels("scale.compliance")))
        ]
        residency = ctx.get("scale.data_residency")
        if residency == "anywhere":
            clauses.append("no restriction on where data is stored")
        elif residency:
            clauses.append(
                "data stored {where}".format(where=midsentence(ctx.text("scale.data_residency")))
            )
        if ctx.get("scale.audit_trail") == "yes":
            clauses.append("every ticket change kept in an audit trail")
        if ctx.get("scale.hipaa_baa") == "yes":
            clauses.append("vendors must sign a BAA")
        parts.append("; ".join(clauses) + ".")
    if ctx.has("scale.availability"):
        parts.append(
            "Availability: {level}.".format(level=label_phrase(ctx.text("scale.availability")))
        )
    now, v12, v36 = (ctx.num(f"scale.volume_{h}") for h in ("now", "12m", "36m"))
    if now is not None:
        sentence = "Volume: {now} today".format(
            now=count_text(now, "ticket a month", "tickets a month", none="no tickets yet")
        )
        if v12 is not None:
            sentence += f", {number_text(v12)} expected in 12 months"
        if v36 is not None:
            sentence += f" and {number_text(v36)} in 36 months"
        peak = ctx.num("scale.peak_factor")
        if peak and peak > 1:
            sentence += f"; peaks reach {number_text(peak)}× a normal month"
            season = str(ctx.get("scale.seasonality") or "").strip().rstrip(".")
            if season:
                sentence += f" ({season})"
        parts.append(sentence + ".")
    if ctx.has("objective.timeline"):
        parts.append("Timeline: {when}.".format(when=midsentence(ctx.text("objective.timeline"))))
    # What the consultant set by hand or took in from a client's challenge.
    for r in ctx.requirements:
        if "-MAN-" not in r.code or not r.attributes:
            continue
        ctx.requirement(r.code)
        what = "; ".join(f"{label.lower()} {value}" for label, value in describe(r.attributes))
        parts.append(f"Also required: {r.title} ({r.code}: {what}).")
    return element(
        ctx,
        "summary.constraints",
        "constraints",
        "Constraints",
        " ".join(parts)
        or "Still to be covered in discovery: the budget, the deployment, compliance, availability and volumes.",
        data={
            "budget": ctx.get("scale.budget"),
            "deployment": ctx.get("scale.deployment"),
            "compliance": compliance,
            "data_residency": ctx.get("scale.data_residency"),
            "availability": ctx.get("scale.availability"),
            "volume_now": now,
            "volume_12m": v12,
            "volume_36m": v36,
            "peak_factor": ctx.num("scale.peak_factor"),
            "timeline": ctx.get("objective.timeline"),
        },
    )


def generate(ctx: Context) -> dict[str, Any]:
    elements = [_challenge(ctx), _context(ctx), _audience(ctx), _success(ctx), _constraints(ctx)]
    team = ctx.num("context.team_size")
    volume = ctx.num("scale.volume_now")
    intro_bits = []
    if volume:
        intro_bits.append(count_text(volume, "request a month", "requests a month"))
    if team:
        intro_bits.append(
            f"a support team of {number_text(team)}" if team != 1 else "a one-person support team"
        )
    intro = "What discovery found"
    intro += f" — {join(intro_bits)}" if intro_bits else ""
    intro += ": the need, the starting point, the people served, how success will be measured and the limits the design must respect."
    return section("summary", "Summary of identified needs", intro, elements)
