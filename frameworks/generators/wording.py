"""Words that come from the client's own domain: who is served, what they deal in, and how
an outage looks to them. Data, chosen by the answers, so the priority matrix of a hospital's
service desk speaks of clinical services and an app's of users, never of orders and
payments a client does not have.

Also the small helpers every generator needs to print a choice answer without its
catch-all options ("Other", "None"), which are never a value a client reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from discovery.bank import BANK
from frameworks.staffing.profiles import CALENDAR_DAYS

from .base import Context, join, number_text

# Options that stand for "something not listed" or "nothing": never printed as a value.
CATCH_ALL = frozenset({"other", "none"})


def named(ctx: Context, qid: str) -> list[str]:
    """The labels of a choice answer, without its catch-all options."""
    return [ctx.label(qid, v) for v in ctx.values(qid) if v not in CATCH_ALL]


def has_other(ctx: Context, qid: str) -> bool:
    return "other" in ctx.values(qid)


@dataclass(frozen=True)
class Domain:
    """How this client's requests look: for the priority matrix and its examples."""

    key: str
    impact_high: str
    impact_medium: str
    impact_low: str
    urgency_high: str
    peak_subject: str  # what moves up a step in the peak season


DOMAINS: dict[str, Domain] = {
    d.key: d
    for d in (
        Domain(
            "clinical",
            "patient care affected, or a clinical system down for a ward or a site",
            "one department or team blocked",
            "one person, with a workaround",
            "care or work stopped now",
            "urgent requests",
        ),
        Domain(
            "internal",
            "a site, a department or a service everyone relies on stopped",
            "a team blocked",
            "one person, with a workaround",
            "work stopped now",
            "urgent requests",
        ),
        Domain(
            "patients",
            "many patients unable to reach the practice or book, or a system every site relies on down",
            "one patient's appointment, treatment or bill at risk",
            "a question, with a workaround",
            "a patient in pain, or an appointment today at risk",
            "urgent requests",
        ),
        Domain(
            "money",
            "many customers unable to pay or reach their money, or money being lost to fraud",
            "one customer's transfer, card or account at risk",
            "a question, with a workaround",
            "money leaving an account now, or a fraud in progress",
            "problems with customers' money",
        ),
        Domain(
            "homes",
            "a home unsafe or without heating, water or power, or many homes affected",
            "one home's repair, tenancy or rent account at risk",
            "a question, with a workaround",
            "an emergency repair or hazard now: no heating, flooding, unsafe electrics, a gas smell",
            "repairs and heating faults",
        ),
        Domain(
            "retail",
            "many customers, or orders and payments failing",
            "one customer's order or account",
            "a question, no order at risk",
            "an order or a payment stopped now",
            "order problems",
        ),
        Domain(
            "business",
            "many customers, or a key account blocked",
            "one customer organization",
            "one user, with a workaround",
            "a customer's work stopped now",
            "urgent requests",
        ),
        Domain(
            "consumer",
            "many customers unable to use the service",
            "one customer blocked",
            "a question, with a workaround",
            "a customer blocked now",
            "urgent requests",
        ),
        Domain(
            "mixed",
            "many people, or a service everyone relies on, stopped",
            "one team or one customer blocked",
            "one person, with a workaround",
            "work stopped now",
            "urgent requests",
        ),
    )
}


def sells_online(ctx: Context) -> bool:
    """The client takes orders: a shop, order data in the ERP, or order-status requests."""
    return (
        "ecommerce" in ctx.values("integrations.other")
        or "orders" in ctx.values("integrations.erp_uses")
        or "order_status" in ctx.values("objective.repetitive_tasks")
    )


def takes_payments(ctx: Context) -> bool:
    return (
        bool({"billing", "ecommerce"} & set(ctx.values("integrations.other")))
        or "billing" in ctx.values("objective.repetitive_tasks")
        or "invoices" in ctx.values("integrations.erp_uses")
    )


# Sector rules of institutions that hold or move their customers' money (DORA is left
# out: it binds insurers and ICT providers as much as banks).
FINANCIAL_RULES = frozenset({"glba", "finra_sec", "fca", "bacen"})


# Sector rules that bind landlords of social housing, and the class of the housing
# management system a landlord runs its tenancies and repairs in.
HOUSING_RULES = frozenset({"housing_ombudsman", "awaabs_law", "rsh_tsm"})
HOUSING_SYSTEM_CLASS = "housing"


def is_landlord(ctx: Context) -> bool:
    """The client lets homes: a housing sector rule applies to it, or it runs a housing
    management system (integrations.systems of class housing)."""
    if HOUSING_RULES & set(ctx.values("scale.sector_rules")):
        return True
    return any(
        isinstance(r, dict) and r.get("class") == HOUSING_SYSTEM_CLASS
        for r in ctx.get("integrations.systems") or []
    )


def handles_money(ctx: Context) -> bool:
    """The client keeps its customers' money (a bank, a payment or investment app): a
    financial sector rule applies to it."""
    return bool(FINANCIAL_RULES & set(ctx.values("scale.sector_rules")))


def domain(ctx: Context) -> Domain:
    audience = ctx.get("audience.type")
    if audience == "internal":
        clinical = "hipaa" in ctx.values("scale.compliance")
        return DOMAINS["clinical" if clinical else "internal"]
    if audience == "both" or audience is None:
        return DOMAINS["mixed"]
    if ctx.get("audience.market") == "b2b":
        return DOMAINS["business"]
    # Consumers whose requests carry health information under HIPAA are patients (or a
    # health plan's members): what is urgent is care, not an order or an account.
    if "hipaa" in ctx.values("scale.compliance"):
        return DOMAINS["patients"]
    # A bank's or a payment app's customers: what is urgent is their money.
    if handles_money(ctx):
        return DOMAINS["money"]
    # A landlord's tenants: what is urgent is a home that is unsafe.
    if is_landlord(ctx):
        return DOMAINS["homes"]
    if sells_online(ctx) and takes_payments(ctx):
        return DOMAINS["retail"]
    return DOMAINS["consumer"]


def requesters(ctx: Context) -> str:
    """Who raises the requests, in the client's terms."""
    if domain(ctx).key == "patients":
        return "patients"
    return {
        "internal": "employees",
        "external": "customers",
        "both": "customers and employees",
    }.get(str(ctx.get("audience.type")), "requesters")


def midsentence(label: str) -> str:
    """A label inside a sentence: "Live chat" → "live chat"; names and acronyms stay
    ("WhatsApp / messaging apps", "CRM", "Microsoft Teams")."""
    first = label.split(" ", 1)[0].replace("-", "")
    if len(first) > 1 and first[1:].islower() and first[0].isupper() and first.isalpha():
        return label[0].lower() + label[1:]
    return label


LIVE_CHANNELS = ("phone", "chat", "messaging")


def live_channel_labels(ctx: Context) -> list[str]:
    """The client's live channels, lower case for the middle of a sentence."""
    return [
        midsentence(ctx.label("context.channels", c))
        for c in ctx.values("context.channels")
        if c in LIVE_CHANNELS
    ]


_SENTENCE_MARKS = frozenset(".;!?…")


def looks_like_a_name(text: str) -> bool:
    """Short, no sentence punctuation: a product or system name the client typed, which a
    sentence can carry as a name. Anything longer is their description, to be quoted."""
    text = text.strip()
    return bool(text) and len(text.split()) <= 5 and not (_SENTENCE_MARKS & set(text.rstrip(".")))


def client_words(text: str) -> str:
    """What the client typed, as their words: quoted, without a trailing full stop that
    would double the sentence's own."""
    return f"“{text.strip().rstrip('.').strip()}”"


@dataclass(frozen=True)
class CurrentTool:
    """A tool in use today, as a sentence can name it."""

    key: str  # the option of context.tools, or "other"
    name: str  # "Zendesk", "a shared inbox or spreadsheets", "ConnectWise"
    described: str = ""  # the client's own description when it is not a name
    # False for systems of record typed as the "other" tool (a housing system, an EHR):
    # the desk connects to them; it is never built around them nor migrated from them.
    desk: bool = True

    @property
    def product(self) -> bool:
        """A product that history can be migrated from (not a shared inbox)."""
        return self.key != "spreadsheets_inbox" and self.desk


def current_tools(ctx: Context) -> list[CurrentTool]:
    from frameworks.scoring.needs import typed_tool_is_desk

    tools = []
    for value in ctx.values("context.tools"):
        if value == "spreadsheets_inbox":
            tools.append(CurrentTool(value, "a shared inbox or spreadsheets"))
        elif value == "other":
            typed = str(ctx.get("context.tools_other") or "").strip()
            desk = typed_tool_is_desk(typed)
            if typed and looks_like_a_name(typed):
                tools.append(CurrentTool(value, typed.rstrip("."), desk=desk))
            elif typed:
                tools.append(CurrentTool(value, "the current tool", client_words(typed), desk=desk))
            else:
                tools.append(CurrentTool(value, "a tool not on our list"))
        elif value not in CATCH_ALL:
            tools.append(CurrentTool(value, ctx.label("context.tools", value)))
    return tools


def count_text(count: float, one: str, many: str, *, none: str = "") -> str:
    """ "1 agent", "12 agents", "1,200 tickets"; `none` for zero when given."""
    if count == 0 and none:
        return none
    if number_text(count) == "1":  # 0.96 contacts print as "1 contact"
        return f"1 {one}"
    return f"{number_text(count)} {many}"


def join_items(items: list[str], last: str = "and") -> str:
    """Like join, but items that hold an "and" of their own take a comma before the last
    ("password resets and account unlocks, and sorting and assigning requests") and items
    with commas of their own are set apart by semicolons."""
    items = [i for i in items if i]
    if len(items) > 1 and any("," in i for i in items):
        return f"{'; '.join(items[:-1])}; {last} {items[-1]}"
    if len(items) > 1 and any(" and " in i for i in items):
        return f"{', '.join(items[:-1])}, {last} {items[-1]}"
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def residency_where(ctx: Context) -> str:
    """Where the client's data must be kept, as a phrase: "in the EU", "in Denmark" (the
    country named when the client said "in our own country"), "" when anywhere."""
    from frameworks.scoring import regions_label

    regions = ctx.scoring.needs.regions
    if not regions:
        return ""
    if regions != ("in_country",):
        return f"in {regions_label(regions)}"
    places = [str(p) for p in ctx.get("scale.residency_places") or [] if str(p).strip()]
    question = BANK.questions.get("scale.residency_places")
    if not places or question is None:
        return "in country"
    return "in " + join([question.display([p]) for p in places])


def client_psa(ctx: Context) -> list[str]:
    """The PSA tools the client already runs, by the names it gave them among its systems
    (HaloPSA, ConnectWise PSA): a service provider's contracts, time and billing live
    there today."""
    names: dict[str, str] = {}
    for row in ctx.get("integrations.systems") or []:
        if isinstance(row, dict) and row.get("class") == "psa":
            name = str(row.get("name") or "").strip()
            if name and name.casefold() not in {"other", "none", "n/a", "-"}:
                names.setdefault(name.casefold(), name)
    return list(names.values())


def calendar_rows(ctx: Context) -> list[dict[str, str]]:
    """The client's coverage calendars (context.calendars), those with a name."""
    rows = ctx.get("context.calendars") or []
    return [r for r in rows if isinstance(r, dict) and str(r.get("name") or "").strip()]


DAYS_WORDS = {
    frozenset(range(5)): "on weekdays",
    frozenset(range(6)): "Monday to Saturday",
    frozenset(range(7)): "7 days a week",
    frozenset({5, 6}): "at weekends",
    frozenset({5}): "on Saturdays",
}


def calendar_days(ctx: Context) -> str:
    """The days the client's calendars cover together, in words ("Monday to Saturday");
    "" when no calendar says its days."""
    days: set[int] = set()
    for row in calendar_rows(ctx):
        days |= CALENDAR_DAYS.get(str(row.get("days") or ""), frozenset())
    return DAYS_WORDS.get(frozenset(days), "") if days else ""


def calendar_names(ctx: Context) -> list[str]:
    return [str(r["name"]).strip() for r in calendar_rows(ctx)]
