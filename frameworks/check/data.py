"""The check's data (`rules.yaml`), loaded once and validated: a broken file fails
`manage.py check`, naming what is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from discovery import conditions
from discovery.bank import BANK, QType

from .model import Severity

RULES_FILE = Path(__file__).with_name("rules.yaml")


class CheckDataError(ValueError):
    pass


@dataclass(frozen=True)
class RuleMeta:
    id: str
    severity: Severity
    title: str
    explanation: str
    fix: str


@cache
def _combined(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


@dataclass(frozen=True)
class Term:
    """Words that speak of a channel, system or audience, and when the client has it."""

    key: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    allowed_when: dict[str, Any] | None
    allowed_requirements: tuple[str, ...] = ()

    @property
    def combined(self) -> re.Pattern[str]:
        return _combined(self.patterns)

    def search(self, text: str) -> str | None:
        match = self.combined.search(text)
        return match.group(0) if match else None


@dataclass(frozen=True)
class Assumption:
    """An input the figures assume until discovery confirms it, and how to confirm it."""

    key: str
    input: str
    when: dict[str, Any] | None
    confirmed_by: tuple[str, ...]
    question: str
    # The section whose figures use it, and so must show it (staffing, business_case).
    section: str = "staffing"


@dataclass(frozen=True)
class CheckData:
    version: str
    rules: tuple[RuleMeta, ...]
    benchmark_max_age_years: int
    placeholders: frozenset[str]
    internal_keys: frozenset[str]
    internal_sources: tuple[tuple[re.Pattern[str], str], ...]
    claim_kinds: frozenset[str]
    budget_ceilings: dict[str, dict[str, Any]]
    channel_terms: tuple[Term, ...]
    system_terms: tuple[Term, ...]
    audience_terms: tuple[Term, ...]
    scope_exempt_kinds: frozenset[str]
    language_labels: dict[str, str]  # value -> label, from the question bank
    assumptions: tuple[Assumption, ...]
    team_difference_margin: float


def _language_labels(question: Any) -> dict[str, str]:
    """Code → English name of the languages a text could wrongly claim: with the bank's
    language list (ISO 639 codes), the widely used ones (CLDR's modern coverage), whose
    names are not also everyday words."""
    if question is None:
        return {}
    if question.type is QType.MULTI:
        return {c.value: c.label for c in question.choices if c.value != "other"}
    from language_data.language_lists import CLDR_LANGUAGES

    from discovery.vocab import languages as vocab

    return {
        code: vocab.english_name(code)
        for code in sorted(CLDR_LANGUAGES)
        if vocab.is_known(code) and len(vocab.english_name(code)) > 3
    }


def _bank_placeholders() -> set[str]:
    """Labels of every catch-all option in the bank: "Other", "None / not sure", …"""
    labels: set[str] = set()
    for question in BANK.questions.values():
        for choice in question.choices:
            if choice.value in ("other", "none"):
                labels.add(choice.label)
    return labels


def _terms(raw: dict[str, Any] | None, where: str, known: set[str]) -> tuple[Term, ...]:
    terms = []
    for key, spec in (raw or {}).items():
        try:
            patterns = tuple(re.compile(p) for p in spec["patterns"])
        except (KeyError, TypeError, re.error) as exc:
            raise CheckDataError(f"{where}.{key}: bad patterns ({exc})") from exc
        condition = spec.get("allowed_when")
        problems = conditions.validate_condition(condition, known)
        if problems:
            raise CheckDataError(f"{where}.{key}: {'; '.join(problems)}")
        terms.append(
            Term(
                key=key,
                label=str(spec.get("label") or key),
                patterns=patterns,
                allowed_when=condition,
                allowed_requirements=tuple(spec.get("allowed_requirements") or ()),
            )
        )
    return tuple(terms)


def _assumptions(raw: list[dict[str, Any]], known: set[str]) -> tuple[Assumption, ...]:
    out = []
    for entry in raw or []:
        key = str(entry.get("key") or "")
        problems = conditions.validate_condition(entry.get("when"), known)
        problems += [
            f"unknown question {q!r}" for q in entry.get("confirmed_by") or () if q not in known
        ]
        if not key or not str(entry.get("question") or "").strip():
            problems.append("needs a key and a question")
        if problems:
            raise CheckDataError(f"assumptions.{key}: {'; '.join(problems)}")
        out.append(
            Assumption(
                key=key,
                input=str(entry.get("input") or key),
                when=entry.get("when"),
                confirmed_by=tuple(entry.get("confirmed_by") or ()),
                question=str(entry["question"]),
                section=str(entry.get("section") or "staffing"),
            )
        )
    return tuple(out)


def parse(raw: dict[str, Any]) -> CheckData:
    if not isinstance(raw, dict):
        raise CheckDataError("rules.yaml must be a mapping")
    rules = []
    seen: set[str] = set()
    for entry in raw.get("rules") or []:
        rule_id = entry.get("id")
        if not rule_id or rule_id in seen:
            raise CheckDataError(f"rule without an id, or a duplicate id: {rule_id!r}")
        seen.add(rule_id)
        try:
            severity = Severity(entry.get("severity"))
        except ValueError:
            raise CheckDataError(f"{rule_id}: severity must be blocking or advisory") from None
        for key in ("title", "explanation", "fix"):
            if not str(entry.get(key) or "").strip():
                raise CheckDataError(f"{rule_id}: no {key}")
        rules.append(
            RuleMeta(
                id=rule_id,
                severity=severity,
                title=entry["title"],
                explanation=entry["explanation"],
                fix=entry["fix"],
            )
        )
    known = set(BANK.questions)
    try:
        internal_sources = tuple(
            (re.compile(pattern, re.I), what) for pattern, what in raw["internal_sources"]
        )
    except (KeyError, ValueError, re.error) as exc:
        raise CheckDataError(f"internal_sources: {exc}") from exc
    languages = BANK.questions.get("audience.languages")
    return CheckData(
        version=str(raw.get("version") or ""),
        rules=tuple(rules),
        benchmark_max_age_years=int(raw.get("benchmark_max_age_years") or 5),
        placeholders=frozenset(str(p) for p in raw.get("placeholders") or ())
        | _bank_placeholders(),
        internal_keys=frozenset(raw.get("internal_keys") or ()),
        internal_sources=internal_sources,
        claim_kinds=frozenset(raw.get("claim_kinds") or ()),
        budget_ceilings=dict(raw.get("budget_ceilings") or {}),
        channel_terms=_terms(raw.get("channel_terms"), "channel_terms", known),
        system_terms=_terms(raw.get("system_terms"), "system_terms", known),
        audience_terms=_terms(raw.get("audience_terms"), "audience_terms", known),
        scope_exempt_kinds=frozenset(raw.get("scope_exempt_kinds") or ()),
        language_labels=_language_labels(languages),
        assumptions=_assumptions(raw.get("assumptions") or [], known),
        team_difference_margin=float(raw.get("team_difference_margin") or 0.2),
    )


@cache
def check_data() -> CheckData:
    return parse(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))
