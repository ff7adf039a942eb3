"""Suggestions next to free text: what they offer, what they never offer, and Add/Dismiss
with htmx and without JavaScript, recorded with the sentence they came from."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from discovery import selectors, services, suggestions
from discovery.bank import BANK
from discovery.models import Answer, SuggestionDecision

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
DETAIL = "objective.challenge_detail"
TEXT = (
    "We don't use Intercom any more. Tickets sit in Zendesk and nobody owns them. "
    "HIPAA applies. Parents write in Spanish."
)


def keys(texts, answers=None, decided=()):
    found = suggestions.suggest(texts, answers or {}, decided)
    return [s.key for items in found.values() for s in items]


def test_the_mapping_is_valid_against_the_question_bank():
    assert suggestions.mapping_problems() == []


def test_findings_become_the_answers_they_imply():
    assert keys({DETAIL: TEXT}) == [
        "context.tools+zendesk",
        "scale.compliance+hipaa",
        "audience.languages+es",
    ]


def test_negated_answered_and_decided_ones_are_never_offered():
    assert "context.tools+intercom" not in keys({DETAIL: "We don't use Intercom any more."})
    answered = {"context.tools": ["zendesk"], "scale.compliance": ["hipaa"]}
    assert keys({DETAIL: TEXT}, answered) == ["audience.languages+es"]
    assert keys({DETAIL: TEXT}, decided=["audience.languages+es"]) == [
        "context.tools+zendesk",
        "scale.compliance+hipaa",
    ]


def test_a_number_already_answered_is_not_offered_and_a_new_one_carries_its_value():
    text = "About 2,800 requests a month; 12 technicians."
    found = suggestions.suggest({DETAIL: text}, {"context.team_size": 9}, ())[DETAIL]
    assert [(s.key, s.answers[-1].value) for s in found] == [("scale.volume_now+#2800", 2800.0)]


def test_every_quantity_is_offered_with_the_answer_it_implies_and_its_unit():
    text = "We handle 6,500 contacts a month, 40% by phone, 7 min AHT."
    found = suggestions.suggest({DETAIL: text}, {}, ())[DETAIL]
    numbers = [
        (s.label, s.answers[-1].question_id, s.answers[-1].value)
        for s in found
        if s.answers[-1].op == "set"
    ]
    assert numbers == [
        ("6,500 contacts a month", "scale.volume_now", 6500),
        ("40% → 2,600 / month", "context.volume_phone", 2600),  # 40% of the 6,500
        ("7 min", "context.phone_aht", 7),
    ]


def test_shares_go_to_the_channel_said_with_them():
    text = "Chat is 60% of contacts, email 30%, phone the rest. About 4,000 contacts a month."
    found = suggestions.suggest({DETAIL: text}, {}, ())[DETAIL]
    volumes = {
        s.answers[-1].question_id: s.answers[-1].value
        for s in found
        if s.answers[-1].question_id.startswith("context.volume_")
    }
    assert volumes == {"context.volume_chat": 2400, "context.volume_email": 1200}
    # A share of a channel's contacts is not that channel's share of all contacts.
    text = "We get 6,500 contacts a month. Teleperformance takes 30% of our calls."
    found = suggestions.suggest({DETAIL: text}, {}, ())[DETAIL]
    assert not any(s.answers[-1].question_id == "context.volume_phone" for s in found)
    # No month's total said: a share implies no number.
    found = suggestions.suggest({DETAIL: "Chat is 60% of contacts."}, {}, ())[DETAIL]
    assert not any(s.answers[-1].question_id == "context.volume_chat" for s in found)


def test_two_numbers_for_one_question_are_both_offered_until_one_is_chosen():
    text = "We have 45 agents (10 part-time)."
    assert keys({DETAIL: text}) == ["context.team_size+#45", "context.team_size+#10"]
    assert keys({DETAIL: text}, {"context.team_size": 45}) == []
    # A number dismissed before each number had its own key still stands for them all.
    assert keys({DETAIL: text}, decided=["context.team_size+#"]) == []


def test_none_gives_way_to_a_named_choice():
    implied = suggestions.Implied("context.tools", "add", "zendesk")
    assert suggestions.applied(implied, {"context.tools": ["none"]}) == ["zendesk"]


@pytest.mark.parametrize(
    ("text", "question", "minutes"),
    [
        ("Calls take 6 min each.", "context.phone_aht", 6),
        ("WhatsApp chats take about 9 minutes of agent work each.", "context.messaging_aht", 9),
        ("Each walk-in takes 12 min on average.", "context.in_person_aht", 12),
        ("Portal tickets take 8 minutes each to handle.", "context.portal_aht", 8),
        ("Each app-store review takes 90 seconds to handle.", "context.app_reviews_aht", 1.5),
    ],
)
def test_a_handle_time_answers_its_channels_question(text, question, minutes):
    """Handle time heard beside a channel goes to that channel's own question (in
    minutes), with the channel itself, so the staffing plan stops assuming a default."""
    found = suggestions.suggest({DETAIL: text}, {}, ())[DETAIL]
    implied = [a for s in found for a in s.answers if a.question_id == question]
    assert [a.value for a in implied] == [minutes]


def test_a_broken_rule_is_named(monkeypatch, tmp_path):
    broken = tmp_path / "suggestions.yaml"
    broken.write_text(
        "rules:\n  - {finding: {category: system, value: zendesk}, answers: [{q: context.tools, add: nope}]}\n"
        "describe: {}\n"
    )
    monkeypatch.setattr(suggestions, "MAPPING_FILE", broken)
    problems = suggestions.mapping_problems()
    assert problems == [
        "suggestions.yaml rule 1 (system zendesk): context.tools: 'nope' is not one of its choices",
        "suggestions.yaml: rows must map the cue words of rows",
    ]


def _autosave(client, project, text):
    return client.post(
        reverse("discovery:autosave", args=[project.pk]),
        {"question": DETAIL, DETAIL: text},
        **HX,
    )


def test_autosave_of_a_text_answer_shows_what_it_heard_escaped(consultant_client, project):
    text = '<script>alert(1)</script> We <3 Zendesk & "Slack" <img src=x onerror=alert(2)>'
    html = _autosave(consultant_client, project, text).content.decode()
    assert "✓ Saved" in html
    assert 'id="heard-q-objective-challenge-detail" class="heard" hx-swap-oob="true"' in html
    assert (
        "Found in your text:</span> Zendesk (help desk), Slack (team communication). Add?" in html
    )
    assert "<script>" not in html
    assert "<img" not in html
    assert "alert(" not in html
    # The sentence in the chip's title: markup read as blanks, the rest escaped.
    assert 'title="Heard in: “We &lt;3 Zendesk &amp; &quot;Slack&quot;”"' in html


def _decide(client, project, key, action="__accept", step="objective"):
    url = reverse("discovery:suggestion_decide", args=[project.pk]) + f"?step={step}"
    return client.post(url, {action: f"{DETAIL}|{key}"}, **HX)


def test_add_saves_the_answer_through_the_save_service_and_records_the_sentence(
    consultant_client, project, consultant
):
    _autosave(consultant_client, project, TEXT)
    html = _decide(consultant_client, project, "context.tools+zendesk").content.decode()
    assert Answer.objects.get(project=project, question_id="context.tools").value == ["zendesk"]
    decision = SuggestionDecision.objects.get(project=project, key="context.tools+zendesk")
    assert decision.status == "accepted"
    assert decision.sentence == "Tickets sit in Zendesk and nobody owns them."
    assert decision.decided_by == consultant
    assert "Added Zendesk to" in html
    assert "Should the current tool stay?" in html
    assert "context.tools+zendesk" not in html  # offered no more
    assert project.answer_revisions.filter(question_id="context.tools").count() == 1
    sources = selectors.answer_sources(project, selectors.answers_for_project(project))
    assert sources["context.tools"] == [
        {
            "sentence": "Tickets sit in Zendesk and nobody owns them.",
            "heard": "Zendesk",
            "from": BANK.questions[DETAIL].label,
        }
    ]


def test_add_on_the_same_step_updates_the_answer_out_of_band(consultant_client, project):
    services.answers_load(
        project=project, answers={"context.process": "Calls and email."}, user=None
    )
    url = reverse("discovery:suggestion_decide", args=[project.pk]) + "?step=context"
    html = consultant_client.post(
        url, {"__accept": "context.process|context.channels+phone"}, **HX
    ).content.decode()
    assert re.search(r'<div id="q-context-channels"[^>]*hx-swap-oob="true"', html)
    assert re.search(r'<div id="q-context-volume-phone"[^>]*hx-swap-oob="true"', html)  # opened
    assert "Added Phone to “Through which channels do requests arrive?” below." in html


def test_dismiss_is_remembered(consultant_client, project):
    _autosave(consultant_client, project, TEXT)
    html = _decide(
        consultant_client, project, "audience.languages+es", "__dismiss"
    ).content.decode()
    assert "Dismissed Spanish" in html
    assert not Answer.objects.filter(project=project, question_id="audience.languages").exists()
    step = consultant_client.get(reverse("discovery:step", args=[project.pk, "objective"]))
    assert "Spanish (language)" not in step.content.decode()
    assert "Zendesk (help desk)" in step.content.decode()


def test_a_suggestion_that_no_longer_applies_is_refused(consultant_client, project):
    _autosave(consultant_client, project, TEXT)
    _autosave(consultant_client, project, "Nothing named here.")
    html = _decide(consultant_client, project, "context.tools+zendesk").content.decode()
    assert "no longer applies" in html
    assert not Answer.objects.filter(project=project, question_id="context.tools").exists()
    assert not SuggestionDecision.objects.exists()


def test_without_javascript_add_saves_the_step_then_the_suggestion(consultant_client, project):
    url = reverse("discovery:step", args=[project.pk, "objective"])
    response = consultant_client.post(
        url,
        {"__q": DETAIL, DETAIL: TEXT, "__accept": f"{DETAIL}|scale.compliance+hipaa"},
        follow=True,
    )
    assert Answer.objects.get(project=project, question_id=DETAIL).value == TEXT
    assert Answer.objects.get(project=project, question_id="scale.compliance").value == ["hipaa"]
    html = response.content.decode()
    assert "Added HIPAA to “Which regulations or certifications apply?”." in html
    assert "HIPAA (obligation)" not in html
    assert "Zendesk (help desk)" in html


def test_a_stranger_cannot_decide(client, outsider, project):
    client.force_login(outsider)
    url = reverse("discovery:suggestion_decide", args=[project.pk]) + "?step=objective"
    response = client.post(url, {"__accept": f"{DETAIL}|context.tools+zendesk"})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["NORTHWIND", "VERDE", "CONTOSO"])
def test_one_question_visibility_agrees_with_the_bank(name):
    from discovery import scenarios

    answers = getattr(scenarios, name)
    visible = BANK.visibility(answers)
    memo: dict[str, bool] = {}
    assert {q: suggestions._visible(q, answers, memo) for q in BANK.questions} == visible


def test_adding_a_share_saves_the_number_it_implies(consultant_client, project):
    _autosave(consultant_client, project, "We handle 6,500 contacts a month, 40% by phone.")
    html = _decide(consultant_client, project, "context.volume_phone+#2600").content.decode()
    assert "Added 40% → 2,600 / month to" in html
    answers = selectors.answers_for_project(project)
    assert answers["context.channels"] == ["phone"]
    assert answers["context.volume_phone"] == 2600
    # The total is still offered for its own question, in its own unit.
    assert "6,500 contacts a month" in html
