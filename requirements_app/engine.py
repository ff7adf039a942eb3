"""Derivation: discovery answers in, requirements with their trace out.

Pure: no ORM, no request, no clock. The same answers and catalogue always give the same
list in the same order, so a sync service can compare runs by code and fingerprint.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from discovery.bank import BANK, Question
from discovery.conditions import evaluate

from .catalogue import (
    KINDS,
    PLACEHOLDER_RE,
    PRIORITY_RANK,
    RequirementSpec,
    RuleCatalogue,
    Yield,
    rule_catalogue,
)

NOT_ANSWERED = "(not stated)"


@dataclass(frozen=True, slots=True)
class AnswerRef:
    """One answer a rule or template read. `value` is None when the question had no
    effective answer (unanswered, or a follow-up whose trigger is withdrawn)."""

    question_id: str
    value: Any  # as stored; lists become tuples
    display: str  # as the bank shows it, "" when unanswered


@dataclass(frozen=True, slots=True)
class RuleFiring:
    """A rule that fired for a requirement, the priority it asked for and what it read."""

    rule_id: str
    rationale: str
    source: str
    priority: str
    inputs: tuple[AnswerRef, ...]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(ref.question_id for ref in self.inputs)


@dataclass(frozen=True, slots=True)
class DerivedRequirement:
    code: str
    title: str
    description: str
    kind: str  # functional | non_functional
    category: str  # a category id of the catalogue
    priority: str  # must | should | could | wont: the highest any firing asked for
    rationale: str
    acceptance_criteria: tuple[str, ...]
    trace: tuple[RuleFiring, ...]  # in catalogue order
    inputs: tuple[AnswerRef, ...]  # every answer read (conditions and templates), bank order
    fingerprint: str  # sha256 of inputs and rendered text: changes when either does

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(f.rule_id for f in self.trace)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(ref.question_id for ref in self.inputs)


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


@functools.cache
def _bare(question_id: str) -> Question:
    return dataclasses.replace(BANK.questions[question_id], unit="")


def display(question_id: str, value: Any, *, bare: bool = False) -> str:
    if value is None:
        return ""
    question = _bare(question_id) if bare else BANK.questions[question_id]
    return question.display(value)


def render(template: str, answers: Mapping[str, Any]) -> str:
    """Fill {question.id} / {question.id|bare} placeholders with displayed answers."""

    def fill(match: Any) -> str:
        qid, flt = match.groups()
        text = display(qid, answers.get(qid), bare=flt == "bare")
        return text or NOT_ANSWERED

    return PLACEHOLDER_RE.sub(fill, template)


def _fire(yielded: Yield, answers: Mapping[str, Any]) -> str:
    for override in yielded.overrides:
        if evaluate(override.when, answers):
            return override.priority
    return yielded.priority


def _refs(question_ids: tuple[str, ...], answers: Mapping[str, Any]) -> tuple[AnswerRef, ...]:
    return tuple(
        AnswerRef(qid, _frozen(answers.get(qid)), display(qid, answers.get(qid)))
        for qid in question_ids
    )


def fingerprint(
    spec: RequirementSpec, inputs: tuple[AnswerRef, ...], text: Mapping[str, Any]
) -> str:
    payload = {
        "code": spec.code,
        "inputs": [[ref.question_id, ref.value] for ref in inputs],
        **text,
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def derive(
    answers: Mapping[str, Any], catalogue: RuleCatalogue | None = None
) -> list[DerivedRequirement]:
    """The requirements the answers call for, each with the rules and answers behind it.

    Only effective answers count: an answer to a follow-up whose trigger was withdrawn is
    ignored. Several rules may yield one code; the highest priority wins and the trace lists
    every rule. Ordered functional first, then by category order, then by code.
    """
    catalogue = catalogue or rule_catalogue()
    effective = BANK.effective_answers(answers)

    fired: dict[str, list[RuleFiring]] = {}
    for rule in catalogue.rules:
        if not evaluate(rule.when, effective):
            continue
        for yielded in rule.yields:
            fired.setdefault(yielded.code, []).append(
                RuleFiring(
                    rule_id=rule.id,
                    rationale=rule.rationale,
                    source=rule.source,
                    priority=_fire(yielded, effective),
                    inputs=_refs(yielded.reads, effective),
                )
            )

    derived = []
    order = BANK.order
    for code, firings in fired.items():
        spec = catalogue.requirements[code]
        read = {ref.question_id for f in firings for ref in f.inputs} | set(spec.placeholders)
        inputs = _refs(tuple(sorted(read, key=order.__getitem__)), effective)
        title = render(spec.title, effective)
        description = render(spec.description, effective)
        acceptance = tuple(render(a, effective) for a in spec.acceptance)
        priority = min((f.priority for f in firings), key=PRIORITY_RANK.__getitem__)
        text = {
            "title": title,
            "description": description,
            "acceptance_criteria": acceptance,
            "priority": priority,
        }
        derived.append(
            DerivedRequirement(
                code=code,
                title=title,
                description=description,
                kind=spec.kind,
                category=spec.category,
                priority=priority,
                rationale=spec.rationale,
                acceptance_criteria=acceptance,
                trace=tuple(firings),
                inputs=inputs,
                fingerprint=fingerprint(spec, inputs, text),
            )
        )
    derived.sort(key=lambda r: (KINDS.index(r.kind), catalogue.category_order[r.category], r.code))
    return derived
