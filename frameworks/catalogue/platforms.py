"""The help-desk platform catalogue, taken only from the sourced facts of the project's
reference (domain-and-peers.md, table b).

Where the reference names the underlying source (a vendor page, a harvest, a repository)
that is the `source`; otherwise the reference table itself is. `checked` is the harvest
date the reference gives, or the day the reference was read into this catalogue. Prices
the reference marks **unverified** are `verified=False`. No number here comes from
memory: where no price is published the tier is `by_quote`; where the vendor publishes
one that our sources did not capture it is `not_captured`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .model import Fact, Platform, PriceTier

PLATFORMS_VERSION = "2026.11.27"

# The day the reference table was read into this catalogue.
READ = date(2026, 11, 27)
REF = "Support Blueprint reference, help-desk facts (domain-and-peers.md, table b)"


def _f(text: str, source: str = REF, checked: date = READ, verified: bool = True) -> Fact:
    return Fact(text=text, source=source, checked=checked, verified=verified)


def _usd(amount: str) -> Decimal:
    return Decimal(amount)


_PROPRIETARY = "Proprietary (commercial SaaS)"

# --- Zendesk ---------------------------------------------------------------------------------
_ZENDESK_PRICES = "zendesk.com/pricing via api-evangelist/zendesk and /klaus harvests"
_ZENDESK_CHECKED = date(2026, 10, 7)

ZENDESK = Platform(
    id="zendesk",
    name="Zendesk",
    tool_id="zendesk",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)"),
    licence=_f(_PROPRIETARY),
    open_source=False,
    channels={
        "email": "native",
        "chat": "native",
        "messaging": "native",
        "phone": "native",
        "social": "native",
        "portal": "native",
    },
    channel_detail=frozenset(),
    channels_fact=_f("Email, messaging/chat, voice, social, web widget"),
    sla="tier",
    sla_fact=_f("SLA policies from the Growth tier up"),
    automation="native",
    ai="tier",
    automation_fact=_f("Triggers and automations; AI agents; Copilot add-on"),
    kb_portal="native",
    kb_portal_fact=_f("Help Center / Guide"),
    api="full",
    api_fact=_f("Large REST surface; marketplace"),
    integrations=frozenset({"salesforce", "hubspot", "jira_software", "slack"}),
    integrations_fact=_f("Salesforce, HubSpot, Jira, Slack"),
    tier_gates={"sla": "Growth"},
    tiers=(
        PriceTier(
            "Support Team",
            "per_agent",
            _ZENDESK_PRICES,
            _ZENDESK_CHECKED,
            True,
            usd_per_agent_month=_usd("19"),
        ),
        PriceTier(
            "Suite Team",
            "per_agent",
            _ZENDESK_PRICES,
            _ZENDESK_CHECKED,
            True,
            usd_per_agent_month=_usd("55"),
        ),
        PriceTier(
            "Growth",
            "not_captured",
            REF,
            READ,
            True,
            note="the reference names the Growth tier as the first with SLAs",
        ),
        PriceTier(
            "Suite Professional",
            "per_agent",
            _ZENDESK_PRICES,
            _ZENDESK_CHECKED,
            True,
            usd_per_agent_month=_usd("115"),
        ),
        PriceTier("Enterprise", "by_quote", _ZENDESK_PRICES, _ZENDESK_CHECKED, True),
    ),
    addons=(
        _f(
            "Copilot add-on $50 per agent per month; AI resolutions $1.50–2.00 each after "
            "the allowance",
            source="api-evangelist/klaus harvest of zendesk.com/pricing",
            checked=_ZENDESK_CHECKED,
        ),
    ),
)

# --- Freshdesk -------------------------------------------------------------------------------
_FRESHDESK_PRICES = "api-evangelist/freshdesk (bulk-generated)"
_FRESHDESK_CHECKED = date(2026, 5, 1)  # the reference gives the month only
_FRESHDESK_NOTE = "2024 list prices were $15 / $49 / $79"

FRESHDESK = Platform(
    id="freshdesk",
    name="Freshdesk",
    tool_id="freshdesk",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)"),
    licence=_f(_PROPRIETARY),
    open_source=False,
    channels={
        "email": "native",
        "portal": "native",
        "chat": "native",
        "phone": "native",
        "social": "native",
        "messaging": "tier",
    },
    channel_detail=frozenset({"whatsapp"}),
    channels_fact=_f("Email, portal, chat, phone, social, WhatsApp (Omni)"),
    sla="native",
    sla_fact=_f("SLA policies"),
    automation="native",
    ai="native",
    automation_fact=_f("Freddy Copilot; AI-agent sessions $49 per 100"),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base and portal"),
    api="full",
    api_fact=_f("REST API; marketplace"),
    integrations=frozenset(),
    integrations_fact=_f("Marketplace apps (no named integrations in our sources)"),
    tiers=(
        PriceTier("Free", "free", _FRESHDESK_PRICES, _FRESHDESK_CHECKED, False, free_agent_limit=2),
        PriceTier(
            "Growth",
            "per_agent",
            _FRESHDESK_PRICES,
            _FRESHDESK_CHECKED,
            False,
            usd_per_agent_month=_usd("19"),
            billing="annual",
            note=_FRESHDESK_NOTE,
        ),
        PriceTier(
            "Pro",
            "per_agent",
            _FRESHDESK_PRICES,
            _FRESHDESK_CHECKED,
            False,
            usd_per_agent_month=_usd("55"),
            billing="annual",
            note=_FRESHDESK_NOTE,
        ),
        PriceTier(
            "Enterprise",
            "per_agent",
            _FRESHDESK_PRICES,
            _FRESHDESK_CHECKED,
            False,
            usd_per_agent_month=_usd("89"),
            billing="annual",
            note=_FRESHDESK_NOTE,
        ),
    ),
)

# --- Jira Service Management -----------------------------------------------------------------
JSM = Platform(
    id="jira_sm",
    name="Jira Service Management",
    tool_id="jira_sm",
    deployment=frozenset({"cloud", "self_hosted"}),
    deployment_fact=_f("Cloud, or Data Center (self-managed)"),
    licence=_f("Proprietary"),
    open_source=False,
    channels={"portal": "native", "email": "native", "chat": "native"},
    channel_detail=frozenset({"slack", "teams"}),
    channels_fact=_f("Portal, email, chat (Slack / Teams), widget"),
    internal_only_channels=frozenset({"chat"}),
    sla="native",
    sla_fact=_f("SLA goals per request type"),
    automation="native",
    ai="tier",
    automation_fact=_f("Automation rules; virtual agent on higher tiers"),
    kb_portal="native",
    kb_portal_fact=_f("Confluence knowledge base, customer portal"),
    api="full",
    api_fact=_f("REST API"),
    integrations=frozenset({"jira_software", "slack", "teams", "monitoring"}),
    integrations_fact=_f("Jira, Confluence, Opsgenie; chat in Slack and Teams"),
    tiers=(
        PriceTier("Free", "free", "api-evangelist/atlassian", READ, True, free_agent_limit=3),
        PriceTier(
            "Standard",
            "per_agent",
            "repository citing atlassian.com JSM pricing",
            READ,
            False,
            usd_per_agent_month=_usd("20"),
            note="about $20",
        ),
        PriceTier("Premium", "not_captured", "atlassian.com (JSM pricing)", READ, True),
        PriceTier(
            "Data Center",
            "not_captured",
            REF,
            READ,
            True,
            deployment="self_hosted",
            note="self-managed; price not in our sources",
        ),
        PriceTier("Enterprise", "not_captured", "atlassian.com (JSM pricing)", READ, True),
    ),
)

# --- ServiceNow CSM --------------------------------------------------------------------------
SERVICENOW = Platform(
    id="servicenow",
    name="ServiceNow Customer Service Management",
    tool_id="servicenow",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (Now Platform)"),
    licence=_f("Proprietary"),
    open_source=False,
    channels={
        "portal": "native",
        "chat": "native",
        "email": "native",
        "phone": "native",
        "messaging": "native",
    },
    channel_detail=frozenset(),
    channels_fact=_f("Portal, chat / virtual agent, email, phone (CTI), messaging"),
    sla="native",
    sla_fact=_f("SLA engine"),
    automation="native",
    ai="native",
    automation_fact=_f("Flow Designer; Now Assist"),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base and portal"),
    api="full",
    api_fact=_f(
        "REST; IntegrationHub spokes, e.g. Jira Service Management",
        source="ServiceNow/ServiceNowDocs",
    ),
    integrations=frozenset({"telephony"}),
    integrations_fact=_f(
        "IntegrationHub spokes; phone through CTI", source="ServiceNow/ServiceNowDocs"
    ),
    tiers=(
        PriceTier("CSM", "by_quote", REF, READ, True, note="By quote only, no public list price"),
    ),
)

# --- Zoho Desk -------------------------------------------------------------------------------
_ZOHO_FEATURES = "crmcurator.com/articles/zoho/zoho-desk-service-management"
_ZOHO_PRICES = "repository comparison doc (Zoho Desk pricing)"
_ZOHO_LIST = "Zoho Desk 2024–25 list prices"

ZOHO_DESK = Platform(
    id="zoho_desk",
    name="Zoho Desk",
    tool_id="zoho_desk",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)"),
    licence=_f(_PROPRIETARY),
    open_source=False,
    channels={
        "email": "native",
        "chat": "native",
        "phone": "native",
        "social": "native",
        "portal": "native",
        "messaging": "native",
    },
    channel_detail=frozenset({"whatsapp", "telegram"}),
    channels_fact=_f(
        "Email, chat (SalesIQ), phone, social, forms, WhatsApp, Telegram", source=_ZOHO_FEATURES
    ),
    sla="native",
    sla_fact=_f(
        "SLAs per priority, on business hours, paused while waiting on the customer",
        source=_ZOHO_FEATURES,
    ),
    automation="native",
    ai="native",
    automation_fact=_f("Blueprints; Zia AI", source=_ZOHO_FEATURES),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base with versioning and approval", source=_ZOHO_FEATURES),
    api="full",
    api_fact=_f("REST API"),
    integrations=frozenset({"zoho_crm"}),
    integrations_fact=_f("Zoho CRM"),
    tiers=(
        PriceTier("Free", "free", _ZOHO_PRICES, READ, True, free_agent_limit=3),
        PriceTier("Express", "per_agent", _ZOHO_LIST, READ, False, usd_per_agent_month=_usd("7")),
        PriceTier(
            "Standard",
            "per_agent",
            _ZOHO_PRICES,
            READ,
            True,
            usd_per_agent_month=_usd("14"),
            billing="annual",
            note="$168 per agent per year",
        ),
        PriceTier(
            "Professional", "per_agent", _ZOHO_LIST, READ, False, usd_per_agent_month=_usd("23")
        ),
        PriceTier(
            "Enterprise", "per_agent", _ZOHO_LIST, READ, False, usd_per_agent_month=_usd("40")
        ),
    ),
)

# --- HubSpot Service Hub ---------------------------------------------------------------------
_HUBSPOT_PRICES = "hubspot.com/pricing/service (2024–25)"

HUBSPOT = Platform(
    id="hubspot",
    name="HubSpot Service Hub",
    tool_id="hubspot",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)"),
    licence=_f(_PROPRIETARY),
    open_source=False,
    channels={
        "email": "native",
        "chat": "native",
        "portal": "native",
        "phone": "native",
        "messaging": "tier",
    },
    channel_detail=frozenset({"whatsapp", "messenger"}),
    channels_fact=_f("Email, chat, forms, calling, WhatsApp / Messenger (Starter and up)"),
    sla="tier",
    sla_fact=_f("SLAs on Professional and up"),
    automation="tier",
    ai="native",
    automation_fact=_f("Workflows (Professional and up); Breeze AI"),
    kb_portal="tier",
    kb_portal_fact=_f("Knowledge base and customer portal (Professional and up)"),
    api="full",
    api_fact=_f("APIs"),
    integrations=frozenset({"hubspot"}),
    integrations_fact=_f("Native HubSpot CRM"),
    tier_gates={"sla": "Professional", "automation": "Professional", "kb_portal": "Professional"},
    tiers=(
        PriceTier(
            "Starter",
            "per_agent",
            _HUBSPOT_PRICES,
            READ,
            False,
            usd_per_agent_month=_usd("15"),
            billing="annual",
            note="per seat",
        ),
        PriceTier(
            "Professional",
            "per_agent",
            _HUBSPOT_PRICES,
            READ,
            False,
            usd_per_agent_month=_usd("90"),
            billing="annual",
            note="per seat",
        ),
        PriceTier(
            "Enterprise",
            "per_agent",
            _HUBSPOT_PRICES,
            READ,
            False,
            usd_per_agent_month=_usd("150"),
            billing="annual",
            note="per seat",
        ),
    ),
)

# --- Intercom --------------------------------------------------------------------------------
_INTERCOM_PRICES = "intercom.com/pricing via api-evangelist/intercom"
_INTERCOM_CHECKED = date(2026, 9, 20)

INTERCOM = Platform(
    id="intercom",
    name="Intercom",
    tool_id="intercom",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)"),
    licence=_f(_PROPRIETARY),
    open_source=False,
    channels={
        "chat": "native",
        "email": "native",
        "phone": "native",
        "messaging": "native",
        "social": "native",
    },
    channel_detail=frozenset({"whatsapp", "sms"}),
    channels_fact=_f("Messenger / chat, email, phone, WhatsApp, SMS, social"),
    sla="tier",
    sla_fact=_f("SLAs on Expert"),
    automation="native",
    ai="native",
    automation_fact=_f(
        "Workflows; Fin AI agent $0.99 per outcome",
        source=_INTERCOM_PRICES,
        checked=_INTERCOM_CHECKED,
    ),
    kb_portal="native",
    kb_portal_fact=_f("Help Center (multilingual on Advanced)"),
    api="full",
    api_fact=_f("REST API"),
    integrations=frozenset({"salesforce", "hubspot", "jira_software"}),
    integrations_fact=_f("Salesforce, HubSpot, Jira"),
    tier_gates={"sla": "Expert"},
    tiers=(
        PriceTier(
            "Essential",
            "per_agent",
            _INTERCOM_PRICES,
            _INTERCOM_CHECKED,
            True,
            usd_per_agent_month=_usd("19"),
            note="per seat; other trackers say $29",
        ),
        PriceTier(
            "Advanced",
            "per_agent",
            _INTERCOM_PRICES,
            _INTERCOM_CHECKED,
            True,
            usd_per_agent_month=_usd("85"),
            note="per seat",
        ),
        PriceTier(
            "Expert",
            "per_agent",
            _INTERCOM_PRICES,
            _INTERCOM_CHECKED,
            True,
            usd_per_agent_month=_usd("132"),
            note="per seat",
        ),
    ),
)

# --- Help Scout ------------------------------------------------------------------------------
HELP_SCOUT = Platform(
    id="help_scout",
    name="Help Scout",
    tool_id="help_scout",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)"),
    licence=_f(_PROPRIETARY),
    open_source=False,
    channels={"email": "native", "chat": "native"},
    channel_detail=frozenset(),
    channels_fact=_f("Shared inbox (email), Beacon chat, in-app messages"),
    sla="manual",
    sla_fact=_f("Reports on response time; no SLA engine in our sources"),
    automation="native",
    ai="native",
    automation_fact=_f("Workflows; AI drafts and answers"),
    kb_portal="native",
    kb_portal_fact=_f("Docs knowledge base"),
    api="full",
    api_fact=_f("Mailbox API"),
    integrations=frozenset({"hubspot", "salesforce", "jira_software", "slack"}),
    integrations_fact=_f("HubSpot, Salesforce, Jira, Slack"),
    tiers=(
        PriceTier(
            "Current plans",
            "other_basis",
            "docs.helpscout.com/article/1593",
            READ,
            True,
            note="billed per contacts helped, with unlimited users",
        ),
        PriceTier(
            "Standard (legacy)",
            "per_agent",
            "docs.helpscout.com/article/596",
            READ,
            True,
            usd_per_agent_month=_usd("25"),
            billing="monthly",
            legacy=True,
            note="legacy per-user plan",
        ),
    ),
)

# --- Zammad ----------------------------------------------------------------------------------
_ZAMMAD_PRICES = "zammad.com/en/pricing; admin-docs.zammad.org subscription page"

ZAMMAD = Platform(
    id="zammad",
    name="Zammad",
    tool_id="zammad",
    deployment=frozenset({"cloud", "self_hosted"}),
    deployment_fact=_f("Self-hosted, or hosted by Zammad in German data centres"),
    licence=_f("AGPL-3.0 (open source)", source="zammad.com support page"),
    open_source=True,
    channels={
        "email": "native",
        "portal": "native",
        "messaging": "native",
        "chat": "native",
        "social": "native",
        "phone": "native",
    },
    channel_detail=frozenset({"sms", "telegram", "facebook", "x"}),
    channels_fact=_f("Email, web form, SMS, chat, Telegram, Facebook, X, phone (CTI)"),
    sla="tier",
    sla_fact=_f("SLAs (hosted: Professional and up)"),
    automation="native",
    ai=None,
    automation_fact=_f("Triggers, schedulers, macros"),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base (multilingual on Plus)"),
    api="full",
    api_fact=_f("REST and GraphQL APIs"),
    integrations=frozenset({"slack", "github", "gitlab", "telephony"}),
    integrations_fact=_f("LDAP, Slack, GitHub / GitLab, i-doit (CMDB); phone through CTI"),
    assets=True,
    hosting_regions=frozenset({"eu"}),
    tier_gates={"sla": "Professional"},
    tiers=(
        PriceTier(
            "Self-hosted",
            "free",
            "zammad.com support page (AGPL-3.0)",
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
        PriceTier("Starter", "not_captured", _ZAMMAD_PRICES, READ, True),
        PriceTier("Professional", "not_captured", _ZAMMAD_PRICES, READ, True),
        PriceTier(
            "Plus",
            "not_captured",
            _ZAMMAD_PRICES,
            READ,
            True,
            note="yearly billing is cheaper",
        ),
    ),
)

# --- osTicket --------------------------------------------------------------------------------
OSTICKET = Platform(
    id="osticket",
    name="osTicket",
    tool_id="osticket",
    deployment=frozenset({"self_hosted"}),
    deployment_fact=_f("Self-hosted"),
    licence=_f("GPL-2.0 (open source)"),
    open_source=True,
    channels={"email": "native", "portal": "native", "phone": "manual"},
    channel_detail=frozenset(),
    channels_fact=_f("Email (POP/IMAP, piping), web portal, phone (entered manually)"),
    sla="native",
    sla_fact=_f("Unlimited SLA plans", source="osTicket documentation"),
    automation="native",
    ai=None,
    automation_fact=_f("Filters, help topics, canned replies"),
    kb_portal="native",
    kb_portal_fact=_f("FAQ knowledge base, client portal"),
    api="limited",
    api_fact=_f(
        "The core API only creates tickets",
        source="joffcom/n8n-nodes-osticket README; NotionCommotion/osTicketOld",
    ),
    integrations=frozenset(),
    integrations_fact=_f("No named integrations; the API only creates tickets"),
    tiers=(
        PriceTier(
            "Self-hosted",
            "free",
            REF,
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
    ),
)

# --- FreeScout -------------------------------------------------------------------------------
FREESCOUT = Platform(
    id="freescout",
    name="FreeScout",
    deployment=frozenset({"self_hosted"}),
    deployment_fact=_f("Self-hosted"),
    licence=_f("AGPL-3.0 (open source)"),
    open_source=True,
    channels={"email": "native", "chat": "module", "messaging": "module"},
    channel_detail=frozenset({"whatsapp", "telegram"}),
    channels_fact=_f("Email shared mailboxes; chat, WhatsApp, Telegram through modules"),
    sla="module",
    sla_fact=_f("SLA through a paid module"),
    automation="module",
    ai=None,
    automation_fact=_f("Workflows module"),
    kb_portal="module",
    kb_portal_fact=_f("Knowledge base and portal modules"),
    api="full",
    api_fact=_f("API & webhooks module"),
    integrations=frozenset({"slack"}),
    integrations_fact=_f("Slack"),
    tiers=(
        PriceTier(
            "Core (self-hosted)",
            "free",
            "freescout.net",
            READ,
            False,
            deployment="self_hosted",
            note="core free; modules are one-time purchases",
        ),
    ),
)

# --- Request Tracker -------------------------------------------------------------------------
REQUEST_TRACKER = Platform(
    id="request_tracker",
    name="Request Tracker",
    deployment=frozenset({"self_hosted", "cloud"}),
    deployment_fact=_f("Self-hosted (Best Practical also offers a hosted option)"),
    licence=_f("GPL-2.0 (open source)"),
    open_source=True,
    channels={"email": "native", "portal": "native"},
    channel_detail=frozenset(),
    channels_fact=_f("Email, web"),
    sla="native",
    sla_fact=_f("Built-in SLA settings"),
    automation="native",
    ai=None,
    automation_fact=_f("Scrips"),
    kb_portal="native",
    kb_portal_fact=_f("Articles"),
    api="full",
    api_fact=_f("REST2 API; extensions"),
    integrations=frozenset(),
    integrations_fact=_f("Extensions (no named integrations in our sources)"),
    tiers=(
        PriceTier(
            "Self-hosted",
            "free",
            REF,
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
        PriceTier("Support contract", "by_quote", REF, READ, True),
    ),
)

# --- Znuny / OTRS ----------------------------------------------------------------------------
ZNUNY = Platform(
    id="znuny",
    name="Znuny / OTRS",
    deployment=frozenset({"self_hosted"}),
    deployment_fact=_f("Znuny: self-hosted fork of ((OTRS)) Community Edition. OTRS: commercial"),
    licence=_f("Znuny: GPL-3.0 (open source); OTRS: commercial"),
    open_source=True,
    channels={"email": "native", "portal": "native", "phone": "manual"},
    channel_detail=frozenset(),
    channels_fact=_f("Email, portal, phone tickets"),
    sla="native",
    sla_fact=_f("Escalations"),
    automation="native",
    ai=None,
    automation_fact=_f("GenericAgent, ACLs"),
    kb_portal="module",
    kb_portal_fact=_f("FAQ module"),
    api="full",
    api_fact=_f("GenericInterface (REST / SOAP)"),
    integrations=frozenset(),
    integrations_fact=_f("ITSM / CMDB packages"),
    assets=True,
    tiers=(
        PriceTier(
            "Znuny (self-hosted)",
            "free",
            REF,
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
        PriceTier("OTRS", "by_quote", REF, READ, True, deployment="self_hosted"),
    ),
)

# --- GLPI ------------------------------------------------------------------------------------
GLPI = Platform(
    id="glpi",
    name="GLPI",
    deployment=frozenset({"self_hosted", "cloud"}),
    deployment_fact=_f("Self-hosted; GLPI Network Cloud (Teclib)"),
    licence=_f("GPL-3.0 (open source)"),
    open_source=True,
    channels={"email": "native", "portal": "native"},
    channel_detail=frozenset(),
    channels_fact=_f("Email collector, portal"),
    sla="native",
    sla_fact=_f("SLA and OLA"),
    automation="native",
    ai=None,
    automation_fact=_f("Business rules"),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base / FAQ"),
    api="full",
    api_fact=_f("REST API; inventory agent"),
    integrations=frozenset(),
    integrations_fact=_f("Inventory agent; assets and CMDB"),
    assets=True,
    tiers=(
        PriceTier(
            "Self-hosted",
            "free",
            REF,
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
        PriceTier("GLPI Network Cloud", "not_captured", REF, READ, True, note="by subscription"),
    ),
)

# --- Chatwoot --------------------------------------------------------------------------------
_CHATWOOT_PRICES = "chatwoot.com/pricing via api-evangelist/chatwoot"
_CHATWOOT_CHECKED = date(2026, 9, 20)

CHATWOOT = Platform(
    id="chatwoot",
    name="Chatwoot",
    deployment=frozenset({"self_hosted", "cloud"}),
    deployment_fact=_f("Self-hosted or cloud"),
    licence=_f("MIT core (open source); the enterprise/ directory is under a separate licence"),
    open_source=True,
    channels={"chat": "native", "email": "native", "messaging": "native", "social": "native"},
    channel_detail=frozenset(
        {"whatsapp", "facebook", "instagram", "x", "telegram", "line", "sms", "messenger"}
    ),
    channels_fact=_f(
        "Web chat, email, WhatsApp, Facebook, Instagram, X, Telegram, LINE, SMS, API channel"
    ),
    sla="tier",
    sla_fact=_f("SLAs on higher tiers"),
    automation="tier",
    ai="tier",
    automation_fact=_f("Automation rules (Business); Captain AI credits"),
    kb_portal="native",
    kb_portal_fact=_f("Help Center"),
    api="full",
    api_fact=_f("REST API and webhooks"),
    integrations=frozenset({"slack", "shopify"}),
    integrations_fact=_f("Slack, Dialogflow, Shopify"),
    tier_gates={"automation": "Business"},
    tiers=(
        PriceTier(
            "Self-hosted community",
            "free",
            REF,
            READ,
            True,
            deployment="self_hosted",
            note="MIT core, free to run yourself; enterprise features separately licensed",
        ),
        PriceTier("Hacker", "free", _CHATWOOT_PRICES, _CHATWOOT_CHECKED, True, free_agent_limit=2),
        PriceTier(
            "Startups",
            "per_agent",
            _CHATWOOT_PRICES,
            _CHATWOOT_CHECKED,
            True,
            usd_per_agent_month=_usd("19"),
        ),
        PriceTier(
            "Business",
            "per_agent",
            _CHATWOOT_PRICES,
            _CHATWOOT_CHECKED,
            True,
            usd_per_agent_month=_usd("39"),
        ),
        PriceTier(
            "Enterprise",
            "not_captured",
            _CHATWOOT_PRICES,
            _CHATWOOT_CHECKED,
            True,
            note="higher than Business",
        ),
    ),
)

# --- UVdesk ----------------------------------------------------------------------------------
_UVDESK = "uvdesk/community-skeleton README"

UVDESK = Platform(
    id="uvdesk",
    name="UVdesk",
    deployment=frozenset({"self_hosted", "cloud"}),
    deployment_fact=_f("Self-hosted community edition (Symfony / PHP), and SaaS"),
    licence=_f("Community edition licence not confirmed", source=_UVDESK, verified=False),
    open_source=True,
    channels={"email": "native", "portal": "native"},
    channel_detail=frozenset(),
    channels_fact=_f("Email piping, support-centre portal; e-commerce apps"),
    sla="tier",
    sla_fact=_f("SLAs on the SaaS"),
    automation="native",
    ai=None,
    automation_fact=_f("Workflows, prepared responses"),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base"),
    api="full",
    api_fact=_f("REST API bundle"),
    integrations=frozenset({"ecommerce"}),
    integrations_fact=_f("E-commerce apps"),
    tiers=(
        PriceTier(
            "Community (self-hosted)",
            "free",
            _UVDESK,
            READ,
            False,
            deployment="self_hosted",
            note="licence not confirmed",
        ),
        PriceTier("SaaS", "not_captured", _UVDESK, READ, False),
    ),
)


PLATFORMS: tuple[Platform, ...] = (
    ZENDESK,
    FRESHDESK,
    JSM,
    SERVICENOW,
    ZOHO_DESK,
    HUBSPOT,
    INTERCOM,
    HELP_SCOUT,
    ZAMMAD,
    OSTICKET,
    FREESCOUT,
    REQUEST_TRACKER,
    ZNUNY,
    GLPI,
    CHATWOOT,
    UVDESK,
)
