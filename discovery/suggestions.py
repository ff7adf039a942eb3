"""Suggestions: what the extractor heard in a free-text answer, as the structured answers
it implies, for the consultant to accept or dismiss. Nothing here is ever saved silently.

Pure: findings, answers and decisions in, suggestions out. The mapping from a finding to
the answers it implies is data (`suggestions.yaml`), validated against the question bank.
A suggestion is left out when it is negated, when every answer it implies is already
given (a list holding the value, a question already answered), when the consultant
decided on it already, or when the last answer it implies would not apply (a follow-up
whose trigger the earlier answers do not open).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import conditions
from .bank import BANK, QType
from .extraction import Finding, extract
from .extraction.gazetteer import CATEGORIES, gazetteer

MAPPING_FILE = Path(__file__).resolve().parent / "suggestions.yaml"
OPS = ("add", "set", "append")
TEXT_TYPES = (QType.TEXT, QType.TEXTAREA)
FINDING_KEYS = {"category", "value", "group", "unit", "period", "with"}


@dataclass(frozen=True, slots=True)
class Implied:
    question_id: str
    op: str  # add | set | append
    value: Any  # the choice, number or text the answer gets


@dataclass(frozen=True, slots=True)
class Suggestion:
    key: str  # what it answers, e.g. "context.tools+zendesk": remembered when decided
    source_question_id: str  # the free-text answer it was heard in
    finding: Finding
    description: str  # "help desk", "obligation", "handle time"
    answers: tuple[Implied, ...]

    @property
    def target_question_id(self) -> str:
        return self.answers[-1].question_id


@dataclass(frozen=True, slots=True)
class _Rule:
    match: Mapping[str, Any]
    answers: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class Mapping_:
    rules: tuple[_Rule, ...]
    describe: Mapping[str, Any]
    # For a finding's (category, value): the rules that can match it, in file order (those
    # naming that value and those naming none); under (category, "") the latter alone.
    candidates: Mapping[tuple[str, str], tuple[_Rule, ...]]


def text_questions() -> list[str]:
    """Every free-text question of the bank, in bank order."""
    return [qid for qid, q in BANK.questions.items() if q.type in TEXT_TYPES]


# --- the mapping as data ------------------------------------------------------------------


def _raw_mapping() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(MAPPING_FILE.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    return data if isinstance(data, dict) else {}


def mapping_problems() -> list[str]:
    """Problems of suggestions.yaml, each naming the rule (by position and finding)."""
    try:
        data = _raw_mapping()
    except (OSError, yaml.YAMLError) as exc:
        return [f"suggestions.yaml cannot be read: {exc}"]
    problems = []
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        return ["suggestions.yaml: rules must be a non-empty list"]
    for index, rule in enumerate(rules, start=1):
        where = f"suggestions.yaml rule {index}"
        finding = rule.get("finding") if isinstance(rule, dict) else None
        if not isinstance(finding, dict) or finding.get("category") not in CATEGORIES:
            problems.append(f"{where}: finding needs a category of {', '.join(CATEGORIES)}")
            continue
        where += (
            f" ({finding.get('category')} {finding.get('value') or finding.get('group') or ''})"
        )
        if set(finding) - FINDING_KEYS:
            problems.append(f"{where}: unknown finding keys {sorted(set(finding) - FINDING_KEYS)}")
        answers = rule.get("answers")
        if not isinstance(answers, list) or not answers:
            problems.append(f"{where}: needs the answers it implies")
            continue
        for answer in answers:
            problems.extend(f"{where}: {p}" for p in _answer_problems(answer))
    if not isinstance(data.get("describe"), dict):
        problems.append("suggestions.yaml: describe must map categories to descriptions")
    return problems


def _answer_problems(answer: Any) -> list[str]:
    if not isinstance(answer, dict) or "q" not in answer:
        return ["each answer needs a question id (q)"]
    question = BANK.questions.get(answer["q"])
    if question is None:
        return [f"unknown question {answer['q']!r}"]
    ops = [op for op in OPS if op in answer]
    if len(ops) != 1:
        return [f"{question.id}: exactly one of {', '.join(OPS)}"]
    op, value = ops[0], answer[ops[0]]
    if op == "add":
        if question.type in (QType.LANGUAGES, QType.PLACES):
            if value not in ("{value}", "{country}") and not str(value).isalnum():
                return [f"{question.id}: add a code, {{value}} or {{country}}"]
            return []
        if question.type is not QType.MULTI:
            return [f"{question.id}: add needs a multi-choice or list question"]
        if value not in {c.value for c in question.choices}:
            return [f"{question.id}: {value!r} is not one of its choices"]
    elif op == "append" and question.type not in TEXT_TYPES:
        return [f"{question.id}: append needs a text question"]
    elif op == "set":
        if question.type is QType.CHOICE and value not in {c.value for c in question.choices}:
            return [f"{question.id}: {value!r} is not one of its choices"]
        if question.type is QType.MULTI:
            return [f"{question.id}: use add for a multi-choice question"]
        if question.type in (QType.INTEGER, QType.DECIMAL) and value not in (
            "{number}",
            "{minutes}",
        ):
            return [f"{question.id}: a number question is set to {{number}} or {{minutes}}"]
    return []


@functools.cache
def mapping() -> Mapping_:
    problems = mapping_problems()
    if problems:
        raise ValueError("; ".join(problems[:5]))
    data = _raw_mapping()
    rules = tuple(_Rule(rule["finding"], tuple(rule["answers"])) for rule in data["rules"])
    candidates: dict[tuple[str, str], tuple[_Rule, ...]] = {}
    for category in CATEGORIES:
        mine = [r for r in rules if r.match["category"] == category]
        values = {str(r.match["value"]) for r in mine if "value" in r.match}
        for value in (*values, ""):
            candidates[(category, value)] = tuple(
                r for r in mine if r.match.get("value") in (None, value or None)
            )
    return Mapping_(rules=rules, describe=data["describe"], candidates=candidates)


# --- suggesting ---------------------------------------------------------------------------


def _period(finding: Finding) -> str:
    return finding.value.rsplit("/", 1)[1] if "/" in finding.value else ""


def _matches(match: Mapping[str, Any], finding: Finding, others: Sequence[Finding]) -> bool:
    if match["category"] != finding.category or finding.negated:
        return False
    for key, want in match.items():
        if key == "value" and finding.value != want:
            return False
        if key == "group" and finding.group != want:
            return False
        if key == "unit" and finding.unit != want:
            return False
        if key == "period" and _period(finding) != want:
            return False
        if key == "with" and not any(
            o.category == want["category"]
            and o.value == want["value"]
            and not o.negated
            and o.sentence_start == finding.sentence_start
            for o in others
        ):
            return False
    return True


def _fill(template: Any, finding: Finding) -> Any:
    if not isinstance(template, str) or "{" not in template:
        return template
    if template == "{number}":
        return finding.number
    if template == "{minutes}":
        factor = {"s": 1 / 60, "min": 1, "h": 60}.get(finding.unit)
        return round(finding.number * factor, 2) if finding.number is not None and factor else None
    if template == "{value}":
        return finding.value
    if template == "{country}":
        return finding.value.rpartition(":")[2] or None
    return template.replace("{label}", finding.label)


def describe(finding: Finding) -> str:
    if finding.category == "system":
        return str(gazetteer().system_classes.get(finding.group, finding.group))
    text = mapping().describe.get(finding.category, finding.category)
    if isinstance(text, dict):
        return str(text.get(finding.group, finding.group))
    return str(text)


def implied(finding: Finding, others: Sequence[Finding]) -> tuple[Implied, ...]:
    """The answers a finding implies, by the first rule that matches it (none if negated)."""
    if finding.negated:
        return ()
    # Unchanged sentences give the same findings on every autosave: remember each answer.
    context = frozenset(
        (o.category, o.value)
        for o in others
        if o.sentence_start == finding.sentence_start and not o.negated
    )
    key = (
        finding.category,
        finding.value,
        finding.group,
        finding.unit,
        finding.label,
        finding.number,
        context,
    )
    cached = _IMPLIED.get(key)
    if cached is None:
        if len(_IMPLIED) > 20_000:
            _IMPLIED.clear()
        cached = _IMPLIED[key] = _implied(finding, others)
    return cached


_IMPLIED: dict[tuple[Any, ...], tuple[Implied, ...]] = {}


def _implied(finding: Finding, others: Sequence[Finding]) -> tuple[Implied, ...]:
    known = mapping().candidates
    rules = known.get((finding.category, finding.value)) or known.get((finding.category, ""), ())
    for rule in rules:
        if _matches(rule.match, finding, others):
            out = []
            for answer in rule.answers:
                op = next(op for op in OPS if op in answer)
                value = _fill(answer[op], finding)
                if value is None:
                    return ()
                out.append(Implied(answer["q"], op, value))
            return tuple(out)
    return ()


def _contains(text: Any, label: str) -> bool:
    return isinstance(text, str) and label.casefold() in text.casefold()


def is_given(answer: Implied, answers: Mapping[str, Any]) -> bool:
    """The answer already holds what `answer` would put there."""
    current = answers.get(answer.question_id)
    if answer.op == "add":
        return isinstance(current, list) and answer.value in current
    if answer.op == "append":
        return _contains(current, str(answer.value))
    return current is not None and current != ""


def applied(answer: Implied, answers: Mapping[str, Any]) -> Any:
    """The value the question gets when `answer` is accepted."""
    current = answers.get(answer.question_id)
    if answer.op == "add":
        values = list(current) if isinstance(current, list) else []
        question = BANK.questions[answer.question_id]
        exclusive = set(question.exclusive)
        values = [v for v in values if v not in exclusive]  # "None" gives way to a named one
        return [*values, answer.value] if answer.value not in values else values
    if answer.op == "append":
        if _contains(current, str(answer.value)):
            return current
        return f"{current}, {answer.value}" if current else answer.value
    return answer.value


def suggestion_key(answers: Sequence[Implied]) -> str:
    last = answers[-1]
    value = last.value if last.op != "set" or isinstance(last.value, str) else "#"
    return f"{last.question_id}+{value}"


def suggest(
    texts: Mapping[str, str],
    answers: Mapping[str, Any],
    decided: Iterable[str] = (),
) -> dict[str, list[Suggestion]]:
    """The open suggestions of each free-text answer in `texts` (question id → text)."""
    decided = set(decided)
    out: dict[str, list[Suggestion]] = {}
    offered: set[str] = set()
    for qid, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            continue
        findings = extract(text)
        items: list[Suggestion] = []
        for finding in findings:
            implies = implied(finding, findings)
            if not implies:
                continue
            key = suggestion_key(implies)
            if key in decided or key in offered or all(is_given(a, answers) for a in implies):
                continue
            if not _applies(implies, answers):
                continue
            offered.add(key)
            items.append(Suggestion(key, qid, finding, describe(finding), implies))
        if items:
            out[qid] = items
    return out


def _applies(implies: Sequence[Implied], answers: Mapping[str, Any]) -> bool:
    """Every answer the suggestion makes would apply, once the ones before it are made."""
    if all(BANK.questions[a.question_id].show_when is None for a in implies):
        return True
    after = dict(answers)
    for answer in implies:
        after[answer.question_id] = applied(answer, after)
    memo: dict[str, bool] = {}
    return all(_visible(a.question_id, after, memo) for a in implies)


def _visible(qid: str, answers: Mapping[str, Any], memo: dict[str, bool]) -> bool:
    """BANK.visibility for one question (and what its condition reads), not the bank."""
    if qid not in memo:
        question = BANK.questions[qid]
        if question.show_when is None:
            memo[qid] = True
        else:
            refs = conditions.referenced_questions(question.show_when)
            scoped = {ref: answers.get(ref) for ref in refs if _visible(ref, answers, memo)}
            memo[qid] = conditions.evaluate(question.show_when, scoped)
    return memo[qid]


def heard(texts: Mapping[str, str]) -> dict[str, tuple[Finding, ...]]:
    """Every finding of each free-text answer, suggestions or not (for the gaps review)."""
    return {qid: extract(text) for qid, text in texts.items() if isinstance(text, str) and text}
