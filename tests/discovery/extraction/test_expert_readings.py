"""Causes of the misreadings an expert found in the last reading, each read right for
every client of its kind (sentences_expert.yaml holds the held-out sentences)."""

from __future__ import annotations

import pytest

from discovery.extraction import extract
from discovery.extraction.evaluation import finding_label


def labels(text: str) -> set[str]:
    return {finding_label(f) for f in extract(text)}


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("We keep Gift Aid declarations for six years.", "6 years"),
        ("We must hold onto claim files for ten years.", "10 years"),
        ("The practice keeps patient notes for at least 8 years.", "8 years"),
        ("Calls are recorded and kept five years.", "5 years"),
        ("We store chat transcripts for 90 days.", "90 days"),
    ],
)
def test_a_retention_rule_said_with_a_keeping_verb_is_records_retention(text, period):
    findings = extract(text)
    found = {finding_label(f) for f in findings}
    assert {"obligation:records_retention", f"quantity:{period}"} <= found
    (duration,) = [f for f in findings if f.category == "quantity"]
    assert duration.group == "retention"


@pytest.mark.parametrize(
    "text",
    [
        "We kept the same tool for five years.",  # nothing kept as a record
        "We keep customers waiting for 3 days.",
        "We have kept records, for 5 years now, in Salesforce.",  # another clause
    ],
)
def test_keeping_something_else_for_a_while_is_no_retention_rule(text):
    assert "obligation:records_retention" not in labels(text)


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        ("Our front desk staff answer the phones.", {"channel:phone"}, {"channel:in_person"}),
        (
            "Front desks escalate to the duty manager by email.",
            {"channel:email"},
            {"channel:in_person"},
        ),
        ("Visitors can ask at the front desk in any branch.", {"channel:in_person"}, set()),
        ("Customers come to reception or call us.", {"channel:in_person", "channel:phone"}, set()),
        ("Our front desk handles walk-ins.", {"channel:in_person"}, set()),
        ("Engineers do on-site visits twice a week.", set(), {"channel:in_person"}),
        ("Field technicians work on site at the customer.", set(), {"channel:in_person"}),
    ],
)
def test_a_front_desk_is_a_channel_only_when_people_come_to_it(text, wanted, unwanted):
    found = labels(text)
    assert wanted <= found
    assert not unwanted & found


def test_staff_on_site_are_counted_over_the_hyphenated_word():
    assert "quantity:12 agents" in labels("Our 12 on-site technicians cover three campuses.")


@pytest.mark.parametrize(
    ("text", "seasonal", "team"),
    [
        ("We hire 60 seasonal agents for the summer.", "60", None),
        ("Besides 140 permanent agents, 60 seasonal join from February to May.", "60", "140"),
        ("We bring in 30 seasonal each spring.", "30", None),
        ("Besides 40 agents we take on 15 seasonals for the holiday season.", "15", "40"),
    ],
)
def test_a_seasonal_headcount_is_its_own_quantity_never_the_team(text, seasonal, team):
    findings = [f for f in extract(text) if f.category == "quantity"]
    by_group = {f.group: f.value for f in findings}
    assert by_group.get("seasonal_team") == f"{seasonal} seasonal agents"
    assert by_group.get("team") == (f"{team} agents" if team else None)


def test_seasonal_said_of_something_else_is_no_headcount():
    assert not [f for f in extract("We have 3 seasonal peaks a year.") if f.category == "quantity"]


@pytest.mark.parametrize(
    "text",
    [
        "Follow the sun: Sydney -> Dublin -> Denver.",
        "Tickets move Manila -> London -> Austin as each day ends.",
        "Coverage: Melbourne → Frankfurt → Toronto.",
        "APAC => EMEA => AMER.",
    ],
)
def test_a_hand_over_written_with_arrows_is_follow_the_sun(text):
    assert "hours:follow_the_sun" in labels(text)


@pytest.mark.parametrize(
    "text", ["Go to Settings -> Billing -> Invoices to download it.", "We escalate L1 -> L2 -> L3."]
)
def test_a_menu_path_or_an_escalation_chain_is_not(text):
    assert "hours:follow_the_sun" not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "We are open around the clock on weekdays.",
        "We're staffed around the clock Monday to Friday.",
        "Phones are answered 24 hours a day, Monday to Friday.",
        "We run around the clock during the week and close at weekends.",
    ],
)
def test_around_the_clock_on_weekdays_is_24x5(text):
    found = labels(text)
    assert "hours:24x5" in found
    assert not {"hours:24x7", "hours:weekdays"} & found


def test_around_the_clock_every_day_stays_24x7():
    assert labels("We run around the clock every day.") == {"hours:24x7"}


@pytest.mark.parametrize(
    "text",
    [
        "Christmas is twice as busy as the rest of the year.",
        "During the Christmas appeal the phone lines are twice as busy.",
        "Launch day brings twice the usual tickets.",
    ],
)
def test_twice_as_busy_is_a_peak_of_two(text):
    (peak,) = [f for f in extract(text) if f.category == "quantity"]
    assert (peak.value, peak.group, peak.number) == ("2x", "peak", 2.0)


def test_twice_a_week_is_no_peak():
    assert not [f for f in extract("Engineers visit twice a week.") if f.category == "quantity"]


@pytest.mark.parametrize(
    ("text", "value", "group"),
    [
        ("Chats reach us through Blip.", "blip", "chatbot"),
        ("Card issuing runs on Dock.", "dock", "core_banking"),
        ("Our Pix keys live in Matera.", "matera", "core_banking"),
        ("Appointments are booked in Dentrix.", "dentrix", "ehr"),
        ("Reminders go out from Weave.", "weave", "telephony"),
        ("Sift flags risky orders.", "sift", "fraud"),
        ("Onfido checks every new customer's ID.", "onfido", "fraud"),
    ],
)
def test_the_names_the_gazetteer_lacked_are_known_by_their_class(text, value, group):
    (system,) = [f for f in extract(text) if f.category == "system" and f.value == value]
    assert system.group == group


def test_those_names_said_as_ordinary_words_are_no_systems():
    text = "We sift through tickets; the dock is closed; we weave stories; a blip on the radar."
    assert not [f for f in extract(text) if f.category == "system"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Around 40,000 shoppers use the marketplace.", "40000 users"),
        ("We sell through 350 dealers.", "350 companies"),
        ("About 1,200 installers call the technical line.", "1200 users"),
        ("The agency serves 1.4 million taxpayers.", "1400000 users"),
        ("Cases come from 9 regional centres.", "9 sites"),
        ("The bank has 700,000 cardholders.", "700000 users"),
    ],
)
def test_a_count_said_in_the_clients_own_noun_is_its_people_or_places(text, value):
    quantities = [f.value for f in extract(text) if f.category == "quantity"]
    assert quantities == [value]  # never the verb after it ("installers call": no calls)


@pytest.mark.parametrize(
    ("text", "in_person"),
    [
        ("Residents can visit 6 service points across the borough.", True),
        ("Citizens call us or visit one of 12 service centres.", True),
        ("Customers walk into one of our branches.", True),
        ("Customers visit our website for FAQs.", False),
        ("We visit 30 customer sites a month.", False),  # the team's field work
        ("Our engineers regularly visit the plants.", False),
    ],
)
def test_a_visit_to_one_of_the_clients_places_is_in_person(text, in_person):
    assert ("channel:in_person" in labels(text)) is in_person


@pytest.mark.parametrize(
    ("text", "monitoring"),
    [
        ("PRTG alerts land in the helpdesk as tickets.", True),
        ("Most of our tickets are alerts from NinjaOne.", True),
        ("Fraud alerts from Sift create tickets for the risk team.", True),
        ("The NOC watches everything in Zabbix, alerts page through Opsgenie.", True),
        ("Customers get text alerts when an order ships.", False),
        ("We send price-drop alerts to subscribers by email.", False),
        ("We send SMS alerts when an engineer is on the way; tickets are in Zendesk.", False),
    ],
)
def test_alerts_are_the_monitoring_channel_when_they_are_work_for_the_desk(text, monitoring):
    assert ("channel:monitoring" in labels(text)) is monitoring


def test_alerts_said_not_to_make_tickets_are_negated():
    assert "channel:monitoring!" in labels("No alerts create tickets today.")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Card processing sits on Marqeta.", "marqeta"),
        ("Lithic runs the virtual cards.", "lithic"),
        ("Defects go into Brightly Confirm.", "confirm"),
        ("Street works are in Symology.", "symology"),
    ],
)
def test_card_processors_and_council_asset_systems_are_known(text, value):
    assert f"system:{value}" in labels(text)


def test_their_near_words_are_not_read_as_them():
    assert not labels("Thread the needle. Please confirm your address.")
    assert not labels("The year ended on a high note. Symbology matters on a map.")
