"""The client's integrations as one list, shared by the architecture, tools and workflow
sections: what each connects, which way data flows, and the requirements behind it.

What flows each way is data (`FLOWS`); the direction answer decides which of the flows apply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from discovery.bank import BANK
from discovery.bank.data import SYSTEM_CLASSES

from .base import Context, Reads, Recorder, join

SYSTEM_KINDS = {value: label for value, label in SYSTEM_CLASSES if value != "other"}

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
    # A named system of a kind none of the above is (an EHR, a GIS, an LMS, a PSA, a
    # records system, a community platform…): what it is for is the client's own words.
    "system": ("its records on the ticket", "ticket references and updates", "both"),
}

# A named system's class (integrations.systems, discovery/bank/data.py SYSTEM_CLASSES) →
# the kind of integration it is. Help desks and ITSM tools are the tool itself (current
# tools, the shortlist), never an integration of it.
SYSTEM_CATEGORY = {
    "crm": "crm",
    "erp": "erp",
    "identity": "identity",
    "rmm": "monitoring",
    "monitoring": "monitoring",
    "telephony": "telephony",
    "payments": "billing",
    "bug_tracking": "dev_tracker",
    "ecommerce": "ecommerce",
    "chat": "communication",
}
NOT_INTEGRATIONS = frozenset({"helpdesk", "itsm"})
NAMES_OF_NOTHING = frozenset({"other", "others", "none", "n/a", "na", "-", "unknown", "tbd"})
# Labels that name a kind of system, not the client's own: a named system of that kind
# takes its place.
GENERIC_LABELS = frozenset(
    {
        "the client's CRM",
        "the client's ERP",
        "SAML / OIDC identity provider",
        "E-commerce platform",
        "Engineering issue tracker",
        "Billing and payments",
        "Telephony",
        "Monitoring and alerting",
    }
)

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
    """One integration, with what building it read: `naming` (which system it is) and
    `detail` (direction, flows, purpose, the requirements behind it). Reading a field
    replays what that field came from into the element being built, so every element
    that shows an integration's direction or purpose cites the answers behind them."""

    key: str  # the id scoring uses (hubspot, sap, zapier, jira_software, billing, …)
    category: str
    _label: str
    _direction: str
    _flows_in: tuple[str, ...]
    _flows_out: tuple[str, ...]
    _purpose: str
    _requirements: tuple[str, ...]
    _recorder: Recorder = field(compare=False, repr=False)
    _naming: Reads = field(compare=False, repr=False)
    _detail: Reads = field(compare=False, repr=False)
    # What kind of system a named one is, in the client's class ("PSA / professional
    # services"); empty for the integrations the fixed questions name.
    kind: str = ""

    @property
    def slug(self) -> str:
        return f"{self.category}.{self.key}" if self.key != self.category else self.key

    def _named(self) -> None:
        self._recorder.replay(self._naming)

    def _detailed(self) -> None:
        self._recorder.replay(self._naming)
        self._recorder.replay(self._detail)

    @property
    def label(self) -> str:
        self._named()
        return self._label

    @property
    def direction(self) -> str:
        self._detailed()
        return self._direction

    @property
    def flows_in(self) -> tuple[str, ...]:
        self._detailed()
        return self._flows_in

    @property
    def flows_out(self) -> tuple[str, ...]:
        self._detailed()
        return self._flows_out

    @property
    def purpose(self) -> str:
        self._detailed()
        return self._purpose

    @property
    def requirements(self) -> tuple[str, ...]:
        self._detailed()
        return self._requirements

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
    naming: Reads,
    label: str,
    direction_q: str | None,
    purpose_q: str | None,
    extras: Callable[[], tuple[list[str], list[str]]] | None = None,
    direction: str | None = None,
) -> Integration:
    """An integration named `label` (what naming it read is `naming`); its direction, flows
    and purpose are read here, each element that shows them cites what they came from."""
    with ctx.reading() as detail:
        extra_in, extra_out = extras() if extras else ([], [])
        direction = direction or (
            str(ctx.get(direction_q))
            if direction_q and ctx.get(direction_q)
            else FLOWS[category][2]
        )
        ins, outs = _split(category, direction, extra_in, extra_out)
        purpose = str(ctx.get(purpose_q) or "") if purpose_q else ""
        # The shared "other systems" answer names them all; it says nothing of one.
        specific = sorted((naming.answers | detail.answers) - {"integrations.other"})
        codes = ctx.reqs(codes=CODES.get(category, ()), questions=specific)
    return Integration(
        key=key,
        category=category,
        _label=label,
        _direction=direction,
        _flows_in=ins,
        _flows_out=outs,
        _purpose=purpose,
        _requirements=tuple(codes),
        _recorder=ctx.recorder,
        _naming=naming,
        _detail=detail,
    )


def integrations(ctx: Context) -> list[Integration]:
    """The client's integrations; reading the list cites the answers that say which
    systems there are, and each integration's fields cite their own."""
    return list(ctx.cached("integrations", lambda: tuple(_integrations(ctx))))


@contextmanager
def _naming(ctx: Context, *questions: str) -> Iterator[Reads]:
    """What names one integration: its selection answers and any label question."""
    with ctx.reading() as reads:
        for qid in questions:
            ctx.get(qid)
        yield reads


def _named_crm(ctx: Context) -> str:
    """An "other" CRM by the name the client gave it among its systems (Beacon, Bloomerang),
    else in general words.

    A row's name that is a choice of the CRM question ("Other", "None", or a listed CRM
    such as Salesforce, which has its own integration) names no other CRM."""
    question = BANK.questions["integrations.crm"]
    listed = {c.label.casefold() for c in question.choices} | NAMES_OF_NOTHING
    names = [
        str(r.get("name")).strip()
        for r in ctx.get("integrations.systems") or []
        if isinstance(r, dict) and r.get("class") == "crm" and str(r.get("name") or "").strip()
    ]
    # Once each, as first written: "Beacon" and "beacon" are one system.
    kept: dict[str, str] = {}
    for name in names:
        if name.casefold() not in listed:
            kept.setdefault(name.casefold(), name)
    names = list(kept.values())
    return join(names) if names else "the client's CRM"


def _integrations(ctx: Context) -> list[Integration]:
    found: list[Integration] = []
    for crm in ctx.values("integrations.crm"):
        objects_q = CRM_OBJECTS.get(crm)
        with _naming(ctx, "integrations.crm") as naming:
            label = ctx.label("integrations.crm", crm) if crm != "other" else _named_crm(ctx)

        def crm_flows(objects_q: str | None = objects_q) -> tuple[list[str], list[str]]:
            objects = ctx.labels(objects_q) if objects_q else []
            if not objects:
                return [], []
            return [", ".join(o.lower() for o in objects)], ["tickets and support history"]

        found.append(
            _make(
                ctx,
                crm,
                "crm",
                naming,
                label,
                "integrations.crm_direction",
                "integrations.crm_purpose",
                extras=crm_flows,
            )
        )
    for erp in ctx.values("integrations.erp"):
        with _naming(ctx, "integrations.erp") as naming:
            label = ctx.label("integrations.erp", erp) if erp != "other" else "the client's ERP"

        def erp_flows() -> tuple[list[str], list[str]]:
            uses = ctx.values("integrations.erp_uses")
            ins = [ERP_USE_FLOWS[u][1] for u in uses if ERP_USE_FLOWS[u][0] == "in"]
            outs = [ERP_USE_FLOWS[u][1] for u in uses if ERP_USE_FLOWS[u][0] == "out"]
            return ins, outs

        found.append(
            _make(
                ctx,
                erp,
                "erp",
                naming,
                label,
                "integrations.erp_direction",
                "integrations.erp_purpose",
                extras=erp_flows,
            )
        )
    for tool in ctx.values("integrations.automation"):
        with _naming(ctx, "integrations.automation") as naming:
            label = ctx.label("integrations.automation", tool)
        found.append(
            _make(
                ctx,
                tool,
                "automation",
                naming,
                label,
                "integrations.automation_direction",
                "integrations.automation_purpose",
            )
        )
    for tool in ctx.values("integrations.communication"):
        with _naming(ctx, "integrations.communication") as naming:
            label = ctx.label("integrations.communication", tool)
        with ctx.reading() as uses_reads:
            comm_uses = ctx.values("integrations.communication_uses")
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

        def comm_flows(ins: list[str] = ins, outs: list[str] = outs) -> tuple[list[str], list[str]]:
            ctx.recorder.replay(uses_reads)
            return ins, outs

        found.append(
            _make(
                ctx,
                tool,
                "communication",
                naming,
                label,
                None,
                "integrations.communication_purpose",
                extras=comm_flows,
                direction=direction if comm_uses else "both",
            )
        )
    for idp in ctx.values("integrations.identity"):
        with _naming(ctx, "integrations.identity") as naming:
            label = (
                ctx.label("integrations.identity", idp)
                if idp != "other"
                else "SAML / OIDC identity provider"
            )
        found.append(
            _make(ctx, idp, "identity", naming, label, None, None, direction="to_helpdesk")
        )
    other = ctx.values("integrations.other")
    for category in OTHER:
        if category not in other:
            continue
        key = category
        with _naming(ctx, "integrations.other") as naming:
            if category == "ecommerce":
                shop = ctx.get("integrations.ecommerce_platform")
                key = str(shop) if shop and shop != "other" else "ecommerce"
                label = (
                    ctx.label("integrations.ecommerce_platform", key)
                    if key != "ecommerce"
                    else "E-commerce platform"
                )
            elif category == "dev_tracker":
                tracker = ctx.get("integrations.dev_tracker")
                key = str(tracker) if tracker else "dev_tracker"
                label = (
                    ctx.label("integrations.dev_tracker", key)
                    if tracker
                    else "Engineering issue tracker"
                )
            elif category == "billing":
                label = ctx.integration_label("billing")
                if label == "billing":
                    label = "Billing and payments"
            elif category == "telephony":
                label = "Telephony"
            else:
                label = "Monitoring and alerting"
        found.append(
            _make(
                ctx,
                key,
                category,
                naming,
                label,
                f"integrations.{category}_direction",
                f"integrations.{category}_purpose",
            )
        )
    return _with_named_systems(ctx, found)


def _slug(name: str) -> str:
    return "_".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def _with_named_systems(ctx: Context, found: list[Integration]) -> list[Integration]:
    """The systems the client named (integrations.systems), each an integration of its
    own with the purpose and direction the client gave it: one already on the list by name
    is not repeated, and one of a kind listed only in general words ("Monitoring and
    alerting") gives that integration its name."""
    with ctx.reading() as rows_reads:
        rows = [
            r
            for r in ctx.get("integrations.systems") or []
            if isinstance(r, dict)
            and str(r.get("name") or "").strip()
            and r.get("class") not in NOT_INTEGRATIONS
        ]
    if not rows:
        return found
    replaced = ctx.get("context.tool_fate") == "replace"
    current = {t.strip().casefold() for t in str(ctx.get("context.tools_other") or "").split(",")}
    out = list(found)
    seen = set(NAMES_OF_NOTHING)
    for row in rows:
        name = str(row["name"]).strip()
        if name.casefold() in seen:
            continue  # a catch-all ("Other") names nothing; "Beacon" and "beacon" are one
        seen.add(name.casefold())
        if replaced and name.casefold() in current:
            continue  # the tool being replaced is migrated from, not connected to
        if any(name.casefold() in i._label.casefold() for i in out):
            continue
        category = SYSTEM_CATEGORY.get(str(row.get("class") or ""), "system")
        generic = next(
            (n for n, i in enumerate(out) if i.category == category and i._label in GENERIC_LABELS),
            None,
        )
        if generic is not None:
            # The first system of that kind names it; a second one (Statuspage beside
            # PagerDuty) is an integration of its own, with its own direction and purpose.
            i = out[generic]
            naming = i._naming.copy()
            naming.add(rows_reads)
            out[generic] = replace(i, _label=name, _naming=naming)
            continue
        out.append(_system(ctx, row, name, category, rows_reads))
    return out


def _system(
    ctx: Context, row: dict[str, object], name: str, category: str, rows_reads: Reads
) -> Integration:
    """One named system: its flows those of its kind, its purpose the client's words."""
    with ctx.reading() as detail:
        ctx.recorder.replay(rows_reads)
        direction = str(row.get("direction") or "")
        if direction not in DIRECTION_TEXT:
            direction = FLOWS[category][2]
        purpose = str(row.get("purpose") or "").strip()
        # What the client said it is for is what flows, on the side its direction says;
        # the kind's own flow the other way, when data goes both ways.
        mine = [purpose] if purpose else []
        if direction == "from_helpdesk":
            ins, outs = _split(category, direction, [], mine)
        else:
            ins, outs = _split(category, direction, mine, [])
        # The requirements about this system: those from the named systems' answer whose
        # title names it (never another system's), with the kind's own.
        own = [
            r.code
            for r in ctx.requirements
            if "integrations.systems" in r.question_ids and name.lower() in r.title.lower()
        ]
        codes = ctx.reqs(codes=(*CODES.get(category, ()), *own))
    return Integration(
        key=_slug(name),
        category=category,
        _label=name,
        _direction=direction,
        _flows_in=ins,
        _flows_out=outs,
        _purpose=purpose,
        _requirements=tuple(codes),
        _recorder=ctx.recorder,
        _naming=rows_reads,
        _detail=detail,
        kind=SYSTEM_KINDS.get(str(row.get("class") or ""), "") if category == "system" else "",
    )
