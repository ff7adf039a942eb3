"""Derivation: discovery answers in, requirements with their trace out.

Pure: no ORM, no request, no clock. The same answers and catalogue always give the same
list in the same order, so a sync service can compare runs by code and fingerprint.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from discovery.bank import BANK, QType, Question
from discovery.conditions import evaluate

from .attributes import render as render_attributes
from .catalogue import (
    KINDS,
    OPTIONAL_RE,
    PLACEHOLDER_RE,
    PRIORITY_RANK,
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
    # What it constrains (requirements_app.attributes), rendered from its rule. Not in the
    # fingerprint: the same answers and rule always give the same attributes.
    attributes: Mapping[str, Any] = dataclasses.field(default_factory=dict)

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


def display(question_id: str, value: Any, *, bare: bool = False, rows: str = "") -> str:
    """An answer as a template quotes it; `rows` ("class=ehr") keeps only those rows."""
    if value is None:
        return ""
    question = _bare(question_id) if bare else BANK.questions[question_id]
    if rows:
        field_id, _, wanted = rows.partition("=")
        wanted, _, shown = wanted.partition(":")
        matching = question.rows_where(value, {field_id: wanted})
        if not matching:
            return ""
        if shown:
            f = question.field(shown)
            names = [f.display(row.get(shown)) for row in matching if row.get(shown) is not None]
            return list_text(list(dict.fromkeys(names)))
        value = matching
    return question.display(value)


LIST_TYPES = frozenset({QType.MULTI, QType.LANGUAGES, QType.PLACES})


def list_text(items: list[str]) -> str:
    """Names as a sentence lists them: "email, chat and phone" (rule templates are English)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


CATCH_ALL = frozenset({"other", "none", "not_sure", "unknown"})


def _display_filtered(question_id: str, value: Any, flt: str | None) -> str:
    if flt and "=" in flt:
        return display(question_id, value, rows=flt)
    if flt == "named" and isinstance(value, list | tuple):
        # The named choices only: a catch-all ("Other", "None") is not a name to print.
        value = [v for v in value if v not in CATCH_ALL]
        if not value:
            return ""
    if flt == "named" and isinstance(value, str) and value in CATCH_ALL:
        return ""  # a single choice answered "Other" names nothing either
    question = BANK.questions[question_id]
    if question.type in LIST_TYPES and isinstance(value, list | tuple) and value:
        # In a sentence a list reads "email, chat and phone", not as a table row.
        text = list_text([question.choice_label(v) for v in value])
    else:
        text = display(question_id, value, bare=flt == "bare")
    if flt == "lower" and text[:2] != text[:2].upper():
        return text[:1].lower() + text[1:]
    return text


def render(template: str, answers: Mapping[str, Any]) -> str:
    """Fill {question.id}, {question.id|bare} and {question.id|field=value} placeholders
    with displayed answers; a [[ … ]] segment only when all its placeholders are answered."""
    return _render(template, lambda qid, flt: _display_filtered(qid, answers.get(qid), flt))


def _render(template: str, text_of: Any) -> str:
    if "{" not in template:
        return template
    if "[[" in template:

        def optional(match: Any) -> str:
            # [[A||B]]: the first alternative whose placeholders are all answered, else "".
            for alternative in match.group(1).split("||"):
                found = list(PLACEHOLDER_RE.finditer(alternative))
                if all(text_of(m.group(1), m.group(2)) for m in found):
                    return PLACEHOLDER_RE.sub(
                        lambda m: text_of(m.group(1), m.group(2)), alternative
                    )
            return ""

        template = OPTIONAL_RE.sub(optional, template)
    return PLACEHOLDER_RE.sub(lambda m: text_of(m.group(1), m.group(2)) or NOT_ANSWERED, template)


def _fire(yielded: Yield, answers: Mapping[str, Any]) -> str:
    for override in yielded.overrides:
        if evaluate(override.when, answers):
            return override.priority
    return yielded.priority


class _Refs:
    """AnswerRefs of one derivation, built once per question however many rules read it."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers
        self.cache: dict[str, AnswerRef] = {}
        self.bare: dict[str, str] = {}

    def get(self, qid: str) -> AnswerRef:
        ref = self.cache.get(qid)
        if ref is None:
            value = self.answers.get(qid)
            ref = self.cache[qid] = AnswerRef(qid, _frozen(value), display(qid, value))
        return ref

    def many(self, question_ids: tuple[str, ...]) -> tuple[AnswerRef, ...]:
        return tuple(self.get(qid) for qid in question_ids)

    def text(self, qid: str, flt: str | None) -> str:
        if not flt and BANK.questions[qid].type not in LIST_TYPES:
            return self.get(qid).display
        key = f"{qid}|{flt or ''}"
        text = self.bare.get(key)
        if text is None:
            text = self.bare[key] = _display_filtered(qid, self.answers.get(qid), flt)
        return text

    def render(self, template: str) -> str:
        return _render(template, self.text)


def fingerprint(
    code: str,
    inputs: tuple[AnswerRef, ...],
    title: str,
    description: str,
    acceptance: tuple[str, ...],
    priority: str,
) -> str:
    """sha256 over what a requirement read and how it reads: equal fingerprints, nothing to review."""
    # Answer values are plain JSON values (lists frozen to tuples), whose repr is stable and
    # several times cheaper to build than json.dumps.
    read = tuple((ref.question_id, ref.value) for ref in inputs)
    encoded = repr((code, read, title, description, acceptance, priority))
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
    refs = _Refs(effective)

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
                    inputs=refs.many(yielded.reads),
                )
            )

    derived = []
    order = BANK.order
    for code, firings in fired.items():
        spec = catalogue.requirements[code]
        read = {ref.question_id for f in firings for ref in f.inputs}
        read.update(spec.placeholders)
        inputs = refs.many(tuple(sorted(read, key=order.__getitem__)))
        title = refs.render(spec.title)
        description = refs.render(spec.description)
        # A criterion made only of [[ optional ]] segments drops out when they are unanswered.
        acceptance = tuple(text for a in spec.acceptance if (text := refs.render(a)))
        priority = min((f.priority for f in firings), key=PRIORITY_RANK.__getitem__)
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
                fingerprint=fingerprint(code, inputs, title, description, acceptance, priority),
                attributes=render_attributes(spec.attributes, effective) if spec.attributes else {},
            )
        )
    kind_order = {kind: index for index, kind in enumerate(KINDS)}
    derived.sort(key=lambda r: (kind_order[r.kind], catalogue.category_order[r.category], r.code))
    return derived
