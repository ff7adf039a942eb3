"""The shape of the question bank and the pure functions over it.

Questions and steps are frozen dataclasses; the data lives in `bank/data.py`. Nothing here
touches the database: visibility, validation, progress and navigation are functions of the
bank and a plain dict of answers, so they are unit-tested without Django's ORM.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from discovery import conditions


class QType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    INTEGER = "integer"
    DECIMAL = "decimal"
    CHOICE = "choice"
    MULTI = "multi"


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    step: str
    label: str
    type: QType
    help: str = ""
    choices: tuple[Choice, ...] = ()
    examples: tuple[str, ...] = ()
    show_when: Mapping[str, Any] | None = None
    # Later stages (requirements, framework) need this answer: an unanswered one is a gap.
    needed: bool = False
    min_value: float | None = None
    max_value: float | None = None
    max_length: int = 2000
    unit: str = ""
    placeholder: str = ""
    # Questions sharing a group render side by side (e.g. one KPI's baseline/target/horizon).
    group: str = ""
    exclusive: tuple[str, ...] = ()  # multi-choice values that exclude all others ("none")

    @property
    def is_follow_up(self) -> bool:
        return self.show_when is not None

    @property
    def html_id(self) -> str:
        return "q-" + self.id.replace(".", "-").replace("_", "-")

    @property
    def field_name(self) -> str:
        return self.id

    def choice_label(self, value: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value

    def _with_unit(self, text: str) -> str:
        if not self.unit:
            return text
        # "35%" and "4×" read as one token; "1,200 / month" and "6 min" take a space.
        return f"{text}{self.unit}" if self.unit in ("%", "×") else f"{text} {self.unit}"

    def display(self, value: Any) -> str:
        """An answer as a person reads it."""
        if value is None or value == "" or value == []:
            return ""
        if self.type is QType.MULTI:
            return ", ".join(self.choice_label(v) for v in value)
        if self.type is QType.CHOICE:
            return self.choice_label(value)
        if self.type is QType.INTEGER:
            return self._with_unit(f"{int(value):,}")
        if self.type is QType.DECIMAL:
            return self._with_unit(f"{value:,.2f}".rstrip("0").rstrip("."))
        return str(value)


@dataclass(frozen=True, slots=True)
class Step:
    slug: str
    number: int
    title: str
    intro: str
    questions: tuple[Question, ...] = field(default=())


class AnswerInvalid(ValueError):
    """An answer that cannot be saved; the message is shown next to the field."""


def _clean_text(question: Question, raw: Sequence[str]) -> str | None:
    text = (raw[0] if raw else "").replace("\r\n", "\n").strip()
    if "\x00" in text:
        raise AnswerInvalid("This text contains a character that cannot be saved.")
    if len(text) > question.max_length:
        raise AnswerInvalid(
            f"Keep this under {question.max_length:,} characters (it has {len(text):,})."
        )
    return text or None


def _check_range(question: Question, number: float) -> None:
    if question.min_value is not None and number < question.min_value:
        raise AnswerInvalid(f"Enter a number of at least {question.min_value:g}.")
    if question.max_value is not None and number > question.max_value:
        raise AnswerInvalid(f"Enter a number no greater than {question.max_value:,.0f}.")


def _clean_integer(question: Question, raw: Sequence[str]) -> int | None:
    text = (raw[0] if raw else "").strip().replace(",", "").replace("_", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise AnswerInvalid("Enter a whole number, such as 1200.") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise AnswerInvalid("Enter a whole number, such as 1200.")
    _check_range(question, float(number))
    return int(number)


_THOUSANDS = re.compile(r"^-?\d{1,3}([,.]\d{3})+$")


def _normalize_decimal(text: str) -> str:
    """Accept 1,500 and 1.500.000 (thousands), 2,5 (a European decimal comma), 1.234,5 and
    1,234.5. A lone "1.500" stays one and a half: a dot is a decimal point on its own."""
    if "," in text and "." in text:
        # Whichever separator comes last is the decimal point.
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if _THOUSANDS.match(text) and ("," in text or text.count(".") > 1):
        return text.replace(",", "").replace(".", "")
    return text.replace(",", ".")


def _clean_decimal(question: Question, raw: Sequence[str]) -> float | None:
    text = (raw[0] if raw else "").strip().replace(" ", "").replace("_", "")
    if not text:
        return None
    try:
        number = Decimal(_normalize_decimal(text))
    except InvalidOperation:
        raise AnswerInvalid("Enter a number, such as 2.5.") from None
    if not number.is_finite():
        raise AnswerInvalid("Enter a number, such as 2.5.")
    _check_range(question, float(number))
    return round(float(number), 4)


def _clean_choice(question: Question, raw: Sequence[str]) -> str | None:
    value = (raw[-1] if raw else "").strip()
    if not value:
        return None
    if value not in {c.value for c in question.choices}:
        raise AnswerInvalid("Pick one of the options listed.")
    return value


def _clean_multi(question: Question, raw: Sequence[str]) -> list[str] | None:
    allowed = [c.value for c in question.choices]
    chosen = {v.strip() for v in raw if v.strip()}
    unknown = chosen - set(allowed)
    if unknown:
        raise AnswerInvalid("Pick from the options listed.")
    exclusive = chosen & set(question.exclusive)
    if exclusive and len(chosen) > 1:
        label = question.choice_label(sorted(exclusive)[0])
        raise AnswerInvalid(f"“{label}” cannot be combined with other options.")
    # Keep the bank's order so answers compare equal however they were clicked.
    return [v for v in allowed if v in chosen] or None


_CLEANERS = {
    QType.TEXT: _clean_text,
    QType.TEXTAREA: _clean_text,
    QType.INTEGER: _clean_integer,
    QType.DECIMAL: _clean_decimal,
    QType.CHOICE: _clean_choice,
    QType.MULTI: _clean_multi,
}


def clean_answer(question: Question, raw: Sequence[str]) -> Any:
    """Parse what a form posted for `question` into the stored value (None when empty).

    Raises AnswerInvalid with a message for the person typing.
    """
    return _CLEANERS[question.type](question, raw)


class QuestionBank:
    """The ordered steps and questions, with lookups and the pure wizard logic."""

    def __init__(self, steps: Iterable[Step], version: str) -> None:
        self.steps: tuple[Step, ...] = tuple(steps)
        self.version = version
        self.questions: dict[str, Question] = {}
        self.step_by_slug: dict[str, Step] = {}
        for step in self.steps:
            self.step_by_slug[step.slug] = step
            for question in step.questions:
                if question.id in self.questions:
                    raise ValueError(f"duplicate question id {question.id!r}")
                self.questions[question.id] = question
        self.order = {qid: index for index, qid in enumerate(self.questions)}
        self._refs = {
            qid: tuple(dict.fromkeys(conditions.referenced_questions(q.show_when)))
            for qid, q in self.questions.items()
        }
        # Questions whose answer can show or hide another question.
        self.triggers = frozenset(ref for refs in self._refs.values() for ref in refs)

    def __len__(self) -> int:
        return len(self.questions)

    def step(self, slug: str) -> Step:
        return self.step_by_slug[slug]

    def first_step(self) -> Step:
        return self.steps[0]

    def next_step(self, slug: str) -> Step | None:
        index = self.steps.index(self.step(slug))
        return self.steps[index + 1] if index + 1 < len(self.steps) else None

    def previous_step(self, slug: str) -> Step | None:
        index = self.steps.index(self.step(slug))
        return self.steps[index - 1] if index > 0 else None

    def visibility(self, answers: Mapping[str, Any]) -> dict[str, bool]:
        """Whether each question applies, in one pass over the bank.

        A condition only sees the answers of questions that are themselves visible, so a
        hidden follow-up's stored answer cannot open its own follow-ups (the audience became
        internal: the B2B market question, and what it opened, are gone). Conditions only
        refer to earlier questions (validate() checks), so one pass in bank order suffices.
        """
        visible: dict[str, bool] = {}
        for qid, question in self.questions.items():
            if question.show_when is None:
                visible[qid] = True
                continue
            scoped = {ref: answers.get(ref) for ref in self._refs[qid] if visible.get(ref, True)}
            visible[qid] = conditions.evaluate(question.show_when, scoped)
        return visible

    def is_visible(self, question: Question, answers: Mapping[str, Any]) -> bool:
        return self.visibility(answers)[question.id]

    def visible_questions(
        self, step: Step, answers: Mapping[str, Any], visible: Mapping[str, bool] | None = None
    ) -> list[Question]:
        visible = visible if visible is not None else self.visibility(answers)
        return [q for q in step.questions if visible[q.id]]

    def effective_answers(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """Answers of questions that currently apply, in bank order.

        An answer to a follow-up whose trigger was later withdrawn stays stored (so it comes
        back if the trigger does) but no longer counts anywhere downstream.
        """
        visible = self.visibility(answers)
        return {
            qid: answers[qid]
            for qid in self.questions
            if visible[qid] and _answered(answers.get(qid))
        }

    def step_progress(
        self, step: Step, answers: Mapping[str, Any], visible: Mapping[str, bool] | None = None
    ) -> tuple[int, int]:
        """(answered, total) over the step's visible questions."""
        shown = self.visible_questions(step, answers, visible)
        answered = sum(1 for q in shown if _answered(answers.get(q.id)))
        return answered, len(shown)

    def gaps(self, answers: Mapping[str, Any]) -> list[Question]:
        """Visible questions that later stages need and that have no answer yet."""
        visible = self.visibility(answers)
        return [
            q
            for q in self.questions.values()
            if q.needed and visible[q.id] and not _answered(answers.get(q.id))
        ]

    def completeness(
        self, answers: Mapping[str, Any], visible: Mapping[str, bool] | None = None
    ) -> int:
        """Percentage of the needed, visible questions that are answered."""
        visible = visible if visible is not None else self.visibility(answers)
        needed = [q for q in self.questions.values() if q.needed and visible[q.id]]
        if not needed:
            return 100
        answered = sum(1 for q in needed if _answered(answers.get(q.id)))
        return round(100 * answered / len(needed))

    def validate(self) -> list[str]:
        """Problems with the bank itself: unknown ids in conditions, forward references."""
        problems: list[str] = []
        known = set(self.questions)
        for question in self.questions.values():
            for problem in conditions.validate_condition(question.show_when, known):
                problems.append(f"{question.id}: {problem}")
            for ref in conditions.referenced_questions(question.show_when):
                if ref in self.order and self.order[ref] >= self.order[question.id]:
                    problems.append(f"{question.id}: shown after a later question {ref!r}")
            if question.type in (QType.CHOICE, QType.MULTI) and not question.choices:
                problems.append(f"{question.id}: a choice question without choices")
        return problems


def _answered(value: Any) -> bool:
    return value is not None and value != "" and value != []
