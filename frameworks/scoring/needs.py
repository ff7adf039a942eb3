"""What a project asks of a platform: read from the answers and from the requirements.

A requirement's attributes (hosting, residency, compliance, channel, integration, budget,
availability…) are constraints, whatever the requirement's origin: derived from a rule,
edited, added by hand, made from a client's challenge. A Must requirement makes its
attribute a hard constraint; the answers alone state preferences. Each constraint keeps
the requirement codes it came from, so the framework's traces point at them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from discovery.extraction import extract
from frameworks.staffing import staffing_from_answers

from .data import (
    AI_COST_ANSWERS,
    AI_TASKS,
    CAPABILITY_LABELS,
    PLACE_REGIONS,
    REQUIREMENT_CAPABILITIES,
    RESIDENCY_REGIONS,
    UNSCORED_CHANNELS,
)

HARD_PRIORITIES = frozenset({"must"})
CERTIFICATIONS = ("soc2", "iso27001", "pci_dss")


@dataclass(frozen=True)
class Needs:
    budget: str | None
    deployment: str | None  # the deployment answer: a preference unless a Must says so
    residency: str | None  # the residency answer as given (eu, us, brazil, in_country, …)
    compliance: tuple[str, ...]
    current_tools: tuple[str, ...]
    tool_fate: str | None
    # False when the typed "other" tool names only the client's systems of record (a
    # housing system, an EHR): kept beside the help desk, never kept as the help desk.
    other_tool_is_desk: bool
    integrations: tuple[str, ...]
    channels: tuple[tuple[str, float], ...]  # (channel, monthly volume)
    messaging_apps: tuple[str, ...]
    social_networks: tuple[str, ...]
    capabilities: tuple[str, ...]
    agents: int
    monthly_volume: float
    availability: str | None
    external: bool  # serves customers, not only the organization's own people
    # --- hard constraints and what they came from ---------------------------------------
    hosting: str | None = None  # "cloud" | "self_hosted": the only way it may run
    # Where data may be kept: catalogue region ids (any one of them will do), or
    # ("in_country",) for the client's own country or premises.
    regions: tuple[str, ...] = ()
    region_hard: bool = False
    baa: bool = False  # vendors must sign a Business Associate Agreement
    certifications: tuple[str, ...] = ()  # vendor certifications required
    classes: tuple[str, ...] = ("customer_service",)  # what kind of tool fits
    # The external audiences it serves ("business", "consumers"); empty when only its own
    # people, or when the answers do not say.
    audiences: tuple[str, ...] = ()
    self_hosting_asked: bool = False
    other_tool: str = ""  # the client's name for a current tool the bank does not list
    # Plan features a Must requirement needs (audit_log, skills_routing, sso), each with the
    # requirement codes that need it: a platform is priced on the first plan that has them.
    features: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The support team the client has today (context.team_size), when it says.
    team_today: int | None = None
    # Requirement codes each constraint was read from ("hosting", "residency", …).
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def team(self) -> int:
        """The team's size as a platform's weight is judged: the team today when smaller
        than the plan, so a practice of 12 is not taken for a contact centre of 42."""
        return min(self.agents, self.team_today or self.agents)

    @property
    def region(self) -> str | None:
        """The first place data may be kept (for text), None when anywhere."""
        return self.regions[0] if self.regions else None

    @property
    def requirement_codes(self) -> tuple[str, ...]:
        """Every requirement a constraint came from, once each."""
        return tuple(dict.fromkeys(c for codes in self.sources.values() for c in codes))


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
    # AI is needed where the answers call for it: repetitive questions an AI agent answers
    # from the knowledge base or order data, or AI spend the client wants kept in check.
    # Password resets, access requests and triage are rules and workflows, not AI.
    tasks = set(_list(a.get("objective.repetitive_tasks")))
    if "automate_repetitive" in challenge and tasks & AI_TASKS:
        needs.add("ai")
    if set(_list(a.get("scale.cost_sensitivity"))) & AI_COST_ANSWERS:
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


@dataclass(frozen=True)
class Req:
    """What scoring reads of a requirement: its code, priority and attributes."""

    code: str
    priority: str = "should"
    attributes: Mapping[str, Any] = field(default_factory=dict)


def as_requirements(items: Iterable[Any]) -> list[Req]:
    """Requirement codes (str) or requirement objects, as Reqs."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Req(item))
        else:
            out.append(
                Req(
                    str(item.code),
                    str(getattr(item, "priority", "should")),
                    dict(getattr(item, "attributes", None) or {}),
                )
            )
    return out


def _written_first(requirements: list[Req]) -> list[Req]:
    """Requirements a consultant wrote (by hand, or from a client's challenge) before the
    derived ones, the latest first: where they set the same constraint differently, the
    consultant's latest word is the one that holds."""
    written = [r for r in requirements if "-MAN-" in r.code]
    return [*reversed(written), *(r for r in requirements if "-MAN-" not in r.code)]


class _Attributes:
    """The requirements' attributes, read by name; what was read is kept per constraint."""

    def __init__(self, requirements: list[Req]) -> None:
        self.requirements = _written_first(requirements)
        self.sources: dict[str, list[str]] = {}

    def values(self, name: str, *, hard_only: bool = False) -> list[tuple[Any, str, bool]]:
        """(value, code, hard) for each requirement carrying attribute `name`."""
        found = []
        for r in self.requirements:
            value = r.attributes.get(name)
            if value in (None, "", [], ()):
                continue
            hard = r.priority in HARD_PRIORITIES
            if hard_only and not hard:
                continue
            found.append((value, r.code, hard))
            self.sources.setdefault(name, [])
            if r.code not in self.sources[name]:
                self.sources[name].append(r.code)
        return found

    def listed(self, name: str) -> list[str]:
        items: list[str] = []
        for value, _code, _hard in self.values(name):
            items += _list(value)
        return list(dict.fromkeys(items))


def _hosting(a: Mapping[str, Any], attrs: _Attributes) -> tuple[str | None, bool]:
    """The hosting the client requires (a Must requirement's attribute), and whether the
    client asked to host anything itself."""
    required = [v for v, _c, _h in attrs.values("hosting", hard_only=True)]
    deployment = a.get("scale.deployment")
    residency = a.get("scale.data_residency")
    asked = deployment in ("self_hosted", "hybrid") or residency == "in_country"
    asked = asked or any(v in ("self_hosted", "hybrid") for v in required)
    if "self_hosted" in required:
        return "self_hosted", True
    if "cloud" in required:
        return "cloud", asked
    return None, asked


def _places(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(PLACE_REGIONS.get(v, v.lower()) for v in values))


def _region(a: Mapping[str, Any], attrs: _Attributes) -> tuple[tuple[str, ...], bool]:
    """Where support data may be kept (catalogue region ids, or "in_country"), and whether
    a Must requirement says so."""
    # The client's own country, once named, is that place: a vendor hosting there keeps it.
    places = _places(_list(a.get("scale.residency_places")))
    found = attrs.values("residency")
    if found:
        # A Must before a preference; among equals, the consultant's latest word.
        value, _code, hard = next((f for f in found if f[2]), found[0])
        if str(value) == "named" or (str(value) == "in_country" and places):
            return places, hard
        return (RESIDENCY_REGIONS.get(str(value), str(value)),), hard
    answer = a.get("scale.data_residency")
    if answer == "in_country" and places:
        return places, False
    if answer in RESIDENCY_REGIONS or answer == "in_country":
        return (RESIDENCY_REGIONS.get(str(answer), str(answer)),), False
    if answer == "named":
        return places, False
    return (), False


def _classes(a: Mapping[str, Any]) -> tuple[str, ...]:
    if a.get("audience.service_provider") == "yes":
        return ("psa",)
    kind = a.get("audience.type")
    if kind == "internal":
        return ("itsm",)
    if kind == "both":
        return ("customer_service", "itsm")
    return ("customer_service",)


def _audiences(a: Mapping[str, Any]) -> tuple[str, ...]:
    """Business customers, consumers or both, as the audience answers say."""
    if a.get("audience.type") not in ("external", "both"):
        return ()
    market = a.get("audience.market")
    kind = a.get("audience.consumer_kind")
    found = []
    if market in ("b2b", "both") or (market is None and kind in ("corporate", "both")):
        found.append("business")
    if market in ("b2c", "both") or (market is None and kind in ("individual", "both")):
        found.append("consumers")
    return tuple(found)


def needs_from_answers(
    answers: Mapping[str, Any],
    requirements: Iterable[Any] = (),
    agents: int | None = None,
) -> Needs:
    """The project's needs: the answers, and the requirements' codes and attributes.

    `requirements` are codes or requirement objects (with `code`, `priority` and
    `attributes`); a Must requirement's attribute is a hard constraint.
    """
    a = answers
    reqs = as_requirements(requirements)
    codes = [r.code for r in reqs]
    attrs = _Attributes(reqs)
    channels = [c for c in _list(a.get("context.channels")) if c not in UNSCORED_CHANNELS]
    for channel in attrs.listed("channel"):
        if channel not in channels and channel not in UNSCORED_CHANNELS:
            channels.append(channel)
    volumes = tuple((c, _number(a.get(f"context.volume_{c}"))) for c in channels)
    integrations = _integration_needs(a)
    integrations += [i for i in attrs.listed("integration") if i not in integrations]
    compliance = _real(_list(a.get("scale.compliance")))
    compliance += [c for c in attrs.listed("compliance") if c not in compliance and c != "baa"]
    baa = a.get("scale.hipaa_baa") == "yes" or "baa" in attrs.listed("compliance")
    budget = a.get("scale.budget")
    for value, _code, hard in attrs.values("budget"):
        if hard:
            budget = str(value)
    availability = a.get("scale.availability")
    levels = ["standard", "high", "critical"]
    for value, _code, _hard in attrs.values("availability"):
        if value in levels and (
            availability not in levels or levels.index(value) > levels.index(availability)
        ):
            availability = value
    features: dict[str, list[str]] = {}
    for value, code, _hard in attrs.values("feature", hard_only=True):
        for feature in _list(value):
            features.setdefault(feature, [])
            if code not in features[feature]:
                features[feature].append(code)
    hosting, asked = _hosting(a, attrs)
    regions, region_hard = _region(a, attrs)
    capabilities = _capability_needs(a, codes)
    if integrations and "api" not in capabilities:
        capabilities = sorted({*capabilities, "api"}, key=list(CAPABILITY_LABELS).index)
    staffing = [int(_number(v)) for v, _c, _h in attrs.values("staffing") if _number(v) > 0]
    planned = agents if agents and agents > 0 else _planned_agents(a)
    return Needs(
        other_tool_is_desk=typed_tool_is_desk(str(a.get("context.tools_other") or "")),
        budget=budget,
        deployment=a.get("scale.deployment"),
        residency=a.get("scale.data_residency"),
        compliance=tuple(compliance),
        current_tools=tuple(_list(a.get("context.tools"))),
        tool_fate=a.get("context.tool_fate"),
        integrations=tuple(integrations),
        channels=volumes,
        messaging_apps=tuple(_list(a.get("context.messaging_apps"))),
        social_networks=tuple(_list(a.get("context.social_networks"))),
        capabilities=tuple(capabilities),
        agents=max([planned, *staffing]),
        monthly_volume=_number(a.get("scale.volume_now")) or sum(v for _c, v in volumes),
        availability=availability,
        external=a.get("audience.type") in ("external", "both"),
        hosting=hosting,
        regions=regions,
        region_hard=region_hard,
        baa=baa,
        certifications=tuple(c for c in CERTIFICATIONS if c in compliance),
        classes=_classes(a),
        audiences=_audiences(a),
        self_hosting_asked=asked,
        other_tool=str(a.get("context.tools_other") or "").strip(),
        features={f: tuple(codes) for f, codes in sorted(features.items())},
        team_today=int(_number(a.get("context.team_size"))) or None,
        sources={k: tuple(v) for k, v in attrs.sources.items()},
    )


# Systems of record the client may type as its "other" tool, which hold its records but
# never run its support queue (discovery/extraction/data/systems.yaml classes).
RECORD_SYSTEM_CLASSES = frozenset(
    {
        "housing",
        "ehr",
        "pms",
        "sis",
        "core_banking",
        "records",
        "field_service",
        "gis",
        "lms",
        "accounting",
        "erp",
        "hris",
        "telephony",
        "identity",
        "billing",
        "payments",
        "insurance",
    }
)


def typed_tool_is_desk(text: str) -> bool:
    """Whether the tool the client typed as its current "other" tool can be its help desk:
    "NEC Housing and a complaints spreadsheet" names a housing system only, which the new
    desk connects to, not one it is built around; a name the gazetteer does not know is
    taken at the client's word."""
    classes = {f.group for f in extract(text) if f.category == "system"}
    return not classes or not classes <= RECORD_SYSTEM_CLASSES
