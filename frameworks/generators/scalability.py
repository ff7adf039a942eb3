"""Section 4: scalability — the cloud that fits the client, the building blocks for what is
self-hosted or custom, availability, and growth from today's volume to 12 and 36 months.

The provider choice is data: signals in the answers that point at each provider, an explicit
cloud answer outranking them all.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from frameworks.catalogue import CLOUD_BLOCKS_BY_ID, PROVIDERS
from frameworks.staffing import COVERAGE_PROFILES, DEFAULT_COVERAGE, demands_from_answers
from frameworks.staffing import _headcount as staffing_headcount

from .base import Context, Reads, element, join, number_text, scoped, section

# (question id, answer value, provider, why) — each a reason to lean to that provider.
PROVIDER_SIGNALS: tuple[tuple[str, str, str, str], ...] = (
    ("integrations.communication", "teams", "azure", "Microsoft Teams is the team's chat"),
    ("integrations.identity", "entra_id", "azure", "sign-in runs on Microsoft Entra ID"),
    ("integrations.automation", "power_automate", "azure", "flows run in Power Automate"),
    ("integrations.crm", "dynamics", "azure", "the CRM is Dynamics 365"),
    ("integrations.erp", "dynamics_erp", "azure", "the ERP is Dynamics 365"),
    ("integrations.dev_tracker", "azure_devops", "azure", "engineering uses Azure DevOps"),
    ("integrations.identity", "google", "gcp", "sign-in runs on Google Workspace"),
    ("integrations.communication", "google_chat", "gcp", "Google Chat is the team's chat"),
)
EXPLICIT_WEIGHT = 10  # an answer naming the cloud outranks any number of hints

AVAILABILITY_BLOCKS = {
    "standard": ("backups",),
    "high": ("backups", "multi_zone"),
    "critical": ("backups", "multi_zone", "multi_region"),
}
MONTHS = {"volume_now": 0, "volume_12m": 12, "volume_36m": 36}


def choose_provider(ctx: Context) -> tuple[str, list[str]]:
    """(provider id, reasons)."""
    scores = dict.fromkeys(PROVIDERS, 0)
    reasons: dict[str, list[str]] = {p: [] for p in PROVIDERS}
    explicit = ctx.get("scale.cloud_provider")
    if explicit in PROVIDERS:
        scores[explicit] += EXPLICIT_WEIGHT
        reasons[explicit].append(f"the client already runs on {PROVIDERS[explicit]}")
    for qid, value, provider, why in PROVIDER_SIGNALS:
        if value in ctx.values(qid):
            scores[provider] += 1
            reasons[provider].append(why)
    best = max(PROVIDERS, key=lambda p: (scores[p], p == "aws"))
    if scores[best] == 0:
        return (
            "aws",
            [
                "no existing cloud or vendor ecosystem points elsewhere; every building block "
                "below has an equivalent on Azure and Google Cloud, so the team's skills may decide"
            ],
        )
    return best, reasons[best]


def _needs_hosting(ctx: Context) -> bool:
    needs = ctx.values("scale.needs")
    return (
        ctx.get("scale.deployment") in ("self_hosted", "hybrid")
        or ctx.get("scale.data_residency") == "in_country"
        or bool({"servers", "load_balancing"} & set(needs))
    )


Block = tuple[str, str, Reads, list[str]]  # block id, why, what deciding it read, satisfies


def _blocks(ctx: Context, has_custom: bool) -> list[Block]:
    """The building blocks for what the client hosts or builds, each with what deciding on
    it read and the requirements it satisfies."""
    chosen: list[Block] = []
    with ctx.reading() as hosting_reads:
        hosting = _needs_hosting(ctx)
    if hosting:
        with ctx.reading() as host:
            ctx.replay(hosting_reads)
            host_r = ctx.reqs(codes=("NFR-SCL-006", "NFR-AVL-005", "NFR-AVL-002", "NFR-SCL-009"))
        chosen += [
            (
                "load_balancer",
                "the help desk runs on more than one application instance",
                host,
                host_r,
            ),
            (
                "managed_postgresql",
                "ticket data in a managed database with point-in-time restore",
                host,
                host_r,
            ),
            (
                "cache_broker",
                "background jobs (email fetching, SLA timers, notifications)",
                host,
                host_r,
            ),
        ]
        with ctx.reading() as storage:
            ctx.replay(hosting_reads)
            storage_r = ctx.reqs(codes=("NFR-DAT-003",))
        chosen.append(
            (
                "object_storage",
                "attachments and database backups outside the servers",
                storage,
                storage_r,
            )
        )
        with ctx.reading() as compute_reads:
            ctx.replay(hosting_reads)
            peak = ctx.num("scale.peak_factor") or 1
            compute = "autoscaling_compute" if peak >= 1.5 else "containers"
            why = (
                f"peaks of {number_text(peak)}× are absorbed by adding instances only while they last"
                if peak >= 1.5
                else "application instances replaced automatically when they fail or are updated"
            )
            compute_r = ctx.reqs(codes=("NFR-SCL-004", "NFR-PRF-003", "NFR-SCL-001"))
        chosen.append((compute, why, compute_reads, compute_r))
    elif has_custom:
        with ctx.reading() as custom:
            ctx.replay(hosting_reads)
            int_r = ctx.reqs(codes=("FR-INT-014",), categories=("integrations",))
        chosen += [
            (
                "queue",
                "integration events queued so a slow or failing system never blocks the help desk",
                custom,
                int_r,
            ),
            (
                "containers",
                "the small integration services that call the help-desk API and webhooks",
                custom,
                int_r,
            ),
        ]
    with ctx.reading() as backup:
        ctx.replay(hosting_reads)
        data_r = ctx.reqs(codes=("NFR-DAT-003", "NFR-DAT-004", "NFR-DAT-002"))
    if hosting or has_custom or data_r:
        why = (
            "scheduled backups of the database and attachments, kept under a retention policy"
            if hosting
            else "regular full exports of the SaaS data through its API, so the data stays the client's"
        )
        chosen.append(("backups", why, backup, data_r))
    if hosting:
        with ctx.reading() as avail:
            ctx.replay(hosting_reads)
            availability = str(ctx.get("scale.availability") or "standard")
            avail_r = ctx.reqs(categories=("availability",))
        for block in AVAILABILITY_BLOCKS.get(availability, ()):
            if block == "backups":
                continue
            why = {
                "multi_zone": "high availability: the loss of one data centre must not stop support",
                "multi_region": "critical availability: fail over to a second region",
            }[block]
            chosen.append((block, why, avail, avail_r))
        with ctx.reading() as regions:
            ctx.replay(hosting_reads)
            wanted = "multi_region" in ctx.values("scale.needs")
            region_r = ctx.reqs(codes=("NFR-LOC-003", "NFR-AVL-006"))
        if wanted and not any(b[0] == "multi_region" for b in chosen):
            chosen.append(
                (
                    "multi_region",
                    "users in several regions are served from the nearest healthy one",
                    regions,
                    region_r,
                )
            )
    seen: set[str] = set()
    unique = []
    for chosen_block in chosen:
        if chosen_block[0] not in seen:
            seen.add(chosen_block[0])
            unique.append(chosen_block)
    return unique


@scoped
def _growth(ctx: Context) -> dict[str, Any]:
    volumes = {k: ctx.num(f"scale.{k}") for k in MONTHS}
    now = volumes["volume_now"]
    peak = ctx.num("scale.peak_factor") or 1.0
    points: list[dict[str, Any]] = []
    demands = demands_from_answers(ctx.answers)
    profile = COVERAGE_PROFILES.get(
        str(ctx.get("context.coverage")), COVERAGE_PROFILES[DEFAULT_COVERAGE]
    )
    for key, month in MONTHS.items():
        volume = volumes[key]
        if volume is None:
            continue
        headcount = None
        if now and demands:
            factor = volume / now
            if factor == 1:
                headcount = ctx.plan.headcount
            else:
                # The headcount alone, without the plan's sensitivity runs.
                scaled = [replace(d, monthly_volume=d.monthly_volume * factor) for d in demands]
                headcount = staffing_headcount(scaled, profile, ctx.plan.policy)[3]
        points.append(
            {
                "month": month,
                "monthly_volume": volume,
                "peak_monthly_volume": round(volume * peak),
                "change_vs_now": round((volume / now - 1) * 100, 1) if now else None,
                "agents": headcount,
            }
        )
    parts = []
    for p in points:
        when = "Today" if p["month"] == 0 else f"At {p['month']} months"
        sentence = f"{when}: {number_text(p['monthly_volume'])} tickets a month"
        if p["month"] and p["change_vs_now"] is not None:
            sentence += f" ({p['change_vs_now']:+g}%)"
        if peak > 1:
            sentence += f", {number_text(p['peak_monthly_volume'])} in a peak month"
        if p["agents"] is not None:
            sentence += f", {p['agents']} agents"
        parts.append(sentence)
    text = "; ".join(parts) + "." if parts else "Growth is sized once today's volume is answered."
    if peak > 1:
        text += f" The peak factor is {number_text(peak)}×"
        if ctx.get("scale.seasonality"):
            text += f" ({ctx.get('scale.seasonality')})"
        text += "."
        if ctx.get("scale.pay_for_peaks") == "yes":
            text += " Peak capacity is bought only when needed: flexible seats for the season and autoscaling where the client hosts anything."
    if len(points) > 1 and now and points[-1]["monthly_volume"] < now:
        text += " Volume is expected to fall as self-service and automation take over, so capacity is planned on today's figure."
    return element(
        ctx,
        "scalability.growth",
        "growth",
        "Growth and peaks",
        text,
        data={"points": points, "peak_factor": peak},
    )


@scoped
def _cloud(ctx: Context, provider: str, reasons: list[str], what: str) -> dict[str, Any]:
    satisfies = ctx.satisfies(
        ctx.reqs(codes=("NFR-SCL-009", "NFR-SCL-006", "NFR-SCL-008", "NFR-DAT-001"))
    )
    return element(
        ctx,
        "scalability.cloud",
        "cloud_recommendation",
        f"Cloud: {PROVIDERS[provider]}",
        f"{PROVIDERS[provider]}, because {join(reasons)}. It hosts {what}.",
        data={
            "provider": provider,
            "provider_name": PROVIDERS[provider],
            "reasons": reasons,
            "hosts": what,
            "satisfies": satisfies,
        },
    )


@scoped
def _block(ctx: Context, provider: str, chosen: Block) -> dict[str, Any]:
    block_id, why, reads, codes = chosen
    ctx.replay(reads)
    block = CLOUD_BLOCKS_BY_ID[block_id]
    product = block.products[provider]
    return element(
        ctx,
        f"scalability.block.{block_id}",
        "building_block",
        product.text,
        f"{product.text}: {block.purpose[0].lower()}{block.purpose[1:]}. Here: {why}.",
        data={
            "block": block_id,
            "purpose": block.purpose,
            "why": why,
            "product": product.text,
            "source": product.source,
            "checked": product.checked,
            "verified": product.verified,
            "alternatives": {p: f.text for p, f in block.products.items() if p != provider},
            "satisfies": ctx.satisfies(codes),
        },
    )


@scoped
def _availability(ctx: Context, hosting: bool) -> dict[str, Any] | None:
    availability = ctx.text("scale.availability")
    if not availability:
        return None
    level = str(ctx.get("scale.availability"))
    if hosting:
        how = {
            "standard": "a single zone with daily backups and a tested restore",
            "high": "instances and database spread over availability zones in one region",
            "critical": "zones in one region plus a standby region with DNS failover",
        }.get(level, "")
    else:
        how = "the vendor's SLA: ask for its uptime commitment and status page in the contract"
    satisfies = ctx.satisfies(ctx.reqs(categories=("availability",)))
    return element(
        ctx,
        "scalability.availability",
        "availability",
        "Availability",
        f"{availability}: {how}.",
        data={"level": level, "approach": how, "satisfies": satisfies},
    )


def _has_custom(ctx: Context) -> bool:
    custom = [
        i for i in ("integrations.crm", "integrations.erp", "integrations.other") if ctx.values(i)
    ]
    return bool(custom) or bool(ctx.values("integrations.automation"))


def generate(ctx: Context) -> dict[str, Any]:
    with ctx.reading():  # the provider and what it hosts shape every element below
        provider, reasons = choose_provider(ctx)
        has_custom = _has_custom(ctx)
        hosting = _needs_hosting(ctx)
        what = (
            "the help desk itself, since it is self-hosted"
            if hosting
            else "the integration layer around the SaaS help desk"
            if has_custom
            else "nothing beyond exports: the vendor operates the help desk"
        )
        elements = [_cloud(ctx, provider, reasons, what)]
        elements += [_block(ctx, provider, chosen) for chosen in _blocks(ctx, has_custom)]
    with ctx.reading():
        hosting = _needs_hosting(ctx)
        availability = _availability(ctx, hosting)
    if availability is not None:
        elements.append(availability)
    elements.append(_growth(ctx))
    intro = (
        f"Cloud recommendation and building blocks on {PROVIDERS[provider]} for {what}, "
        "then the growth the design must absorb."
    )
    return section("scalability", "Scalability", intro, elements, provider=provider)
