"""Scoring as data: weights, labels, budget bands, score levels and thresholds."""

from __future__ import annotations

from decimal import Decimal

WEIGHTS: dict[str, float] = {
    "budget": 0.18,
    "deployment": 0.10,
    "compliance": 0.07,
    "existing_tools": 0.08,
    "integrations": 0.17,
    "channels": 0.17,
    "capabilities": 0.10,
    "purpose": 0.08,
    "scale": 0.05,
}

CRITERION_LABELS: dict[str, str] = {
    "budget": "budget fit",
    "deployment": "deployment and data residency",
    "compliance": "compliance",
    "existing_tools": "existing tools",
    "integrations": "integrations",
    "channels": "channels",
    "capabilities": "required capabilities",
    "purpose": "made for this kind of support",
    "scale": "scale",
}

# Highest price per agent per month each budget answer can carry (None: no ceiling).
BUDGET_CEILINGS: dict[str, Decimal | None] = {
    "minimal": Decimal(0),
    "tight": Decimal(25),
    "moderate": Decimal(80),
    "enterprise": None,
}
# On a minimal budget a paid tier up to this price still counts as low-cost.
LOW_COST = Decimal(25)

LEVEL_SCORES: dict[str | None, float] = {
    "native": 1.0,
    "tier": 0.8,
    "module": 0.6,
    "manual": 0.3,
    None: 0.0,
}

# How a channel served other than natively reads after its name ("phone on Premium").
LEVEL_WORDS: dict[str, str] = {
    "tier": "on {plan}",
    "module": "through an add-on or module",
    "manual": "logged by hand",
}

# Integration needs met natively, by a generic connector, or only through the API.
NATIVE, GENERIC, API_FULL, API_LIMITED = 1.0, 0.75, 0.4, 0.1

# When several hard constraints exclude a platform, the first of these decides.
EXCLUSION_ORDER: tuple[str, ...] = (
    "existing_tools",
    "deployment",
    "compliance",
    "channels",
    "budget",
)

# A platform that natively serves less than this share of the client's contacts leaves most
# of the support outside the tool, so it is not a candidate.
MIN_VOLUME_COVERED = 0.5

# A team or volume at which lightweight tools start to strain.
LARGE_TEAM = 25
# Below this team an enterprise platform (sold only on an enterprise contract) is heavy:
# the contract, the partner implementation and the administration outweigh what it adds.
# The consultant's judgement, stated with the team size wherever it is used.
ENTERPRISE_MIN_TEAM = LARGE_TEAM
# What such a platform keeps of its scale score for a smaller team.
ENTERPRISE_SMALL_TEAM = 0.2
LARGE_VOLUME = 10_000
# Below this many agents nobody on the team runs servers for a living: self-hosting a help
# desk the client did not ask to host is a burden (updates, backups, security) to weigh.
SMALL_TEAM = 10

# What confirming with the vendor costs the score of a hosted option: an unknown region,
# BAA or certification is a risk to discuss, not a yes.
UNCONFIRMED_REGION = 0.6
UNCONFIRMED_BAA = 0.5
UNCONFIRMED_CERTIFICATION = 0.85
# Self-hosting that the client did not ask for, for a small and a larger team.
UNASKED_SELF_HOSTING = {"small": 0.6, "large": 0.85}

# Requirement code segments (e.g. "FR-SLA-002", "NFR-KB-001") and the capability they need.
REQUIREMENT_CAPABILITIES: dict[str, str] = {
    "SLA": "sla",
    "KB": "kb_portal",
    "PORTAL": "kb_portal",
    "SELF": "kb_portal",
    "AUTO": "automation",
    "AUT": "automation",
    "AI": "ai",
    "BOT": "ai",
    "API": "api",
    "INT": "api",
    "ASSET": "assets",
    "CMDB": "assets",
}

# Repetitive requests (objective.repetitive_tasks) an AI agent answers, and cost answers
# (scale.cost_sensitivity) that speak of AI spend: either makes AI assistance a need.
AI_TASKS = frozenset({"how_to", "order_status"})
AI_COST_ANSWERS = frozenset({"ai_usage", "ai_cap"})

CAPABILITY_LABELS: dict[str, str] = {
    "sla": "SLA engine",
    "kb_portal": "knowledge base and portal",
    "automation": "automation",
    "ai": "AI assistance",
    "api": "API",
    "assets": "asset management",
}
# Plan features a requirement may need (its `feature` attribute), as a client reads them.
FEATURE_LABELS: dict[str, str] = {
    "audit_log": "the audit log of configuration changes",
    "skills_routing": "skills- and load-based assignment",
    "sso": "single sign-on",
}
# A capability a platform lacks (or has only by hand) that the client needs is a gap: the
# shortlist prefers platforms without one.
GAP_LEVELS: dict[str, float] = {"sla": 0.3, "kb_portal": 0.0, "assets": 0.0}

INTEGRATION_LABELS: dict[str, str] = {
    "salesforce": "Salesforce",
    "hubspot": "HubSpot CRM",
    "dynamics": "Dynamics 365",
    "zoho_crm": "Zoho CRM",
    "pipedrive": "Pipedrive",
    "sap": "SAP",
    "oracle": "Oracle",
    "dynamics_erp": "Dynamics 365 ERP",
    "netsuite": "NetSuite",
    "odoo": "Odoo",
    "zapier": "Zapier",
    "power_automate": "Power Automate",
    "make": "Make",
    "n8n": "n8n",
    "slack": "Slack",
    "teams": "Microsoft Teams",
    "google_chat": "Google Chat",
    "jira_software": "Jira Software",
    "github": "GitHub",
    "gitlab": "GitLab",
    "azure_devops": "Azure DevOps",
    "shopify": "Shopify",
    "magento": "Adobe Commerce",
    "woocommerce": "WooCommerce",
    "vtex": "VTEX",
    "ecommerce": "e-commerce platform",
    "telephony": "telephony",
    "monitoring": "monitoring",
    "billing": "billing",
}

CHANNEL_LABELS: dict[str, str] = {
    "email": "email",
    "phone": "phone",
    "chat": "chat",
    "portal": "portal",
    "social": "social",
    "messaging": "messaging",
    "in_person": "walk-up",
    "community": "community",
    "app_reviews": "app-store reviews",
    "monitoring": "monitoring alerts",
}

# The residency answer's ids, as catalogue region ids; "in_country" stays itself.
RESIDENCY_REGIONS: dict[str, str] = {"eu": "eu", "us": "us", "brazil": "br"}

# Named places (ISO 3166 codes, "EU", "EEA": discovery.vocab.places) as catalogue region ids.
# The EEA is kept where the EU is; any other place keeps its own code, which no vendor in
# our sources names, so only self-hosting there is certain.
PLACE_REGIONS: dict[str, str] = {
    "EU": "eu",
    "EEA": "eu",
    "US": "us",
    "GB": "uk",
    "CA": "ca",
    "AU": "au",
    "BR": "br",
    "IN": "in",
    "JP": "jp",
    "KR": "kr",
    "SG": "sg",
    "CH": "ch",
    "DE": "de",
}

# Walk-ups are logged by the agent in any ticketing tool, so they do not separate platforms.
UNSCORED_CHANNELS = frozenset({"in_person"})

# A shortlist shows at least this many options where that many pass the hard constraints,
# and admits at most this many gaps more than the best option's.
MIN_SHORTLIST = 2
COMPARABLE_GAPS = 1

# The external audiences (catalogue ids) as a proposal names them.
AUDIENCE_LABELS: dict[str, str] = {
    "business": "business customers",
    "consumers": "consumers",
}
# What a platform made for other audiences keeps of its "made for" score: it can be
# configured for them, but its channels and portal were designed for someone else.
OTHER_AUDIENCE = 0.4
# What a product made for one kind of support and serving another only in part (an ITSM
# product whose external customers reach it by portal and email alone, every person
# answering them a licensed agent) keeps of its "made for" score for that other kind.
PARTLY_FOR = 0.5

CLASS_LABELS: dict[str, str] = {
    "customer_service": "customer service",
    "itsm": "IT service management",
    "psa": "a service provider's PSA (tickets per customer company, contracts, time and billing)",
}
