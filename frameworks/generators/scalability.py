"""Section 4: scalability — the cloud that fits the client, the building blocks for what is
self-hosted or custom, availability, and growth from today's volume to 12 and 36 months.

The provider choice is data: signals in the answers that point at each provider, an explicit
cloud answer outranking them all.
"""

from __future__ import annotations

from typing import Any

from discovery.bank.data import NO_CODE_BUILDERS
from frameworks.catalogue import CLOUD_BLOCKS_BY_ID, PLATFORMS_BY_ID, PROVIDERS

from .base import Context, Reads, element, join, number_text, scoped, section
from .fit import hosting_model, size
from .integrations import integrations
from .tools import IPAAS, approach, code_owner, no_code_only

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


Block = tuple[str, str, Reads, list[str]]  # block id, why, what deciding it read, satisfies


def _custom_integrations(ctx: Context) -> list[str]:
    """Integrations that need code of the client's own: on the recommended platform, with
    no native connector and no iPaaS the client already runs."""
    scoring = ctx.scoring
    if not scoring.shortlist:
        return []
    top = PLATFORMS_BY_ID[scoring.shortlist[0].platform_id]
    ipaas = [IPAAS[a] for a in ctx.values("integrations.automation") if a in IPAAS]
    # An automation platform (Zapier, Power Automate…) is itself the integration layer.
    return [
        i.label
        for i in integrations(ctx)
        if i.category != "automation"
        and approach(top, i, ipaas, no_code_only(ctx))["approach"] == "api"
    ]


def _self_hosted_blocks(ctx: Context, shape: str) -> list[Block]:
    """The help desk on the client's cloud, sized to the operation: one service and a
    managed database for a small team, redundancy and elasticity only where availability,
    peaks or size call for them."""
    chosen: list[Block] = []
    with ctx.reading() as host:
        host_r = ctx.reqs(codes=("NFR-SCL-006", "NFR-SCL-009"))
    availability = ""
    with ctx.reading() as avail:
        availability = str(ctx.get("scale.availability") or "standard")
        avail_r = ctx.reqs(categories=("availability",))
    with ctx.reading() as peaks:
        peak = ctx.num("scale.peak_factor") or 1
        peak_r = ctx.reqs(codes=("NFR-SCL-004", "NFR-PRF-003", "NFR-SCL-001"))
    with ctx.reading() as balancing:
        balanced = "load_balancing" in ctx.values("scale.needs")
        balance_r = ctx.reqs(codes=("NFR-AVL-005",))
    small = shape == "small" and availability == "standard" and peak < 1.5 and not balanced
    if small:
        chosen.append(
            (
                "containers",
                "the help desk runs as one managed container service, restarted "
                "automatically if it fails: at this size one instance is enough",
                host,
                host_r,
            )
        )
    else:
        elastic = peak >= 1.5 or shape == "large"
        if availability in ("high", "critical") or balanced or shape == "large":
            reads = avail if not balanced else balancing
            chosen.append(
                (
                    "load_balancer",
                    "the help desk runs on more than one application instance, so one can "
                    "fail or be updated without an outage",
                    reads,
                    avail_r + balance_r,
                )
            )
        if elastic:
            why = (
                f"peaks of {number_text(peak)}× are absorbed by adding instances only while "
                "they last"
                if peak >= 1.5
                else "instances added and removed with the load of a large operation"
            )
            chosen.append(("autoscaling_compute", why, peaks, peak_r))
        else:
            chosen.append(
                (
                    "containers",
                    "application instances replaced automatically when they fail or are updated",
                    host,
                    host_r,
                )
            )
        chosen.append(
            (
                "cache_broker",
                "background jobs (email fetching, SLA timers, notifications) off the web instances",
                host,
                host_r,
            )
        )
    chosen.append(
        (
            "managed_postgresql",
            "ticket data in a managed database with point-in-time restore",
            host,
            host_r,
        )
    )
    with ctx.reading() as storage:
        storage_r = ctx.reqs(codes=("NFR-DAT-003",))
    chosen.append(
        (
            "object_storage",
            "attachments and database backups outside the servers",
            storage,
            storage_r,
        )
    )
    with ctx.reading() as backup:
        data_r = ctx.reqs(codes=("NFR-DAT-003", "NFR-DAT-004", "NFR-DAT-002"))
    chosen.append(
        (
            "backups",
            "scheduled backups of the database and attachments, kept under a retention policy",
            backup,
            data_r,
        )
    )
    for block in AVAILABILITY_BLOCKS.get(availability, ()):
        if block == "backups":
            continue
        why = {
            "multi_zone": "high availability: the loss of one data centre must not stop support",
            "multi_region": "critical availability: fail over to a second region",
        }[block]
        chosen.append((block, why, avail, avail_r))
    with ctx.reading() as regions:
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
    return chosen


def _self_hosted_hybrid(ctx: Context, model: str) -> list[Block]:
    """Hybrid: a SaaS help desk whose connectors to on-premises systems run on the client's
    side, reaching out only (no inbound firewall ports)."""
    if model != "hybrid":
        return []
    with ctx.reading() as reads:
        codes = ctx.reqs(codes=("NFR-SCL-007",))
    return [
        (
            "containers",
            "the connectors between the SaaS help desk and the systems kept on premises, "
            "making outbound connections only",
            reads,
            codes,
        )
    ]


def _merged(blocks: list[Block]) -> list[Block]:
    """One element per building block: the reasons of a block chosen twice, together."""
    out: dict[str, Block] = {}
    for block_id, why, reads, codes in blocks:
        if block_id in out:
            _id, first, first_reads, first_codes = out[block_id]
            both = Reads()
            both.add(first_reads)
            both.add(reads)
            out[block_id] = (block_id, f"{first}; and {why}", both, [*first_codes, *codes])
        else:
            out[block_id] = (block_id, why, reads, codes)
    return list(out.values())


def _no_code_reads(ctx: Context) -> bool:
    """The client's IT runs no code (integrations.builders), read for the trace."""
    return ctx.get("integrations.builders") in NO_CODE_BUILDERS


def _saas_blocks(ctx: Context, shape: str) -> list[Block]:
    """Around a SaaS help desk the client hosts only what the vendor does not: integration
    code with no connector, and its own copy of the data where a requirement asks."""
    chosen: list[Block] = []
    with ctx.reading() as custom_reads:
        custom = _custom_integrations(ctx)
        int_r = ctx.reqs(codes=("FR-INT-014",), categories=("integrations",))
    if custom:
        # Only a client with someone to run it gets code of its own (a small team, or IT
        # that writes no code, connects through apps and no-code automation: no custom
        # integration is left, see _custom_integrations); who runs it is said.
        names = join(custom)
        owner = code_owner(ctx)
        chosen.append(
            (
                "queue",
                f"events for {names} queued, so a slow or failing system never blocks "
                "the help desk",
                custom_reads,
                int_r,
            )
        )
        chosen.append(
            (
                "containers",
                f"the integration services for {names} that call the help-desk API and "
                f"webhooks, {owner}",
                custom_reads,
                int_r,
            )
        )
    with ctx.reading() as backup:
        data_r = ctx.reqs(codes=("NFR-DAT-003", "NFR-DAT-004"))
    if data_r and shape != "small" and not _no_code_reads(ctx):
        chosen.append(
            (
                "object_storage",
                "regular full exports of the help desk's data through its API, kept in the "
                "client's own storage so the data stays the client's",
                backup,
                data_r,
            )
        )
    return chosen


@scoped
def _growth(ctx: Context) -> dict[str, Any]:
    volumes = {k: ctx.num(f"scale.{k}") for k in MONTHS}
    now = volumes["volume_now"]
    peak = ctx.num("scale.peak_factor") or 1.0
    points: list[dict[str, Any]] = []
    demands = ctx.plan.inputs.channels
    for key, month in MONTHS.items():
        volume = volumes[key]
        if volume is None:
            continue
        headcount = None
        if now and demands:
            factor = volume / now
            # The headcount alone, without the plan's sensitivity runs.
            headcount = ctx.plan.headcount if factor == 1 else ctx.plan.scaled_headcount(factor)
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
def _availability(ctx: Context, model: str) -> dict[str, Any] | None:
    availability = ctx.text("scale.availability")
    if not availability:
        return None
    level = str(ctx.get("scale.availability"))
    if model == "self_hosted" and on_premises(ctx):
        how = {
            "standard": "one server with nightly backups kept off it and a restore tested each quarter",
            "high": "two application servers and a database standby in separate rooms or racks, so one can fail or be patched without an outage",
            "critical": "a second site in the client's control with a database replica and a rehearsed switch-over",
        }.get(level, "")
    elif model == "self_hosted":
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


def on_premises(ctx: Context) -> bool:
    """Self-hosted with no cloud account of the client's: the help desk runs on the
    client's own servers, so no public-cloud service is proposed for it."""
    return ctx.get("scale.cloud_provider") not in PROVIDERS


# What the client's own servers carry, by the size of the operation: capacity planned for
# the peak in advance (servers are not added on demand). The consultant's method: no
# product, price or vendor claim.
ON_PREMISES = {
    "small": (
        "one server runs the help desk, its database and its background jobs, sized for the "
        "peak month with room to spare; nightly backups are kept off the server"
    ),
    "medium": (
        "an application server and a separate database server, sized for the peak month "
        "with a third of headroom; background jobs (email fetching, SLA timers) on the "
        "application server; backups copied to a second location each night"
    ),
    "large": (
        "two or more application servers behind the client's load balancer, a database "
        "server with a standby replica, and a worker server for background jobs (email "
        "fetching, SLA timers, notifications), all sized for the peak month with a third "
        "of headroom; backups copied to a second site each night"
    ),
}


@scoped
def _on_premises(ctx: Context, shape: str) -> dict[str, Any]:
    where = ctx.scoring.needs.regions
    volume = ctx.num("scale.volume_36m") or ctx.num("scale.volume_12m")
    peak = ctx.num("scale.peak_factor") or 1.0
    text = (
        "The help desk runs on the client's own servers, so capacity is planned ahead "
        f"rather than added on demand: {ON_PREMISES[shape]}."
    )
    # Scoring names the country once the client has said which (044c2ce); the answer is
    # still "in the country".
    if where == ("in_country",) or ctx.get("scale.data_residency") == "in_country":
        text += " Every copy, backups included, stays in the country."
    horizon = "36" if ctx.num("scale.volume_36m") else "12"
    if volume:
        text += (
            " The servers are sized for {peak_volume} tickets in a peak month (the volume "
            "expected in {horizon} months at its peak), and re-sized before each major upgrade."
        ).format_map(
            {"peak_volume": number_text(round(volume * max(peak, 1.0))), "horizon": horizon}
        )
    satisfies = ctx.satisfies(
        ctx.reqs(codes=("NFR-SCL-007", "NFR-SCL-001", "NFR-DAT-001", "NFR-DAT-003"))
    )
    return element(
        ctx,
        "scalability.on_premises",
        "on_premises",
        "On the client's own servers",
        text,
        data={"shape": shape, "layout": ON_PREMISES[shape], "satisfies": satisfies},
    )


@scoped
def _saas(ctx: Context, shape: str) -> dict[str, Any]:
    """A SaaS help desk with nothing for the client to host: what scales, and how."""
    scoring = ctx.scoring
    kept = list(scoring.kept_elsewhere)
    name = kept[0] if kept else (scoring.shortlist[0].name if scoring.shortlist else "")
    volume = ctx.num("scale.volume_36m") or ctx.num("scale.volume_12m")
    text = (
        "The vendor operates the help desk: the client runs no servers for it. Capacity "
        "grows by adding agent seats and, where a feature needs it, moving up a plan"
    )
    if name:
        text += f" of {name}"
    text += "."
    if volume:
        text += (
            f" Growth to {number_text(volume)} tickets a month is a matter of seats and plan, "
            "not infrastructure."
        )
    connected = [i.label for i in integrations(ctx) if i.category not in ("automation", "identity")]
    if connected and no_code_only(ctx):
        text += (
            f" {join(connected)}: connected with the help desk's own apps, a marketplace "
            "connector or a no-code automation service, not code the client has to run."
        )
    if ctx.reqs(codes=("NFR-DAT-003", "NFR-DAT-004")) and (shape == "small" or _no_code_reads(ctx)):
        text += (
            " A full export from the help desk's admin, kept by the client each month, keeps "
            "the data the client's without running anything."
        )
    satisfies = ctx.satisfies(
        ctx.reqs(codes=("NFR-SCL-008", "NFR-SCL-001", "NFR-DAT-001", "FR-INT-027"))
    )
    return element(
        ctx,
        "scalability.saas",
        "saas_operation",
        "Operated by the vendor",
        text,
        data={"platform": name, "satisfies": satisfies},
    )


def generate(ctx: Context) -> dict[str, Any]:
    elements: list[dict[str, Any]] = []
    with ctx.reading():  # the hosting model and the size shape every element below
        model = hosting_model(ctx)
        shape = size(ctx)
        own_servers = model == "self_hosted" and on_premises(ctx)
        if own_servers:
            blocks = []
        elif model == "self_hosted":
            blocks = _self_hosted_blocks(ctx, shape)
        else:
            blocks = [*_self_hosted_hybrid(ctx, model), *_saas_blocks(ctx, shape)]
        blocks = _merged(blocks)
        provider = ""
        if own_servers:
            elements.append(_on_premises(ctx, shape))
        elif blocks:
            provider, reasons = choose_provider(ctx)
            what = {
                "self_hosted": "the help desk itself, since it is self-hosted",
                "hybrid": "the components the client keeps on its side",
                "saas": "the integration layer around the SaaS help desk",
            }[model]
            elements.append(_cloud(ctx, provider, reasons, what))
            elements += [_block(ctx, provider, chosen) for chosen in blocks]
        else:
            elements.append(_saas(ctx, shape))
    with ctx.reading():
        availability = _availability(ctx, hosting_model(ctx))
    if availability is not None:
        elements.append(availability)
    elements.append(_growth(ctx))
    if provider:
        intro = (
            f"Cloud recommendation and building blocks on {PROVIDERS[provider]} for what the "
            "client runs itself, then the growth the design must absorb."
        )
    elif hosting_model(ctx) == "self_hosted":
        intro = "The help desk runs on the client's own servers: how they are laid out and sized, then the growth the design must absorb."
    else:
        intro = "The vendor runs the help desk, so scaling is seats and plans, then the growth the design must absorb."
    return section("scalability", "Scalability", intro, elements, provider=provider or None)
