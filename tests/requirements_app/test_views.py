"""The requirements screens: grouped list, inline editing, conflicts, dismissal, marks,
manual requirements, the traceability matrix and confirmation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discovery import scenarios
from discovery.models import Project
from discovery.services import answers_load
from requirements_app.models import Requirement
from requirements_app.services import requirement_create_manual, requirements_sync
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def northwind(project, consultant):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    return project


def _list(client, project, **params):
    return client.get(reverse("requirements:list", args=[project.pk]), params)


def test_list_derives_on_first_visit_and_groups_by_kind_and_category(consultant_client, northwind):
    html = _list(consultant_client, northwind).content.decode()
    assert Requirement.objects.filter(project=northwind).count() > 30
    assert "Functional requirements" in html
    assert "Non-functional requirements" in html
    assert "Ticket management" in html
    # The description quotes the client's figures.
    assert "2,400 accounts" in html
    # No marks on the very first derivation.
    assert "mark-new" not in html


def test_filters_by_priority_and_mark(consultant_client, northwind):
    _list(consultant_client, northwind)
    musts = _list(consultant_client, northwind, priority="must").content.decode()
    shoulds = {r.code for r in Requirement.objects.filter(project=northwind, priority="should")}
    assert shoulds
    assert all(f">{code}<" not in musts for code in shoulds)
    answers_load(project=northwind, answers={"scale.volume_now": 2000}, user=None)
    marked = _list(consultant_client, northwind, mark="review").content.decode()
    assert "Review: inputs changed" in marked
    assert "1,350" in marked
    assert "2,000" in marked


def test_htmx_filter_returns_only_the_groups(consultant_client, northwind):
    response = consultant_client.get(
        reverse("requirements:list", args=[northwind.pk]), {"priority": "must"}, **HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="req-groups">')
    assert "<html" not in html


def test_inline_edit_saves_and_keeps_the_edit_marked(consultant_client, northwind):
    _list(consultant_client, northwind)
    requirement = Requirement.objects.get(project=northwind, code="FR-TKT-008")
    url = reverse("requirements:edit", args=[northwind.pk, requirement.pk])
    form = consultant_client.get(url, **HTMX).content.decode()
    assert 'name="version"' in form
    saved = consultant_client.post(
        url,
        {
            "title": "Customer organizations <b>first</b>",
            "description": requirement.description,
            "priority": "should",
            "version": requirement.version,
        },
        **HTMX,
    ).content.decode()
    assert "✓ Saved" in saved
    assert "Customer organizations &lt;b&gt;first&lt;/b&gt;" in saved
    assert "<b>first</b>" not in saved
    requirement.refresh_from_db()
    assert set(requirement.edited_fields) == {"title", "priority"}


def test_a_stale_form_gets_a_conflict_with_the_other_version(
    consultant_client, northwind, consultant
):
    _list(consultant_client, northwind)
    requirement = Requirement.objects.get(project=northwind, code="FR-TKT-008")
    url = reverse("requirements:edit", args=[northwind.pk, requirement.pk])
    stale_version = requirement.version
    consultant_client.post(
        url,
        {
            "title": "First consultant's title",
            "description": "d",
            "priority": "must",
            "version": stale_version,
        },
    )
    html = consultant_client.post(
        url,
        {
            "title": "Second consultant's title",
            "description": "d2",
            "priority": "could",
            "version": stale_version,
        },
        **HTMX,
    ).content.decode()
    assert "while you were editing" in html
    assert "First consultant&#x27;s title" in html or "First consultant's title" in html
    # The second consultant's text is still in the form, ready to resubmit.
    assert "Second consultant&#x27;s title" in html or "Second consultant's title" in html
    requirement.refresh_from_db()
    assert requirement.title == "First consultant's title"


def test_dismiss_needs_a_reason_and_restore_undoes_it(consultant_client, northwind):
    _list(consultant_client, northwind)
    requirement = Requirement.objects.get(project=northwind, code="FR-TKT-008")
    url = reverse("requirements:dismiss", args=[northwind.pk, requirement.pk])
    html = consultant_client.post(url, {"reason": "", "version": requirement.version}, **HTMX)
    assert "Say why" in html.content.decode()
    requirement.refresh_from_db()
    assert not requirement.dismissed
    consultant_client.post(url, {"reason": "Handled by the CRM", "version": requirement.version})
    requirement.refresh_from_db()
    assert requirement.dismissed
    assert requirement.dismiss_reason == "Handled by the CRM"
    # Hidden from the list unless asked for.
    assert "Handled by the CRM" not in _list(consultant_client, northwind).content.decode()
    assert (
        "Handled by the CRM" in _list(consultant_client, northwind, dismissed="on").content.decode()
    )
    consultant_client.post(
        reverse("requirements:restore", args=[northwind.pk, requirement.pk]),
        {"version": requirement.version},
    )
    requirement.refresh_from_db()
    assert not requirement.dismissed


def test_manual_requirement_form(consultant_client, northwind):
    url = reverse("requirements:create", args=[northwind.pk])
    invalid = consultant_client.post(url, {"kind": "functional", "category": "ticket_management"})
    assert invalid.status_code == 200
    assert "This field is required" in invalid.content.decode()
    consultant_client.post(
        url,
        {
            "kind": "functional",
            "category": "ticket_management",
            "priority": "could",
            "title": "Tickets from the client's ERP",
            "description": "Orders open tickets.",
            "acceptance_criteria": "An order created in the ERP opens a ticket within a minute.",
        },
    )
    assert Requirement.objects.filter(
        project=northwind, code="FR-MAN-001", origin="manual"
    ).exists()


def test_move_reorders_within_the_category(consultant_client, northwind):
    _list(consultant_client, northwind)
    first, second = Requirement.objects.filter(
        project=northwind, category="ticket_management", kind="functional"
    ).order_by("position")[:2]
    consultant_client.post(
        reverse("requirements:move", args=[northwind.pk, second.pk]), {"direction": "up"}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.position < first.position
    bad = consultant_client.post(
        reverse("requirements:move", args=[northwind.pk, second.pk]), {"direction": "sideways"}
    )
    assert bad.status_code == 400


def test_matrix_shows_coverage_and_unsourced_manual_requirements(
    consultant_client, northwind, consultant
):
    requirements_sync(project=northwind)
    requirement_create_manual(
        project=northwind,
        kind="functional",
        category="ticket_management",
        title="Escalations from the account team",
        description="x",
        priority="should",
        user=consultant,
    )
    html = consultant_client.get(
        reverse("requirements:matrix", args=[northwind.pk])
    ).content.decode()
    assert "Coverage" in html
    assert "answered questions drive at least one requirement" in html
    assert "Escalations from the account team" in html  # listed as without a source
    assert "FR-TKT-008" in html


def test_confirm_moves_the_stage_to_requirements(consultant_client, northwind):
    consultant_client.post(reverse("requirements:confirm", args=[northwind.pk]))
    northwind.refresh_from_db()
    assert northwind.stage == Project.Stage.REQUIREMENTS


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_and_matrix_query_counts_do_not_grow_with_requirements(
    consultant_client, organization, consultant
):
    small = ProjectFactory(organization=organization)
    answers_load(
        project=small, answers={"objective.challenge": ["reduce_response_times"]}, user=None
    )
    large = ProjectFactory(organization=organization)
    answers_load(project=large, answers=scenarios.VERDE, user=None)
    for project in (small, large):
        requirements_sync(project=project)
    for _ in range(30):
        requirement_create_manual(
            project=large,
            kind="functional",
            category="ticket_management",
            title="Manual",
            description="x",
            priority="could",
            user=consultant,
        )
    assert (
        Requirement.objects.filter(project=large).count()
        > 3 * Requirement.objects.filter(project=small).count()
    )
    for name in ("requirements:list", "requirements:matrix"):
        few = _count(consultant_client, reverse(name, args=[small.pk]))
        many = _count(consultant_client, reverse(name, args=[large.pk]))
        assert few == many, name
        # 12: the sentences accepted answers were heard in are one more (constant) read, and
        # the navigation's organizations (its switcher and settings link) one more.
        assert many <= 12, name
