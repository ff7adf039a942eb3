"""Project templates: typical answers for a kind of client, as data like the question bank.

A new project can start from one. Its answers are prefilled and each is marked as a
template's guess (`Answer.template`) until the consultant confirms or changes it: the
wizard shows the mark with a Confirm button, the requirement traces and the requirements
page list such answers as assumptions, and nothing presents them as the client's words.

Built-in templates hold only structured answers (choices, numbers, codes): never text in a
client's voice. An organization's own templates (`ProjectTemplate`, saved from a project)
hold what the consultant chose to keep. Every template is checked against the bank when
Django starts (`discovery/checks.py`): each answer must be one the wizard could save, and
each follow-up must be shown by the template's own answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .bank import BANK, AnswerInvalid, QType
from .bank.model import check_stored

TEMPLATES_VERSION = "2026.12.1"

# How a template's guess is named wherever it is listed as an assumption (the proposal
# check and the generators use the same words). Placeholders: question, answer, template.
ASSUMPTION_TEXT = "{question}: {answer} (from the {template} template, not yet confirmed)"


@dataclass(frozen=True, slots=True)
class Template:
    slug: str
    name: str
    description: str
    answers: Mapping[str, Any] = field(default_factory=dict)


BUILT_IN: tuple[Template, ...] = (
    Template(
        slug="b2b_saas",
        name="B2B SaaS",
        description="A software company supporting business customers by email and chat.",
        answers={
            "objective.challenge": ["reduce_response_times", "self_service", "scale_growth"],
            "context.channels": ["email", "chat", "portal"],
            "context.tiers": "two",
            "context.coverage": "business_hours",
            "audience.type": "external",
            "audience.market": "b2b",
            "audience.consumer_kind": "corporate",
            "audience.contract_slas": "yes",
            "audience.service_provider": "no",
            "audience.languages": ["en"],
            "metrics.kpis": ["first_response_time", "csat", "self_service_rate"],
            "metrics.first_response_time.horizon": "short",
            "metrics.csat.horizon": "medium",
            "metrics.self_service_rate.horizon": "medium",
            "scale.peak_factor": 1.3,
            "scale.availability": "high",
            "scale.budget": "moderate",
            "scale.deployment": "cloud",
            "scale.compliance": ["gdpr", "soc2"],
            "scale.obligations": ["none"],
            "integrations.crm": ["hubspot"],
            "integrations.communication": ["slack"],
            "integrations.other": ["dev_tracker"],
            "integrations.dev_tracker": "jira_software",
        },
    ),
    Template(
        slug="ecommerce",
        name="E-commerce",
        description="An online shop answering consumers about orders, on many channels, with seasonal peaks.",
        answers={
            "objective.challenge": ["reduce_response_times", "automate_repetitive", "reduce_costs"],
            "objective.repetitive_tasks": ["order_status"],
            "context.channels": ["email", "chat", "messaging", "social"],
            "context.messaging_apps": ["whatsapp"],
            "context.social_networks": ["instagram", "facebook"],
            "context.chat_concurrency": 2,
            "context.tiers": "single",
            "context.coverage": "extended",
            "audience.type": "external",
            "audience.market": "b2c",
            "audience.consumer_kind": "individual",
            "metrics.kpis": ["avg_response_time", "csat", "cost_per_ticket"],
            "metrics.avg_response_time.horizon": "short",
            "metrics.csat.horizon": "medium",
            "metrics.cost_per_ticket.horizon": "long",
            "scale.peak_factor": 3,
            "scale.peak_months": ["nov", "dec"],
            "scale.pay_for_peaks": "yes",
            "scale.availability": "high",
            "scale.budget": "tight",
            "scale.deployment": "cloud",
            "scale.compliance": ["gdpr", "pci_dss"],
            "scale.obligations": ["none"],
            "integrations.crm": ["none"],
            "integrations.erp": ["none"],
            "integrations.other": ["ecommerce", "billing"],
            "integrations.ecommerce_platform": "shopify",
        },
    ),
    Template(
        slug="internal_it",
        name="Internal IT service desk",
        description="An IT team supporting the organization's own employees, ITIL practices.",
        answers={
            "objective.challenge": ["automate_repetitive", "self_service", "visibility"],
            "objective.repetitive_tasks": ["password_resets", "access_requests"],
            "context.channels": ["email", "phone", "portal"],
            "context.tiers": "two",
            "context.coverage": "business_hours",
            "audience.type": "internal",
            "audience.itsm": ["incident", "request", "change", "asset"],
            "metrics.kpis": ["fcr", "resolution_time", "csat"],
            "metrics.fcr.horizon": "medium",
            "metrics.resolution_time.horizon": "medium",
            "metrics.csat.horizon": "medium",
            "scale.peak_factor": 1.2,
            "scale.availability": "high",
            "scale.budget": "moderate",
            "scale.deployment": "cloud",
            "scale.compliance": ["iso27001"],
            "scale.audit_trail": "yes",
            "scale.obligations": ["none"],
            "integrations.communication": ["teams"],
            "integrations.communication_uses": ["ticket_creation", "alerts"],
            "integrations.identity": "entra_id",
        },
    ),
    Template(
        slug="healthcare",
        name="Regulated healthcare",
        description="A provider supporting patients and clinical staff under HIPAA, with records kept for years.",
        answers={
            "objective.challenge": ["centralize_channels", "visibility", "serve_both"],
            "context.channels": ["phone", "portal", "email"],
            "context.tiers": "two",
            "context.coverage": "24x7",
            "audience.type": "both",
            "audience.market": "b2c",
            "audience.consumer_kind": "individual",
            "audience.itsm": ["incident", "request"],
            "audience.languages": ["en", "es"],
            "metrics.kpis": ["first_response_time", "abandonment_rate", "sla_compliance"],
            "metrics.first_response_time.horizon": "short",
            "metrics.abandonment_rate.horizon": "short",
            "metrics.sla_compliance.horizon": "medium",
            "scale.availability": "critical",
            "scale.budget": "moderate",
            "scale.compliance": ["hipaa"],
            "scale.audit_trail": "yes",
            "scale.hipaa_baa": "yes",
            "scale.obligations": ["residency", "retention", "accessibility"],
            "scale.data_residency": "us",
            "scale.accessibility_laws": ["wcag21_aa", "ada"],
            "integrations.identity": "okta",
        },
    ),
    Template(
        slug="public_sector",
        name="Public sector",
        description="A public body serving residents, bound by records, accessibility and in-country rules.",
        answers={
            "objective.challenge": ["centralize_channels", "visibility", "self_service"],
            "context.channels": ["phone", "email", "portal", "in_person"],
            "context.tiers": "two",
            "context.coverage": "business_hours",
            "audience.type": "external",
            "audience.market": "b2c",
            "audience.consumer_kind": "individual",
            "metrics.kpis": ["first_response_time", "resolution_time", "csat"],
            "metrics.first_response_time.horizon": "short",
            "metrics.resolution_time.horizon": "medium",
            "metrics.csat.horizon": "medium",
            "scale.availability": "high",
            "scale.budget": "moderate",
            "scale.cost_sensitivity": ["predictable", "discount"],
            "scale.compliance": ["none"],
            "scale.obligations": ["residency", "retention", "accessibility", "sector"],
            "scale.data_residency": "in_country",
            "scale.accessibility_laws": ["wcag21_aa", "section508"],
            "scale.sector_rules": ["public_records"],
        },
    ),
    Template(
        slug="msp",
        name="IT service provider (MSP)",
        description="A managed service provider supporting many customer companies under contracts.",
        answers={
            "objective.challenge": ["visibility", "automate_repetitive", "reduce_response_times"],
            "context.channels": ["email", "phone", "portal", "monitoring"],
            "context.monitoring_sources": ["rmm"],
            "context.tiers": "two",
            "context.coverage": "business_hours",
            "audience.type": "external",
            "audience.market": "b2b",
            "audience.consumer_kind": "corporate",
            "audience.service_provider": "yes",
            "audience.customer_needs": ["own_sla", "own_reports", "separate_data"],
            "audience.contract_slas": "yes",
            "audience.time_tracking": "billable",
            "audience.billing_models": ["per_device", "block_hours"],
            "metrics.kpis": ["first_response_time", "sla_compliance", "resolution_time"],
            "metrics.first_response_time.horizon": "short",
            "metrics.sla_compliance.horizon": "short",
            "metrics.resolution_time.horizon": "medium",
            "scale.availability": "high",
            "scale.budget": "moderate",
            "scale.deployment": "cloud",
            "scale.compliance": ["soc2"],
            "scale.obligations": ["none"],
            "integrations.identity": "entra_id",
            "integrations.other": ["monitoring", "billing"],
        },
    ),
    Template(
        slug="consumer_app",
        name="Consumer app",
        description="A mobile app with many users, support in the app, the stores and a community.",
        answers={
            "objective.challenge": ["self_service", "scale_growth", "improve_satisfaction"],
            "context.channels": ["chat", "email", "app_reviews", "community"],
            "context.app_stores": ["apple_app_store", "google_play"],
            "context.community_platforms": ["discord"],
            "context.tiers": "two",
            "context.coverage": "extended",
            "audience.type": "external",
            "audience.market": "b2c",
            "audience.consumer_kind": "individual",
            "metrics.kpis": ["csat", "self_service_rate", "first_response_time"],
            "metrics.csat.horizon": "medium",
            "metrics.self_service_rate.horizon": "medium",
            "metrics.first_response_time.horizon": "short",
            "scale.peak_factor": 1.5,
            "scale.spikes_known": "yes",
            "scale.availability": "high",
            "scale.budget": "tight",
            "scale.cost_sensitivity": ["ai_usage", "predictable"],
            "scale.deployment": "cloud",
            "scale.compliance": ["gdpr"],
            "scale.obligations": ["none"],
            "integrations.other": ["dev_tracker", "billing"],
        },
    ),
    Template(
        slug="global_247",
        name="Global 24/7 operation",
        description="A large operation across regions and languages, round the clock, partly outsourced.",
        answers={
            "objective.challenge": ["reduce_response_times", "reduce_costs", "visibility"],
            "context.channels": ["phone", "chat", "email", "messaging"],
            "context.messaging_apps": ["whatsapp", "sms"],
            "context.tiers": "three",
            "context.coverage": "24x7",
            "context.follow_the_sun": "yes",
            "context.outsourced": "part",
            "audience.type": "external",
            "audience.market": "both",
            "audience.languages": ["en", "es", "pt", "fr", "de"],
            "audience.regions": ["europe", "north_america", "latin_america", "apac"],
            "metrics.kpis": ["service_level", "asa", "abandonment_rate", "fcr", "csat"],
            "metrics.service_level.horizon": "short",
            "metrics.asa.horizon": "short",
            "metrics.abandonment_rate.horizon": "short",
            "metrics.fcr.horizon": "medium",
            "metrics.csat.horizon": "medium",
            "scale.availability": "critical",
            "scale.needs": ["multi_region", "advanced_automation"],
            "scale.budget": "enterprise",
            "scale.compliance": ["gdpr", "iso27001", "pci_dss"],
            "scale.obligations": ["residency"],
            "scale.data_residency": "eu",
            "integrations.crm": ["salesforce"],
            "integrations.other": ["telephony"],
        },
    ),
)

BUILT_IN_BY_SLUG = {template.slug: template for template in BUILT_IN}


def template_problems(template: Template) -> list[str]:
    """What is wrong with a template's answers: unknown questions, values the wizard could
    not save, follow-ups its own answers do not show, text answers in a built-in."""
    problems: list[str] = []
    answers = {qid: value for qid, value in template.answers.items() if value not in (None, [], "")}
    visible = BANK.visibility(answers)
    for qid, value in answers.items():
        question = BANK.questions.get(qid)
        if question is None:
            problems.append(f"{template.slug}: unknown question {qid!r}")
            continue
        try:
            check_stored(question, value)
        except AnswerInvalid as exc:
            problems.append(f"{template.slug}: {qid}: {exc}")
        if not visible[qid]:
            problems.append(f"{template.slug}: {qid} is a follow-up its answers do not show")
        if template.slug in BUILT_IN_BY_SLUG and question.type in (QType.TEXT, QType.TEXTAREA):
            problems.append(f"{template.slug}: {qid} is free text, which a built-in must not guess")
    return problems


def catalogue_problems() -> list[str]:
    problems = [p for template in BUILT_IN for p in template_problems(template)]
    slugs = [template.slug for template in BUILT_IN]
    problems += [f"duplicate template {s!r}" for s in sorted(set(slugs)) if slugs.count(s) > 1]
    return problems


def clean_template_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a template may prefill: known, valid, shown by the others; empties out."""
    kept = {qid: value for qid, value in answers.items() if value not in (None, [], "")}
    kept = {
        qid: value
        for qid, value in kept.items()
        if qid in BANK.questions and not _invalid(qid, value)
    }
    visible = BANK.visibility(kept)
    return {qid: value for qid, value in kept.items() if visible[qid]}


def _invalid(qid: str, value: Any) -> bool:
    try:
        check_stored(BANK.questions[qid], value)
    except AnswerInvalid:
        return True
    return False
