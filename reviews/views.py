from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.http import bounded_int, signed_in_user
from accounts.selectors import branding
from discovery.models import Project
from discovery.selectors import project_get_for_user

from . import selectors, services
from .forms import ChallengeForm, CommentForm, FeedbackForm, InviteForm, PublishForm
from .http import review_page
from .models import Comment, Feedback, Notification, ProposalVersion, Reviewer

NOTIFICATIONS_PER_PAGE = 50

# --- consultant --------------------------------------------------------------------------


def _index_context(project: Project, **extra: Any) -> dict[str, Any]:
    check = selectors.publish_check(project)
    versions = selectors.version_numbers(project)
    unresolved = selectors.unresolved_by_version(project)
    for v in versions:
        v["unresolved"] = unresolved.get(v["number"], 0)
    feedback = selectors.feedback_for_project(project)
    findings = selectors.blocked_findings(check["blocking"], {}) if check else []
    return {
        "project": project,
        "check": check,
        "discovery": selectors.discovery_state(project),
        # Shown with their overrides before the first click, so one submit can publish.
        "publish_findings": findings,
        "publish_groups": selectors.grouped_findings(findings, {}),
        "versions": list(reversed(versions)),
        "latest": versions[-1] if versions else None,
        "reviewers": selectors.reviewers_for_project(project),
        "feedback": feedback,
        "approvals": selectors.approvals_for_project(project),
        "imported_approvals": selectors.imported_approvals_for_project(project),
        "publish_form": PublishForm(),
        "invite_form": InviteForm(),
        "challenge_form": ChallengeForm(),
        # One per feedback, so each form's attribute fields have ids of their own.
        "challenge_forms": {
            f.pk: ChallengeForm(auto_id=f"ch-{f.pk}-%s")
            for f in feedback
            if f.challenge and not f.challenge_handled_as
        },
        "now": timezone.now(),
        "link_days": project.organization.review_link_days,
        **extra,
    }


@login_required
@require_GET
def proposal_index(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    new_link = _new_link_pop(request, project)
    if new_link is None:
        return render(request, "reviews/index.html", _index_context(project))
    reviewer, link, reissued = new_link
    context = _index_context(project, new_link=link, new_reviewer=reviewer, reissued=reissued)
    response = render(request, "reviews/index.html", context)
    # The only page that ever shows this link: kept by no cache, shown by no reload.
    response["Cache-Control"] = "no-store"
    return response


def _posted_overrides(request: HttpRequest) -> dict[str, str]:
    """Finding key -> reason, for each blocking finding the consultant ticked to override.
    A ticked box names one finding's key, or the keys of every finding of one problem
    (space-separated; selectors.grouped_findings), with its reason under the first key."""
    overrides: dict[str, str] = {}
    for value in request.POST.getlist("override")[:500]:
        keys = value.split()[:500]
        if not keys:
            continue
        shared = request.POST.get(f"reason-{keys[0]}", "")
        for key in keys:
            overrides[key] = request.POST.get(f"reason-{key}", "") or shared
    return overrides


@login_required
@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keep the change summary under 5,000 characters.")
        return redirect("reviews:index", pk=project.pk)
    overrides = _posted_overrides(request)
    try:
        version = services.version_publish(
            project=project,
            change_summary=form.cleaned_data["change_summary"],
            user=signed_in_user(request),
            overrides=overrides,
            override_all=request.POST.get("reason_all", "")
            if request.POST.get("override_all")
            else "",
            incomplete_confirmed=request.POST.get("confirm_incomplete") == "1",
        )
    except services.PublishBlocked as blocked:
        # Rendered, not redirected: the summary and the reasons typed so far stay.
        findings = selectors.blocked_findings(blocked.findings, blocked.errors)
        context = _index_context(
            project,
            publish_form=form,
            publish_findings=findings,
            publish_groups=selectors.grouped_findings(findings, overrides),
            publish_overrides=overrides,
            publish_override_all=request.POST.get("override_all") == "1",
            publish_reason_all=request.POST.get("reason_all", ""),
            publish_error=str(blocked),
            publish_incomplete=blocked.incomplete is not None,
            publish_confirmed=request.POST.get("confirm_incomplete") == "1",
        )
        return render(request, "reviews/index.html", context)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect("reviews:index", pk=project.pk)
    overridden = len(overrides) and version.check_overrides.count()
    note = (
        f" {overridden} blocking finding{'s' if overridden != 1 else ''} overridden, with your reasons recorded on the version."
        if overridden
        else ""
    )
    messages.success(
        request, f"{version.label} published. Reviewers see it through their links.{note}"
    )
    return redirect("deliverables:version", pk=project.pk, number=version.number)


def _link_maker(request: HttpRequest) -> Callable[[str], str]:
    def link_for(token: str) -> str:
        return request.build_absolute_uri(reverse("reviews:client_home", args=[token]))

    return link_for


NEW_LINK_KEY = "reviews.new_link"


def _new_link_redirect(
    request: HttpRequest,
    project: Project,
    invitation: services.Invitation,
    link_for: Callable[[str], str],
    reissued: bool = False,
) -> HttpResponse:
    """Post/redirect/get: the new link waits in the session for the one page view that
    shows it, then is gone. Reloading that page shows nothing again and sends nothing
    again; the database keeps only the link's hash."""
    request.session[NEW_LINK_KEY] = {
        "project": project.pk,
        "reviewer": invitation.reviewer.pk,
        "link": link_for(invitation.token),
        "reissued": reissued,
    }
    return redirect(reverse("reviews:index", args=[project.pk]) + "#new-link")


def _new_link_pop(request: HttpRequest, project: Project) -> tuple[Reviewer, str, bool] | None:
    pending = request.session.get(NEW_LINK_KEY)
    if not isinstance(pending, dict) or pending.get("project") != project.pk:
        return None
    del request.session[NEW_LINK_KEY]
    reviewer_id = pending.get("reviewer")
    if not isinstance(reviewer_id, int):
        return None
    reviewer = Reviewer.objects.filter(project=project, pk=reviewer_id).first()
    if reviewer is None:
        return None
    return reviewer, str(pending.get("link", "")), bool(pending.get("reissued"))


def _project_reviewer(request: HttpRequest, pk: int, reviewer_id: int) -> tuple[Project, Reviewer]:
    project = project_get_for_user(request.user, pk)
    reviewer = Reviewer.objects.filter(project=project, pk=reviewer_id).first()
    if reviewer is None:
        raise Http404
    return project, reviewer


@login_required
@require_POST
def reviewer_invite(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        context = _index_context(project, invite_form=form)
        return render(request, "reviews/index.html", context, status=400)
    link_for = _link_maker(request)
    invitation = services.reviewer_invite(
        project=project,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        user=signed_in_user(request),
        link_for=link_for,
    )
    return _new_link_redirect(request, project, invitation, link_for)


@login_required
@require_POST
def reviewer_reissue(request: HttpRequest, pk: int, reviewer_id: int) -> HttpResponse:
    project, reviewer = _project_reviewer(request, pk, reviewer_id)
    link_for = _link_maker(request)
    invitation = services.reviewer_reissue(
        reviewer=reviewer, user=signed_in_user(request), link_for=link_for
    )
    return _new_link_redirect(request, project, invitation, link_for, reissued=True)


@login_required
@require_POST
def reviewer_revoke(request: HttpRequest, pk: int, reviewer_id: int) -> HttpResponse:
    project, reviewer = _project_reviewer(request, pk, reviewer_id)
    services.share_link_revoke(reviewer=reviewer)
    messages.success(request, f"{reviewer.name}'s link no longer opens anything.")
    return redirect("reviews:index", pk=project.pk)


@login_required
@require_GET
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    if not ProposalVersion.objects.filter(project=project).exists():
        messages.info(request, "Nothing published yet: there is nothing to compare.")
        return redirect("reviews:index", pk=project.pk)
    old, new = selectors.diff_pair(project, request.GET.get("from"), request.GET.get("to"))
    context = {
        "project": project,
        "old": old,
        "new": new,
        "diff": selectors.version_diff(old, new),
        "versions": selectors.version_numbers(project),
        "mode": "consultant",
    }
    return render(request, "reviews/consultant_diff.html", context)


def _back_to(project: Project, request: HttpRequest, comment: Comment) -> HttpResponse:
    number = bounded_int(request.POST.get("back")) or comment.version.number
    url = reverse("deliverables:version", args=[project.pk, number])
    return redirect(f"{url}#comment-{comment.pk}")


@login_required
@require_POST
def version_comment(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    version = selectors.version_get(project, number)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write a comment (under 5,000 characters) first.")
        return redirect("deliverables:version", pk=project.pk, number=number)
    try:
        comment = services.comment_add(
            version=version,
            section=form.cleaned_data["section"],
            element_id=form.cleaned_data["element_id"],
            parent_id=form.cleaned_data["parent"],
            body=form.cleaned_data["body"],
            user=signed_in_user(request),
        )
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect("deliverables:version", pk=project.pk, number=number)
    return redirect(
        reverse("deliverables:version", args=[project.pk, number]) + f"#comment-{comment.pk}"
    )


def _project_comment(project: Project, comment_id: int) -> Comment:
    comment = (
        Comment.objects.filter(pk=comment_id, version__project=project)
        .select_related("version")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    comment = _project_comment(project, comment_id)
    try:
        services.comment_resolve(comment=comment, user=signed_in_user(request))
    except services.ReviewError as exc:
        messages.error(request, str(exc))
    return _back_to(project, request, comment)


@login_required
@require_POST
def comment_reopen(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    comment = _project_comment(project, comment_id)
    try:
        services.comment_reopen(comment=comment)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
    return _back_to(project, request, comment)


@login_required
@require_POST
def challenge_convert(request: HttpRequest, pk: int, feedback_id: int) -> HttpResponse:
    project = project_get_for_user(request.user, pk)
    feedback = (
        Feedback.objects.filter(pk=feedback_id, version__project=project)
        .select_related("version__project__organization", "reviewer")
        .first()
    )
    if feedback is None:
        raise Http404
    form = ChallengeForm(request.POST)
    back = reverse("reviews:index", args=[project.pk]) + f"#feedback-{feedback.pk}"
    if not form.is_valid():
        messages.error(request, "Choose what the challenge becomes.")
        return redirect(back)
    user = signed_in_user(request)
    data = form.cleaned_data
    try:
        if data["target"] == "requirement":
            requirement = services.challenge_to_requirement(
                feedback=feedback,
                user=user,
                kind=data["kind"] or "functional",
                category=data["category"] or form.fields["category"].choices[0][0],  # type: ignore[attr-defined]
                priority=data["priority"] or "should",
                attributes=form.attribute_values(),
            )
            messages.success(
                request,
                f"Requirement {requirement.code} added from the client's challenge. "
                "Publish the next version to show it to the client.",
            )
        else:
            services.challenge_to_answer(feedback=feedback, user=user)
            messages.success(
                request,
                "The challenge was added to the discovery answers. Publish the next version "
                "to regenerate the framework and show it to the client.",
            )
    except services.ReviewError as exc:
        messages.error(request, str(exc))
    return redirect(back)


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    notifications = Notification.objects.filter(user=user).select_related("project")
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reviews/notifications.html", {"page": page})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_read(user=signed_in_user(request))
    return redirect("reviews:notifications")


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    user = signed_in_user(request)
    notification = Notification.objects.filter(user=user, pk=notification_id).first()
    if notification is None:
        raise Http404
    services.notifications_mark_read(user=user, notification_id=notification.pk)
    # Only ever a path of this site, written by the service.
    return redirect(notification.url if notification.url.startswith("/") else "/")


# --- client (by link) --------------------------------------------------------------------


def _client_url(token: str, number: int, anchor: str = "") -> str:
    return reverse("deliverables:client_version", args=[token, number]) + (
        f"#{anchor}" if anchor else ""
    )


@review_page("GET")
def client_home(request: HttpRequest, reviewer: Reviewer, share_token: str) -> HttpResponse:
    latest = ProposalVersion.objects.filter(project=reviewer.project).only("number").first()
    if latest is None:
        context = {
            "reviewer": reviewer,
            "project": reviewer.project,
            "share_token": share_token,
            "brand": branding(reviewer.project.organization),
        }
        return render(request, "reviews/client_waiting.html", context)
    return redirect(_client_url(share_token, latest.number))


@review_page("GET")
def client_diff(request: HttpRequest, reviewer: Reviewer, share_token: str) -> HttpResponse:
    project = reviewer.project
    old, new = selectors.diff_pair(project, request.GET.get("from"), request.GET.get("to"))
    context = {
        "project": project,
        "reviewer": reviewer,
        "share_token": share_token,
        "old": old,
        "new": new,
        "diff": selectors.version_diff(old, new),
        "versions": selectors.version_numbers(project),
        "mode": "client",
        "brand": branding(project.organization),
    }
    return render(request, "reviews/client_diff.html", context)


@review_page("POST")
def client_comment(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    version = selectors.version_get(reviewer.project, number)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write a comment (under 5,000 characters) first.")
        return redirect(_client_url(share_token, number))
    try:
        comment = services.comment_add(
            version=version,
            section=form.cleaned_data["section"],
            element_id=form.cleaned_data["element_id"],
            parent_id=form.cleaned_data["parent"],
            body=form.cleaned_data["body"],
            reviewer=reviewer,
        )
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect(_client_url(share_token, number))
    messages.success(request, "Thank you: your comment was sent to the consultant.")
    return redirect(_client_url(share_token, number, f"comment-{comment.pk}"))


@review_page("POST")
def client_reopen(
    request: HttpRequest, reviewer: Reviewer, share_token: str, comment_id: int
) -> HttpResponse:
    comment = _project_comment(reviewer.project, comment_id)
    try:
        services.comment_reopen(comment=comment)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
    latest = ProposalVersion.objects.filter(project=reviewer.project).only("number").first()
    number = latest.number if latest else comment.version.number
    return redirect(_client_url(share_token, number, f"comment-{comment.pk}"))


@review_page("POST")
def client_feedback(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    version = selectors.version_get(reviewer.project, number)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say whether the proposal aligns with your expectations.")
        return redirect(_client_url(share_token, number, "validation"))
    try:
        services.feedback_submit(version=version, reviewer=reviewer, **form.cleaned_data)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect(_client_url(share_token, number, "validation"))
    messages.success(request, "Thank you: your answers were sent to the consultant.")
    return redirect(_client_url(share_token, number, "validation"))


@review_page("POST")
def client_approve(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    version = selectors.version_get(reviewer.project, number)
    try:
        services.version_approve(
            version=version,
            reviewer=reviewer,
            typed_name=request.POST.get("typed_name", "")[:1000],
        )
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect(_client_url(share_token, number, "decision"))
    messages.success(request, f"You approved {version.label}. Thank you.")
    return redirect(_client_url(share_token, number, "decision"))


@review_page("POST")
def client_request_changes(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    version = selectors.version_get(reviewer.project, number)
    try:
        services.changes_request(
            version=version, reviewer=reviewer, reason=request.POST.get("reason", "")[:6000]
        )
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect(_client_url(share_token, number, "decision"))
    messages.success(
        request, "Your request for changes was sent to the consultant, with your reasons."
    )
    return redirect(_client_url(share_token, number, "decision"))


@review_page("POST")
def client_section_read(
    request: HttpRequest, reviewer: Reviewer, share_token: str, number: int
) -> HttpResponse:
    """Mark a section reviewed (or not) and go on to the next one of the guided read."""
    version = selectors.version_get(reviewer.project, number)
    section = request.POST.get("section", "")
    try:
        services.section_read_set(
            version=version,
            reviewer=reviewer,
            section=section,
            read=request.POST.get("read", "1") == "1",
        )
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect(_client_url(share_token, number))
    after = request.POST.get("next", "")
    anchor = (
        f"sec-{after}"
        if after in services.READABLE_SECTIONS
        else ("decision" if after == "decision" else f"sec-{section}")
    )
    return redirect(_client_url(share_token, number, anchor))
