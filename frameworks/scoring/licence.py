"""The licence a platform would cost this client: the cheapest tier that fits the team,
the capabilities and the way it runs, and the yearly estimate with its source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from frameworks.catalogue import Platform, PriceTier

from .data import BUDGET_CEILINGS, CAPABILITY_LABELS, FEATURE_LABELS
from .needs import Needs


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
    # A cheaper plan that fits exists whose price our sources did not capture.
    cheaper_unpriced: bool = False
    # Unpriced because our sources did not capture a price the vendor publishes: not "by
    # quote", which means the vendor publishes none.
    published: bool = False
    # Priced as a range, from the cheapest plan, when our sources do not say which plan
    # has what the client needs (Platform.plans_unmapped): the cheapest plan's figures;
    # `monthly_per_agent` and `yearly` are then the dearest plan's, the figures a budget
    # is checked against.
    monthly_low: Decimal | None = None
    yearly_low: Decimal | None = None

    @property
    def is_range(self) -> bool:
        return self.yearly_low is not None

    @property
    def unpriced_words(self) -> str:
        """How an estimate with no figure is named to a client."""
        return "price on the vendor's page" if self.published else "by quote"


def _needed(needs: Needs) -> list[str]:
    """What the client needs that only some plans may have: capabilities, channels and the
    plan features its Must requirements name."""
    return [
        *needs.capabilities,
        *(channel for channel, _volume in needs.channels),
        *needs.features,
    ]


def _candidate_tiers(p: Platform, needs: Needs, deployment: str | None) -> list[PriceTier]:
    names = [t.name for t in p.tiers]
    # A capability, a channel or a plan feature the client needs that only some plans have.
    needed = _needed(needs)
    gates = [names.index(p.tier_gates[c]) for c in needed if c in p.tier_gates]

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
    if deployment is None:
        return tiers
    # Only the plans of the way it runs: a cloud client is never priced on the software it
    # would have to host, a self-hosting one never on the vendor's cloud.
    return [t for t in tiers if t.deployment == deployment]


def _price(t: PriceTier) -> Decimal:
    return t.usd_per_agent_month or Decimal(0)


def licence_tier(p: Platform, needs: Needs, deployment: str | None = None) -> PriceTier | None:
    """The cheapest tier that fits the team, the needed capabilities and the way the
    platform runs for this client (`deployment`, from its hosting fit)."""
    tiers = _candidate_tiers(p, needs, deployment)
    priced = [t for t in tiers if t.is_priced]
    if priced:
        return min(priced, key=lambda t: (_price(t), tiers.index(t)))
    return tiers[0] if tiers else None


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _need_label(need: str) -> str:
    """A capability or plan feature in words ("the audit log of configuration changes")."""
    return FEATURE_LABELS.get(need) or CAPABILITY_LABELS.get(need) or need


def picked_by(p: Platform, needs: Needs, tier: PriceTier) -> list[str]:
    """What makes `tier` the plan: each need whose first plan it is, in words, a plan
    feature with the Must requirements that need it ("the audit log of configuration
    changes (NFR-SEC-008)")."""
    found = []
    for need in _needed(needs):
        if p.tier_gates.get(need) != tier.name:
            continue
        label = _need_label(need)
        codes = needs.features.get(need, ())
        found.append(f"{label} ({_join(list(codes))})" if codes else label)
    return list(dict.fromkeys(found))


def _plan_name(platform: str, tier: str) -> str:
    """The tier alone when it repeats the platform: not "GLPI GLPI Network Cloud"."""
    if tier.split(" ")[0] == platform.split(" ")[0]:
        return tier
    return f"{platform} {tier}"


def _needs_words(needs: Needs) -> str:
    labels = [_need_label(n) for n in (*needs.capabilities, *needs.features)]
    return _join(list(dict.fromkeys(labels))) if labels else ""


def _unmapped_range(
    p: Platform, needs: Needs, candidates: list[PriceTier], low: PriceTier, agents: int
) -> LicenceEstimate | None:
    """From the cheapest plan to the dearest, when our sources do not say which plan has
    what the client needs: an entry plan is never assumed to carry SLAs, automation or a
    portal for a team of thirty. None when the plans are mapped, the client needs nothing
    a plan may lack, or no dearer plan is priced."""
    if p.plans_unmapped is None or not _needed(needs):
        return None
    priced = [t for t in candidates if t.kind == "per_agent" and t.usd_per_agent_month]
    high = max(priced, key=lambda t: (_price(t), candidates.index(t)), default=None)
    if high is None or _price(high) <= _price(low):
        return None
    lo, hi = _price(low), _price(high)
    verified = low.verified and high.verified
    needs_text = _needs_words(needs) or "what this client needs"
    unverified = "" if verified else "; unverified, re-check before quoting"
    text = (
        f"{agents} agents × ${lo:,}–${hi:,} × 12 = ${lo * agents * 12:,}–${hi * agents * 12:,} "
        f"a year ({_plan_name(p.name, low.name)} to {high.name}: which plan first has "
        f"{needs_text} is not in our sources, so the budget is checked against "
        f"{high.name}{unverified})"
    )
    return LicenceEstimate(
        agents,
        f"{low.name} to {high.name}",
        hi,
        hi * agents * 12,
        False,
        verified,
        low.source if low.source == high.source else f"{low.source}; {high.source}",
        min(low.checked, high.checked),
        text,
        monthly_low=lo,
        yearly_low=lo * agents * 12,
    )


def licence_estimate(p: Platform, needs: Needs, deployment: str | None = None) -> LicenceEstimate:
    tier = licence_tier(p, needs, deployment)
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
    if tier.kind == "free" and (
        ranged := _unmapped_range(p, needs, _candidate_tiers(p, needs, deployment), tier, agents)
    ):
        return ranged
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
        candidates = _candidate_tiers(p, needs, deployment)
        skipped = [
            t.name
            for t in candidates[: candidates.index(tier)]
            if t.kind in ("by_quote", "not_captured")
        ]
        monthly = tier.usd_per_agent_month
        ceiling = BUDGET_CEILINGS.get(needs.budget or "")
        if skipped and ceiling is not None and monthly > ceiling:
            # The priced plan is over the budget, a cheaper one has no captured price: that
            # one is the candidate, by quote, not the one we happen to have a price for.
            cheaper = next(t for t in candidates if t.name == skipped[0])
            return LicenceEstimate(
                agents,
                cheaper.name,
                None,
                None,
                True,
                cheaper.verified,
                cheaper.source,
                cheaper.checked,
                f"by quote ({_plan_name(p.name, cheaper.name)}: {cheaper.price_text()}; "
                f"{tier.name} is ${monthly:,} per agent, above the {needs.budget} budget)",
                True,
            )
        if skipped:
            caveat += f"; {', '.join(skipped)} may cost less, price not captured"
        if reasons := picked_by(p, needs, tier):
            caveat = f"; {tier.name} is the first plan with {_join(reasons)}{caveat}"
        if (ranged := _unmapped_range(p, needs, candidates, tier, agents)) is not None:
            return ranged
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
            bool(skipped),
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
        f"{'price not captured' if tier.kind == 'not_captured' else 'by quote'} "
        f"({_plan_name(p.name, tier.name)}: {tier.price_text()})",
        published=tier.kind == "not_captured",
    )
