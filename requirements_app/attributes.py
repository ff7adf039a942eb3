"""Requirement attributes: what a requirement constrains, as data the framework reads.

A requirement's text is for people; its attributes are for the generators and the
scoring: `residency: us` keeps every recommended product's data in the USA whatever the
requirement's title says. Derived requirements take their attributes from their rule
(`attributes:` in the rules YAML, literal or quoting an answer's value as "{question.id}");
a consultant sets them on a requirement written by hand or made from a client's
challenge. A Must requirement's attribute is a hard constraint; a lower priority, a
preference.

Choices come from the question bank where it has them, so an attribute speaks the same
ids as the answers (a channel id, a budget band, a regulation).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from discovery.bank import BANK
from discovery.vocab import languages

from .catalogue import PLACEHOLDER_RE


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    label: str
    help: str
    many: bool  # a list of choices, or one value
    choices: tuple[tuple[str, str], ...] = ()  # () for a number
    minimum: float = 0
    maximum: float = 0

    @property
    def is_number(self) -> bool:
        return not self.choices


def _bank_choices(
    qid: str, *, drop: tuple[str, ...] = ("none", "other", "no_preference")
) -> tuple[tuple[str, str], ...]:
    question = BANK.questions.get(qid)
    if question is None:
        return ()
    return tuple((c.value, c.label) for c in question.choices if c.value not in drop)


# Regions a requirement may keep data in: the residency answer's and the other regions
# vendors name (frameworks.catalogue.REGIONS), as the residency answer spells them.
_RESIDENCY = (
    ("eu", "In the EU"),
    ("de", "In Germany"),
    ("us", "In the USA"),
    ("uk", "In the UK"),
    ("ca", "In Canada"),
    ("au", "In Australia"),
    ("brazil", "In Brazil"),
    ("in", "In India"),
    ("jp", "In Japan"),
    ("ch", "In Switzerland"),
    ("named", "In the countries or regions named in discovery"),
    ("in_country", "In the client's own country / on premises"),
)


@functools.cache
def attributes() -> tuple[Attribute, ...]:
    integrations: list[tuple[str, str]] = []
    for qid in (
        "integrations.crm",
        "integrations.erp",
        "integrations.automation",
        "integrations.communication",
        "integrations.dev_tracker",
        "integrations.ecommerce_platform",
    ):
        integrations += _bank_choices(qid)
    integrations += [
        (v, label) for v, label in _bank_choices("integrations.other") if v != "ecommerce"
    ]
    return (
        Attribute(
            "hosting",
            "Hosting",
            "How the help desk must run.",
            many=False,
            choices=(
                ("cloud", "Vendor-operated SaaS"),
                ("self_hosted", "Self-hosted (the client's servers or cloud account)"),
                ("hybrid", "Hybrid"),
            ),
        ),
        Attribute(
            "residency", "Data residency", "Where support data must be stored.", False, _RESIDENCY
        ),
        Attribute(
            "compliance",
            "Compliance",
            "Regulations or certifications the vendors must meet.",
            many=True,
            choices=(*_bank_choices("scale.compliance"), ("baa", "Vendors sign a BAA (HIPAA)")),
        ),
        Attribute(
            "language",
            "Languages",
            "Languages support must work in.",
            True,
            # Any language of the vocabulary, by ISO 639 code (the bank's language list).
            tuple((lang.code, lang.english) for lang in languages.vocabulary().values()),
        ),
        Attribute(
            "channel",
            "Channels",
            "Channels the system must serve.",
            True,
            _bank_choices("context.channels"),
        ),
        Attribute(
            "integration",
            "Integrations",
            "Systems it must connect to.",
            True,
            tuple(dict.fromkeys(integrations)),
        ),
        Attribute(
            "budget", "Budget", "The most the tools may cost.", False, _bank_choices("scale.budget")
        ),
        Attribute(
            "availability",
            "Availability",
            "How available the system must be.",
            False,
            _bank_choices("scale.availability"),
        ),
        Attribute(
            "feature",
            "Plan features",
            "Features only some plans of a help desk have: a Must picks the plan that has them.",
            True,
            (
                ("audit_log", "Audit log of configuration changes"),
                ("skills_routing", "Skills- and load-based assignment"),
                ("sso", "Single sign-on"),
            ),
        ),
        Attribute("peak", "Peak", "Peak volume as a multiple of a normal month.", False, (), 1, 50),
        Attribute(
            "staffing",
            "Staffing",
            "Agents the plan must count on (the team kept).",
            False,
            (),
            1,
            100_000,
        ),
    )


@functools.cache
def by_name() -> dict[str, Attribute]:
    return {a.name: a for a in attributes()}


def clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes as stored: known names, known choices, numbers in range; empty dropped.
    Raises ValueError naming the first attribute at fault."""
    known = by_name()
    out: dict[str, Any] = {}
    for name, value in values.items():
        attribute = known.get(name)
        if attribute is None:
            raise ValueError(f"unknown attribute {name!r}")
        if value in (None, "", [], ()):
            continue
        if attribute.is_number:
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"{attribute.label}: a number is needed") from None
            if not attribute.minimum <= number <= attribute.maximum:
                raise ValueError(
                    f"{attribute.label}: between {attribute.minimum:g} and {attribute.maximum:g}"
                )
            out[name] = int(number) if number.is_integer() else number
            continue
        allowed = {v for v, _label in attribute.choices}
        items = list(value) if isinstance(value, list | tuple) else [value]
        wrong = [str(v) for v in items if str(v) not in allowed]
        if wrong:
            raise ValueError(f"{attribute.label}: {', '.join(wrong)} is not one of its choices")
        if attribute.many:
            out[name] = list(dict.fromkeys(str(v) for v in items))
        elif len(items) != 1:
            raise ValueError(f"{attribute.label}: one value only")
        else:
            out[name] = str(items[0])
    return out


def render(templates: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """A rule's attributes for these answers: "{question.id}" takes the answer's value;
    values outside an attribute's choices (a "none", an "other") are left out."""
    known = by_name()
    out: dict[str, Any] = {}
    for name, template in templates.items():
        attribute = known[name]
        value: Any = template
        if isinstance(template, str) and (match := PLACEHOLDER_RE.fullmatch(template)):
            value = answers.get(match.group(1))
        if value in (None, "", [], ()):
            continue
        if attribute.is_number:
            try:
                out[name] = float(value)
            except (TypeError, ValueError):
                continue
            continue
        allowed = {v for v, _label in attribute.choices}
        items = [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
        items = [v for v in items if v in allowed]
        if not items:
            continue
        out[name] = items if attribute.many else items[0]
    return out


def template_problems(templates: Any) -> list[str]:
    """What is wrong with a rule's `attributes:` mapping (empty when sound)."""
    if not isinstance(templates, Mapping):
        return ["'attributes' must be a mapping of attribute to value"]
    problems = []
    known = by_name()
    for name, template in templates.items():
        attribute = known.get(name)
        if attribute is None:
            problems.append(f"unknown attribute {name!r} (use {', '.join(known)})")
            continue
        if isinstance(template, str) and (match := PLACEHOLDER_RE.fullmatch(template)):
            if match.group(1) not in BANK.questions:
                problems.append(f"attribute {name}: unknown question {match.group(1)!r}")
            continue
        try:
            clean({name: template})
        except ValueError as exc:
            problems.append(f"attribute {exc}")
    return problems


def describe(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value as a person reads it) for display."""
    out = []
    for attribute in attributes():
        value = values.get(attribute.name)
        if value in (None, "", [], ()):
            continue
        labels = dict(attribute.choices)
        items = value if isinstance(value, list) else [value]
        shown = ", ".join(labels.get(str(v), str(v)) for v in items)
        out.append((attribute.label, shown))
    return out
