"""A weighted scoring matrix that ranks the help-desk platforms against a project.

Pure and deterministic: discovery answers (and optionally requirement codes) in, a full
matrix, a shortlist with reasons, the rejected platforms with their deciding reason and a
yearly licence estimate out. Weights, budget bands and score levels are data.

Hard constraints exclude a platform outright (a cloud-only tool for a client that must
self-host or keep data in its own country; a tool the client is replacing; no free or
low-cost option on a minimal budget). Everything else is a score from 0 to 1 per
criterion, with the reason a person would give.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from frameworks.catalogue import CATALOGUE_VERSION, PLATFORMS, Platform, PriceTier
from frameworks.staffing import staffing_from_answers

# --- Data: weights, bands, levels -------------------------------------------------------------

WEIGHTS: dict[str, float] = {
    "budget": 0.20,
    "deployment": 0.10,
    "compliance": 0.05,
    "existing_tools": 0.10,
    "integrations": 0.20,
    "channels": 0.20,
    "capabilities": 0.10,
    "scale": 0.05,
}

CRITERION_LABELS: dict[str, str] = {
    "budget": "budget fit",
    "deployment": "deployment and data residency",
    "compliance": "compliance",
    "existing_tools": "existing tools",
    "integrations": "integrations",
    "channels": "channels",
    "capabilities": "required capabilities",
    "scale": "scale",
}

# Highest price per agent per month each budget answer can carry (None: no ceiling).
BUDGET_CEILINGS: dict[str, Decimal | None] = {
    "minimal": Decimal(0),
    "tight": Decimal(25),
    "moderate": Decimal(80),
    "enterprise": None,
}
# On a minimal budget a paid tier up to this price still counts as low-cost.
LOW_COST = Decimal(25)

LEVEL_SCORES: dict[str | None, float] = {
    "native": 1.0,
    "tier": 0.8,
    "module": 0.6,
    "manual": 0.3,
    None: 0.0,
}

# Integration needs met natively, by a generic connector, or only through the API.
NATIVE, GENERIC, API_FULL, API_LIMITED = 1.0, 0.75, 0.4, 0.1

# When several hard constraints exclude a platform, the first of these decides.
EXCLUSION_ORDER: tuple[str, ...] = ("deployment", "existing_tools", "channels", "budget")

# A platform that natively serves less than this share of the client's contacts leaves most
# of the support outside the tool, so it is not a candidate.
MIN_VOLUME_COVERED = 0.5

# A team or volume at which lightweight tools start to strain.
LARGE_TEAM = 25
LARGE_VOLUME = 10_000

# Requirement code segments (e.g. "FR-SLA-002", "NFR-KB-001") and the capability they need.
REQUIREMENT_CAPABILITIES: dict[str, str] = {
    "SLA": "sla",
    "KB": "kb_portal",
    "PORTAL": "kb_portal",
    "SELF": "kb_portal",
    "AUTO": "automation",
    "AUT": "automation",
    "AI": "ai",
    "BOT": "ai",
    "API": "api",
    "INT": "api",
    "ASSET": "assets",
    "CMDB": "assets",
}

CAPABILITY_LABELS: dict[str, str] = {
    "sla": "SLA engine",
    "kb_portal": "knowledge base and portal",
    "automation": "automation",
    "ai": "AI assistance",
    "api": "API",
    "assets": "asset management",
}

INTEGRATION_LABELS: dict[str, str] = {
    "salesforce": "Salesforce",
    "hubspot": "HubSpot CRM",
    "dynamics": "Dynamics 365",
    "zoho_crm": "Zoho CRM",
    "pipedrive": "Pipedrive",
    "sap": "SAP",
    "oracle": "Oracle",
    "dynamics_erp": "Dynamics 365 ERP",
    "netsuite": "NetSuite",
    "odoo": "Odoo",
    "zapier": "Zapier",
    "power_automate": "Power Automate",
    "make": "Make",
    "n8n": "n8n",
    "slack": "Slack",
    "teams": "Microsoft Teams",
    "google_chat": "Google Chat",
    "jira_software": "Jira Software",
    "github": "GitHub",
    "gitlab": "GitLab",
    "azure_devops": "Azure DevOps",
    "shopify": "Shopify",
    "magento": "Adobe Commerce",
    "woocommerce": "WooCommerce",
    "vtex": "VTEX",
    "ecommerce": "e-commerce platform",
    "telephony": "telephony",
    "monitoring": "monitoring",
    "billing": "billing",
}

CHANNEL_LABELS: dict[str, str] = {
    "email": "email",
    "phone": "phone",
    "chat": "chat",
    "portal": "portal",
    "social": "social",
    "messaging": "messaging",
}

RESIDENCY_LABELS: dict[str, str] = {"eu": "the EU", "us": "the USA", "brazil": "Brazil"}

# Walk-ups are logged by the agent in any ticketing tool, so they do not separate platforms.
UNSCORED_CHANNELS = frozenset({"in_person"})


# --- What the project asks of a platform -----------------------------------------------------


@dataclass(frozen=True)
class Needs:
    budget: str | None
    deployment: str | None
    residency: str | None
    compliance: tuple[str, ...]
    current_tools: tuple[str, ...]
    tool_fate: str | None
    integrations: tuple[str, ...]
    channels: tuple[tuple[str, float], ...]  # (channel, monthly volume)
    messaging_apps: tuple[str, ...]
    social_networks: tuple[str, ...]
    capabilities: tuple[str, ...]
    agents: int
    monthly_volume: float
    availability: str | None
    external: bool  # serves customers, not only the organization's own people


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _real(values: Iterable[str]) -> list[str]:
    return [v for v in values if v not in ("none", "other", "")]


def _number(value: Any) -> float:
    try:
        return float(value) if value not in (None, "") else 0.0
    except (TypeError, ValueError):
        return 0.0


def capabilities_from_requirements(codes: Iterable[str]) -> set[str]:
    """Capabilities named by requirement codes, matched on any dash-separated segment."""
    found = set()
    for code in codes:
        for segment in str(code).upper().split("-"):
            if capability := REQUIREMENT_CAPABILITIES.get(segment):
                found.add(capability)
    return found


def _integration_needs(a: Mapping[str, Any]) -> list[str]:
    needs: list[str] = []
    for key in ("integrations.crm", "integrations.erp", "integrations.automation"):
        needs += _real(_list(a.get(key)))
    needs += _real(_list(a.get("integrations.communication")))
    other = _list(a.get("integrations.other"))
    if "dev_tracker" in other and a.get("integrations.dev_tracker"):
        needs.append(str(a["integrations.dev_tracker"]))
    if "ecommerce" in other:
        shop = str(a.get("integrations.ecommerce_platform") or "other")
        needs.append("ecommerce" if shop == "other" else shop)
    needs += [o for o in other if o in ("telephony", "monitoring", "billing")]
    return list(dict.fromkeys(needs))


def _capability_needs(a: Mapping[str, Any], requirement_codes: Iterable[str]) -> list[str]:
    challenge = set(_list(a.get("objective.challenge")))
    kpis = set(_list(a.get("metrics.kpis")))
    itsm = set(_list(a.get("audience.itsm")))
    needs = {"sla"}  # every framework sets SLA targets per priority
    if "self_service" in challenge or kpis & {"self_service_rate", "volume_reduction"}:
        needs.add("kb_portal")
    if "request" in itsm:
        needs.add("kb_portal")
    if "automate_repetitive" in challenge or "advanced_automation" in _list(a.get("scale.needs")):
        needs.add("automation")
    if "automate_repetitive" in challenge:
        needs.add("ai")
    if "asset" in itsm:
        needs.add("assets")
    if _integration_needs(a):
        needs.add("api")
    needs |= capabilities_from_requirements(requirement_codes)
    order = list(CAPABILITY_LABELS)
    return sorted(needs, key=order.index)


def _planned_agents(a: Mapping[str, Any]) -> int:
    if a.get("context.channels"):
        headcount = staffing_from_answers(a).headcount
        if headcount > 0:
            return headcount
    return max(1, int(_number(a.get("context.team_size"))))


def needs_from_answers(
    answers: Mapping[str, Any],
    requirement_codes: Iterable[str] = (),
    agents: int | None = None,
) -> Needs:
    a = answers
    channels = [c for c in _list(a.get("context.channels")) if c not in UNSCORED_CHANNELS]
    volumes = tuple((c, _number(a.get(f"context.volume_{c}"))) for c in channels)
    return Needs(
        budget=a.get("scale.budget"),
        deployment=a.get("scale.deployment"),
        residency=a.get("scale.data_residency"),
        compliance=tuple(_real(_list(a.get("scale.compliance")))),
        current_tools=tuple(_list(a.get("context.tools"))),
        tool_fate=a.get("context.tool_fate"),
        integrations=tuple(_integration_needs(a)),
        channels=volumes,
        messaging_apps=tuple(_list(a.get("context.messaging_apps"))),
        social_networks=tuple(_list(a.get("context.social_networks"))),
        capabilities=tuple(_capability_needs(a, requirement_codes)),
        agents=agents if agents and agents > 0 else _planned_agents(a),
        monthly_volume=_number(a.get("scale.volume_now")) or sum(v for _c, v in volumes),
        availability=a.get("scale.availability"),
        external=a.get("audience.type") in ("external", "both"),
    )


# --- Results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionScore:
    criterion: str
    weight: float
    score: float
    reason: str


@dataclass(frozen=True)
class LicenceEstimate:
    agents: int
    tier: str | None
    monthly_per_agent: Decimal | None
    yearly: Decimal | None
    by_quote: bool
    verified: bool
    source: str
    checked: date | None
    text: str


@dataclass(frozen=True)
class PlatformScore:
    platform_id: str
    name: str
    total: float  # 0–100
    criteria: tuple[CriterionScore, ...]
    excluded: bool
    exclusion_reason: str | None
    licence: LicenceEstimate

    def criterion(self, key: str) -> CriterionScore:
        return next(c for c in self.criteria if c.criterion == key)


@dataclass(frozen=True)
class Recommendation:
    rank: int
    platform_id: str
    name: str
    total: float
    reasons: tuple[str, ...]
    cautions: tuple[str, ...]
    licence: LicenceEstimate


@dataclass(frozen=True)
class Rejection:
    platform_id: str
    name: str
    total: float
    excluded: bool
    reason: str


@dataclass(frozen=True)
class ScoringResult:
    catalogue_version: str
    weights: tuple[tuple[str, float], ...]
    needs: Needs
    matrix: tuple[PlatformScore, ...]
    shortlist: tuple[Recommendation, ...]
    rejected: tuple[Rejection, ...]

    def row(self, platform_id: str) -> PlatformScore:
        return next(r for r in self.matrix if r.platform_id == platform_id)

    @property
    def shortlist_ids(self) -> tuple[str, ...]:
        return tuple(r.platform_id for r in self.shortlist)


# --- Licence tier and estimate ----------------------------------------------------------------


def _must_self_host(needs: Needs) -> bool:
    return needs.deployment == "self_hosted" or needs.residency == "in_country"


def _candidate_tiers(p: Platform, needs: Needs) -> list[PriceTier]:
    names = [t.name for t in p.tiers]
    gates = [names.index(p.tier_gates[c]) for c in needs.capabilities if c in p.tier_gates]

    def gated(i: int, t: PriceTier) -> bool:
        # A gate orders the plans of one deployment (hosted plans); it says nothing about
        # running the software yourself.
        return any(i < g and t.deployment == p.tiers[g].deployment for g in gates)

    tiers = [
        t
        for i, t in enumerate(p.tiers)
        if not gated(i, t)
        and not t.legacy
        and not (t.free_agent_limit is not None and t.free_agent_limit < needs.agents)
    ]
    if _must_self_host(needs):
        return [t for t in tiers if t.deployment == "self_hosted"]
    if needs.deployment == "cloud" and needs.budget != "minimal":
        cloud = [t for t in tiers if t.deployment == "cloud"]
        return cloud or tiers
    return tiers


def _price(t: PriceTier) -> Decimal:
    return t.usd_per_agent_month or Decimal(0)


def licence_tier(p: Platform, needs: Needs) -> PriceTier | None:
    """The cheapest tier that fits the team, the needed capabilities and the deployment."""
    tiers = _candidate_tiers(p, needs)
    priced = [t for t in tiers if t.is_priced]
    if priced:
        return min(priced, key=lambda t: (_price(t), tiers.index(t)))
    return tiers[0] if tiers else None


def _plan_name(platform: str, tier: str) -> str:
    """The tier alone when it repeats the platform: not "GLPI GLPI Network Cloud"."""
    if tier.split(" ")[0] == platform.split(" ")[0]:
        return tier
    return f"{platform} {tier}"


def licence_estimate(p: Platform, needs: Needs) -> LicenceEstimate:
    tier = licence_tier(p, needs)
    agents = needs.agents
    if tier is None:
        return LicenceEstimate(
            agents,
            None,
            None,
            None,
            True,
            False,
            "",
            None,
            f"by quote ({p.name}: no plan in our sources fits this project)",
        )
    caveat = "" if tier.verified else "; unverified, re-check before quoting"
    if tier.kind == "free":
        hosting = (
            "; hosting and administration not included" if tier.deployment == "self_hosted" else ""
        )
        text = f"$0 a year in licences ({_plan_name(p.name, tier.name)}{hosting}{caveat})"
        return LicenceEstimate(
            agents,
            tier.name,
            Decimal(0),
            Decimal(0),
            False,
            tier.verified,
            tier.source,
            tier.checked,
            text,
        )
    if tier.kind == "per_agent" and tier.usd_per_agent_month is not None:
        candidates = _candidate_tiers(p, needs)
        skipped = [
            t.name
            for t in candidates[: candidates.index(tier)]
            if t.kind in ("by_quote", "not_captured")
        ]
        if skipped:
            caveat += f"; {', '.join(skipped)} may cost less, price not captured"
        monthly = tier.usd_per_agent_month
        yearly = monthly * agents * 12
        billing = f", {tier.billing} billing" if tier.billing else ""
        text = (
            f"{agents} agents × ${monthly:,} × 12 = ${yearly:,} a year "
            f"({_plan_name(p.name, tier.name)}{billing}{caveat})"
        )
        return LicenceEstimate(
            agents,
            tier.name,
            monthly,
            yearly,
            False,
            tier.verified,
            tier.source,
            tier.checked,
            text,
        )
    return LicenceEstimate(
        agents,
        tier.name,
        None,
        None,
        True,
        tier.verified,
        tier.source,
        tier.checked,
        f"by quote ({_plan_name(p.name, tier.name)}: {tier.price_text()})",
    )


# --- Criteria ---------------------------------------------------------------------------------

Verdict = tuple[float, str, str | None]  # score, reason, exclusion reason


def _captured_later(p: Platform, tier_name: str | None) -> bool:
    """Whether the vendor publishes prices (just not captured), rather than quoting only."""
    return any(t.kind == "not_captured" for t in p.tiers if t.name == tier_name)


def _budget(p: Platform, needs: Needs, licence: LicenceEstimate) -> Verdict:
    band = needs.budget
    price = licence.monthly_per_agent
    where = f"{licence.tier}" if licence.tier else "no fitting plan"
    if band not in BUDGET_CEILINGS:
        return 1.0, "budget not stated", None
    ceiling = BUDGET_CEILINGS[band]
    if ceiling is None:
        if price is None:
            return 1.0, f"enterprise budget covers quoted pricing ({where})", None
        return 1.0, f"enterprise budget covers ${price:,} per agent ({where})", None
    if price is None:
        if band == "minimal":
            reason = f"no free or low-cost option ({where}: by quote)"
            return 0.0, reason, reason
        if licence.by_quote and band == "tight" and not _captured_later(p, licence.tier):
            reason = f"only sold by quote ({where}), unlikely to fit a tight budget"
            return 0.0, reason, reason
        return 0.3, f"price not in our sources ({where}): ask for a quote", None
    if band == "minimal":
        if price == 0:
            return 1.0, f"free ({where})", None
        if price <= LOW_COST:
            return (0.6 if price <= 10 else 0.3), f"low-cost at ${price:,} ({where})", None
        reason = f"no free or low-cost option: cheapest fitting plan ${price:,} ({where})"
        return 0.0, reason, reason
    if price <= ceiling:
        return 1.0, f"${price:,} per agent fits a {band} budget ({where})", None
    if price <= ceiling * Decimal("1.25"):
        return 0.75, f"${price:,} per agent is a little above a {band} budget ({where})", None
    if price <= ceiling * Decimal("1.5"):
        return 0.5, f"${price:,} per agent is above a {band} budget ({where})", None
    if price <= ceiling * 2:
        return 0.25, f"${price:,} per agent is well above a {band} budget ({where})", None
    reason = f"${price:,} per agent is far above a {band} budget ({where})"
    return 0.0, reason, reason if band == "tight" else None


def _deployment(p: Platform, needs: Needs) -> Verdict:
    if _must_self_host(needs) and p.cloud_only:
        why = (
            "the client must self-host"
            if needs.deployment == "self_hosted"
            else "data must stay in the client's country / on premises"
        )
        reason = f"cloud-only (SaaS) and {why}"
        return 0.0, reason, reason
    pref = needs.deployment
    if pref == "self_hosted":
        score, reason = 1.0, "can be self-hosted"
    elif pref == "cloud":
        if "cloud" in p.deployment:
            score, reason = 1.0, "offered as cloud SaaS, as preferred"
        else:
            score, reason = 0.2, "self-hosted only, while the client prefers cloud SaaS"
    elif pref == "hybrid":
        both = p.deployment == {"cloud", "self_hosted"}
        score, reason = (1.0, "cloud or self-hosted") if both else (0.7, "one deployment model")
    else:
        score, reason = 1.0, p.deployment_fact.text
    residency = needs.residency
    if residency in RESIDENCY_LABELS:
        region = RESIDENCY_LABELS[residency]
        if residency in p.hosting_regions:
            reason += f"; vendor hosting in {region} ({p.deployment_fact.text})"
        elif p.self_hostable and pref != "cloud":
            reason += f"; can be hosted in {region}"
        elif p.self_hostable:
            score *= 0.7
            reason += f"; data in {region} by self-hosting, vendor cloud region to confirm"
        else:
            score *= 0.6
            reason += f"; data location in {region} not in our sources, confirm with the vendor"
    return score, reason, None


def _compliance(p: Platform, needs: Needs) -> Verdict:
    if not needs.compliance:
        return 1.0, "no regulation named", None
    regs = ", ".join(r.upper().replace("ISO27001", "ISO 27001") for r in needs.compliance)
    if p.self_hostable:
        return 0.9, f"{regs}: can run inside the client's own controls", None
    return 0.6, f"{regs}: vendor certifications and DPA not in our sources, request them", None


def _existing(p: Platform, needs: Needs) -> Verdict:
    current = [t for t in needs.current_tools if t not in ("none", "spreadsheets_inbox", "other")]
    if not current:
        return 1.0, "no help-desk tool to keep or migrate from", None
    fate = needs.tool_fate or "open"
    in_use = p.tool_id in current
    if fate == "replace":
        if in_use:
            reason = "in use today and the client wants to replace it"
            return 0.0, reason, reason
        return 1.0, "replaces the current tool", None
    if fate == "keep":
        if in_use:
            return 1.0, "in use today and the client keeps it", None
        return 0.0, "the client keeps its current tool", None
    if in_use:
        return 1.0, "in use today: no migration needed", None
    return 0.6, "means migrating from the current tool", None


def _integrations(p: Platform, needs: Needs) -> Verdict:
    if not needs.integrations:
        return 1.0, "no integrations needed", None
    native, generic, via_api = [], [], []
    scores = []
    for need in needs.integrations:
        label = INTEGRATION_LABELS.get(need, need)
        if need in p.integrations:
            scores.append(NATIVE)
            native.append(label)
        elif (
            need in {"shopify", "magento", "woocommerce", "vtex"} and "ecommerce" in p.integrations
        ):
            scores.append(GENERIC)
            generic.append(label)
        else:
            scores.append(API_FULL if p.api == "full" else API_LIMITED)
            via_api.append(label)
    parts = []
    if native:
        parts.append("native " + ", ".join(native))
    if generic:
        parts.append("generic connector for " + ", ".join(generic))
    if via_api:
        api = "API" if p.api == "full" else "a limited API (" + p.api_fact.text + ")"
        parts.append(", ".join(via_api) + f" through {api} or iPaaS")
    return sum(scores) / len(scores), "; ".join(parts), None


def _channel_score(p: Platform, channel: str, needs: Needs) -> tuple[float, str | None]:
    level = p.channels.get(channel)
    score = LEVEL_SCORES[level]
    if level and needs.external and channel in p.internal_only_channels:
        return 0.3, f"{channel} only for internal users ({p.channels_fact.text})"
    named = {"messaging": needs.messaging_apps, "social": needs.social_networks}.get(channel, ())
    named = tuple(n for n in named if n not in ("other",))
    if level and named:
        missing = [n for n in named if n not in p.channel_detail]
        if missing:
            score *= 0.6
            return score, f"{channel} listed, {', '.join(missing)} not confirmed"
    if level is None:
        return score, f"no {channel}"
    if level != "native":
        return score, f"{channel} via {level}"
    return score, None


def _channels(p: Platform, needs: Needs) -> Verdict:
    if not needs.channels:
        return 1.0, "no channels stated", None
    results = [(c, v, *_channel_score(p, c, needs)) for c, v in needs.channels]
    plain = sum(r[2] for r in results) / len(results)
    total_volume = sum(r[1] for r in results)
    weighted = sum(r[1] * r[2] for r in results) / total_volume if total_volume > 0 else plain
    # Mostly by volume share, so the channel carrying most contacts counts most.
    score = 0.3 * plain + 0.7 * weighted
    gaps = [r[3] for r in results if r[3]]
    covered = [r[0] for r in results if r[2] >= 1.0]
    reason = f"covers {', '.join(covered)}" if covered else "covers none of the channels"
    if gaps:
        reason += "; " + "; ".join(gaps)
    if total_volume > 0:
        share = sum(r[1] for r in results if r[2] >= 0.6) / total_volume
        if share < MIN_VOLUME_COVERED:
            why = f"serves only {share:.0%} of the contacts natively ({reason})"
            return score, why, why
    return score, reason, None


def _capability_level(p: Platform, capability: str) -> float:
    if capability == "assets":
        return 1.0 if p.assets else 0.0
    if capability == "api":
        return 1.0 if p.api == "full" else 0.3
    level = getattr(p, capability)
    return LEVEL_SCORES[level]


def _capabilities(p: Platform, needs: Needs) -> Verdict:
    if not needs.capabilities:
        return 1.0, "no specific capabilities required", None
    scored = [(c, _capability_level(p, c)) for c in needs.capabilities]
    has = [CAPABILITY_LABELS[c] for c, s in scored if s >= 0.8]
    weak = [CAPABILITY_LABELS[c] for c, s in scored if 0 < s < 0.8]
    lacks = [CAPABILITY_LABELS[c] for c, s in scored if s == 0]
    parts = []
    if has:
        parts.append("has " + ", ".join(has))
    if weak:
        parts.append("partial " + ", ".join(weak))
    if lacks:
        parts.append("no " + ", ".join(lacks) + " in our sources")
    return sum(s for _c, s in scored) / len(scored), "; ".join(parts), None


def _scale(p: Platform, needs: Needs) -> Verdict:
    large = (
        needs.agents >= LARGE_TEAM
        or needs.monthly_volume >= LARGE_VOLUME
        or needs.availability == "critical"
    )
    if not large:
        return (
            1.0,
            f"fits a team of {needs.agents} and {needs.monthly_volume:,.0f} contacts a month",
            None,
        )
    parts = [
        LEVEL_SCORES[p.sla],
        1.0 if p.api == "full" else 0.3,
        LEVEL_SCORES[p.automation],
    ]
    score = sum(parts) / len(parts)
    reason = f"{needs.agents} agents, {needs.monthly_volume:,.0f} contacts a month: " + (
        "SLA engine, full API and automation" if score >= 0.99 else "some gaps at this scale"
    )
    return score, reason, None


# --- The matrix -------------------------------------------------------------------------------


def score_platform(
    p: Platform, needs: Needs, weights: Mapping[str, float] = WEIGHTS
) -> PlatformScore:
    licence = licence_estimate(p, needs)
    verdicts: dict[str, Verdict] = {
        "budget": _budget(p, needs, licence),
        "deployment": _deployment(p, needs),
        "compliance": _compliance(p, needs),
        "existing_tools": _existing(p, needs),
        "integrations": _integrations(p, needs),
        "channels": _channels(p, needs),
        "capabilities": _capabilities(p, needs),
        "scale": _scale(p, needs),
    }
    criteria = tuple(
        CriterionScore(key, weights.get(key, 0.0), round(score, 4), reason)
        for key, (score, reason, _excl) in verdicts.items()
    )
    weight_sum = sum(c.weight for c in criteria) or 1.0
    total = round(100 * sum(c.weight * c.score for c in criteria) / weight_sum, 1)
    exclusion = next((verdicts[key][2] for key in EXCLUSION_ORDER if verdicts[key][2]), None)
    return PlatformScore(
        platform_id=p.id,
        name=p.name,
        total=total,
        criteria=criteria,
        excluded=exclusion is not None,
        exclusion_reason=exclusion,
        licence=licence,
    )


def _reasons(
    row: PlatformScore, deciding: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Strengths on the criteria that separate platforms, and weak spots to discuss."""
    strong = sorted(
        (c for c in row.criteria if c.score >= 0.8 and c.weight > 0 and c.criterion in deciding),
        key=lambda c: (-c.weight * c.score, c.criterion),
    )
    reasons = tuple(f"{CRITERION_LABELS[c.criterion]}: {c.reason}" for c in strong[:4])
    cautions = tuple(
        f"{CRITERION_LABELS[c.criterion]}: {c.reason}"
        for c in row.criteria
        if c.score < 0.6 and c.weight > 0
    )
    return reasons, cautions


def _deciding_reason(row: PlatformScore, benchmark: PlatformScore | None) -> str:
    if row.exclusion_reason:
        return row.exclusion_reason
    if benchmark is None:
        return "not shortlisted"
    gaps = [
        (c.weight * (benchmark.criterion(c.criterion).score - c.score), c) for c in row.criteria
    ]
    gap, worst = max(gaps, key=lambda g: (g[0], g[1].criterion))
    if gap <= 0:
        return (
            f"scores {row.total} against {benchmark.total} for {benchmark.name}; no single "
            "criterion separates them and the shortlist holds three"
        )
    return (
        f"scores {row.total} against {benchmark.total} for {benchmark.name}; "
        f"falls behind on {CRITERION_LABELS[worst.criterion]}: {worst.reason}"
    )


def score_platforms(
    answers: Mapping[str, Any],
    requirement_codes: Iterable[str] = (),
    *,
    agents: int | None = None,
    platforms: Iterable[Platform] = PLATFORMS,
    weights: Mapping[str, float] = WEIGHTS,
    shortlist_size: int = 3,
) -> ScoringResult:
    needs = needs_from_answers(answers, requirement_codes, agents)
    rows = [score_platform(p, needs, weights) for p in platforms]
    ranked = sorted(rows, key=lambda r: (r.excluded, -r.total, r.platform_id))
    eligible = [r for r in ranked if not r.excluded]
    if needs.tool_fate == "keep":
        kept = [r for r in eligible if r.criterion("existing_tools").reason.endswith("keeps it")]
        eligible = kept + [r for r in eligible if r not in kept]
    chosen = eligible[:shortlist_size]
    # A criterion on which every platform scores the same explains nothing.
    deciding = frozenset(key for key in weights if len({r.criterion(key).score for r in rows}) > 1)
    shortlist = []
    for rank, row in enumerate(chosen, start=1):
        reasons, cautions = _reasons(row, deciding)
        shortlist.append(
            Recommendation(
                rank, row.platform_id, row.name, row.total, reasons, cautions, row.licence
            )
        )
    last = chosen[-1] if chosen else None
    rejected = tuple(
        Rejection(r.platform_id, r.name, r.total, r.excluded, _deciding_reason(r, last))
        for r in ranked
        if r not in chosen
    )
    return ScoringResult(
        catalogue_version=CATALOGUE_VERSION,
        weights=tuple(weights.items()),
        needs=needs,
        matrix=tuple(ranked),
        shortlist=tuple(shortlist),
        rejected=rejected,
    )
