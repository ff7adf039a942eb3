"""The knowledge catalogue: help-desk platforms, KPIs and cloud building blocks, as data.

Validated at import: a catalogue that breaks its own rules (a price without a source, an
invented price on a by-quote tier, a channel the question bank does not know) fails loudly
instead of reaching a client. `CATALOGUE_VERSION` is stamped into every proposal version.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .cloud import CLOUD_BLOCKS, CLOUD_VERSION, PROVIDERS
from .kpis import KPI_CATALOGUE, KPIS_VERSION
from .model import (
    AI_UNITS,
    AUDIENCES,
    BY_QUOTE,
    CHANNEL_IDS,
    PRICE_KINDS,
    PRODUCT_CLASSES,
    REGIONS,
    SUPPORT_LEVELS,
    AiPricing,
    Benchmark,
    CloudBlock,
    Fact,
    Kpi,
    Platform,
    PriceTier,
)
from .platforms import PLATFORMS, PLATFORMS_VERSION

CATALOGUE_VERSION = f"platforms {PLATFORMS_VERSION}; kpis {KPIS_VERSION}; cloud {CLOUD_VERSION}"

# Nothing can have been checked after the catalogue was assembled.
LATEST_CHECK = date(2026, 12, 2)
MIN_PLATFORMS = 15


class CatalogueError(ValueError):
    pass


def _check_fact(where: str, source: str, checked: object) -> list[str]:
    errors = []
    if not source.strip():
        errors.append(f"{where}: no source")
    if not isinstance(checked, date):
        errors.append(f"{where}: no checked date")
    elif checked > LATEST_CHECK:
        errors.append(f"{where}: checked {checked} is after {LATEST_CHECK}")
    return errors


def _check_tier(where: str, tier: PriceTier) -> list[str]:
    errors = _check_fact(where, tier.source, tier.checked)
    if tier.kind not in PRICE_KINDS:
        errors.append(f"{where}: unknown price kind {tier.kind!r}")
    amount = tier.usd_per_agent_month
    if tier.kind == "per_agent":
        if amount is None or amount <= 0:
            errors.append(f"{where}: a per-agent price needs a positive amount")
    elif tier.kind == "free":
        if amount not in (None, Decimal(0)):
            errors.append(f"{where}: a free tier cannot carry a price")
    elif amount is not None:
        errors.append(f"{where}: a {tier.kind} tier must not carry an amount")
    return errors


def validate_platforms(platforms: tuple[Platform, ...] = PLATFORMS) -> list[str]:
    errors: list[str] = []
    if len(platforms) < MIN_PLATFORMS:
        errors.append(f"only {len(platforms)} platforms; at least {MIN_PLATFORMS} expected")
    ids = [p.id for p in platforms]
    errors += [f"duplicate platform id {i!r}" for i in sorted(set(ids)) if ids.count(i) > 1]
    for p in platforms:
        if not p.deployment or not p.deployment <= {"cloud", "self_hosted"}:
            errors.append(f"{p.id}: deployment must be cloud and/or self_hosted")
        for channel, level in p.channels.items():
            if channel not in CHANNEL_IDS:
                errors.append(f"{p.id}: unknown channel {channel!r}")
            if level not in SUPPORT_LEVELS:
                errors.append(f"{p.id}: unknown support level {level!r} for {channel}")
        for name in ("sla", "automation", "ai", "kb_portal"):
            level = getattr(p, name)
            if level is not None and level not in SUPPORT_LEVELS:
                errors.append(f"{p.id}: unknown support level {level!r} for {name}")
        for i, fact in enumerate(p.facts()):
            errors += _check_fact(
                f"{p.id} fact {i} ({fact.text[:30]!r})", fact.source, fact.checked
            )
        if not p.tiers:
            errors.append(f"{p.id}: no price tiers (use a by_quote tier when unpublished)")
        tier_names = [t.name for t in p.tiers]
        for t in p.tiers:
            errors += _check_tier(f"{p.id} tier {t.name!r}", t)
            if t.deployment not in p.deployment:
                errors.append(f"{p.id} tier {t.name!r}: deployment {t.deployment} not offered")
        if not p.internal_only_channels <= set(p.channels):
            errors.append(f"{p.id}: internal-only channels must be among its channels")
        for capability, tier_name in p.tier_gates.items():
            if tier_name not in tier_names:
                errors.append(f"{p.id}: gate {capability!r} names unknown tier {tier_name!r}")
        if p.assets == "tier" and "assets" not in p.tier_gates:
            errors.append(f"{p.id}: asset management on some plans must name the first plan")
        errors += _check_eligibility(p)
    return errors


def _check_eligibility(p: Platform) -> list[str]:
    """Regions, compliance and product class: known only with a fact that says so."""
    errors = []
    if unknown := p.hosting_regions - set(REGIONS):
        errors.append(f"{p.id}: unknown regions {sorted(unknown)}")
    if p.hosting_regions and p.regions_fact is None:
        errors.append(f"{p.id}: hosting regions without the fact that says so")
    if p.hosting_regions and p.cloud_only is False and "cloud" not in p.deployment:
        errors.append(f"{p.id}: hosting regions for a product the vendor does not host")
    if not p.made_for or not p.made_for <= set(PRODUCT_CLASSES):
        errors.append(f"{p.id}: made_for must name classes among {PRODUCT_CLASSES}")
    if not p.audiences <= set(AUDIENCES):
        errors.append(f"{p.id}: audiences must be among {AUDIENCES}")
    if p.audiences and "customer_service" not in p.made_for:
        errors.append(f"{p.id}: external audiences need a customer-facing product")
    if not p.partly_for <= p.made_for:
        errors.append(f"{p.id}: partly_for must be among what it is made for")
    if p.partly_for and p.partly_fact is None:
        errors.append(f"{p.id}: what it serves only partly needs its source")
    if p.made_for_fact is None:
        errors.append(f"{p.id}: what it is made for, and for whom, needs its source")
    if p.baa is not None and p.baa_fact is None:
        errors.append(f"{p.id}: a BAA answer needs its source")
    if p.certifications is not None and p.certifications_fact is None:
        errors.append(f"{p.id}: certifications need their source")
    for a in p.ai_pricing:
        if a.unit not in AI_UNITS:
            errors.append(f"{p.id}: unknown AI billing unit {a.unit!r}")
        if a.usd_per_unit <= 0 or a.per < 1:
            errors.append(f"{p.id}: an AI price needs a positive amount per unit")
    return errors


def _check_benchmark(where: str, b: Benchmark) -> list[str]:
    errors = _check_fact(where, b.source, b.checked)
    if not b.text.strip():
        errors.append(f"{where}: empty benchmark")
    return errors


def validate_kpis(kpis: tuple[Kpi, ...] = KPI_CATALOGUE) -> list[str]:
    from discovery.bank.data import KPIS

    errors: list[str] = []
    expected = {k for k, _label, _unit in KPIS}
    ids = [k.id for k in kpis]
    errors += [f"duplicate KPI id {i!r}" for i in sorted(set(ids)) if ids.count(i) > 1]
    if missing := expected - set(ids):
        errors.append(f"KPIs missing from the catalogue: {sorted(missing)}")
    if unknown := set(ids) - expected:
        errors.append(f"KPIs unknown to the question bank: {sorted(unknown)}")
    for k in kpis:
        if k.direction not in ("lower", "higher"):
            errors.append(f"{k.id}: direction must be lower or higher")
        if not (k.definition.strip() and k.formula.strip() and k.unit.strip()):
            errors.append(f"{k.id}: definition, formula and unit are required")
        errors += _check_fact(f"{k.id} definition", k.definition_source, k.checked)
        for i, b in enumerate(k.benchmarks):
            errors += _check_benchmark(f"{k.id} benchmark {i}", b)
    return errors


def validate_cloud(blocks: tuple[CloudBlock, ...] = CLOUD_BLOCKS) -> list[str]:
    errors: list[str] = []
    ids = [b.id for b in blocks]
    errors += [f"duplicate cloud block {i!r}" for i in sorted(set(ids)) if ids.count(i) > 1]
    for b in blocks:
        if set(b.products) != set(PROVIDERS):
            errors.append(f"{b.id}: needs exactly {sorted(PROVIDERS)}")
        for provider, fact in b.products.items():
            errors += _check_fact(f"{b.id}/{provider}", fact.source, fact.checked)
    return errors


def validate_catalogue() -> list[str]:
    return validate_platforms() + validate_kpis() + validate_cloud()


_errors = validate_catalogue()
if _errors:
    raise CatalogueError("; ".join(_errors))

PLATFORMS_BY_ID: dict[str, Platform] = {p.id: p for p in PLATFORMS}
KPIS_BY_ID: dict[str, Kpi] = {k.id: k for k in KPI_CATALOGUE}
CLOUD_BLOCKS_BY_ID: dict[str, CloudBlock] = {b.id: b for b in CLOUD_BLOCKS}

__all__ = [
    "AI_UNITS",
    "BY_QUOTE",
    "PRODUCT_CLASSES",
    "REGIONS",
    "AiPricing",
    "CATALOGUE_VERSION",
    "CLOUD_BLOCKS",
    "CLOUD_BLOCKS_BY_ID",
    "CLOUD_VERSION",
    "KPIS_BY_ID",
    "KPIS_VERSION",
    "KPI_CATALOGUE",
    "PLATFORMS",
    "PLATFORMS_BY_ID",
    "PLATFORMS_VERSION",
    "PROVIDERS",
    "Benchmark",
    "CatalogueError",
    "CloudBlock",
    "Fact",
    "Kpi",
    "Platform",
    "PriceTier",
    "validate_catalogue",
    "validate_cloud",
    "validate_kpis",
    "validate_platforms",
]
