"""The requirements' compact table: search, filters (category, priority, status, origin),
pagination, bulk confirm, dismiss and restore behind a confirmation (with an Undo for a
dismissal), acceptance criteria edited (and required for manual requirements), and why
each exists in plain words. Its queries do not grow with 300 requirements."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discovery import scenarios
from discovery.services import answers_load
from requirements_app.models import Requirement
from requirements_app.selectors import CARDS_PAGE_SIZE, TABLE_PAGE_SIZE
from requirements_app.services import requirements_sync
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def northwind(project, consultant):
    answers_load(project=project, answers=scenarios.NORTHWIND, user=consultant)
    requirements_sync(project=project)
    return project


def _table(client, project, **params):
    response = client.get(
        reverse("requirements:list", args=[project.pk]), {"view": "table", **params}
    )
    assert response.status_code == 200
    return response.content.decode()


def _codes(html: str) -> list[str]:
    return re.findall(r'<span class="req-code">([A-Z]+-[A-Z0-9-]+)</span>', html)


def _manual(project, count: int, **fields) -> None:
    Requirement.objects.bulk_create(
        Requirement(
            project=project,
            code=f"FR-MAN-{n:03d}",
            origin="manual",
            kind="functional",
            category="ticket_management",
            priority="could",
            title=f"Manual requirement {n}",
            description="Written by hand.",
            acceptance_criteria=[f"Check {n}"],
            position=1000 + n,
            **fields,
        )
        for n in range(1, count + 1)
    )


def test_the_table_lists_every_live_requirement_with_its_plain_reason(consultant_client, northwind):
    html = _table(consultant_client, northwind)
    live = Requirement.objects.filter(project=northwind, dismissed=False)
    assert sorted(_codes(html)) == sorted(r.code for r in live)
    scl = live.get(code="NFR-SCL-001")
    assert scl.why["headline"] in html.replace("&#x27;", "'")
    # Never the rules' ids, in the table or on the cards.
    cards = consultant_client.get(
        reverse("requirements:list", args=[northwind.pk]), {"view": "cards"}
    ).content.decode()
    for rule_id in ("objective.growth", "scale.volume"):
        assert rule_id not in html
        assert rule_id not in cards
    assert "Why: " in cards


def test_the_view_is_remembered(consultant_client, northwind):
    _table(consultant_client, northwind)
    html = consultant_client.get(reverse("requirements:list", args=[northwind.pk])).content
    assert b'class="table table-sm align-middle mb-0 req-table"' in html


def test_search_and_each_filter_narrow_the_table(consultant_client, northwind):
    every = Requirement.objects.filter(project=northwind, dismissed=False)
    assert _codes(_table(consultant_client, northwind, q="NFR-SCL-001")) == ["NFR-SCL-001"]
    words = _codes(_table(consultant_client, northwind, q="tickets month"))
    assert words
    for r in every.filter(code__in=words):
        text = (r.title + r.description + r.rationale + " ".join(r.acceptance_criteria)).lower()
        assert "tickets" in text
        assert "month" in text
    category = every.first().category
    assert set(_codes(_table(consultant_client, northwind, category=category))) == {
        r.code for r in every.filter(category=category)
    }
    assert set(_codes(_table(consultant_client, northwind, priority="must"))) == {
        r.code for r in every.filter(priority="must")
    }
    _manual(northwind, 2)
    assert set(_codes(_table(consultant_client, northwind, origin="manual"))) == {
        "FR-MAN-001",
        "FR-MAN-002",
    }
    Requirement.objects.filter(project=northwind, code="FR-MAN-002").update(acceptance_criteria=[])
    assert _codes(_table(consultant_client, northwind, mark="no_criteria")) == ["FR-MAN-002"]
    none = _table(consultant_client, northwind, q="zzzz nothing like it")
    assert "No requirement matches these filters" in none


def test_the_table_pages_through_300_requirements_in_bounded_queries(
    consultant_client, organization, consultant
):
    small = ProjectFactory(organization=organization)
    answers_load(
        project=small, answers={"objective.challenge": ["reduce_response_times"]}, user=None
    )
    requirements_sync(project=small)
    large = ProjectFactory(organization=organization)
    answers_load(project=large, answers=scenarios.VERDE, user=None)
    requirements_sync(project=large)
    _manual(large, 300 - Requirement.objects.filter(project=large).count())
    assert Requirement.objects.filter(project=large).count() == 300

    def count(project, **params):
        url = reverse("requirements:list", args=[project.pk])
        with CaptureQueriesContext(connection) as queries:
            response = consultant_client.get(url, {"view": "table", **params})
            assert response.status_code == 200
        return len(queries), response.content.decode()

    count(small)  # the first visit remembers the table view in the session
    few, _ = count(small)
    many, first = count(large)
    last_count, last = count(large, page="6")
    assert few == many == last_count
    assert many <= 12
    assert len(_codes(first)) == TABLE_PAGE_SIZE
    assert "Page 1 of 6" in first
    assert len(_codes(last)) == 300 - 5 * TABLE_PAGE_SIZE
    assert set(_codes(first)).isdisjoint(_codes(last))
    # The page links keep the filters; the htmx swap is the table alone.
    assert "?view=table&amp;page=2" in first
    part = consultant_client.get(
        reverse("requirements:list", args=[large.pk]), {"view": "table", "page": "2"}, **HTMX
    ).content.decode()
    assert part.lstrip().startswith('<div id="req-table">')


def test_bulk_dismiss_asks_first_needs_a_reason_and_can_be_undone(consultant_client, northwind):
    url = reverse("requirements:bulk", args=[northwind.pk])
    chosen = list(Requirement.objects.filter(project=northwind).order_by("position")[:3])
    ids = [r.pk for r in chosen]
    back = reverse("requirements:list", args=[northwind.pk]) + "?view=table&priority=must"

    asked = consultant_client.post(url, {"action": "dismiss", "ids": ids, "next": back})
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Dismiss 3 requirements?" in html
    assert all(r.code in html for r in chosen)
    assert not Requirement.objects.filter(pk__in=ids, dismissed=True).exists()

    refused = consultant_client.post(
        url, {"action": "dismiss", "ids": ids, "next": back, "confirmed": "1", "reason": " "}
    )
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.content.decode()
    assert not Requirement.objects.filter(pk__in=ids, dismissed=True).exists()

    done = consultant_client.post(
        url,
        {"action": "dismiss", "ids": ids, "next": back, "confirmed": "1", "reason": "Out of scope"},
    )
    assert done.status_code == 302
    assert done["Location"] == back
    assert Requirement.objects.filter(pk__in=ids, dismissed=True).count() == 3
    assert set(Requirement.objects.filter(pk__in=ids).values_list("dismiss_reason", flat=True)) == {
        "Out of scope"
    }
    page = consultant_client.get(done["Location"]).content.decode()
    assert "3 requirements dismissed." in page
    assert "Undo" in page
    # Shown once: a reload offers no Undo.
    assert "undo-bar" not in consultant_client.get(done["Location"]).content.decode()

    consultant_client.post(url, {"action": "restore", "ids": ids, "next": back, "confirmed": "1"})
    assert not Requirement.objects.filter(pk__in=ids, dismissed=True).exists()


def test_bulk_confirm_clears_the_marks_and_says_how_many(consultant_client, northwind):
    marked = list(Requirement.objects.filter(project=northwind)[:2])
    unmarked = Requirement.objects.filter(project=northwind).exclude(pk__in=[r.pk for r in marked])[
        0
    ]
    Requirement.objects.filter(pk__in=[r.pk for r in marked]).update(mark="review")
    url = reverse("requirements:bulk", args=[northwind.pk])
    ids = [r.pk for r in marked] + [unmarked.pk]
    asked = consultant_client.post(url, {"action": "confirm", "ids": ids}).content.decode()
    assert "Confirm what changed in 2 requirements?" in asked
    assert f"1 ticked requirement is left as it is (nothing to confirm): {unmarked.code}." in asked
    response = consultant_client.post(
        url, {"action": "confirm", "ids": ids, "confirmed": "1"}, follow=True
    )
    text = response.content.decode()
    assert "2 requirements confirmed:" in text
    assert f"1 left as it was (nothing to confirm): {unmarked.code}." in text
    assert not Requirement.objects.filter(pk__in=ids).exclude(mark="").exists()


def test_bulk_never_reaches_another_project_or_site(
    consultant_client, northwind, organization, consultant
):
    other = ProjectFactory(organization=organization)
    answers_load(project=other, answers=scenarios.NORTHWIND, user=consultant)
    requirements_sync(project=other)
    theirs = Requirement.objects.filter(project=other)[0]
    url = reverse("requirements:bulk", args=[northwind.pk])
    response = consultant_client.post(
        url,
        {
            "action": "dismiss",
            "ids": [theirs.pk],
            "confirmed": "1",
            "reason": "x",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("requirements:list", args=[northwind.pk])
    theirs.refresh_from_db()
    assert not theirs.dismissed
    assert consultant_client.post(url, {"action": "delete", "ids": [theirs.pk]}).status_code == 400


def test_acceptance_criteria_are_edited_and_required_for_a_manual_requirement(
    consultant_client, northwind
):
    derived = Requirement.objects.filter(project=northwind).first()
    url = reverse("requirements:edit", args=[northwind.pk, derived.pk])
    form = consultant_client.get(url).content.decode()
    assert 'name="acceptance_criteria"' in form
    data = {
        "title": derived.title,
        "description": derived.description,
        "priority": derived.priority,
        "version": derived.version,
        "acceptance_criteria": "  First check  \n\nSecond <b>check</b>\nFirst check\n",
    }
    assert consultant_client.post(url, data).status_code == 302
    derived.refresh_from_db()
    assert derived.acceptance_criteria == ["First check", "Second <b>check</b>"]
    assert derived.edited_fields == ["acceptance_criteria"]
    cards = consultant_client.get(
        reverse("requirements:list", args=[northwind.pk]), {"view": "cards"}
    ).content.decode()
    assert "Second &lt;b&gt;check&lt;/b&gt;" in cards

    _manual(northwind, 1)
    manual = Requirement.objects.get(project=northwind, code="FR-MAN-001")
    url = reverse("requirements:edit", args=[northwind.pk, manual.pk])
    refused = consultant_client.post(
        url,
        {
            "title": "Changed title",
            "description": manual.description,
            "priority": manual.priority,
            "version": manual.version,
            "acceptance_criteria": "   \n ",
        },
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Write at least one acceptance criterion" in html
    assert 'aria-invalid="true"' in html
    manual.refresh_from_db()
    assert manual.title == "Manual requirement 1"
    assert manual.acceptance_criteria == ["Check 1"]


def test_a_requirement_without_criteria_is_flagged(consultant_client, northwind):
    _manual(northwind, 1, mark="")
    Requirement.objects.filter(project=northwind, code="FR-MAN-001").update(acceptance_criteria=[])
    html = _table(consultant_client, northwind, origin="manual")
    assert "No acceptance criteria" in html
    assert "1 without acceptance criteria" in html


def _card_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article id="req-(\d+)" class="req-card', html)]


def test_cards_are_paginated_in_the_tables_order_with_counts_of_everything_shown(
    consultant_client, northwind
):
    _manual(northwind, 2 * CARDS_PAGE_SIZE)
    url = reverse("requirements:list", args=[northwind.pk])
    total = Requirement.objects.filter(project=northwind, dismissed=False).count()
    first = consultant_client.get(url, {"view": "cards"}).content.decode()
    pages = -(-total // CARDS_PAGE_SIZE)
    assert len(_card_ids(first)) == CARDS_PAGE_SIZE
    assert f"Page 1 of {pages}" in first
    assert f"1–{CARDS_PAGE_SIZE} of {total}" in first
    # The kind's heading counts every requirement the filters show, not this page's.
    functional = Requirement.objects.filter(
        project=northwind, dismissed=False, kind="functional"
    ).count()
    assert re.search(
        rf'Functional requirements <span class="badge text-bg-light">{functional}</span>', first
    )
    assert "(continued)" not in first
    # Every card is on exactly one page, in the same order as the table.
    seen: list[int] = []
    for number in range(1, pages + 1):
        page = consultant_client.get(url, {"view": "cards", "page": number}).content.decode()
        seen += _card_ids(page)
    table_order = []
    for number in range(1, -(-total // TABLE_PAGE_SIZE) + 1):
        html = _table(consultant_client, northwind, page=number)
        table_order += [int(pk) for pk in re.findall(r'<tr id="req-(\d+)"', html)]
    assert seen == table_order
    assert len(seen) == len(set(seen)) == total
    # A category whose first cards were on the page before says it continues.
    by_pk = {r.pk: r for r in Requirement.objects.filter(project=northwind)}
    second = consultant_client.get(url, {"view": "cards", "page": 2}).content.decode()
    head = by_pk[_card_ids(second)[0]]
    before = by_pk[seen[CARDS_PAGE_SIZE - 1]]
    continues = (head.kind, head.category) == (before.kind, before.category)
    assert ("(continued)" in second) is continues
    # The htmx swap of a card page is the groups alone, with the page links.
    part = consultant_client.get(url, {"view": "cards", "page": "2"}, **HTMX).content.decode()
    assert part.lstrip().startswith('<div id="req-groups">')
    assert "Page 2 of" in part


@pytest.mark.parametrize("view", ["cards", "table"])
def test_after_an_edit_the_list_opens_on_the_page_holding_the_requirement(
    consultant_client, northwind, view
):
    _manual(northwind, 3 * TABLE_PAGE_SIZE)
    last = Requirement.objects.get(project=northwind, code=f"FR-MAN-{3 * TABLE_PAGE_SIZE:03d}")
    url = reverse("requirements:list", args=[northwind.pk])
    consultant_client.get(url, {"view": view})  # remembered for the next visit
    response = consultant_client.post(
        reverse("requirements:edit", args=[northwind.pk, last.pk]),
        {
            "title": "Renamed at the end",
            "description": last.description,
            "priority": last.priority,
            "acceptance_criteria": "Check it",
            "version": last.version,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?at={last.pk}#req-{last.pk}"
    landed = consultant_client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="req-{last.pk}"' in landed
    assert "Renamed at the end" in landed
    assert "Page 1 of" not in landed
    # An id that is not shown (another project's, or nonsense) opens the first page.
    assert "Page 1 of" in consultant_client.get(url, {"at": "999999999"}).content.decode()
    assert "Page 1 of" in consultant_client.get(url, {"at": "abc"}).content.decode()
