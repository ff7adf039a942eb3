"""The client's integrations as one list, shared by the architecture, tools and workflow
sections: what each connects, which way data flows, and the requirements behind it.

What flows each way is data (`FLOWS`); the direction answer decides which of the flows apply.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .base import Context

DIRECTION_TEXT = {
    "to_helpdesk": "into the help desk",
    "from_helpdesk": "out of the help desk",
    "both": "both ways",
}

# Category -> (flows into the help desk, flows out of it, default direction).
FLOWS: dict[str, tuple[str, str, str]] = {
    "crm": ("customer and company records", "tickets and support history", "both"),
    "erp": ("order, invoice and stock data", "requests raised from tickets", "to_helpdesk"),
    "automation": ("actions from automated flows", "ticket events that start flows", "both"),
    "communication": ("requests raised in chat", "alerts and ticket updates", "both"),
    "identity": ("single sign-on for agents and requesters", "", "to_helpdesk"),
    "ecommerce": (
        "orders, delivery status and customer data",
        "notes and refund requests",
        "to_helpdesk",
    ),
    "billing": ("payments, invoices and refund status", "refund requests", "to_helpdesk"),
    "dev_tracker": (
        "issue status and fix versions",
        "escalated bugs with the ticket's context",
        "both",
    ),
    "telephony": ("calls, caller ID for screen pop and call logs", "click-to-call", "to_helpdesk"),
    "monitoring": (
        "alerts opened as incidents",
        "incident status back to the alert",
        "to_helpdesk",
    ),
}

CRM_OBJECTS = {
    "hubspot": "integrations.hubspot_objects",
    "salesforce": "integrations.salesforce_objects",
}
ERP_USE_FLOWS = {
    "orders": ("in", "order and delivery status"),
    "purchase_requests": ("out", "purchase requests for approval"),
    "invoices": ("in", "invoices and billing"),
    "inventory": ("in", "inventory and spare parts"),
}
COMMUNICATION_USE_FLOWS = {
    "alerts": ("out", "alerts on new and breaching tickets"),
    "ticket_creation": ("in", "tickets raised from the chat"),
    "swarming": ("both", "ticket threads for swarming"),
    "approvals": ("both", "approval requests and decisions"),
}

# Requirement codes of the catalogue that each kind of integration satisfies.
CODES: dict[str, tuple[str, ...]] = {
    "crm": ("FR-INT-001", "FR-INT-002", "FR-INT-003"),
    "erp": ("FR-INT-004", "FR-INT-005", "FR-ITS-006"),
    "automation": ("FR-INT-006",),
    "communication": ("FR-INT-007", "FR-CHN-011", "FR-AUT-009", "FR-PRI-006", "FR-TKT-011"),
    "identity": ("FR-SEC-001",),
    "ecommerce": ("FR-INT-010", "FR-AUT-003", "FR-INT-013"),
    "billing": ("FR-INT-009", "FR-INT-013"),
    "dev_tracker": ("FR-INT-011", "FR-INT-013"),
    "telephony": ("FR-INT-012", "FR-INT-013"),
    "monitoring": ("FR-INT-008", "FR-INT-013"),
}
OTHER = ("ecommerce", "billing", "dev_tracker", "telephony", "monitoring")


@dataclass(frozen=True)
class Integration:
    key: str  # the id scoring uses (hubspot, sap, zapier, jira_software, billing, …)
    category: str
    label: str
    direction: str
    flows_in: tuple[str, ...]
    flows_out: tuple[str, ...]
    purpose: str
    questions: tuple[str, ...]
    requirements: tuple[str, ...]

    @property
    def slug(self) -> str:
        return f"{self.category}.{self.key}" if self.key != self.category else self.key

    def flow_text(self) -> str:
        parts = []
        if self.flows_in:
            parts.append(f"in: {', '.join(self.flows_in)}")
        if self.flows_out:
            parts.append(f"out: {', '.join(self.flows_out)}")
        return "; ".join(parts)


def _split(
    category: str, direction: str, extra_in: list[str], extra_out: list[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    flow_in, flow_out, _default = FLOWS[category]
    ins = extra_in or ([flow_in] if flow_in else [])
    outs = extra_out or ([flow_out] if flow_out else [])
    if direction == "to_helpdesk":
        outs = []
    elif direction == "from_helpdesk":
        ins = []
    return tuple(ins), tuple(outs)


def _make(
    ctx: Context,
    key: str,
    category: str,
    label: str,
    direction_q: str | None,
    purpose_q: str | None,
    questions: list[str],
    extra_in: list[str] | None = None,
    extra_out: list[str] | None = None,
    direction: str | None = None,
) -> Integration:
    direction = direction or (
        str(ctx.get(direction_q)) if direction_q and ctx.get(direction_q) else FLOWS[category][2]
    )
    ins, outs = _split(category, direction, extra_in or [], extra_out or [])
    qids = [q for q in (*questions, direction_q, purpose_q) if q]
    specific = [q for q in qids if q != "integrations.other"]
    codes = ctx.reqs(codes=CODES.get(category, ()), questions=specific)
    return Integration(
        key=key,
        category=category,
        label=label,
        direction=direction,
        flows_in=ins,
        flows_out=outs,
        purpose=str(ctx.get(purpose_q) or "") if purpose_q else "",
        questions=tuple(qids),
        requirements=tuple(codes),
    )


def integrations(ctx: Context) -> list[Integration]:
    cached = ctx.cache.get("integrations")
    if cached is None:
        cached = ctx.cache["integrations"] = tuple(_integrations(ctx))
    return list(cached)


def _integrations(ctx: Context) -> list[Integration]:
    found: list[Integration] = []
    for crm in ctx.values("integrations.crm"):
        objects_q = CRM_OBJECTS.get(crm)
        objects = ctx.labels(objects_q) if objects_q else []
        label = ctx.label("integrations.crm", crm) if crm != "other" else "CRM (other)"
        found.append(
            _make(
                ctx,
                crm,
                "crm",
                label,
                "integrations.crm_direction",
                "integrations.crm_purpose",
                ["integrations.crm", *([objects_q] if objects_q else [])],
                extra_in=[f"{', '.join(o.lower() for o in objects)}"] if objects else None,
                extra_out=["tickets and support history"] if objects else None,
            )
        )
    uses = ctx.values("integrations.erp_uses")
    for erp in ctx.values("integrations.erp"):
        label = ctx.label("integrations.erp", erp) if erp != "other" else "ERP (other)"
        ins = [ERP_USE_FLOWS[u][1] for u in uses if ERP_USE_FLOWS[u][0] == "in"]
        outs = [ERP_USE_FLOWS[u][1] for u in uses if ERP_USE_FLOWS[u][0] == "out"]
        found.append(
            _make(
                ctx,
                erp,
                "erp",
                label,
                "integrations.erp_direction",
                "integrations.erp_purpose",
                ["integrations.erp", "integrations.erp_uses"],
                extra_in=ins,
                extra_out=outs,
            )
        )
    for tool in ctx.values("integrations.automation"):
        found.append(
            _make(
                ctx,
                tool,
                "automation",
                ctx.label("integrations.automation", tool),
                "integrations.automation_direction",
                "integrations.automation_purpose",
                ["integrations.automation"],
            )
        )
    comm_uses = ctx.values("integrations.communication_uses")
    for tool in ctx.values("integrations.communication"):
        ins = [
            COMMUNICATION_USE_FLOWS[u][1]
            for u in comm_uses
            if COMMUNICATION_USE_FLOWS[u][0] in ("in", "both")
        ]
        outs = [
            COMMUNICATION_USE_FLOWS[u][1]
            for u in comm_uses
            if COMMUNICATION_USE_FLOWS[u][0] in ("out", "both")
        ]
        direction = "both" if ins and outs else ("to_helpdesk" if ins else "from_helpdesk")
        found.append(
            _make(
                ctx,
                tool,
                "communication",
                ctx.label("integrations.communication", tool),
                None,
                "integrations.communication_purpose",
                ["integrations.communication", "integrations.communication_uses"],
                extra_in=ins,
                extra_out=outs,
                direction=direction if comm_uses else "both",
            )
        )
    for idp in ctx.values("integrations.identity"):
        label = (
            ctx.label("integrations.identity", idp)
            if idp != "other"
            else "SAML / OIDC identity provider"
        )
        found.append(
            _make(
                ctx,
                idp,
                "identity",
                label,
                None,
                None,
                ["integrations.identity"],
                direction="to_helpdesk",
            )
        )
    other = ctx.values("integrations.other")
    for category in OTHER:
        if category not in other:
            continue
        questions = ["integrations.other"]
        key = category
        if category == "ecommerce":
            shop = ctx.get("integrations.ecommerce_platform")
            questions.append("integrations.ecommerce_platform")
            key = str(shop) if shop and shop != "other" else "ecommerce"
            label = (
                ctx.label("integrations.ecommerce_platform", key)
                if key != "ecommerce"
                else "E-commerce platform"
            )
        elif category == "dev_tracker":
            tracker = ctx.get("integrations.dev_tracker")
            questions.append("integrations.dev_tracker")
            key = str(tracker) if tracker else "dev_tracker"
            label = (
                ctx.label("integrations.dev_tracker", key)
                if tracker
                else "Engineering issue tracker"
            )
        elif category == "billing":
            questions.append("integrations.billing_system")
            label = ctx.integration_label("billing")
            if label == "billing":
                label = "Billing and payments"
        elif category == "telephony":
            questions.append("context.phone_system")
            label = "Telephony"
        else:
            label = "Monitoring and alerting"
        found.append(
            _make(
                ctx,
                key,
                category,
                label,
                "integrations.other_direction",
                "integrations.other_purpose",
                questions,
            )
        )
    return _shared_purpose(found)


# Words that name a kind of "other system" in the client's own text.
_OTHER_WORDS = {
    "ecommerce": ("e-commerce", "ecommerce", "shop", "store", "order"),
    "billing": ("billing", "invoice", "payment", "subscription", "refund"),
    "telephony": ("phone", "call", "telephony", "voice"),
    "monitoring": ("monitoring", "alert", "incident", "uptime"),
    "dev_tracker": ("bug", "engineering", "issue", "developer"),
}


def _shared_purpose(found: list[Integration]) -> list[Integration]:
    """Discovery asks one purpose for all the "other systems" together. With several of
    them, the answer belongs to the ones it speaks of (by name, or by the words for their
    kind): repeating "order status from Shopify" on the telephony integration would put
    words in the client's mouth. If it names none of them, each keeps it, marked as said
    of them all."""
    others = [i for i in found if "integrations.other_purpose" in i.questions]
    if len(others) < 2 or not others[0].purpose:
        return found
    text = others[0].purpose.lower()

    def speaks_of(i: Integration) -> bool:
        names = (i.label.lower(), i.key.lower(), *_OTHER_WORDS.get(i.category, ()))
        return any(name and name in text for name in names)

    meant = {i.slug for i in others if speaks_of(i)}
    labels = [i.label for i in others]
    together = f"{', '.join(labels[:-1])} and {labels[-1]}"
    result = []
    for i in found:
        if i in others and meant and i.slug not in meant:
            i = replace(i, purpose="")
        elif i in others and not meant:
            i = replace(i, purpose=f"{i.purpose.rstrip('. ')} (said of {together} together).")
        result.append(i)
    return result
