"""What every section generator reads: the answers, the requirements, and the shared
computations (staffing plan, platform scoring) done once per generation.

Pure: plain data in, plain dicts out. Elements are JSON-ready dicts so a framework can be
frozen into a proposal version as it is; no dataclass, Decimal or date leaves a generator.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from discovery.bank import BANK
from frameworks.scoring import INTEGRATION_LABELS, ScoringResult, score_platforms
from frameworks.staffing import StaffingPlan, staffing_from_answers

NONE_VALUES = frozenset({"none", ""})


@dataclass(frozen=True, slots=True)
class RequirementInput:
    """One requirement as the framework reads it: persisted (consultant edits included) or
    straight from the engine."""

    code: str
    title: str
    kind: str
    category: str
    priority: str
    question_ids: tuple[str, ...] = ()


def plain(value: Any) -> Any:
    """A value as JSON can carry it: Decimal to int/float, dates to ISO text, inf to None."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is dict:
        return {str(k): plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    if isinstance(value, float):
        return None if math.isinf(value) or math.isnan(value) else value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [plain(v) for v in items]
    raise TypeError(f"not JSON-ready: {type(value).__name__}")


def number_text(value: float, decimals: int = 1) -> str:
    """1200 → "1,200"; 1.3 → "1.3"; 2.0 → "2"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text


def hours_text(hours: float) -> str:
    """Hours as a person says them: 0.1 → "6 min", 2 → "2 h", 36 → "36 h"."""
    if hours < 1:
        return f"{round(hours * 60):g} min"
    return f"{number_text(hours)} h"


def join(items: Iterable[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def quoted(text: str) -> str:
    return f"“{text.strip()}”"


def _team_size(answers: Mapping[str, Any]) -> int:
    value = answers.get("context.team_size")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return 0
    try:
        return max(0, math.ceil(float(value)))
    except ValueError:
        return 0


@dataclass
class Context:
    answers: dict[str, Any]  # effective answers only
    requirements: tuple[RequirementInput, ...]
    plan: StaffingPlan
    scoring: ScoringResult
    _order: dict[str, int] = field(default_factory=dict)
    _by_category: dict[str, list[int]] = field(default_factory=dict)
    _by_question: dict[str, list[int]] = field(default_factory=dict)
    # Values several generators derive from the answers (e.g. the integrations), once each.
    cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, answers: Mapping[str, Any], requirements: Sequence[RequirementInput]) -> Context:
        effective = BANK.effective_answers(answers)
        reqs = tuple(requirements)
        plan = staffing_from_answers(effective)
        # Everyone on the team works tickets in the tool, whatever the model says it needs.
        agents = max(plan.headcount, _team_size(effective)) or None
        scoring = score_platforms(effective, [r.code for r in reqs], agents=agents)
        by_category: dict[str, list[int]] = {}
        by_question: dict[str, list[int]] = {}
        for i, r in enumerate(reqs):
            by_category.setdefault(r.category, []).append(i)
            for qid in dict.fromkeys(r.question_ids):
                by_question.setdefault(qid, []).append(i)
        return cls(
            answers=effective,
            requirements=reqs,
            plan=plan,
            scoring=scoring,
            _order={r.code: i for i, r in enumerate(reqs)},
            _by_category=by_category,
            _by_question=by_question,
        )

    # --- answers ------------------------------------------------------------------------------

    def get(self, qid: str, default: Any = None) -> Any:
        return self.answers.get(qid, default)

    def has(self, qid: str) -> bool:
        return qid in self.answers

    def values(self, qid: str) -> list[str]:
        """A multi-choice (or single) answer as a list, without "none"."""
        value = self.answers.get(qid)
        if value is None:
            return []
        items = [value] if isinstance(value, str) else list(value)
        return [str(v) for v in items if str(v) not in NONE_VALUES]

    def num(self, qid: str) -> float | None:
        value = self.answers.get(qid)
        if value is None or isinstance(value, bool):
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            return None

    def text(self, qid: str) -> str:
        """The answer as the question bank displays it ("" when unanswered)."""
        value = self.answers.get(qid)
        if value is None:
            return ""
        return BANK.questions[qid].display(value)

    def label(self, qid: str, value: str) -> str:
        return BANK.questions[qid].choice_label(value)

    def labels(self, qid: str) -> list[str]:
        return [self.label(qid, v) for v in self.values(qid)]

    def answered(self, qids: Iterable[str]) -> list[str]:
        """The ids among `qids` that carry an effective answer, in bank order, once each."""
        order = BANK.order
        seen = {q for q in qids if q in self.answers}
        return sorted(seen, key=lambda q: order.get(q, len(order)))

    # --- requirements -------------------------------------------------------------------------

    def reqs(
        self,
        *,
        codes: Iterable[str] = (),
        questions: Iterable[str] = (),
        categories: Iterable[str] = (),
    ) -> list[str]:
        """Codes of the project's requirements that match, in the project's order.

        `codes` match exactly, or as a prefix when they end with "-" ("FR-CHN-"). With
        `questions`, a requirement matches when it read one of them, narrowed to `categories`
        when both are given; `categories` alone match every requirement in them.
        """
        found: set[int] = set()
        for c in codes:
            if c.endswith("-"):
                found.update(i for code, i in self._order.items() if code.startswith(c))
            elif (index := self._order.get(c)) is not None:
                found.add(index)
        wanted = frozenset(categories)
        matched: set[int] = set()
        questions = tuple(questions)
        if questions:
            for q in questions:
                matched.update(self._by_question.get(q, ()))
            if wanted:
                matched = {i for i in matched if self.requirements[i].category in wanted}
        else:
            for category in wanted:
                matched.update(self._by_category.get(category, ()))
        found |= matched
        return [self.requirements[i].code for i in sorted(found)]

    def requirement(self, code: str) -> RequirementInput | None:
        index = self._order.get(code)
        return self.requirements[index] if index is not None else None

    def satisfies(self, codes: Iterable[str]) -> list[dict[str, str]]:
        """Requirement codes with their (possibly edited) titles and priorities, for tables."""
        rows = []
        for code in codes:
            r = self.requirement(code)
            if r is not None:
                rows.append({"code": r.code, "title": r.title, "priority": r.priority})
        return rows

    # --- integrations -------------------------------------------------------------------------

    def integration_label(self, key: str) -> str:
        if key == "billing" and self.get("integrations.billing_system"):
            return str(self.get("integrations.billing_system"))
        if key == "telephony" and self.get("context.phone_system"):
            return f"Telephony ({self.get('context.phone_system')})"
        return INTEGRATION_LABELS.get(key, key.replace("_", " "))


def element(
    ctx: Context,
    id: str,
    kind: str,
    title: str,
    text: str,
    *,
    data: Mapping[str, Any] | None = None,
    requirements: Iterable[str] = (),
    answers: Iterable[str] = (),
) -> dict[str, Any]:
    """One framework element with its trace: the requirement codes and answered questions."""
    codes = list(dict.fromkeys(requirements))
    codes.sort(key=lambda c: ctx._order.get(c, len(ctx._order)))
    return {
        "id": id,
        "kind": kind,
        "title": title,
        "text": text,
        "data": plain(dict(data or {})),
        "trace": {"requirements": codes, "answers": ctx.answered(answers)},
    }


def section(
    key: str, title: str, intro: str, elements: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    return {"key": key, "title": title, "intro": intro, "elements": elements, **plain(extra)}
