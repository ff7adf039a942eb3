"""What shapes the plan and the architecture for this client: how the help desk runs
(the hosting model) and how big the operation is.

Both are read from the constraints (a Must requirement's hosting, the recommended
platform's way of running) and the answers (team, volume, organization size), never from
a default: a SaaS client is never given servers, an eight-person team never a programme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from frameworks.business_case import AI_CHANNELS
from frameworks.catalogue import PLATFORMS_BY_ID
from frameworks.catalogue.costs import RATES, Rate
from frameworks.catalogue.model import AiPricing

from .base import Context
from .team import team_today

HostingModel = Literal["saas", "self_hosted", "hybrid"]
Size = Literal["small", "medium", "large"]

# An operation is small below both of these, large from either of the large ones on.
SMALL_AGENTS = 10
SMALL_VOLUME = 2_000
LARGE_AGENTS = 25
LARGE_VOLUME = 10_000
LARGE_ORGS = frozenset({"l", "xl"})


def hosting_model(ctx: Context) -> HostingModel:
    """How the help desk runs: what a Must requirement requires, else how the recommended
    platform runs for this client, else what the client prefers."""
    scoring = ctx.scoring
    needs = scoring.needs
    if needs.hosting == "cloud":
        return "saas"
    if needs.hosting == "self_hosted":
        return "self_hosted"
    if ctx.get("scale.deployment") == "hybrid":
        return "hybrid"
    if scoring.shortlist and scoring.shortlist[0].deployment:
        return "saas" if scoring.shortlist[0].deployment == "cloud" else "self_hosted"
    return "self_hosted" if ctx.get("scale.deployment") == "self_hosted" else "saas"


def size(ctx: Context) -> Size:
    """small, medium or large, from the planned team, the volume and the organization."""
    # Large by the people a change of tool has to move (everyone who works all year, at
    # the desk or in the field); small by the desk's work, as full-time equivalents
    # (team.py): eighteen volunteers at 4 h a week do not make a desk of twenty.
    today = team_today(ctx)
    people = max(ctx.plan.headcount, round(today.year_round) if today is not None else 0)
    desk = max(ctx.plan.headcount, round(today.basis()) if today is not None else 0)
    volume = ctx.num("scale.volume_now") or sum(c.monthly_volume for c in ctx.plan.channels)
    org = ctx.get("scale.org_size")
    if people >= LARGE_AGENTS or volume >= LARGE_VOLUME or org in LARGE_ORGS:
        return "large"
    if desk < SMALL_AGENTS and volume < SMALL_VOLUME:
        return "small"
    return "medium"


@dataclass(frozen=True)
class AiFit:
    """Whether an AI agent answering the client's written contacts is worth it yet.

    It is when the hours it frees at a fresh agent's resolution rate (the low end of the
    sourced band) exceed the hours it takes to keep its answers right (an assumption,
    labelled); the written volume from which that holds is the threshold the proposal
    states. The cost basis is the recommended platform's published AI price, when it has
    one; a client avoiding usage-based AI pricing is never given one billed by usage."""

    worth: bool
    written: float  # contacts a month on channels an AI agent answers
    aht_minutes: float  # their average handle time, as the staffing plan has it
    rate: Rate  # the resolution rate of a fresh AI agent
    upkeep: Rate  # the hours a month keeping it right takes
    hours_freed: float  # a month, at `rate`
    threshold: int  # written contacts a month from which it frees more than its upkeep
    refused: bool  # the client avoids usage-based AI pricing
    no_articles: bool  # no help desk today, so no articles yet for an AI agent to answer from
    platform: str  # the recommended platform's name, "" without a shortlist
    pricing: AiPricing | None  # its published AI price, if any
    monthly_cost: Decimal | None  # at `rate`, for a per-resolution price; else None

    @property
    def resolved(self) -> int:
        return round(self.written * float(self.rate.value))


def ai_fit(ctx: Context) -> AiFit:
    """The AI decision every section reads (architecture, tools, business case)."""
    return ctx.cached("ai_fit", lambda: _ai_fit(ctx))


def _ai_fit(ctx: Context) -> AiFit:
    written = [c for c in ctx.plan.channels if c.channel in AI_CHANNELS and c.monthly_volume]
    volume = sum(c.monthly_volume for c in written)
    aht = sum(c.monthly_volume * c.aht_minutes for c in written) / volume if volume else 0.0
    rate, upkeep = RATES["ai_resolution_low"], RATES["ai_upkeep_hours"]
    freed = volume * float(rate.value) * aht / 60
    per_contact = float(rate.value) * aht / 60  # hours freed per written contact
    threshold = math.ceil(float(upkeep.value) / per_contact) if per_contact else 0
    refused = "ai_usage" in ctx.values("scale.cost_sensitivity")
    top = PLATFORMS_BY_ID[ctx.scoring.shortlist[0].platform_id] if ctx.scoring.shortlist else None
    pricing = top.ai_pricing[0] if top is not None and top.ai_pricing else None
    cost = None
    if pricing is not None and pricing.unit == "resolution":
        cost = (pricing.usd_per_unit * round(volume * float(rate.value)) / pricing.per).quantize(
            Decimal("1")
        )
    # A team coming off a shared inbox has no help-centre articles yet: an AI agent answers
    # from them, so it comes after they are written, whatever the volume.
    tools = set(ctx.values("context.tools"))
    no_articles = not tools or tools <= {"spreadsheets_inbox", "none"}
    worth = (
        bool(threshold)
        and volume >= threshold
        and not no_articles
        and not (refused and pricing is not None)
    )
    return AiFit(
        worth=worth,
        written=volume,
        aht_minutes=aht,
        rate=rate,
        upkeep=upkeep,
        hours_freed=freed,
        threshold=threshold,
        refused=refused,
        no_articles=no_articles,
        platform=top.name if top is not None else "",
        pricing=pricing,
        monthly_cost=cost,
    )


def _percent(rate: Rate) -> str:
    return f"{float(rate.value) * 100:.0f}%"


def ai_text(f: AiFit) -> str:
    """What the proposal says of an AI agent: worth it or not yet, the volume threshold and
    the cost basis, each figure with where it comes from."""
    inputs = {
        "written": f"{f.written:,.0f}",
        "rate": _percent(f.rate),
        "rate_source": f.rate.source,
        "hours": f"{f.hours_freed:,.0f}",
        "upkeep": f"{f.upkeep.value:,.0f}",
        "threshold": f"{f.threshold:,}",
        "platform": f.platform,
    }
    if not f.written:
        return (
            "No AI agent: the client's channels are ones an AI agent does not answer "
            "(phone or in person); automation rules and self-service do the repetitive work."
        )
    if f.refused and f.pricing is not None:
        text = (
            "No usage-priced AI agent, as the client asked: {platform} bills its AI agent by "
            "usage. Automation rules and self-service do the repetitive work; an AI agent at a "
            "flat or capped price is for the vendor to quote."
        ).format(**inputs)
        return text
    if f.no_articles and f.written >= f.threshold:
        return (
            "An AI agent comes later: it answers from help-centre articles, and this team "
            "writes its first ones during set-up. At {written} written contacts a month, one "
            "resolving about {rate} of them ({rate_source}) would free about {hours} hours a "
            "month against about {upkeep} hours of upkeep (our estimate), so it is worth a "
            "trial once the articles cover the common questions."
        ).format(**inputs)
    if not f.worth:
        return (
            "An AI agent is not worth it yet: at {written} written contacts a month, a new AI "
            "agent resolving about {rate} of them ({rate_source}) would free about {hours} hours "
            "a month, less than the about {upkeep} hours a month keeping its answers right takes "
            "(our estimate). Rules, macros and self-service articles do the repetitive work "
            "now; an AI agent is worth a trial from about {threshold} written contacts a month."
        ).format(**inputs)
    text = (
        "An AI agent answers written contacts first: at {written} a month, resolving about "
        "{rate} of them ({rate_source}) frees about {hours} hours a month, more than the about "
        "{upkeep} hours a month keeping its answers right takes (our estimate); it repays that "
        "upkeep from about {threshold} written contacts a month."
    ).format(**inputs)
    if f.pricing is not None and f.monthly_cost is not None:
        text += (
            " Cost basis: {fact} ({source}, {checked}): about ${cost:,} a month for {resolved} "
            "resolutions, before any the plan includes."
        ).format(
            fact=f.pricing.fact.text,
            source=f.pricing.fact.source,
            checked=f.pricing.fact.checked.isoformat(),
            cost=f.monthly_cost,
            resolved=f"{f.resolved:,}",
        )
    elif f.pricing is not None:
        fact = f.pricing.fact
        text += f" Cost basis: {fact.text} ({fact.source}, {fact.checked.isoformat()})."
    elif f.platform:
        text += (
            " {platform} publishes no AI price in our sources: by quote, confirm with the vendor."
        ).format(**inputs)
    if f.refused:
        text += " The price must be flat or capped, as the client asked."
    return text


def ai_data(f: AiFit) -> dict[str, object]:
    """The decision's figures and their sources, for the element's data (and the check)."""
    data: dict[str, object] = {
        "worth": f.worth,
        "written_monthly": f.written,
        "aht_minutes": round(f.aht_minutes, 1),
        "hours_freed": round(f.hours_freed, 1),
        "threshold": f.threshold,
        "rate": {"value": float(f.rate.value), "source": f.rate.source, "checked": f.rate.dated},
        "estimate": {
            "text": f.upkeep.text,
            "inputs": ["written contacts a month", "handle time", "upkeep hours a month"],
            "basis": f.upkeep.source,
        },
    }
    if f.pricing is not None:
        data["pricing"] = {
            "unit": f.pricing.unit,
            "text": f.pricing.fact.text,
            "source": f.pricing.fact.source,
            "checked": f.pricing.fact.checked.isoformat(),
            "monthly_cost": float(f.monthly_cost) if f.monthly_cost is not None else None,
        }
    return data
