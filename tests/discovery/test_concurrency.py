"""Two tabs (or two consultants) on the same answers: each answer carries its revision,
saves write only what their page changed, and a stale write is refused with a visible
conflict that loses nothing (issue 14, item 2). With and without JavaScript: the htmx
autosave, the htmx step submit and the plain form post all go through the same rule."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discovery import services
from discovery.bank import BANK
from discovery.models import Answer, AnswerRevision, Project
from discovery.revisions import Base
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
TEXT = "context.process"  # a textarea on the "context" step
OTHER = "context.coverage"


class Tab:
    """One browser tab: the page it last loaded, and what its form would post."""

    def __init__(self, user, project: Project) -> None:
        self.client = Client()
        self.client.force_login(user)
        self.project = project
        self.html = ""

    def open(self, step: str = "context") -> Tab:
        response = self.client.get(reverse("discovery:step", args=[self.project.pk, step]))
        assert response.status_code == 200
        self.html = response.content.decode()
        return self

    def hidden(self, name: str) -> str:
        match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.html)
        assert match, f"no {name} on the page"
        return match.group(1)

    def form(self, **values: str) -> dict:
        """The step form as the browser posts it: every question's marker and base, the
        tab's name, and the values (here only those the test names)."""
        data: dict = {"__tab": self.hidden("__tab"), "__q": [], **values}
        for question in BANK.step("context").questions:
            name = f"__rev.{question.id}"
            if f'name="{name}"' in self.html:
                data["__q"].append(question.id)
                data[name] = self.hidden(name)
        return data

    def autosave(self, qid: str, value: str):
        data = {**self.form(), "question": qid, qid: value}
        response = self.client.post(
            reverse("discovery:autosave", args=[self.project.pk]), data, **HX
        )
        assert response.status_code == 200
        # The answer replaces the question's feedback, base included (as htmx swaps it).
        fragment = response.content.decode()
        new_base = re.search(rf'name="__rev\.{re.escape(qid)}" value="([^"]*)"', fragment)
        assert new_base, "every autosave answer carries the question's base"
        self.html = re.sub(
            rf'(name="__rev\.{re.escape(qid)}" value=")[^"]*(")',
            lambda m: m.group(1) + new_base.group(1) + m.group(2),
            self.html,
        )
        return fragment

    def submit(self, htmx: bool = False, **extra: str):
        url = reverse("discovery:step", args=[self.project.pk, "context"])
        values = {**self.form(), **extra}
        response = self.client.post(url, values, **(HX if htmx else {}))
        if response.status_code == 200:
            self.html = response.content.decode()
        return response


def stored(project: Project, qid: str = TEXT):
    return Answer.objects.get(project=project, question_id=qid).value


@pytest.fixture
def answered(project, consultant):
    services.answers_load(
        project=project, answers={TEXT: "A shared inbox", OTHER: "business_hours"}, user=consultant
    )
    return project


def test_every_write_moves_the_revision(answered, consultant):
    answer = Answer.objects.get(project=answered, question_id=TEXT)
    assert answer.revision == 1
    tab = Tab(consultant, answered).open()
    assert tab.hidden(f"__rev.{TEXT}") == Base.of("A shared inbox", 1).encode()
    tab.autosave(TEXT, "Two tiers")
    answer.refresh_from_db()
    assert (answer.revision, answer.value) == (2, "Two tiers")
    assert tab.hidden(f"__rev.{TEXT}") == Base.of("Two tiers", 2).encode()


def test_a_stale_tab_clicking_next_does_not_undo_the_other_tabs_autosave(answered, consultant):
    """The issue's first case: tab 2 autosaves, stale tab 1 (which did not touch the
    field) clicks Next; the stored answer stays tab 2's."""
    tab1 = Tab(consultant, answered).open()
    tab2 = Tab(consultant, answered).open()
    tab2.autosave(TEXT, "Zendesk with two tiers")
    response = tab1.submit(**{TEXT: "A shared inbox", OTHER: "24x7", "action": "next"})
    assert response.status_code == 302
    assert stored(answered) == "Zendesk with two tiers"
    # What tab 1 did change went in.
    assert stored(answered, OTHER) == "24x7"


def test_changed_in_both_tabs_is_a_conflict_that_keeps_both_versions(answered, consultant):
    tab1 = Tab(consultant, answered).open()
    tab2 = Tab(consultant, answered).open()
    tab2.autosave(TEXT, "Zendesk with two tiers")
    changed_at = timezone.localtime(Answer.objects.get(question_id=TEXT).updated_at)
    response = tab1.submit(**{TEXT: "Email only", OTHER: "24x7", "action": "next"})
    # Not moved on: the page shows the conflict, tab 1's text still in its field…
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Not saved: changed in another tab at {changed_at:%H:%M}." in html
    assert ">Email only</textarea>" in html
    # …tab 2's version beside it, and both ways out.
    assert '<div class="conflict-theirs">Zendesk with two tiers</div>' in html
    assert 'name="__keep" value="context.process:2"' in html
    assert 'name="__take" value="context.process"' in html
    assert "Both versions are shown below" in html
    # Nothing of tab 2 was overwritten; tab 1's other change was saved.
    assert stored(answered) == "Zendesk with two tiers"
    assert stored(answered, OTHER) == "24x7"
    # The page still holds the base it read, so another save stays a conflict.
    assert tab1.hidden(f"__rev.{TEXT}") == Base.of("A shared inbox", 1).encode()
    again = tab1.submit(**{TEXT: "Email only, still", OTHER: "24x7"}).content.decode()
    assert "Not saved: changed in another tab" in again
    assert stored(answered) == "Zendesk with two tiers"


def test_keep_mine(answered, consultant):
    tab1 = Tab(consultant, answered).open()
    Tab(consultant, answered).open().autosave(TEXT, "Zendesk with two tiers")
    tab1.submit(**{TEXT: "Email only", OTHER: "business_hours"})
    response = tab1.submit(**{TEXT: "Email only", OTHER: "business_hours", "__keep": f"{TEXT}:2"})
    assert response.status_code == 302
    assert stored(answered) == "Email only"
    # The other version is in the history, not lost.
    values = set(AnswerRevision.objects.filter(question_id=TEXT).values_list("value", flat=True))
    assert {"Zendesk with two tiers", "Email only"} <= values


def test_keep_mine_never_overwrites_a_version_the_person_was_not_shown(answered, consultant):
    tab1 = Tab(consultant, answered).open()
    tab2 = Tab(consultant, answered).open()
    tab2.autosave(TEXT, "Version two")
    tab1.submit(**{TEXT: "Mine", OTHER: "business_hours"})  # conflict with revision 2
    tab2.autosave(TEXT, "Version three")  # revision 3, written after tab 1 saw 2
    html = tab1.submit(
        **{TEXT: "Mine", OTHER: "business_hours", "__keep": f"{TEXT}:2"}
    ).content.decode()
    assert '<div class="conflict-theirs">Version three</div>' in html
    assert 'name="__keep" value="context.process:3"' in html
    assert stored(answered) == "Version three"


def test_take_theirs(answered, consultant):
    tab1 = Tab(consultant, answered).open()
    Tab(consultant, answered).open().autosave(TEXT, "Zendesk with two tiers")
    tab1.submit(**{TEXT: "Email only", OTHER: "business_hours"})
    response = tab1.submit(**{TEXT: "Email only", OTHER: "business_hours", "__take": TEXT})
    assert response.status_code == 302
    assert stored(answered) == "Zendesk with two tiers"
    page = tab1.open().html
    assert ">Zendesk with two tiers</textarea>" in page
    assert tab1.hidden(f"__rev.{TEXT}") == Base.of("Zendesk with two tiers", 2).encode()


def test_the_conflict_with_htmx_stays_on_the_step_fragment(answered, consultant):
    tab1 = Tab(consultant, answered).open()
    Tab(consultant, answered).open().autosave(TEXT, "Zendesk with two tiers")
    response = tab1.submit(htmx=True, **{TEXT: "Email only", OTHER: "24x7", "action": "next"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="wizard"')
    assert "Not saved: changed in another tab" in html
    assert "HX-Push-Url" not in response  # still on the same step
    # The page's name is kept, so its own autosaves after this are not conflicts.
    assert tab1.hidden("__tab") in html


def test_two_tabs_autosaving_the_same_field(answered, consultant):
    """The issue's second case: last write no longer wins silently; the other tab is told."""
    tab1 = Tab(consultant, answered).open()
    tab2 = Tab(consultant, answered).open()
    assert "✓ Saved" in tab1.autosave(TEXT, "From tab one")
    fragment = tab2.autosave(TEXT, "From tab two")
    assert "✓ Saved" not in fragment
    assert "Not saved: changed in another tab at" in fragment
    assert '<div class="conflict-theirs">From tab one</div>' in fragment
    assert stored(answered) == "From tab one"
    # Typing on in tab 2 does not sneak past: still a conflict, until the person chooses.
    assert "Not saved" in tab2.autosave(TEXT, "From tab two, more")
    assert stored(answered) == "From tab one"
    # Tab 1 goes on saving normally.
    assert "✓ Saved" in tab1.autosave(TEXT, "From tab one, more")
    # Tab 2 keeps its text.
    response = tab2.submit(
        **{TEXT: "From tab two, more", OTHER: "business_hours", "__keep": f"{TEXT}:3"}
    )
    assert response.status_code == 302
    assert stored(answered) == "From tab two, more"


def test_a_tabs_own_autosave_racing_its_next_is_not_a_conflict(answered, consultant):
    """The autosave answered after the person clicked Next: the form still carries the
    base from before the autosave, but the stored revision is this page's own."""
    tab = Tab(consultant, answered).open()
    form_before = tab.form()
    tab.autosave(TEXT, "Typed")
    response = tab.client.post(
        reverse("discovery:step", args=[answered.pk, "context"]),
        {**form_before, TEXT: "Typed, and more", OTHER: "business_hours", "action": "next"},
    )
    assert response.status_code == 302
    assert stored(answered) == "Typed, and more"


def test_another_consultant_is_named(answered, consultant, organization):
    colleague = MembershipFactory(
        organization=organization,
        user__username="bruno",
        user__first_name="Bruno",
        user__last_name="Lima",
    ).user
    mine = Tab(consultant, answered).open()
    Tab(colleague, answered).open().autosave(TEXT, "Bruno's version")
    fragment = mine.autosave(TEXT, "Alice's version")
    assert "Not saved: Bruno Lima changed this at" in fragment


def test_an_earlier_day_shows_the_date(answered, consultant):
    tab = Tab(consultant, answered).open()
    Tab(consultant, answered).open().autosave(TEXT, "Yesterday's")
    Answer.objects.filter(question_id=TEXT).update(updated_at=timezone.now() - timedelta(days=3))
    fragment = tab.autosave(TEXT, "Today's")
    day = timezone.localtime(timezone.now() - timedelta(days=3))
    assert f"changed in another tab at {day:%d %b %Y}".replace(" 0", " ") in fragment.replace(
        "at 0", "at "
    )


def test_an_answer_created_in_another_tab_while_this_one_showed_it_empty(project, consultant):
    tab1 = Tab(consultant, project).open()
    Tab(consultant, project).open().autosave(TEXT, "First here")
    assert "Not saved: changed in another tab" in tab1.autosave(TEXT, "No, first here")
    assert stored(project) == "First here"


def test_posts_without_bases_still_save(project, consultant_client):
    """A hand-made post (or an older page) with no bases writes as before."""
    response = consultant_client.post(
        reverse("discovery:step", args=[project.pk, "context"]),
        {"__q": [TEXT], TEXT: "Plain", "action": "save"},
    )
    assert response.status_code == 302
    assert stored(project) == "Plain"


def test_the_writer_reads_again_when_the_row_moved_under_it(answered, consultant):
    """Compare-and-set: a writer holding a row it read before another write committed
    (PostgreSQL's READ COMMITTED lets that happen) matches nothing, reads again and
    decides again, so the newer answer is never overwritten."""
    stale = services._rows(answered.pk)[TEXT]
    services.answers_load(project=answered, answers={TEXT: "Committed meanwhile"}, user=consultant)
    with connection.cursor() as cursor:
        outcome = services._save_one(
            cursor,
            connection,
            project_id=answered.pk,
            question=BANK.questions[TEXT],
            value="From the stale writer",
            row=stale,
            base=Base.of("A shared inbox", 1),
            tab="stale",
            keep=None,
            user=consultant,
            now=timezone.now(),
        )
    assert outcome.conflict is not None
    assert outcome.conflict.theirs == "Committed meanwhile"
    assert stored(answered) == "Committed meanwhile"


def test_a_suggestion_obeys_the_rule(answered, consultant):
    question = BANK.questions["context.coverage_detail"]
    assert question.examples
    assert question.show_when is None
    tab1 = Tab(consultant, answered).open()
    Tab(consultant, answered).open().autosave(question.id, "Set in tab two")
    tab1.submit(**{OTHER: "business_hours", "__suggest": f"{question.id}|0"})
    assert stored(answered, question.id) == "Set in tab two"
    assert "Not saved: changed in another tab" in tab1.html
