"""The access matrix: every named route, every kind of visitor, the status each must get.

The table is checked against the URL resolver, so a new URL without a row fails CI. Project
URLs answer 404 to anyone outside the project's organization (staff included), so that a
project of another organization looks exactly like one that does not exist. Within an
organization, roles decide: settings and members change only by an owner (a consultant
gets 403).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Membership, Organization
from accounts.selectors import SESSION_KEY
from discovery.bank import BANK
from discovery.models import Answer, AnswerRevision, Project
from tests.factories import MembershipFactory, publish

LOGIN = "login"  # expected: 302 to the sign-in page with ?next=<the requested path>
ROLES = ("anonymous", "member", "owner", "other", "staff")
SKIPPED_NAMESPACES = {
    "admin",
    "api-v1",
}  # the admin has its own staff checks; the API its own matrix, both below


def _first_step() -> str:
    return BANK.first_step().slug


def _text_question() -> Any:
    return next(q for q in BANK.step(_first_step()).questions if q.type == "textarea")


def _autosave_data(ctx: dict[str, Any]) -> dict[str, str]:
    question = _text_question()
    return {"question": question.id, question.field_name: "Shared inbox, no SLA."}


def _step_data(ctx: dict[str, Any]) -> dict[str, str]:
    question = _text_question()
    return {"__q": question.id, question.field_name: "Shared inbox, no SLA.", "action": "save"}


def _decide_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {"__dismiss": f"{_text_question().id}|context.tools+zendesk"}


def _publish_data(ctx: dict[str, Any]) -> dict[str, Any]:
    """A publish that goes through: an incomplete discovery confirmed and each blocking
    finding of the proposal check overridden with a reason (the publish tests cover the
    refusals)."""
    from frameworks.services import framework_generate

    generation = framework_generate(project=ctx["project"], user=None).generation
    keys = [f["key"] for f in generation.check_result["findings"] if f["severity"] == "blocking"]
    reasons = {
        f"reason-{key}": "Published by the access test, which is not about the check."
        for key in keys
    }
    return {"change_summary": "x", "override": keys, "confirm_incomplete": "1", **reasons}


def _project_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {"name": "Renamed by the visitor", "client_name": "Someone else", "industry": "Retail"}


def _language_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {"language": "pt-br", "next": "/"}


def _switch_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {"organization": str(ctx["organization"].pk)}


def _requirement(ctx: dict[str, Any]) -> Any:
    from requirements_app.services import requirement_create_manual

    existing = ctx["project"].requirements.first()
    if existing is not None:
        return existing
    return requirement_create_manual(
        project=ctx["project"],
        kind="functional",
        category="ticket_management",
        title="Tickets from Teams",
        description="Employees raise tickets from Teams.",
        priority="should",
        user=None,
    )


def _requirement_edit_data(ctx: dict[str, Any]) -> dict[str, str]:
    requirement = _requirement(ctx)
    return {
        "title": "Changed by the visitor",
        "description": "x",
        "priority": "must",
        "acceptance_criteria": "It is changed.",
        "version": str(requirement.version),
    }


def _dismiss_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {"reason": "Not needed", "version": str(_requirement(ctx).version)}


def _manual_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {
        "kind": "functional",
        "category": "ticket_management",
        "priority": "could",
        "title": "Added by the visitor",
        "description": "x",
        "acceptance_criteria": "It is there.",
    }


def _bulk_data(ctx: dict[str, Any]) -> dict[str, Any]:
    return {
        "action": "dismiss",
        "ids": [str(_requirement(ctx).pk)],
        "confirmed": "1",
        "reason": "Not needed",
    }


def _review(ctx: dict[str, Any]) -> dict[str, Any]:
    """A published v1 of the project, a reviewer's link, a client comment and feedback (and
    so the consultant's notifications): made once per test."""
    if "review" not in ctx:
        from reviews import services as review_services
        from reviews.models import Notification, ProposalVersion

        project = ctx["project"]
        version = ProposalVersion.objects.filter(project=project).first()
        if version is None:
            version = publish(project)
        invitation = review_services.reviewer_invite(
            project=project,
            name="Rita Reviewer",
            email="rita@client.example",
            user=None,
            link_for=lambda token: token,
        )
        comment = review_services.comment_add(
            version=version, section="summary", body="Looks right.", reviewer=invitation.reviewer
        )
        feedback = review_services.feedback_submit(
            version=version,
            reviewer=invitation.reviewer,
            alignment="partly",
            alignment_comment="",
            challenge="Agents work in two time zones.",
        )
        ctx["review"] = {
            "version": version,
            "token": invitation.token,
            "reviewer": invitation.reviewer,
            "comment": comment,
            "feedback": feedback,
            "notification": Notification.objects.filter(user=ctx["consultant"]).first(),
        }
    return ctx["review"]


def _challenge_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {
        "target": "requirement",
        "kind": "functional",
        "category": "ticket_management",
        "priority": "should",
    }


def _feedback_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {"alignment": "yes", "alignment_comment": "", "challenge": ""}


@dataclass(frozen=True)
class Case:
    method: str  # GET or POST
    anonymous: int | str
    member: int
    other: int
    staff: int
    data: Callable[[dict[str, Any]], dict[str, str]] | None = field(default=None)
    owner: int | None = None  # None: as the member (a consultant of the same organization)

    def expected(self, role: str) -> int | str:
        if role == "owner":
            return self.member if self.owner is None else self.owner
        return getattr(self, role)


def GET(anonymous: int | str, member: int, other: int, staff: int, owner=None) -> Case:  # noqa: N802
    return Case("GET", anonymous, member, other, staff, owner=owner)


def POST(anonymous: int | str, member: int, other: int, staff: int, data=None, owner=None) -> Case:  # noqa: N802
    return Case("POST", anonymous, member, other, staff, data, owner=owner)


def _token_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {"name": "CRM sync", "organization": str(ctx["organization"].pk), "scope": "read"}


def _webhook_data(ctx: dict[str, Any]) -> dict[str, Any]:
    # A literal public address: the SSRF check resolves it without DNS.
    return {"url": "https://1.1.1.1/blueprint", "events": ["version_published"]}


def _webhook(ctx: dict[str, Any]) -> Any:
    from api.models import WebhookSubscription

    if "webhook" not in ctx:
        # .invalid never resolves: nothing could be delivered from a test by accident.
        ctx["webhook"] = WebhookSubscription.objects.create(
            organization=ctx["organization"],
            url="https://hooks.example.invalid/in",
            secret="whsec_test",
            events=["version_published"],
        )
    return ctx["webhook"]


def _settings_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {"name": "Renamed by the visitor", "brand_color": "#123456", "review_link_days": "9"}


def _member_add_data(ctx: dict[str, Any]) -> dict[str, str]:
    return {
        "member-email": "newcomer@example.com",
        "member-name": "New Comer",
        "member-role": "owner",
    }


# route name: cases as (method, anonymous, member of the project's organization (a
# consultant), consultant of another organization, staff who is not a member; and, where it
# differs from the member's, an owner of the project's organization).
ACCESS: dict[str, tuple[Case, ...]] = {
    # Sign-in and password reset are public.
    "accounts:login": (GET(200, 302, 302, 302),),
    "accounts:logout": (POST(302, 302, 302, 302), GET(405, 405, 405, 405)),
    "accounts:password_reset": (GET(200, 200, 200, 200),),
    "accounts:password_reset_done": (GET(200, 200, 200, 200),),
    # A valid link swaps the token for a session value and redirects to the set-password form.
    "accounts:password_reset_confirm": (GET(302, 302, 302, 302),),
    "accounts:password_reset_complete": (GET(200, 200, 200, 200),),
    "accounts:password_change": (GET(LOGIN, 200, 200, 200),),
    "accounts:password_change_done": (GET(LOGIN, 200, 200, 200),),
    "accounts:ping": (GET(LOGIN, 204, 204, 204),),
    "accounts:language": (GET(200, 200, 200, 200), POST(302, 302, 302, 302, _language_data)),
    "accounts:switch_organization": (POST(LOGIN, 302, 404, 404, _switch_data),),
    # Each member sees their own organization's settings; only an owner changes them. The
    # other organization's consultant reaches their own organization, as a consultant.
    "accounts:organization_settings": (
        GET(LOGIN, 200, 200, 404),
        POST(LOGIN, 403, 403, 404, _settings_data, owner=302),
    ),
    "accounts:member_add": (POST(LOGIN, 403, 403, 404, _member_add_data, owner=302),),
    "accounts:member_role": (POST(LOGIN, 403, 403, 404, lambda ctx: {"role": "owner"}, owner=302),),
    # The owner removes the consultant (the organization keeps its owner).
    "accounts:member_remove": (POST(LOGIN, 403, 403, 404, owner=302),),
    # Public (the client's pages show it), but only by a signed address: this one names an
    # organization without a logo.
    "accounts:organization_logo": (GET(404, 404, 404, 404),),
    # Everyone signed in has a dashboard of their own organization (or an empty one).
    "discovery:dashboard": (GET(LOGIN, 200, 200, 200),),
    # Staff who belong to no organization have nowhere to create a project.
    "discovery:project_create": (GET(LOGIN, 200, 200, 404),),
    "discovery:project_detail": (GET(LOGIN, 200, 404, 404),),
    "discovery:project_edit": (
        GET(LOGIN, 200, 404, 404),
        POST(LOGIN, 302, 404, 404, _project_data),
    ),
    "discovery:project_archive": (POST(LOGIN, 302, 404, 404),),
    "discovery:project_restore": (POST(LOGIN, 302, 404, 404),),
    # An empty form comes back with its errors (the project has no answers to keep).
    "discovery:project_template_save": (GET(LOGIN, 200, 404, 404), POST(LOGIN, 200, 404, 404)),
    "discovery:wizard_resume": (GET(LOGIN, 302, 404, 404),),
    "discovery:wizard_review": (GET(LOGIN, 200, 404, 404),),
    "discovery:autosave": (POST(LOGIN, 200, 404, 404, _autosave_data),),
    # Without ?step= the member's request is refused as malformed; strangers never see it.
    "discovery:suggestion_decide": (POST(LOGIN, 400, 404, 404, _decide_data),),
    "discovery:step": (GET(LOGIN, 200, 404, 404), POST(LOGIN, 302, 404, 404, _step_data)),
    "deliverables:framework": (GET(LOGIN, 200, 404, 404),),
    # An empty upload re-renders the page with the error next to the field.
    "deliverables:client_logo": (POST(LOGIN, 400, 404, 404), GET(LOGIN, 405, 405, 405)),
    # The organization's colour as a stylesheet: public, it is no secret.
    "deliverables:brand_css": (GET(200, 200, 200, 200),),
    # Ticket-history imports: the project's own consultants only. The import is read, so
    # its columns page sends the member back to the figures.
    "evidence:page": (GET(LOGIN, 200, 404, 404),),
    "evidence:mapping": (GET(LOGIN, 302, 404, 404),),
    "evidence:status": (GET(LOGIN, 200, 404, 404),),
    "evidence:use": (POST(LOGIN, 302, 404, 404), GET(LOGIN, 405, 405, 405)),
    "frameworks:generate": (POST(LOGIN, 302, 404, 404),),
    "frameworks:note": (
        POST(LOGIN, 302, 404, 404, lambda ctx: {"note": "x", "intro_override": ""}),
    ),
    "requirements:list": (GET(LOGIN, 200, 404, 404),),
    "requirements:matrix": (GET(LOGIN, 200, 404, 404),),
    "requirements:create": (GET(LOGIN, 200, 404, 404), POST(LOGIN, 302, 404, 404, _manual_data)),
    "requirements:derive": (POST(LOGIN, 302, 404, 404),),
    "requirements:confirm": (POST(LOGIN, 302, 404, 404),),
    "requirements:bulk": (POST(LOGIN, 302, 404, 404, _bulk_data),),
    # Without htmx the card view sends the browser to the card on the list.
    "requirements:card": (GET(LOGIN, 302, 404, 404),),
    "requirements:edit": (
        GET(LOGIN, 200, 404, 404),
        POST(LOGIN, 302, 404, 404, _requirement_edit_data),
    ),
    "requirements:dismiss": (POST(LOGIN, 302, 404, 404, _dismiss_data),),
    "requirements:restore": (POST(LOGIN, 302, 404, 404),),
    "requirements:clear_mark": (POST(LOGIN, 302, 404, 404),),
    "requirements:move": (POST(LOGIN, 302, 404, 404, lambda ctx: {"direction": "up"}),),
    # Proposal versions and the review loop, the consultant's side.
    "reviews:index": (GET(LOGIN, 200, 404, 404),),
    "reviews:publish": (POST(LOGIN, 302, 404, 404, _publish_data),),
    # Without a published version there is nothing to compare: back to the proposal page.
    "reviews:diff": (GET(LOGIN, 302, 404, 404),),
    "deliverables:version": (GET(LOGIN, 200, 404, 404),),
    "reviews:comment": (
        POST(LOGIN, 302, 404, 404, lambda ctx: {"section": "summary", "body": "x"}),
    ),
    "reviews:resolve": (POST(LOGIN, 302, 404, 404),),
    "reviews:reopen": (POST(LOGIN, 302, 404, 404),),
    # Post/redirect/get: the new link waits in the session for the one page that shows it.
    "reviews:invite": (
        POST(LOGIN, 302, 404, 404, lambda ctx: {"name": "Carl", "email": "carl@client.example"}),
    ),
    "reviews:revoke": (POST(LOGIN, 302, 404, 404),),
    "reviews:reissue": (POST(LOGIN, 302, 404, 404),),
    "reviews:challenge": (POST(LOGIN, 302, 404, 404, _challenge_data),),
    # Notifications are each user's own.
    "reviews:notifications": (GET(LOGIN, 200, 200, 200),),
    "reviews:notifications_read": (POST(LOGIN, 302, 302, 302),),
    # The notification is the consultant's own: not even an owner opens it.
    "reviews:notification_open": (POST(LOGIN, 302, 404, 404, owner=404),),
    # The client's side: the link's token decides, whoever is signed in (or not).
    "reviews:client_home": (GET(302, 302, 302, 302),),
    "deliverables:client_version": (GET(200, 200, 200, 200),),
    "reviews:client_diff": (GET(200, 200, 200, 200),),
    "reviews:client_comment": (
        POST(302, 302, 302, 302, lambda ctx: {"section": "summary", "body": "x"}),
        GET(405, 405, 405, 405),
    ),
    "reviews:client_feedback": (POST(302, 302, 302, 302, _feedback_data),),
    "reviews:client_approve": (
        POST(302, 302, 302, 302, lambda ctx: {"typed_name": "Rita Reviewer"}),
        GET(405, 405, 405, 405),
    ),
    "reviews:client_request_changes": (
        POST(302, 302, 302, 302, lambda ctx: {"reason": "More on staffing."}),
        GET(405, 405, 405, 405),
    ),
    "reviews:client_section_read": (
        POST(302, 302, 302, 302, lambda ctx: {"section": "summary", "read": "1"}),
        GET(405, 405, 405, 405),
    ),
    "reviews:client_reopen": (POST(302, 302, 302, 302),),
    # PDFs: generate, watch, download (404 until a file is ready).
    "deliverables:pdf": (POST(LOGIN, 302, 404, 404), GET(LOGIN, 405, 405, 405)),
    "deliverables:pdf_status": (GET(LOGIN, 200, 404, 404),),
    "deliverables:pdf_download": (GET(LOGIN, 404, 404, 404),),
    "deliverables:client_pdf": (POST(302, 302, 302, 302), GET(405, 405, 405, 405)),
    "deliverables:client_pdf_status": (GET(200, 200, 200, 200),),
    "deliverables:client_pdf_download": (GET(404, 404, 404, 404),),
    # Exports: the project's own consultants only; an import lands in the visitor's own
    # organization (an empty upload re-renders the form with its error).
    "exports:project_json": (GET(LOGIN, 200, 404, 404),),
    "exports:requirements_jira": (GET(LOGIN, 200, 404, 404),),
    "exports:project_import": (GET(LOGIN, 200, 200, 404), POST(LOGIN, 200, 200, 404)),
    # API tokens are each user's own; one is made for an organization the user belongs to
    # (staff without one get the form's error), and revoked only by its owner.
    "api:tokens": (GET(LOGIN, 200, 200, 200), POST(LOGIN, 302, 400, 404, _token_data)),
    "api:token_revoke": (POST(LOGIN, 302, 404, 404, owner=404),),
    # Webhooks are the active organization's, managed by its owners: a consultant (of this
    # organization or another) is refused, staff without an organization find nothing.
    "api:webhooks": (
        GET(LOGIN, 403, 403, 404, owner=200),
        POST(LOGIN, 403, 403, 404, _webhook_data, owner=302),
    ),
    "api:webhook_ping": (POST(LOGIN, 403, 403, 404, owner=302), GET(LOGIN, 405, 405, 405)),
    "api:webhook_active": (
        POST(LOGIN, 403, 403, 404, lambda ctx: {"active": "0"}, owner=302),
        GET(LOGIN, 405, 405, 405),
    ),
    "api:webhook_delete": (POST(LOGIN, 403, 403, 404, owner=302), GET(LOGIN, 405, 405, 405)),
}


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[str, ...]


def _walk(
    patterns: list[Any], namespace: tuple[str, ...] = (), kwargs: tuple[str, ...] = ()
) -> Iterator[Route]:
    for entry in patterns:
        # Named groups cover both path() converters and re_path() groups.
        converters = tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = (*namespace, entry.namespace) if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, kwargs + converters)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(":".join((*namespace, entry.name)), kwargs + converters)


def all_routes() -> dict[str, Route]:
    return {route.name: route for route in _walk(get_resolver().url_patterns)}


def app_routes() -> dict[str, Route]:
    return {
        name: route
        for name, route in all_routes().items()
        if name.split(":", 1)[0] not in SKIPPED_NAMESPACES
    }


# How to fill each URL keyword from the test's world.
def _ticket_import(ctx: dict[str, Any]) -> Any:
    from django.utils import timezone

    from evidence.models import TicketImport

    job = TicketImport.objects.filter(project=ctx["project"]).first()
    if job is None:
        job = TicketImport.objects.create(
            project=ctx["project"],
            token="a" * 32,
            tool="zendesk",
            original_name="export.csv",
            state=TicketImport.State.READY,
            summary={"tickets": 1, "period": "March 2026", "channels": {}},
            created_at=timezone.now(),
        )
    return job


KWARG_BUILDERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "import_id": lambda ctx: _ticket_import(ctx).pk,
    "pk": lambda ctx: ctx["project"].pk,
    "step": lambda ctx: _first_step(),
    "section": lambda ctx: "summary",
    "rid": lambda ctx: _requirement(ctx).pk,
    "uidb64": lambda ctx: urlsafe_base64_encode(force_bytes(ctx["consultant"].pk)),
    "token": lambda ctx: default_token_generator.make_token(ctx["consultant"]),
    "share_token": lambda ctx: _review(ctx)["token"],
    "number": lambda ctx: _review(ctx)["version"].number,
    "comment_id": lambda ctx: _review(ctx)["comment"].pk,
    "reviewer_id": lambda ctx: _review(ctx)["reviewer"].pk,
    "feedback_id": lambda ctx: _review(ctx)["feedback"].pk,
    "notification_id": lambda ctx: _review(ctx)["notification"].pk,
    "color": lambda ctx: "1f4e79",
    "membership_id": lambda ctx: ctx["consultant"].memberships.get().pk,
    "signed": lambda ctx: "not-a-signed-logo-address",
    "token_id": lambda ctx: _api_token(ctx, "member", "read").token.pk,
    "hook_id": lambda ctx: _webhook(ctx).pk,
    "question_id": lambda ctx: _text_question().id,
}


def build_url(route: Route, ctx: dict[str, Any]) -> str:
    return reverse(route.name, kwargs={name: KWARG_BUILDERS[name](ctx) for name in route.kwargs})


def test_every_route_has_a_row_in_the_access_matrix():
    missing = sorted(set(app_routes()) - set(ACCESS))
    assert not missing, f"routes without a row in tests/test_access.py ACCESS: {missing}"


def test_the_access_matrix_has_no_stale_rows():
    stale = sorted(set(ACCESS) - set(app_routes()))
    assert not stale, f"ACCESS rows for routes that no longer exist: {stale}"


def test_every_url_keyword_can_be_built():
    unknown = sorted(
        f"{name}: {kw}"
        for name, route in app_routes().items()
        for kw in route.kwargs
        if kw not in KWARG_BUILDERS
    )
    assert not unknown, f"add a KWARG_BUILDERS entry for: {unknown}"


def _matrix() -> list[Any]:
    params = []
    for name, cases in ACCESS.items():
        for index, case in enumerate(cases):
            for role in ROLES:
                params.append(pytest.param(name, index, role, id=f"{name}-{case.method}-{role}"))
    return params


@pytest.fixture
def world(organization, consultant, outsider, staff_user, project) -> dict[str, Any]:
    owner = MembershipFactory(
        organization=organization, user__username="olivia", role=Membership.Role.OWNER
    ).user
    return {
        "organization": organization,
        "consultant": consultant,
        "project": project,
        "users": {"member": consultant, "owner": owner, "other": outsider, "staff": staff_user},
    }


def _client_for(role: str, world: dict[str, Any]) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _project_state(project: Project) -> tuple[Any, ...]:
    organization = Organization.objects.values_list(
        "name", "brand_color", "logo", "review_link_days"
    ).get(pk=project.organization_id)
    members = sorted(
        Membership.objects.filter(organization_id=project.organization_id).values_list(
            "user__username", "role"
        )
    )
    row = Project.objects.values_list(
        "name", "client_name", "industry", "archived_at", "current_step", "completeness", "stage"
    ).get(pk=project.pk)
    return (
        organization,
        members,
        row,
        Answer.objects.filter(project=project).count(),
        AnswerRevision.objects.filter(project=project).count(),
        list(
            project.requirements.values_list(
                "code", "title", "priority", "dismissed", "position", "version"
            )
        ),
    )


@pytest.mark.parametrize(("name", "index", "role"), _matrix())
def test_access_matrix(name, index, role, world):
    case = ACCESS[name][index]
    # Sign in first: a sign-in changes last_login, which invalidates password-reset tokens.
    client = _client_for(role, world)
    url = build_url(app_routes()[name], world)
    # Data first: building it may prepare the project (the publish case generates its
    # framework to override the check's findings), which is not the visitor's doing.
    data = case.data(world) if case.data else {}
    before = _project_state(world["project"])

    send = client.post if case.method == "POST" else client.get
    response = send(url, data)

    expected = case.expected(role)
    if expected == LOGIN:
        assert response.status_code == 302, (name, role, response.status_code)
        location = urlsplit(response["Location"])
        assert location.path == reverse("accounts:login")
        assert parse_qs(location.query)["next"] == [url]
    else:
        assert response.status_code == expected, (name, case.method, role, response.status_code)
    if expected in (403, 404, LOGIN, 405):
        # Refused means refused: nothing about the project changed.
        assert _project_state(world["project"]) == before


def test_other_organization_does_not_see_the_project_on_its_dashboard(world, outsider):
    client = _client_for("other", world)
    response = client.get(reverse("discovery:dashboard"))
    assert response.status_code == 200
    assert world["project"].name not in response.content.decode()
    assert reverse("discovery:project_detail", args=[world["project"].pk]) not in (
        response.content.decode()
    )


def test_member_sees_the_project_on_the_dashboard(world):
    response = _client_for("member", world).get(reverse("discovery:dashboard"))
    assert world["project"].name in response.content.decode()


def test_switching_to_an_organization_you_are_not_a_member_of_is_404(world, outsider):
    foreign = outsider.memberships.get().organization
    client = _client_for("member", world)
    response = client.post(reverse("accounts:switch_organization"), {"organization": foreign.pk})
    assert response.status_code == 404
    assert SESSION_KEY not in client.session
    # Nonsense ids are 404 too, not a 500.
    response = client.post(reverse("accounts:switch_organization"), {"organization": "x"})
    assert response.status_code == 404


def test_switching_to_your_own_organization_is_remembered(world):
    client = _client_for("member", world)
    organization = world["organization"]
    response = client.post(
        reverse("accounts:switch_organization"), {"organization": organization.pk}
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == organization.pk


def test_outsider_cannot_reach_a_project_by_guessing_a_step_or_a_missing_pk(world):
    client = _client_for("other", world)
    project = world["project"]
    assert (
        client.get(reverse("discovery:step", args=[project.pk, "no-such-step"])).status_code == 404
    )
    missing = Project.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    assert client.get(reverse("discovery:project_detail", args=[missing])).status_code == 404


# The admin: not in the matrix above, but anonymous visitors and consultants without the
# staff flag must be sent to the admin sign-in for every admin page.


def _admin_routes_without_kwargs() -> list[str]:
    return sorted(
        name
        for name, route in all_routes().items()
        # Signing in and out are the two admin URLs that must work for anyone.
        if name.startswith("admin:")
        and not route.kwargs
        and name not in {"admin:login", "admin:logout"}
    )


def test_admin_has_routes_to_check():
    assert "admin:index" in _admin_routes_without_kwargs()
    assert "admin:discovery_project_changelist" in _admin_routes_without_kwargs()


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_admin_redirects_non_staff_to_the_admin_sign_in(role, world):
    client = _client_for(role, world)
    urls = [reverse(name) for name in _admin_routes_without_kwargs()]
    urls.append(reverse("admin:app_list", kwargs={"app_label": "discovery"}))
    urls.append(reverse("admin:discovery_project_change", args=[world["project"].pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, (url, response.status_code)
        location = urlsplit(response["Location"])
        assert location.path == reverse("admin:login"), url
        assert parse_qs(location.query)["next"] == [url], url


def test_admin_lets_staff_in(world):
    client = _client_for("staff", world)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:discovery_project_changelist")).status_code == 200


# --- The REST API (/api/v1/): every route × every kind of token --------------------------
#
# Checked against the URL resolver as the matrix above is: a new API route without a row
# fails. A request without a token, with a malformed or a revoked one is 401; a read-only
# token on a write is 403; another organization's token gets 404 for this organization's
# project, exactly as for one that does not exist.

API_NAMESPACE = "api-v1"
API_ROLES = ("none", "revoked", "read", "write", "other")


def _api_token(ctx: dict[str, Any], who: str, scope: str) -> Any:
    from api.services import token_create

    key = f"api-token-{who}-{scope}"
    if key not in ctx:
        # The member is the project's consultant (worlds of other tests have no "users").
        user = ctx["consultant"] if who == "member" else ctx["users"][who]
        organization = user.memberships.first().organization
        ctx[key] = token_create(user=user, organization=organization, name=key, scope=scope)
    return ctx[key]


def _api_requirement_edit(ctx: dict[str, Any]) -> dict[str, Any]:
    requirement = _requirement(ctx)
    return {
        "version": requirement.version,
        "title": "Changed by the visitor",
        "description": "x",
        "priority": "must",
        "acceptance_criteria": ["It is changed."],
    }


def _api_requirement_new(ctx: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "functional",
        "category": "ticket_management",
        "priority": "could",
        "title": "Added by the visitor",
        "description": "x",
        "acceptance_criteria": ["It is there."],
    }


def _api_publish(ctx: dict[str, Any]) -> dict[str, Any]:
    data = _publish_data(ctx)
    return {
        "change_summary": "x",
        "confirm_incomplete": True,
        "overrides": {key: data[f"reason-{key}"] for key in data["override"]},
    }


@dataclass(frozen=True)
class ApiCase:
    method: str
    write: int  # a read and write token of a member of the project's organization
    data: Callable[[dict[str, Any]], Any] | None = None
    other: int = 404  # a member of another organization, with a read and write token
    public: bool = False  # needs no token at all

    def expected(self, role: str) -> int:
        if self.public:
            return self.write
        if role in ("none", "revoked"):
            return 401
        if role == "read":
            return self.write if self.method == "GET" else 403
        return self.write if role == "write" else self.other


API_ACCESS: dict[str, ApiCase] = {
    "openapi-json": ApiCase("GET", 200, public=True),
    # The API's root is only where its paths start: nothing is served there.
    "api-root": ApiCase("GET", 404, public=True),
    # Each token lists its own organization's projects.
    "project_index": ApiCase("GET", 200, other=200),
    "project_read": ApiCase("GET", 200),
    "answer_index": ApiCase("GET", 200),
    "answer_read": ApiCase("GET", 200),
    "requirement_index": ApiCase("GET", 200),
    "requirement_read": ApiCase("GET", 200),
    # Nothing generated yet: 404 for the member too.
    "framework_read": ApiCase("GET", 404),
    "version_index": ApiCase("GET", 200),
    "version_read": ApiCase("GET", 200),
    "pdf_status": ApiCase("GET", 200),
    # 404 until a file is ready.
    "pdf_download": ApiCase("GET", 404),
    "comment_index": ApiCase("GET", 200),
    "approval_index": ApiCase("GET", 200),
    "reviewer_index": ApiCase("GET", 200),
    "export_read": ApiCase("GET", 200),
    # Writes: a read-only token gets 403 and changes nothing.
    "answer_write": ApiCase(
        "PUT", 200, lambda ctx: {"value": "Shared inbox, no SLA.", "revision": 0}
    ),
    "requirement_edit": ApiCase("PATCH", 200, _api_requirement_edit),
    "requirement_add": ApiCase("POST", 201, _api_requirement_new),
    "framework_create": ApiCase("POST", 201),
    "version_create": ApiCase("POST", 201, _api_publish),
    "pdf_create": ApiCase("POST", 202),
    "reviewer_create": ApiCase(
        "POST", 201, lambda ctx: {"name": "Carl", "email": "carl@client.example"}
    ),
    "reviewer_revoke": ApiCase("POST", 200),
    # An import lands in the token's own organization; without a file it is refused.
    "project_create_from_export": ApiCase("POST", 422, other=422),
}


def api_routes() -> dict[str, Route]:
    prefix = f"{API_NAMESPACE}:"
    return {
        name.removeprefix(prefix): route
        for name, route in all_routes().items()
        if name.startswith(prefix)
    }


def test_every_api_route_has_a_row_in_the_api_access_matrix():
    routes = set(api_routes())
    assert routes, "the API's routes are not mounted"
    assert not sorted(routes - set(API_ACCESS)), "API routes without a row in API_ACCESS"
    assert not sorted(set(API_ACCESS) - routes), "API_ACCESS rows for routes that do not exist"


def _api_matrix() -> list[Any]:
    return [
        pytest.param(name, role, id=f"api-{name}-{role}")
        for name in API_ACCESS
        for role in API_ROLES
    ]


@pytest.mark.parametrize(("name", "role"), _api_matrix())
def test_api_access_matrix(name, role, world):
    import json

    from api.services import token_revoke

    case = API_ACCESS[name]
    route = api_routes()[name]
    url = reverse(
        f"{API_NAMESPACE}:{name}", kwargs={k: KWARG_BUILDERS[k](world) for k in route.kwargs}
    )
    data = case.data(world) if case.data else None
    headers = {}
    if role != "none":
        who, scope = {
            "revoked": ("member", "write"),
            "read": ("member", "read"),
            "write": ("member", "write"),
            "other": ("other", "write"),
        }[role]
        made = _api_token(world, who, scope)
        if role == "revoked":
            token_revoke(token=made.token)
        headers["Authorization"] = f"Bearer {made.plaintext}"
    before = _project_state(world["project"])

    response = Client().generic(
        case.method,
        url,
        data=json.dumps(data) if data is not None else "",
        content_type="application/json",
        headers=headers,
    )

    expected = case.expected(role)
    assert response.status_code == expected, (name, role, response.status_code)
    if expected in (401, 403, 404):
        # Refused means refused: nothing about the project changed.
        assert _project_state(world["project"]) == before
