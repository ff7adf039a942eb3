"""Section 1: the summary of identified needs, written from the answers with their figures."""

from __future__ import annotations

from typing import Any

from discovery.bank.data import KPIS

from .base import Context, element, hours_text, join, number_text, quoted, scoped, section

KPI_LABELS = {k: label for k, label, _unit in KPIS}
KPI_UNITS = {k: unit for k, _label, unit in KPIS}
# Tool options that are not product names read in lower case mid-sentence.
GENERIC_TOOLS = frozenset({"spreadsheets_inbox"})
HORIZON_WORDS = {
    "short": "within 3 months",
    "medium": "within 3–12 months",
    "long": "after 12 months",
}


def kpi_value(kpi: str, value: float) -> str:
    return value_in_unit(value, KPI_UNITS.get(kpi, ""))


def value_in_unit(value: float, unit: str) -> str:
    """A figure in its unit: hours as "2 h", a percentage, dollars, or a count."""
    if unit == "hours":
        return hours_text(value)
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


@scoped
def _challenge(ctx: Context) -> dict[str, Any]:
    needs = ctx.labels("objective.challenge")
    if "other" in ctx.values("objective.challenge") and ctx.get("objective.challenge_other"):
        needs = [n for n in needs if n != ctx.label("objective.challenge", "other")]
        needs.append(str(ctx.get("objective.challenge_other")))
    parts = []
    if needs:
        parts.append(f"The client wants to {join(n[0].lower() + n[1:] for n in needs)}.")
    if ctx.get("objective.challenge_detail"):
        parts.append(f"In their words: {quoted(str(ctx.get('objective.challenge_detail')))}")
    tasks = ctx.labels("objective.repetitive_tasks")
    share = ctx.num("objective.repetitive_share")
    if tasks:
        amount = f"about {number_text(share)}% of requests" if share is not None else "requests"
        parts.append(f"Repetitive {amount} are {join(t.lower() for t in tasks)}.")
    return element(
        ctx,
        "summary.challenge",
        "challenge",
        "The challenge",
        " ".join(parts) or "The challenge has not been described yet.",
        data={
            "needs": needs,
            "detail": ctx.get("objective.challenge_detail", ""),
            "repetitive_tasks": tasks,
            "repetitive_share": share,
        },
    )


@scoped
def _context(ctx: Context) -> dict[str, Any]:
    parts = []
    tools = ctx.values("context.tools")
    named = [
        ctx.label("context.tools", t).lower()
        if t in GENERIC_TOOLS
        else ctx.label("context.tools", t)
        for t in tools
        if t not in ("other", "none")
    ]
    if "other" in tools and ctx.get("context.tools_other"):
        named.append(str(ctx.get("context.tools_other")))
    fate = ctx.text("context.tool_fate")
    if named:
        tool_text = f"Today support runs on {join(named)}"
        if fate:
            tool_text += f" ({fate.lower()})"
        parts.append(tool_text + ".")
    elif "none" in tools:
        parts.append("Today support runs without a dedicated tool.")
    volumes = channel_volumes(ctx)
    if volumes:
        listed = [
            f"{label} {number_text(v)}" if v is not None else label for _c, label, v in volumes
        ]
        total = sum(v for _c, _label, v in volumes if v)
        parts.append(
            f"Requests arrive by {join(listed)} a month"
            + (f", {number_text(total)} in total." if len(volumes) > 1 and total else ".")
        )
    team = ctx.num("context.team_size")
    if team is not None:
        tiers = ctx.text("context.tiers")
        parts.append(
            (f"{number_text(team)} people work" if team != 1 else "One person works")
            + " in support"
            + (f" ({tiers.lower()})" if tiers else "")
            + "."
        )
    if ctx.has("context.coverage"):
        detail = ctx.get("context.coverage_detail")
        parts.append(
            f"Coverage: {ctx.text('context.coverage').lower()}"
            + (
                f", {detail}"
                if detail
                and not str(detail).lower().startswith(ctx.text("context.coverage").lower())
                else ""
            )
            + "."
        )
    if ctx.get("context.current_metrics"):
        parts.append(f"Known figures: {quoted(str(ctx.get('context.current_metrics')))}")
    elif ctx.get("context.metrics_known") == "no":
        parts.append("Support is not measured today, so the first month sets the baselines.")
    process = ctx.get("context.current_workflow") or ctx.get("context.process")
    if process:
        parts.append(f"How a request travels today: {quoted(str(process))}")
    systems = []
    for qid in ("integrations.crm", "integrations.erp", "integrations.communication"):
        systems += ctx.labels(qid)
    if ctx.values("integrations.identity"):
        systems.append(f"{ctx.text('integrations.identity')} for sign-in")
    if systems:
        parts.append(f"Systems in place: {join(systems)}.")
    return element(
        ctx,
        "summary.context",
        "context",
        "Where support stands today",
        " ".join(parts),
        data={
            "tools": named,
            "channels": [
                {"channel": c, "label": label, "monthly_volume": v} for c, label, v in volumes
            ],
            "team_size": team,
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
    market = ctx.text("audience.market")
    users = ctx.num("audience.users")
    accounts = ctx.num("audience.accounts")
    if who:
        sentence = f"The system serves {who}"
        if market and kind != "internal":
            sentence += f" ({market})"
        if users is not None:
            sentence += f": {number_text(users)} people can ask for help"
            if accounts is not None:
                sentence += f" across {number_text(accounts)} customer accounts"
        parts.append(sentence + ".")
    if ctx.get("audience.contract_slas") == "yes":
        parts.append("Some customers hold contractual SLAs or premium plans.")
    itsm = ctx.labels("audience.itsm")
    if itsm:
        parts.append(f"IT practices needed: {join(i.lower() for i in itsm)}.")
    languages = ctx.labels("audience.languages")
    regions = ctx.labels("audience.regions")
    if languages:
        parts.append(f"Languages: {join(languages)}.")
    if regions:
        zones = ctx.get("audience.timezones")
        parts.append(f"Regions: {join(regions)}" + (f" (time zones {zones})." if zones else "."))
    if ctx.get("audience.challenges"):
        parts.append(f"What they struggle with: {quoted(str(ctx.get('audience.challenges')))}")
    return element(
        ctx,
        "summary.audience",
        "audience",
        "Who asks for help",
        " ".join(parts),
        data={
            "type": kind,
            "users": users,
            "accounts": accounts,
            "languages": languages,
            "regions": regions,
        },
    )


def kpi_goal_text(ctx: Context, kpi: str) -> str:
    label = KPI_LABELS.get(kpi, kpi)
    baseline = ctx.num(f"metrics.{kpi}.baseline")
    target = ctx.num(f"metrics.{kpi}.target")
    horizon = HORIZON_WORDS.get(str(ctx.get(f"metrics.{kpi}.horizon")), "")
    if target is None:
        return f"{label}: target to be agreed"
    text = f"{label} "
    text += f"from {kpi_value(kpi, baseline)} to " if baseline is not None else "to "
    text += kpi_value(kpi, target)
    return text + (f" {horizon}" if horizon else "")


@scoped
def _success(ctx: Context) -> dict[str, Any]:
    kpis = ctx.values("metrics.kpis")
    parts = []
    if kpis:
        parts.append(f"Success means: {join(kpi_goal_text(ctx, k) for k in kpis)}.")
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
                    "target": ctx.num(f"metrics.{k}.target"),
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
        parts.append(f"Budget for tools: {ctx.text('scale.budget').lower()}.")
    if ctx.has("scale.deployment"):
        sentence = f"Deployment: {ctx.text('scale.deployment')}"
        if ctx.values("scale.cloud_provider"):
            sentence += f", already on {ctx.text('scale.cloud_provider')}"
        parts.append(sentence + ".")
    compliance = [
        c.upper().replace("ISO27001", "ISO 27001") for c in ctx.values("scale.compliance")
    ]
    if compliance:
        sentence = f"Compliance: {join(ctx.labels('scale.compliance'))}"
        residency = ctx.text("scale.data_residency")
        if ctx.get("scale.data_residency") == "anywhere":
            sentence += "; no restriction on where data is stored"
        elif residency:
            sentence += f"; data stored {residency[0].lower()}{residency[1:]}"
        if ctx.get("scale.audit_trail") == "yes":
            sentence += "; every ticket change kept in an audit trail"
        if ctx.get("scale.hipaa_baa") == "yes":
            sentence += "; vendors must sign a BAA"
        parts.append(sentence + ".")
    if ctx.has("scale.availability"):
        parts.append(f"Availability: {ctx.text('scale.availability')}.")
    now, v12, v36 = (ctx.num(f"scale.volume_{h}") for h in ("now", "12m", "36m"))
    if now is not None:
        sentence = f"Volume: {number_text(now)} tickets a month today"
        if v12 is not None:
            sentence += f", {number_text(v12)} expected in 12 months"
        if v36 is not None:
            sentence += f" and {number_text(v36)} in 36 months"
        peak = ctx.num("scale.peak_factor")
        if peak and peak > 1:
            sentence += f"; peaks reach {number_text(peak)}× a normal month"
            if ctx.get("scale.seasonality"):
                sentence += f" ({ctx.get('scale.seasonality')})"
        parts.append(sentence + ".")
    if ctx.has("objective.timeline"):
        parts.append(f"Timeline: {ctx.text('objective.timeline').lower()}.")
    return element(
        ctx,
        "summary.constraints",
        "constraints",
        "Constraints",
        " ".join(parts),
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
    if volume is not None:
        intro_bits.append(f"{number_text(volume)} requests a month")
    if team is not None:
        intro_bits.append(
            f"a support team of {number_text(team)}" if team != 1 else "a one-person support team"
        )
    intro = "What discovery found"
    intro += f" — {join(intro_bits)}" if intro_bits else ""
    intro += ": the need, the starting point, the people served, how success will be measured and the limits the design must respect."
    return section("summary", "Summary of identified needs", intro, elements)
