"""No recommendation may contradict a hard constraint the client set: the hosting model,
where data is stored, compliance eligibility (a BAA, certifications), the budget, the
decision to keep or replace the current tool, the channels the client has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from discovery.bank import BANK
from frameworks.catalogue import PLATFORMS_BY_ID, Platform
from frameworks.check.inputs import CheckInput, Item
from frameworks.check.model import Hit
from frameworks.check.registry import rule
from frameworks.generators.base import join
from frameworks.scoring import regions_label as places_label
from frameworks.scoring.data import PLACE_REGIONS

# Building blocks that only make sense when the help desk itself runs on the client's cloud.
HELP_DESK_HOSTING_BLOCKS = frozenset(
    {"load_balancer", "managed_postgresql", "cache_broker", "autoscaling_compute"}
)
RESIDENCY_WORDS = {
    "eu": "in the EU",
    "us": "in the USA",
    "brazil": "in Brazil",
    "in_country": "in the client's own country or on premises",
}
# Client text mentions the product from these exempt kinds only to compare products.
_COMPARISON_KINDS = frozenset({"rejected_platform", "scoring_matrix"})


def _shortlist(ci: CheckInput) -> list[tuple[Item, Platform | None]]:
    return [
        (item, PLATFORMS_BY_ID.get(str(item.data.get("platform_id"))))
        for item in ci.elements("platform")
    ]


def _name(item: Item) -> str:
    return str(item.data.get("name") or item.title)


def _deployment_label(ci: CheckInput) -> str:
    value = ci.answers.get("scale.deployment")
    return BANK.questions["scale.deployment"].display(value) if value else ""


def _licence(item: Item) -> dict[str, Any]:
    licence = item.data.get("licence")
    return licence if isinstance(licence, dict) else {}


def _self_hosted_plan(item: Item) -> bool:
    licence = _licence(item)
    words = f"{licence.get('tier') or ''} {licence.get('text') or ''}".lower()
    return "self-hosted" in words or "hosting and administration not included" in words


@rule("constraint.hosting")
def hosting(ci: CheckInput) -> Iterator[Hit]:
    deployment = ci.answers.get("scale.deployment")
    label = _deployment_label(ci)
    if deployment == "cloud":
        for item, platform in _shortlist(ci):
            offered = set(item.data.get("deployment") or (platform.deployment if platform else ()))
            if offered and "cloud" not in offered:
                yield Hit(
                    item.section,
                    item.element_id,
                    label,
                    f"{_name(item)} is self-hosted only, while the client chose {label}.",
                )
            elif _self_hosted_plan(item):
                yield Hit(
                    item.section,
                    item.element_id,
                    label,
                    f"{_name(item)} is priced on its self-hosted plan, while the client chose "
                    f"{label}: the client would have to run the servers.",
                )
        for item in ci.elements("building_block"):
            if item.data.get("block") in HELP_DESK_HOSTING_BLOCKS:
                yield Hit(
                    item.section,
                    item.element_id,
                    label,
                    f"{item.title} is proposed to host the help desk, but the client chose "
                    f"{label}: the vendor runs it.",
                )
        for item in ci.items:
            if item.kind in _COMPARISON_KINDS or item.kind == "platform":
                continue
            for _field, text in item.prose:
                if re.search(r"help desk[^.]*\bself-hosted\b|\bself-hosted\b[^.]*help desk", text):
                    yield Hit(
                        item.section,
                        item.element_id,
                        label,
                        f"The text says the help desk is self-hosted, while the client chose {label}.",
                    )
                    break
    elif deployment == "self_hosted":
        for item, platform in _shortlist(ci):
            offered = set(item.data.get("deployment") or (platform.deployment if platform else ()))
            if offered and "self_hosted" not in offered:
                yield Hit(
                    item.section,
                    item.element_id,
                    label,
                    f"{_name(item)} is offered only as the vendor's cloud service, while the "
                    f"client chose to self-host.",
                )
        for item in ci.items:
            if item.kind in _COMPARISON_KINDS or item.kind == "platform":
                continue
            for _field, text in item.prose:
                if "vendor-operated SaaS" in text or "the vendor operates the help desk" in text:
                    yield Hit(
                        item.section,
                        item.element_id,
                        label,
                        "The text says the vendor operates the help desk, while the client "
                        "chose to self-host.",
                    )
                    break


@rule("constraint.residency")
def residency(ci: CheckInput) -> Iterator[Hit]:
    where = str(ci.answers.get("scale.data_residency") or "")
    if where not in RESIDENCY_WORDS:
        return
    words = RESIDENCY_WORDS[where]
    deployment = ci.answers.get("scale.deployment")
    for item, platform in _shortlist(ci):
        if platform is None:
            continue
        self_host = platform.self_hostable and (
            deployment in ("self_hosted", "hybrid") or _self_hosted_plan(item)
        )
        if self_host:
            continue
        regions = platform.hosting_regions
        places = [
            PLACE_REGIONS.get(str(v), str(v).lower()) for v in ci.values("scale.residency_places")
        ]
        if where == "in_country" and places:
            # The client's own country, named: the vendor must host there, by its sources,
            # or the card must ask the vendor to confirm it. The places are a set: named in
            # one order whatever the order the client gave them, and each looked for alone.
            named = places_label(tuple(sorted(set(places))))
            confirm = " ".join(str(c) for c in item.data.get("confirm") or ())
            asked = all(places_label((p,)) in confirm for p in places)
            if regions and not regions & set(places):
                yield Hit(
                    item.section,
                    item.element_id,
                    f"in {named}",
                    f"{_name(item)} is hosted by the vendor outside {named} "
                    f"({platform.deployment_fact.text}), but data must stay there.",
                )
            elif not regions and not asked:
                yield Hit(
                    item.section,
                    item.element_id,
                    f"in {named}",
                    f"Whether {_name(item)} keeps data in {named} is not in our sources, and "
                    "its card does not ask the vendor to confirm it.",
                )
        elif where == "in_country" and not platform.self_hostable:
            yield Hit(
                item.section,
                item.element_id,
                words,
                f"{_name(item)} runs only in the vendor's cloud, but data must stay {words}.",
            )
        elif regions and where not in regions:
            yield Hit(
                item.section,
                item.element_id,
                words,
                f"{_name(item)} is hosted by the vendor outside the required region "
                f"({platform.deployment_fact.text}), but data must stay {words}.",
            )


def _compliance_attribute(platform: Platform, name: str) -> Any:
    return getattr(platform, name, None)


@rule("constraint.compliance")
def compliance(ci: CheckInput) -> Iterator[Hit]:
    if "hipaa" not in ci.values("scale.compliance") or ci.answers.get("scale.hipaa_baa") == "no":
        return
    for item, platform in _shortlist(ci):
        if platform is None or platform.self_hostable and _self_hosted_plan(item):
            continue
        if _compliance_attribute(platform, "baa") is False:
            yield Hit(
                item.section,
                item.element_id,
                "a Business Associate Agreement (BAA)",
                f"{_name(item)} does not sign a BAA, and the client's HIPAA obligations need one.",
            )


@rule("constraint.compliance_unknown")
def compliance_unknown(ci: CheckInput) -> Iterator[Hit]:
    regulations = set(ci.values("scale.compliance"))
    for item, platform in _shortlist(ci):
        if platform is None or (platform.self_hostable and _self_hosted_plan(item)):
            continue
        if (
            "hipaa" in regulations
            and ci.answers.get("scale.hipaa_baa") != "no"
            and _compliance_attribute(platform, "baa") is None
        ):
            yield Hit(
                item.section,
                item.element_id,
                "a signed BAA",
                f"Whether {_name(item)} signs a BAA is not in our sources.",
            )
        # A certification missing from the catalogue's set is unconfirmed, not absent.
        held = _compliance_attribute(platform, "certifications") or frozenset()
        missing = sorted((regulations & {"soc2", "iso27001", "pci_dss"}) - set(held))
        if missing:
            names = join(BANK.questions["scale.compliance"].choice_label(w) for w in missing)
            yield Hit(
                item.section,
                item.element_id,
                f"{names} for the vendor's service",
                f"{_name(item)}'s {names} certification is not in our sources.",
            )


def _cheapest_price(licence: dict) -> object:
    """A licence's price per agent, from its cheapest plan when it is a range (plans our
    sources do not map to features: the card says which plan is to confirm)."""
    low = licence.get("monthly_low")
    return low if low is not None else licence.get("monthly_per_agent")


@rule("constraint.budget")
def budget(ci: CheckInput) -> Iterator[Hit]:
    band = str(ci.answers.get("scale.budget") or "")
    ceiling = ci.data.budget_ceilings.get(band)
    if not ceiling or ceiling.get("preferred_free"):
        return
    limit = float(ceiling["usd_per_agent_month"])
    label = BANK.questions["scale.budget"].display(band)
    for item, _platform in _shortlist(ci):
        price = _cheapest_price(_licence(item))
        if isinstance(price, int | float) and price > limit:
            yield Hit(
                item.section,
                item.element_id,
                label,
                f"{_name(item)} costs ${price:g} per agent a month, above the client's budget "
                f"({label}).",
            )


@rule("constraint.budget_preference")
def budget_preference(ci: CheckInput) -> Iterator[Hit]:
    band = str(ci.answers.get("scale.budget") or "")
    ceiling = ci.data.budget_ceilings.get(band)
    if not ceiling or not ceiling.get("preferred_free"):
        return
    label = BANK.questions["scale.budget"].display(band)
    for item, _platform in _shortlist(ci):
        price = _cheapest_price(_licence(item))
        if isinstance(price, int | float) and price > float(ceiling["usd_per_agent_month"]):
            yield Hit(
                item.section,
                item.element_id,
                label,
                f"{_name(item)} is a paid plan (${price:g} per agent a month), while the client "
                f"prefers free or open source.",
            )


def _current_tools(ci: CheckInput) -> list[tuple[str, str]]:
    """(tool id, label) of the named tools in use today."""
    question = BANK.questions["context.tools"]
    tools = [
        (t, question.choice_label(t))
        for t in ci.values("context.tools")
        if t not in ("other", "spreadsheets_inbox")
    ]
    other = str(ci.answers.get("context.tools_other") or "").strip()
    if "other" in ci.values("context.tools") and other:
        tools.append(("other", other))
    return tools


@rule("constraint.tool")
def tool(ci: CheckInput) -> Iterator[Hit]:
    fate = ci.answers.get("context.tool_fate")
    tools = _current_tools(ci)
    if not tools or fate not in ("keep", "replace"):
        return
    fate_label = BANK.questions["context.tool_fate"].display(fate)
    shortlisted = {str(i.data.get("platform_id")): i for i in ci.elements("platform")}
    if fate == "keep":
        for item in ci.items:
            if item.kind in _COMPARISON_KINDS:
                continue
            for _field, text in item.prose:
                # Every kept tool the text moves away from, in one order whatever the order
                # the client ticked them.
                moved = sorted(
                    label
                    for _tool_id, label in tools
                    if re.search(
                        rf"migrat\w*[^.;]*\b{re.escape(label)}\b|\bretire\w*[^.;]*\b{re.escape(label)}\b",
                        text,
                        re.I,
                    )
                )
                if moved:
                    yield Hit(
                        item.section,
                        item.element_id,
                        fate_label,
                        f"The client keeps {join(moved)}, yet this element plans to move away "
                        f"from {'them' if len(moved) > 1 else 'it'}.",
                    )
        for tool_id, label in tools:
            platform = next((p for p in PLATFORMS_BY_ID.values() if p.tool_id == tool_id), None)
            if platform is None or platform.id in shortlisted:
                continue
            rejected = ci.element(f"tools.rejected.{platform.id}")
            if rejected is not None:
                yield Hit(
                    rejected.section,
                    rejected.element_id,
                    fate_label,
                    f"The client keeps {label}, but the proposal sets it aside.",
                )
    else:
        for tool_id, label in tools:
            platform = next((p for p in PLATFORMS_BY_ID.values() if p.tool_id == tool_id), None)
            if platform is not None and platform.id in shortlisted:
                item = shortlisted[platform.id]
                yield Hit(
                    item.section,
                    item.element_id,
                    fate_label,
                    f"The client is replacing {label}, yet the proposal shortlists it.",
                )


@rule("constraint.channel_gap")
def channel_gap(ci: CheckInput) -> Iterator[Hit]:
    channels = ci.values("context.channels")
    external = ci.answers.get("audience.type") in ("external", "both")
    question = BANK.questions["context.channels"]
    for item, platform in _shortlist(ci):
        if platform is None:
            continue
        for channel in channels:
            if channel == "in_person":
                continue  # a walk-up is logged by the agent on any tool
            level = platform.channels.get(channel)
            if level is not None and external and channel in platform.internal_only_channels:
                level = None
            if level is None:
                label = question.choice_label(channel)
                yield Hit(
                    item.section,
                    item.element_id,
                    label,
                    f"{_name(item)} does not serve {label.lower()}, a channel the client has.",
                )
