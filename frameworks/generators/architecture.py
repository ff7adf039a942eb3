"""Section 2: the technical architecture — components with their purpose and the
requirements each satisfies, and the layered diagram drawn from them."""

from __future__ import annotations

from typing import Any

from . import diagram
from .base import Context, element, join, number_text, scoped, section
from .fit import ai_fit, hosting_model
from .integrations import DIRECTION_TEXT, Integration, integrations
from .wording import count_text, has_other, named, residency_where

# Channel -> (what the component does, requirement codes of the catalogue it carries).
CHANNEL_PURPOSE: dict[str, tuple[str, tuple[str, ...]]] = {
    "email": (
        "Support mailboxes forwarded into the help desk; each email opens or continues a "
        "ticket, replies thread back by email",
        ("FR-CHN-002",),
    ),
    "phone": (
        "Calls queued and logged against the caller's ticket; IVR and call-back where the "
        "queue is long",
        ("FR-CHN-003", "FR-CHN-004"),
    ),
    "chat": (
        "Web or in-app chat widget whose conversations become tickets with the transcript",
        ("FR-CHN-005",),
    ),
    "portal": (
        "Web form and portal requests land as categorized tickets",
        ("FR-CHN-012",),
    ),
    "social": (
        "Direct messages and mentions pulled into the shared inbox",
        ("FR-CHN-009",),
    ),
    "messaging": (
        "Messaging-app conversations in the shared inbox, answered from the help desk",
        ("FR-CHN-007", "FR-CHN-008"),
    ),
    "in_person": (
        "Walk-up requests logged by the agent at the desk so they count like any other",
        ("FR-CHN-010",),
    ),
}

CATEGORY_TITLES = {
    "crm": "CRM",
    "erp": "ERP",
    "automation": "Automation platform",
    "communication": "Team communication",
    "identity": "Identity / single sign-on",
    "ecommerce": "E-commerce",
    "billing": "Billing and payments",
    "dev_tracker": "Engineering tracker",
    "telephony": "Telephony",
    "monitoring": "Monitoring",
    "system": "Other system",
}
SHORT_CATEGORY = {
    **CATEGORY_TITLES,
    "automation": "Automation",
    "communication": "Team chat",
    "identity": "Single sign-on",
}
SHORT_DIRECTION = {"to_helpdesk": "data in", "from_helpdesk": "data out", "both": "both ways"}


def _channel_detail(ctx: Context, channel: str) -> str:
    if channel == "messaging":
        return join(ctx.labels("context.messaging_apps"))
    if channel == "social":
        return join(ctx.labels("context.social_networks"))
    if channel == "chat" and ctx.num("context.chat_concurrency"):
        chats = count_text(ctx.num("context.chat_concurrency") or 1, "chat", "chats")
        return f"{chats} per agent at once"
    if channel == "phone" and ctx.get("context.phone_system"):
        return str(ctx.get("context.phone_system"))
    if channel == "in_person" and ctx.num("context.walkup_sites"):
        return count_text(ctx.num("context.walkup_sites") or 0, "site", "sites")
    return ""


def _channels(ctx: Context) -> tuple[list[dict[str, Any]], list[diagram.Node]]:
    with ctx.reading():  # each channel component exists because the client named it
        return _channel_components(ctx)


def _channel_components(ctx: Context) -> tuple[list[dict[str, Any]], list[diagram.Node]]:
    elements, nodes = [], []
    for channel in ctx.values("context.channels"):
        with ctx.reading():
            label = ctx.label("context.channels", channel)
            volume = ctx.num(f"context.volume_{channel}")
            purpose, codes = CHANNEL_PURPOSE.get(channel, ("Requests become tickets", ()))
            detail = _channel_detail(ctx, channel)
            req = ctx.related(categories=("channels",), codes=(*codes, "FR-CHN-001"))
            # An unknown volume is said as a question to answer, never as "not stated".
            volume_text = (
                f"{number_text(volume)} a month"
                if volume is not None
                else "monthly volume to confirm"
            )
            text = f"{label}: {volume_text}" + (f" ({detail})" if detail else "") + f". {purpose}."
            elements.append(
                element(
                    ctx,
                    f"architecture.channel.{channel}",
                    "component",
                    label,
                    text,
                    data={
                        "layer": "channels",
                        "purpose": purpose,
                        "monthly_volume": volume,
                        "detail": detail,
                        "satisfies": ctx.satisfies(req),
                    },
                )
            )
            nodes.append(diagram.Node(f"channel.{channel}", "channels", label, f"{volume_text}"))
    chat_tools = [
        i
        for i in ctx.values("integrations.communication")
        if "ticket_creation" in ctx.values("integrations.communication_uses")
    ]
    for tool in chat_tools:
        with ctx.reading():
            label = ctx.label("integrations.communication", tool)
            req = ctx.reqs(codes=("FR-CHN-011", "NFR-UX-005"))
            purpose = f"Requesters raise and follow tickets from {label} without leaving it"
            elements.append(
                element(
                    ctx,
                    f"architecture.channel.{tool}",
                    "component",
                    f"{label} (requests)",
                    purpose + ".",
                    data={"layer": "channels", "purpose": purpose, "satisfies": ctx.satisfies(req)},
                )
            )
            nodes.append(diagram.Node(f"channel.{tool}", "channels", label, "tickets from chat"))
    return elements, nodes


def _languages(ctx: Context) -> list[str]:
    """The client's languages by name; a catch-all "other" (stored before languages were
    codes) as the languages still to be named, never as the word "other"."""
    languages = named(ctx, "audience.languages")
    if has_other(ctx, "audience.languages"):
        languages.append("the languages still to be named")
    return languages


def _intake(ctx: Context) -> tuple[list[dict[str, Any]], list[diagram.Node], bool]:
    elements, nodes = [], []
    with ctx.reading():
        req = ctx.reqs(categories=("prioritization_routing",), codes=("FR-TKT-001", "FR-CHN-001"))
        rules = []
        if len(ctx.values("audience.languages")) > 1:
            rules.append(f"language ({join(_languages(ctx))})")
        if ctx.get("audience.contract_slas") == "yes":
            rules.append("customer contract / SLA plan")
        if ctx.values("audience.itsm"):
            rules.append("request type (incident, service request, change)")
        if ctx.get("context.tiers") in ("two", "three"):
            rules.append("tier and skills")
        if ctx.values("context.channels"):
            rules.append("channel")
        purpose = (
            "Every request is classified on arrival, given a priority from impact × urgency and "
            "routed to a queue"
        )
        text = purpose + (f" by {join(rules)}." if rules else ".")
        elements.append(
            element(
                ctx,
                "architecture.intake",
                "component",
                "Intake, routing and automatic prioritization",
                text,
                data={
                    "layer": "intake",
                    "purpose": purpose,
                    "routing_by": rules,
                    "satisfies": ctx.satisfies(req),
                },
            )
        )
        nodes.append(
            diagram.Node("intake", "intake", "Intake & routing", "impact × urgency priority")
        )

    with ctx.reading():
        auto_req = ctx.reqs(categories=("automation_ai",))
        tasks = ctx.labels("objective.repetitive_tasks")
        has_bot = bool(auto_req) or bool(tasks)
        if has_bot:
            share = ctx.num("objective.repetitive_share")
            ai = ai_fit(ctx)
            if ai.worth:
                title, node = "Self-service, automation and an AI agent", "Automation & AI agent"
                purpose = "Answers and automates the repetitive requests before they reach an agent"
            else:
                title, node = "Self-service and automation", "Self-service & automation"
                purpose = "Rules and self-service take the repetitive requests off the team"
            text = purpose
            if tasks:
                text += f": {join(t.lower() for t in tasks)}"
                if share is not None:
                    text += f" (about {number_text(share)}% of requests)"
            if ai.worth:
                text += (
                    "; the AI agent hands over to a person with the conversation attached "
                    "when it cannot resolve (see Tools for the volume and cost behind it)."
                )
            elif ai.written:
                text += (
                    f". No AI agent yet: at {ai.written:,.0f} written contacts a month it "
                    "would not repay its upkeep (see Tools)."
                )
            else:
                text += "."
            elements.append(
                element(
                    ctx,
                    "architecture.automation",
                    "component",
                    title,
                    text,
                    data={
                        "layer": "intake",
                        "purpose": purpose,
                        "tasks": tasks,
                        "ai_agent": ai.worth,
                        "satisfies": ctx.satisfies(auto_req),
                    },
                )
            )
            sub = (
                tasks[0].lower()
                if len(tasks) == 1
                else f"{len(tasks)} repetitive request types"
                if tasks
                else ("AI assistance" if ai.worth else "rules and self-service")
            )
            nodes.append(diagram.Node("automation", "intake", node, sub))
    return elements, nodes, has_bot


def _core(ctx: Context) -> tuple[list[dict[str, Any]], list[diagram.Node], bool]:
    elements, nodes = [], []
    with ctx.reading():
        req = ctx.reqs(categories=("ticket_management", "sla", "itsm"))
        top = ctx.scoring.shortlist[0].name if ctx.scoring.shortlist else ""
        purpose = "One ticket record per request, with owner, status, SLA timers and full history"
        text = purpose
        if ctx.values("audience.itsm"):
            text += f"; IT practices: {join(i.lower() for i in ctx.labels('audience.itsm'))}"
        if top:
            text += f". Shortlisted platform ranked first: {top} (see Tools)"
        elements.append(
            element(
                ctx,
                "architecture.ticketing",
                "component",
                "Centralized ticketing system",
                text + ".",
                data={
                    "layer": "core",
                    "purpose": purpose,
                    "platform": top,
                    "satisfies": ctx.satisfies(req),
                },
            )
        )
        nodes.append(
            diagram.Node(
                "ticketing", "core", "Ticketing system", top or "shared queue, SLAs", emphasis=True
            )
        )

    with ctx.reading():
        kb_req = ctx.reqs(categories=("self_service",), codes=("FR-LOC-002",))
        has_kb = bool(kb_req) or "portal" in ctx.values("context.channels")
        if has_kb:
            languages = _languages(ctx)
            purpose = "Published answers requesters find themselves, and a portal to raise and follow requests"
            text = purpose
            if len(languages) > 1:
                text += f", in {join(languages)}"
            rate = ctx.num("metrics.self_service_rate.target")
            if rate is not None:
                text += f"; aims at a {number_text(rate)}% self-service rate"
            elements.append(
                element(
                    ctx,
                    "architecture.knowledge_base",
                    "component",
                    "Knowledge base and self-service portal",
                    text + ".",
                    data={
                        "layer": "core",
                        "purpose": purpose,
                        "languages": languages,
                        "satisfies": ctx.satisfies(kb_req),
                    },
                )
            )
            nodes.append(
                diagram.Node(
                    "kb",
                    "core",
                    "Knowledge base & portal",
                    join(languages) if len(languages) > 1 else "self-service",
                )
            )

    with ctx.reading():
        asset_req = ctx.reqs(codes=("FR-ITS-005",))
        if asset_req or "asset" in ctx.values("audience.itsm"):
            purpose = "Inventory of devices and licences linked to people and tickets"
            elements.append(
                element(
                    ctx,
                    "architecture.assets",
                    "component",
                    "Asset inventory (CMDB)",
                    purpose + ", so agents see what the requester has.",
                    data={
                        "layer": "core",
                        "purpose": purpose,
                        "satisfies": ctx.satisfies(asset_req),
                    },
                )
            )
            nodes.append(
                diagram.Node("assets", "core", "Asset inventory (CMDB)", "devices and licences")
            )
    return elements, nodes, has_kb


def _short_kind(i: Integration) -> str:
    """A diagram node's kind: a named system's own ("PSA", "EHR", "GIS"), else its
    category's."""
    if i.kind:
        return i.kind.split(" / ")[0]
    return SHORT_CATEGORY.get(i.category, i.category)


@scoped
def _integration_element(ctx: Context, i: Integration) -> dict[str, Any]:
    category = i.kind or CATEGORY_TITLES.get(i.category, i.category)
    system = f"{category}: {i.label}" if i.label != category else category
    text = f"{system}, {DIRECTION_TEXT.get(i.direction, i.direction)}"
    if i.flow_text():
        text += f" ({i.flow_text()})"
    text += "."
    if i.purpose:
        text += f" Purpose: {i.purpose}"
    return element(
        ctx,
        f"architecture.integration.{i.slug}",
        "integration",
        f"{i.label} integration",
        text,
        data={
            "layer": "integrations",
            "category": i.category,
            "kind": i.kind,
            "system": i.label,
            "key": i.key,
            "direction": i.direction,
            "flows_in": list(i.flows_in),
            "flows_out": list(i.flows_out),
            "purpose": i.purpose,
            "satisfies": ctx.satisfies(i.requirements),
        },
    )


@scoped
def _analytics(ctx: Context) -> dict[str, Any]:
    req = ctx.reqs(categories=("reporting",))
    kpis = ctx.labels("metrics.kpis")
    cadence = ctx.text("metrics.review_cadence")
    purpose = "Live dashboards and scheduled reports on the chosen KPIs, SLA breaches and backlog"
    text = purpose
    if kpis:
        text += f": {join(kpis)}"
    if cadence:
        text += f"; reviewed {cadence.lower()}"
    return element(
        ctx,
        "architecture.analytics",
        "component",
        "Analytics and monitoring",
        text + ".",
        data={
            "layer": "analytics",
            "purpose": purpose,
            "kpis": kpis,
            "satisfies": ctx.satisfies(req),
        },
    )


def hosting_text(ctx: Context) -> str:
    """Where the help desk runs and where its data is kept, as the constraints and the
    recommended platform decide it: never "self-hosted" for a SaaS client, and never a
    data location stated as fact when our sources do not confirm it."""
    model = hosting_model(ctx)
    provider = {"aws": "AWS", "azure": "Azure", "gcp": "Google Cloud"}.get(
        str(ctx.get("scale.cloud_provider")), ""
    )
    if model == "self_hosted":
        text = "self-hosted" + (
            f" on the client's {provider} account" if provider else " on the client's servers"
        )
    elif model == "hybrid":
        text = "hybrid: vendor SaaS with self-hosted components" + (
            f" on {provider}" if provider else ""
        )
    else:
        text = "vendor-operated SaaS"
    regions = ctx.scoring.needs.regions
    if not regions:
        return text
    where = residency_where(ctx)
    top = ctx.scoring.shortlist[0] if ctx.scoring.shortlist else None
    unconfirmed = model != "self_hosted" and (
        top is None or any(c.startswith("data kept") for c in top.confirm)
    )
    return text + (
        f", data {where} (to confirm with the vendor)" if unconfirmed else f", data {where}"
    )


@scoped
def _hosting(ctx: Context) -> dict[str, Any]:
    text = hosting_text(ctx)
    availability = ctx.text("scale.availability")
    req = ctx.related(categories=("scalability", "data", "availability", "security_compliance"))
    body = f"Hosting: {text}."
    if availability:
        body += f" Availability target: {availability}."
    return element(
        ctx,
        "architecture.hosting",
        "component",
        "Hosting",
        body,
        data={"layer": "hosting", "purpose": text, "satisfies": ctx.satisfies(req)},
    )


def generate(ctx: Context) -> dict[str, Any]:
    channel_elements, channel_nodes = _channels(ctx)
    intake_elements, intake_nodes, has_bot = _intake(ctx)
    core_elements, core_nodes, _has_kb = _core(ctx)
    found = integrations(ctx)
    integration_elements = [_integration_element(ctx, i) for i in found]
    analytics = _analytics(ctx)
    hosting = _hosting(ctx)

    nodes = channel_nodes + intake_nodes + core_nodes
    edges = [diagram.Edge(n.id, "intake") for n in channel_nodes]
    edges.append(diagram.Edge("intake", "ticketing"))
    if has_bot:
        edges.append(diagram.Edge("automation", "ticketing", both=True))
    for i in found:
        node_id = f"integration.{i.slug}"
        nodes.append(
            diagram.Node(
                node_id,
                "integrations",
                i.label,
                f"{_short_kind(i)}, {SHORT_DIRECTION.get(i.direction, '')}",
            )
        )
        if i.direction == "to_helpdesk":
            edges.append(diagram.Edge(node_id, "ticketing"))
        elif i.direction == "from_helpdesk":
            edges.append(diagram.Edge("ticketing", node_id))
        else:
            edges.append(diagram.Edge("ticketing", node_id, both=True))
    nodes.append(
        diagram.Node(
            "analytics",
            "integrations",
            "Analytics & dashboards",
            "KPIs, SLA breaches, backlog",
            style="analytics",
        )
    )
    edges.append(diagram.Edge("ticketing", "analytics"))

    svg = diagram.render(
        nodes,
        edges,
        hosting_text(ctx),
        "Support architecture: channels, intake, ticketing core, integrations",
    )
    elements = (
        channel_elements
        + intake_elements
        + core_elements
        + integration_elements
        + [analytics, hosting]
    )
    channels = len(channel_elements)
    intro = (
        f"{channels or 'No'} channel{'s feed' if channels != 1 else ' feeds'} one intake and one ticketing "
        f"core; {len(found) or 'no'} integration{'s exchange' if len(found) != 1 else ' exchanges'} data with it. "
        "Each component lists the requirements it satisfies."
    )
    return section(
        "architecture",
        "Technical architecture",
        intro,
        elements,
        diagram_svg=svg,
    )
