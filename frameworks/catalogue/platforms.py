"""The help-desk platform catalogue, taken only from sourced facts: the project's
reference (domain-and-peers.md, table b; operations-anchors.md, section 5 for AI pricing)
and the public pages it names, and a few vendor documentation pages read for data
regions, compliance and product class.

Every `source` is one a client can follow: the vendor's page or document the fact came
from (a URL or a named publication), never our own notes. `checked` is the date that page
was read, as the reference gives it, or the day it was read into this catalogue. Prices
the reference marks **unverified** are `verified=False`. No number here comes from
memory: where no price is published the tier is `by_quote`; where the vendor publishes
one that our sources did not capture it is `not_captured`. Data regions, a BAA and
certifications are recorded only where a source says so; elsewhere they are unknown
(empty / None), and the scoring treats unknown as unknown, never as yes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from .model import API_CHANNELS, AiPricing, Fact, Platform, PriceTier

PLATFORMS_VERSION = "2026.12.3"

# The day the reference table was read into this catalogue.
READ = date(2026, 11, 27)


def _f(text: str, source: str, checked: date = READ, verified: bool = True) -> Fact:
    return Fact(text=text, source=source, checked=checked, verified=verified)


def _usd(amount: str) -> Decimal:
    return Decimal(amount)


_PROPRIETARY = "Proprietary (commercial SaaS)"

# Read on 2026-12-01 for data regions, compliance and product class: each page is named in
# the fact that uses it.
DEC1 = date(2026, 12, 1)
# Read on 2026-12-02: JSM's Assets and phone routing, Freshworks' BAA page.
DEC2 = date(2026, 12, 2)

# --- Zendesk ---------------------------------------------------------------------------------
_ZENDESK_SITE = "https://www.zendesk.com/pricing/"

_ZENDESK_PRICES = "https://www.zendesk.com/pricing/"
_ZENDESK_CHECKED = date(2026, 10, 7)

ZENDESK = Platform(
    id="zendesk",
    name="Zendesk",
    tool_id="zendesk",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)", _ZENDESK_SITE, _ZENDESK_CHECKED),
    licence=_f(_PROPRIETARY, _ZENDESK_SITE, _ZENDESK_CHECKED),
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
    channels_fact=_f(
        "Email, messaging/chat, voice, social, web widget", _ZENDESK_SITE, _ZENDESK_CHECKED
    ),
    sla="tier",
    sla_fact=_f("SLA policies from the Growth tier up", _ZENDESK_SITE, _ZENDESK_CHECKED),
    automation="native",
    ai="tier",
    automation_fact=_f(
        "Triggers and automations; AI agents; Copilot add-on", _ZENDESK_SITE, _ZENDESK_CHECKED
    ),
    kb_portal="native",
    kb_portal_fact=_f("Help Center / Guide", _ZENDESK_SITE, _ZENDESK_CHECKED),
    api="full",
    api_fact=_f("Large REST surface; marketplace", _ZENDESK_SITE, _ZENDESK_CHECKED),
    integrations=frozenset({"salesforce", "hubspot", "jira_software", "slack"}),
    integrations_fact=_f("Salesforce, HubSpot, Jira, Slack", _ZENDESK_SITE, _ZENDESK_CHECKED),
    tier_gates={"sla": "Growth"},
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "Customer service: email, messaging, voice and social for customers, a help centre",
        _ZENDESK_SITE,
        _ZENDESK_CHECKED,
    ),
    baa=True,
    baa_fact=_f(
        "HIPAA: a Business Associate Agreement with an add-on, on qualifying plans",
        "Zendesk Trust Center (zendesk.com/trust-center); support.zendesk.com, products "
        "in scope by compliance program",
        date(2026, 6, 20),
    ),
    certifications=frozenset({"soc2", "iso27001", "pci_dss"}),
    certifications_fact=_f(
        "SOC 2 Type II, ISO 27001, ISO 27018, ISO 27701, PCI DSS, FedRAMP (LI-SaaS)",
        "Zendesk Trust Center (zendesk.com/trust-center)",
        date(2026, 6, 20),
    ),
    ai_pricing=(
        AiPricing(
            unit="resolution",
            usd_per_unit=Decimal("1.50"),
            included="5 automated resolutions per agent per month; $2.00 each pay-as-you-go",
            fact=_f(
                "Automated resolutions: 5 per agent per month included, then $1.50 each "
                "committed or $2.00 pay-as-you-go; only resolutions without an agent count",
                "https://www.zendesk.com/pricing/; "
                "support.zendesk.com/hc/en-us/articles/5352026794010",
                _ZENDESK_CHECKED,
            ),
        ),
    ),
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
            _ZENDESK_SITE,
            _ZENDESK_CHECKED,
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
            source=_ZENDESK_PRICES,
            checked=_ZENDESK_CHECKED,
        ),
    ),
)

# --- Freshdesk -------------------------------------------------------------------------------
_FRESHDESK_SITE = "https://www.freshworks.com/freshdesk/pricing/"

# The figures come from a dataset that names this page but did not read it: unverified.
_FRESHDESK_PRICES = "https://www.freshworks.com/freshdesk/pricing/"
_FRESHDESK_CHECKED = date(2026, 5, 1)  # the reference gives the month only
_FRESHDESK_NOTE = "2024 list prices were $15 / $49 / $79"

FRESHDESK = Platform(
    id="freshdesk",
    name="Freshdesk",
    tool_id="freshdesk",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)", _FRESHDESK_SITE, _FRESHDESK_CHECKED),
    licence=_f(_PROPRIETARY, _FRESHDESK_SITE, _FRESHDESK_CHECKED),
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
    channels_fact=_f(
        "Email, portal, chat, phone, social, WhatsApp (Omni)", _FRESHDESK_SITE, _FRESHDESK_CHECKED
    ),
    sla="native",
    sla_fact=_f("SLA policies", _FRESHDESK_SITE, _FRESHDESK_CHECKED),
    automation="native",
    ai="native",
    automation_fact=_f(
        "Freddy Copilot; AI-agent sessions $49 per 100", _FRESHDESK_SITE, _FRESHDESK_CHECKED
    ),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base and portal", _FRESHDESK_SITE, _FRESHDESK_CHECKED),
    api="full",
    api_fact=_f("REST API; marketplace", _FRESHDESK_SITE, _FRESHDESK_CHECKED),
    integrations=frozenset(),
    integrations_fact=_f(
        "Marketplace apps (no named integrations in our sources)",
        _FRESHDESK_SITE,
        _FRESHDESK_CHECKED,
    ),
    # Plans that have what a Must requirement names: the licence is priced on the first.
    tier_gates={"skills_routing": "Pro", "audit_log": "Enterprise"},
    addons=(
        _f(
            "Omniroute, the routing engine behind load-balanced and skill-based assignment: "
            "Freshdesk Pro and Enterprise",
            "https://support.freshdesk.com/support/solutions/articles/"
            "238979-configure-omniroute-settings",
            DEC2,
        ),
        _f(
            "Audit log of changes to the account, agents, automations and knowledge base: "
            "Enterprise plan only",
            "Freshdesk's article 'Tracking changes using Audit log', as published by a "
            "Freshdesk partner: ajuda.bravosolutions.com.br/support/solutions/articles/"
            "48001194587 (2022)",
            DEC2,
            verified=False,
        ),
    ),
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "Customer service: email, portal, chat, phone, social and WhatsApp for customers",
        _FRESHDESK_SITE,
        _FRESHDESK_CHECKED,
    ),
    baa=True,
    baa_fact=_f(
        "HIPAA: Freshworks signs a Business Associate Agreement for Freshdesk (with Freshchat, "
        "Freshcaller and Freshdesk Omni), under the secured operating environment it sets out",
        "https://crmsupport.freshworks.com/en/support/solutions/articles/"
        "50000005953-freshworks-commitment-towards-hipaa-compliance",
        DEC2,
    ),
    ai_pricing=(
        AiPricing(
            unit="session",
            usd_per_unit=Decimal("49"),
            per=100,
            included="500 complimentary sessions, once, on Growth, Pro and Enterprise",
            fact=_f(
                "Freddy AI Agent: $49 per 100 sessions since 2025-11-13; a session is all of "
                "one person's messages within 24 hours, and each AI reply on email counts as one",
                "crmsupport.freshworks.com/support/solutions/articles/50000004664 "
                "(Freddy AI Agent and chatbot sessions FAQs)",
            ),
        ),
    ),
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
_JSM_SITE = "atlassian.com, Jira Service Management pricing page"

JSM = Platform(
    id="jira_sm",
    name="Jira Service Management",
    tool_id="jira_sm",
    deployment=frozenset({"cloud", "self_hosted"}),
    deployment_fact=_f("Cloud, or Data Center (self-managed)", _JSM_SITE, READ),
    licence=_f("Proprietary", _JSM_SITE, READ),
    open_source=False,
    channels={"portal": "native", "email": "native", "chat": "native", "phone": "tier"},
    channel_detail=frozenset({"slack", "teams"}),
    channels_fact=_f("Portal, email, chat (Slack / Teams), widget", _JSM_SITE, READ),
    addons=(
        _f(
            "Phone: incoming call routing to the team on call, through the client's own Twilio "
            "number, on Premium and Enterprise",
            "https://support.atlassian.com/jira-service-management-cloud/docs/"
            "add-a-new-call-routing/",
            DEC2,
        ),
        _f(
            "Assets: the configuration management database (objects, schemas, types) of Jira "
            "Service Management, with its REST API; on Premium and Enterprise",
            "https://developer.atlassian.com/cloud/assets/rest/; "
            "https://confluence.atlassian.com/servicemanagementserver0516/"
            "assets-rest-api-documentation-1364559285.html",
            DEC2,
        ),
    ),
    # Chat runs in the organization's Slack or Teams; the phone is call routing that rings
    # the team on call (an incident line), not a line customers call with queues and IVR.
    internal_only_channels=frozenset({"chat", "phone"}),
    sla="native",
    sla_fact=_f("SLA goals per request type", _JSM_SITE, READ),
    automation="native",
    ai="tier",
    automation_fact=_f("Automation rules; virtual agent on higher tiers", _JSM_SITE, READ),
    kb_portal="native",
    kb_portal_fact=_f("Confluence knowledge base, customer portal", _JSM_SITE, READ),
    api="full",
    api_fact=_f("REST API", _JSM_SITE, READ),
    integrations=frozenset({"jira_software", "slack", "teams", "monitoring"}),
    integrations_fact=_f("Jira, Confluence, Opsgenie; chat in Slack and Teams", _JSM_SITE, READ),
    assets="tier",
    tier_gates={"assets": "Premium", "phone": "Premium"},
    made_for=frozenset({"itsm", "customer_service"}),
    audiences=frozenset({"business"}),
    made_for_fact=_f(
        "Service management for IT teams (requests, incidents, Opsgenie alerts), with a "
        "customer portal; chat through Slack and Teams serves internal users only",
        _JSM_SITE,
    ),
    # Its customers reach it through the portal and email; every person answering them is
    # a licensed agent. A customer-service product for external customers only in part.
    partly_for=frozenset({"customer_service"}),
    partly_fact=_f(
        "Customers raise requests through the portal, email or the widget and need no "
        "licence; only agents, who work the requests, are licensed",
        "https://community.atlassian.com/t5/Jira-Service-Management/"
        "What-license-model-should-we-adopt-for-JIRA-service-management/qaq-p/2330897",
        DEC2,
    ),
    hosting_regions=frozenset({"eu", "de", "us", "au", "sg", "ca", "in", "kr", "jp", "uk", "ch"}),
    regions_fact=_f(
        "Data residency realms for in-scope product data: EU (Frankfurt and Dublin), US, "
        "Australia, Germany, Singapore, Canada, India, South Korea, Japan, UK, Switzerland",
        "developer.atlassian.com/cloud/jira/platform/data-residency (updated 2026-01-29)",
        DEC1,
    ),
    tiers=(
        PriceTier("Free", "free", _JSM_SITE, READ, True, free_agent_limit=3),
        PriceTier(
            "Standard",
            "per_agent",
            _JSM_SITE,
            READ,
            False,
            usd_per_agent_month=_usd("20"),
            note="about $20",
        ),
        PriceTier("Premium", "not_captured", "atlassian.com (JSM pricing)", READ, True),
        PriceTier(
            "Data Center",
            "not_captured",
            _JSM_SITE,
            READ,
            True,
            deployment="self_hosted",
            note="self-managed; price not in our sources",
        ),
        PriceTier("Enterprise", "not_captured", "atlassian.com (JSM pricing)", READ, True),
    ),
)

# --- ServiceNow CSM --------------------------------------------------------------------------
_SERVICENOW_SITE = "ServiceNow product documentation (github.com/ServiceNow/ServiceNowDocs)"

SERVICENOW = Platform(
    id="servicenow",
    name="ServiceNow Customer Service Management",
    tool_id="servicenow",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (Now Platform)", _SERVICENOW_SITE, READ),
    licence=_f("Proprietary", _SERVICENOW_SITE, READ),
    open_source=False,
    channels={
        "portal": "native",
        "chat": "native",
        "email": "native",
        "phone": "native",
        "messaging": "native",
    },
    channel_detail=frozenset(),
    channels_fact=_f(
        "Portal, chat / virtual agent, email, phone (CTI), messaging", _SERVICENOW_SITE, READ
    ),
    sla="native",
    sla_fact=_f("SLA engine", _SERVICENOW_SITE, READ),
    automation="native",
    ai="native",
    automation_fact=_f("Flow Designer; Now Assist", _SERVICENOW_SITE, READ),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base and portal", _SERVICENOW_SITE, READ),
    api="full",
    api_fact=_f(
        "REST; IntegrationHub spokes, e.g. Jira Service Management",
        source=_SERVICENOW_SITE,
    ),
    integrations=frozenset({"telephony"}),
    integrations_fact=_f("IntegrationHub spokes; phone through CTI", source=_SERVICENOW_SITE),
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "Customer Service Management: the Now Platform's product for external customers "
        "(ServiceNow sells IT service management as a separate product)",
        _SERVICENOW_SITE,
    ),
    enterprise_fact=_f(
        "Sold by quote on annual or multi-year agreements, priced by license type, number "
        "of users and products",
        "https://kanini.com/blog/servicenow-license-types-and-cost/",
        DEC2,
    ),
    certifications=frozenset({"soc2", "iso27001"}),
    certifications_fact=_f(
        "SOC 2 Type II, ISO 27001:2022, ISO 27017, ISO 27018, FedRAMP High, IRAP",
        "ServiceNow Trust and Compliance Center (trust.servicenow.com/certifications)",
        date(2026, 6, 20),
    ),
    tiers=(
        PriceTier(
            "CSM",
            "by_quote",
            _SERVICENOW_SITE,
            READ,
            True,
            note="By quote only, no public list price",
        ),
    ),
)

# --- Zoho Desk -------------------------------------------------------------------------------
_ZOHO_SITE = "https://crmcurator.com/articles/zoho/zoho-desk-service-management"

_ZOHO_FEATURES = "crmcurator.com/articles/zoho/zoho-desk-service-management"
_ZOHO_PRICES = "Zoho Desk 2024–25 list prices"
_ZOHO_LIST = "Zoho Desk 2024–25 list prices"

ZOHO_DESK = Platform(
    id="zoho_desk",
    name="Zoho Desk",
    tool_id="zoho_desk",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)", _ZOHO_SITE, READ),
    licence=_f(_PROPRIETARY, _ZOHO_SITE, READ),
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
    api_fact=_f("REST API", _ZOHO_SITE, READ),
    integrations=frozenset({"zoho_crm"}),
    integrations_fact=_f("Zoho CRM", _ZOHO_SITE, READ),
    plans_unmapped=_f(
        "The features (SLAs, Blueprints, Zia, the knowledge base) are described for the "
        "product, not per plan: which plan first has each is not in our sources",
        _ZOHO_FEATURES,
    ),
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "Customer service: email, chat, phone, social, WhatsApp and Telegram for customers",
        _ZOHO_FEATURES,
    ),
    tiers=(
        PriceTier("Free", "free", _ZOHO_PRICES, READ, True, free_agent_limit=3),
        PriceTier("Express", "per_agent", _ZOHO_LIST, READ, False, usd_per_agent_month=_usd("7")),
        PriceTier(
            "Standard",
            "per_agent",
            _ZOHO_PRICES,
            READ,
            False,  # quoted by a third-party comparison, not read on Zoho's page
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
_HUBSPOT_SITE = "hubspot.com/pricing/service (2024–25)"

_HUBSPOT_PRICES = "hubspot.com/pricing/service (2024–25)"

HUBSPOT = Platform(
    id="hubspot",
    name="HubSpot Service Hub",
    tool_id="hubspot",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)", _HUBSPOT_SITE, READ),
    licence=_f(_PROPRIETARY, _HUBSPOT_SITE, READ),
    open_source=False,
    channels={
        "email": "native",
        "chat": "native",
        "portal": "native",
        "phone": "native",
        "messaging": "tier",
    },
    channel_detail=frozenset({"whatsapp", "messenger"}),
    channels_fact=_f(
        "Email, chat, forms, calling, WhatsApp / Messenger (Starter and up)", _HUBSPOT_SITE, READ
    ),
    sla="tier",
    sla_fact=_f("SLAs on Professional and up", _HUBSPOT_SITE, READ),
    automation="tier",
    ai="native",
    automation_fact=_f("Workflows (Professional and up); Breeze AI", _HUBSPOT_SITE, READ),
    kb_portal="tier",
    kb_portal_fact=_f(
        "Knowledge base and customer portal (Professional and up)", _HUBSPOT_SITE, READ
    ),
    api="full",
    api_fact=_f("APIs", _HUBSPOT_SITE, READ),
    integrations=frozenset({"hubspot"}),
    integrations_fact=_f("Native HubSpot CRM", _HUBSPOT_SITE, READ),
    tier_gates={"sla": "Professional", "automation": "Professional", "kb_portal": "Professional"},
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "Customer service on the HubSpot CRM: email, chat, calling, WhatsApp and Messenger",
        _HUBSPOT_SITE,
    ),
    certifications=frozenset({"soc2"}),
    certifications_fact=_f(
        "SOC 2 named on HubSpot's trust centre", "trust.hubspot.com", date(2026, 7, 11)
    ),
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
_INTERCOM_SITE = "https://www.intercom.com/pricing"

_INTERCOM_PRICES = "https://www.intercom.com/pricing"
_INTERCOM_CHECKED = date(2026, 9, 20)

INTERCOM = Platform(
    id="intercom",
    name="Intercom",
    tool_id="intercom",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)", _INTERCOM_SITE, _INTERCOM_CHECKED),
    licence=_f(_PROPRIETARY, _INTERCOM_SITE, _INTERCOM_CHECKED),
    open_source=False,
    channels={
        "chat": "native",
        "email": "native",
        "phone": "native",
        "messaging": "native",
        "social": "native",
    },
    channel_detail=frozenset({"whatsapp", "sms"}),
    channels_fact=_f(
        "Messenger / chat, email, phone, WhatsApp, SMS, social", _INTERCOM_SITE, _INTERCOM_CHECKED
    ),
    sla="tier",
    sla_fact=_f("SLAs on Expert", _INTERCOM_SITE, _INTERCOM_CHECKED),
    automation="native",
    ai="native",
    automation_fact=_f(
        "Workflows; Fin AI agent $0.99 per outcome",
        source=_INTERCOM_PRICES,
        checked=_INTERCOM_CHECKED,
    ),
    kb_portal="native",
    kb_portal_fact=_f("Help Center (multilingual on Advanced)", _INTERCOM_SITE, _INTERCOM_CHECKED),
    api="full",
    api_fact=_f("REST API", _INTERCOM_SITE, _INTERCOM_CHECKED),
    integrations=frozenset({"salesforce", "hubspot", "jira_software"}),
    integrations_fact=_f("Salesforce, HubSpot, Jira", _INTERCOM_SITE, _INTERCOM_CHECKED),
    tier_gates={"sla": "Expert"},
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "Customer service: messenger and chat, email, phone, WhatsApp, SMS and social",
        _INTERCOM_SITE,
        _INTERCOM_CHECKED,
    ),
    hosting_regions=frozenset({"us", "eu", "au"}),
    regions_fact=_f(
        "Workspaces are hosted in one of three regions: US, Europe or Australia",
        "developers.intercom.com/building-apps/docs/rest-apis",
        DEC1,
    ),
    ai_pricing=(
        AiPricing(
            unit="resolution",
            usd_per_unit=Decimal("0.99"),
            included="at most one resolution per conversation; a reopened conversation is not charged",
            fact=_f(
                "Fin AI agent: $0.99 per resolution, confirmed by the customer or assumed when "
                "they leave without asking for more help within 24 hours",
                "intercom.com/help/en/articles/8205718-fin-ai-agent-resolutions",
            ),
        ),
    ),
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
_HELPSCOUT_SITE = "docs.helpscout.com/article/1593"

HELP_SCOUT = Platform(
    id="help_scout",
    name="Help Scout",
    tool_id="help_scout",
    deployment=frozenset({"cloud"}),
    deployment_fact=_f("Cloud (SaaS)", _HELPSCOUT_SITE, READ),
    licence=_f(_PROPRIETARY, _HELPSCOUT_SITE, READ),
    open_source=False,
    channels={"email": "native", "chat": "native"},
    channel_detail=frozenset(),
    channels_fact=_f("Shared inbox (email), Beacon chat, in-app messages", _HELPSCOUT_SITE, READ),
    sla="manual",
    sla_fact=_f("Reports on response time; no SLA engine in our sources", _HELPSCOUT_SITE, READ),
    automation="native",
    ai="native",
    automation_fact=_f("Workflows; AI drafts and answers", _HELPSCOUT_SITE, READ),
    kb_portal="native",
    kb_portal_fact=_f("Docs knowledge base", _HELPSCOUT_SITE, READ),
    api="full",
    api_fact=_f("Mailbox API", _HELPSCOUT_SITE, READ),
    integrations=frozenset({"hubspot", "salesforce", "jira_software", "slack"}),
    integrations_fact=_f("HubSpot, Salesforce, Jira, Slack", _HELPSCOUT_SITE, READ),
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "Customer service: a shared inbox, Beacon chat and in-app messages", _HELPSCOUT_SITE
    ),
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
_ZAMMAD_SITE = "zammad.com/en/pricing; admin-docs.zammad.org subscription page"

_ZAMMAD_PRICES = "zammad.com/en/pricing; admin-docs.zammad.org subscription page"

ZAMMAD = Platform(
    id="zammad",
    name="Zammad",
    tool_id="zammad",
    deployment=frozenset({"cloud", "self_hosted"}),
    deployment_fact=_f(
        "Self-hosted, or hosted by Zammad in German data centres", _ZAMMAD_SITE, READ
    ),
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
    channels_fact=_f(
        "Email, web form, SMS, chat, Telegram, Facebook, X, phone (CTI)", _ZAMMAD_SITE, READ
    ),
    sla="tier",
    sla_fact=_f("SLAs (hosted: Professional and up)", _ZAMMAD_SITE, READ),
    automation="native",
    ai=None,
    automation_fact=_f("Triggers, schedulers, macros", _ZAMMAD_SITE, READ),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base (multilingual on Plus)", _ZAMMAD_SITE, READ),
    api="full",
    api_fact=_f("REST and GraphQL APIs", _ZAMMAD_SITE, READ),
    integrations=frozenset({"slack", "github", "gitlab", "telephony"}),
    integrations_fact=_f(
        "LDAP, Slack, GitHub / GitLab, i-doit (CMDB); phone through CTI", _ZAMMAD_SITE, READ
    ),
    assets=True,
    hosting_regions=frozenset({"eu", "de"}),
    tier_gates={"sla": "Professional"},
    made_for=frozenset({"customer_service", "itsm"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "A general help desk: customer channels (email, chat, social, phone) and IT use "
        "through LDAP and the i-doit CMDB",
        _ZAMMAD_SITE,
    ),
    regions_fact=_f("Hosted by Zammad in German data centres", "zammad.com support page"),
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
_OSTICKET_SITE = "osTicket documentation (osticket.com)"

OSTICKET = Platform(
    id="osticket",
    name="osTicket",
    tool_id="osticket",
    deployment=frozenset({"self_hosted"}),
    deployment_fact=_f("Self-hosted", _OSTICKET_SITE, READ),
    licence=_f("GPL-2.0 (open source)", _OSTICKET_SITE, READ),
    open_source=True,
    channels={"email": "native", "portal": "native", "phone": "manual"},
    channel_detail=frozenset(),
    channels_fact=_f(
        "Email (POP/IMAP, piping), web portal, phone (entered manually)", _OSTICKET_SITE, READ
    ),
    sla="native",
    sla_fact=_f("Unlimited SLA plans", source=_OSTICKET_SITE),
    automation="native",
    ai=None,
    automation_fact=_f("Filters, help topics, canned replies", _OSTICKET_SITE, READ),
    kb_portal="native",
    kb_portal_fact=_f("FAQ knowledge base, client portal", _OSTICKET_SITE, READ),
    api="limited",
    api_fact=_f(
        "The core API only creates tickets",
        source="github.com/joffcom/n8n-nodes-osticket (README); github.com/NotionCommotion/osTicketOld",
    ),
    integrations=frozenset(),
    integrations_fact=_f(
        "No named integrations; the API only creates tickets", _OSTICKET_SITE, READ
    ),
    made_for=frozenset({"customer_service", "itsm"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "A general help desk: email and a web portal, phone logged by hand", _OSTICKET_SITE
    ),
    tiers=(
        PriceTier(
            "Self-hosted",
            "free",
            _OSTICKET_SITE,
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
    ),
)

# --- FreeScout -------------------------------------------------------------------------------
_FREESCOUT_SITE = "freescout.net"

FREESCOUT = Platform(
    id="freescout",
    name="FreeScout",
    deployment=frozenset({"self_hosted"}),
    deployment_fact=_f("Self-hosted", _FREESCOUT_SITE, READ),
    licence=_f("AGPL-3.0 (open source)", _FREESCOUT_SITE, READ),
    open_source=True,
    channels={"email": "native", "chat": "module", "messaging": "module"},
    channel_detail=frozenset({"whatsapp", "telegram"}),
    channels_fact=_f(
        "Email shared mailboxes; chat, WhatsApp, Telegram through modules", _FREESCOUT_SITE, READ
    ),
    sla="module",
    sla_fact=_f("SLA through a paid module", _FREESCOUT_SITE, READ),
    automation="module",
    ai=None,
    automation_fact=_f("Workflows module", _FREESCOUT_SITE, READ),
    kb_portal="module",
    kb_portal_fact=_f("Knowledge base and portal modules", _FREESCOUT_SITE, READ),
    api="full",
    api_fact=_f("API & webhooks module", _FREESCOUT_SITE, READ),
    integrations=frozenset({"slack"}),
    integrations_fact=_f("Slack", _FREESCOUT_SITE, READ),
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "A shared inbox for email, with chat and messaging through modules", _FREESCOUT_SITE
    ),
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
_RT_SITE = "RT documentation (docs.bestpractical.com/rt)"

REQUEST_TRACKER = Platform(
    id="request_tracker",
    name="Request Tracker",
    deployment=frozenset({"self_hosted", "cloud"}),
    deployment_fact=_f("Self-hosted (Best Practical also offers a hosted option)", _RT_SITE, READ),
    licence=_f("GPL-2.0 (open source)", _RT_SITE, READ),
    open_source=True,
    channels={"email": "native", "portal": "native"},
    channel_detail=frozenset(),
    channels_fact=_f("Email, web", _RT_SITE, READ),
    sla="native",
    sla_fact=_f("Built-in SLA settings", _RT_SITE, READ),
    automation="native",
    ai=None,
    automation_fact=_f("Scrips", _RT_SITE, READ),
    kb_portal="native",
    kb_portal_fact=_f("Articles", _RT_SITE, READ),
    api="full",
    api_fact=_f("REST2 API; extensions", _RT_SITE, READ),
    integrations=frozenset(),
    integrations_fact=_f("Extensions (no named integrations in our sources)", _RT_SITE, READ),
    made_for=frozenset({"customer_service", "itsm"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f("A general ticket tracker for email and web requests", _RT_SITE),
    tiers=(
        PriceTier(
            "Self-hosted",
            "free",
            _RT_SITE,
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
        PriceTier("Support contract", "by_quote", _RT_SITE, READ, True),
    ),
)

# --- Znuny / OTRS ----------------------------------------------------------------------------
_ZNUNY_SITE = "Znuny README and documentation (github.com/znuny/Znuny, doc.znuny.org)"

ZNUNY = Platform(
    id="znuny",
    name="Znuny / OTRS",
    deployment=frozenset({"self_hosted"}),
    deployment_fact=_f(
        "Znuny: self-hosted fork of ((OTRS)) Community Edition. OTRS: commercial", _ZNUNY_SITE, READ
    ),
    licence=_f("Znuny: GPL-3.0 (open source); OTRS: commercial", _ZNUNY_SITE, READ),
    open_source=True,
    channels={"email": "native", "portal": "native", "phone": "manual"},
    channel_detail=frozenset(),
    channels_fact=_f("Email, portal, phone tickets", _ZNUNY_SITE, READ),
    sla="native",
    sla_fact=_f("Escalations", _ZNUNY_SITE, READ),
    automation="native",
    ai=None,
    automation_fact=_f("GenericAgent, ACLs", _ZNUNY_SITE, READ),
    kb_portal="module",
    kb_portal_fact=_f("FAQ module", _ZNUNY_SITE, READ),
    api="full",
    api_fact=_f("GenericInterface (REST / SOAP)", _ZNUNY_SITE, READ),
    integrations=frozenset(),
    integrations_fact=_f("ITSM / CMDB packages", _ZNUNY_SITE, READ),
    assets=True,
    made_for=frozenset({"itsm", "customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f("A help desk with ITSM and CMDB packages", _ZNUNY_SITE),
    tiers=(
        PriceTier(
            "Znuny (self-hosted)",
            "free",
            _ZNUNY_SITE,
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
        PriceTier("OTRS", "by_quote", _ZNUNY_SITE, READ, True, deployment="self_hosted"),
    ),
)

# --- GLPI ------------------------------------------------------------------------------------
_GLPI_SITE = "GLPI README (github.com/glpi-project/glpi)"

GLPI = Platform(
    id="glpi",
    name="GLPI",
    deployment=frozenset({"self_hosted", "cloud"}),
    deployment_fact=_f("Self-hosted; GLPI Network Cloud (Teclib)", _GLPI_SITE, READ),
    licence=_f("GPL-3.0 (open source)", _GLPI_SITE, READ),
    open_source=True,
    channels={"email": "native", "portal": "native"},
    channel_detail=frozenset(),
    channels_fact=_f("Email collector, portal", _GLPI_SITE, READ),
    sla="native",
    sla_fact=_f("SLA and OLA", _GLPI_SITE, READ),
    automation="native",
    ai=None,
    automation_fact=_f("Business rules", _GLPI_SITE, READ),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base / FAQ", _GLPI_SITE, READ),
    api="full",
    api_fact=_f("REST API; inventory agent", _GLPI_SITE, READ),
    integrations=frozenset(),
    integrations_fact=_f("Inventory agent; assets and CMDB", _GLPI_SITE, READ),
    assets=True,
    made_for=frozenset({"itsm"}),
    audiences=frozenset(),
    made_for_fact=_f(
        "IT asset management with ITIL service-desk features: incidents, requests, problems, "
        "changes, inventory",
        "GLPI README (github.com/glpi-project/glpi)",
        DEC1,
    ),
    tiers=(
        PriceTier(
            "Self-hosted",
            "free",
            _GLPI_SITE,
            READ,
            True,
            deployment="self_hosted",
            note="free to run yourself",
        ),
        PriceTier(
            "GLPI Network Cloud", "not_captured", _GLPI_SITE, READ, True, note="by subscription"
        ),
    ),
)

# --- Chatwoot --------------------------------------------------------------------------------
_CHATWOOT_SITE = "https://www.chatwoot.com/pricing"

_CHATWOOT_PRICES = "https://www.chatwoot.com/pricing"
_CHATWOOT_CHECKED = date(2026, 9, 20)

CHATWOOT = Platform(
    id="chatwoot",
    name="Chatwoot",
    deployment=frozenset({"self_hosted", "cloud"}),
    deployment_fact=_f("Self-hosted or cloud", _CHATWOOT_SITE, _CHATWOOT_CHECKED),
    licence=_f(
        "MIT core (open source); the enterprise/ directory is under a separate licence",
        _CHATWOOT_SITE,
        _CHATWOOT_CHECKED,
    ),
    open_source=True,
    channels={"chat": "native", "email": "native", "messaging": "native", "social": "native"},
    channel_detail=frozenset(
        {"whatsapp", "facebook", "instagram", "x", "telegram", "line", "sms", "messenger"}
    ),
    channels_fact=_f(
        "Web chat, email, WhatsApp, Facebook, Instagram, X, Telegram, LINE, SMS, API channel",
        _CHATWOOT_SITE,
        _CHATWOOT_CHECKED,
    ),
    sla="tier",
    sla_fact=_f("SLAs on higher tiers", _CHATWOOT_SITE, _CHATWOOT_CHECKED),
    automation="tier",
    ai="tier",
    automation_fact=_f(
        "Automation rules (Business); Captain AI credits", _CHATWOOT_SITE, _CHATWOOT_CHECKED
    ),
    kb_portal="native",
    kb_portal_fact=_f("Help Center", _CHATWOOT_SITE, _CHATWOOT_CHECKED),
    api="full",
    api_fact=_f("REST API and webhooks", _CHATWOOT_SITE, _CHATWOOT_CHECKED),
    integrations=frozenset({"slack", "shopify"}),
    integrations_fact=_f("Slack, Dialogflow, Shopify", _CHATWOOT_SITE, _CHATWOOT_CHECKED),
    tier_gates={"automation": "Business"},
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f(
        "Customer conversations: web chat, email, WhatsApp, Facebook, Instagram, Telegram and SMS",
        _CHATWOOT_SITE,
        _CHATWOOT_CHECKED,
    ),
    tiers=(
        PriceTier(
            "Self-hosted community",
            "free",
            _CHATWOOT_SITE,
            _CHATWOOT_CHECKED,
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
_UVDESK = "github.com/uvdesk/community-skeleton (README)"

UVDESK = Platform(
    id="uvdesk",
    name="UVdesk",
    deployment=frozenset({"self_hosted", "cloud"}),
    deployment_fact=_f("Self-hosted community edition (Symfony / PHP), and SaaS", _UVDESK, READ),
    licence=_f("Community edition licence not confirmed", source=_UVDESK, verified=False),
    open_source=True,
    channels={"email": "native", "portal": "native"},
    channel_detail=frozenset(),
    channels_fact=_f("Email piping, support-centre portal; e-commerce apps", _UVDESK, READ),
    sla="tier",
    sla_fact=_f("SLAs on the SaaS", _UVDESK, READ),
    automation="native",
    ai=None,
    automation_fact=_f("Workflows, prepared responses", _UVDESK, READ),
    kb_portal="native",
    kb_portal_fact=_f("Knowledge base", _UVDESK, READ),
    api="full",
    api_fact=_f("REST API bundle", _UVDESK, READ),
    integrations=frozenset({"ecommerce"}),
    integrations_fact=_f("E-commerce apps", _UVDESK, READ),
    made_for=frozenset({"customer_service"}),
    audiences=frozenset({"business", "consumers"}),
    made_for_fact=_f("Customer service for online shops: email, portal, e-commerce apps", _UVDESK),
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


def _through_api(p: Platform) -> Platform:
    """A community, app-store reviews and monitoring alerts reach the help desk through its
    API (natively for monitoring where the sources name it): never claimed beyond that."""
    if p.api != "full":
        return p
    channels = dict(p.channels)
    for channel in API_CHANNELS:
        if channel == "monitoring" and "monitoring" in p.integrations:
            channels.setdefault(channel, "native")
        else:
            channels.setdefault(channel, "manual")
    return replace(p, channels=channels)


PLATFORMS: tuple[Platform, ...] = tuple(
    _through_api(p)
    for p in (
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
)
