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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import conditions, heard_rows
from .bank import BANK, QType
from .extraction import Finding, extract
from .extraction.gazetteer import CATEGORIES, gazetteer

MAPPING_FILE = Path(__file__).resolve().parent / "suggestions.yaml"
OPS = ("add", "set", "append", "row")
TEXT_TYPES = (QType.TEXT, QType.TEXTAREA)
FINDING_KEYS = {"category", "value", "group", "unit", "period", "with", "near"}
NUMBER_TEMPLATES = ("{number}", "{minutes}", "{share_of_volume}")
_PAUSE_RE = re.compile(r"[,;:()]")
_SHARE_OF_RE = re.compile(r"\s*of\s+(?:(?:our|the|all|their|its|your)\s+)?$", re.IGNORECASE)
NEAR_CHARACTERS = 30  # "40% by phone", "phone 40%": said together, with no pause between
ROW_CUES = {
    "system_kinds": dict,
    "purpose": list,
    "wanting": list,
    "pronouns": list,
    "queues": list,
    "not_names": list,
    "not_places": list,
    "days": dict,
    "spike": list,
    "lasts": dict,
    "often": dict,
    "cause_after": list,
    "cause_stops": list,
    "verbs": list,
    "scope": list,
}


@dataclass(frozen=True, slots=True)
class Implied:
    question_id: str
    op: str  # add | set | append | row
    value: Any  # the choice, number or text the answer gets; for a row, the row


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

    @property
    def label(self) -> str:
        """What is added, as the chip names it: the finding ("Zendesk", "7 min"), or the
        row it makes ("Pharmacy queue: every day 00:00–24:00")."""
        last = self.answers[-1]
        question = BANK.questions[last.question_id]
        if last.op == "row":
            return question.row_display(last.value)
        if self.finding.unit == "%" and question.type is QType.INTEGER:
            # A share turned into the number it implies: "40% → 2,600 / month".
            return f"{self.finding.label} → {question.display(last.value)}"
        return self.finding.label


@dataclass(frozen=True, slots=True)
class _Rule:
    match: Mapping[str, Any]
    answers: tuple[Mapping[str, Any], ...]
    # Offered beside the first rule that matches, as a suggestion of its own (a 24/7 said
    # of one queue is the overall coverage and that queue's calendar).
    alongside: bool = False


@dataclass(frozen=True)
class Mapping_:
    rules: tuple[_Rule, ...]
    describe: Mapping[str, Any]
    rows: Mapping[str, Any]  # the cue words of heard_rows
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
        if set(rule) - {"finding", "answers", "alongside"}:
            problems.append(
                f"{where}: unknown keys {sorted(set(rule) - {'finding', 'answers', 'alongside'})}"
            )
        answers = rule.get("answers")
        if not isinstance(answers, list) or not answers:
            problems.append(f"{where}: needs the answers it implies")
            continue
        for answer in answers:
            problems.extend(f"{where}: {p}" for p in _answer_problems(answer))
    if not isinstance(data.get("describe"), dict):
        problems.append("suggestions.yaml: describe must map categories to descriptions")
    problems.extend(_rows_problems(data.get("rows")))
    return problems


def _rows_problems(rows: Any) -> list[str]:
    """The cue words of rows: each list or map present, and every value a row gets one
    of its field's choices."""
    if not isinstance(rows, dict):
        return ["suggestions.yaml: rows must map the cue words of rows"]
    problems = [
        f"suggestions.yaml rows: {name} must be a {kind.__name__}"
        for name, kind in ROW_CUES.items()
        if not isinstance(rows.get(name), kind)
    ]
    if problems:
        return problems
    for name, kind in ROW_CUES.items():
        items = rows[name] if kind is list else list(rows[name])
        if not all(isinstance(item, str) and item for item in items):
            problems.append(f"suggestions.yaml rows: {name}: every word is text (quote on, no)")
    for name, question, field_id in (
        ("system_kinds", "integrations.systems", "class"),
        ("days", "context.calendars", "days"),
        ("often", "scale.spikes", "often"),
        ("lasts", "scale.spikes", "lasts_unit"),
    ):
        choices = {c.value for c in BANK.questions[question].field(field_id).choices}
        wrong = sorted(str(v) for v in rows[name].values() if v not in choices)
        if wrong:
            problems.append(f"suggestions.yaml rows: {name}: {wrong} not choices of {question}")
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
    elif op == "row":
        if question.type is not QType.RECORDS:
            return [f"{question.id}: row needs a list-of-rows question"]
        if value not in heard_rows.ROW_KINDS:
            return [f"{question.id}: a row is one of {', '.join(heard_rows.ROW_KINDS)}"]
    elif op == "set":
        if question.type is QType.CHOICE and value not in {c.value for c in question.choices}:
            return [f"{question.id}: {value!r} is not one of its choices"]
        if question.type is QType.MULTI:
            return [f"{question.id}: use add for a multi-choice question"]
        if question.type in (QType.INTEGER, QType.DECIMAL) and value not in NUMBER_TEMPLATES:
            return [f"{question.id}: a number question is set to one of {NUMBER_TEMPLATES}"]
    return []


@functools.cache
def mapping() -> Mapping_:
    problems = mapping_problems()
    if problems:
        raise ValueError("; ".join(problems[:5]))
    data = _raw_mapping()
    rules = tuple(
        _Rule(rule["finding"], tuple(rule["answers"]), bool(rule.get("alongside")))
        for rule in data["rules"]
    )
    candidates: dict[tuple[str, str], tuple[_Rule, ...]] = {}
    for category in CATEGORIES:
        mine = [r for r in rules if r.match["category"] == category]
        values = {str(r.match["value"]) for r in mine if "value" in r.match}
        for value in (*values, ""):
            candidates[(category, value)] = tuple(
                r for r in mine if r.match.get("value") in (None, value or None)
            )
    return Mapping_(
        rules=rules, describe=data["describe"], rows=data["rows"], candidates=candidates
    )


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
        if key == "near" and not _near(finding, others, want):
            return False
    return True


def _near(finding: Finding, others: Sequence[Finding], want: Mapping[str, Any]) -> bool:
    """The closest mention of its category to the finding is `want`, said with it: in the
    same sentence, no pause between them ("40% by phone, 30% by email")."""
    passage = finding.passage
    if not passage:
        return False
    at, end = finding.start - finding.sentence_start, finding.end - finding.sentence_start
    best: tuple[int, Finding] | None = None
    for o in others:
        if o.sentence_start != finding.sentence_start or o.category != want["category"]:
            continue
        a, b = o.start - o.sentence_start, o.end - o.sentence_start
        gap = (end, a) if a >= end else (b, at)
        if gap[1] - gap[0] > NEAR_CHARACTERS or _PAUSE_RE.search(passage, gap[0], gap[1]):
            continue
        if a >= end and _SHARE_OF_RE.match(passage[gap[0] : gap[1]]):
            return False  # "30% of our calls": a share of the calls, not the calls' share
        if best is None or gap[1] - gap[0] < best[0]:
            best = (gap[1] - gap[0], o)
    return best is not None and best[1].value == want["value"] and not best[1].negated


def _row(kind: str, finding: Finding, others: Sequence[Finding]) -> dict[str, Any] | None:
    cues = mapping().rows
    if kind == "system":
        return heard_rows.system(finding, others, cues, cues["system_kinds"])
    if kind == "duty":
        return heard_rows.duty(finding, others, cues, cues["system_kinds"])
    if kind.startswith("site"):
        index = int(kind.partition("_")[2] or 1) - 1
        return heard_rows.site(finding, others, cues, index)
    if kind == "calendar":
        return heard_rows.calendar(finding, others, cues)
    if kind == "spike":
        return heard_rows.spike(finding, others, cues)
    if kind == "staff":
        return heard_rows.staff(finding, others, cues)
    if kind == "retention":
        return heard_rows.retention(finding, others, cues)
    if kind == "deadline":
        return heard_rows.deadline(finding, others, cues)
    return heard_rows.partner(finding, others, cues)


def _fill(template: Any, finding: Finding, others: Sequence[Finding] = ()) -> Any:
    if not isinstance(template, str) or "{" not in template:
        return template
    if template == "{share_of_volume}":
        # "6,500 contacts a month, 40% by phone": 2,600 calls a month. The month's total
        # said in the same sentence, or else the first said in the text.
        totals = [
            o
            for o in others
            if o.category == "quantity"
            and o.value.endswith(" contacts/month")
            and not o.negated
            and o.number is not None
        ]
        same = [o for o in totals if o.sentence_start == finding.sentence_start]
        chosen = (same or totals)[:1]
        if not chosen or finding.number is None or not 0 < finding.number <= 100:
            return None
        return round(float(chosen[0].number or 0) * finding.number / 100)
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


def _describe(finding: Finding, implies: Sequence[Implied]) -> str:
    last = implies[-1]
    if last.op == "row":
        return str(mapping().describe.get("rows", {}).get(last.question_id, describe(finding)))
    return describe(finding)


def describe(finding: Finding) -> str:
    if finding.category == "system":
        return str(gazetteer().system_classes.get(finding.group, finding.group))
    text = mapping().describe.get(finding.category, finding.category)
    if isinstance(text, dict):
        return str(text.get(finding.group, finding.group))
    return str(text)


def implied(finding: Finding, others: Sequence[Finding]) -> tuple[Implied, ...]:
    """The answers a finding implies, by the first rule that matches it (none if negated)."""
    every = implied_all(finding, others)
    return every[0] if every else ()


def implied_all(finding: Finding, others: Sequence[Finding]) -> tuple[tuple[Implied, ...], ...]:
    """Every suggestion a finding makes: the answers of the first rule that matches it,
    then those of the rules offered alongside it (none if negated)."""
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
        # Rows read the words around the mention.
        finding.passage,
        finding.start - finding.sentence_start,
        # A share reads the month's total wherever the text says it.
        tuple(o.value for o in others if o.unit == "contacts") if finding.unit == "%" else (),
    )
    cached = _IMPLIED.get(key)
    if cached is None:
        if len(_IMPLIED) > 20_000:
            _IMPLIED.clear()
        cached = _IMPLIED[key] = _implied(finding, others)
    return cached


_IMPLIED: dict[tuple[Any, ...], tuple[tuple[Implied, ...], ...]] = {}


def _implied(finding: Finding, others: Sequence[Finding]) -> tuple[tuple[Implied, ...], ...]:
    known = mapping().candidates
    rules = known.get((finding.category, finding.value)) or known.get((finding.category, ""), ())
    first: tuple[Implied, ...] = ()
    beside: list[tuple[Implied, ...]] = []
    for rule in rules:
        if (not first or rule.alongside) and _matches(rule.match, finding, others):
            made = _answers(rule, finding, others)
            if not made:
                continue  # the sentence does not say enough for this rule: the next one
            if rule.alongside:
                beside.append(made)
            elif not first:
                first = made
    return tuple(s for s in (first, *beside) if s)


def _answers(rule: _Rule, finding: Finding, others: Sequence[Finding]) -> tuple[Implied, ...]:
    out = []
    for answer in rule.answers:
        op = next(op for op in OPS if op in answer)
        if op == "row":
            value = _row(answer[op], finding, others)
        else:
            value = _fill(answer[op], finding, others)
        if value is None:
            return ()
        out.append(Implied(answer["q"], op, value))
    return tuple(out)


def _contains(text: Any, label: str) -> bool:
    return isinstance(text, str) and label.casefold() in text.casefold()


def _row_key(question_id: str, row: Mapping[str, Any]) -> str:
    return heard_rows.key_of([f.id for f in BANK.questions[question_id].fields], row)


def has_row(question_id: str, current: Any, row: Mapping[str, Any]) -> bool:
    """A row of the answer is the one `row` would add (the same name, or cause)."""
    key = _row_key(question_id, row)
    return isinstance(current, list) and any(
        isinstance(r, Mapping) and _row_key(question_id, r) == key for r in current
    )


def is_given(answer: Implied, answers: Mapping[str, Any]) -> bool:
    """The answer already holds what `answer` would put there."""
    current = answers.get(answer.question_id)
    if answer.op == "row":
        return has_row(answer.question_id, current, answer.value)
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
    if answer.op == "row":
        rows = [r for r in current if isinstance(r, Mapping)] if isinstance(current, list) else []
        return rows if has_row(answer.question_id, rows, answer.value) else [*rows, answer.value]
    if (
        current is not None
        and current != ""
        and BANK.questions[answer.question_id].type in (QType.CHOICE,)
    ):
        return current  # set answers a choice only when it has no answer
    return answer.value


def suggestion_key(answers: Sequence[Implied]) -> str:
    last = answers[-1]
    if last.op == "row":
        return f"{last.question_id}+{_row_key(last.question_id, last.value)}"
    if last.op == "set" and not isinstance(last.value, str):
        # Each number its own ("45 agents", "10 part-time" both offered for the team).
        return f"{last.question_id}+#{last.value:g}"
    return f"{last.question_id}+{last.value}"


def _legacy_key(key: str) -> str:
    """A number's key before each number had its own ("context.team_size+#"): decided
    then, it still stands for every number of that question."""
    head, sep, tail = key.rpartition("+#")
    return f"{head}+#" if sep and tail else key


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
            for implies in implied_all(finding, findings):
                key = suggestion_key(implies)
                if key in decided or _legacy_key(key) in decided or key in offered:
                    continue
                if all(is_given(a, answers) for a in implies):
                    continue
                if not _applies(implies, answers):
                    continue
                offered.add(key)
                items.append(Suggestion(key, qid, finding, _describe(finding, implies), implies))
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


def held_by_row(finding: Finding, findings: Sequence[Finding]) -> bool:
    """A number a row of the same sentence carries ("30% of our calls" is the partner's
    share, "for three days" the spike's length): heard, and held there."""
    if finding.category != "quantity" or finding.number is None:
        return False
    for other in findings:
        if other is finding or other.sentence_start != finding.sentence_start:
            continue
        for answers in implied_all(other, findings):
            row = answers[-1].value if answers[-1].op == "row" else None
            if isinstance(row, Mapping) and any(
                isinstance(v, int | float) and not isinstance(v, bool) and v == finding.number
                for v in row.values()
            ):
                return True
    return False


def heard(texts: Mapping[str, str]) -> dict[str, tuple[Finding, ...]]:
    """Every finding of each free-text answer, suggestions or not (for the gaps review)."""
    return {qid: extract(text) for qid, text in texts.items() if isinstance(text, str) and text}
