"""An answer as the API takes it (the stored JSON value, as the API reads it), turned into
what the wizard's form posts, so that it goes through the wizard's own service
(`discovery.services.answers_save`): its cleaners, its revision rule and its history."""

from __future__ import annotations

from typing import Any

from django.utils.datastructures import MultiValueDict

from discovery.bank import AnswerInvalid, QType, Question
from discovery.bank.model import check_stored
from discovery.revisions import Base, base_field, value_digest

# The API has no "page that showed a value and did not change it" (the wizard's skip):
# whatever a client sends, it means to write. Its base carries a digest no answer has, so
# a stale revision with a changed value is a conflict and never silently skipped.
_NO_SHOWN_VALUE = value_digest({"api": "no value shown"})


def _scalar(question: Question, value: Any) -> list[str]:
    if value is None:
        return []
    kind = question.type
    if kind in (QType.MULTI,):
        return [str(v) for v in value]
    if kind in (QType.LANGUAGES, QType.PLACES):
        return [", ".join(value)]
    if kind is QType.INTEGER:
        return [str(value)]
    if kind is QType.DECIMAL:
        return [repr(value)]
    return [str(value)]


def posted_form(question: Question, value: Any, revision: int) -> MultiValueDict[str, str]:
    """The wizard's form fields for `value` of `question`, based on `revision` (0: the
    client read no answer). Raises AnswerInvalid, naming what is wrong, for a value the
    wizard could not have saved (the wizard's own cleaner, as an import is checked)."""
    check_stored(question, value)
    form: dict[str, list[str]] = {
        # No tab: the wizard's "this same page wrote the stored revision" rule must never
        # let one API client's stale write through because another API client wrote last.
        base_field(question.id): [Base(revision, _NO_SHOWN_VALUE).encode()],
    }
    if question.type is QType.RECORDS:
        rows = value or []
        for f in question.fields:
            form[question.field_input_name(f.id)] = [
                " ".join(_scalar(f, row.get(f.id))) if row.get(f.id) is not None else ""
                for row in rows
            ]
        return MultiValueDict(form)
    if question.type is QType.QUANTITY:
        form[question.field_name] = [repr(value["value"])] if value is not None else []
        form[question.unit_input_name] = [value["unit"]] if value is not None else []
        return MultiValueDict(form)
    form[question.field_name] = _scalar(question, value)
    # A MultiValueDict, as a posted form is: the revision rule reads one value per name.
    return MultiValueDict(form)


__all__ = ["AnswerInvalid", "posted_form"]
