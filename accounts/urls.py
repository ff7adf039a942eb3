from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import QueuedPasswordResetForm, SignInForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        views.SignInView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        views.ThrottledPasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("ping/", views.ping, name="ping"),
    path("language/", views.language, name="language"),
    path("organization/", views.switch_organization, name="switch_organization"),
    path("organization/settings/", views.organization_settings, name="organization_settings"),
    path("organization/members/", views.member_add, name="member_add"),
    path(
        "organization/members/<int:membership_id>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "organization/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("logo/<str:signed>/", views.organization_logo, name="organization_logo"),
]
