"""Suggestions that add a row: a named system with what it must do, a coverage calendar
of its own, a short spike, an outsourcing partner with its share. Read from the sentence
(pure), then accepted through the view: the row is saved as the wizard saves rows, the
questions it opens are named, and the row's trace shows the sentence it was heard in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from discovery import selectors, services, suggestions
from discovery.bank import BANK
from discovery.models import Answer, SuggestionDecision

DETAIL = "objective.challenge_detail"
HX = {"HTTP_HX_REQUEST": "true"}


def rows(text: str, answers: dict | None = None) -> dict[str, list[dict]]:
    """The rows the text's suggestions would add, by question."""
    found = suggestions.suggest({DETAIL: text}, answers or {}, ())
    out: dict[str, list[dict]] = {}
    for items in found.values():
        for s in items:
            last = s.answers[-1]
            if last.op == "row":
                out.setdefault(last.question_id, []).append(last.value)
    return out


# --- read from the sentence ---------------------------------------------------------------


def test_each_named_system_gets_its_own_row_and_its_own_purpose():
    text = (
        "We need Epic to show the patient's chart on each ticket, and ArcGIS should "
        "create a case from a map report. Moodle is only for staff training."
    )
    assert rows(text)["integrations.systems"] == [
        {"name": "Epic", "class": "ehr", "purpose": "Show the patient's chart on each ticket"},
        {"name": "ArcGIS", "class": "gis", "purpose": "Create a case from a map report"},
        {"name": "Moodle", "class": "lms"},  # no duty said: the row asks for it
    ]


def test_systems_named_together_share_what_is_said_of_both():
    made = rows("Moodle and ServiceTitan must sync technician rosters every night.")
    assert [r.get("purpose") for r in made["integrations.systems"]] == [
        "Sync technician rosters every night",
        "Sync technician rosters every night",
    ]


def test_a_system_not_used_any_more_adds_no_row():
    assert "integrations.systems" not in rows("We no longer use Moodle for anything.")


def test_hours_said_for_a_queue_make_its_calendar():
    text = "The clinic phone line is open 7am-7pm Mon-Fri, but the pharmacy queue runs 24/7."
    assert rows(text, {"context.coverage": "extended"})["context.calendars"] == [
        {"name": "Clinic phone line", "opens": "07:00", "closes": "19:00", "days": "mon_fri"},
        {"name": "Pharmacy queue", "opens": "00:00", "closes": "24:00", "days": "every_day"},
    ]
    made = rows("The schools queue is 7.30-16.00 AEST.", {"context.coverage": "extended"})
    assert made["context.calendars"][0]["zone"] == "Australia/Sydney"


def test_hours_of_no_named_queue_make_no_calendar():
    assert "context.calendars" not in rows(
        "We are open 9am to 6pm on weekdays.", {"context.coverage": "business_hours"}
    )


def test_a_24_7_queue_is_both_the_coverage_and_its_calendar():
    found = suggestions.suggest({DETAIL: "The pharmacy queue runs 24/7."}, {}, ())[DETAIL]
    # Until the coverage is answered the calendars are not asked: only the coverage.
    assert [s.key for s in found] == ["context.coverage+24x7"]
    answered = {"context.coverage": "24x7"}
    found = suggestions.suggest({DETAIL: "The pharmacy queue runs 24/7."}, answered, ())[DETAIL]
    assert [s.key for s in found] == ["context.calendars+pharmacy queue"]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        (
            "Around launch we see 10x the usual tickets for a few days.",
            {"cause": "Launch", "factor": 10.0, "lasts_unit": "days"},
        ),
        (
            "Black Friday brings ten times the normal volume for three days.",
            {"cause": "Black Friday", "factor": 10.0, "lasts": 3.0, "lasts_unit": "days"}
            | {"often": "yearly"},
        ),
        (
            "After each firmware release volume spikes 5x for 48 hours.",
            {"cause": "Firmware release", "factor": 5.0, "lasts": 48.0, "lasts_unit": "hours"},
        ),
        (
            "Payroll week doubles the HR tickets every month.",
            {"cause": "Payroll week", "factor": 2.0, "often": "monthly"},
        ),
    ],
)
def test_a_short_spike_is_a_row_with_its_cause_size_length_and_frequency(text, row):
    assert rows(text)["scale.spikes"] == [row]


def test_a_seasonal_peak_is_the_peak_factor_not_a_spike():
    found = suggestions.suggest({DETAIL: "Tax season triples the calls from Feb to April."}, {})
    keys = [s.key for s in found[DETAIL]]
    assert "scale.peak_factor+#3" in keys
    assert not any(k.startswith("scale.spikes") for k in keys)


def test_an_outsourcing_partner_is_a_row_with_its_share_and_what_it_handles():
    made = rows("Teleperformance takes about 30% of our calls, mostly overflow and nights.")
    assert made["context.partners"] == [
        {"name": "Teleperformance", "share": 30, "scope": "overflow and nights"}
    ]
    made = rows("TaskUs handles tier 1 chat in Spanish and Tagalog.")
    assert made["context.partners"] == [
        {"name": "TaskUs", "scope": "tier 1 chat in Spanish and Tagalog"}
    ]
    assert "context.partners" not in rows("We used to outsource to Sitel but not any more.")


def test_a_partner_is_not_offered_when_the_client_said_all_in_house():
    assert "context.partners" not in rows(
        "Teleperformance takes about 30% of our calls.", {"context.outsourced": "none"}
    )


def test_a_row_already_there_is_not_offered_again():
    answers = {"integrations.systems": [{"name": "epic", "class": "ehr"}]}
    assert "integrations.systems" not in rows("Epic holds the records.", answers)


def test_the_row_cue_words_are_checked():
    assert suggestions.mapping_problems() == []


# --- through the view ---------------------------------------------------------------------


def _autosave(client, project, text, qid=DETAIL):
    return client.post(
        reverse("discovery:autosave", args=[project.pk]), {"question": qid, qid: text}, **HX
    )


def _accept(client, project, key, step="objective", qid=DETAIL):
    url = reverse("discovery:suggestion_decide", args=[project.pk]) + f"?step={step}"
    return client.post(url, {"__accept": f"{qid}|{key}"}, **HX).content.decode()


def _trace(project, qid):
    return selectors.answer_sources(project, selectors.answers_for_project(project))[qid]


@pytest.mark.django_db
def test_accepting_a_system_adds_its_row_and_its_trace_shows_the_sentence(
    consultant_client, project
):
    sentence = "We need Epic to show the patient's chart on each ticket."
    html = _autosave(consultant_client, project, sentence).content.decode()
    chip = "Epic (EHR / health records): Show the patient&#x27;s chart on each ticket"
    assert f"{chip} (system to integrate)" in html
    html = _accept(consultant_client, project, "integrations.systems+epic")
    assert "Added Epic" in html
    stored = Answer.objects.get(project=project, question_id="integrations.systems").value
    assert stored == [
        {"name": "Epic", "class": "ehr", "purpose": "Show the patient's chart on each ticket"}
    ]
    assert _trace(project, "integrations.systems")[0]["sentence"] == sentence
    # The consultant fills in the row's other fields: the trace still holds.
    services.answers_load(
        project=project,
        answers={"integrations.systems": [{**stored[0], "direction": "both"}]},
        user=None,
    )
    assert _trace(project, "integrations.systems")[0]["heard"] == "Epic"


@pytest.mark.django_db
def test_accepting_a_partner_answers_outsourcing_and_opens_the_partners(consultant_client, project):
    sentence = "Teleperformance takes about 30% of our calls, mostly overflow and nights."
    _autosave(consultant_client, project, sentence)
    html = _accept(consultant_client, project, "context.partners+teleperformance")
    assert "Added Teleperformance: overflow and nights, 30% of contacts to" in html
    answers = selectors.answers_for_project(project)
    assert answers["context.outsourced"] == "part"
    assert answers["context.partners"] == [
        {"name": "Teleperformance", "scope": "overflow and nights", "share": 30}
    ]
    assert _trace(project, "context.partners")[0]["sentence"] == sentence
    decision = SuggestionDecision.objects.get(project=project)
    assert decision.answers[-1]["question_id"] == "context.partners"


@pytest.mark.django_db
def test_accepting_a_spike_answers_spikes_known_and_adds_the_row(consultant_client, project):
    sentence = "Black Friday brings ten times the normal volume for three days."
    _autosave(consultant_client, project, sentence)
    html = _accept(consultant_client, project, "scale.spikes+black friday")
    assert "Added Black Friday: 10× normal for 3 days, once a year to" in html
    answers = selectors.answers_for_project(project)
    assert answers["scale.spikes_known"] == "yes"
    assert answers["scale.spikes"] == [
        {"cause": "Black Friday", "factor": 10, "lasts": 3, "lasts_unit": "days", "often": "yearly"}
    ]
    assert _trace(project, "scale.spikes")[0]["sentence"] == sentence
    # Accepted once: offered no more, and the peak factor is not offered for it.
    found = services.suggestions_for(project=project, answers=answers)
    assert not any(s.key.startswith(("scale.spikes", "scale.peak")) for s in found.get(DETAIL, []))


@pytest.mark.django_db
def test_accepting_a_retention_rule_answers_the_obligation_and_adds_the_row(
    consultant_client, project
):
    sentence = "We must follow UK GDPR and keep Gift Aid declarations for six years."
    _autosave(consultant_client, project, sentence)
    html = _accept(consultant_client, project, "scale.retention+gift aid declarations")
    assert "Added Gift Aid declarations: kept for at least 6 years to" in html
    answers = selectors.answers_for_project(project)
    assert "retention" in answers["scale.obligations"]
    assert answers["scale.retention"] == [
        {"records": "Gift Aid declarations", "rule": "keep_at_least", "keep": 6}
        | {"period": "years"}
    ]
    assert _trace(project, "scale.retention")[0]["sentence"] == sentence


@pytest.mark.django_db
def test_accepting_seasonal_staff_adds_a_row_beside_the_full_time_team(consultant_client, project):
    team = [{"role": "front_line", "people": 140, "employment": "full_time", "hours": 40}]
    services.answers_load(
        project=project, answers={"context.team_size": 140, "context.team_roles": team}, user=None
    )
    sentence = "Besides 140 permanent agents, 60 seasonal join from February to May."
    _autosave(consultant_client, project, sentence)
    _accept(consultant_client, project, "context.team_roles+front_line (seasonal)")
    answers = selectors.answers_for_project(project)
    assert answers["context.team_size"] == 140  # the season never changes the team's size
    assert answers["context.team_roles"] == [
        *team,
        {"role": "front_line", "people": 60, "employment": "seasonal"}
        | {"note": "from February to May"},
    ]


@pytest.mark.django_db
def test_accepting_a_calendar_adds_it_beside_the_coverage(consultant_client, project):
    services.answers_load(project=project, answers={"context.coverage": "extended"}, user=None)
    sentence = "The clinic line is open 7am-7pm Mon-Fri, but the pharmacy queue runs 24/7."
    _autosave(consultant_client, project, sentence, qid="context.process")
    html = _accept(
        consultant_client, project, "context.calendars+pharmacy queue", "context", "context.process"
    )
    assert "Added Pharmacy queue: every day 00:00–24:00 to" in html
    # The calendars are on the same step: the question is sent again, with the new row.
    assert 'id="q-context-calendars"' in html
    html = _accept(
        consultant_client, project, "context.calendars+clinic line", "context", "context.process"
    )
    calendars = selectors.answers_for_project(project)["context.calendars"]
    assert [c["name"] for c in calendars] == ["Pharmacy queue", "Clinic line"]
    assert calendars[1] == {"name": "Clinic line", "days": "mon_fri", "opens": "07:00"} | {
        "closes": "19:00"
    }
    assert _trace(project, "context.calendars")[0]["sentence"] == sentence


@pytest.mark.django_db
def test_a_row_the_bank_refuses_is_not_added_and_says_why(consultant_client, project):
    # 200 times normal is beyond what a spike row holds (at most 100×): refused, nothing saved.
    _autosave(consultant_client, project, "Launch day brings 200x the normal volume.")
    html = _accept(consultant_client, project, "scale.spikes+launch day")
    assert "Not added" in html
    assert not Answer.objects.filter(project=project, question_id="scale.spikes").exists()
    assert not SuggestionDecision.objects.exists()


def test_every_row_kind_fits_its_question():
    """Every field a row builder fills is a field of the question it is added to."""
    texts = [
        "We need Epic to show the chart. Teleperformance takes 30% of calls.",
        "The pharmacy queue runs 24/7 CET. Launch brings 10x for 3 days every month.",
    ]
    for text in texts:
        for qid, made in rows(text, {"context.coverage": "24x7"}).items():
            fields = {f.id for f in BANK.questions[qid].fields}
            for row in made:
                assert set(row) <= fields, (qid, row)


def test_a_number_a_row_carries_is_not_listed_as_heard_with_no_home():
    from discovery.extraction import extract

    findings = extract("Teleperformance takes about 30% of our calls, mostly overflow.")
    share = next(f for f in findings if f.value == "30%")
    assert suggestions.held_by_row(share, findings)
    alone = extract("About 30% of the requests are password resets.")
    assert not suggestions.held_by_row(next(f for f in alone if f.value == "30%"), alone)


def test_a_spikes_cause_ends_at_a_pause_and_four_a_year_is_quarterly():
    made = rows("Every season launch (four a year) brings 20x the tickets for 3 days.")
    assert made["scale.spikes"] == [
        {"cause": "Season launch", "factor": 20.0, "lasts": 3.0, "lasts_unit": "days"}
        | {"often": "quarterly"}
    ]


# --- follow the sun, and what a named CRM or ERP must do ----------------------------------


def test_a_follow_the_sun_hand_over_makes_a_row_per_site_in_the_order_the_work_passes():
    day = {"context.coverage": "24x7"}
    assert rows("At 17:00 Singapore hands over to London.", day)["context.sites"] == [
        {"name": "Singapore", "zone": "Asia/Singapore", "closes": "17:00"},
        {"name": "London", "zone": "Europe/London"},
    ]
    made = rows("The Manila team picks up from New York when the US day ends.", day)
    assert [r["name"] for r in made["context.sites"]] == ["New York", "Manila"]
    made = rows("Tickets pass from the EMEA desk to the Americas desk at 6pm CET.", day)
    assert made["context.sites"][0] == {"name": "EMEA", "zone": "CET", "closes": "18:00"}


def test_a_hand_over_written_with_arrows_makes_a_row_per_site_in_its_order():
    day = {"context.coverage": "24x7"}
    made = rows("Follow the sun: Sydney -> Dublin -> Denver.", day)["context.sites"]
    assert made == [
        {"name": "Sydney", "zone": "Australia/Sydney"},
        {"name": "Dublin", "zone": "Europe/Dublin"},
        {"name": "Denver", "zone": "America/Denver"},
    ]
    moved = rows("Tickets move Manila -> London -> Austin as each day ends.", day)
    assert [r["name"] for r in moved["context.sites"]] == ["Manila", "London", "Austin"]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        (
            "We must follow UK GDPR and keep Gift Aid declarations for six years.",
            {"records": "Gift Aid declarations", "rule": "keep_at_least", "keep": 6},
        ),
        (
            "Calls are recorded and kept five years.",
            {"records": "Recordings of calls", "rule": "keep_at_least", "keep": 5},
        ),
        (
            "Tickets are public records and must be kept 7 years.",
            {"records": "Tickets", "rule": "keep_at_least", "keep": 7},
        ),
        (
            "Call recordings are deleted after 90 days.",
            {"records": "Call recordings", "rule": "delete_after", "keep": 90, "period": "days"},
        ),
        (
            "Chat transcripts are anonymised after 30 days.",
            {
                "records": "Chat transcripts",
                "rule": "anonymise_after",
                "keep": 30,
                "period": "days",
            },
        ),
    ],
)
def test_a_retention_rule_said_is_a_row_of_what_is_kept_and_for_how_long(text, row):
    (made,) = rows(text)["scale.retention"]
    assert made == {"period": "years"} | row
    assert set(made) <= {f.id for f in BANK.questions["scale.retention"].fields}


def test_keeping_no_record_makes_no_retention_row():
    assert "scale.retention" not in rows("We kept the same tool for five years.")


def test_seasonal_staff_are_a_row_of_the_team_with_their_season_never_its_size():
    # The team's roles are asked once the team has a size (here from the same sentence).
    text = "Besides 140 permanent agents, 60 seasonal join from February to May."
    made = rows(text, {"context.team_size": 140})
    assert made["context.team_roles"] == [
        {"role": "front_line", "people": 60, "employment": "seasonal"}
        | {"note": "from February to May"}
    ]
    sizes = [
        a.value
        for items in suggestions.suggest({DETAIL: text}, {}, ()).values()
        for s in items
        for a in s.answers
        if a.question_id == "context.team_size"
    ]
    assert sizes == [140]
    fields = {f.id for f in BANK.questions["context.team_roles"].fields}
    assert set(made["context.team_roles"][0]) <= fields


def test_follow_the_sun_is_offered_only_where_cover_is_round_the_clock():
    found = suggestions.suggest(
        {DETAIL: "At 17:00 Singapore hands over to London."},
        {"context.coverage": "business_hours"},
        (),
    )
    assert not found  # the sites question is asked of 24-hour cover only
    said = suggestions.suggest({DETAIL: "We work follow the sun."}, {"context.coverage": "24x5"})
    assert [s.answers for s in said[DETAIL]] == [
        (suggestions.Implied("context.follow_the_sun", "set", "yes"),)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The night shift hands its open tickets over to the day team at 7am.",
        "Tier 1 hands off to Tier 2 for refunds.",
        "We hand it over to Finance when a refund is due.",
    ],
)
def test_a_hand_over_to_a_shift_a_tier_or_a_department_is_not_follow_the_sun(text):
    assert "context.sites" not in rows(text, {"context.coverage": "24x7"})


def test_a_crm_the_list_lacks_is_other_and_a_row_of_its_own():
    found = suggestions.suggest({DETAIL: "Supporters live in Beacon (our charity CRM)."}, {})
    (beacon,) = found[DETAIL]
    assert [(a.question_id, a.op, a.value) for a in beacon.answers] == [
        ("integrations.crm", "add", "other"),
        ("integrations.systems", "row", {"name": "Beacon CRM", "class": "crm"}),
    ]


def test_what_a_named_crm_or_erp_must_do_is_that_systems_own_row():
    text = (
        "Salesforce must show the subscriber, the plan and open cases on every contact. "
        "Parts live in SAP S/4HANA: an agent must see the installed pump from the ticket."
    )
    assert rows(text)["integrations.systems"] == [
        {
            "name": "Salesforce",
            "class": "crm",
            "purpose": "Show the subscriber, the plan and open cases on every contact",
        },
        {
            "name": "SAP",
            "class": "erp",
            "purpose": "An agent must see the installed pump from the ticket",
        },
    ]
    # Named with no duty: the CRM question holds it, no row of its own.
    assert "integrations.systems" not in rows("Salesforce holds the accounts.")


@pytest.mark.django_db
def test_accepting_a_site_answers_follow_the_sun_and_adds_the_site(consultant_client, project):
    services.answers_load(project=project, answers={"context.coverage": "24x7"}, user=None)
    sentence = "At 17:00 Singapore hands over to London."
    _autosave(consultant_client, project, sentence, qid="context.process")
    html = _accept(
        consultant_client, project, "context.sites+singapore", "context", "context.process"
    )
    assert "Added Singapore" in html
    assert 'id="q-context-sites"' in html  # the sites are on the same step: sent again
    _accept(consultant_client, project, "context.sites+london", "context", "context.process")
    answers = selectors.answers_for_project(project)
    assert answers["context.follow_the_sun"] == "yes"
    assert [s["name"] for s in answers["context.sites"]] == ["Singapore", "London"]
    assert answers["context.sites"][0]["closes"] == "17:00"
    assert _trace(project, "context.sites")[0]["sentence"] == sentence


# --- deadlines set by law -----------------------------------------------------------------


def test_each_deadline_a_law_sets_is_a_row_with_what_must_be_done_and_its_law():
    text = (
        "Complaints must follow the Housing Ombudsman's Complaint Handling Code: acknowledge "
        "within 5 working days, a stage 1 answer within 10 working days and stage 2 within 20."
    )
    code = "Housing Ombudsman Complaint Handling Code"
    assert rows(text)["scale.deadlines"] == [
        {"duty": "Acknowledge", "within": 5, "unit": "working_days", "basis": code},
        {"duty": "Stage 1 answer", "within": 10, "unit": "working_days", "basis": code},
        # "within 20" takes the unit of the deadline before it
        {"duty": "Stage 2", "within": 20, "unit": "working_days", "basis": code},
    ]
    fields = {f.id for f in BANK.questions["scale.deadlines"].fields}
    assert all(set(r) <= fields for r in rows(text)["scale.deadlines"])


def test_a_deadline_said_by_law_without_naming_it_is_heard_and_a_target_is_not():
    made = rows("By law we must respond to a subject access request within one month.")
    assert made["scale.deadlines"] == [
        {"duty": "Respond to a subject access request", "within": 1, "unit": "months"}
    ]
    # the client's own service target is no law's deadline
    assert "scale.deadlines" not in rows("We aim to answer every email within 4 hours.")


def test_accepting_a_law_the_catalogue_knows_ticks_its_sector_rule():
    found = suggestions.suggest(
        {DETAIL: "Since Awaab's Law we must investigate damp within 10 working days."}, {}, ()
    )
    answers = [
        (a.question_id, a.value) for items in found.values() for s in items for a in s.answers
    ]
    assert ("scale.sector_rules", "awaabs_law") in answers
    assert ("scale.obligations", "deadlines") in answers
