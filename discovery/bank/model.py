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

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from discovery import conditions, units
from discovery.units import Unit
from discovery.vocab import languages, places


class QType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    INTEGER = "integer"
    DECIMAL = "decimal"
    CHOICE = "choice"
    MULTI = "multi"
    # A list of ISO 639 codes, typed as names ("English, Deutsch") and shown as names.
    LANGUAGES = "languages"
    # A list of ISO 3166 country codes or regions ("EU", "150"), typed and shown as names.
    PLACES = "places"
    # {"value": 6, "unit": "min"}: a number in the unit the client speaks; see discovery.units.
    QUANTITY = "quantity"
    # A list of rows, each {field id: value}: a repeating group (calendars, partners…).
    RECORDS = "records"
    # "HH:MM" and an IANA time zone (or "UTC+02:00"): used as fields of records.
    TIME = "time"
    TIMEZONE = "timezone"


LIST_TYPES = frozenset({QType.MULTI, QType.LANGUAGES, QType.PLACES, QType.RECORDS})


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class Assumption:
    """What the proposal assumes while a question is unanswered, said as an assumption:
    "assumed 8 min per email (not asked yet)". `value` is in the question's stored form."""

    value: Any
    text: str  # "8 min per email"
    source: str  # where the default comes from


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
    # The unit of a number ("min", "%"); for a QUANTITY, the unit its range and every
    # computation are in ("hours"), while the client picks from `units`.
    unit: str = ""
    placeholder: str = ""
    # Questions sharing a group render side by side (e.g. one KPI's baseline/target/horizon).
    group: str = ""
    exclusive: tuple[str, ...] = ()  # multi-choice values that exclude all others ("none")
    units: tuple[Unit, ...] = ()  # QUANTITY: the units offered, the first is the default
    # RECORDS: the fields of one row (Questions whose id is the field's key in the row),
    # how a row reads (the first format whose placeholders are all answered), the most rows.
    fields: tuple[Question, ...] = ()
    row_formats: tuple[str, ...] = ()
    max_rows: int = 40
    required: bool = False  # a field of a row that the row cannot do without
    sum_max: tuple[tuple[str, float], ...] = ()  # RECORDS: (field, most its rows add up to)
    assumed: Assumption | None = None  # what the proposal assumes while unanswered

    @property
    def is_follow_up(self) -> bool:
        return self.show_when is not None

    @property
    def html_id(self) -> str:
        return "q-" + self.id.replace(".", "-").replace("_", "-")

    @property
    def field_name(self) -> str:
        return self.id

    def field_input_name(self, field_id: str) -> str:
        """The form name of one field of a RECORDS question (every row posts under it)."""
        return f"{self.id}.{field_id}"

    @property
    def unit_input_name(self) -> str:
        """The form name of a QUANTITY's unit picker."""
        return f"{self.id}.unit"

    def field(self, field_id: str) -> Question:
        for item in self.fields:
            if item.id == field_id:
                return item
        raise KeyError(field_id)

    def choice_label(self, value: str) -> str:
        if self.type is QType.LANGUAGES:
            return languages.english_name(value)
        if self.type is QType.PLACES:
            return places.name(value)
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value

    def _with_unit(self, text: str) -> str:
        if not self.unit:
            return text
        # "35%" and "4×" read as one token; "1,200 / month" and "6 min" take a space.
        return f"{text}{self.unit}" if self.unit in ("%", "×") else f"{text} {self.unit}"

    def number(self, value: Any) -> float | None:
        """A numeric answer as a float in the question's own unit (a QUANTITY converted)."""
        if self.type is QType.QUANTITY:
            return units.convert(value, self.unit)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def row_display(self, row: Mapping[str, Any]) -> str:
        """One row of a RECORDS answer as a person reads it."""
        shown = {f.id: f.display(row.get(f.id)) for f in self.fields if _answered(row.get(f.id))}
        for fmt in self.row_formats:
            wanted = _FORMAT_FIELD_RE.findall(fmt)
            if all(name in shown for name in wanted):
                return fmt.format_map(shown)
        return ", ".join(f"{f.label}: {shown[f.id]}" for f in self.fields if f.id in shown)

    def display(self, value: Any) -> str:
        """An answer as a person reads it."""
        if value is None or value == "" or value == []:
            return ""
        kind = self.type
        if kind is QType.MULTI or kind is QType.LANGUAGES or kind is QType.PLACES:
            return ", ".join(self.choice_label(v) for v in value)
        if kind is QType.CHOICE:
            return self.choice_label(value)
        if kind is QType.INTEGER:
            return self._with_unit(f"{int(value):,}")
        if kind is QType.DECIMAL:
            return self._with_unit(f"{value:,.2f}".rstrip("0").rstrip("."))
        if kind is QType.QUANTITY:
            return units.quantity_text(value)
        if kind is QType.RECORDS:
            return "; ".join(self.row_display(row) for row in value if isinstance(row, Mapping))
        return str(value)

    def rows_where(self, value: Any, wanted: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        """The rows of a RECORDS answer whose fields match `wanted` (see conditions.row_matches)."""
        if not isinstance(value, list):
            return []
        return [row for row in value if conditions.row_matches(row, wanted)]


_FORMAT_FIELD_RE = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class Step:
    slug: str
    number: int
    title: StrOrPromise
    intro: StrOrPromise
    questions: tuple[Question, ...] = field(default=())


class AnswerInvalid(ValueError):
    """An answer that cannot be saved; the message is shown next to the field."""


def _clean_text(question: Question, raw: Sequence[str]) -> str | None:
    text = (raw[0] if raw else "").replace("\r\n", "\n").strip()
    if "\x00" in text:
        raise AnswerInvalid(_("This text contains a character that cannot be saved."))
    if len(text) > question.max_length:
        raise AnswerInvalid(
            _("Keep this under %(most)s characters (it has %(count)s).")
            % {"most": f"{question.max_length:,}", "count": f"{len(text):,}"}
        )
    return text or None


def _check_range(question: Question, number: float, unit: str = "") -> None:
    suffix = f" {unit}" if unit else ""
    if question.min_value is not None and number < question.min_value:
        raise AnswerInvalid(
            _("Enter a number of at least %(least)s.")
            % {"least": f"{question.min_value:g}{suffix}"}
        )
    if question.max_value is not None and number > question.max_value:
        raise AnswerInvalid(
            _("Enter a number no greater than %(most)s.")
            % {"most": f"{question.max_value:,.0f}{suffix}"}
        )


def _clean_integer(question: Question, raw: Sequence[str]) -> int | None:
    text = (raw[0] if raw else "").strip().replace(",", "").replace("_", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise AnswerInvalid(_("Enter a whole number, such as 1200.")) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise AnswerInvalid(_("Enter a whole number, such as 1200."))
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


def _parse_decimal(text: str) -> Decimal | None:
    text = text.strip().replace(" ", "").replace("_", "")
    if not text:
        return None
    try:
        number = Decimal(_normalize_decimal(text))
    except InvalidOperation:
        raise AnswerInvalid(_("Enter a number, such as 2.5.")) from None
    if not number.is_finite():
        raise AnswerInvalid(_("Enter a number, such as 2.5."))
    return number


def _clean_decimal(question: Question, raw: Sequence[str]) -> float | None:
    number = _parse_decimal(raw[0] if raw else "")
    if number is None:
        return None
    _check_range(question, float(number))
    return round(float(number), 4)


def _clean_choice(question: Question, raw: Sequence[str]) -> str | None:
    value = (raw[-1] if raw else "").strip()
    if not value:
        return None
    if value not in {c.value for c in question.choices}:
        raise AnswerInvalid(_("Pick one of the options listed."))
    return value


def _clean_multi(question: Question, raw: Sequence[str]) -> list[str] | None:
    allowed = [c.value for c in question.choices]
    chosen = {v.strip() for v in raw if v.strip()}
    unknown = chosen - set(allowed)
    if unknown:
        raise AnswerInvalid(_("Pick from the options listed."))
    exclusive = chosen & set(question.exclusive)
    if exclusive and len(chosen) > 1:
        label = question.choice_label(sorted(exclusive)[0])
        raise AnswerInvalid(
            _("“%(option)s” cannot be combined with other options.") % {"option": label}
        )
    # Keep the bank's order so answers compare equal however they were clicked.
    return [v for v in allowed if v in chosen] or None


def _unknown_names(unknown: list[str], kind: str, example: str) -> AnswerInvalid:
    quoted = ", ".join(f"“{name[:60]}”" for name in unknown[:3])
    if len(unknown) > 3:
        rest = len(unknown) - 3
        quoted += ngettext(" and %(count)d more", " and %(count)d more", rest) % {"count": rest}
    return AnswerInvalid(
        _("Not a %(kind)s we know: %(names)s. Use its English name or its code (%(example)s).")
        % {"kind": kind, "names": quoted, "example": example}
    )


def _clean_named_list(
    question: Question, raw: Sequence[str], vocab: Any, kind: str, example: str
) -> list[str] | None:
    text = " , ".join(part for part in raw if part)
    if len(text) > 2000:
        raise AnswerInvalid(_("Keep this list under 2,000 characters."))
    codes, unknown = vocab.parse(text)
    if unknown:
        raise _unknown_names(unknown, kind, example)
    if len(codes) > question.max_rows * 5:
        raise AnswerInvalid(_("Name at most %(most)d here.") % {"most": question.max_rows * 5})
    return codes or None


def _clean_languages(question: Question, raw: Sequence[str]) -> list[str] | None:
    return _clean_named_list(question, raw, languages, _("language"), _("e.g. Spanish or es"))


def _clean_places(question: Question, raw: Sequence[str]) -> list[str] | None:
    return _clean_named_list(question, raw, places, _("country or region"), _("e.g. Canada or CA"))


_QUANTITY_RE = re.compile(r"^\s*([-+]?[\d.,\s_]+)\s*([a-zA-Z]*)\s*$")
_UNIT_WORDS = {
    "s": "s",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "m": "min",
    "min": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "d": "d",
    "day": "d",
    "days": "d",
}


def _clean_quantity(question: Question, raw: Sequence[str]) -> dict[str, Any] | None:
    """raw: [number text] or [number text, unit code]; "6 min" typed in the box also works."""
    text = (raw[0] if raw else "").strip()
    picked = (raw[1] if len(raw) > 1 else "").strip()
    if not text:
        return None
    offered = {u.code for u in question.units}
    match = _QUANTITY_RE.match(text)
    if match is None:
        raise AnswerInvalid(_("Enter a number, such as 6, and pick its unit."))
    number_text, word = match.groups()
    unit = picked or (question.units[0].code if question.units else "")
    if word:
        typed = _UNIT_WORDS.get(word.lower())
        if typed is None or typed not in offered:
            names = ", ".join(u.label for u in question.units)
            raise AnswerInvalid(
                _("Give the number alone and pick its unit (%(units)s).") % {"units": names}
            )
        unit = typed
    if unit not in offered:
        raise AnswerInvalid(_("Pick one of the units listed."))
    number = _parse_decimal(number_text)
    if number is None:
        raise AnswerInvalid(_("Enter a number, such as 6, and pick its unit."))
    value = {"value": _plain_number(number), "unit": unit}
    base = units.convert(value, question.unit)
    if base is not None:
        _check_range(question, base, question.unit)
    return value


def _plain_number(number: Decimal) -> int | float:
    rounded = round(float(number), 4)
    return int(rounded) if rounded.is_integer() else rounded


def _clean_time(question: Question, raw: Sequence[str]) -> str | None:
    text = (raw[0] if raw else "").strip()
    if not text:
        return None
    parsed = units.parse_time(text)
    if parsed is None:
        raise AnswerInvalid(_("Enter a time of day, such as 08:30 or 17:00 (24:00 for midnight)."))
    return parsed


def _clean_timezone(question: Question, raw: Sequence[str]) -> str | None:
    text = (raw[0] if raw else "").strip()
    if not text:
        return None
    parsed = units.parse_zone(text)
    if parsed is None:
        raise AnswerInvalid(
            _("Enter a time zone such as Europe/Berlin, America/Sao_Paulo, CET or UTC+2.")
        )
    return parsed


_CLEANERS = {
    QType.TEXT: _clean_text,
    QType.TEXTAREA: _clean_text,
    QType.INTEGER: _clean_integer,
    QType.DECIMAL: _clean_decimal,
    QType.CHOICE: _clean_choice,
    QType.MULTI: _clean_multi,
    QType.LANGUAGES: _clean_languages,
    QType.PLACES: _clean_places,
    QType.QUANTITY: _clean_quantity,
    QType.TIME: _clean_time,
    QType.TIMEZONE: _clean_timezone,
}


def clean_answer(question: Question, raw: Sequence[str]) -> Any:
    """Parse what a form posted for `question` into the stored value (None when empty).

    `raw` is every value posted under the question's name (for a QUANTITY: the number,
    then the unit). A RECORDS question posts several names: use `clean_posted`.
    Raises AnswerInvalid with a message for the person typing.
    """
    if question.type is QType.RECORDS:
        raise TypeError("a RECORDS question is cleaned from the whole form: clean_posted()")
    return _CLEANERS[question.type](question, raw)


def posted(raw: Mapping[str, Any], name: str) -> list[str]:
    """Every value posted under `name`. A QueryDict's `.get()` returns only the last one
    (a bare string), which the cleaners would read character by character."""
    getlist = getattr(raw, "getlist", None)
    if getlist is not None:
        return [str(v) for v in getlist(name)]
    value = raw.get(name, ())
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _posted_rows(question: Question, raw: Mapping[str, Any]) -> list[dict[str, str]]:
    """The rows as typed: every field posts one value per row, in row order."""
    columns = {f.id: posted(raw, question.field_input_name(f.id)) for f in question.fields}
    count = max((len(values) for values in columns.values()), default=0)
    return [
        {fid: (values[i] if i < len(values) else "") for fid, values in columns.items()}
        for i in range(count)
    ]


def _clean_rows(question: Question, typed: list[dict[str, str]]) -> list[dict[str, Any]] | None:
    rows: list[dict[str, Any]] = []
    for row in typed:
        if not any(str(v).strip() for v in row.values()):
            continue  # a blank row is how a row is removed without JavaScript
        number = len(rows) + 1
        if number > question.max_rows:
            raise AnswerInvalid(
                ngettext(
                    "Keep this to %(most)d row at most.",
                    "Keep this to %(most)d rows at most.",
                    question.max_rows,
                )
                % {"most": question.max_rows}
            )
        clean: dict[str, Any] = {}
        for f in question.fields:
            try:
                value = clean_answer(f, [str(row.get(f.id, ""))])
            except AnswerInvalid as exc:
                raise AnswerInvalid(
                    _("Row %(number)d, %(field)s: %(error)s")
                    % {"number": number, "field": f.label, "error": exc}
                ) from None
            if value is not None:
                clean[f.id] = value
            elif f.required:
                raise AnswerInvalid(
                    _("Row %(number)d: fill in “%(field)s” (or clear the row).")
                    % {"number": number, "field": f.label}
                )
        rows.append(clean)
    _check_sum(question, rows)
    return rows or None


def _check_sum(question: Question, rows: list[dict[str, Any]]) -> None:
    for field_id, most in question.sum_max:
        total = sum(float(row.get(field_id) or 0) for row in rows)
        if total > most:
            f = question.field(field_id)
            raise AnswerInvalid(
                _(
                    "“%(field)s” adds up to %(total)s over the rows; it cannot be more than %(most)s."
                )
                % {"field": f.label, "total": f"{total:g}{f.unit}", "most": f"{most:g}{f.unit}"}
            )


def clean_posted(question: Question, raw: Mapping[str, Any]) -> Any:
    """The stored value of `question` from a whole posted form (a QueryDict or a mapping of
    name → value or list of values). Raises AnswerInvalid for the person typing."""
    if question.type is QType.RECORDS:
        return _clean_rows(question, _posted_rows(question, raw))
    values = posted(raw, question.field_name)
    if question.type is QType.QUANTITY:
        unit = posted(raw, question.unit_input_name)
        return _clean_quantity(question, [values[0] if values else "", unit[-1] if unit else ""])
    return clean_answer(question, values)


def posted_form_value(question: Question, raw: Mapping[str, Any]) -> Any:
    """What the person typed, to show again next to its error (not the stored form)."""
    if question.type is QType.RECORDS:
        return _posted_rows(question, raw)
    values = posted(raw, question.field_name)
    if question.type is QType.MULTI:
        return values
    if question.type is QType.QUANTITY:
        unit = posted(raw, question.unit_input_name)
        return {"text": values[0] if values else "", "unit": unit[-1] if unit else ""}
    return values[0] if values else ""


def _stored_as_raw(question: Question, value: Any) -> list[str]:
    """A stored value as the form would post it, to check it with the wizard's cleaner."""
    kind = question.type
    if kind is QType.MULTI:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AnswerInvalid("expected a list of choices.")
        return value
    if kind is QType.LANGUAGES or kind is QType.PLACES:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AnswerInvalid("expected a list of codes.")
        vocab = languages if kind is QType.LANGUAGES else places
        unknown = [v for v in value if not vocab.is_known(v)]
        if unknown:
            raise AnswerInvalid(f"unknown codes {unknown[:3]}.")
        return [", ".join(value)]
    if kind is QType.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerInvalid("expected a whole number.")
        return [str(value)]
    if kind is QType.DECIMAL:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise AnswerInvalid("expected a number.")
        return [repr(value)]
    if kind is QType.QUANTITY:
        if not units.is_quantity(value):
            raise AnswerInvalid("expected a number with its unit.")
        return [repr(value["value"]), value["unit"]]
    if not isinstance(value, str):
        raise AnswerInvalid("expected text.")
    return [value]


def sample_value(question: Question) -> Any:
    """A valid stored value of `question`, for tests and generated data (not a guess of
    the client's answer: templates and assumptions say their own)."""
    kind = question.type
    if kind in (QType.CHOICE, QType.MULTI):
        choice = next(c for c in question.choices if c.value not in question.exclusive)
        return choice.value if kind is QType.CHOICE else [choice.value]
    if kind is QType.INTEGER:
        return int(question.min_value or 0) + 1
    if kind is QType.DECIMAL:
        return float(int(question.min_value or 0) + 1)
    if kind is QType.LANGUAGES:
        return ["en"]
    if kind is QType.PLACES:
        return ["DE"]
    if kind is QType.QUANTITY:
        return {"value": 1, "unit": question.units[0].code}
    if kind is QType.TIME:
        return "09:00"
    if kind is QType.TIMEZONE:
        return "Europe/Berlin"
    if kind is QType.RECORDS:
        return [{f.id: sample_value(f) for f in question.fields if f.required}]
    return "An answer typed during the workshop."


def check_stored(question: Question, value: Any) -> Any:
    """A stored value (from an export, a template, a migration) checked by the wizard's
    own cleaner: it must be a value the wizard could have saved. Returns it in the
    wizard's form; raises AnswerInvalid naming what is wrong."""
    if value is None:
        return None
    if question.type is QType.RECORDS:
        if not isinstance(value, list) or len(value) > question.max_rows:
            raise AnswerInvalid(f"expected a list of at most {question.max_rows} rows.")
        typed: list[dict[str, str]] = []
        for number, row in enumerate(value, start=1):
            if not isinstance(row, dict):
                raise AnswerInvalid(f"row {number}: expected an object.")
            known = {f.id for f in question.fields}
            if set(row) - known:
                raise AnswerInvalid(f"row {number}: unknown fields {sorted(set(row) - known)}.")
            typed.append(
                {
                    f.id: " ".join(_stored_as_raw(f, row[f.id]))
                    if row.get(f.id) is not None
                    else ""
                    for f in question.fields
                }
            )
        cleaned_rows = _clean_rows(question, typed)
        return value if cleaned_rows == value else cleaned_rows
    cleaned = clean_answer(question, _stored_as_raw(question, value))
    # Keep the file's value when the wizard would store the same (an int stays an int
    # where the wizard would make it 18.0); otherwise the wizard's form of it.
    return value if cleaned == value else cleaned


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

    def condition_problems(self, condition: Mapping[str, Any] | None) -> list[str]:
        """What a condition gets wrong about the questions it reads: a numeric test of a
        quantity without a unit, a row test of a question that has no rows or of a field it
        lacks, a language or place code that is not one. (Shape and ids: conditions.)"""
        problems: list[str] = []
        for leaf in conditions.leaves(condition):
            question = self.questions.get(leaf.get("q", ""))
            op = leaf.get("op")
            if question is None:
                continue
            quantity = question.type is QType.QUANTITY
            if quantity and op in conditions.NUMERIC_OPS and "unit" not in leaf:
                problems.append(f"{op!r} on quantity {question.id!r} must name its unit")
            if op in ("any_row", "rows_at_least") and question.type is not QType.RECORDS:
                problems.append(f"{op!r} on {question.id!r}, which has no rows")
            if op == "count_at_least" and question.type not in LIST_TYPES:
                problems.append(f"'count_at_least' on {question.id!r}, which is not a list")
            if op == "any_row" and question.type is QType.RECORDS:
                for field_id, expected in (leaf.get("value") or {}).items():
                    try:
                        f = question.field(field_id)
                    except KeyError:
                        problems.append(f"{question.id!r} has no field {field_id!r}")
                        continue
                    values = expected if isinstance(expected, list | tuple) else [expected]
                    if f.type is QType.CHOICE and not isinstance(expected, Mapping):
                        allowed = {c.value for c in f.choices}
                        for item in values:
                            if item not in allowed:
                                problems.append(
                                    f"{item!r} is not a choice of {question.id}.{field_id}"
                                )
            if question.type in (QType.LANGUAGES, QType.PLACES) and op in (
                "includes",
                "includes_any",
                "includes_all",
                "answered_other_than",
            ):
                vocab = languages if question.type is QType.LANGUAGES else places
                value = leaf.get("value")
                for item in value if isinstance(value, list | tuple) else [value]:
                    if not vocab.is_known(str(item)):
                        problems.append(f"{item!r} is not a code of {question.id!r}")
        return problems

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
            for problem in self.condition_problems(question.show_when):
                problems.append(f"{question.id}: {problem}")
            problems.extend(_question_problems(question))
        return problems


def _question_problems(question: Question, where: str = "") -> list[str]:
    where = where or question.id
    problems: list[str] = []
    if question.type in (QType.CHOICE, QType.MULTI) and not question.choices:
        problems.append(f"{where}: a choice question without choices")
    if question.type is QType.QUANTITY:
        if not question.units:
            problems.append(f"{where}: a quantity without units")
        if units.UNITS.get(units.unit_code(question.unit)) is None:
            problems.append(f"{where}: a quantity's unit must be one of {sorted(units.UNITS)}")
    if question.type is QType.RECORDS:
        if not question.fields:
            problems.append(f"{where}: a list of rows without fields")
        ids = [f.id for f in question.fields]
        if len(ids) != len(set(ids)):
            problems.append(f"{where}: two fields share an id")
        for f in question.fields:
            if f.type in (QType.RECORDS, QType.TEXTAREA, QType.MULTI, QType.QUANTITY):
                problems.append(f"{where}.{f.id}: a field cannot be of type {f.type}")
            problems.extend(_question_problems(f, f"{where}.{f.id}"))
        for fmt in question.row_formats:
            for name in _FORMAT_FIELD_RE.findall(fmt):
                if name not in ids:
                    problems.append(f"{where}: row format names unknown field {name!r}")
        for field_id, _most in question.sum_max:
            if field_id not in ids:
                problems.append(f"{where}: sum_max names unknown field {field_id!r}")
    if question.assumed is not None:
        try:
            check_stored(question, question.assumed.value)
        except AnswerInvalid as exc:
            problems.append(f"{where}: assumed value is not a valid answer ({exc})")
    return problems


def _answered(value: Any) -> bool:
    return value is not None and value != "" and value != []
