"""What shapes the plan and the architecture for this client: how the help desk runs
(the hosting model) and how big the operation is.

Both are read from the constraints (a Must requirement's hosting, the recommended
platform's way of running) and the answers (team, volume, organization size), never from
a default: a SaaS client is never given servers, an eight-person team never a programme.
"""

from __future__ import annotations

from typing import Literal

from .base import Context

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
    agents = max(ctx.plan.headcount, int(ctx.num("context.team_size") or 0))
    volume = ctx.num("scale.volume_now") or sum(c.monthly_volume for c in ctx.plan.channels)
    org = ctx.get("scale.org_size")
    if agents >= LARGE_AGENTS or volume >= LARGE_VOLUME or org in LARGE_ORGS:
        return "large"
    if agents < SMALL_AGENTS and volume < SMALL_VOLUME:
        return "small"
    return "medium"
