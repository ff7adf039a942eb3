"""The consultant's edits: they survive re-derivation, marks clear, concurrent saves conflict
instead of overwriting, manual requirements get their own codes, and confirming moves the
project's stage forward only.

Answer changes are chosen from requirements_app/rules/ (see test_sync.py): team size 30
raises FR-SEC-001 and FR-RPT-002 to must; an Okta identity provider retitles FR-SEC-001;
a new channel list changes FR-TKT-001, FR-CHN-002 and FR-KB-001; withdrawing Slack stops
FR-INT-007, FR-PRI-006 and FR-TKT-011.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from discovery.models import Project
from discovery.scenarios import NORTHWIND
from discovery.services import answers_load
from requirements_app.models import Requirement, RequirementSync
from requirements_app.services import (
    RequirementConflict,
    requirement_clear_mark,
    requirement_create_manual,
    requirement_dismiss,
    requirement_move,
    requirement_restore,
    requirements_confirm,
    requirements_sync,
)
from tests.factories import MembershipFactory
from tests.requirements_app.helpers import answer, edit, requirements, versions

pytestmark = pytest.mark.django_db


@pytest.fixture
def northwind(project, consultant):
    answers_load(project=project, answers=NORTHWIND, user=consultant)
    requirements_sync(project=project)
    return project


@pytest.fixture
def colleague(organization):
    return MembershipFactory(organization=organization, user__username="bob").user


def get(project, code) -> Requirement:
    return Requirement.objects.get(project=project, code=code)


def manual(project, user, *, kind="functional", title="Invoices visible to agents"):
    return requirement_create_manual(
        project=project,
        kind=kind,
        category="integrations" if kind == "functional" else "performance",
        title=title,
        description="Agents see the customer's open invoices next to the ticket.",
        priority="should",
        user=user,
    )


# --- editing ----------------------------------------------------------------------------------


def test_an_edit_records_which_fields_differ_from_the_derived_text(northwind, consultant):
    sec = get(northwind, "FR-SEC-001")

    saved = edit(sec, consultant, title="  SSO with Google  ", priority="must")

    assert saved.title == "SSO with Google"
    assert saved.priority == "must"
    assert saved.edited_fields == ["title", "priority"]
    assert saved.version == 2
    assert saved.updated_by == consultant
    # Putting the derived text back is no longer an edit.
    reverted = edit(saved, consultant, title=saved.derived["title"], priority="should")
    assert reverted.edited_fields == []
    assert reverted.version == 3


def test_an_edit_with_an_unknown_priority_is_refused_and_nothing_saved(northwind, consultant):
    sec = get(northwind, "FR-SEC-001")

    with pytest.raises(ValidationError) as error:
        edit(sec, consultant, priority="urgent")

    assert "priority" in error.value.message_dict
    stored = get(northwind, "FR-SEC-001")
    assert stored.priority == "should"
    assert stored.version == 1


# --- re-derivation keeps every kind of edit ---------------------------------------------------


def test_re_derivation_keeps_every_kind_of_edit(northwind, consultant):
    # Edited title, description and priority on requirements whose inputs will change.
    sec = edit(get(northwind, "FR-SEC-001"), consultant, priority="could")
    ticket = edit(
        get(northwind, "FR-TKT-001"),
        consultant,
        title="Every request is a ticket",
        description="Email and chat become tickets; the shared inbox is retired.",
    )
    # A manual requirement, a dismissal with its reason, and an order.
    added = manual(northwind, consultant)
    email = get(northwind, "FR-CHN-002")
    requirement_dismiss(
        requirement=email,
        version=email.version,
        reason="Email stays in Gmail for now.",
        user=consultant,
    )
    kb2 = get(northwind, "FR-KB-002")
    requirement_move(requirement=kb2, direction="up")  # above FR-KB-001
    order_before = list(
        Requirement.objects.filter(project=northwind, category="self_service")
        .order_by("position")
        .values_list("code", flat=True)
    )
    assert order_before[:2] == ["FR-KB-002", "FR-KB-001"]

    answer(
        northwind,
        consultant,
        context__team_size=30,
        context__channels=["email", "chat", "phone"],
        integrations__identity="okta",
    )
    report = requirements_sync(project=northwind)

    assert {"FR-SEC-001", "FR-TKT-001", "FR-CHN-002", "FR-KB-001"} <= set(report.review)
    current = requirements(northwind)

    sec = current["FR-SEC-001"]
    assert sec.priority == "could"  # the engine now says must
    assert sec.derived["priority"] == "must"
    assert sec.title == "Single sign-on with Okta"  # not edited: follows the answers
    assert sec.edited_fields == ["priority"]
    assert {c["field"]: c["kept_edit"] for c in sec.mark_detail["text"]} == {
        "title": False,
        "description": False,
        "priority": True,
    }

    ticket = current["FR-TKT-001"]
    assert ticket.title == "Every request is a ticket"
    assert ticket.description == "Email and chat become tickets; the shared inbox is retired."
    assert sorted(ticket.edited_fields) == ["description", "title"]
    assert "Phone" in ticket.derived["description"]
    kept = {c["field"]: c["kept_edit"] for c in ticket.mark_detail["text"]}
    assert kept == {"description": True}

    # Unedited requirement of the same change follows the engine.
    assert current["FR-RPT-002"].priority == "must"

    man = current[added.code]
    assert man.origin == Requirement.Origin.MANUAL
    assert man.title == "Invoices visible to agents"
    assert man.mark == ""
    assert man.version == added.version

    email = current["FR-CHN-002"]
    assert email.dismissed
    assert email.dismiss_reason == "Email stays in Gmail for now."
    assert email.mark == Requirement.Mark.REVIEW

    order_after = list(
        Requirement.objects.filter(project=northwind, category="self_service")
        .order_by("position")
        .values_list("code", flat=True)
    )
    assert order_after == order_before

    # And a second sync changes none of it.
    before = versions(northwind)
    assert not requirements_sync(project=northwind).changed
    assert versions(northwind) == before


def test_a_manual_requirement_survives_a_sync_that_removes_derived_ones(northwind, consultant):
    added = manual(northwind, consultant)

    answer(northwind, consultant, integrations__communication=["none"])
    report = requirements_sync(project=northwind)

    assert added.code not in report.removed + report.obsolete
    assert get(northwind, added.code).mark == ""


def test_new_requirements_land_after_the_consultants_order(northwind, consultant):
    requirement_move(requirement=get(northwind, "FR-TKT-008"), direction="up")
    before = list(
        Requirement.objects.filter(project=northwind)
        .order_by("position")
        .values_list("code", flat=True)
    )

    answer(northwind, consultant, scale__needs=["load_balancing"])
    requirements_sync(project=northwind)

    after = list(
        Requirement.objects.filter(project=northwind)
        .order_by("position")
        .values_list("code", flat=True)
    )
    assert after == [*before, "NFR-AVL-005"]


# --- ordering ---------------------------------------------------------------------------------


def order_of(project, category):
    return list(
        Requirement.objects.filter(project=project, category=category)
        .order_by("position")
        .values_list("code", flat=True)
    )


def test_move_swaps_with_the_neighbour_in_the_same_kind_and_category(northwind):
    assert order_of(northwind, "ticket_management") == [
        "FR-TKT-001",
        "FR-TKT-002",
        "FR-TKT-008",
        "FR-TKT-011",
    ]

    requirement_move(requirement=get(northwind, "FR-TKT-008"), direction="up")
    assert order_of(northwind, "ticket_management") == [
        "FR-TKT-001",
        "FR-TKT-008",
        "FR-TKT-002",
        "FR-TKT-011",
    ]
    requirement_move(requirement=get(northwind, "FR-TKT-001"), direction="down")
    assert order_of(northwind, "ticket_management") == [
        "FR-TKT-008",
        "FR-TKT-001",
        "FR-TKT-002",
        "FR-TKT-011",
    ]


def test_move_past_the_edge_of_a_group_does_nothing(northwind):
    whole = list(
        Requirement.objects.filter(project=northwind)
        .order_by("position")
        .values_list("code", "position")
    )

    # FR-TKT-001 is first overall; FR-TKT-011 is last of its category, and FR-PRI-001 follows
    # it in another category, so neither may move further.
    requirement_move(requirement=get(northwind, "FR-TKT-001"), direction="up")
    requirement_move(requirement=get(northwind, "FR-TKT-011"), direction="down")
    requirement_move(requirement=get(northwind, "FR-PRI-001"), direction="up")

    assert (
        list(
            Requirement.objects.filter(project=northwind)
            .order_by("position")
            .values_list("code", "position")
        )
        == whole
    )


# --- dismiss and restore ----------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_dismissing_without_a_reason_is_refused(northwind, consultant, reason):
    email = get(northwind, "FR-CHN-002")

    with pytest.raises(ValidationError) as error:
        requirement_dismiss(
            requirement=email, version=email.version, reason=reason, user=consultant
        )

    assert "reason" in error.value.message_dict
    stored = get(northwind, "FR-CHN-002")
    assert not stored.dismissed
    assert stored.version == 1


def test_dismiss_and_restore(northwind, consultant):
    email = get(northwind, "FR-CHN-002")

    dismissed = requirement_dismiss(
        requirement=email, version=1, reason="  Out of scope  ", user=consultant
    )
    assert dismissed.dismissed
    assert dismissed.dismiss_reason == "Out of scope"
    assert dismissed.version == 2

    restored = requirement_restore(requirement=dismissed, version=2, user=consultant)
    assert not restored.dismissed
    assert restored.dismiss_reason == ""
    assert restored.version == 3


# --- clearing marks ---------------------------------------------------------------------------


def test_clearing_a_review_mark(northwind, consultant):
    answer(northwind, consultant, scale__volume_now=2000)
    requirements_sync(project=northwind)
    scl = get(northwind, "NFR-SCL-001")
    assert scl.mark == Requirement.Mark.REVIEW

    cleared = requirement_clear_mark(requirement=scl, version=scl.version, user=consultant)

    assert cleared is not None
    assert cleared.mark == ""
    assert cleared.mark_detail == {}
    assert cleared.origin == Requirement.Origin.DERIVED
    assert cleared.description.startswith("Handle 2,000 tickets")
    assert get(northwind, "NFR-SCL-001").mark == ""


def test_clearing_a_new_mark(northwind, consultant):
    answer(northwind, consultant, scale__needs=["load_balancing"])
    requirements_sync(project=northwind)
    lb = get(northwind, "NFR-AVL-005")
    assert lb.mark == Requirement.Mark.NEW

    cleared = requirement_clear_mark(requirement=lb, version=lb.version, user=consultant)

    assert cleared is not None
    assert get(northwind, "NFR-AVL-005").mark == ""


def make_obsolete(project, consultant):
    edit(get(project, "FR-INT-007"), consultant, title="Slack for alerts")
    answer(project, consultant, integrations__communication=["none"])
    requirements_sync(project=project)
    slack = get(project, "FR-INT-007")
    assert slack.mark == Requirement.Mark.OBSOLETE
    return slack


def test_clearing_an_obsolete_edited_mark_keeps_it_as_a_manual_requirement(northwind, consultant):
    slack = make_obsolete(northwind, consultant)

    cleared = requirement_clear_mark(requirement=slack, version=slack.version, user=consultant)

    assert cleared is not None
    stored = get(northwind, "FR-INT-007")
    assert stored.origin == Requirement.Origin.MANUAL
    assert stored.mark == ""
    assert stored.title == "Slack for alerts"
    # A later sync leaves it alone: it is the consultant's now.
    assert not requirements_sync(project=northwind).changed
    assert get(northwind, "FR-INT-007").origin == Requirement.Origin.MANUAL


def test_a_kept_obsolete_requirement_whose_rule_fires_again_is_derived_again(northwind, consultant):
    slack = make_obsolete(northwind, consultant)
    kept = requirement_clear_mark(requirement=slack, version=slack.version, user=consultant)
    # Edited while it was manual: that edit must survive its return too.
    edit(kept, consultant, description="Slack alerts for urgent tickets only.")

    answer(
        northwind,
        consultant,
        integrations__communication=["slack"],
        integrations__communication_purpose="Alert on urgent tickets.",
    )
    report = requirements_sync(project=northwind)

    stored = get(northwind, "FR-INT-007")
    assert "FR-INT-007" in report.review
    assert stored.origin == Requirement.Origin.DERIVED
    assert stored.mark == Requirement.Mark.REVIEW
    assert stored.mark_detail["returned"] is True
    assert stored.title == "Slack for alerts"
    assert stored.description == "Slack alerts for urgent tickets only."
    assert sorted(stored.edited_fields) == ["description", "title"]
    assert "Alert on urgent tickets." in stored.derived["description"]
    assert {c["field"]: c["kept_edit"] for c in stored.mark_detail["text"]} == {"description": True}
    assert [f["rule_id"] for f in stored.trace["firings"]]


def test_clearing_an_obsolete_unedited_mark_deletes_it(northwind, consultant):
    slack = make_obsolete(northwind, consultant)
    # The consultant undoes the edit, so nothing of theirs is left on it.
    slack = edit(slack, consultant, title=slack.derived["title"])
    assert slack.edited_fields == []
    assert slack.mark == Requirement.Mark.OBSOLETE

    result = requirement_clear_mark(requirement=slack, version=slack.version, user=consultant)

    assert result is None
    assert not Requirement.objects.filter(project=northwind, code="FR-INT-007").exists()


def test_clearing_a_mark_from_a_stale_page_conflicts(northwind, consultant, colleague):
    slack = make_obsolete(northwind, consultant)
    slack = edit(slack, consultant, title=slack.derived["title"])
    stale = get(northwind, "FR-INT-007")
    edit(get(northwind, "FR-INT-007"), colleague, title="Slack, kept by Bob")

    with pytest.raises(RequirementConflict) as conflict:
        requirement_clear_mark(requirement=stale, version=stale.version, user=consultant)

    assert conflict.value.current.title == "Slack, kept by Bob"
    assert get(northwind, "FR-INT-007").title == "Slack, kept by Bob"


# --- concurrency ------------------------------------------------------------------------------


def test_the_second_of_two_concurrent_edits_conflicts_and_overwrites_nothing(
    northwind, consultant, colleague
):
    alice_form = get(northwind, "FR-SEC-001")
    bob_form = get(northwind, "FR-SEC-001")
    assert alice_form.version == bob_form.version == 1

    edit(alice_form, consultant, title="SSO with Google, per Alice")
    with pytest.raises(RequirementConflict) as conflict:
        edit(bob_form, colleague, title="SSO with Google, per Bob", priority="must")

    assert conflict.value.current.title == "SSO with Google, per Alice"
    assert conflict.value.current.version == 2
    assert conflict.value.current.updated_by == consultant
    assert "FR-SEC-001" in str(conflict.value)
    stored = get(northwind, "FR-SEC-001")
    assert stored.title == "SSO with Google, per Alice"
    assert stored.priority == "should"
    assert stored.version == 2
    assert stored.updated_by == consultant


def test_a_dismissal_from_a_stale_page_conflicts_with_an_edit(northwind, consultant, colleague):
    alice_form = get(northwind, "FR-CHN-002")
    bob_form = get(northwind, "FR-CHN-002")

    edit(alice_form, consultant, title="Email into tickets")
    with pytest.raises(RequirementConflict) as conflict:
        requirement_dismiss(
            requirement=bob_form, version=bob_form.version, reason="Not needed", user=colleague
        )

    assert conflict.value.current.title == "Email into tickets"
    stored = get(northwind, "FR-CHN-002")
    assert not stored.dismissed
    assert stored.dismiss_reason == ""
    assert stored.title == "Email into tickets"


def test_an_edit_from_a_stale_page_conflicts_with_a_dismissal(northwind, consultant, colleague):
    alice_form = get(northwind, "FR-CHN-002")
    bob_form = get(northwind, "FR-CHN-002")

    requirement_dismiss(
        requirement=alice_form, version=alice_form.version, reason="Not needed", user=consultant
    )
    with pytest.raises(RequirementConflict) as conflict:
        edit(bob_form, colleague, title="Email into tickets")

    assert conflict.value.current.dismissed
    stored = get(northwind, "FR-CHN-002")
    assert stored.dismissed
    assert stored.title == "Email channel"
    assert stored.edited_fields == []


def test_an_edit_from_a_page_loaded_before_a_sync_conflicts(northwind, consultant):
    form = get(northwind, "NFR-SCL-001")

    answer(northwind, consultant, scale__volume_now=2000)
    requirements_sync(project=northwind)

    with pytest.raises(RequirementConflict) as conflict:
        edit(form, consultant, title="Capacity")

    assert conflict.value.current.description.startswith("Handle 2,000 tickets")
    assert get(northwind, "NFR-SCL-001").title == "Capacity for today's volume and its growth"


# --- manual requirements ----------------------------------------------------------------------


def test_manual_codes_increment_per_kind_and_do_not_collide(northwind, consultant):
    first = manual(northwind, consultant, title="One")
    second = manual(northwind, consultant, title="Two")
    nfr = manual(northwind, consultant, kind="non_functional", title="Three")

    assert [first.code, second.code, nfr.code] == ["FR-MAN-001", "FR-MAN-002", "NFR-MAN-001"]
    assert all(r.origin == Requirement.Origin.MANUAL for r in (first, second, nfr))
    top = max(
        Requirement.objects.filter(project=northwind, origin="derived").values_list(
            "position", flat=True
        )
    )
    assert [first.position, second.position, nfr.position] == [top + 1, top + 2, top + 3]
    assert first.trace == {}
    assert first.derived == {}


def test_manual_codes_are_per_project(northwind, consultant, organization):
    other = Project.objects.create(organization=organization, name="Other", client_name="Other")

    assert manual(northwind, consultant).code == "FR-MAN-001"
    assert manual(other, consultant).code == "FR-MAN-001"


def test_a_manual_requirement_needs_a_title(northwind, consultant):
    with pytest.raises(ValidationError) as error:
        manual(northwind, consultant, title="   ")

    assert "title" in error.value.message_dict
    assert not Requirement.objects.filter(project=northwind, origin="manual").exists()


def test_editing_a_manual_requirement_records_no_derived_edits(northwind, consultant):
    added = manual(northwind, consultant)

    saved = edit(added, consultant, title="Invoices and credit notes", priority="must")

    assert saved.title == "Invoices and credit notes"
    assert saved.edited_fields == []
    assert saved.version == 2


# --- confirming -------------------------------------------------------------------------------


def test_confirming_moves_the_project_from_discovery_to_requirements(northwind, consultant):
    assert northwind.stage == Project.Stage.DISCOVERY

    requirements_confirm(project=northwind, user=consultant)

    northwind.refresh_from_db()
    assert northwind.stage == Project.Stage.REQUIREMENTS
    sync = RequirementSync.objects.get(project=northwind)
    assert sync.confirmed_at is not None
    assert sync.confirmed_by == consultant


@pytest.mark.parametrize(
    "stage", [Project.Stage.REQUIREMENTS, Project.Stage.FRAMEWORK, Project.Stage.APPROVED]
)
def test_confirming_never_moves_the_stage_back(northwind, consultant, stage):
    Project.objects.filter(pk=northwind.pk).update(stage=stage)
    northwind.refresh_from_db()

    requirements_confirm(project=northwind, user=consultant)

    northwind.refresh_from_db()
    assert northwind.stage == stage
    assert RequirementSync.objects.get(project=northwind).confirmed_by == consultant
