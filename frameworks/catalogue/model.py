"""Shapes of the knowledge catalogue: sourced facts, price tiers, platforms, KPIs, cloud blocks.

Every fact a client reads carries where it came from (`source`), when that source was last
read (`checked`) and whether the figure is confirmed (`verified`). A figure the reference
marks unverified stays `verified=False` and is shown as such until someone re-checks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

# The channel ids of the question bank (discovery.bank.data.CHANNELS).
CHANNEL_IDS = frozenset(
    {
        "email",
        "phone",
        "chat",
        "portal",
        "social",
        "messaging",
        "in_person",
        "community",
        "app_reviews",
        "monitoring",
    }
)
# Channels no help desk in our sources serves natively: a community platform, app-store
# reviews, monitoring alerts. Their threads and alerts become tickets through the help
# desk's API (a moderator's or an alert's action), so each platform with a full API serves
# them "manual"ly, and its API fact is the source.
API_CHANNELS: tuple[str, ...] = ("community", "app_reviews", "monitoring")

# How well a platform serves a channel or capability:
# native — built in; tier — built in on some plans only; module — through an add-on or
# module; manual — an agent records it by hand; none — not recorded in the catalogue.
Support = Literal["native", "tier", "module", "manual"]
SUPPORT_LEVELS: tuple[str, ...] = ("native", "tier", "module", "manual")

Deployment = Literal["cloud", "self_hosted"]

# What a product is made for. An organization's own IT runs an ITSM tool (incidents,
# requests, changes, assets); a company serving its customers runs a customer-service
# tool (public channels, customer accounts); a provider serving many customer companies
# under contract runs a PSA tool (tickets per customer company, contracts, time and
# billing). A help desk may serve more than one.
ProductClass = Literal["customer_service", "itsm", "psa"]
PRODUCT_CLASSES: tuple[str, ...] = ("customer_service", "itsm", "psa")

# Whom a product's customer-facing side is made for, as its made-for fact describes it:
# other businesses (a customer portal, organizations, contracts) or consumers (the public
# channels people use: messaging, social, in-app chat). An ITSM tool's customer portal
# serves business customers; a consumer brand's players or patients need the other kind.
Audience = Literal["business", "consumers"]
AUDIENCES: tuple[str, ...] = ("business", "consumers")

# Where a vendor keeps the data of its hosted service (region ids). A vendor in Germany keeps
# data in the EU too; one "in the EU" does not say which member state, so it does not keep
# data in Germany.
REGIONS: dict[str, str] = {
    "eu": "the EU",
    "de": "Germany",
    "us": "the USA",
    "uk": "the UK",
    "ca": "Canada",
    "au": "Australia",
    "in": "India",
    "jp": "Japan",
    "kr": "South Korea",
    "sg": "Singapore",
    "ch": "Switzerland",
    "br": "Brazil",
}

# What usage-based AI is billed by: a resolution the AI closes without an agent, a
# session (all of one person's messages in a time window), a conversation, an action.
AiUnit = Literal["resolution", "session", "conversation", "action"]
AI_UNITS: tuple[str, ...] = ("resolution", "session", "conversation", "action")

# per_agent — a published price per agent per month; free — no licence fee; by_quote — the
# vendor publishes no price; not_captured — published by the vendor but not in our sources
# (treated like by_quote until captured); other_basis — not priced per agent.
PriceKind = Literal["per_agent", "free", "by_quote", "not_captured", "other_basis"]
PRICE_KINDS: tuple[str, ...] = ("per_agent", "free", "by_quote", "not_captured", "other_basis")

BY_QUOTE = "by quote"


@dataclass(frozen=True)
class Fact:
    """A statement a client reads, with its source and the date that source was read."""

    text: str
    source: str
    checked: date
    verified: bool = True


@dataclass(frozen=True)
class PriceTier:
    name: str
    kind: PriceKind
    source: str
    checked: date
    verified: bool
    usd_per_agent_month: Decimal | None = None
    billing: str = ""  # "annual", "monthly", or "" when the source does not say
    deployment: Deployment = "cloud"
    free_agent_limit: int | None = None  # a free plan limited to this many agents
    legacy: bool = False  # still documented, not sold to new customers
    note: str = ""

    @property
    def is_priced(self) -> bool:
        return self.kind in ("per_agent", "free")

    def price_text(self) -> str:
        if self.kind == "free":
            limit = f" (up to {self.free_agent_limit} agents)" if self.free_agent_limit else ""
            text = f"free{limit}"
        elif self.kind == "per_agent" and self.usd_per_agent_month is not None:
            billing = f", {self.billing}" if self.billing else ""
            text = f"${self.usd_per_agent_month:,} per agent per month{billing}"
        elif self.kind == "other_basis":
            text = self.note or "not priced per agent"
        elif self.kind == "not_captured":
            text = "the vendor publishes it; read it on its price page before quoting"
        else:
            text = BY_QUOTE
        return text if self.verified else f"{text} (unverified)"


@dataclass(frozen=True)
class AiPricing:
    """How a vendor bills its AI agent: per unit, with what a plan includes."""

    unit: AiUnit
    usd_per_unit: Decimal
    fact: Fact  # what the vendor's page says, with its source and date
    per: int = 1  # the price covers this many units ("$49 per 100 sessions")
    included: str = ""  # what plans include before billing starts, as the source says


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    deployment: frozenset[Deployment]
    deployment_fact: Fact
    licence: Fact
    open_source: bool
    channels: dict[str, Support]
    channel_detail: frozenset[str]  # named apps: whatsapp, instagram, telegram, sms, …
    channels_fact: Fact
    sla: Support | None
    sla_fact: Fact
    automation: Support | None
    ai: Support | None
    automation_fact: Fact
    kb_portal: Support | None
    kb_portal_fact: Fact
    api: Literal["full", "limited"]
    api_fact: Fact
    integrations: frozenset[str]  # question-bank choice ids, where the sources name them
    integrations_fact: Fact
    tiers: tuple[PriceTier, ...]
    # Capability -> the first plan that has it, where the source says so.
    tier_gates: dict[str, str] = field(default_factory=dict)
    # Set when our sources name the plans and their prices but not what each plan holds:
    # no capability can then be placed on a plan, so a client needing any is priced from
    # the cheapest plan to the dearest, never on the cheapest alone (scoring/licence.py).
    plans_unmapped: Fact | None = None
    # Asset inventory / CMDB where the source says so: True (every plan) or "tier" (from
    # the plan its tier gate names).
    assets: bool | Literal["tier"] = False
    # Channels that serve only the organization's own people (e.g. chat through Slack/Teams).
    internal_only_channels: frozenset[str] = frozenset()
    # Where the vendor's hosted service keeps data (REGIONS ids), and the fact that says so.
    # Empty with no fact: not in our sources, which is not the same as "anywhere".
    hosting_regions: frozenset[str] = frozenset()
    regions_fact: Fact | None = None
    tool_id: str | None = None  # the platform's id in context.tools, if it has one
    addons: tuple[Fact, ...] = ()
    # What the product is made for, and the facts that show it.
    made_for: frozenset[ProductClass] = frozenset({"customer_service"})
    made_for_fact: Fact | None = None
    # Of what it is made for, what it serves only partly (an ITSM product whose customers
    # reach it through a portal and email alone), with the fact that shows how.
    partly_for: frozenset[ProductClass] = frozenset()
    partly_fact: Fact | None = None
    # Sold only on an enterprise contract (by quote, annual or multi-year, implemented by a
    # partner), with the fact that says so: heavy for a small team whatever it scores.
    enterprise_fact: Fact | None = None
    # The external audiences it is made for (none: only the organization's own people).
    audiences: frozenset[Audience] = frozenset({"business", "consumers"})
    # Compliance eligibility of the vendor's hosted service, only where a source says so:
    # True (offered), False (refused), None (not in our sources: confirm with the vendor).
    baa: bool | None = None
    baa_fact: Fact | None = None
    # Certifications our sources confirm (bank ids: soc2, iso27001, pci_dss); None when our
    # sources name none. A certification missing from the set is unconfirmed, not absent.
    certifications: frozenset[str] | None = None
    certifications_fact: Fact | None = None
    ai_pricing: tuple[AiPricing, ...] = ()

    @property
    def cloud_only(self) -> bool:
        return self.deployment == frozenset({"cloud"})

    @property
    def self_hostable(self) -> bool:
        return "self_hosted" in self.deployment

    def facts(self) -> tuple[Fact, ...]:
        optional = (
            self.regions_fact,
            self.made_for_fact,
            self.partly_fact,
            self.enterprise_fact,
            self.baa_fact,
            self.certifications_fact,
            self.plans_unmapped,
        )
        return (
            self.deployment_fact,
            self.licence,
            self.channels_fact,
            self.sla_fact,
            self.automation_fact,
            self.kb_portal_fact,
            self.api_fact,
            self.integrations_fact,
            *self.addons,
            *(f for f in optional if f is not None),
            *(a.fact for a in self.ai_pricing),
        )


@dataclass(frozen=True)
class Benchmark:
    text: str
    source: str
    checked: date
    verified: bool = True
    weak: bool = False  # the reference calls the source weak or a vendor claim


@dataclass(frozen=True)
class Kpi:
    id: str
    name: str
    definition: str
    formula: str
    unit: str
    direction: Literal["lower", "higher"]
    benchmarks: tuple[Benchmark, ...]
    measured_by: str
    definition_source: str
    checked: date


@dataclass(frozen=True)
class CloudBlock:
    """One building block and its product name at each provider."""

    id: str
    purpose: str
    products: dict[str, Fact]  # provider id ("aws", "azure", "gcp") -> product name
