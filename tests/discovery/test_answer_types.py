"""The answer types added for issue 10: language and place lists, quantities with a unit,
lists of rows, times and zones. Cleaning, checking stored values, display (no database)."""

from __future__ import annotations

import pytest

from discovery.bank import BANK, AnswerInvalid, QType
from discovery.bank.model import check_stored, clean_posted, posted_form_value


def q(qid: str):
    return BANK.questions[qid]


# --- languages and places --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("English, German", ["en", "de"]),
        ("Deutsch; español and Português", ["de", "es", "pt"]),
        ("pt-BR, Brazilian Portuguese, pt", ["pt"]),  # one language, said three ways
        ("Haitian Creole / Vietnamese", ["ht", "vi"]),
        ("Farsi, Mandarin, Tagalog", ["fa", "zh", "tl"]),
        ("American Sign Language", ["ase"]),
        ("", None),
    ],
)
def test_languages_are_typed_as_names_and_stored_as_codes(typed, codes):
    assert clean_posted(q("audience.languages"), {"audience.languages": typed}) == codes


def test_an_unknown_language_is_named_in_the_message():
    with pytest.raises(AnswerInvalid) as error:
        clean_posted(q("audience.languages"), {"audience.languages": "English, Elvish, Klingonese"})
    assert str(error.value) == (
        "Not a language we know: “Elvish”, “Klingonese”. Use its English name or its code "
        "(e.g. Spanish or es)."
    )


def test_languages_display_their_english_names_never_other():
    question = q("audience.languages")
    assert question.type is QType.LANGUAGES
    assert question.display(["en", "de", "yue"]) == "English, German, Cantonese"
    assert question.choice_label("es") == "Spanish"
    assert "Other" not in question.display(["en", "ja"])


def test_a_stored_language_list_is_checked_against_the_vocabulary():
    assert check_stored(q("audience.languages"), ["pt", "es"]) == ["pt", "es"]
    with pytest.raises(AnswerInvalid, match="unknown codes"):
        check_stored(q("audience.languages"), ["en", "other"])
    with pytest.raises(AnswerInvalid, match="expected a list of codes"):
        check_stored(q("audience.languages"), "en")


def test_places_any_country_or_region():
    question = q("scale.residency_places")
    raw = {"scale.residency_places": "Canada, Deutschland, the EU, UK"}
    assert clean_posted(question, raw) == ["CA", "DE", "EU", "GB"]
    assert question.display(["CA", "EEA", "419"]) == (
        "Canada, European Economic Area, Latin America and the Caribbean"
    )
    with pytest.raises(AnswerInvalid, match="Not a country or region we know: “Atlantis”"):
        clean_posted(question, {"scale.residency_places": "Atlantis"})


# --- quantities --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "unit", "stored"),
    [
        ("30", "min", {"value": 30, "unit": "min"}),
        ("2", "h", {"value": 2, "unit": "h"}),
        ("1,5", "h", {"value": 1.5, "unit": "h"}),
        ("3", "d", {"value": 3, "unit": "d"}),
        ("45 min", "h", {"value": 45, "unit": "min"}),  # a unit typed in the box wins
        ("", "min", None),
    ],
)
def test_a_time_target_keeps_the_unit_the_client_said(number, unit, stored):
    question = q("metrics.first_response_time.target")
    raw = {question.id: number, question.unit_input_name: unit}
    assert clean_posted(question, raw) == stored


def test_a_quantity_computes_in_the_questions_unit_and_reads_as_said():
    question = q("metrics.first_response_time.target")
    assert question.number({"value": 30, "unit": "min"}) == 0.5
    assert question.display({"value": 30, "unit": "min"}) == "30 min"
    assert question.display({"value": 1, "unit": "d"}) == "1 day"
    assert q("metrics.asa.baseline").number({"value": 2, "unit": "min"}) == 120


def test_a_quantity_refuses_a_unit_it_does_not_offer_and_numbers_out_of_range():
    question = q("metrics.first_response_time.target")
    with pytest.raises(AnswerInvalid, match="pick its unit"):
        clean_posted(question, {question.id: "3 fortnights"})
    with pytest.raises(AnswerInvalid, match="Pick one of the units listed"):
        clean_posted(question, {question.id: "3", question.unit_input_name: "s"})
    with pytest.raises(AnswerInvalid, match="at least 0 hours"):
        clean_posted(question, {question.id: "-1", question.unit_input_name: "h"})
    with pytest.raises(AnswerInvalid, match="expected a number with its unit"):
        check_stored(question, 2)  # a bare number of hours is what migrations convert


# --- lists of rows -----------------------------------------------------------------------------


def partners(**columns: list[str]) -> dict[str, list[str]]:
    return {f"context.partners.{name}": values for name, values in columns.items()}


def test_rows_are_read_column_by_column_and_blank_rows_are_left_out():
    raw = partners(
        name=["Acme BPO", "", "NightDesk"],
        scope=["tier 1 phone", "", "nights"],
        share=["40", "", "15"],
        people=["", "", "6"],
        location=["Lisbon", "", ""],
    )
    assert clean_posted(q("context.partners"), raw) == [
        {"name": "Acme BPO", "scope": "tier 1 phone", "share": 40, "location": "Lisbon"},
        {"name": "NightDesk", "scope": "nights", "share": 15, "people": 6},
    ]


def test_a_row_error_names_the_row_and_the_field():
    with pytest.raises(AnswerInvalid) as error:
        clean_posted(q("context.partners"), partners(name=["A", "B"], share=["10", "lots"]))
    assert str(error.value) == "Row 2, Share of contacts: Enter a whole number, such as 1200."
    with pytest.raises(AnswerInvalid) as error:
        clean_posted(q("context.partners"), partners(name=["A", ""], share=["10", "20"]))
    assert str(error.value) == "Row 2: fill in “Partner” (or clear the row)."


def test_shares_over_the_rows_cannot_pass_100_percent():
    with pytest.raises(AnswerInvalid) as error:
        clean_posted(q("context.partners"), partners(name=["A", "B"], share=["60", "50"]))
    assert "adds up to 110%" in str(error.value)


def test_a_row_reads_as_a_sentence_with_only_what_was_answered():
    question = q("context.calendars")
    full = {
        "name": "Patients",
        "days": "mon_fri",
        "opens": "08:00",
        "closes": "18:00",
        "zone": "America/New_York",
    }
    assert question.row_display(full) == (
        "Patients: Monday to Friday 08:00–18:00 (America/New_York)"
    )
    assert question.row_display({"name": "On-call", "days": "weekends"}) == (
        "On-call: weekends and holidays"
    )
    assert (
        q("integrations.systems").display(
            [
                {
                    "name": "Epic",
                    "class": "ehr",
                    "purpose": "patient lookup",
                    "direction": "to_helpdesk",
                }
            ]
        )
        == "Epic (EHR / health records): patient lookup; Into the help desk"
    )


def test_time_and_zone_fields_accept_what_people_write():
    question = q("context.calendars")
    raw = {
        "context.calendars.name": ["Staff IT"],
        "context.calendars.opens": ["7am"],
        "context.calendars.closes": ["17.30"],
        "context.calendars.zone": ["CET"],
    }
    assert clean_posted(question, raw) == [
        {"name": "Staff IT", "opens": "07:00", "closes": "17:30", "zone": "CET"}
    ]
    with pytest.raises(AnswerInvalid, match="Row 1, From: Enter a time of day"):
        clean_posted(question, {**raw, "context.calendars.opens": ["25:00"]})
    with pytest.raises(AnswerInvalid, match="Row 1, Time zone: Enter a time zone"):
        clean_posted(question, {**raw, "context.calendars.zone": ["Middle-earth"]})


def test_stored_rows_are_checked_field_by_field():
    question = q("integrations.systems")
    good = [{"name": "NinjaOne", "class": "rmm"}]
    assert check_stored(question, good) == good
    with pytest.raises(AnswerInvalid, match="unknown fields"):
        check_stored(question, [{"name": "X", "class": "rmm", "colour": "red"}])
    with pytest.raises(AnswerInvalid, match="Row 1, Kind: Pick one of the options listed"):
        check_stored(question, [{"name": "X", "class": "spaceship"}])
    with pytest.raises(AnswerInvalid, match="expected a list"):
        check_stored(question, {"name": "X"})


def test_what_was_typed_comes_back_next_to_its_error():
    raw = partners(name=["A"], share=["lots"])
    assert posted_form_value(q("context.partners"), raw) == [
        {"name": "A", "scope": "", "share": "lots", "people": "", "location": ""}
    ]
    question = q("metrics.resolution_time.target")
    assert posted_form_value(question, {question.id: "x", question.unit_input_name: "d"}) == {
        "text": "x",
        "unit": "d",
    }


def test_every_assumed_default_is_a_valid_answer_and_said_in_the_help():
    assumed = [question for question in BANK.questions.values() if question.assumed]
    assert {question.id for question in assumed} >= {"context.phone_aht", "context.email_aht"}
    for question in assumed:
        assert check_stored(question, question.assumed.value) == question.assumed.value
        assert f"assumes {question.assumed.value:g} {question.unit}" in question.help
        assert question.assumed.source


@pytest.mark.parametrize(
    ("stored", "shown"), [(6.0, "6"), (6, "6"), (6.5, "6.5"), (1.125, "1.125")]
)
def test_a_decimal_answer_shows_without_a_trailing_point_zero(stored, shown):
    """A peak of 6 (stored 6.0 by the wizard or an accepted suggestion) reads "6" in its
    box and wherever it is displayed, never "6.0"; nothing is rounded in the box, which
    posts back what it shows."""
    from discovery.rendering import question_html

    question = BANK.questions["scale.peak_factor"]
    assert question.type is QType.DECIMAL
    html = question_html(question, visible=True, value=stored, error="", autosave_url="/save/")
    assert f'value="{shown}"' in html
    assert "6.0" not in html
    assert ".0" not in question.display(stored)
    if stored != 1.125:
        assert question.display(stored) == f"{shown}×"
    assert check_stored(question, stored) == stored
