"""Section 3: tools and technologies — the scoring result, the automation and AI tools, and
the integration approach for each integration.

Every price carries its source, checked date and verified flag; an unverified figure says
"unverified", an unpublished one "by quote". Nothing here invents a number: figures come from
`frameworks.scoring` and the catalogue.
"""

from __future__ import annotations

from typing import Any

from discovery.bank import BANK
from discovery.bank.data import NO_CODE_BUILDERS
from frameworks.catalogue import PLATFORMS_BY_ID, Fact, Platform
from frameworks.scoring import CRITERION_LABELS, LicenceEstimate, PlatformScore

from .base import Context, element, join, number_text, scoped, section
from .fit import ai_data, ai_fit, ai_text
from .fit import size as operation_size
from .integrations import Integration, integrations
from .wording import client_psa

IPAAS = {"zapier": "Zapier", "power_automate": "Power Automate", "make": "Make", "n8n": "n8n"}


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "text": fact.text,
        "source": fact.source,
        "checked": fact.checked,
        "verified": fact.verified,
    }


def licence_data(licence: LicenceEstimate) -> dict[str, Any]:
    if licence.by_quote or licence.yearly is None:
        price_text = licence.unpriced_words
    elif licence.yearly_low is not None:
        price_text = f"${licence.yearly_low:,}–${licence.yearly:,} a year"
    else:
        price_text = f"${licence.yearly:,} a year"
    if not licence.verified and not licence.by_quote:
        price_text += " (unverified)"
    return {
        "agents": licence.agents,
        "tier": licence.tier,
        "monthly_per_agent": licence.monthly_per_agent,
        "yearly": licence.yearly,
        "monthly_low": licence.monthly_low,
        "yearly_low": licence.yearly_low,
        "by_quote": licence.by_quote,
        "published": licence.published,
        "verified": licence.verified,
        "source": licence.source,
        "checked": licence.checked,
        "price_text": price_text,
        "text": licence.text,
    }


def _platform_facts(p: Platform) -> dict[str, Any]:
    return {
        "deployment": _fact(p.deployment_fact),
        "licence": _fact(p.licence),
        "channels": _fact(p.channels_fact),
        "sla": _fact(p.sla_fact),
        "automation_ai": _fact(p.automation_fact),
        "knowledge_base": _fact(p.kb_portal_fact),
        "api": _fact(p.api_fact),
        "integrations": _fact(p.integrations_fact),
        "addons": [_fact(f) for f in p.addons],
    }


DEPLOYMENT_WORDS = {
    "cloud": "vendor-hosted SaaS",
    "self_hosted": "self-hosted on infrastructure the client controls",
}


def runs_text(p: Platform, row: PlatformScore) -> str:
    """How the platform would run for this client, in one phrase: never a hosting option
    the client's constraints close (the German data centres of a US-only client)."""
    how = DEPLOYMENT_WORDS.get(row.deployment or "", p.deployment_fact.text)
    where = row.criterion("deployment").reason.partition("; ")[2]
    return f"{how}; {where}" if where else how


def ai_pricing_data(p: Platform) -> list[dict[str, Any]]:
    return [
        {
            "unit": a.unit,
            "usd_per_unit": a.usd_per_unit,
            "per": a.per,
            "included": a.included,
            **_fact(a.fact),
        }
        for a in p.ai_pricing
    ]


def _shortlist(ctx: Context) -> list[dict[str, Any]]:
    out = []
    for rec in ctx.scoring.shortlist:
        with ctx.reading():
            row = ctx.scoring.row(rec.platform_id)  # rank and reasons: the whole scoring
            p = PLATFORMS_BY_ID[rec.platform_id]
            licence = licence_data(rec.licence)
            runs = runs_text(p, row)
            text = f"#{rec.rank} {rec.name}, {rec.total:g}/100. "
            if rec.kept:
                text += "The client keeps it: the design builds around it. "
            text += f"Runs as {runs}. "
            if rec.reasons:
                text += "Why: " + "; ".join(rec.reasons) + ". "
            if rec.cautions:
                text += "Watch: " + "; ".join(rec.cautions) + ". "
            if rec.confirm:
                text += "Confirm with the vendor before contract: " + join(rec.confirm) + ". "
            text += f"Licences: {rec.licence.text}."
            out.append(
                element(
                    ctx,
                    f"tools.shortlist.{rec.platform_id}",
                    "platform",
                    f"{rec.rank}. {rec.name}",
                    text,
                    data={
                        "rank": rec.rank,
                        "platform_id": rec.platform_id,
                        "name": rec.name,
                        "score": rec.total,
                        "kept": rec.kept,
                        "reasons": list(rec.reasons),
                        "cautions": list(rec.cautions),
                        "confirm": list(rec.confirm),
                        "licence": licence,
                        "deployment": sorted(p.deployment),
                        "runs_as": rec.deployment,
                        "runs": runs,
                        "open_source": p.open_source,
                        "made_for": sorted(p.made_for),
                        "facts": _platform_facts(p),
                        "ai_pricing": ai_pricing_data(p),
                    },
                )
            )
    return out


@scoped
def _kept_elsewhere(ctx: Context) -> list[dict[str, Any]]:
    """The client keeps a tool our catalogue does not hold: no replacement shortlist."""
    names = list(ctx.scoring.kept_elsewhere)
    if not names:
        return []
    tool = join(names)
    text = (
        f"The client keeps {tool}: the design builds around it, and no replacement is "
        f"shortlisted. {tool} is not in our catalogue, so what it offers (channels, SLAs, "
        "integrations, data location) is to confirm with its vendor against the "
        "requirements; the platforms below are scored only to show what the alternatives "
        "would be if the client reconsiders."
    )
    return [
        element(
            ctx,
            "tools.kept",
            "kept_tool",
            f"{tool}, kept",
            text,
            data={"tools": names, "in_catalogue": False},
        )
    ]


PURPOSE_TEXT = {
    "customer_service": (
        "The client serves its customers, so the tools that fit are customer-service "
        "products: public channels, customer accounts and a help centre. IT service "
        "management tools (incidents, changes, assets) are made for an organization's own "
        "IT and score lower here."
    ),
    "itsm": (
        "The client supports its own people, so the tools that fit are IT service management "
        "products: incidents, requests, changes and an asset inventory. Products made for "
        "public channels and sales accounts score lower here."
    ),
    "psa": (
        "The client is a service provider supporting many customer companies under contract, "
        "so the class of tool that fits is a PSA (professional services automation): tickets "
        "per customer company, contracts with their own SLAs, time tracking and billing. Our "
        "catalogue holds no sourced facts for PSA products, so none is priced or ranked here: "
        "the shortlist holds help desks that keep customer companies apart, and the PSA "
        "choice is a decision to make with the client against these needs."
    ),
    "psa_kept": (
        "The client is a service provider supporting many customer companies under contract, "
        "so the class of tool that fits is a PSA (professional services automation): tickets "
        "per customer company, contracts with their own SLAs, time tracking and billing. The "
        "client already runs {psa}, a PSA: keeping it as the home of contracts, time and "
        "billing is the first option to weigh, with the help desk below connected to it, or "
        "{psa} kept for tickets too if it meets the requirements. Our catalogue holds no "
        "sourced facts for PSA products, so {psa} is neither priced nor ranked here; the "
        "shortlist holds help desks that keep customer companies apart."
    ),
}


@scoped
def _purpose(ctx: Context) -> dict[str, Any]:
    classes = ctx.scoring.needs.classes
    if "psa" in classes:
        text = PURPOSE_TEXT["psa"]
        if psa := client_psa(ctx):
            text = PURPOSE_TEXT["psa_kept"].format(psa=join(psa))
    elif len(classes) > 1:
        text = (
            "The client serves both its customers and its own people: a help desk made for "
            "both customer service and IT service management fits, or one of each."
        )
    else:
        text = PURPOSE_TEXT[classes[0]]
    return element(
        ctx,
        "tools.purpose",
        "note",
        "What kind of tool fits",
        text,
        data={"classes": list(classes)},
    )


def _deciding_criterion(reason: str, criteria: dict[str, str]) -> str | None:
    for key, criterion_reason in criteria.items():
        if criterion_reason and criterion_reason in reason:
            return key
    for key, label in CRITERION_LABELS.items():
        if f"on {label}:" in reason:
            return key
    return None


# How the table of platforms off the shortlist names why, in a word or two.
REJECTION_STATUS = {
    "excluded": "Excluded",
    "kept": "Client keeps its tool",
    "gaps": "Misses a need",
    "score": "Lower score",
}


def _rejected(ctx: Context) -> list[dict[str, Any]]:
    out = []
    for rej in ctx.scoring.rejected:
        with ctx.reading():
            row = ctx.scoring.row(rej.platform_id)
            criterion = _deciding_criterion(
                rej.reason, {c.criterion: c.reason for c in row.criteria}
            )
            status = "excluded" if rej.excluded else "not shortlisted"
            out.append(
                element(
                    ctx,
                    f"tools.rejected.{rej.platform_id}",
                    "rejected_platform",
                    rej.name,
                    f"{rej.name} ({status}, {rej.total:g}/100): {rej.reason}.",
                    data={
                        "platform_id": rej.platform_id,
                        "name": rej.name,
                        "score": rej.total,
                        "excluded": rej.excluded,
                        "status": REJECTION_STATUS[rej.status],
                        "reason": rej.reason,
                        "deciding_criterion": criterion,
                        "licence": licence_data(row.licence),
                    },
                )
            )
    return out


@scoped
def _matrix(ctx: Context) -> dict[str, Any]:
    s = ctx.scoring
    rows = [
        {
            "platform_id": r.platform_id,
            "name": r.name,
            "total": r.total,
            "excluded": r.excluded,
            "exclusion_reason": r.exclusion_reason,
            "shortlisted": r.platform_id in s.shortlist_ids,
            "scores": {c.criterion: c.score for c in r.criteria},
            "reasons": {c.criterion: c.reason for c in r.criteria},
            "licence": licence_data(r.licence),
        }
        for r in s.matrix
    ]
    weights = ", ".join(f"{CRITERION_LABELS[k]} {w:.0%}" for k, w in s.weights)
    return element(
        ctx,
        "tools.matrix",
        "scoring_matrix",
        "Weighted scoring matrix",
        f"{len(rows)} platforms scored 0–1 per criterion and weighted ({weights}); "
        "hard constraints exclude a platform whatever its score.",
        data={
            "catalogue_version": s.catalogue_version,
            "weights": dict(s.weights),
            "criteria": [
                {"key": k, "label": CRITERION_LABELS[k], "weight": w} for k, w in s.weights
            ],
            "rows": rows,
        },
    )


@scoped
def _licence_basis(ctx: Context) -> dict[str, Any]:
    agents = ctx.scoring.needs.agents
    team = ctx.num("context.team_size")
    values = {"agents": agents, "team": number_text(team or 0), "plan": ctx.plan.headcount}
    if team is not None and agents == team and team > ctx.plan.headcount:
        text = (
            "Licence estimates are for {agents} agents, the team today (the staffing model "
            "gives {plan}; see Staffing)"
        )
    elif team is not None and team != agents:
        text = (
            "Licence estimates are for {agents} agents, the headcount of the staffing plan "
            "(the team has {team} today)"
        )
    else:
        text = "Licence estimates are for {agents} agents, the headcount of the staffing plan"
    text = text.format(**values)
    text += "; prices are list prices per agent per month, each with its source and the date it was checked. "
    text += "A price marked unverified must be re-checked before it is quoted; “by quote” means the vendor publishes none; “price on the vendor's page” means it publishes one our sources did not capture."
    return element(
        ctx,
        "tools.licence_basis",
        "note",
        "Licence estimate basis",
        text,
        data={"agents": agents, "team_size": team},
    )


# Where a status answer is given, on the channels the client has: a bot on the written
# ones, the phone line's IVR, the portal's request page.
STATUS_CHANNELS = {
    "chat": "chat",
    "messaging": "messaging apps",
    "portal": "the portal",
    "phone": "the phone line (IVR)",
}
# Named systems that hold the status of an order, a job or a booking (integrations.systems
# classes), in the order a status answer would look in them.
STATUS_SYSTEM_CLASSES = {
    "ecommerce": "order",
    "field_service": "job",
    "erp": "order",
    "housing": "job",
    "pms": "booking",
}


def _status_answer(ctx: Context) -> str:
    """ "a status answer on SMS, the portal and the phone line (IVR) that looks the job up
    in Totalmobile": the client's own channels and the system that holds the status."""
    channels = ctx.values("context.channels")
    where = [label for key, label in STATUS_CHANNELS.items() if key in channels]
    if "messaging" in channels and set(ctx.values("context.messaging_apps")) == {"sms"}:
        where = ["SMS" if w == "messaging apps" else w for w in where]
    shop = ctx.get("integrations.ecommerce_platform")
    source = ctx.label("integrations.ecommerce_platform", str(shop)) if shop else ""
    thing = "order"
    if not source:
        rows = [r for r in ctx.get("integrations.systems") or [] if isinstance(r, dict)]
        for cls, noun in STATUS_SYSTEM_CLASSES.items():
            names = [str(r.get("name") or "").strip() for r in rows if r.get("class") == cls]
            if any(names):
                source, thing = next(n for n in names if n), noun
                break
    if not source and "orders" in ctx.values("integrations.erp_uses"):
        source = "the ERP"
    on = f" on {join(where)}" if where else ""
    return f"an automated status answer{on} that looks the {thing} up in {source or 'the system that holds it'}"


@scoped
def _automation(ctx: Context) -> list[dict[str, Any]]:
    top = PLATFORMS_BY_ID[ctx.scoring.shortlist[0].platform_id] if ctx.scoring.shortlist else None
    out: list[dict[str, Any]] = []
    auto_reqs = ctx.reqs(categories=("automation_ai",))
    tasks = ctx.values("objective.repetitive_tasks")
    if not auto_reqs and not tasks:
        return out
    rows = []
    task_plans = {
        "password_resets": "self-service reset through the identity provider, linked from the portal",
        "access_requests": "a catalogue item with an approval step, then automatic fulfilment",
        "order_status": "a bot answer on chat and messaging that looks the order up in the shop",
        "how_to": "article suggestions while the requester types, from the knowledge base",
        "billing": "invoice and payment lookups from the billing system on the ticket",
        "triage": "automatic categorization and routing rules on arrival",
        "other": "a rule or macro once the request type is described",
    }
    for task in tasks:
        plan = task_plans.get(task, "")
        if task == "password_resets" and ctx.values("integrations.identity"):
            plan = f"self-service reset through {ctx.text('integrations.identity')}, linked from the portal"
        if task == "order_status":
            plan = _status_answer(ctx)
        rows.append({"task": ctx.label("objective.repetitive_tasks", task), "automation": plan})
    text = ""
    if rows:
        text = (
            "Automate " + "; ".join(f"{r['task'].lower()}: {r['automation']}" for r in rows) + ". "
        )
    # What follows the tasks: a page that shows the tasks as rows prints only this after them.
    tasks_text = text
    if top is not None:
        text += f"On {top.name}: {top.automation_fact.text}"
        text += "" if top.automation_fact.verified else " (unverified)"
        text += "."
    ipaas = [IPAAS[a] for a in ctx.values("integrations.automation") if a in IPAAS]
    if ipaas:
        text += f" Cross-system flows run in {join(ipaas)}, which the client already uses."
    ai = ai_fit(ctx) if top is not None else None
    if ai is not None:
        text += " " + ai_text(ai)
    if not text.strip():
        # Automation is required but no platform is shortlisted to say what it offers.
        text = (
            "The automation tools are chosen with the platform: no platform is shortlisted "
            "yet, so none is named here. The automation requirements are listed with the "
            "requirements."
        )
    out.append(
        element(
            ctx,
            "tools.automation",
            "automation",
            "Automation and AI tools",
            text.strip(),
            data={
                "tasks": rows,
                "after_tasks": text[len(tasks_text) :].strip() if rows else text.strip(),
                "platform": top.name if top else None,
                "platform_automation": _fact(top.automation_fact) if top else None,
                "ipaas": ipaas,
                "ai_agent": ai_data(ai) if ai is not None else None,
            },
        )
    )
    return out


# No-code automation services a small team connects a help desk with, in the order named to
# a client already on Microsoft 365 (Teams or Entra ID) and to any other.
NO_CODE_MICROSOFT = ("Power Automate", "Zapier", "Make")
NO_CODE_OTHER = ("Zapier", "Make", "Power Automate")
MICROSOFT_SYSTEMS = frozenset({"teams", "entra_id"})


def no_code_services(keys: set[str]) -> tuple[str, ...]:
    """The no-code services to name, Microsoft's first for a client on Microsoft 365."""
    return NO_CODE_MICROSOFT if keys & MICROSOFT_SYSTEMS else NO_CODE_OTHER


def no_code_only(ctx: Context) -> bool:
    """Whether nothing of the client's own may carry an integration: a small team, or a
    client whose IT writes and runs no code (integrations.builders); a client with
    developers, or a partner paid to run it, may have an integration service."""
    return operation_size(ctx) == "small" or ctx.get("integrations.builders") in NO_CODE_BUILDERS


def code_owner(ctx: Context) -> str:
    """Who runs an integration service of the client's, in words for the proposal: "the
    partner" when one is paid to, "the client's developers" when they run it, and, when
    nobody said, the question that would tell ("" only when no service is planned)."""
    builders = ctx.get("integrations.builders")
    if builders == "partner":
        return "built and run by the partner the client pays for it"
    if builders == "developers":
        return "run by the client's developers"
    return (
        "which assumes someone at the client builds and runs it (to confirm: “"
        + str(BANK.questions["integrations.builders"].label)
        + "”)"
    )


def approach(
    p: Platform,
    i: Integration,
    ipaas: list[str],
    small: bool = False,
    no_code: tuple[str, ...] = NO_CODE_OTHER,
) -> dict[str, Any]:
    """Native where the platform's sources name the integration, else the client's iPaaS,
    else, for a small team (no developer to write and run a service), a no-code
    automation service's connector on the platform's API, else a small integration service
    on that API; each with the fact it rests on (source and date)."""

    def sourced(fact: Fact | None, **fields: str) -> dict[str, Any]:
        if fact is None:
            return dict(fields)
        return {**fields, "source": fact.source, "checked": fact.checked, "verified": fact.verified}

    if i.category == "identity":
        # Our sources say nothing of each platform's SSO: name the standard, to confirm.
        return {
            "approach": "native",
            "via": "SAML / OIDC single sign-on",
            "text": "single sign-on over SAML or OIDC, to confirm on the chosen plan",
        }
    if i.key in p.integrations or (i.category == "ecommerce" and "ecommerce" in p.integrations):
        return sourced(
            p.integrations_fact,
            approach="native",
            via=p.name,
            text=f"native {p.name} integration ({p.integrations_fact.text})",
        )
    if i.category == "automation":
        return sourced(
            p.api_fact,
            approach="api",
            via=f"{i.label} connector on the {p.name} API",
            text=f"{i.label} calls the {p.name} API and receives its webhooks",
        )
    if ipaas:
        return sourced(
            p.api_fact,
            approach="ipaas",
            via=ipaas[0],
            text=f"through {ipaas[0]}, which the client already runs",
        )
    if small:
        return sourced(
            p.api_fact,
            approach="no_code",
            via=no_code[0],
            text=(
                f"a no-code automation service ({join(no_code, 'or')}) on the {p.name} API, "
                "set up by the team with nothing to host or maintain"
            ),
        )
    if p.api == "full":
        return sourced(
            p.api_fact,
            approach="api",
            via=f"{p.name} REST API",
            text=f"a small integration service on the {p.name} API and webhooks",
        )
    return sourced(
        p.api_fact,
        approach="ipaas",
        via="an iPaaS such as Zapier, Power Automate or Make",
        text=f"an iPaaS, since the {p.name} API is limited ({p.api_fact.text})",
    )


CONNECTED = {
    "native": "{systems} connected with {platform}'s own integration",
    "ipaas": "{systems} connected through {via}, which the client already runs",
    "no_code": "{systems} connected through a no-code automation service ({via} or similar)",
    "api": "{systems} connected by a small integration service on the {platform} API",
    "identity": "single sign-on through {systems}",
}


def connected(ctx: Context) -> list[str]:
    """How each integration is connected on the recommended platform, as the action plan
    states it: grouped by approach, so it never says "own apps" of one the platform lacks."""
    found = integrations(ctx)
    if not found:
        return []
    if not ctx.scoring.shortlist:
        return [f"{join(i.label for i in found)} connected once the platform is chosen"]
    top = PLATFORMS_BY_ID[ctx.scoring.shortlist[0].platform_id]
    ipaas = [IPAAS[a] for a in ctx.values("integrations.automation") if a in IPAAS]
    small = no_code_only(ctx)
    no_code = no_code_services({i.key for i in found})
    groups: dict[str, list[str]] = {}
    via: dict[str, str] = {}
    for i in found:
        kind = "identity" if i.category == "identity" else ""
        if not kind:
            chosen = approach(top, i, ipaas, small, no_code)
            kind = str(chosen["approach"])
            via.setdefault(kind, str(chosen.get("via", "")))
        groups.setdefault(kind, []).append(i.label)
    return [
        CONNECTED[kind].format(systems=join(labels), platform=top.name, via=via.get(kind, ""))
        for kind, labels in groups.items()
    ]


def _integration_approaches(ctx: Context) -> list[dict[str, Any]]:
    out = []
    with ctx.reading():  # the client's iPaaS and the shortlist shape every approach
        ipaas = [IPAAS[a] for a in ctx.values("integrations.automation") if a in IPAAS]
        shortlisted = [PLATFORMS_BY_ID[r.platform_id] for r in ctx.scoring.shortlist]
        found = integrations(ctx)
        small = no_code_only(ctx)
        no_code = no_code_services({i.key for i in found})
        for i in found:
            if i.category == "identity":
                continue  # single sign-on: a standard to confirm per plan, no vendor claim
            with ctx.reading():
                by_platform = {p.id: approach(p, i, ipaas, small, no_code) for p in shortlisted}
                first = by_platform[shortlisted[0].id] if shortlisted else None
                native_on = [
                    p.name for p in shortlisted if by_platform[p.id]["approach"] == "native"
                ]
                text = f"{i.label[:1].upper()}{i.label[1:]}: "
                text += (
                    f"on {shortlisted[0].name}, {first['text']}"
                    if first and shortlisted
                    else "approach depends on the platform chosen"
                )
                if native_on and (not first or first["approach"] != "native"):
                    text += f"; native on {join(native_on)}"
                text += "."
                satisfies = ctx.satisfies([*i.requirements, *ctx.reqs(codes=("FR-INT-014",))])
                out.append(
                    element(
                        ctx,
                        f"tools.integration.{i.slug}",
                        "integration_approach",
                        # A title starts with a capital ("The client's CRM: …").
                        f"{i.label[:1].upper()}{i.label[1:]}: integration approach",
                        text,
                        data={
                            "system": i.label,
                            "category": i.category,
                            "key": i.key,
                            "direction": i.direction,
                            "recommended": first,
                            "by_platform": by_platform,
                            "satisfies": satisfies,
                        },
                    )
                )
    return out


# Why a hard constraint rules a platform out, as the note on a shortlist of one groups them.
RULED_OUT_BY = {
    "existing_tools": "being the tool the client replaces",
    "deployment": "hosting or data location",
    "compliance": "a compliance requirement",
    "channels": "serving too few of the client's contacts natively",
    "budget": "no plan within the budget",
}


def _only_one(ctx: Context) -> list[dict[str, Any]]:
    """A shortlist of one compares nothing: say why no other platform qualifies, naming
    what ruled each group of them out, so the client sees it is the field, not an oversight."""
    scoring = ctx.scoring
    if len(scoring.shortlist) != 1 or scoring.shortlist[0].kept or scoring.kept_elsewhere:
        return []
    with ctx.reading():  # every platform's verdict
        scoring = ctx.scoring  # read here, so the note traces to what the scoring read
        only = scoring.shortlist[0].name
        groups: dict[str, list[str]] = {}
        for rej in scoring.rejected:
            row = scoring.row(rej.platform_id)
            why = RULED_OUT_BY.get(row.exclusion_key or "", "a hard constraint")
            if not rej.excluded:
                why = f"lacking more of what the client needs than {only}"
            groups.setdefault(why, []).append(rej.name)
        parts = [f"{why} ({join(names)})" for why, names in groups.items()]
        text = (
            f"Only {only} qualifies, so there is no second option to compare: the other "
            f"{len(scoring.rejected)} platforms are ruled out for {'; for '.join(parts)}. "
            "Each one's reason is in the table of platforms not shortlisted."
        )
        return [
            element(
                ctx,
                "tools.only_one",
                "note",
                "Why the shortlist holds one platform",
                text,
                data={"platform": only, "ruled_out": [[w, n] for w, n in groups.items()]},
            )
        ]


def generate(ctx: Context) -> dict[str, Any]:
    elements = [
        _purpose(ctx),
        *_kept_elsewhere(ctx),
        *_shortlist(ctx),
        *_only_one(ctx),
        _licence_basis(ctx),
        *_rejected(ctx),
        _matrix(ctx),
        *_automation(ctx),
        *_integration_approaches(ctx),
    ]
    scoring = ctx.scoring
    names = [r.name for r in scoring.shortlist]
    excluded = sum(1 for r in scoring.rejected if r.excluded)
    scored = (
        f"{len(scoring.matrix)} help-desk platforms scored against this project's "
        f"requirements and constraints; {excluded or 'none'} excluded by a hard constraint. "
    )
    if scoring.kept_elsewhere:
        intro = (
            scored + f"The client keeps {join(scoring.kept_elsewhere)}: no replacement shortlisted."
        )
    elif any(r.kept for r in scoring.shortlist):
        intro = scored + f"The client keeps {join(names)}: the design builds around it."
    elif names:
        intro = scored + f"Shortlist: {join(names)}."
    else:
        intro = scored + "No platform meets every hard constraint."
    return section("tools", "Tools and technologies", intro, elements)
