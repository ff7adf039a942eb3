"""The criteria a platform is scored on, each a score from 0 to 1 with the reason a person
would give, and for a hard constraint the reason it excludes the platform."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from discovery.bank import BANK
from frameworks.catalogue import Fact, Platform
from frameworks.catalogue.model import API_CHANNELS

from .data import (
    API_FULL,
    API_LIMITED,
    AUDIENCE_LABELS,
    BUDGET_CEILINGS,
    CAPABILITY_LABELS,
    CHANNEL_LABELS,
    CLASS_LABELS,
    ENTERPRISE_MIN_TEAM,
    ENTERPRISE_SMALL_TEAM,
    GENERIC,
    INTEGRATION_LABELS,
    LARGE_TEAM,
    LARGE_VOLUME,
    LEVEL_SCORES,
    LEVEL_WORDS,
    LOW_COST,
    MIN_VOLUME_COVERED,
    NATIVE,
    OTHER_AUDIENCE,
    PARTLY_FOR,
)
from .hosting import HostingFit
from .licence import LicenceEstimate
from .needs import Needs

Verdict = tuple[float, str, str | None]  # score, reason, exclusion reason


def _captured_later(p: Platform, tier_name: str | None) -> bool:
    """Whether the vendor publishes prices (just not captured), rather than quoting only."""
    return any(t.kind == "not_captured" for t in p.tiers if t.name == tier_name)


def _budget(p: Platform, needs: Needs, licence: LicenceEstimate) -> Verdict:
    if licence.is_range and licence.monthly_low is not None and needs.budget in BUDGET_CEILINGS:
        # Plans not mapped to features: the cheapest may or may not hold what is needed.
        # Scored between its verdict and the dearest's; excluded only if even the
        # cheapest is out; the reason names the range and what to confirm.
        low = _budget_at(p, needs, replace(licence, monthly_per_agent=licence.monthly_low))
        high = _budget_at(p, needs, licence)
        if low[2] is not None:
            return low
        lo, hi, band = licence.monthly_low, licence.monthly_per_agent, needs.budget
        span = f"${lo:,}–${hi:,} per agent ({licence.tier})"
        if high[0] >= low[0]:
            reason = f"{span} fits a {band} budget at either end"
        else:
            cheapest = "free" if lo == 0 else f"${lo:,}"
            reason = (
                f"{span}: {cheapest} on the cheapest plan fits a {band} budget, ${hi:,} on "
                f"the dearest {'does not' if high[0] == 0 else 'is above it'}"
            )
        return (
            (low[0] + high[0]) / 2,
            f"{reason}; which plan has what is needed is to confirm",
            None,
        )
    return _budget_at(p, needs, licence)


def _budget_at(p: Platform, needs: Needs, licence: LicenceEstimate) -> Verdict:
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


def _deployment(p: Platform, needs: Needs, fit: HostingFit) -> Verdict:
    exclusion = fit.exclusion
    if exclusion is not None and exclusion[0] == "deployment":
        return 0.0, exclusion[1], exclusion[1]
    option = fit.option
    if option is None:  # closed on compliance: say how it would run all the same
        return 0.5, p.deployment_fact.text, None
    pref = needs.deployment
    if option.deployment == "self_hosted":
        reason = (
            "self-hosted, as the client asked"
            if needs.self_hosting_asked
            else "self-hosted: the client would run the servers (updates, backups, security)"
        )
    elif pref == "self_hosted":
        reason = "offered only as the vendor's cloud service, while the client prefers to self-host"
    else:
        reason = "offered as cloud SaaS" + (", as preferred" if pref == "cloud" else "")
    score = option.residency_score
    if pref == "self_hosted" and option.deployment == "cloud" and not needs.hosting:
        score *= 0.2
    elif pref == "hybrid":
        score *= 1.0 if p.deployment == {"cloud", "self_hosted"} else 0.7
    if option.residency:
        reason += f"; {option.residency}"
    return score, reason, None


def _compliance(p: Platform, needs: Needs, fit: HostingFit) -> Verdict:
    exclusion = fit.exclusion
    if exclusion is not None and exclusion[0] == "compliance":
        return 0.0, exclusion[1], exclusion[1]
    if not needs.compliance and not needs.baa:
        return 1.0, "no regulation named", None
    regs = ", ".join(r.upper().replace("ISO27001", "ISO 27001") for r in needs.compliance)
    option = fit.option
    if option is None:
        return 0.5, f"{regs}: no way to run it that keeps the other constraints", None
    detail = option.compliance
    if option.deployment == "self_hosted" and not detail:
        detail = "runs inside the client's own controls"
    if option.deployment == "cloud" and not detail:
        detail = "vendor certifications and DPA not in our sources: request them"
        return 0.6, f"{regs}: {detail}", None
    return option.compliance_score, f"{regs}: {detail}", None


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


def _label(question: str, value: str) -> str:
    """A channel or app as the client reads it mid-sentence ("live chat", "SMS"), never its
    id ("app_reviews")."""
    q = BANK.questions.get(question)
    label = q.choice_label(value) if q is not None else value.replace("_", " ")
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def _channel_fact(p: Platform, name: str) -> Fact:
    """The fact that says how a platform serves a channel: an add-on's own ("Phone: call
    routing to the team on call …") where it names the channel first, else the channels'."""
    return next(
        (f for f in p.addons if f.text.lower().startswith(f"{name.lower()}:")), p.channels_fact
    )


def _channel_score(p: Platform, channel: str, needs: Needs) -> tuple[float, str | None]:
    level = p.channels.get(channel)
    score = LEVEL_SCORES[level]
    name = _label("context.channels", channel)
    if level and needs.external and channel in p.internal_only_channels:
        return 0.3, f"{name} only for internal users ({_channel_fact(p, name).text})"
    apps = {"messaging": "context.messaging_apps", "social": "context.social_networks"}
    named = {"messaging": needs.messaging_apps, "social": needs.social_networks}.get(channel, ())
    named = tuple(n for n in named if n not in ("other",))
    if level and named:
        missing = [n for n in named if n not in p.channel_detail]
        if missing:
            score *= 0.6
            names = ", ".join(BANK.questions[apps[channel]].choice_label(n) for n in missing)
            return score, f"{name} listed, {names} not confirmed"
    if level is None:
        return score, f"no {name}"
    if level != "native":
        how = LEVEL_WORDS[level].format(plan=p.tier_gates.get(channel) or "higher plans")
        return score, f"{name} {how}"
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
    covered = [_label("context.channels", r[0]) for r in results if r[2] >= 1.0]
    reason = f"covers {', '.join(covered)}" if covered else "covers none of the channels"
    if gaps:
        reason += "; " + "; ".join(gaps)
    # Community threads, app-store reviews and monitoring alerts reach every help desk in
    # our sources the same way (through its API), so they tell no platform from another:
    # the share served natively is of the other channels' contacts.
    measured = [r for r in results if r[0] not in API_CHANNELS]
    measured_volume = sum(r[1] for r in measured)
    if measured_volume > 0:
        share = sum(r[1] for r in measured if r[2] >= 0.6) / measured_volume
        if share < MIN_VOLUME_COVERED:
            why = f"serves only {share:.0%} of the contacts natively ({reason})"
            return score, why, why
    return score, reason, None


def _capability_level(p: Platform, capability: str) -> float:
    if capability == "assets":
        return LEVEL_SCORES["tier"] if p.assets == "tier" else (1.0 if p.assets else 0.0)
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
    if p.enterprise_fact is not None and needs.team < ENTERPRISE_MIN_TEAM:
        reason = (
            f"{enterprise_text(p, needs)}: the contract, a partner implementation and its "
            f"administration are heavy below {ENTERPRISE_MIN_TEAM} agents, in our judgement"
        )
        return ENTERPRISE_SMALL_TEAM, reason, None
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


def _purpose(p: Platform, needs: Needs) -> Verdict:
    score, reason, _none = _made_for(p, needs)
    others = [a for a in needs.audiences if a not in p.audiences]
    if others and "customer_service" in needs.classes:
        whom = " and ".join(AUDIENCE_LABELS[a] for a in others)
        return score * OTHER_AUDIENCE, f"not made for {whom}: {reason}", None
    return score, reason, None


def enterprise_text(p: Platform, needs: Needs) -> str:
    """Why an enterprise platform is heavy for this team, in the client's words."""
    sold = p.enterprise_fact.text if p.enterprise_fact else "sold on an enterprise contract"
    return f"an enterprise platform for a team of {needs.team} ({sold[0].lower()}{sold[1:]})"


def partly_text(p: Platform) -> str:
    """What a product serves only partly, in the client's words: whom it is made for, and
    how external customers reach it."""
    main = " and ".join(CLASS_LABELS[c] for c in sorted(p.made_for - p.partly_for))
    reach = [
        CHANNEL_LABELS.get(c, c)
        for c in p.channels
        if c not in p.internal_only_channels and c not in API_CHANNELS
    ]
    return f"made for {main}, with external customers reaching it only by {' and '.join(reach)}"


def _made_for(p: Platform, needs: Needs) -> Verdict:
    wanted = set(needs.classes)
    made_for = set(p.made_for)
    what = p.made_for_fact.text if p.made_for_fact else ", ".join(sorted(made_for))
    if "psa" in wanted and "psa" not in made_for:
        # Nothing in the catalogue is a PSA: a help desk that holds customer companies is
        # the nearest fit, and the PSA choice stays open.
        score = 0.6 if "customer_service" in made_for else 0.4
        return score, f"not a PSA ({CLASS_LABELS['psa']}): {what}", None
    if wanted <= made_for and wanted & p.partly_for:
        return PARTLY_FOR, partly_text(p), None
    if wanted <= made_for:
        return 1.0, what, None
    if wanted & made_for:
        return (
            0.7,
            f"made for {CLASS_LABELS[sorted(wanted & made_for)[0]]}, partly for the rest: {what}",
            None,
        )
    needed = " and ".join(CLASS_LABELS[c] for c in sorted(wanted))
    return 0.3, f"made for something else than {needed}: {what}", None
