"""The discovery question bank: six layers, as data.

Ids are stable (`<layer>.<name>`): requirement rules, the framework generators and stored
answers refer to them. Change a label freely; change an id or a value space only with a
data migration (`bank/migrations.py`, applied to stored answers and to imported files).

Answer shapes added in bank 2026.12.1 (issue 10), for the extractor, fit, check and
evidence work that reads them. Lists of rows are lists of dicts keyed by field id; a
quantity is {"value": n, "unit": "s" | "min" | "h" | "d"} (discovery.units converts).

  context.channels            + "community", "app_reviews", "monitoring" (and their
                                context.volume_<channel>); "messaging" now says "and SMS"
  context.<channel>_aht       (evidence's, every channel; phone's is context.phone_aht):
                                each now has `assumed`, the planning default the proposal
                                states while it is unanswered (HANDLE_TIME_QUESTIONS maps
                                channel → question id, HANDLE_TIME_DEFAULTS the defaults)
  context.community_platforms multi: discord, discourse, slack_community, reddit, …
  context.app_stores          multi: apple_app_store, google_play, other
  context.monitoring_sources  multi: datadog, pagerduty, zabbix_nagios, rmm, …
  context.calendars           rows {name*, days, opens, closes, zone}: one per audience/queue
  context.follow_the_sun      choice yes/no (24-hour coverage)
  context.sites               rows {name*, zone, opens, closes, people}: follow-the-sun sites
  context.outsourced          choice none | part | all
  context.partners            rows {name*, scope, share (%), people, zone}; shares ≤ 100
  context.team_roles          rows {role*, people*, employment, hours (h / week), note}
  audience.languages          now a list of ISO 639 codes (was a fixed multi with "other")
  audience.service_provider   choice yes/no (B2B): support is the client's service
  audience.customer_needs     multi: what each customer company needs of its own
  audience.contracts          rows {name*, customers, hours, response (h), resolution (h)}
  audience.time_tracking      choice billable | internal | none
  audience.billing_models     multi: per_hour, block_hours, per_user, per_device, …
  metrics.kpis                + "asa", "abandonment_rate", "service_level", "channel_shift"
  metrics.<time kpi>.baseline/.target
                              quantities now (first_response_time, avg_response_time,
                                resolution_time: unit "hours"; asa: unit "s")
  metrics.asa / abandonment_rate / service_level: .baseline and .horizon only; their
                                targets are evidence's per live channel (LIVE_KPI_TARGETS)
  metrics.channel_shift.mix   rows {channel*, now (%), target (%)} and .horizon
  scale.peak_months           multi: jan … dec (peak factor ≥ 1.5)
  scale.spikes_known          choice yes/no
  scale.spikes                rows {cause*, factor (×)*, lasts, lasts_unit, often}
  scale.cost_sensitivity      multi: predictable, ai_usage, ai_cap, per_agent, …
  scale.obligations           multi: residency, retention, accessibility, sector, deadlines,
                                other, none
  scale.data_residency        + "named" (another country or region); also asked when the
                                obligations include residency
  scale.residency_places      places: ISO 3166 codes, "EU", "EEA", UN M.49 regions
  scale.retention             rows {records*, rule, keep, period, basis}
  scale.deadlines             rows {duty*, within, unit, basis}
  scale.accessibility_laws    multi: wcag21_aa, wcag22_aa, ada, section508, en301549, …
  scale.sector_rules          multi: ferpa, glba, sox, finra_sec, fca, dora, nis2, …
  scale.obligations_other     text (the extractor reads it)
  integrations.<kind>_purpose / _direction for kind in ecommerce, billing, dev_tracker,
                                telephony, monitoring: one per "other system" (replace the
                                shared integrations.other_purpose / other_direction)
  integrations.systems        rows {name*, class*, purpose, direction}: any named system,
                                class from SYSTEM_CLASSES (ehr, rmm, psa, gis, lms, …)

Added in bank 2026.12.3:

  integrations.builders       choice developers | it_team | one_person | partner: who
                                would build and run integration code (INTEGRATION_BUILDERS)

Added in bank 2026.12.4:

  context.backlog_hours       decimal (h): what arrives while the desk is closed is answered
                                within this many covered hours of opening (the staffing
                                plan's backlog window; assumed 2 h)

(* = a row cannot do without it.)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from discovery.units import DURATION_UNITS

from .model import Assumption, Choice, QType, Question, Step

BANK_VERSION = "2026.12.4"


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, label) for value, label in pairs)


def _when(question: str, op: str, value: Any = None) -> dict[str, Any]:
    return {"q": question, "op": op, "value": value}


# --- shared vocabularies -----------------------------------------------------------------

CHANNELS = (
    ("email", "Email"),
    ("phone", "Phone"),
    ("chat", "Live chat"),
    ("portal", "Ticket portal / web form"),
    ("social", "Social media"),
    ("messaging", "Messaging apps and SMS"),
    ("in_person", "In person / walk-up"),
    ("community", "Community platform (Discord, forum, Slack community)"),
    ("app_reviews", "App-store reviews"),
    ("monitoring", "Monitoring alerts and automatic events"),
)

# Planning defaults for the handle time of one contact, per channel: what the proposal
# assumes (and says it assumes) until the client gives a figure. They are the staffing
# model's defaults (frameworks/staffing.py CHANNEL_MODELS) where it has one.
_STAFFING_DEFAULTS = "Support Blueprint planning default (frameworks/staffing.py)"
_NO_BENCHMARK = "Support Blueprint planning default; no published benchmark in our sources"
HANDLE_TIME_DEFAULTS: dict[str, tuple[float, str]] = {
    "phone": (6, _STAFFING_DEFAULTS),
    "email": (8, _STAFFING_DEFAULTS),
    "chat": (10, _STAFFING_DEFAULTS),
    "portal": (8, _STAFFING_DEFAULTS),
    "social": (6, _STAFFING_DEFAULTS),
    "messaging": (12, _STAFFING_DEFAULTS),
    "in_person": (12, _STAFFING_DEFAULTS),
    "community": (10, _NO_BENCHMARK),
    "app_reviews": (5, _NO_BENCHMARK),
    "monitoring": (15, _NO_BENCHMARK),
}
# Channel → the question asking its handle time (phone's predates the others).
HANDLE_TIME_QUESTIONS = {value: f"context.{value}_aht" for value, _label in CHANNELS}

# Kinds of named systems (integrations.systems "class"); the extractor's gazetteer uses them.
SYSTEM_CLASSES = (
    ("helpdesk", "Help desk"),
    ("itsm", "ITSM"),
    ("crm", "CRM"),
    ("erp", "ERP"),
    ("ehr", "EHR / health records"),
    ("psa", "PSA / professional services"),
    ("rmm", "RMM / device management"),
    ("monitoring", "Monitoring and alerting"),
    ("identity", "Identity / single sign-on"),
    ("telephony", "Telephony / contact centre"),
    ("accounting", "Accounting and invoicing"),
    ("payments", "Payments and subscriptions"),
    ("bug_tracking", "Bug tracking"),
    ("community", "Community platform"),
    ("social", "Social media management"),
    ("gis", "GIS / maps"),
    ("lms", "LMS / learning"),
    ("ecommerce", "E-commerce"),
    ("hr", "HR / people"),
    ("asset", "Asset management / CMDB"),
    ("records", "Records management"),
    ("field_service", "Field service / dispatch"),
    ("data", "Data warehouse / BI"),
    ("chat", "Team chat"),
    ("marketing", "Marketing automation"),
    ("pms", "Property management (hotels)"),
    ("housing", "Housing management (landlords)"),
    ("core_banking", "Core banking / card processing"),
    ("fraud", "Fraud prevention / identity verification"),
    ("chatbot", "Chatbot / conversational platform"),
    ("other", "Other"),
)

MONTHS = (
    ("jan", "January"),
    ("feb", "February"),
    ("mar", "March"),
    ("apr", "April"),
    ("may", "May"),
    ("jun", "June"),
    ("jul", "July"),
    ("aug", "August"),
    ("sep", "September"),
    ("oct", "October"),
    ("nov", "November"),
    ("dec", "December"),
)

WEEKDAYS = (
    ("mon_fri", "Monday to Friday"),
    ("mon_sat", "Monday to Saturday"),
    ("every_day", "every day"),
    ("weekends", "weekends and holidays"),
    # A Saturday-morning cover beside a weekday calendar, as clinics and shops keep.
    ("saturday", "Saturday"),
)

# Who builds and runs integration code (integrations.builders): only a client with
# developers of its own, or a partner paid to run it, is given services of its own to host.
INTEGRATION_BUILDERS = (
    ("developers", "Our own developers or engineers, who run cloud services"),
    ("it_team", "An IT team that administers tools but does not write or run code"),
    ("one_person", "One person looks after our IT, or nobody does"),
    ("partner", "A partner or agency we pay to build and run it"),
)
# Those with no one to run code of their own.
NO_CODE_BUILDERS = frozenset({"it_team", "one_person"})

KPIS = (
    ("avg_response_time", "Average response time", "hours"),
    ("first_response_time", "First response time", "hours"),
    ("asa", "Average speed of answer (ASA)", "s"),
    ("abandonment_rate", "Abandonment rate", "%"),
    ("service_level", "Service level (share answered within a time)", "%"),
    ("channel_shift", "Channel shift (share of contacts per channel)", "%"),
    ("fcr", "First-contact resolution", "%"),
    ("csat", "Customer satisfaction (CSAT)", "%"),
    ("volume_reduction", "Ticket volume reduction", "%"),
    ("resolution_time", "Resolution time", "hours"),
    ("sla_compliance", "SLA compliance", "%"),
    ("ces", "Customer effort score (CES)", "%"),
    ("nps", "Net promoter score (NPS)", "points"),
    ("cost_per_ticket", "Cost per ticket", "USD"),
    ("self_service_rate", "Self-service rate", "%"),
)
# KPIs whose values are durations: asked as a number with a unit the client picks, kept in
# the KPI's unit for computation ("hours", "s").
DURATION_KPIS = frozenset({"avg_response_time", "first_response_time", "resolution_time", "asa"})
# KPIs asked per channel rather than as one figure (see metrics.channel_shift.mix).
MIX_KPIS = frozenset({"channel_shift"})
# Live-channel KPIs whose targets are asked per channel in the context step
# (context.phone_sl_target / _sl_seconds / _asa_target / _abandon_target, and chat's):
# the metrics step asks today's figure and the horizon.
LIVE_KPIS = frozenset({"asa", "abandonment_rate", "service_level"})
LIVE_KPI_TARGETS = {
    "asa": ("context.{channel}_asa_target",),
    "abandonment_rate": ("context.{channel}_abandon_target",),
    "service_level": ("context.{channel}_sl_target", "context.{channel}_sl_seconds"),
}

HORIZONS = _choices(
    ("short", "Short term (0–3 months)"),
    ("medium", "Medium term (3–12 months)"),
    ("long", "Long term (12+ months)"),
)

DIRECTIONS = _choices(
    ("to_helpdesk", "Into the help desk"),
    ("from_helpdesk", "Out of the help desk"),
    ("both", "Both ways"),
)

# The "other systems" of integrations.other, each asked its own purpose and direction.
OTHER_SYSTEMS = (
    ("monitoring", "Monitoring and alerting"),
    ("billing", "Billing and payments"),
    ("ecommerce", "E-commerce platform"),
    ("dev_tracker", "Engineering issue tracker"),
    ("telephony", "Telephony / contact center"),
)


# --- 1. Overall objective ----------------------------------------------------------------

OBJECTIVE = Step(
    slug="objective",
    number=1,
    title=_("Overall objective"),
    intro=_("Start from the need: what should the support system change for this client?"),
    questions=(
        Question(
            id="objective.challenge",
            step="objective",
            label=gettext_noop(
                "What is the main challenge or need you want to address with a technical "
                "support system?"
            ),
            type=QType.MULTI,
            help=gettext_noop("Pick every need that applies."),
            choices=_choices(
                ("reduce_response_times", gettext_noop("Reduce response times")),
                (
                    "automate_repetitive",
                    gettext_noop("Automate repetitive tasks and improve team efficiency"),
                ),
                (
                    "serve_both",
                    gettext_noop("Serve both end users and the internal technical team"),
                ),
                (
                    "centralize_channels",
                    gettext_noop("Centralize requests from scattered channels"),
                ),
                ("self_service", gettext_noop("Let customers help themselves (self-service)")),
                ("improve_satisfaction", gettext_noop("Improve customer satisfaction")),
                ("reduce_costs", gettext_noop("Lower the cost per contact")),
                ("scale_growth", gettext_noop("Keep up with growth in volume")),
                ("visibility", gettext_noop("Get visibility: reports, SLAs, accountability")),
                ("other", gettext_noop("Something else")),
            ),
            needed=True,
        ),
        Question(
            id="objective.challenge_other",
            step="objective",
            label=gettext_noop("Which other challenge?"),
            type=QType.TEXT,
            show_when=_when("objective.challenge", "includes", "other"),
            max_length=300,
            needed=True,
        ),
        Question(
            id="objective.challenge_detail",
            step="objective",
            label=gettext_noop("Describe the challenge in the client's own words"),
            type=QType.TEXTAREA,
            help=gettext_noop(
                "Figures help: how slow, how many, how often. This opens the proposal."
            ),
            examples=(
                "First responses take about 18 hours; customers expect an answer within 2 hours.",
                "Agents spend most of the day on password resets and order-status questions.",
                "Requests arrive by email, phone and chat and nobody sees the whole picture.",
            ),
            max_length=4000,
            needed=True,
        ),
        Question(
            id="objective.repetitive_tasks",
            step="objective",
            label=gettext_noop("Which repetitive requests take the most time?"),
            type=QType.MULTI,
            show_when=_when("objective.challenge", "includes", "automate_repetitive"),
            choices=_choices(
                ("password_resets", gettext_noop("Password resets and account unlocks")),
                ("access_requests", gettext_noop("Access and permission requests")),
                ("order_status", gettext_noop("Order or delivery status")),
                ("how_to", gettext_noop("“How do I…” questions")),
                ("billing", gettext_noop("Billing and invoices")),
                ("triage", gettext_noop("Sorting and assigning incoming requests")),
                ("other", gettext_noop("Other")),
            ),
            needed=True,
        ),
        Question(
            id="objective.repetitive_share",
            step="objective",
            label="What share of requests are these repetitive ones?",
            type=QType.INTEGER,
            show_when=_when("objective.challenge", "includes", "automate_repetitive"),
            min_value=0,
            max_value=100,
            unit="%",
            placeholder="e.g. 40",
        ),
        Question(
            id="objective.timeline",
            step="objective",
            label="When does the client need the new support system running?",
            type=QType.CHOICE,
            choices=_choices(
                ("asap", "Within 3 months"),
                ("half_year", "Within 6 months"),
                ("year", "Within a year"),
                ("flexible", "No fixed date"),
            ),
            needed=True,
        ),
    ),
)


# --- 2. Current operational context ------------------------------------------------------

_channel_volume_questions = tuple(
    Question(
        id=f"context.volume_{value}",
        step="context",
        label=f"{label}: contacts per month",
        type=QType.INTEGER,
        show_when=_when("context.channels", "includes", value),
        min_value=0,
        max_value=10_000_000,
        unit="/ month",
        placeholder="e.g. 1200",
        group="volumes",
        needed=True,
    )
    for value, label in CHANNELS
)


def _assumed_handle_time(channel: str) -> Assumption:
    minutes, source = HANDLE_TIME_DEFAULTS[channel]
    return Assumption(minutes, f"{minutes:g} min per contact", source)


def _rows(
    id: str,
    label: str,
    fields: tuple[Question, ...],
    formats: tuple[str, ...],
    **extra: Any,
) -> Question:
    step = id.split(".")[0]
    return Question(
        id=id,
        step=step,
        label=label,
        type=QType.RECORDS,
        fields=tuple(Question(**{**_field_defaults(f), "step": step}) for f in fields),
        row_formats=formats,
        **extra,
    )


def _field_defaults(f: Question) -> dict[str, Any]:
    return {name: getattr(f, name) for name in Question.__dataclass_fields__}


def _f(id: str, label: str, type: QType = QType.TEXT, **extra: Any) -> Question:
    """A field of a list-of-rows question."""
    if "max_length" not in extra and type is QType.TEXT:
        extra["max_length"] = 200
    return Question(id=id, step="", label=label, type=type, **extra)


_ZONE = _f("zone", "Time zone", QType.TIMEZONE, placeholder="e.g. Europe/Berlin")
_OPENS = _f("opens", "From", QType.TIME, placeholder="08:00")
_CLOSES = _f("closes", "To", QType.TIME, placeholder="18:00")

_HANDLE_TIME_CHANNELS = tuple((v, label) for v, label in CHANNELS if v != "phone")

# Handle time per channel other than the phone (asked beside it): the staffing plan reads
# these, and says it assumed a default where none is given.
_channel_handle_time_questions = tuple(
    Question(
        id=f"context.{value}_aht",
        step="context",
        label=f"{label}: average handle time",
        type=QType.DECIMAL,
        help=(
            "Minutes of agent work per contact, all replies included. Not known yet? The "
            f"proposal assumes {HANDLE_TIME_DEFAULTS[value][0]:g} min and says so."
        ),
        show_when=_when("context.channels", "includes", value),
        min_value=0.5,
        max_value=480,
        unit="min",
        placeholder="if known",
        group="handle-times",
        assumed=_assumed_handle_time(value),
    )
    for value, label in _HANDLE_TIME_CHANNELS
)

_LIVE_TARGET_CHANNELS = (("phone", "Calls", "callers"), ("chat", "Chats", "chat visitors"))


def _live_target_questions(channel: str, contacts: str, people: str) -> tuple[Question, ...]:
    """The client's own targets for a live channel, and how long its people wait before
    giving up (Erlang A's patience)."""
    shown = _when("context.channels", "includes", channel)
    group = f"{channel}-targets"
    return (
        Question(
            id=f"context.{channel}_sl_target",
            step="context",
            label=f"{contacts} to answer within the target time",
            type=QType.DECIMAL,
            help="The service level, e.g. 80% answered within 20 seconds.",
            show_when=shown,
            min_value=1,
            max_value=99,
            unit="%",
            placeholder="e.g. 80",
            group=group,
        ),
        Question(
            id=f"context.{channel}_sl_seconds",
            step="context",
            label=f"{contacts}: target answer time",
            type=QType.INTEGER,
            show_when=shown,
            min_value=1,
            max_value=3600,
            unit="s",
            placeholder="e.g. 20",
            group=group,
        ),
        Question(
            id=f"context.{channel}_asa_target",
            step="context",
            label=f"{contacts}: longest acceptable average wait",
            type=QType.INTEGER,
            show_when=shown,
            min_value=1,
            max_value=3600,
            unit="s",
            placeholder="if set",
            group=group,
        ),
        Question(
            id=f"context.{channel}_abandon_target",
            step="context",
            label=f"{contacts}: most that may abandon before an answer",
            type=QType.DECIMAL,
            show_when=shown,
            min_value=0.1,
            max_value=50,
            unit="%",
            placeholder="e.g. 5",
            group=group,
        ),
        Question(
            id=f"context.{channel}_patience",
            step="context",
            label=f"How long do {people} wait before giving up, on average?",
            type=QType.INTEGER,
            help="From the phone or chat system's abandoned-contact report, if there is one.",
            show_when=shown,
            min_value=5,
            max_value=3600,
            unit="s",
            placeholder="if known",
            group=group,
        ),
    )


_live_target_questions_all = tuple(
    q
    for channel, contacts, people in _LIVE_TARGET_CHANNELS
    for q in _live_target_questions(channel, contacts, people)
)


CONTEXT = Step(
    slug="context",
    number=2,
    title=_("Current operational context"),
    intro=_("How support works today: tools, channels, volumes, team and hours."),
    questions=(
        Question(
            id="context.tools",
            step="context",
            label="Which support tools are in use today?",
            type=QType.MULTI,
            choices=_choices(
                ("zendesk", "Zendesk"),
                ("freshdesk", "Freshdesk"),
                ("jira_sm", "Jira Service Management"),
                ("servicenow", "ServiceNow"),
                ("zoho_desk", "Zoho Desk"),
                ("hubspot", "HubSpot Service Hub"),
                ("intercom", "Intercom"),
                ("help_scout", "Help Scout"),
                ("osticket", "osTicket"),
                ("zammad", "Zammad"),
                ("spreadsheets_inbox", "Spreadsheets or a shared inbox"),
                ("none", "None"),
                ("other", "Other"),
            ),
            exclusive=("none",),
            needed=True,
        ),
        Question(
            id="context.tools_other",
            step="context",
            label="Which other tool?",
            type=QType.TEXT,
            show_when=_when("context.tools", "includes", "other"),
            max_length=200,
        ),
        Question(
            id="context.current_workflow",
            step="context",
            label="Without a ticketing tool, how does a request travel today?",
            type=QType.TEXTAREA,
            help="Who receives it, where it is tracked, how it is handed over and closed.",
            show_when=_when("context.tools", "includes_any", ["none", "spreadsheets_inbox"]),
            examples=(
                "Requests land in a shared inbox; whoever is free answers; nothing tracks "
                "who owns what.",
            ),
            needed=True,
        ),
        Question(
            id="context.tool_fate",
            step="context",
            label="Should the current tool stay?",
            type=QType.CHOICE,
            show_when=_when("context.tools", "answered_other_than", ["none", "spreadsheets_inbox"]),
            choices=_choices(
                ("keep", "Keep it and build around it"),
                ("replace", "Replace it"),
                ("open", "Open to either"),
            ),
            needed=True,
        ),
        Question(
            id="context.channels",
            step="context",
            label="Through which channels do requests arrive?",
            type=QType.MULTI,
            choices=_choices(*CHANNELS),
            needed=True,
        ),
        *_channel_volume_questions,
        *_channel_handle_time_questions,
        Question(
            id="context.phone_aht",
            step="context",
            label="Average handle time of a call",
            type=QType.DECIMAL,
            help="Not known yet? The proposal assumes 6 min and says so.",
            show_when=_when("context.channels", "includes", "phone"),
            min_value=0.5,
            max_value=240,
            unit="min",
            placeholder="e.g. 6",
            needed=True,
            assumed=_assumed_handle_time("phone"),
        ),
        Question(
            id="context.phone_system",
            step="context",
            label="Which phone system or telephony provider is used?",
            type=QType.TEXT,
            show_when=_when("context.channels", "includes", "phone"),
            max_length=200,
        ),
        Question(
            id="context.chat_concurrency",
            step="context",
            label="How many chats does one agent handle at once?",
            type=QType.INTEGER,
            show_when=_when("context.channels", "includes", "chat"),
            min_value=1,
            max_value=6,
            placeholder="e.g. 2",
        ),
        *_live_target_questions_all,
        Question(
            id="context.async_response_hours",
            step="context",
            label="Email, portal and social: first response promised within",
            type=QType.DECIMAL,
            help="In covered hours. Queued work is staffed to answer within this window.",
            show_when=_when("context.channels", "includes_any", ["email", "portal", "social"]),
            min_value=0.25,
            max_value=240,
            unit="h",
            placeholder="e.g. 4",
        ),
        Question(
            id="context.messaging_apps",
            step="context",
            label="Which messaging apps?",
            type=QType.MULTI,
            show_when=_when("context.channels", "includes", "messaging"),
            choices=_choices(
                ("whatsapp", "WhatsApp"),
                ("messenger", "Facebook Messenger"),
                ("telegram", "Telegram"),
                ("sms", "SMS"),
                ("rcs", "RCS business messaging"),
                ("apple_messages", "Apple Messages for Business"),
                ("wechat", "WeChat"),
                ("line", "LINE"),
                ("viber", "Viber"),
            ),
            needed=True,
        ),
        Question(
            id="context.social_networks",
            step="context",
            label="Which social networks?",
            type=QType.MULTI,
            show_when=_when("context.channels", "includes", "social"),
            choices=_choices(
                ("instagram", "Instagram"),
                ("facebook", "Facebook"),
                ("x", "X (Twitter)"),
                ("linkedin", "LinkedIn"),
            ),
        ),
        Question(
            id="context.community_platforms",
            step="context",
            label="Which community platforms?",
            type=QType.MULTI,
            show_when=_when("context.channels", "includes", "community"),
            choices=_choices(
                ("discord", "Discord"),
                ("discourse", "Discourse forum"),
                ("slack_community", "Public Slack community"),
                ("reddit", "Reddit"),
                ("circle", "Circle"),
                ("khoros", "Khoros / Lithium community"),
                ("own_forum", "Own forum on the website"),
                ("other", "Other"),
            ),
            needed=True,
        ),
        Question(
            id="context.app_stores",
            step="context",
            label="Which app stores' reviews are answered?",
            type=QType.MULTI,
            show_when=_when("context.channels", "includes", "app_reviews"),
            choices=_choices(
                ("apple_app_store", "Apple App Store"),
                ("google_play", "Google Play"),
                ("other", "Other"),
            ),
            needed=True,
        ),
        Question(
            id="context.monitoring_sources",
            step="context",
            label="Which tools raise the alerts?",
            type=QType.MULTI,
            show_when=_when("context.channels", "includes", "monitoring"),
            choices=_choices(
                ("datadog", "Datadog"),
                ("pagerduty", "PagerDuty / Opsgenie"),
                ("zabbix_nagios", "Zabbix / Nagios / PRTG"),
                ("cloud_native", "Cloud monitoring (CloudWatch, Azure Monitor…)"),
                ("rmm", "An RMM (NinjaOne, Datto, N-able…)"),
                ("scada", "Plant or device telemetry (SCADA, IoT)"),
                ("other", "Other"),
            ),
            needed=True,
        ),
        Question(
            id="context.walkup_sites",
            step="context",
            label="At how many sites do people walk up for help?",
            type=QType.INTEGER,
            show_when=_when("context.channels", "includes", "in_person"),
            min_value=1,
            max_value=1000,
        ),
        Question(
            id="context.process",
            step="context",
            label="Describe the current support process, from request to resolution",
            type=QType.TEXTAREA,
            examples=(
                "Two tiers: the service desk answers first and escalates to specialists by "
                "email; nobody measures how long it takes.",
            ),
        ),
        Question(
            id="context.team_size",
            step="context",
            label="How many people work in support today?",
            type=QType.INTEGER,
            min_value=0,
            max_value=100_000,
            unit="agents",
            needed=True,
        ),
        _rows(
            "context.team_roles",
            "The team as it is: who answers, and when",
            (
                _f(
                    "role",
                    "Role",
                    QType.CHOICE,
                    required=True,
                    choices=_choices(
                        ("front_line", "Front-line agents"),
                        ("specialist", "Specialists (second line)"),
                        ("field", "Field or on-site staff (not at a desk)"),
                        ("lead", "Team leads and supervisors"),
                        ("other_dept", "Staff of other departments who also answer"),
                        ("volunteer", "Volunteers or community moderators"),
                    ),
                ),
                _f(
                    "people",
                    "People",
                    QType.INTEGER,
                    required=True,
                    min_value=1,
                    max_value=100_000,
                    unit="people",
                ),
                _f(
                    "employment",
                    "Employment",
                    QType.CHOICE,
                    choices=_choices(
                        ("full_time", "full-time"),
                        ("part_time", "part-time"),
                        ("seasonal", "seasonal"),
                        ("volunteer", "volunteer"),
                        ("contractor", "contractors"),
                    ),
                ),
                _f(
                    "hours",
                    "Hours a week each",
                    QType.DECIMAL,
                    min_value=1,
                    max_value=80,
                    unit="h / week",
                ),
                _f("note", "When or what", placeholder="e.g. November to January"),
            ),
            (
                "{role}: {people}, {employment}, {hours} ({note})",
                "{role}: {people}, {employment}, {hours}",
                "{role}: {people}, {employment} ({note})",
                "{role}: {people}, {employment}",
                "{role}: {people}, {hours}",
                "{role}: {people}",
            ),
            help=(
                "One row per kind of role, so staffing compares like with like: a part-time "
                "agent is not a full-time one."
            ),
            show_when=_when("context.team_size", "at_least", 1),
            max_rows=12,
        ),
        Question(
            id="context.tiers",
            step="context",
            label="How is the team organized?",
            type=QType.CHOICE,
            choices=_choices(
                ("single", "One group handles everything"),
                ("two", "Two tiers (first line, specialists)"),
                ("three", "Three tiers or more"),
            ),
        ),
        Question(
            id="context.contract_hours",
            step="context",
            label="Contracted hours per agent per week",
            type=QType.DECIMAL,
            min_value=5,
            max_value=60,
            unit="h",
            placeholder="e.g. 40",
            group="workforce",
        ),
        Question(
            id="context.shrinkage_absence",
            step="context",
            label="Paid time lost to absence (holidays, sickness)",
            type=QType.DECIMAL,
            help="Share of contracted hours; from HR or last year's rota, if known.",
            min_value=0,
            max_value=60,
            unit="%",
            placeholder="if known",
            group="workforce",
        ),
        Question(
            id="context.shrinkage_activity",
            step="context",
            label="Time at work spent off the queues (breaks, meetings, training, coaching)",
            type=QType.DECIMAL,
            min_value=0,
            max_value=60,
            unit="%",
            placeholder="if known",
            group="workforce",
        ),
        Question(
            id="context.coverage",
            step="context",
            label="Hours of coverage",
            type=QType.CHOICE,
            choices=_choices(
                ("business_hours", "Business hours on weekdays"),
                ("extended", "Extended hours, 7 days"),
                ("24x5", "24 hours on weekdays"),
                ("24x7", "24/7"),
            ),
            needed=True,
        ),
        Question(
            id="context.coverage_detail",
            step="context",
            label="Exact hours and time zone",
            type=QType.TEXT,
            placeholder="e.g. 09:00–18:00 CET, Monday to Friday",
            examples=("09:00–18:00 CET, Monday to Friday", "08:00–22:00 BRT, every day"),
            max_length=200,
        ),
        _rows(
            "context.calendars",
            "Coverage calendars: one per audience or queue with its own hours",
            (
                _f("name", "Audience or queue", required=True, placeholder="e.g. Patients"),
                _f("days", "Days", QType.CHOICE, choices=_choices(*WEEKDAYS)),
                _OPENS,
                _CLOSES,
                _ZONE,
            ),
            (
                "{name}: {days} {opens}–{closes} ({zone})",
                "{name}: {days} {opens}–{closes}",
                "{name}: {opens}–{closes} ({zone})",
                "{name}: {days} ({zone})",
                "{name}: {days}",
            ),
            help="Leave it empty if one calendar covers everyone. 00:00–24:00 is all day.",
            show_when=_when("context.coverage", "answered"),
            max_rows=12,
        ),
        Question(
            id="context.follow_the_sun",
            step="context",
            label="Is 24-hour coverage worked from sites in several time zones (follow the sun)?",
            type=QType.CHOICE,
            show_when=_when("context.coverage", "in", ["24x5", "24x7"]),
            choices=_choices(
                ("yes", "Yes, several sites hand over"),
                ("no", "No, one site works shifts or is on call"),
            ),
        ),
        Question(
            id="context.backlog_hours",
            step="context",
            label="What arrives while the desk is closed: answered within how many hours of opening?",
            type=QType.DECIMAL,
            help=(
                "The night's and the weekend's messages, emails and forms, in covered hours. "
                "It applies to channels promised a faster reply than this; the others keep "
                "their own window. Not known yet? The proposal assumes 2 h and says so."
            ),
            show_when={
                "all": [
                    _when(
                        "context.channels",
                        "includes_any",
                        ["messaging", "email", "portal", "social"],
                    ),
                    _when("context.coverage", "in", ["business_hours", "extended", "24x5"]),
                ]
            },
            min_value=0.5,
            max_value=48,
            unit="h",
            placeholder="e.g. 2",
            assumed=Assumption(2, "2 h after opening", "Support Blueprint planning default"),
        ),
        _rows(
            "context.sites",
            "Follow-the-sun sites",
            (
                _f("name", "Site or region", required=True, placeholder="e.g. Manila"),
                _ZONE,
                _OPENS,
                _CLOSES,
                _f(
                    "people", "People", QType.INTEGER, min_value=1, max_value=100_000, unit="people"
                ),
            ),
            (
                "{name} ({zone}): {opens}–{closes}, {people}",
                "{name} ({zone}): {opens}–{closes}",
                "{name}: {opens}–{closes}",
                "{name} ({zone}): hands over at {closes}",
                "{name}: hands over at {closes}",
                "{name} ({zone})",
                "{name}",
            ),
            show_when=_when("context.follow_the_sun", "equals", "yes"),
            max_rows=12,
        ),
        Question(
            id="context.outsourced",
            step="context",
            label="Does an outsourcing partner handle part of the work?",
            type=QType.CHOICE,
            choices=_choices(
                ("none", "No, all in-house"),
                ("part", "Part of it (overflow, nights, a tier or a language)"),
                ("all", "All of it"),
            ),
        ),
        _rows(
            "context.partners",
            "Outsourcing partners and their share of the work",
            (
                _f("name", "Partner", required=True, placeholder="e.g. Teleperformance"),
                _f("scope", "What they handle", placeholder="e.g. nights and weekends, phone"),
                _f(
                    "share",
                    "Share of contacts",
                    QType.INTEGER,
                    min_value=0,
                    max_value=100,
                    unit="%",
                ),
                _f(
                    "people", "Agents", QType.INTEGER, min_value=1, max_value=100_000, unit="agents"
                ),
                _f("location", "Where", placeholder="e.g. Lisbon"),
            ),
            (
                "{name}: {scope}, {share} of contacts, {people} in {location}",
                "{name}: {scope}, {share} of contacts",
                "{name}: {share} of contacts",
                "{name}: {scope}",
                "{name}",
            ),
            show_when=_when("context.outsourced", "in", ["part", "all"]),
            sum_max=(("share", 100),),
            max_rows=10,
            needed=True,
        ),
        Question(
            id="context.metrics_known",
            step="context",
            label="Does the client measure support today?",
            type=QType.CHOICE,
            choices=_choices(("yes", "Yes"), ("partly", "Partly"), ("no", "No")),
        ),
        Question(
            id="context.current_metrics",
            step="context",
            label="Which figures are known today?",
            type=QType.TEXTAREA,
            show_when=_when("context.metrics_known", "in", ["yes", "partly"]),
            examples=("First response about 18 h; CSAT 78% (quarterly survey).",),
        ),
    ),
)


# --- 3. Target audience ------------------------------------------------------------------

AUDIENCE = Step(
    slug="audience",
    number=3,
    title=_("Target audience"),
    intro=_("Who asks for help, how many of them, where and in which languages."),
    questions=(
        Question(
            id="audience.type",
            step="audience",
            label="Who will the support system serve?",
            type=QType.CHOICE,
            choices=_choices(
                ("external", "End customers"),
                ("internal", "Internal employees"),
                ("both", "Both"),
            ),
            needed=True,
        ),
        Question(
            id="audience.market",
            step="audience",
            label="Business or consumer customers?",
            type=QType.CHOICE,
            show_when=_when("audience.type", "in", ["external", "both"]),
            choices=_choices(("b2b", "B2B"), ("b2c", "B2C"), ("both", "Both")),
            needed=True,
        ),
        Question(
            id="audience.consumer_kind",
            step="audience",
            label="Are they corporate or individual consumers?",
            type=QType.CHOICE,
            show_when=_when("audience.type", "in", ["external", "both"]),
            choices=_choices(
                ("corporate", "Corporate"),
                ("individual", "Individual"),
                ("both", "Both"),
            ),
        ),
        Question(
            id="audience.accounts",
            step="audience",
            label="How many customer accounts (companies)?",
            type=QType.INTEGER,
            show_when=_when("audience.market", "in", ["b2b", "both"]),
            min_value=0,
            max_value=10_000_000,
        ),
        Question(
            id="audience.contract_slas",
            step="audience",
            label="Do some customers have contractual SLAs or premium plans?",
            type=QType.CHOICE,
            show_when=_when("audience.market", "in", ["b2b", "both"]),
            choices=_choices(("yes", "Yes"), ("no", "No")),
        ),
        Question(
            id="audience.service_provider",
            step="audience",
            label=(
                "Is support the client's service to other companies (an MSP, an outsourcer, "
                "an agency)?"
            ),
            type=QType.CHOICE,
            show_when=_when("audience.market", "in", ["b2b", "both"]),
            choices=_choices(
                ("yes", "Yes, it serves many customer companies"),
                ("no", "No, it supports its own product or service"),
            ),
        ),
        Question(
            id="audience.customer_needs",
            step="audience",
            label="What does each customer company need of its own?",
            type=QType.MULTI,
            show_when=_when("audience.service_provider", "equals", "yes"),
            choices=_choices(
                ("branded_portal", "Its own portal or branding"),
                ("own_sla", "Its own SLA"),
                ("dedicated_team", "A dedicated team or named engineers"),
                ("own_reports", "Its own reports"),
                ("separate_data", "Its data kept apart from other customers'"),
                ("own_catalogue", "Its own service catalogue or forms"),
                ("approvals", "Approvals by someone at the customer"),
            ),
            needed=True,
        ),
        _rows(
            "audience.contracts",
            "Contracts or plans with their own SLAs",
            (
                _f("name", "Contract or plan", required=True, placeholder="e.g. Gold"),
                _f(
                    "customers",
                    "Customers on it",
                    QType.INTEGER,
                    min_value=1,
                    max_value=10_000_000,
                    unit="customers",
                ),
                _f(
                    "hours",
                    "Covered hours",
                    QType.CHOICE,
                    choices=_choices(
                        ("business", "business hours"),
                        ("extended", "extended hours"),
                        ("24x7", "24/7"),
                    ),
                ),
                _f(
                    "response",
                    "First response within",
                    QType.DECIMAL,
                    min_value=0.01,
                    max_value=720,
                    unit="h",
                ),
                _f(
                    "resolution",
                    "Resolution within",
                    QType.DECIMAL,
                    min_value=0.1,
                    max_value=8760,
                    unit="h",
                ),
            ),
            (
                "{name} ({customers}, {hours}): first response within {response}, "
                "resolution within {resolution}",
                "{name} ({hours}): first response within {response}, resolution within "
                "{resolution}",
                "{name}: first response within {response}, resolution within {resolution}",
                "{name} ({hours}): first response within {response}",
                "{name}: first response within {response}",
                "{name} ({hours})",
                "{name}",
            ),
            show_when=_when("audience.contract_slas", "equals", "yes"),
            max_rows=20,
            needed=True,
        ),
        Question(
            id="audience.time_tracking",
            step="audience",
            label="Is time spent on tickets tracked?",
            type=QType.CHOICE,
            show_when=_when("audience.service_provider", "equals", "yes"),
            choices=_choices(
                ("billable", "Yes, and billed to the customer"),
                ("internal", "Yes, for internal reporting only"),
                ("none", "No"),
            ),
            needed=True,
        ),
        Question(
            id="audience.billing_models",
            step="audience",
            label="How are customers billed for support?",
            type=QType.MULTI,
            show_when=_when("audience.service_provider", "equals", "yes"),
            choices=_choices(
                ("per_hour", "Per hour worked"),
                ("block_hours", "Prepaid blocks of hours"),
                ("per_user", "Per user per month"),
                ("per_device", "Per device or endpoint per month"),
                ("per_ticket", "Per ticket"),
                ("fixed_fee", "Fixed monthly fee"),
                ("project", "Per project"),
            ),
        ),
        Question(
            id="audience.itsm",
            step="audience",
            label="Which IT service management practices are needed?",
            type=QType.MULTI,
            show_when=_when("audience.type", "in", ["internal", "both"]),
            choices=_choices(
                ("incident", "Incident management"),
                ("request", "Service requests and catalogue"),
                ("problem", "Problem management"),
                ("change", "Change management"),
                ("asset", "Asset management (who has which laptop, licence…)"),
            ),
            needed=True,
        ),
        Question(
            id="audience.users",
            step="audience",
            label="How many people can ask for support?",
            type=QType.INTEGER,
            min_value=1,
            max_value=1_000_000_000,
            unit="users",
            needed=True,
        ),
        Question(
            id="audience.languages",
            step="audience",
            label="In which languages?",
            type=QType.LANGUAGES,
            help=(
                "Name them, separated by commas: English names (Spanish), own names "
                "(Deutsch) or codes (pt) all work."
            ),
            placeholder="e.g. English, German, Brazilian Portuguese",
            examples=("English", "English, Spanish", "German, French, Italian, English"),
            needed=True,
        ),
        Question(
            id="audience.regions",
            step="audience",
            label="From which regions?",
            type=QType.MULTI,
            choices=_choices(
                ("europe", "Europe"),
                ("north_america", "North America"),
                ("latin_america", "Latin America"),
                ("apac", "Asia-Pacific"),
                ("mea", "Middle East and Africa"),
            ),
            needed=True,
        ),
        Question(
            id="audience.timezones",
            step="audience",
            label="Time zones to cover",
            type=QType.TEXT,
            placeholder="e.g. CET, BRT, EST",
            max_length=300,
        ),
        Question(
            id="audience.challenges",
            step="audience",
            label="What do these users struggle with when they need help?",
            type=QType.TEXTAREA,
            examples=(
                "They cannot find answers themselves and wait a day for simple questions.",
                "They do not know where to ask, so requests go to whoever they know.",
            ),
        ),
    ),
)


# --- 4. Success metrics ------------------------------------------------------------------

_TIME_UNITS = DURATION_UNITS[:3]  # seconds, minutes, hours
_KPI_UNITS = {
    "hours": (DURATION_UNITS[1], DURATION_UNITS[2], DURATION_UNITS[3]),  # min, h, days
    "s": _TIME_UNITS[:2],  # seconds, minutes
}


def _kpi_value(kpi: str, label: str, unit: str, part: str, shown: dict[str, Any]) -> Question:
    """One KPI's baseline or target, in the unit the client speaks for durations."""
    target = part == "target"
    common: dict[str, Any] = {
        "id": f"metrics.{kpi}.{part}",
        "step": "metrics",
        "label": f"{label}: {'target' if target else 'today'}",
        "show_when": shown,
        "group": f"kpi-{kpi}",
        "needed": target,
        "placeholder": "" if target else "if known",
    }
    if kpi in DURATION_KPIS:
        offered = _KPI_UNITS[unit]
        return Question(
            type=QType.QUANTITY,
            unit=unit,
            units=offered,
            min_value=0,
            max_value=100_000 if unit == "hours" else 3600,
            **common,
        )
    return Question(
        type=QType.DECIMAL,
        min_value=-100 if kpi == "nps" else 0,
        max_value=100 if unit in ("%", "points") else 1_000_000,
        unit=unit,
        **common,
    )


_kpi_questions: list[Question] = []
for _kpi, _label, _unit in KPIS:
    _shown = _when("metrics.kpis", "includes", _kpi)
    if _kpi in MIX_KPIS:
        _kpi_questions.append(
            _rows(
                f"metrics.{_kpi}.mix",
                f"{_label}: per channel, today and target",
                (
                    _f(
                        "channel",
                        "Channel",
                        QType.CHOICE,
                        required=True,
                        choices=_choices(*CHANNELS),
                    ),
                    _f("now", "Share today", QType.INTEGER, min_value=0, max_value=100, unit="%"),
                    _f(
                        "target",
                        "Target share",
                        QType.INTEGER,
                        min_value=0,
                        max_value=100,
                        unit="%",
                    ),
                ),
                (
                    "{channel}: from {now} to {target}",
                    "{channel}: {target} target",
                    "{channel}: {now} today",
                ),
                show_when=_shown,
                sum_max=(("now", 100), ("target", 100)),
                max_rows=len(CHANNELS),
                needed=True,
            )
        )
    elif _kpi in LIVE_KPIS:
        # Their targets are the live channels' own (context.phone_sl_target and the rest,
        # asked with the channel): only today's figure is asked here.
        _kpi_questions.append(
            replace(
                _kpi_value(_kpi, _label, _unit, "baseline", _shown),
                help="Today's figure. The target is asked with each live channel, in step 2.",
            )
        )
    else:
        _kpi_questions += [
            _kpi_value(_kpi, _label, _unit, "baseline", _shown),
            _kpi_value(_kpi, _label, _unit, "target", _shown),
        ]
    _kpi_questions.append(
        Question(
            id=f"metrics.{_kpi}.horizon",
            step="metrics",
            label=f"{_label}: by when",
            type=QType.CHOICE,
            show_when=_shown,
            choices=HORIZONS,
            group=f"kpi-{_kpi}",
            needed=True,
        )
    )

METRICS = Step(
    slug="metrics",
    number=4,
    title=_("Success metrics"),
    intro=_("The KPIs that will say whether the new support system works, with targets."),
    questions=(
        Question(
            id="metrics.kpis",
            step="metrics",
            label="Which KPIs matter most?",
            type=QType.MULTI,
            help="For each one you pick, give today's value if known, a target and a horizon.",
            choices=_choices(*((k, label) for k, label, _ in KPIS)),
            needed=True,
        ),
        *_kpi_questions,
        Question(
            id="metrics.results_short",
            step="metrics",
            label="Results expected in the short term (first 3 months)",
            type=QType.TEXTAREA,
            examples=("Every request is a ticket with an owner; first responses under 4 hours.",),
            needed=True,
        ),
        Question(
            id="metrics.results_medium",
            step="metrics",
            label="Results expected in the medium term (3–12 months)",
            type=QType.TEXTAREA,
            examples=("A knowledge base answers the top 20 questions; CSAT at 85%.",),
        ),
        Question(
            id="metrics.results_long",
            step="metrics",
            label="Results expected in the long term (12+ months)",
            type=QType.TEXTAREA,
            examples=("Support scales with 3× the customers without tripling the team.",),
        ),
        Question(
            id="metrics.review_cadence",
            step="metrics",
            label="How often should the KPIs be reviewed?",
            type=QType.CHOICE,
            choices=_choices(
                ("weekly", "Weekly"), ("monthly", "Monthly"), ("quarterly", "Quarterly")
            ),
        ),
    ),
)


# --- 5. Scalability and complexity -------------------------------------------------------

SCALE = Step(
    slug="scale",
    number=5,
    title=_("Scalability and complexity"),
    intro=_(
        "Size, growth, peaks, availability, budget and the constraints the design must respect."
    ),
    questions=(
        Question(
            id="scale.org_size",
            step="scale",
            label="Size of the client organization",
            type=QType.CHOICE,
            choices=_choices(
                ("xs", "Under 50 people"),
                ("s", "50–250"),
                ("m", "250–1,000"),
                ("l", "1,000–5,000"),
                ("xl", "Over 5,000"),
            ),
            needed=True,
        ),
        Question(
            id="scale.volume_now",
            step="scale",
            label="Tickets per month today (all channels)",
            type=QType.INTEGER,
            min_value=0,
            max_value=100_000_000,
            unit="/ month",
            group="volume",
            needed=True,
        ),
        Question(
            id="scale.volume_12m",
            step="scale",
            label="Expected in 12 months",
            type=QType.INTEGER,
            min_value=0,
            max_value=100_000_000,
            unit="/ month",
            group="volume",
            needed=True,
        ),
        Question(
            id="scale.volume_36m",
            step="scale",
            label="Expected in 36 months",
            type=QType.INTEGER,
            min_value=0,
            max_value=100_000_000,
            unit="/ month",
            group="volume",
        ),
        Question(
            id="scale.peak_factor",
            step="scale",
            label="Peak volume as a multiple of a normal month",
            type=QType.DECIMAL,
            help="1 means steady; 4 means peaks bring four times the normal volume.",
            min_value=1,
            max_value=50,
            unit="×",
            placeholder="e.g. 1.5",
            needed=True,
        ),
        Question(
            id="scale.seasonality",
            step="scale",
            label="When do the peaks come, and for how long?",
            type=QType.TEXT,
            show_when=_when("scale.peak_factor", "at_least", 1.5),
            examples=("Black Friday to Christmas, about six weeks", "Month-end closing, 3 days"),
            max_length=300,
            needed=True,
        ),
        Question(
            id="scale.peak_days",
            step="scale",
            label="How many days a year do the peaks last in all?",
            type=QType.INTEGER,
            help="Peak days are staffed as their own days, not by a bigger team all year.",
            show_when=_when("scale.peak_factor", "at_least", 1.5),
            min_value=1,
            max_value=365,
            unit="days",
            placeholder="e.g. 42",
        ),
        Question(
            id="scale.peak_months",
            step="scale",
            label="In which months?",
            type=QType.MULTI,
            show_when=_when("scale.peak_factor", "at_least", 1.5),
            choices=_choices(*MONTHS),
        ),
        Question(
            id="scale.spikes_known",
            step="scale",
            label="Are there short spikes (a launch, an outage, a campaign, a storm)?",
            type=QType.CHOICE,
            help="Hours or days far above normal, which a monthly peak factor hides.",
            choices=_choices(("yes", "Yes"), ("no", "No")),
        ),
        _rows(
            "scale.spikes",
            "Short spikes: how many times normal, for how long, how often",
            (
                _f("cause", "What causes it", required=True, placeholder="e.g. product launch"),
                _f(
                    "factor",
                    "Times normal",
                    QType.DECIMAL,
                    required=True,
                    min_value=1.1,
                    max_value=100,
                    unit="×",
                    placeholder="e.g. 10",
                ),
                _f(
                    "lasts",
                    "Lasts",
                    QType.DECIMAL,
                    min_value=0.5,
                    max_value=365,
                    placeholder="e.g. 3",
                ),
                _f(
                    "lasts_unit",
                    "Hours or days",
                    QType.CHOICE,
                    choices=_choices(("hours", "hours"), ("days", "days"), ("weeks", "weeks")),
                ),
                _f(
                    "often",
                    "How often",
                    QType.CHOICE,
                    choices=_choices(
                        ("weekly", "every week"),
                        ("monthly", "every month"),
                        ("quarterly", "a few times a year"),
                        ("yearly", "once a year"),
                        ("unpredictable", "without warning"),
                    ),
                ),
            ),
            (
                "{cause}: {factor} normal for {lasts} {lasts_unit}, {often}",
                "{cause}: {factor} normal for {lasts} {lasts_unit}",
                "{cause}: {factor} normal, {often}",
                "{cause}: {factor} normal",
            ),
            show_when=_when("scale.spikes_known", "equals", "yes"),
            max_rows=10,
            needed=True,
        ),
        Question(
            id="scale.pay_for_peaks",
            step="scale",
            label="Should peak capacity be paid for only when it is needed?",
            type=QType.CHOICE,
            show_when=_when("scale.peak_factor", "at_least", 2),
            choices=_choices(("yes", "Yes, flexible seats or capacity"), ("no", "No")),
        ),
        Question(
            id="scale.needs",
            step="scale",
            label="Which scalability needs apply?",
            type=QType.MULTI,
            choices=_choices(
                ("servers", "Own servers or self-hosted components"),
                ("load_balancing", "Load balancing"),
                ("advanced_automation", "Advanced automation at volume"),
                ("multi_region", "Several regions"),
                ("none", "None beyond a SaaS tool"),
            ),
            exclusive=("none",),
        ),
        Question(
            id="scale.availability",
            step="scale",
            label="How available must the support system be?",
            type=QType.CHOICE,
            choices=_choices(
                ("standard", "Standard (99.5%, a few hours of downtime a month is tolerable)"),
                ("high", "High (99.9%, under 45 minutes a month)"),
                ("critical", "Critical (99.95% or more, support is part of the product)"),
            ),
            needed=True,
        ),
        Question(
            id="scale.budget",
            step="scale",
            label="Budget for tools (licences and hosting)",
            type=QType.CHOICE,
            choices=_choices(
                ("minimal", "Minimal: free or open source preferred"),
                ("tight", "Tight: up to about $25 per agent per month"),
                ("moderate", "Moderate: up to about $80 per agent per month"),
                ("enterprise", "Enterprise: budget approved for a premium tool"),
            ),
            needed=True,
        ),
        Question(
            id="scale.agent_cost_hour",
            step="scale",
            label="Loaded cost of one agent hour",
            type=QType.DECIMAL,
            help=(
                "Salary, benefits, taxes and overheads divided by paid hours. The business "
                "case prices the staffing plan with it; without it, staffing is not priced."
            ),
            min_value=1,
            max_value=1000,
            unit="USD / h",
            placeholder="e.g. 32",
            group="business-case",
        ),
        Question(
            id="scale.discount_rate",
            step="scale",
            label="Discount rate for the business case",
            type=QType.DECIMAL,
            help="The client's cost of capital or hurdle rate, for the net present value.",
            min_value=0,
            max_value=40,
            unit="%",
            placeholder="e.g. 8",
            group="business-case",
        ),
        Question(
            id="scale.day_rate",
            step="scale",
            label="Day rate for implementation work",
            type=QType.DECIMAL,
            help="What a day of the partner's or the internal project team's work costs.",
            min_value=1,
            max_value=10000,
            unit="USD / day",
            placeholder="e.g. 900",
            group="business-case",
        ),
        Question(
            id="scale.cost_sensitivity",
            step="scale",
            label="What else matters about cost, beyond the budget?",
            type=QType.MULTI,
            choices=_choices(
                ("predictable", "A predictable monthly bill matters more than the lowest price"),
                ("ai_usage", "Avoid usage-based AI pricing (per resolution or conversation)"),
                ("ai_cap", "AI spend needs a hard monthly cap"),
                ("per_agent", "Per-agent pricing hurts: many occasional or part-time agents"),
                ("monthly_terms", "Monthly terms: no annual commitment"),
                ("one_off", "A one-off purchase rather than a subscription"),
                ("discount", "Non-profit, education or public-sector pricing expected"),
                ("none", "Nothing in particular"),
            ),
            exclusive=("none",),
        ),
        Question(
            id="scale.deployment",
            step="scale",
            label="Deployment preference",
            type=QType.CHOICE,
            choices=_choices(
                ("cloud", "Cloud (SaaS)"),
                ("self_hosted", "Self-hosted (own servers or own cloud account)"),
                ("hybrid", "Hybrid"),
                ("no_preference", "No preference"),
            ),
            needed=True,
        ),
        Question(
            id="scale.cloud_provider",
            step="scale",
            label="Is the client already on a cloud provider?",
            type=QType.CHOICE,
            choices=_choices(
                ("azure", "Microsoft Azure"),
                ("aws", "Amazon Web Services"),
                ("gcp", "Google Cloud"),
                ("none", "None / not sure"),
            ),
        ),
        Question(
            id="scale.compliance",
            step="scale",
            label="Which regulations or certifications apply?",
            type=QType.MULTI,
            choices=_choices(
                ("gdpr", "GDPR"),
                ("lgpd", "LGPD (Brazil)"),
                ("hipaa", "HIPAA"),
                ("soc2", "SOC 2"),
                ("iso27001", "ISO 27001"),
                ("pci_dss", "PCI DSS"),
                ("none", "None"),
            ),
            exclusive=("none",),
            needed=True,
        ),
        Question(
            id="scale.obligations",
            step="scale",
            label="Which other obligations bind the support data and service?",
            type=QType.MULTI,
            help="Asked apart from the regulations above: they bind even without one.",
            choices=_choices(
                ("residency", "Data must stay in a given country or region"),
                ("retention", "Records must be kept for a set time, or deleted after one"),
                ("accessibility", "An accessibility law or standard applies"),
                ("sector", "Sector rules (education, finance, government, energy…)"),
                (
                    "deadlines",
                    "Deadlines set by a law, regulator or ombudsman (complaints, requests, repairs…)",
                ),
                ("other", "Another obligation"),
                ("none", "None"),
            ),
            exclusive=("none",),
            needed=True,
        ),
        Question(
            id="scale.data_residency",
            step="scale",
            label="Where must support data be stored?",
            type=QType.CHOICE,
            show_when={
                "any": [
                    _when("scale.compliance", "answered_other_than", ["none"]),
                    _when("scale.obligations", "includes", "residency"),
                ]
            },
            choices=_choices(
                ("eu", "In the EU"),
                ("us", "In the USA"),
                ("brazil", "In Brazil"),
                ("named", "In another country or region (name it below)"),
                ("in_country", "In the client's own country / on premises"),
                ("anywhere", "No restriction"),
            ),
            needed=True,
        ),
        Question(
            id="scale.residency_places",
            step="scale",
            label="Which countries or regions?",
            type=QType.PLACES,
            help="Any country, or EU, EEA, a region: names or codes, separated by commas.",
            show_when=_when("scale.data_residency", "in", ["named", "in_country"]),
            placeholder="e.g. Canada",
            needed=True,
        ),
        _rows(
            "scale.retention",
            "Which records must be kept, or deleted, and for how long?",
            (
                _f("records", "Records", required=True, placeholder="e.g. patient messages"),
                _f(
                    "rule",
                    "Rule",
                    QType.CHOICE,
                    choices=_choices(
                        ("keep_at_least", "kept for at least"),
                        ("delete_after", "deleted after"),
                        ("anonymise_after", "anonymised after"),
                    ),
                ),
                _f(
                    "keep",
                    "How long",
                    QType.INTEGER,
                    min_value=1,
                    max_value=100,
                    placeholder="e.g. 7",
                ),
                _f(
                    "period",
                    "Unit",
                    QType.CHOICE,
                    choices=_choices(("days", "days"), ("months", "months"), ("years", "years")),
                ),
                _f("basis", "Because of", placeholder="e.g. state records schedule"),
            ),
            (
                "{records}: {rule} {keep} {period} ({basis})",
                "{records}: {rule} {keep} {period}",
                "{records} ({basis})",
                "{records}",
            ),
            show_when=_when("scale.obligations", "includes", "retention"),
            max_rows=12,
            needed=True,
        ),
        _rows(
            "scale.deadlines",
            "Which deadlines does a law, regulator or ombudsman set, and within how long?",
            (
                _f(
                    "duty",
                    "What must be done",
                    required=True,
                    placeholder="e.g. acknowledge a complaint",
                ),
                _f(
                    "within",
                    "Within",
                    QType.INTEGER,
                    min_value=1,
                    max_value=366,
                    placeholder="e.g. 5",
                ),
                _f(
                    "unit",
                    "Unit",
                    QType.CHOICE,
                    choices=_choices(
                        ("hours", "hours"),
                        ("working_days", "working days"),
                        ("days", "calendar days"),
                        ("weeks", "weeks"),
                        ("months", "months"),
                    ),
                ),
                _f("basis", "Set by", placeholder="e.g. Housing Ombudsman Complaint Handling Code"),
            ),
            (
                "{duty}: within {within} {unit} ({basis})",
                "{duty}: within {within} {unit}",
                "{duty} ({basis})",
                "{duty}",
            ),
            help=(
                "Each becomes an SLA clock of its own in the help desk, counted from when the "
                "request arrives, and a KPI the board can see."
            ),
            show_when=_when("scale.obligations", "includes", "deadlines"),
            max_rows=12,
            needed=True,
        ),
        Question(
            id="scale.accessibility_laws",
            step="scale",
            label="Which accessibility laws or standards?",
            type=QType.MULTI,
            show_when=_when("scale.obligations", "includes", "accessibility"),
            choices=_choices(
                ("wcag21_aa", "WCAG 2.1 AA"),
                ("wcag22_aa", "WCAG 2.2 AA"),
                ("ada", "ADA (Americans with Disabilities Act)"),
                ("section508", "Section 508 (US federal)"),
                ("en301549", "EN 301 549 (EU public procurement)"),
                ("eaa", "European Accessibility Act"),
                ("aoda", "AODA (Ontario)"),
                ("other", "Other"),
            ),
            needed=True,
        ),
        Question(
            id="scale.sector_rules",
            step="scale",
            label="Which sector rules?",
            type=QType.MULTI,
            help="HIPAA and PCI DSS are in the regulations list above.",
            show_when=_when("scale.obligations", "includes", "sector"),
            choices=_choices(
                ("ferpa", "FERPA (US student records)"),
                ("glba", "GLBA (US financial privacy)"),
                ("sox", "SOX (financial reporting controls)"),
                ("finra_sec", "SEC / FINRA record-keeping"),
                ("fca", "FCA rules (UK financial services)"),
                ("bacen", "Banco Central do Brasil rules (ombudsman, Pix)"),
                ("dora", "DORA (EU financial ICT resilience)"),
                ("nis2", "NIS2 (EU essential and important entities)"),
                ("fedramp", "FedRAMP (US federal cloud)"),
                ("cjis", "CJIS (US criminal justice information)"),
                ("public_records", "Public records law (freedom of information)"),
                ("housing_ombudsman", "Housing Ombudsman Complaint Handling Code (England)"),
                ("awaabs_law", "Awaab's Law (hazards in social housing, England)"),
                ("rsh_tsm", "Regulator of Social Housing: Tenant Satisfaction Measures (England)"),
                ("other", "Other"),
            ),
            needed=True,
        ),
        Question(
            id="scale.obligations_other",
            step="scale",
            label="Which other obligation, in the client's words?",
            type=QType.TEXTAREA,
            # Asked for an "Other" sector rule too: a sector code the list does not name
            # (a housing ombudsman's code, a gaming regulator) is lost unless it is written.
            show_when={
                "any": [
                    _when("scale.obligations", "includes", "other"),
                    _when("scale.sector_rules", "includes", "other"),
                ]
            },
            max_length=1000,
            needed=True,
        ),
        Question(
            id="scale.audit_trail",
            step="scale",
            label="Must every change to a ticket be kept in an audit trail?",
            type=QType.CHOICE,
            show_when=_when("scale.compliance", "includes_any", ["iso27001", "soc2", "hipaa"]),
            choices=_choices(("yes", "Yes"), ("no", "No")),
        ),
        Question(
            id="scale.hipaa_baa",
            step="scale",
            label="Will vendors need to sign a Business Associate Agreement (BAA)?",
            type=QType.CHOICE,
            show_when=_when("scale.compliance", "includes", "hipaa"),
            choices=_choices(("yes", "Yes"), ("no", "No")),
        ),
    ),
)


# --- 6. Required integrations ------------------------------------------------------------


def _integration_details(
    category: str, label: str, *, direction: bool = True, shown: dict[str, Any] | None = None
) -> list[Question]:
    shown = shown or _when(f"integrations.{category}", "answered_other_than", ["none"])
    questions = [
        Question(
            id=f"integrations.{category}_purpose",
            step="integrations",
            label=f"{label}: what should the integration do?",
            type=QType.TEXT,
            show_when=shown,
            max_length=400,
            group=f"int-{category}",
        )
    ]
    if direction:
        questions.append(
            Question(
                id=f"integrations.{category}_direction",
                step="integrations",
                label=f"{label}: direction of data",
                type=QType.CHOICE,
                show_when=shown,
                choices=DIRECTIONS,
                group=f"int-{category}",
                needed=True,
            )
        )
    return questions


INTEGRATIONS = Step(
    slug="integrations",
    number=6,
    title=_("Required integrations"),
    intro=_("The systems the support tool must talk to, what for, and which way data flows."),
    questions=(
        Question(
            id="integrations.crm",
            step="integrations",
            label="CRM",
            type=QType.MULTI,
            choices=_choices(
                ("salesforce", "Salesforce"),
                ("hubspot", "HubSpot"),
                ("dynamics", "Microsoft Dynamics 365"),
                ("zoho_crm", "Zoho CRM"),
                ("pipedrive", "Pipedrive"),
                ("other", "Other"),
                ("none", "None"),
            ),
            exclusive=("none",),
            needed=True,
        ),
        Question(
            id="integrations.salesforce_objects",
            step="integrations",
            label="Which Salesforce records should sync?",
            type=QType.MULTI,
            show_when=_when("integrations.crm", "includes", "salesforce"),
            choices=_choices(
                ("accounts", "Accounts"),
                ("contacts", "Contacts"),
                ("cases", "Cases"),
                ("opportunities", "Opportunities"),
                ("assets", "Assets / entitlements"),
            ),
            needed=True,
        ),
        Question(
            id="integrations.hubspot_objects",
            step="integrations",
            label="Which HubSpot records should sync?",
            type=QType.MULTI,
            show_when=_when("integrations.crm", "includes", "hubspot"),
            choices=_choices(
                ("contacts", "Contacts"),
                ("companies", "Companies"),
                ("deals", "Deals"),
                ("tickets", "Tickets"),
            ),
            needed=True,
        ),
        *_integration_details("crm", "CRM"),
        Question(
            id="integrations.erp",
            step="integrations",
            label="ERP",
            type=QType.MULTI,
            choices=_choices(
                ("sap", "SAP"),
                ("oracle", "Oracle"),
                ("dynamics_erp", "Microsoft Dynamics 365 Finance / Business Central"),
                ("netsuite", "NetSuite"),
                ("odoo", "Odoo"),
                ("other", "Other"),
                ("none", "None"),
            ),
            exclusive=("none",),
            needed=True,
        ),
        Question(
            id="integrations.erp_uses",
            step="integrations",
            label="What should the ERP integration cover?",
            type=QType.MULTI,
            show_when=_when("integrations.erp", "answered_other_than", ["none"]),
            choices=_choices(
                ("orders", "Order and delivery status"),
                ("purchase_requests", "Purchase requests (e.g. hardware)"),
                ("invoices", "Invoices and billing"),
                ("inventory", "Inventory and spare parts"),
            ),
        ),
        *_integration_details("erp", "ERP"),
        Question(
            id="integrations.automation",
            step="integrations",
            label="Automation platforms",
            type=QType.MULTI,
            choices=_choices(
                ("zapier", "Zapier"),
                ("power_automate", "Power Automate"),
                ("make", "Make"),
                ("n8n", "n8n"),
                ("none", "None"),
            ),
            exclusive=("none",),
        ),
        *_integration_details("automation", "Automation"),
        Question(
            id="integrations.communication",
            step="integrations",
            label="Team communication",
            type=QType.MULTI,
            choices=_choices(
                ("slack", "Slack"),
                ("teams", "Microsoft Teams"),
                ("google_chat", "Google Chat"),
                ("none", "None"),
            ),
            exclusive=("none",),
            needed=True,
        ),
        Question(
            id="integrations.communication_uses",
            step="integrations",
            label="What should happen in the chat tool?",
            type=QType.MULTI,
            show_when=_when("integrations.communication", "answered_other_than", ["none"]),
            choices=_choices(
                ("alerts", "Alerts on new or breaching tickets"),
                ("ticket_creation", "Employees raise tickets from the chat"),
                ("swarming", "Agents swarm on hard tickets"),
                ("approvals", "Approvals"),
            ),
            needed=True,
        ),
        *_integration_details("communication", "Communication", direction=False),
        Question(
            id="integrations.identity",
            step="integrations",
            label="Identity provider for single sign-on",
            type=QType.CHOICE,
            choices=_choices(
                ("entra_id", "Microsoft Entra ID (Azure AD)"),
                ("okta", "Okta"),
                ("google", "Google Workspace"),
                ("other", "Other SAML / OIDC"),
                ("none", "None"),
            ),
            needed=True,
        ),
        Question(
            id="integrations.other",
            step="integrations",
            label="Other systems",
            type=QType.MULTI,
            choices=_choices(
                ("monitoring", "Monitoring and alerting"),
                ("billing", "Billing and payments"),
                ("ecommerce", "E-commerce platform"),
                ("dev_tracker", "Engineering issue tracker"),
                ("telephony", "Telephony / contact center"),
                ("none", "None"),
            ),
            exclusive=("none",),
        ),
        Question(
            id="integrations.ecommerce_platform",
            step="integrations",
            label="Which e-commerce platform?",
            type=QType.CHOICE,
            show_when=_when("integrations.other", "includes", "ecommerce"),
            choices=_choices(
                ("shopify", "Shopify"),
                ("magento", "Adobe Commerce (Magento)"),
                ("woocommerce", "WooCommerce"),
                ("vtex", "VTEX"),
                ("other", "Other"),
            ),
            needed=True,
        ),
        Question(
            id="integrations.dev_tracker",
            step="integrations",
            label="Which engineering tracker receives escalations?",
            type=QType.CHOICE,
            show_when=_when("integrations.other", "includes", "dev_tracker"),
            choices=_choices(
                ("jira_software", "Jira Software"),
                ("github", "GitHub"),
                ("gitlab", "GitLab"),
                ("azure_devops", "Azure DevOps"),
            ),
            needed=True,
        ),
        Question(
            id="integrations.billing_system",
            step="integrations",
            label="Which billing or payment system?",
            type=QType.TEXT,
            show_when=_when("integrations.other", "includes", "billing"),
            placeholder="e.g. Stripe",
            max_length=200,
        ),
        *(
            question
            for kind, label in OTHER_SYSTEMS
            for question in _integration_details(
                kind, label, shown=_when("integrations.other", "includes", kind)
            )
        ),
        _rows(
            "integrations.systems",
            "Other named systems, each with what it must do",
            (
                _f("name", "System", required=True, placeholder="e.g. Epic"),
                _f("class", "Kind", QType.CHOICE, required=True, choices=_choices(*SYSTEM_CLASSES)),
                _f(
                    "purpose",
                    "What the integration must do",
                    max_length=400,
                    placeholder="e.g. show the patient's record on the ticket",
                ),
                _f("direction", "Direction", QType.CHOICE, choices=DIRECTIONS),
            ),
            (
                "{name} ({class}): {purpose}; {direction}",
                "{name} ({class}): {purpose}",
                "{name} ({class}); {direction}",
                "{name} ({class})",
            ),
            help=(
                "Any system not listed above: an EHR, an RMM or PSA, a GIS, an LMS, an "
                "accounting package… One row per system, with its own purpose."
            ),
            max_rows=30,
        ),
        Question(
            id="integrations.builders",
            step="integrations",
            label="Who would build and run an integration the help desk has no connector for?",
            type=QType.CHOICE,
            choices=_choices(*INTEGRATION_BUILDERS),
            help=(
                "Decides whether the design may include code and cloud services of the "
                "client's own, or must connect everything through the help desk's apps, "
                "marketplace connectors and no-code automation."
            ),
        ),
        Question(
            id="integrations.notes",
            step="integrations",
            label="Anything else about integrations?",
            type=QType.TEXTAREA,
        ),
    ),
)

STEPS = (OBJECTIVE, CONTEXT, AUDIENCE, METRICS, SCALE, INTEGRATIONS)
