"""The client's guided review: sections marked reviewed with progress, the decision panel
(approve with a typed full name, request changes with a reason kept as feedback), traces
hidden unless asked for, and comments linked to the element they are about."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from reviews import services
from reviews.models import Approval, Feedback, Notification, SectionRead
from tests.reviews.conftest import publish_next

pytestmark = pytest.mark.django_db


def _page(client: Client, link, number: int = 1, query: str = "") -> str:
    response = client.get(link.url("deliverables:client_version", number=number) + query)
    assert response.status_code == 200
    return response.content.decode()


def _guide(html: str) -> str:
    match = re.search(r'<nav class="framework-toc doc-toc review-guide".*?</nav>', html, re.S)
    assert match, "no guided navigator"
    return match.group(0)


def test_the_navigator_lists_every_section_with_progress(v1, link, reviewer_client):
    guide = _guide(_page(reviewer_client, link))
    assert "0 of " in guide
    assert 'href="#sec-summary"' in guide
    assert 'href="#sec-requirements"' in guide
    assert 'href="#decision"' in guide
    assert 'href="#validation"' in guide


def test_marking_a_section_reviewed_moves_the_progress_and_goes_on(v1, link, reviewer_client):
    html = _page(reviewer_client, link)
    total = int(re.search(r"0 of (\d+) reviewed", html).group(1))
    response = reviewer_client.post(
        link.url("reviews:client_section_read", number=1),
        {"section": "summary", "read": "1", "next": "architecture"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#sec-architecture")
    assert SectionRead.objects.filter(reviewer=link.reviewer, section="summary").count() == 1
    html = _page(reviewer_client, link)
    assert f"1 of {total} reviewed" in _guide(html)
    assert "You marked this section reviewed." in html
    # Posting it again keeps one mark; unmarking removes it.
    reviewer_client.post(
        link.url("reviews:client_section_read", number=1), {"section": "summary", "read": "1"}
    )
    assert SectionRead.objects.filter(reviewer=link.reviewer).count() == 1
    reviewer_client.post(
        link.url("reviews:client_section_read", number=1), {"section": "summary", "read": "0"}
    )
    assert not SectionRead.objects.filter(reviewer=link.reviewer).exists()


def test_an_unknown_section_is_refused_with_a_message(v1, link, reviewer_client):
    response = reviewer_client.post(
        link.url("reviews:client_section_read", number=1),
        {"section": "<script>", "read": "1"},
        follow=True,
    )
    assert "That section is not part of the proposal." in response.content.decode()
    assert not SectionRead.objects.exists()


def test_approve_needs_the_typed_name_and_records_it(v1, link, reviewer_client):
    url = link.url("reviews:client_approve", number=1)
    response = reviewer_client.post(url, {"typed_name": "   "}, follow=True)
    assert "Type your full name to approve v1." in response.content.decode()
    assert not Approval.objects.exists()
    response = reviewer_client.post(url, {"typed_name": "  Rita   Ortiz "}, follow=True)
    approval = Approval.objects.get()
    assert approval.typed_name == "Rita Ortiz"
    assert approval.content_hash == v1.content_hash
    html = response.content.decode()
    assert "signed “Rita Ortiz”" in html


def test_the_approve_button_names_the_version_and_asks_to_confirm(v1, link, reviewer_client):
    html = _page(reviewer_client, link)
    decision = html.split('id="decision"', 1)[1].split("</section>", 1)[0]
    assert "Approve v1" in decision
    assert 'data-confirm="Approve v1 of the proposal for' in decision
    assert 'name="typed_name"' in decision
    assert "required" in decision


def test_request_changes_keeps_the_reason_as_feedback_and_tells_the_consultant(
    v1, link, reviewer_client, consultant
):
    url = link.url("reviews:client_request_changes", number=1)
    response = reviewer_client.post(url, {"reason": ""}, follow=True)
    assert "Say what should change" in response.content.decode()
    assert not Feedback.objects.exists()
    reviewer_client.post(url, {"reason": "Staffing is too thin for the Monday peak."})
    feedback = Feedback.objects.get()
    assert feedback.alignment == Feedback.Alignment.PARTLY
    assert feedback.alignment_comment == "Staffing is too thin for the Monday peak."
    assert feedback.changes_requested_at is not None
    assert Notification.objects.filter(
        user=consultant, text__contains="requested changes to v1"
    ).exists()
    html = _page(reviewer_client, link)
    assert "You asked for changes on" in html


def test_no_changes_requested_after_approving(v1, link, reviewer_client):
    services.version_approve(version=v1, reviewer=link.reviewer, typed_name="Rita Ortiz")
    response = reviewer_client.post(
        link.url("reviews:client_request_changes", number=1), {"reason": "More."}, follow=True
    )
    assert "You approved v1 already" in response.content.decode()
    assert not Feedback.objects.exists()


def test_an_older_version_has_no_decision_and_no_marks(
    v1, link, reviewer_client, answered_project, consultant
):
    publish_next(answered_project, consultant)
    html = _page(reviewer_client, link, 1)
    assert 'id="decision"' not in html
    assert "review-guide" not in html
    response = reviewer_client.post(
        link.url("reviews:client_approve", number=1), {"typed_name": "Rita"}, follow=True
    )
    assert "v1 has been superseded: approve the latest version." in response.content.decode()
    assert not Approval.objects.exists()


def test_traces_are_hidden_for_the_client_until_asked(v1, link, reviewer_client):
    html = _page(reviewer_client, link)
    assert re.search(r'<article class="doc doc-web[^"]*doc-hide-why', html)
    assert "Show why each part is here" in html
    shown = _page(reviewer_client, link, query="?why=1")
    assert not re.search(r'<article class="doc doc-web[^"]*doc-hide-why', shown)
    assert "Hide why each part is here" in shown


def test_a_comment_on_an_element_links_to_it(v1, link, reviewer_client):
    html = _page(reviewer_client, link)
    element = re.search(r'<option value="([^"]+)">', html.split('id="about-tools"', 1)[1])
    assert element
    reviewer_client.post(
        link.url("reviews:client_comment", number=1),
        {"section": "tools", "element_id": element.group(1), "body": "Why this one?"},
    )
    html = _page(reviewer_client, link)
    thread = re.search(r'<article class="comment-thread[^>]*data-anchor="(el-[^"]+)"', html)
    assert thread
    assert f'id="{thread.group(1)}"' in html  # the element it is placed beside
    assert f'href="#{thread.group(1)}"' in html


def test_the_consultants_version_page_has_no_guide(v1, consultant_client, answered_project):
    response = consultant_client.get(reverse("deliverables:version", args=[answered_project.pk, 1]))
    html = response.content.decode()
    assert "review-guide" not in html
    assert "doc-hide-why" not in html
