from __future__ import annotations

from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    # The consultant's side.
    path("projects/<int:pk>/proposal/", views.proposal_index, name="index"),
    path("projects/<int:pk>/proposal/publish/", views.version_publish, name="publish"),
    path("projects/<int:pk>/proposal/diff/", views.version_diff, name="diff"),
    path(
        "projects/<int:pk>/proposal/v<int:number>/comments/",
        views.version_comment,
        name="comment",
    ),
    path(
        "projects/<int:pk>/proposal/comments/<int:comment_id>/resolve/",
        views.comment_resolve,
        name="resolve",
    ),
    path(
        "projects/<int:pk>/proposal/comments/<int:comment_id>/reopen/",
        views.comment_reopen,
        name="reopen",
    ),
    path("projects/<int:pk>/proposal/reviewers/", views.reviewer_invite, name="invite"),
    path(
        "projects/<int:pk>/proposal/reviewers/<int:reviewer_id>/reissue/",
        views.reviewer_reissue,
        name="reissue",
    ),
    path(
        "projects/<int:pk>/proposal/reviewers/<int:reviewer_id>/revoke/",
        views.reviewer_revoke,
        name="revoke",
    ),
    path(
        "projects/<int:pk>/proposal/feedback/<int:feedback_id>/challenge/",
        views.challenge_convert,
        name="challenge",
    ),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path(
        "notifications/<int:notification_id>/open/",
        views.notification_open,
        name="notification_open",
    ),
    # The client's side: everything scoped by the link's token, on every request.
    path("r/<str:share_token>/", views.client_home, name="client_home"),
    path("r/<str:share_token>/diff/", views.client_diff, name="client_diff"),
    path(
        "r/<str:share_token>/v<int:number>/comments/",
        views.client_comment,
        name="client_comment",
    ),
    path(
        "r/<str:share_token>/v<int:number>/feedback/",
        views.client_feedback,
        name="client_feedback",
    ),
    path(
        "r/<str:share_token>/v<int:number>/approve/",
        views.client_approve,
        name="client_approve",
    ),
    path(
        "r/<str:share_token>/v<int:number>/request-changes/",
        views.client_request_changes,
        name="client_request_changes",
    ),
    path(
        "r/<str:share_token>/v<int:number>/reviewed/",
        views.client_section_read,
        name="client_section_read",
    ),
    path(
        "r/<str:share_token>/comments/<int:comment_id>/reopen/",
        views.client_reopen,
        name="client_reopen",
    ),
]
