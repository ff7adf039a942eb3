"""HTML for one wizard question.

A step page holds up to ~40 questions and ~150 radio buttons and checkboxes; rendered
through the template engine node by node, that costs 30+ ms and dominates the page. The
markup of a question only varies in a few places (visibility, value, checked options,
error), so the static parts are built once per question and the rest is filled in with
escaped values. Everything a person typed goes through `escape`; the static parts come
from the question bank and are escaped when they are built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from . import units
from .bank import BANK, QType, Question
from .revisions import KEEP_FIELD, TAKE_FIELD, Base, base_field
from .vocab import languages, places

if TYPE_CHECKING:
    from .services import Conflict

SAVED = '<span class="saved">✓ Saved</span>'
# A save that wrote: the page drops a template's mark on the answer (static/js/app.js).
SAVED_WRITTEN = '<span class="saved" data-written>✓ Saved</span>'

# Blank rows offered after the saved ones of a list-of-rows question; "Add a row" (a
# submit without JavaScript, a cloned template row with it) adds more.
BLANK_ROWS = 1

if TYPE_CHECKING:
    from .suggestions import Suggestion


@dataclass(frozen=True, slots=True)
class _Static:
    classes: str
    label: str
    help: str
    options: tuple[tuple[str, str], ...]  # (input html before 'checked', label html after)
    examples: str
    input_id: str
    # The ids an input's aria-describedby names: its help (if any) and its feedback line,
    # where a save error appears.
    described_by: str


def _build_static(question: Question) -> _Static:
    html_id = question.html_id
    classes = "question"
    if question.is_follow_up:
        classes += " follow-up"
    if question.group:
        classes += " in-group"
    input_id = f"f-{html_id}"
    options: list[tuple[str, str]] = []
    if question.type in (QType.MULTI, QType.CHOICE):
        kind = "checkbox" if question.type is QType.MULTI else "radio"
        for index, choice in enumerate(question.choices, start=1):
            option_id = f"{input_id}-{index}"
            options.append(
                (
                    f'<div class="form-check"><input class="form-check-input" type="{kind}" '
                    f'name="{escape(question.id)}" value="{escape(choice.value)}" id="{option_id}"',
                    f'><label class="form-check-label" for="{option_id}">{escape(gettext(choice.label))}'
                    "</label></div>",
                )
            )
    help_html = ""
    if question.help:
        help_html = f'<div class="q-help" id="h-{html_id}">{escape(gettext(question.help))}</div>'
    examples = ""
    if question.examples:
        buttons = "".join(
            f'<button type="submit" class="btn btn-sm btn-outline-secondary" name="__suggest" '
            f'value="{escape(question.id)}|{index}" data-suggestion-for="{input_id}" '
            f'data-text="{escape(example)}">{escape(example)}</button>'
            for index, example in enumerate(question.examples)
        )
        aria = escape(gettext("Example answers"))
        examples = f'<div class="suggestions" aria-label="{aria}">{buttons}</div>'
    label: str = escape(gettext(question.label))
    if question.needed:
        title = escape(gettext("The requirements and the framework use this answer"))
        needed = escape(gettext("needed"))
        label += f' <span class="needed-badge" title="{title}">{needed}</span>'
    described_by = f"h-{html_id} fb-{html_id}" if question.help else f"fb-{html_id}"
    return _Static(
        classes=classes,
        label=label,
        help=help_html,
        options=tuple(options),
        examples=examples,
        input_id=input_id,
        described_by=described_by,
    )


def _static(question_id: str) -> _Static:
    return _static_in(question_id, get_language())


@cache
def _static_in(question_id: str, language: str) -> _Static:
    # The bank holds English (gettext_noop-marked) text; it is translated here, once per
    # question and language, so generators and exports keep reading the English labels.
    return _build_static(BANK.questions[question_id])


_DATALISTS = {QType.LANGUAGES: "dl-languages", QType.PLACES: "dl-places"}


@cache
def datalist_html(kind: QType) -> str:
    """The names offered while typing a language or place list (one per page is enough,
    but each question carries its own so that an out-of-band swap is self-contained)."""
    if kind is QType.LANGUAGES:
        items = [lang.label for lang in languages.vocabulary().values()]
    elif kind is QType.PLACES:
        items = list(places.vocabulary().values())
    else:
        items = list(units.COMMON_ZONES)
    options = "".join(f'<option value="{escape(item)}"></option>' for item in items)
    return f'<datalist id="{_DATALISTS.get(kind, "dl-zones")}">{options}</datalist>'


def _list_text(question: Question, value: Any) -> str:
    """A stored list of codes as the names typed into the box ("English, German")."""
    if isinstance(value, list):
        return ", ".join(question.choice_label(code) for code in value)
    return "" if value is None else str(value)


def _named_list_field(
    question: Question, static: _Static, value: Any, placeholder: str, aria: str = ""
) -> str:
    datalist = _DATALISTS[question.type]
    return (
        f'<input type="text" class="form-control" id="{static.input_id}" '
        f'name="{escape(question.id)}" value="{escape(_list_text(question, value))}" '
        f'list="{datalist}" data-name-list autocomplete="off" maxlength="2000"{placeholder}'
        f"{aria}>" + datalist_html(question.type)
    )


def _quantity_field(
    question: Question, static: _Static, value: Any, placeholder: str, aria: str = ""
) -> str:
    if isinstance(value, dict) and "text" in value:  # as typed, next to its error
        number, unit = str(value.get("text", "")), str(value.get("unit", ""))
    elif units.is_quantity(value):
        number, unit = units.number_text(float(value["value"])).replace(",", ""), value["unit"]
    else:
        number, unit = "", ""
    unit = unit or question.units[0].code
    options = "".join(
        f'<option value="{escape(u.code)}"{" selected" if u.code == unit else ""}>'
        f"{escape(u.label)}</option>"
        for u in question.units
    )
    return (
        f'<div class="input-group input-unit"><input type="text" inputmode="decimal" '
        f'class="form-control" id="{static.input_id}" name="{escape(question.id)}" '
        f'value="{escape(number)}"{placeholder}{aria}>'
        f'<select class="form-select unit-select" name="{escape(question.unit_input_name)}" '
        f'aria-label="{escape(question.label)}: unit">{options}</select></div>'
    )


def _number_input(value: Any) -> str:
    """A stored number as the box shows it: 6.0 as "6", 6.5 as "6.5", never rounded (the
    box posts back what it shows)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _cell_text(f: Question, value: Any) -> str:
    if value is None:
        return ""
    if f.type is QType.INTEGER and isinstance(value, int | float):
        return str(int(value))
    if f.type is QType.DECIMAL and isinstance(value, int | float):
        return _number_input(value)
    return str(value)


def _cell(question: Question, f: Question, value: Any, row_id: str) -> str:
    name = escape(question.field_input_name(f.id))
    cell_id = f"{row_id}-{f.id.replace('_', '-')}"
    required = ' <span class="visually-hidden">(needed for the row)</span>' if f.required else ""
    label = f'<label class="row-label" for="{cell_id}">{escape(f.label)}{required}</label>'
    if f.type is QType.CHOICE:
        options = '<option value=""></option>' + "".join(
            f'<option value="{escape(c.value)}"{" selected" if c.value == value else ""}>'
            f"{escape(c.label)}</option>"
            for c in f.choices
        )
        control = f'<select class="form-select form-select-sm" id="{cell_id}" name="{name}">{options}</select>'
    else:
        extra = ""
        if f.type in (QType.INTEGER, QType.DECIMAL):
            extra = f' inputmode="{"numeric" if f.type is QType.INTEGER else "decimal"}"'
        elif f.type is QType.TIMEZONE:
            extra = ' list="dl-zones" autocomplete="off"'
        if f.placeholder:
            extra += f' placeholder="{escape(f.placeholder)}"'
        unit = (
            f'<span class="input-group-text">{escape(f.unit)}</span>'
            if f.unit and f.type in (QType.INTEGER, QType.DECIMAL)
            else ""
        )
        control = (
            f'<input type="text" class="form-control form-control-sm" id="{cell_id}" '
            f'name="{name}" value="{escape(_cell_text(f, value))}" maxlength="{f.max_length}"'
            f"{extra}>"
        )
        if unit:
            control = f'<div class="input-group input-group-sm">{control}{unit}</div>'
    wide = " row-cell-wide" if f.type is QType.TEXT and f.max_length >= 300 else ""
    return f'<div class="row-cell row-cell-{escape(f.type.value)}{wide}">{label}{control}</div>'


def _row(question: Question, row: Any, index: int | str, html_id: str) -> str:
    row_id = f"{html_id}-r{index}"
    cells = "".join(
        _cell(question, f, row.get(f.id) if isinstance(row, dict) else None, row_id)
        for f in question.fields
    )
    remove = (
        f'<button type="submit" class="btn btn-sm btn-link row-remove" name="__remove_row" '
        f'value="{escape(question.id)}|{index}" data-remove-row>Remove<span '
        f'class="visually-hidden"> row {index if isinstance(index, str) else index + 1}</span>'
        "</button>"
    )
    return f'<fieldset class="record-row" data-row>{cells}{remove}</fieldset>'


def _records_field(question: Question, static: _Static, value: Any, extra_rows: int) -> str:
    rows = list(value) if isinstance(value, list) else []
    html_id = question.html_id
    count = len(rows) + BLANK_ROWS + extra_rows
    body = "".join(
        _row(question, rows[i] if i < len(rows) else {}, i, html_id) for i in range(count)
    )
    template = _row(question, {}, "new", html_id)
    zones = (
        datalist_html(QType.TIMEZONE)
        if any(f.type is QType.TIMEZONE for f in question.fields)
        else ""
    )
    return (
        f'<fieldset class="records" aria-describedby="{static.described_by}">'
        f'<legend class="q-label fs-6">{static.label}</legend>'
        f"{static.help}"
        f'<div class="record-rows" data-rows="{escape(question.id)}">{body}</div>'
        f"<template data-row-template>{template}</template>{zones}"
        f'<button type="submit" class="btn btn-sm btn-outline-secondary" name="__add_row" '
        f'value="{escape(question.id)}" data-add-row>+ Add a row</button>'
        '<p class="q-help mt-1 mb-0">An empty row is left out when saved.</p></fieldset>'
    )


def _field(
    question: Question,
    static: _Static,
    value: Any,
    selected: set[str],
    extra_rows: int = 0,
    invalid: bool = False,
) -> str:
    q = question
    invalid_attr = ' aria-invalid="true"' if invalid else ""
    if q.type in (QType.MULTI, QType.CHOICE):
        inputs = "".join(
            before + (" checked" if choice.value in selected else "") + invalid_attr + after
            for choice, (before, after) in zip(q.choices, static.options, strict=True)
        )
        return (
            f'<fieldset aria-describedby="{static.described_by}">'
            f'<legend class="q-label fs-6">{static.label}</legend>{static.help}'
            f'<div class="choice-grid">{inputs}</div></fieldset>'
        )
    if q.type is QType.RECORDS:
        return _records_field(q, static, value, extra_rows)
    placeholder = f' placeholder="{escape(q.placeholder)}"' if q.placeholder else ""
    label = f'<label class="q-label" for="{static.input_id}">{static.label}</label>{static.help}'
    name = escape(q.id)
    aria = f' aria-describedby="{static.described_by}"{invalid_attr}'
    if q.type in (QType.LANGUAGES, QType.PLACES):
        return label + _named_list_field(q, static, value, placeholder, aria) + static.examples
    if q.type is QType.QUANTITY:
        return label + _quantity_field(q, static, value, placeholder, aria) + static.examples
    text: str
    if q.type in (QType.INTEGER, QType.DECIMAL):
        text = escape(_number_input(value))
    else:
        text = "" if value is None else escape(str(value))
    if q.type is QType.TEXTAREA:
        field = (
            f'<textarea class="form-control" rows="3" id="{static.input_id}" name="{name}" '
            f'maxlength="{q.max_length}"{placeholder}{aria}>{text}</textarea>'
        )
    elif q.type is QType.TEXT:
        field = (
            f'<input type="text" class="form-control" id="{static.input_id}" name="{name}" '
            f'value="{text}" maxlength="{q.max_length}"{placeholder}{aria}>'
        )
    else:
        mode = "numeric" if q.type is QType.INTEGER else "decimal"
        unit = f'<span class="input-group-text">{escape(q.unit)}</span>' if q.unit else ""
        field = (
            f'<div class="input-group input-unit"><input type="text" inputmode="{mode}" '
            f'class="form-control" id="{static.input_id}" name="{name}" value="{text}"'
            f"{placeholder}{aria}>{unit}</div>"
        )
    return label + field + static.examples


def _when(moment: Any) -> str:
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return local.strftime("%H:%M")
    return local.strftime("%d %b %Y, %H:%M").lstrip("0")


def conflict_html(question: Question, conflict: Conflict) -> SafeString:
    """Both versions of an answer two pages changed, and the person's two ways out. The
    buttons submit the step form (with or without JavaScript): "keep mine" overwrites the
    revision shown here only, "take theirs" drops this page's text for the stored one."""
    when = _when(conflict.changed_at)
    if conflict.same_user:
        headline = format_html("Not saved: changed in another tab at {time}.", time=when)
    else:
        headline = format_html(
            "Not saved: {name} changed this at {time}.", name=conflict.changed_by, time=when
        )
    theirs = question.display(conflict.theirs) or "(empty)"
    return format_html(
        '<div class="conflict" role="alert"><p class="conflict-head">{headline}</p>'
        '<p class="conflict-label">Their version:</p>'
        '<div class="conflict-theirs">{theirs}</div>'
        '<p class="conflict-label">Yours is in the field above. Which one stays?</p>'
        '<div class="conflict-actions">'
        '<button type="submit" class="btn btn-sm btn-primary" name="{keep}" value="{keep_value}">'
        "Keep mine</button>"
        '<button type="submit" class="btn btn-sm btn-outline-secondary" name="{take}" '
        'value="{qid}">Take theirs</button></div></div>',
        headline=headline,
        theirs=theirs,
        keep=KEEP_FIELD,
        keep_value=f"{question.id}:{conflict.revision}",
        take=TAKE_FIELD,
        qid=question.id,
    )


def feedback_html(
    question: Question,
    *,
    base: Base | None,
    error: str = "",
    conflict: Conflict | None = None,
    saved: bool = False,
    written: bool = False,
) -> SafeString:
    """What goes inside a question's `.q-feedback`: saved, an error or a conflict, and the
    base the page holds for the answer (the revision it showed), which every save posts and
    every autosave answer replaces."""
    if conflict is not None:
        state = conflict_html(question, conflict)
    elif error:
        state = format_html('<span class="error" role="alert">{}</span>', error)
    else:
        shown = (SAVED_WRITTEN if written else SAVED) if saved else ""
        state = mark_safe(shown)  # noqa: S308  safe-audited: a constant
    if base is None:
        return state
    return format_html(
        '{}<input type="hidden" name="{}" value="{}">',
        state,
        base_field(question.id),
        base.encode(),
    )


def _template_mark(question: Question, template: str) -> str:
    """The visible mark of a template's guess, with the button that confirms it."""
    if not template:
        return ""
    return (
        f'<div class="template-mark" id="tm-{question.html_id}">'
        f'<span class="template-badge">From template</span> '
        f"<span>{escape(template)}: a typical answer, not yet the client's.</span> "
        f'<button type="submit" class="btn btn-sm btn-outline-primary" name="__confirm" '
        f'value="{escape(question.id)}">Confirm<span class="visually-hidden">: '
        f"{escape(question.label)}</span></button></div>"
    )


def question_html(
    question: Question,
    *,
    visible: bool,
    value: Any,
    error: str,
    autosave_url: str,
    oob: bool = False,
    base: Base | None = None,
    conflict: Conflict | None = None,
    extra_rows: int = 0,
    template_mark: str = "",
    heard: str = "",
) -> SafeString:
    """The question's wrapper div: an empty hidden placeholder when it does not apply (so
    an out-of-band swap can fill it in), else the field wired for autosave, with the base
    of the answer it shows (discovery.revisions). A free-text question carries its box of
    suggestions (`heard`, from `heard_html`)."""
    static = _static(question.id)
    oob_attr = ' hx-swap-oob="true"' if oob else ""
    if not visible:
        return mark_safe(  # noqa: S308  safe-audited: static markup, no user data
            f'<div id="{question.html_id}" class="{static.classes}"{oob_attr} hidden></div>'
        )
    if question.type is QType.MULTI:
        selected = set(value or [])
    elif question.type is QType.CHOICE:
        selected = {value} if value else set()
    else:
        selected = set()
    feedback = feedback_html(question, base=base, error=error, conflict=conflict)
    html = (
        f'<div id="{question.html_id}" class="{static.classes}"{oob_attr} '
        f'hx-post="{escape(autosave_url)}" hx-trigger="change, input delay:800ms" '
        f'hx-vals=\'{{"question": "{escape(question.id)}"}}\' '
        f'hx-target="find .q-feedback" hx-swap="innerHTML" hx-sync="this:queue last">'
        f'<input type="hidden" name="__q" value="{escape(question.id)}">'
        f"{_template_mark(question, template_mark)}"
        f"{_field(question, static, value, selected, extra_rows, invalid=bool(error))}"
        f'<div class="q-feedback" id="fb-{question.html_id}" aria-live="polite">{feedback}</div>'
        f"{heard}</div>"
    )
    return mark_safe(html)  # noqa: S308  safe-audited: every variable part above is escaped


def _heard_target(suggestion: Suggestion) -> str:
    question = BANK.questions[suggestion.target_question_id]
    return question.label


def heard_html(
    question: Question,
    items: Sequence[Suggestion],
    *,
    decide_url: str,
    csrf_input: str = "",
    note: str = "",
    error: str = "",
    oob: bool = False,
    form: bool = False,
) -> SafeString:
    """What the extractor heard in a free-text answer, next to it: one chip per suggestion
    with Add and Dismiss. The buttons submit the step form without JavaScript (the server
    decides them after saving the step) and post to `decide_url` with htmx; with `form`
    (the gaps review, outside any step form) they sit in a form of their own posting to
    `decide_url`. `note` is trusted HTML; everything from the client's text is escaped."""
    oob_attr = ' hx-swap-oob="true"' if oob else ""
    box_id = f"heard-{question.html_id}"
    parts = [f'<div id="{box_id}" class="heard"{oob_attr} aria-live="polite">']
    if note:
        parts.append(f'<p class="heard-note" role="status">{note}</p>')
    if error:
        parts.append(f'<p class="heard-error" role="alert">{escape(error)}</p>')
    if items:
        names = ", ".join(f"{escape(s.label)} ({escape(s.description)})" for s in items)
        parts.append(
            f'<p class="heard-title"><span class="heard-lead">Found in your text:</span> '
            f'{names}. Add?</p><ul class="heard-list">'
        )
        for s in items:
            value = escape(f"{s.source_question_id}|{s.key}")
            label = escape(s.label)
            target = escape(_heard_target(s))
            sentence = escape(s.finding.sentence)
            hx = (
                f'hx-post="{escape(decide_url)}" hx-target="#{box_id}" hx-swap="outerHTML" '
                f'hx-sync="closest .heard:queue last"'
            )
            parts.append(
                f'<li class="heard-chip" title="Heard in: “{sentence}”">'
                f'<span class="heard-name">{label}</span> '
                f'<span class="heard-kind">{escape(s.description)}</span> '
                f'<span class="heard-to">→ {target}</span>'
                f'<button type="submit" class="btn btn-sm btn-primary heard-add" name="__accept" '
                f'value="{value}" {hx} aria-label="Add {label} to “{target}”">Add</button>'
                f'<button type="submit" class="btn btn-sm btn-outline-secondary heard-dismiss" '
                f'name="__dismiss" value="{value}" {hx} aria-label="Dismiss {label}">'
                "Dismiss</button></li>"
            )
        parts.append("</ul>")
    parts.append("</div>")
    if form:
        parts.insert(1, f'<form method="post" action="{escape(decide_url)}">{csrf_input}')
        parts.insert(len(parts) - 1, "</form>")
    return mark_safe("".join(parts))  # noqa: S308  safe-audited: every variable part is escaped
